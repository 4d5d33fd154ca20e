"""Property tests over the whole input space (10,000 generated patients under CI=true)."""

from hypothesis import given

from micromets import load_ruleset, recommend, registry, shipped_names

from ..conftest import patients
from .test_pathway_grid import considered_only

CONTRACT_KEYS = {
    "ruleset",
    "deposit_class",
    "nodal_category",
    "axilla",
    "systemic",
    "radiation",
    "warnings",
    "steps",
    "path",
}


@given(patients())
def test_every_patient_gets_a_complete_cited_plan_obeying_the_clinical_invariants(patient):
    known = registry()
    for name in shipped_names():
        plan = recommend(patient, name)
        data = plan.to_dict()
        assert set(data) >= CONTRACT_KEYS
        assert data["axilla"] and data["radiation"] and data["systemic"]["options"]
        assert data["path"][0] == load_ruleset(name).start
        assert data["steps"], "a plan explains itself"
        for step in data["steps"]:
            assert step["citations"] and all(c in known for c in step["citations"])
            assert step["text"] and step["evidence"]
        if patient.deposit_class in ("itc", "micrometastasis", "none") and patient.neoadjuvant == "no":
            assert data["axilla"] == "no_alnd"  # IBCSG 23-01 applies to surgery first only
        options = data["systemic"]["options"]
        for option in options:
            if patient.hr_status == "neg":
                assert "endocrine" not in option
            if patient.her2 == "pos" and not considered_only(patient):
                assert {"trastuzumab", "trastuzumab_emtansine"} & set(option)  # anti-HER2 therapy
            if "chemotherapy" in option and "endocrine" in option:
                assert option.index("chemotherapy") < option.index("endocrine")
            assert len(set(option)) == len(option)
        if patient.her2 == "pos":
            assert {"trastuzumab", "trastuzumab_emtansine"} & set(options[0])  # preferred: anti-HER2 therapy
        if patient.hr_status == "pos":  # endocrine therapy, or none where even that is only considered (T1a N0)
            assert all("endocrine" in o or o == ["no_adjuvant_systemic_therapy"] for o in options)
        if patient.surgery == "bcs":
            assert data["radiation"].startswith("whole_breast")
