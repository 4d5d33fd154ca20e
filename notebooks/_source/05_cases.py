# %% [markdown]
# # 05 Cases
#
# > **For education only.** Not a clinical decision tool.
#
# ## Learning objectives
# - Apply the whole pathway to clinical vignettes.
# - Justify each answer with the step and the trial behind it.
#
# Each answer is graded by the same engine that drives the flowchart, and the feedback quotes the
# plan step and its source. Put your name in the box and use **Save my answers** if your
# instructor collects them.

# %%
from micromets.exercises.cases import CaseSet, random_cases, shipped_bank
from micromets.exercises.quiz import Quiz

bank = shipped_bank()
Quiz(CaseSet("Practice cases (from the case bank)", bank.ruleset, bank.cases[:4]))

# %% [markdown]
# ## Your own random cases
# Random cases are seeded: the same seed and name always give the same cases, and each learner gets
# a different set. Change the name and run the cell again.

# %%
my_name = "your-name"
Quiz(random_cases(3, seed=2025, learner=my_name), learner=my_name)

# %% [markdown]
# ## Check yourself: the whole bank
# The shipped bank has 14 cases that together visit every recommendation of the
# `seed-2025` pathway. Work through the rest when you are ready:

# %%
Quiz(CaseSet("The rest of the case bank", bank.ruleset, bank.cases[4:]))

# %% [markdown]
# ## Key references
# Every feedback line names its source; the full list is `micromets.registry()`.
