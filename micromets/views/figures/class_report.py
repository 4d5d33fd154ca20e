"""The class report's two charts: item difficulty, and every learner's answer to every question.

The numbers and each answer's state are computed by the report (``exercises/report.py``, from
the graded class); this module only draws them, so it knows nothing of grading. Each cell of the
grid carries a glyph as well as a colour. Their words and glyphs are the vocabulary's (``figures:``,
``ground/words/figures.py``). matplotlib is imported inside the functions: importing the report
loads no plotting stack.
"""

from __future__ import annotations

from ...ground.words.figures import shipped_figure_words
from ...ground.words.questions import shipped_question_words

# Okabe-Ito colours, told apart by most colour-blind readers; every cell also carries a glyph.
CORRECT, WRONG, MISSING = "#56B4E9", "#E69F00", "#FFFFFF"
COLOURS = {"correct": CORRECT, "wrong": WRONG, "missing": MISSING}
# Each state's glyph and legend key in the figures' words (one glyph in both cell and key).
STATE_WORDS = {"correct": "right", "wrong": "wrong", "missing": "missing"}
EDGE = "#555555"
# A label longer than this would squeeze the cells to nothing (a learner's name is whatever their
# file said); the report's table beside the chart keeps the full text.
LABEL_CHARACTERS = 28


def short_label(text: str, limit: int = LABEL_CHARACTERS) -> str:
    r"""``text`` on one line, cut in the middle with "…" when longer than ``limit`` characters
    (the start and the end tell most names and case ids apart).

    >>> short_label("ana"), short_label("x\ny"), short_label("a" * 40 + "-02", 12)
    ('ana', 'x y', 'aaaaaaa…a-02')
    """
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    tail = min(4, limit // 3)
    return f"{line[: limit - tail - 1]}…{line[-tail:]}"


def plot_difficulty(rows: list[tuple[str, float, str]], ax=None):
    """Bars of the share of learners right, one per question; ``rows`` are (label, share from 0 to 1,
    count shown at the bar's end), top to bottom (the report lists them hardest first).
    Returns the Axes.

    >>> ax = plot_difficulty([("case-01 · Axilla", 0.25, "1/4"), ("case-01 · Radiation", 0.75, "3/4")])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['case-01 · Radiation', 'case-01 · Axilla']
    """
    from matplotlib.figure import Figure

    if ax is None:
        ax = Figure(figsize=(6.5, 1.0 + 0.26 * max(len(rows), 1)), layout="constrained").add_subplot()
    # barh draws upwards: the last drawn sits at the top, so draw the bottom row first.
    rows = rows[::-1]
    positions = range(len(rows))
    ax.barh(list(positions), [100 * share for _, share, _ in rows], color="#0072B2", height=0.7)
    ax.set_yticks(list(positions), [short_label(label) for label, _, _ in rows], parse_math=False, fontsize=10)
    for y, (_, share, count) in zip(positions, rows, strict=True):
        ax.text(100 * share + 1, y, count, va="center", fontsize=8, parse_math=False)
    ax.set_xlim(0, 112)
    words = shipped_figure_words()
    ax.set_xticks([0, 25, 50, 75, 100], [words.say("percent", value=v) for v in (0, 25, 50, 75, 100)])
    ax.set_xlabel(words.say("difficulty_axis"))
    ax.set_title(words.say("difficulty_title"), loc="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_answer_grid(learners: list[str], questions: list[str], states: list[list[str]], scores: list[str], ax=None):
    """A learner × question grid: ✓ right (blue), ✗ wrong (orange), – no answer (white).

    ``states[row][column]`` is "correct", "wrong" or "missing"; ``scores`` is each row's score as
    shown at its end. Returns the Axes.

    >>> ax = plot_answer_grid(["ana", "ben"], ["q1", "q2"], [["correct", "wrong"], ["missing", "correct"]],
    ...                       ["1/2", "1/2"])
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.patches)
    (['ana', 'ben'], 4)
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle

    words = shipped_figure_words()
    glyphs = {state: words.say(f"glyph_{name}") for state, name in STATE_WORDS.items()}
    cols = len(questions)
    if ax is None:
        # Cells about a third of an inch square: the margins hold the names, the rotated labels and the legend.
        size = (max(5.0, 2.4 + 0.34 * cols), 2.9 + 0.34 * max(len(learners), 1))
        ax = Figure(figsize=size, layout="constrained").add_subplot()
    for row, (answers, score) in enumerate(zip(states, scores, strict=True)):
        for col, state in enumerate(answers):
            cell = Rectangle((col - 0.5, row - 0.5), 1, 1, facecolor=COLOURS[state], edgecolor=EDGE, linewidth=0.6)
            ax.add_patch(cell)
            ax.text(col, row, glyphs[state], ha="center", va="center", fontsize=12, color="#000000")
        ax.text(cols - 0.2, row, score, va="center", fontsize=11)
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(len(learners) - 0.5, -0.5)
    ax.set_xticks(
        range(cols),
        [short_label(q) for q in questions],
        rotation=60,
        ha="right",
        rotation_mode="anchor",
        fontsize=10,
        parse_math=False,
    )
    ax.set_yticks(range(len(learners)), [short_label(name) for name in learners], fontsize=11, parse_math=False)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_title(words.say("grid_title"), loc="left", fontsize=11)
    no_answer = shipped_question_words().say("no_answer")  # the questions' words for it, one copy
    keys = {
        "correct": words.say("key_right", glyph=glyphs["correct"]),
        "wrong": words.say("key_wrong", glyph=glyphs["wrong"]),
        "missing": words.say("key_missing", glyph=glyphs["missing"], no_answer=no_answer),
    }
    handles = [Patch(facecolor=COLOURS[state], edgecolor=EDGE, label=key) for state, key in keys.items()]
    ax.figure.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False, fontsize=11)
    return ax
