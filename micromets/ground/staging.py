"""Nodal staging by the AJCC 8th edition: deposit class and pathological N category.

The definitions (AJCC Cancer Staging Manual, 8th edition; wording as reproduced in the
NCI PDQ table, NBK65744) are:

* isolated tumour cells (ITC): no cluster larger than 0.2 mm **and** no more than 200
  cells in one cross-section -> pN0(i+); ITC-only nodes are not counted as positive;
* micrometastasis: larger than 0.2 mm and/or more than 200 cells, none larger than
  2.0 mm -> pN1mi;
* macrometastasis: larger than 2.0 mm -> pN1a (1-3 nodes), pN2a (4-9), pN3a (10 or more).

After neoadjuvant (preoperative) systemic therapy the same categories carry the ``y``
prefix (``ypN0``, ``ypN0(i+)``, ``ypN1mi``, ...): a deposit found then is residual disease.

Boundaries are inclusive exactly as written: 0.2 mm and 200 cells are still ITC, 2.0 mm
is still a micrometastasis.
"""

from __future__ import annotations

import math

from .errors import InputError

DEPOSIT_CLASSES = ("none", "itc", "micrometastasis", "macrometastasis")
NODAL_CATEGORIES = ("pN0", "pN0(i+)", "pN1mi", "pN1a", "pN2a", "pN3a")
# After neoadjuvant systemic therapy (AJCC: the "y" prefix marks staging after treatment).
YP_NODAL_CATEGORIES = tuple("y" + c for c in NODAL_CATEGORIES)
ALL_NODAL_CATEGORIES = NODAL_CATEGORIES + YP_NODAL_CATEGORIES

ITC_MAX_MM = 0.2
ITC_MAX_CELLS = 200
MICROMETASTASIS_MAX_MM = 2.0


def _check_size(size_mm: object) -> float:
    if isinstance(size_mm, bool) or not isinstance(size_mm, (int, float)):
        raise InputError("deposit_mm", f"got {size_mm!r}; allowed: a number of millimetres >= 0")
    if not math.isfinite(size_mm) or size_mm < 0:
        raise InputError(
            "deposit_mm", f"got {size_mm!r}; allowed: a finite number of millimetres >= 0 (0 means none found)"
        )
    return float(size_mm)


def _check_cells(cells: object) -> int | None:
    if cells is None:
        return None
    if isinstance(cells, bool) or not isinstance(cells, int) or cells < 0:
        raise InputError("cells", f"got {cells!r}; allowed: a whole number >= 0, or None")
    return cells


def classify_deposit(size_mm: float, cells: int | None = None) -> str:
    """Classify the largest nodal tumour deposit (AJCC 8th edition).

    ``size_mm`` is the largest deposit in millimetres (0 means no deposit was found);
    ``cells`` is the optional count of cells in the largest cluster of one cross-section.

    >>> classify_deposit(0.2)
    'itc'
    >>> classify_deposit(0.15, cells=250)
    'micrometastasis'
    >>> classify_deposit(2.0)
    'micrometastasis'
    >>> classify_deposit(2.1)
    'macrometastasis'
    """
    size = _check_size(size_mm)
    count = _check_cells(cells)
    if size == 0:
        if count:
            raise InputError("cells", f"got {count}, but the deposit size is 0 (none found); allowed: 0 or none")
        return "none"
    if size > MICROMETASTASIS_MAX_MM:
        return "macrometastasis"
    if size > ITC_MAX_MM or (count is not None and count > ITC_MAX_CELLS):
        return "micrometastasis"
    return "itc"


def nodal_category(deposit_class: str, positive_nodes: int, neoadjuvant: bool = False) -> str:
    """The AJCC 8th-edition pN category for a deposit class and a count of positive nodes.

    Micrometastases stay pN1mi whatever the node count, because pN2a and pN3a require at
    least one deposit larger than 2.0 mm (how to code micrometastases in four or more
    nodes is an open question the engine warns about). After neoadjuvant therapy the
    category carries the ``y`` prefix.

    >>> nodal_category("micrometastasis", 1)
    'pN1mi'
    >>> nodal_category("macrometastasis", 4)
    'pN2a'
    >>> nodal_category("micrometastasis", 1, neoadjuvant=True)
    'ypN1mi'
    """
    category = _pn_category(deposit_class, positive_nodes)
    return "y" + category if neoadjuvant else category


def _pn_category(deposit_class: str, positive_nodes: int) -> str:
    if deposit_class not in DEPOSIT_CLASSES:
        raise InputError("deposit_class", f"got {deposit_class!r}; allowed: {', '.join(DEPOSIT_CLASSES)}")
    if deposit_class == "none":
        return "pN0"
    if deposit_class == "itc":
        return "pN0(i+)"
    if deposit_class == "micrometastasis":
        return "pN1mi"
    if positive_nodes >= 10:
        return "pN3a"
    if positive_nodes >= 4:
        return "pN2a"
    return "pN1a"


def cells_decide(size_mm: float) -> bool:
    """Whether a cell count can change the deposit class at this size (only up to 0.2 mm).

    >>> cells_decide(0.15), cells_decide(0.5), cells_decide(0)
    (True, False, False)
    """
    return 0 < size_mm <= ITC_MAX_MM
