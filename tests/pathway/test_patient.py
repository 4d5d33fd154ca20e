"""Patient validation: every bad value is refused with the field and what is allowed."""

import pytest

from micromets import InputError, Patient

GOOD = {"deposit_mm": 1.0, "er": "pos", "pr": "pos", "her2": "neg", "menopause": "post", "surgery": "bcs"}


@pytest.mark.parametrize(
    "field, value, allowed",
    [
        ("er", "positive", "pos or neg"),
        ("her2", None, "pos or neg"),
        ("menopause", "peri", "pre or post"),
        ("surgery", "lumpectomy", "bcs or mastectomy"),
        ("deposit_mm", -1, "of 0 or more"),
        ("deposit_mm", float("inf"), "of 0 or more"),
        ("recurrence_score", 101, "0 to 100"),
        ("recurrence_score", 12.5, "whole number"),
        ("grade", 4, "1 to 3"),
        ("age", 5, "18 to 120"),
        ("positive_nodes", -1, "of 0 or more"),
        ("tumor_mm", 0, "of 0.1 or more"),
        ("cells", "many", "whole number"),
    ],
)
def test_bad_field_names_field_and_allowed_values(field, value, allowed):
    with pytest.raises(ValueError) as error:
        Patient(**{**GOOD, field: value})
    assert isinstance(error.value, InputError)
    assert error.value.field == field
    assert str(error.value).startswith(f"{field}: ")
    assert allowed in str(error.value)


def test_node_count_must_agree_with_the_deposit():
    with pytest.raises(InputError, match="positive_nodes"):
        Patient(**{**GOOD, "deposit_mm": 0, "positive_nodes": 2})
    with pytest.raises(InputError, match="positive_nodes"):
        Patient(**{**GOOD, "positive_nodes": 0})


def test_itc_only_nodes_may_be_counted_as_zero_positive_nodes():
    p = Patient(**{**GOOD, "deposit_mm": 0.1, "positive_nodes": 0})
    assert p.nodal_category == "pN0(i+)" and p.positive_nodes == 0


def test_whole_number_floats_are_accepted_for_counts():
    assert Patient(**{**GOOD, "positive_nodes": 2.0}).positive_nodes == 2


def test_patient_is_immutable():
    p = Patient(**GOOD)
    with pytest.raises(AttributeError):
        p.er = "neg"
