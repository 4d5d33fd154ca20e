# %% [markdown]
# # 01 Nodal staging
#
# > **For education only.** Not a clinical decision tool.
#
# ## Learning objectives
# - Tell isolated tumour cells (ITC), micrometastases and macrometastases apart by size and cell count.
# - Name the AJCC 8th-edition pN category, including why ITC-only nodes are not counted as positive.
# - Explain what the largest deposit and the 200-cell rule mean at the microscope.
# - Describe why small nodal deposits still carry systemic risk (MIRROR, NSABP B-32).

# %% [markdown]
# ## The definitions (AJCC 8th edition)
# | class | size of the largest deposit | cells | pN |
# | --- | --- | --- | --- |
# | isolated tumour cells | ≤ 0.2 mm | and ≤ 200 cells in one cross-section | pN0(i+) |
# | micrometastasis | > 0.2 mm, or > 200 cells | none larger than 2.0 mm | pN1mi |
# | macrometastasis | > 2.0 mm | | pN1a (1–3 nodes), pN2a (4–9), pN3a (≥10) |
#
# **How it is measured.** The pathologist measures the largest contiguous cluster. The 200-cell
# rule counts cells in a *single* cross-section: cells in different sections or levels are not
# added together. The category depends on size and cell count, not on how the deposit was found:
# a deposit seen only on cytokeratin immunohistochemistry is staged like one seen on H&E.
# Nodes holding only ITCs are counted among the nodes examined, not among the positive nodes.
#
# Boundaries are inclusive as written: 0.2 mm is still ITC, 2.0 mm still a micrometastasis.

# %% [markdown]
# ## An interactive ruler
# Move the size, and type a cell count, to see the class change. Try 0.15 mm with 150 cells,
# then with 250 cells.

# %%
# %matplotlib inline
from micromets.widgets import StagingRuler

StagingRuler(size_mm=0.15, cells=150)

# %% [markdown]
# The same rules, as the engine applies them at the boundaries:

# %%
# NBVAL_CHECK_OUTPUT
from micromets import classify_deposit, nodal_category
from micromets.vocabulary import label

for size, cells, nodes in [
    (0.2, None, 1),
    (0.2, 200, 1),
    (0.2, 201, 1),
    (0.21, None, 1),
    (2.0, None, 2),
    (2.01, None, 2),
    (2.5, None, 4),
    (2.5, None, 10),
]:
    deposit = classify_deposit(size, cells)
    shown = f"{cells} cells" if cells else "cells not counted"
    print(
        f"{size:>5} mm, {shown:<18}, {nodes:>2} node(s) -> "
        f"{label('deposit_class', deposit):<16} {nodal_category(deposit, nodes)}"
    )

# %% [markdown]
# ## Why a small deposit still matters
# The MIRROR cohort followed women with favourable tumours who had no adjuvant therapy. ITCs and
# micrometastases both raised the risk of a disease event compared with node-negative disease, and
# adjuvant therapy lowered it. This is why the pathway never withholds systemic therapy because
# the deposit is small.

# %%
from micromets.figures import plot_trial, show

show(plot_trial("mirror"), "mirror")

# %% [markdown]
# NSABP B-32 re-examined the negative sentinel nodes of 3887 patients with deeper levels and
# cytokeratin staining: occult metastases were found in 15.9%, with a small survival difference
# (5-year overall survival 94.6% vs 95.8%).

# %%
show(plot_trial("nsabp-b32"), "nsabp-b32")

# %%
from micromets.selfcheck import Question
from micromets.vocabulary import text

Question(
    "A sentinel node holds a 0.15 mm cluster of about 300 cells in one section. Its class?",
    [text("deposit_class", c) for c in ("itc", "micrometastasis", "macrometastasis")],
    answer=text("deposit_class", classify_deposit(0.15, 300)),
    why="More than 200 cells in one cross-section makes it at least a micrometastasis, however small.",
    cite=["ajcc-8"],
)

# %%
Question(
    "Two nodes each hold only isolated tumour cells. The pN category?",
    ["pN0(i+)", "pN1mi", "pN1a"],
    answer=nodal_category(classify_deposit(0.1), 2),
    why="ITC-only nodes are not counted as positive: the category stays pN0(i+) whatever their number.",
    cite=["ajcc-8"],
)

# %% [markdown]
# ## Key references
# - AJCC Cancer Staging Manual, 8th edition: breast pN (as reproduced in *Korean J Radiol* 2019, and the NCI PDQ table).
# - de Boer M, et al. Micrometastases or isolated tumor cells and the outcome of breast cancer. *N Engl J Med* 2009.
# - Weaver DL, et al. Effect of occult metastases on survival in node-negative breast cancer. *N Engl J Med* 2011.
