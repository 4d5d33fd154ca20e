"""The words of the questions, read from the ``questions:`` section of the vocabulary file.

Each kind of question's title and prompt, the phrases of the feedback that explains an answer
("Decided at ...", "The source article answers differently: ...", the staging sentence) and
the joins of a list of answers or trials are English, so they are data: a translation or an
instructor's wording is an edit of ``micromets/data/vocabulary.yaml``. The engine answers
every question and ``micromets/exercises/questions.py`` puts these words around its answer;
the class report's page and terminal summary (``micromets/exercises/report.py``) are worded by
its ``report:`` part; this module reads them and refuses a malformed section whole, naming the key.

>>> words = shipped_question_words()
>>> words.title("stage_it"), words.say("either", alternatives="A; or B"), words.joins["last"]
('Stage it', 'either A; or B', ' and ')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from string import Template
from types import MappingProxyType

from ..checks import check_keys, join_of, phrase_of, require, section_of, text_of
from ..datafiles import read_packaged
from .phrases import fill_html, parse_phrases

SOURCE = "micromets/data/vocabulary.yaml"

# Every kind of question the exercises ask, in the order a quiz and the CLI list them.
QUESTION_IDS = (
    "nodal_category",
    "axilla",
    "systemic",
    "radiation",
    "bone_agent",
    "change_axilla",
    "change_systemic",
    "order_treatment",
    "article_or_trials",
    "stage_it",
)
JOINS = ("alternatives", "list", "last", "sources", "report", "order", "ticked")
# Every phrase the questions ask for, with the $names each one must use.
PHRASES = MappingProxyType(
    {
        "yes": (),
        "no": (),
        "no_option": (),
        "either": ("alternatives",),
        "decided_at": ("node",),
        "answer_no": ("why",),
        "branch_never_reaches": ("question", "answer"),
        "no_step_adds": (),
        "article_answers": ("answer",),
        "rests_on": ("trials",),
        "rests_on_uncited": ("trials",),
        "article_step": ("quote",),
        "staging": ("size", "cells", "deposit_class", "nodes", "after", "category"),
        "staging_cells": ("cells",),
        "staging_after": (),
        "one_node": (),
        "nodes": ("count",),
        "report_no_deposit": (),
        "report_deposit": ("size",),
        "report_cells": ("cells",),
        "report_nodes": ("nodes",),
        "report_neoadjuvant": (),
        "report_surgery_first": (),
        "report_end": (),
        "stage_it": ("report",),
        "change_choice": ("change", "now"),
        "changes_it": ("change", "was", "then"),
        "turn": ("question", "answer"),
        "step_then": ("step",),
        "article_or_trials": ("part",),
        "pathway_says": ("title", "answer", "step"),
        "article_says": ("answer", "step"),
        "what_changed": ("sources",),
        "no_answer": (),
        "not_offered": ("answer",),
        "not_a_choice": ("answer",),
        "solution_question": ("prompt",),
        "solution_answer": ("answer",),
        "solution_why": ("why",),
    }
)


# The quiz's own words around the questions, with the $names each one must use.
QUIZ = MappingProxyType(
    {
        "your_name": (),
        "case": ("number",),
        "where": ("number", "count"),
        "previous": (),
        "next": (),
        "check": (),
        "save": (),
        "saved": ("file",),
        "score": ("right", "total"),
        "checked": ("checked", "total"),
        "no_answer_yet": (),
        "correct": (),
        "not_quite": (),
        "the_answer": ("answer",),
        "sources": (),
        "tick_hint": (),
        "your_plan": ("plan",),
        "nothing_ticked": (),
        "order_hint": (),
        "start_again": (),
        "your_order": ("order",),
        "nothing_placed": (),
        "more_to_place": ("count",),
        "check_yourself": (),
    }
)


# The exercise notebooks' own words, with the $names each one must use.
NOTEBOOKS = MappingProxyType(
    {
        "student": ("check", "save"),
        "solutions": ("title",),
        "solutions_intro": ("ruleset",),
        "sources": (),
        "nbgrader": (),
        "question": ("number", "prompt"),
        "checked_when_graded": ("number",),
        "not_the_answer": (),
        "right": (),
    }
)


# The class report's own words (``python -m micromets report``), with the $names each one must use.
REPORT = MappingProxyType(
    {
        "by_case_caption": (),
        "by_part_caption": (),
        "learner": (),
        "score": (),
        "case": (),
        "all_cases": (),
        # The page's headings, its summary cards and its tables' column headings.
        "at_a_glance": (),
        "by_part": (),
        "by_subtype": (),
        "hardest_first": (),
        "learners": (),
        "notes": (),
        "card_learners": (),
        "card_asked": (),
        "card_median": (),
        "card_range": (),
        "card_notes": (),
        "part_of_the_plan": (),
        "subtype": (),
        "questions": (),
        "right": (),
        "share": (),
        "question": (),
        "most_common_wrong": (),
        "pathways_answer": (),
        "why": (),
        "answered": (),
        "to_review": (),
        # The page's sentences.
        "title": ("title",),
        "hardest": ("question", "right", "learners", "chose"),
        "most_chose": ("answer",),
        "shading": ("high", "mid", "low"),
        "shade_high": (),
        "shade_mid": (),
        "shade_low": (),
        "every_answer": ("count",),
        "missed_count": ("count",),
        "no_notes": (),
        "made_with": ("command",),
        "graded_by": ("ruleset",),
        "learners_one": ("count",),
        "learners_many": ("count",),
        # The one screen printed in the terminal (summary_text).
        "summary_head": ("title", "ruleset", "learners", "asked"),
        "summary_score": ("median", "asked", "percent", "low", "high"),
        "summary_hardest": (),
        "summary_question": ("question", "right", "learners", "chose"),
        "summary_chose": ("chose", "count"),
        "summary_weakest": ("part",),
        "weakest_part": ("part", "right", "asked"),
        "weakest_none": (),
        "summary_scores": ("scores",),
        "summary_score_item": ("learner", "right", "asked"),
        "flagged_one": ("count",),
        "flagged_many": ("count",),
        "summary_notes": ("count",),
        "summary_more": ("count",),
    }
)


@dataclass(frozen=True)
class QuestionWords:
    """The titles, prompts, feedback phrases and joins of the questions (see the ``questions:``
    comments in the vocabulary file)."""

    kinds: MappingProxyType  # question id -> {"title", "prompt"}
    joins: MappingProxyType  # name -> the join, spaces included
    words: MappingProxyType  # name -> the phrase, $names to fill in
    quiz: MappingProxyType  # name -> the quiz's own words, $names to fill in
    notebooks: MappingProxyType  # name -> the exercise notebooks' own words, $names to fill in
    report: MappingProxyType  # name -> the class report's own words, $names to fill in

    def title(self, kind: str) -> str:
        """A kind's short title (the quiz, the class report)."""
        return self.kinds[kind]["title"]

    def prompt(self, kind: str) -> str:
        """A kind's question as a learner reads it."""
        return self.kinds[kind]["prompt"]

    def say(self, key: str, **names) -> str:
        """A phrase of feedback, its ``$names`` filled in (``string.Template``: no code runs).

        >>> shipped_question_words().say("decided_at", node="HER2?")
        'Decided at “HER2?”.'
        """
        return Template(self.words[key]).substitute(names)

    def quiz_html(self, key: str, **html) -> str:
        """The quiz's words as HTML: the words escaped, each ``$name`` filled with the HTML given.

        >>> shipped_question_words().quiz_html("where", number="<b>2</b>", count="5")
        'Case <b>2</b> of 5'
        """
        return fill_html(self.quiz[key], **html)

    def report_phrase(self, key: str, **names) -> str:
        """The class report's words as text (the terminal's summary), its ``$names`` filled in.

        >>> shipped_question_words().report_phrase("learners_many", count=3)
        '3 learners'
        """
        return Template(self.report[key]).substitute(names)

    def report_html(self, key: str, **html) -> str:
        """The class report's words as HTML: the words escaped, each ``$name`` filled with the HTML given.

        >>> shipped_question_words().report_html("all_cases")
        'all cases'
        """
        return fill_html(self.report[key], **html)


