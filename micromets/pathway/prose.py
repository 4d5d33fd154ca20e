"""Patient prose: every sentence and summary line that describes a patient is written here.

The one-line summary (``Patient.describe``), the exercise vignettes, the receptor subtype in
reports and a changed input as a quiz says it all take their words from the vocabulary
(``micromets/data/vocabulary.yaml``: ``codes`` and ``patient``), and so does the grammar they
follow (``patient.grammar``: the articles, the number words, the separators), so a translation
or an instructor's wording is a data change. This module only puts the words in order.

>>> from micromets import Patient
>>> p = Patient(1.2, "pos", "pos", "neg", "post", "bcs")
>>> subtype(p), value_words("er", "neg")
('HR+ HER2-', 'Oestrogen receptor: negative')
"""

from __future__ import annotations

import random
import re

from ..ground.vocabulary import shipped
from ..ground.words.patient import shipped_patient_words

_WORDS = shipped_patient_words()
# The receptors as named in a sentence and a summary ("ER positive", "ER+"): their standard
# abbreviations, which are not translated.
_RECEPTOR = {"er": "ER", "pr": "PR", "her2": "HER2"}
_FIGURE = re.compile(r"[0-9]+")  # a word that is a figure begins with digits ("18", "11.5 mm")


def describe(patient) -> str:
    """A one-line clinical summary of the patient.

    >>> from micromets import Patient
    >>> describe(Patient(1.2, "pos", "pos", "neg", "post", "bcs"))
    '1.2 mm deposit (micrometastasis, pN1mi) in 1 node; ER+ PR+ HER2-; postmenopausal; breast-conserving surgery'
    """
    words, say = shipped(), _WORDS.phrase
    if patient.deposit_class == "none":
        deposit = say(
            "summary", "no_deposit", deposit_class=words.text("deposit_class", "none"), category=patient.nodal_category
        )
    else:
        count = patient.positive_nodes
        nodes = say("summary", "one_node") if count == 1 else say("summary", "nodes", count=count)
        deposit = say(
            "summary",
            "deposit",
            size=f"{patient.deposit_mm:g}",
            deposit_class=words.text("deposit_class", patient.deposit_class),
            category=patient.nodal_category,
            nodes=nodes,
        )
    parts = [
        deposit,
        " ".join(f"{name}{_WORDS.sign(f, getattr(patient, f))}" for f, name in _RECEPTOR.items()),
        words.text("menopause", patient.menopause),
        words.text("surgery", patient.surgery),
    ]
    if patient.neoadjuvant == "yes":
        parts.append(_WORDS.value_text("neoadjuvant", "yes"))
        if patient.clinical_nodes is not None:
            parts.append(_WORDS.value_text("clinical_nodes", patient.clinical_nodes))
    if patient.gbrca != "unknown":
        parts.append(_WORDS.value_text("gbrca", patient.gbrca))
    extras = [
        say("summary", "age", age=patient.age) if patient.age is not None else "",
        say("summary", "tumour", size=f"{patient.tumor_mm:g}") if patient.tumor_mm is not None else "",
        say("summary", "grade", grade=patient.grade) if patient.grade is not None else "",
        say("summary", "recurrence_score", score=patient.recurrence_score)
        if patient.recurrence_score is not None
        else "",
    ]
    return _WORDS.grammar.summary_separator.join(parts + [e for e in extras if e])


def subtype(patient) -> str:
    """The receptor subtype in the summary's notation ("HR+ HER2-").

    >>> from micromets import Patient
    >>> subtype(Patient(1.0, "neg", "neg", "pos", "pre", "bcs"))
    'HR- HER2+'
    """
    return f"HR{_WORDS.sign('hr_status', patient.hr_status)} HER2{_WORDS.sign('her2', patient.her2)}"


def value_text(field: str, value) -> str:
    """An input's value as a sentence says it ("negative", "mastectomy", "1.2", "unknown").

    >>> value_text("her2", "pos"), value_text("deposit_mm", 1.2), value_text("age", None)
    ('positive', '1.2', 'unknown')
    """
    if value is None:
        return _WORDS.grammar.unknown
    if not isinstance(value, str):
        return f"{value:g}"
    if _WORDS.has_value(field, value):
        return _WORDS.value_text(field, value)
    return shipped().text(field, value) if shipped().has(field, value) else value


def value_words(field: str, value) -> str:
    """One input and its value as a quiz says it ("Oestrogen receptor: negative").

    >>> value_words("surgery", "mastectomy"), value_words("recurrence_score", None)
    ('Breast surgery: mastectomy', '21-gene recurrence score: unknown')
    """
    return f"{_WORDS.label(field)}: {value_text(field, value)}"


