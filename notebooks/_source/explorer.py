# %% [markdown]
# # micromets explorer
# **For education only:** micromets teaches a published pathway; it is not a clinical decision tool
# and must not be used to treat a patient. Vary the patient on the left: the route through the
# flowchart and the plan beside it change together.

# %%
from micromets.widgets import explore

explore()
