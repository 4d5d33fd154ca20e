# %% [markdown]
# # Instructor: building exercises
#
# > **For education only.** Not a clinical decision tool.
#
# The engine is the answer key: a case file holds vignettes, patient fields and the questions to
# ask, never the answers. This notebook walks through writing cases, generating a set, building the
# student and solution notebooks, and grading what the learners hand back into a class report.
#
# Everything it writes goes to `session-output/building-exercises/`, next to this notebook (git
# ignores it); each run replaces the files it wrote there.

# %%
from pathlib import Path

from micromets.display import Table

work = Path("session-output") / "building-exercises"
work.mkdir(parents=True, exist_ok=True)


def written(*paths):
    """A table of the files a cell wrote, with their sizes."""
    rows = [[str(p), f"{p.stat().st_size:,} bytes"] for p in paths]
    return Table(["file written", "size"], rows, caption=f"Written into {work}/")


# %% [markdown]
# ## 1. Write a case file
# Each case has an `id`, a `vignette` the learner reads, the `patient` fields (as on the command line)
# and `ask`, the questions (any of `nodal_category`, `axilla`, `systemic`, `radiation`, `bone_agent`;
# all five when left out).

# %%
cases_yaml = """
title: Week 3 - micrometastases
ruleset: seed-2025
cases:
  - id: wk3-a
    vignette: >
      A 61-year-old postmenopausal woman had breast-conserving surgery for a 14 mm grade 2 carcinoma.
      One sentinel node holds a 1.1 mm deposit. ER positive, PR positive, HER2 negative.
    patient: {deposit_mm: 1.1, er: pos, pr: pos, her2: neg, menopause: post, surgery: bcs, age: 61}
  - id: wk3-b
    vignette: >
      A 44-year-old woman had a mastectomy; one sentinel node holds a 0.15 mm cluster of about 300 cells.
      ER negative, PR negative, HER2 positive.
    patient: {deposit_mm: 0.15, cells: 300, er: neg, pr: neg, her2: pos, menopause: pre, surgery: mastectomy}
    ask: [nodal_category, axilla, systemic]
  - id: wk3-c
    vignette: >
      A 57-year-old postmenopausal woman had breast-conserving surgery; two sentinel nodes hold
      deposits, the largest 3 mm. ER positive, PR positive, HER2 negative.
    patient: {deposit_mm: 3, positive_nodes: 2, er: pos, pr: pos, her2: neg, menopause: post, surgery: bcs}
    ask: [axilla, radiation]
"""
(work / "week3.yaml").write_text(cases_yaml)
written(work / "week3.yaml")

# %% [markdown]
# A mistake is refused whole, with the file, the case and the key:

# %%
from micromets import DataFileError
from micromets.exercises.cases import cases_from_text, load_cases

try:
    cases_from_text(cases_yaml.replace("her2: pos", "her2: positive"), "week3.yaml")
except DataFileError as error:
    print(error)

# %% [markdown]
# ## 2. Or generate a set
# Random sets are stratified (ITC, micro- and macrometastases, every receptor subtype) and seeded.
# With a learner id, each learner gets a different but reproducible variant. From a terminal:
# `python -m micromets exercise random --n 12 --seed 7 -o week3-random.yaml`.

# %%
from micromets.exercises.cases import random_cases

for case in random_cases(3, seed=7, learner="ana").cases:
    print(case.id, "|", case.vignette[:110], "...")

# %% [markdown]
# ### Check a set before handing it out
# `python -m micromets exercise check week3.yaml` reads the file as the build would (fields, question
# kinds, case ids) and asks every question of every case through the engine: one line per problem.
# Whether the cases together visit every recommendation of the pathway is a property of a *bank*, not
# of a weekly set, so it is reported only with `--coverage`:

# %%
from micromets.exercises.authoring import check_cases, check_set
from micromets.exercises.cases import shipped_bank

print("week3.yaml:", check_set(work / "week3.yaml").summary)
print("week3.yaml, with --coverage:", check_set(work / "week3.yaml", coverage=True).summary)
print("the shipped bank, with --coverage:", check_cases(shipped_bank(), coverage=True).summary)