def indefinite(word: str) -> str:
    """The word with its indefinite article as it is spoken ("an 80-year-old", "an 11 mm", "a 1.5 mm").

    The articles and what each goes before are data (``patient.grammar.indefinite``); a figure
    is matched by the number it is spoken as, its thousands dropped (18 500: 18).

    >>> [indefinite(w) for w in ("adult", "80-year-old", "18 mm", "11.5 mm", "1.5 mm", "110 mm", "62-year-old")]
    ['an adult', 'an 80-year-old', 'an 18 mm', 'an 11.5 mm', 'a 1.5 mm', 'a 110 mm', 'a 62-year-old']
    """
    figure = _FIGURE.match(word)
    spoken = int(figure.group()) if figure else None
    while spoken is not None and spoken >= 1000:
        spoken //= 1000

    def fits(rule) -> bool:
        if rule.takes_every_word:
            return True
        if spoken is None:
            return word.lower().startswith(rule.words)
        return str(spoken).startswith(rule.digits) or spoken in rule.numbers

    # The grammar's last article fits every word (the vocabulary loader refuses a grammar without one).
    return f"{next(rule.article for rule in _WORDS.grammar.articles if fits(rule))} {word}"


def sentence(text: str) -> str:
    """Capitalise a sentence's first letter; a sentence never starts with a figure (the number
    words and the "total" phrase are data: ``patient.grammar``).

    >>> sentence("an 80-year-old woman"), sentence("2 nodes hold deposits"), sentence("12 nodes hold deposits")
    ('An 80-year-old woman', 'Two nodes hold deposits', 'A total of 12 nodes hold deposits')
    """
    grammar = _WORDS.grammar
    numbers = {str(n): word for n, word in enumerate(grammar.sentence_numbers, start=1)}
    head, _, rest = text.partition(" ")
    if head in numbers:
        return f"{numbers[head]} {rest}"
    if _FIGURE.match(head):
        return f"{grammar.total} {text}"
    return text[:1].upper() + text[1:]


def vignette(patient, rng: random.Random | None = None) -> str:
    """A clinical vignette written from the patient's fields (stating findings, never the answers).

    >>> from micromets import Patient
    >>> vignette(Patient(1.2, "pos", "pos", "neg", "post", "bcs", age=81, tumor_mm=8), random.Random(1))[:45]
    'An 81-year-old postmenopausal woman had breas'
    """
    rng = rng or random.Random(0)

    def say(key: str, **names) -> str:
        return _WORDS.phrase("vignette", key, **names)

    who = say("aged", age=patient.age) if patient.age is not None else say("adult")
    tumour = say("carcinoma")
    if patient.tumor_mm is not None:
        tumour = indefinite(say("sized_carcinoma", size=f"{patient.tumor_mm:g}"))
    if patient.grade is not None:
        tumour = say("graded", tumour=tumour, grade=patient.grade)
    before = f" {_WORDS.value_text('neoadjuvant', 'yes')}" if patient.neoadjuvant == "yes" else ""
    if patient.deposit_mm == 0:
        nodes = say("no_deposit")
    else:
        count = patient.positive_nodes
        where = say("one_node") if count == 1 else say("nodes", count=count)
        cells = say("cells", cells=patient.cells) if patient.cells is not None else ""
        nodes = say("deposits", where=where, size=f"{patient.deposit_mm:g}", cells=cells)
    receptors = _WORDS.grammar.list_separator.join(
        say("receptor", receptor=name, status=_WORDS.value_text(f, getattr(patient, f)))
        for f, name in _RECEPTOR.items()
    )
    score = f" {say('score', score=patient.recurrence_score)}" if patient.recurrence_score is not None else ""
    # The inputs only some routes read: the nodes before neoadjuvant therapy, a known germline result.
    extra = ""
    if before and patient.clinical_nodes is not None:
        extra += f" {sentence(_WORDS.value_text('clinical_nodes', patient.clinical_nodes))}."
    if patient.gbrca != "unknown":
        extra += f" {say('germline', result=_WORDS.value_text('gbrca', patient.gbrca))}"
    woman = indefinite(say("woman", age=who, menopause=shipped().text("menopause", patient.menopause)))
    opener = say(rng.choice(["opener_plain", "opener_clinic", "opener_meeting"]), woman=woman)
    history = say(
        "history",
        opener=sentence(opener),
        surgery=_WORDS.phrase("surgery_done", patient.surgery),
        before=before,
        tumour=tumour,
    )
    return f"{history} {nodes} {receptors}.{score}{extra}"
