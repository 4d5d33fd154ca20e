# %% [markdown]
# # 04 Recurrence scores
#
# > **For education only.** Not a clinical decision tool.
#
# ## Learning objectives
# - State the article's 21-gene recurrence-score cut-offs, and why they are dated.
# - State what TAILORx (node-negative) and RxPONDER (1–3 nodes) found, and how that moved the cut-offs.
# - Place pN1mi between the two trials, and say what the trials leave uncertain.
# - Find which patients' plans change between the two rulesets, and how many.

# %% [markdown]
# ## What the article says, and what the trials found
# The article uses the older cut-offs: score **<18** endocrine therapy alone; **18–30** endocrine
# therapy or chemotherapy then endocrine therapy; **≥31** chemotherapy then endocrine therapy. These
# come from the B-14/B-20 validation era (still in NCCN v2.2015).
#
# - **TAILORx** (node-negative): for scores 11–25, endocrine therapy alone was non-inferior, with some
#   chemotherapy benefit in women aged 50 or younger with scores 16–25.
# - **RxPONDER** (1–3 positive nodes, scores ≤25): no chemotherapy benefit after menopause; a benefit
#   before menopause.
#
# The `trials-2024` ruleset places pN1mi with node-negative disease and its TAILORx cut-offs, as
# NCCN groups pT1–3 tumours with pN0 or pN1mi for the 21-gene decision; scores of 16–25 are decided
# by menopausal status, as NCCN does. Neither TAILORx (node-negative only) nor RxPONDER (1–3
# positive nodes) gives a separate result for a micrometastasis alone, so this placement is an
# extrapolation, and its steps say so.

# %%
# %matplotlib inline
from micromets.figures import plot_score_trials, show

show(plot_score_trials(), "tailorx", "rxponder")

# %% [markdown]
# ## The same patient under both rulesets
# A pN1mi, HR-positive, HER2-negative patient at each score boundary, by menopausal status:

# %%
from micromets import Patient, recommend
from micromets.display import Table


def systemic(score, menopause, ruleset, short=False):
    """The systemic options in words (short: as labels, for a table cell)."""
    plan = recommend(
        Patient(
            deposit_mm=1.0, er="pos", pr="pos", her2="neg", menopause=menopause, surgery="bcs", recurrence_score=score
        ),
        ruleset,
    )
    words = plan.vocabulary
    return " or ".join(words.option_label(o) if short else words.option_text(o) for o in plan.options)


Table(
    ["Menopausal status", "Score", "seed-2025 (the article)", "trials-2024 (TAILORx, RxPONDER)"],
    [
        [status, score, systemic(score, menopause, "seed-2025", True), systemic(score, menopause, "trials-2024", True)]
        for menopause, status in (("post", "Postmenopausal"), ("pre", "Premenopausal"))
        for score in (17, 18, 25, 26, 30, 31)
    ],
)

# %% [markdown]
# Check one row in code: a premenopausal woman with a score of 20 under each ruleset.

# %%
# NBVAL_CHECK_OUTPUT
print("seed-2025:  ", systemic(20, "pre", "seed-2025"))
print("trials-2024:", systemic(20, "pre", "trials-2024"))

# %% [markdown]
# ## What changed in the pathway itself
# The comparison reads both graphs: the questions and recommendations added, removed and changed.
# The summary comes first; open a list for every node by name.

# %%
from micromets.compare import cohort_diff, graph_diff, plot_cohort_diff
from micromets.figures import show

graph_diff("seed-2025", "trials-2024")

# %% [markdown]
# ## Who changes plan, and how many
# 20,000 generated patients run through both rulesets (a seeded cohort over every input).
# The bisphosphonate correction moves the most patients; the score cut-offs move the
# HR-positive, HER2-negative ones.

# %%
diff = cohort_diff("seed-2025", "trials-2024", size=20_000, seed=2025)
show(plot_cohort_diff(diff), alt=f"Bar chart: {diff.changed:,} of {diff.size:,} generated patients change plan.")

# %% [markdown]
# The five most common changes, with an example patient for each:

# %%
Table(
    ["Change", "Patients", "Share", "Example patient"],
    [[row["change"], f"{row['patients']:,}", row["share"], row["example"]] for row in diff.table()[:5]],
)

# %% [markdown]
# ## Toggle the ruleset in the explorer
# Set the recurrence score, then switch *Pathway* between the article (`seed-2025`) and the
# trial-era pathway (`trials-2024`) and watch the route move to the TAILORx or RxPONDER branch.

# %%
from micromets.widgets import explore

explore(ruleset="trials-2024", recurrence_score=20, menopause="pre", age=45)

# %%
from micromets.selfcheck import Question

deciding = recommend(
    Patient(deposit_mm=1.0, er="pos", pr="pos", her2="neg", menopause="post", surgery="bcs", recurrence_score=22),
    "trials-2024",
).steps[1]
Question(
    "Postmenopausal, pN1mi, HR+/HER2-, recurrence score 22. What does RxPONDER support?",
    ["endocrine therapy", "chemotherapy, then endocrine therapy"],
    answer=systemic(22, "post", "trials-2024"),
    why=deciding.rationale,
    cite=list(deciding.citations),
)

# %% [markdown]
# ## Key references
# - Sparano JA, et al. Adjuvant chemotherapy guided by a 21-gene expression assay. *N Engl J Med* 2018.
# - Kalinsky K, et al. 21-gene assay to inform chemotherapy benefit in node-positive breast cancer. *N Engl J Med* 2021.
# - NCCN Breast Cancer v2.2015, BINV-6.
