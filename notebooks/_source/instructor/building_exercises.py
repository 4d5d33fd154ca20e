# %% [markdown]
# # Instructor: building exercises
#
# > **For education only.** Not a clinical decision tool.
#
# The engine is the answer key: a case file holds vignettes, patient fields and the questions to
# ask, never the answers. This notebook walks through writing cases, generating a set, building the
# student and solution notebooks, and grading what the learners hand back. Everything is written to
# a temporary folder.

# %%
import tempfile
from pathlib import Path

work = Path(tempfile.mkdtemp(prefix="micromets-exercise-"))

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
# ## 3. Build the notebooks
# `python -m micromets exercise build week3.yaml -o week3/` writes `student.ipynb` (hand it out: it
# carries no answer, the quiz runs the engine in the learner's kernel) and `solution.ipynb` (keep it:
# each answer with its explanation and the lit flowchart path).

# %%
from micromets.exercises.notebooks import build

student, solution = build(load_cases(work / "week3.yaml"), work / "week3")
print(student.name, solution.name)

# %% [markdown]
# ## 4. Grade what comes back
# Learners press **Save my answers**, which writes `answers-NAME.json`. Here we play a learner:

# %%
from micromets.exercises.quiz import Quiz

quiz = Quiz(load_cases(work / "week3.yaml"), learner="ana")
quiz.answer("wk3-a", "nodal_category", "pN1mi").answer("wk3-a", "axilla", "alnd_or_axillary_rt")
quiz.answer("wk3-b", "nodal_category", "pN0(i+)")
answers = quiz.export(work / "answers-ana.json")

# %% [markdown]
# Then grade every file at once: `python -m micromets exercise grade week3.yaml answers-*.json`.

# %%
from micromets.cli import main

exit_code = main(["exercise", "grade", str(work / "week3.yaml"), str(answers)])
