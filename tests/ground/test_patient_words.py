"""The patient's inputs in words come from the vocabulary file: labels, help, value words, the
form's groups, the phrases of patient prose and the grammar they follow. Change the data and the
words a learner reads change with it; break it and it is refused whole, naming the key."""

import copy
import random

import pytest

from micromets import DataFileError, Patient
from micromets.ground.datafiles import read_packaged
from micromets.ground.words.patient import parse_patient_words, shipped_patient_words
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


def _article(section: dict, i: int = 0) -> dict:
    return section["grammar"]["indefinite"][i]


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda s: s["fields"]["er"].update(label=""), "patient.fields.er.label"),
        (lambda s: s["groups"][0]["fields"].append({"ki67": 1}), "patient.groups[0].fields"),
        (lambda s: s["values"]["her2"]["neg"].pop("text"), "patient.values.her2.neg"),
        (lambda s: s.pop("prose"), "patient"),
        (lambda s: s["prose"]["vignette"].pop("history"), "patient.prose.vignette.history"),
        (lambda s: s["prose"]["summary"].update(age="age $"), "patient.prose.summary.age"),
        (lambda s: s.pop("grammar"), "patient"),
        (lambda s: s["grammar"].pop("unknown"), "patient.grammar.unknown"),
        (lambda s: s["grammar"].update(plural="s"), "patient.grammar.plural"),
        (lambda s: s["grammar"].update(indefinite=[]), "patient.grammar.indefinite"),
        (lambda s: _article(s).update(words="a"), "patient.grammar.indefinite[0].words"),
        (lambda s: _article(s).update(digits=["eight"]), "patient.grammar.indefinite[0].digits[0]"),
        (lambda s: _article(s).update(numbers=[11, True]), "patient.grammar.indefinite[0].numbers[1]"),
        (lambda s: _article(s).update(colour="red"), "patient.grammar.indefinite[0].colour"),
        (lambda s: _article(s).pop("article"), "patient.grammar.indefinite[0].article"),
        (lambda s: s["grammar"]["indefinite"].pop(), "patient.grammar.indefinite[0]"),  # no article for the rest
        (lambda s: s["grammar"]["indefinite"].insert(0, {"article": "a"}), "patient.grammar.indefinite[0]"),
        (lambda s: s["grammar"].update(sentence_numbers=["One", " "]), "patient.grammar.sentence_numbers[1]"),
        (lambda s: s["grammar"].update(total=""), "patient.grammar.total"),
        (lambda s: s["grammar"].update(list_separator=""), "patient.grammar.list_separator"),
        (lambda s: s["grammar"].update(summary_separator=";\n"), "patient.grammar.summary_separator"),
    ],
)
def test_a_broken_section_or_grammar_is_refused_naming_the_key(change, key):
    section = shipped_section()
    change(section)
    with pytest.raises(DataFileError) as refused:
        parse_patient_words(section, "mine.yaml")
    assert f"mine.yaml: {key}:" in str(refused.value)


def test_an_instructors_grammar_changes_the_prose_without_a_code_change(monkeypatch):
    shipped_words = (prose.indefinite("hour"), prose.sentence("12 nodes hold deposits"), prose.value_text("age", None))
    assert shipped_words == ("a hour", "A total of 12 nodes hold deposits", "unknown")
    section = shipped_section()
    grammar = section["grammar"]
    grammar["indefinite"][0]["words"].append("hour")  # a house style: "an hour", as it is spoken
    grammar["sentence_numbers"] += ["Eight", "Nine", "Ten", "Eleven", "Twelve"]
    grammar.update(unknown="not recorded", list_separator=" / ", summary_separator=" | ")
    monkeypatch.setattr(prose, "_WORDS", parse_patient_words(section, "mine.yaml"))
    assert prose.indefinite("hour") == "an hour" and prose.indefinite("18 mm") == "an 18 mm"
    assert prose.sentence("12 nodes hold deposits") == "Twelve nodes hold deposits"
    assert prose.value_words("recurrence_score", None) == "21-gene recurrence score: not recorded"
    patient = Patient(1.2, "pos", "neg", "neg", "post", "bcs")
    assert prose.describe(patient).startswith("1.2 mm deposit (micrometastasis, pN1mi) in 1 node | ER+ PR- HER2- |")
    assert "ER positive / PR negative / HER2 negative." in prose.vignette(patient, random.Random(0))


def test_a_language_with_one_indefinite_article_needs_only_data(monkeypatch):
    section = shipped_section()
    section["grammar"]["indefinite"] = [{"article": "ein"}]  # the last (here the only) article takes every word
    monkeypatch.setattr(prose, "_WORDS", parse_patient_words(section, "mine.yaml"))
    patient = Patient(1.2, "pos", "pos", "neg", "post", "bcs", age=81, tumor_mm=8)
    text = prose.vignette(patient, random.Random(1))
    assert text.startswith("Ein 81-year-old postmenopausal woman") and "for ein 8 mm invasive breast carcinoma" in text
