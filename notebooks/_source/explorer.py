# %% [markdown]
# **micromets explorer.** For education only: micromets teaches a published pathway; it is not a
# clinical decision tool and must not be used to treat a patient.

# %%
from micromets.widgets import explore

explore()
