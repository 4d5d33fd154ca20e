"""The patient's inputs in words come from the vocabulary file: labels, help, value words, the
form's groups and the phrases of patient prose. Change the data and the words a learner reads
change with it; break it and it is refused whole, naming the key."""

import copy
import random

import pytest

from micromets import DataFileError, Patient
from micromets.ground.datafiles import read_packaged
from micromets.ground.patient_words import parse_patient_words, shipped_patient_words
from micromets.pathway import prose
from micromets.pathway.patient import INPUT_FIELDS
from micromets.views.form import choice_label, input_groups


def shipped_section() -> dict:
    return copy.deepcopy(read_packaged("data/vocabulary.yaml")["patient"])


def test_every_input_has_its_label_and_help_from_the_data_and_sits_in_one_group():
    words = shipped_patient_words()
    assert set(words.fields) == set(INPUT_FIELDS)
    for name, spec in INPUT_FIELDS.items():
        assert (spec.label, spec.help) == (words.label(name), words.help(name))
    grouped = [name for _, names in input_groups() for name in names]
    assert sorted(grouped) == sorted(INPUT_FIELDS) and len(grouped) == len(set(grouped))
    assert [title for title, _ in input_groups()] == [title for title, _ in words.groups]


def test_every_named_value_of_a_choice_input_has_words():
    vocabulary_codes = {"surgery", "menopause"}  # their words are plan codes too (codes: in the vocabulary)
    for name, spec in INPUT_FIELDS.items():
        if spec.kind == "choice" and name not in vocabulary_codes:
            assert all(shipped_patient_words().has_value(name, v) for v in spec.choices), name


def test_a_translation_is_a_data_change(monkeypatch):
    section = shipped_section()
    section["values"]["er"]["pos"] = {"label": "Positif", "text": "positif", "sign": "+"}
    section["prose"]["surgery_done"]["mastectomy"] = "une mastectomie"
    section["prose"]["plan_parts"]["axilla"] = "l'aisselle"
    section["prose"]["vignette"]["no_deposit"] = "Les ganglions sentinelles sont indemnes."
    translated = parse_patient_words(section, "mine.yaml")
    monkeypatch.setattr(prose, "_WORDS", translated)
    patient = Patient(1.2, "pos", "neg", "neg", "post", "mastectomy")
    text = prose.vignette(patient, random.Random(0))
    assert "ER positif" in text and "had une mastectomie" in text
    assert prose.value_words("er", "pos") == "Oestrogen receptor: positif"
    assert "Les ganglions sentinelles sont indemnes." in prose.vignette(Patient(0, "pos", "pos", "neg", "post", "bcs"))


def test_the_shipped_words_read_as_before():
    patient = Patient(1.2, "pos", "neg", "pos", "pre", "mastectomy", neoadjuvant="yes")
    assert patient.describe().startswith("1.2 mm deposit (micrometastasis, ypN1mi) in 1 node; ER+ PR- HER2+;")
    assert patient.describe().endswith("; premenopausal; mastectomy; after neoadjuvant systemic therapy")
    text = prose.vignette(patient, random.Random(0))
    assert "had a mastectomy after neoadjuvant systemic therapy" in text and "ER positive, PR negative" in text
    assert prose.subtype(patient) == "HR+ HER2+"
    assert (
        choice_label(INPUT_FIELDS["er"], "pos") == "Pos" and choice_label(INPUT_FIELDS["neoadjuvant"], "yes") == "Yes"
    )


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda s: s["fields"]["er"].update(label=""), "patient.fields.er.label"),
        (lambda s: s["groups"][0]["fields"].append({"ki67": 1}), "patient.groups[0].fields"),
        (lambda s: s["values"]["her2"]["neg"].pop("text"), "patient.values.her2.neg"),
        (lambda s: s.pop("prose"), "patient"),
        (lambda s: s["prose"]["vignette"].pop("history"), "patient.prose.vignette.history"),
        (lambda s: s["prose"]["summary"].update(age="age $"), "patient.prose.summary.age"),
    ],
)
def test_a_broken_section_is_refused_naming_the_key(change, key):
    section = shipped_section()
    change(section)
    with pytest.raises(DataFileError) as refused:
        parse_patient_words(section, "mine.yaml")
    assert f"mine.yaml: {key}" in str(refused.value)
