# %% [markdown]
# # micromets explorer
#
# > **For education only.** micromets teaches a published pathway; it is not a clinical decision
# > tool and must not be used to treat a patient.
#
# Vary the patient on the left: the plan, the lit flowchart path and the trial figures change together.

# %%
from micromets.widgets import explore

explore()