# %% [markdown]
# ## 3. Build the notebooks
# `python -m micromets exercise build week3.yaml -o week3/` writes `student.ipynb` (hand it out: it
# carries no answer, the quiz runs the engine in the learner's kernel) and `solution.ipynb` (keep it:
# each answer with its explanation and the lit flowchart path).

# %%
from micromets.exercises.notebooks import build

student, solution = build(load_cases(work / "week3.yaml"), work / "week3")
written(student, solution)

# %% [markdown]
# **On JupyterHub with nbgrader?** `python -m micromets exercise build week3.yaml -o course/source/week3
# --nbgrader` writes an nbgrader source notebook instead: one answer cell and one hidden, one-point
# check per question, graded by the same engine. Then `nbgrader generate_assignment week3` and, after
# collection, `nbgrader autograde week3` as usual. nbgrader's score is formative: its checks run in the
# learner's kernel, where code in an answer cell can change them. Record the grade of
# `python -m micromets exercise grade week3.yaml course/submitted/`, which reads each answer cell
# without running it and flags any code besides the answer.

# %%
from micromets.exercises.nbgrader import build_nbgrader

written(build_nbgrader(load_cases(work / "week3.yaml"), work / "nbgrader-source" / "week3"))

# %% [markdown]
# ## 4. Grade what comes back
# Learners press **Save my answers**, which writes `answers-NAME.json`. Here we play a class of five:
# the quiz is answered as each learner would, one learner leaves questions out and one hands in the
# same file twice.

# %%
import random

from micromets.exercises.quiz import Quiz

week3 = load_cases(work / "week3.yaml")
rng = random.Random(3)
(work / "answers").mkdir(exist_ok=True)
answer_files = []
for learner, skill in [("ana", 0.9), ("ben", 0.7), ("chloe", 0.6), ("dev", 0.5), ("eli", 0.8)]:
    quiz = Quiz(week3, learner=learner)
    for case_id, kind in quiz.inputs:
        if learner == "dev" and rng.random() < 0.3:
            continue  # left out: it counts as not answered
        asked = quiz.asked[(case_id, kind)]
        values = [choice.value for choice in asked.choices]
        quiz.answer(case_id, kind, asked.accepted[0] if rng.random() < skill else rng.choice(values))
    answer_files.append(quiz.export(work / "answers" / f"answers-{learner}.json"))
written(*answer_files)

# %% [markdown]
# ## 5. The class report
# One command grades every file and writes the report. From a terminal:
# `python -m micromets exercise grade week3.yaml answers/answers-*.json --report report/`
# (add `--force` to replace an earlier report in the same folder). The terminal shows one screen:
# the class score, the hardest questions, every learner's score and notes on the files (here: the
# file handed in twice was read once).

# %%
from micromets.cli import main

report = work / "report"
exit_code = main(
    ["exercise", "grade", str(work / "week3.yaml"), *map(str, answer_files), str(answer_files[0])]
    + ["--report", str(report), "--force"]
)

# %% [markdown]
# `report.html` opens in any browser (tables, the figures below, and each question's most common wrong
# answer with the plan step and trial that decide it); `grades.csv` is one row per learner for a
# gradebook, `answers.csv` one row per answer, `grades.json` everything with the codes.

# %%
written(*sorted(report.iterdir()))

# %% [markdown]
# The same numbers in this notebook: the learner × question grid (✓ right, ✗ wrong, – no answer) and
# the item difficulty, hardest first.

# %%
from micromets.exercises.grading import grade_class, read_answer_file
from micromets.exercises.report import class_summary, difficulty_alt, difficulty_figure, grid_alt, grid_figure
from micromets.figures import show

summary = class_summary(grade_class(week3, [read_answer_file(path) for path in answer_files]))
show(grid_figure(summary), alt=grid_alt(summary))

# %%
show(difficulty_figure(summary), alt=difficulty_alt(summary))
