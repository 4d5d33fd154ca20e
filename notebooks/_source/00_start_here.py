# %% [markdown]
# # Start here
#
# > **For education only.** This workbook teaches a published treatment pathway and the trials
# > behind it. It is not a clinical decision tool: never use it to treat a patient.
#
# **micromets** teaches how breast cancer with axillary **micrometastases** is treated: nodal
# deposits larger than 0.2 mm and no larger than 2 mm (AJCC pN1mi). You will learn what the
# deposit is, why the axilla is now left alone, and how systemic therapy, radiation and bone
# agents follow from the tumour's biology, and you will see the trial numbers behind every step.
#
# ## Learning objectives
# By the end of the workbook you can:
# 1. stage a nodal deposit (isolated tumour cells, micrometastasis, macrometastasis) and name its pN category;
# 2. explain, with the IBCSG 23-01 numbers, why sentinel node biopsy alone is enough for micrometastases;
# 3. build the adjuvant plan for each receptor subtype, in the right sequence;
# 4. say where the source article is dated, and what TAILORx and RxPONDER changed;
# 5. trace every recommendation to its trial and its level of evidence.

# %% [markdown]
# ## How to use it
# - Run each cell with **Shift+Enter** (or *Run → Run All Cells*). Everything runs offline once installed.
# - The pathway lives in one place: a **ruleset** (a YAML file of questions and recommendations)
#   walked by one **engine**. The flowcharts, widgets, quizzes and the command line all read it,
#   so they can never disagree.
# - Two rulesets ship: `seed-2025` encodes the source article exactly as written; `trials-2024`
#   adds the trial-era details. Where the article is wrong or dated, each step says so beside it.
# - Numbers come from one evidence registry. A number not yet checked against the publication is
#   drawn hollow and marked †. A PMID not yet checked against the publication is marked too:
#   † in a figure, and in text the same words in square brackets.
#
# Here is one patient's route through the pathway: a postmenopausal woman with a 1.2 mm deposit
# in one sentinel node, ER/PR-positive, HER2-negative, after breast-conserving surgery. Each
# question shows the answer taken and, as short stubs, the branches not taken. Click a step (or
# focus it with Tab and press Enter) for its reasons and trials; *Whole pathway* and the stages
# are one click away.

# %%
from micromets import Patient, recommend
from micromets.flowchart_widget import FlowchartWidget

patient = Patient(deposit_mm=1.2, er="pos", pr="pos", her2="neg", menopause="post", surgery="bcs")
plan = recommend(patient)
FlowchartWidget(ruleset=plan.ruleset, stage="route", path=plan.path)

# %% [markdown]
# The engine returns the plan with its reasons and sources: a short summary in words, and each
# step with why it is taken and which trial says so (open *Steps, reasons and sources*). The
# command line prints the same plan: `python -m micromets recommend --deposit-mm 1.2 --er pos
# --pr pos --her2 neg --menopause post --surgery bcs`.

# %%
from micromets.widgets import plan_card

plan_card(plan)

# %% [markdown]
# The plan is also data that code can check. Its nodal category and the trials and guidelines it
# cites (`micromets.registry()` gives each one's full reference):

# %%
# NBVAL_CHECK_OUTPUT
from micromets import registry

print(plan.vocabulary.text("nodal_category", plan.nodal_category))
for citation in plan.citations():
    print("-", registry()[citation].name)

# %% [markdown]
# ## Map of the workbook
# | chapter | what you do |
# | --- | --- |
# | [01 Nodal staging](01_nodal_staging.ipynb) | measure deposits on an interactive ruler; ITC, micro- and macrometastases; AJCC pN |
# | [02 The axilla](02_the_axilla.ipynb) | IBCSG 23-01 and the de-escalation trials; where macrometastases differ (Z0011, AMAROS) |
# | [03 Systemic therapy, radiation and bone agents](03_systemic_radiation_bone.ipynb) | the explorer: vary a patient, watch the plan and the path |
# | [04 Recurrence scores](04_recurrence_scores.ipynb) | the article's cut-offs versus TAILORx and RxPONDER |
# | [05 Cases](05_cases.ipynb) | graded cases with cited feedback |
# | [06 After neoadjuvant therapy](06_after_neoadjuvant_therapy.ipynb) | ypN1mi is residual disease: the axilla and the escalation trials (KATHERINE, CREATE-X, OlympiA, KEYNOTE-522) |
# | [07 Endocrine therapy and the newer adjuvant drugs](07_endocrine_and_newer_drugs.ipynb) | ovarian suppression (SOFT/TEXT), CDK4/6 inhibitors, olaparib, and what is uncertain for pN1mi |
# | [Explorer page](explorer.ipynb) | the explorer alone (also served as a Voila page) |
# | [Instructor: running a session](instructor/running_a_session.ipynb), [building exercises](instructor/building_exercises.ipynb) | for teachers |

# %%
from micromets.selfcheck import Question

words = plan.vocabulary  # the words for every code the plan's ruleset can give
Question(
    "In the plan above, what happens to the axilla?",
    [words.text("axilla", code) for code in words.codes("axilla")],
    answer=words.text("axilla", plan.axilla),
    why="A micrometastasis in the sentinel node does not need completion dissection: the IBCSG 23-01 trial "
    "found omitting it non-inferior. Chapter 02 shows the numbers.",
    cite=["ibcsg-23-01"],
)

# %% [markdown]
# ## Key references
# - Galimberti V, et al. IBCSG 23-01. *Lancet Oncol* 2013 and 2018.
# - de Boer M, et al. MIRROR. *N Engl J Med* 2009.
# - Sparano JA, et al. TAILORx. *N Engl J Med* 2018; Kalinsky K, et al. RxPONDER. *N Engl J Med* 2021.
# - The full registry, with PMIDs and which numbers and PMIDs are verified: `micromets.registry()`.
