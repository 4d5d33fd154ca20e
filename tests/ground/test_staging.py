"""AJCC 8th-edition staging: deposit classes and pN categories at their exact boundaries."""

import pytest

from micromets import InputError, Patient, classify_deposit, nodal_category


@pytest.mark.parametrize(
    "size, cells, expected",
    [
        (0, None, "none"),
        (0.0, 0, "none"),
        (0.01, None, "itc"),
        (0.2, None, "itc"),  # 0.2 mm is still ITC (inclusive)
        (0.2000001, None, "micrometastasis"),
        (0.2, 200, "itc"),  # 200 cells is still ITC
        (0.2, 201, "micrometastasis"),  # >200 cells makes a micrometastasis even if small
        (0.05, 5000, "micrometastasis"),
        (1.0, None, "micrometastasis"),
        (2.0, None, "micrometastasis"),  # 2.0 mm is still micro (inclusive)
        (2.0000001, None, "macrometastasis"),
        (2.1, 10, "macrometastasis"),
        (25, None, "macrometastasis"),
    ],
)
def test_classify_deposit_boundaries(size, cells, expected):
    assert classify_deposit(size, cells) == expected


@pytest.mark.parametrize(
    "size, cells, field",
    [
        (-0.1, None, "deposit_mm"),
        (float("nan"), None, "deposit_mm"),
        ("1.2", None, "deposit_mm"),
        (True, None, "deposit_mm"),
        (1.0, -1, "cells"),
        (1.0, 2.5, "cells"),
        (0, 300, "cells"),
    ],
)
def test_classify_deposit_refuses_impossible_input(size, cells, field):
    with pytest.raises(InputError) as error:
        classify_deposit(size, cells)
    assert error.value.field == field
    assert "allowed" in str(error.value)


@pytest.mark.parametrize(
    "deposit, nodes, expected",
    [
        ("none", 0, "pN0"),
        ("itc", 1, "pN0(i+)"),
        ("itc", 5, "pN0(i+)"),
        ("micrometastasis", 1, "pN1mi"),
        ("micrometastasis", 3, "pN1mi"),
        ("micrometastasis", 6, "pN1mi"),
        ("macrometastasis", 1, "pN1a"),
        ("macrometastasis", 3, "pN1a"),
        ("macrometastasis", 4, "pN2a"),
        ("macrometastasis", 9, "pN2a"),
        ("macrometastasis", 10, "pN3a"),
        ("macrometastasis", 30, "pN3a"),
    ],
)
def test_nodal_category_by_node_count(deposit, nodes, expected):
    assert nodal_category(deposit, nodes) == expected


def test_patient_derives_category_and_default_node_count():
    micro = Patient(deposit_mm=2.0, er="pos", pr="neg", her2="neg", menopause="pre", surgery="bcs")
    assert (micro.deposit_class, micro.nodal_category, micro.positive_nodes) == ("micrometastasis", "pN1mi", 1)
    negative = Patient(deposit_mm=0, er="neg", pr="neg", her2="neg", menopause="pre", surgery="bcs")
    assert (negative.nodal_category, negative.positive_nodes) == ("pN0", 0)
    macro = Patient(
        deposit_mm=4, positive_nodes=10, er="neg", pr="pos", her2="neg", menopause="pre", surgery="mastectomy"
    )
    assert macro.nodal_category == "pN3a" and macro.hr_status == "pos"
