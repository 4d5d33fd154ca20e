"""micromets: an evidence-traceable teaching workbook for axillary micrometastases (pN1mi).

The clinical logic is a ruleset (data) walked by one engine; every view reads it.
For education only, never for treating a patient.

>>> import micromets
>>> plan = micromets.recommend(micromets.Patient(deposit_mm=1.2, er="pos", pr="pos", her2="neg",
...                                               menopause="post", surgery="bcs"))
>>> plan.to_dict()["axilla"]
'no_alnd'
"""

from . import _aliases
from .ground.errors import DataFileError, InputError
from .ground.evidence import registry
from .ground.staging import classify_deposit, nodal_category
from .pathway.engine import DISCLAIMER, Plan, recommend, walk
from .pathway.patient import INPUT_FIELDS, Patient, PatientError
from .pathway.ruleset import Ruleset, load_ruleset, shipped_names

__all__ = [
    "DISCLAIMER",
    "DataFileError",
    "INPUT_FIELDS",
    "InputError",
    "Patient",
    "PatientError",
    "Plan",
    "Ruleset",
    "classify_deposit",
    "load_ruleset",
    "nodal_category",
    "recommend",
    "registry",
    "shipped_names",
    "walk",
]
__version__ = "0.1.0"

_aliases.install()