def parse_question_words(raw: object, source: str, where: str = "questions") -> QuestionWords:
    """Check the ``questions:`` section and build its words; refuse it whole, naming the key.

    >>> parse_question_words({"joins": {}, "kinds": {}, "words": {}}, "mine.yaml")
    Traceback (most recent call last):
    micromets.ground.errors.DataFileError: mine.yaml: questions.joins.alternatives: a non-empty text, spaces included
    """
    require(isinstance(raw, dict), source, where, "a mapping with joins, kinds, words, quiz, notebooks and report")
    check_keys(raw, {"joins", "kinds", "words", "quiz", "notebooks", "report"}, source, where)
    joins = section_of(raw, "joins", JOINS, source, where)
    joined = {key: join_of(joins, key, source, f"{where}.joins") for key in JOINS}
    kinds = section_of(raw, "kinds", QUESTION_IDS, source, where)
    titled = {}
    for kind in QUESTION_IDS:
        at = f"{where}.kinds.{kind}"
        require(isinstance(kinds.get(kind), dict), source, at, "a mapping with title and prompt")
        check_keys(kinds[kind], {"title", "prompt"}, source, at)
        said = {key: text_of(kinds[kind], key, source, at, one_line=True) for key in ("title", "prompt")}
        titled[kind] = MappingProxyType(said)
    words = section_of(raw, "words", tuple(PHRASES), source, where)
    phrases = {key: phrase_of(words, key, names, source, f"{where}.words") for key, names in PHRASES.items()}
    quizzed = parse_phrases(raw.get("quiz"), QUIZ, source, f"{where}.quiz")
    notebooks = parse_phrases(raw.get("notebooks"), NOTEBOOKS, source, f"{where}.notebooks")
    reported = parse_phrases(raw.get("report"), REPORT, source, f"{where}.report")
    return QuestionWords(
        MappingProxyType(titled), MappingProxyType(joined), MappingProxyType(phrases), quizzed, notebooks, reported
    )


@cache
def shipped_question_words() -> QuestionWords:
    """The shipped words of the questions, loaded once."""
    return parse_question_words(read_packaged("data/vocabulary.yaml").get("questions"), SOURCE)
