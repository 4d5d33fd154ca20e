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
# plan step and its source. The cases come one at a time: answer, press **Check my answers**, then
# **Next case**; your score so far sits beside the buttons. Put your name in the box and use
# **Save my answers** if your instructor collects them.

# %% [markdown]
# ## The case bank
# The shipped case bank follows the corrected pathway (`trials-2024`); together its cases visit
# every recommendation of that pathway, including the neoadjuvant setting. Start with the first
# case and go as far as you like: the quiz remembers your answers while the notebook is open.

# %%
from micromets.exercises.cases import random_cases, shipped_bank
from micromets.exercises.quiz import Quiz

Quiz(shipped_bank())

# %% [markdown]
# ## Your own random cases
# Random cases are seeded: the same seed and name always give the same cases, and each learner gets
# a different set. Change the name and run the cell again.

# %%
my_name = "your-name"
Quiz(random_cases(3, seed=2025, learner=my_name), learner=my_name)

# %% [markdown]
# ## Key references
# Every feedback line names its source; the full list is `micromets.registry()`.
