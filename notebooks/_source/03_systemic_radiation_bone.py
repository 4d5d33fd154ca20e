# %% [markdown]
# # 03 Systemic therapy, radiation and bone agents
#
# > **For education only.** Not a clinical decision tool.
#
# ## Learning objectives
# - Build the adjuvant plan for each receptor subtype (HR+/HER2−, HR+/HER2+, HR−/HER2+, HR−/HER2−).
# - Give chemotherapy and endocrine therapy in the right order, and place radiation.
# - Know when to consider pertuzumab and an adjuvant bisphosphonate, and what the trials show.
# - Avoid the article's three pitfalls.

# %% [markdown]
# ## The explorer
# Change any input: the plan, the lit path of the flowchart and the trial figures change together.
# Inputs that are greyed out cannot change this patient's plan (the pathway never asks about them
# on this route): for example the recurrence score is asked only in HR-positive, HER2-negative disease.
# Pick a trial under *Show* to see the evidence behind a step.

# %%
from micromets.widgets import explore

explorer = explore()
explorer

# %% [markdown]
# ## The four subtypes at a glance
# The same micrometastasis (1.2 mm, one node, breast-conserving surgery, postmenopausal), by subtype.
# Options are alternatives, preferred first; within an option, components are in the order given.

# %%
# NBVAL_CHECK_OUTPUT
from micromets import Patient, recommend
from micromets.render import option_words, words

for er, her2 in [("pos", "neg"), ("pos", "pos"), ("neg", "pos"), ("neg", "neg")]:
    plan = recommend(Patient(deposit_mm=1.2, er=er, pr=er, her2=her2, menopause="post", surgery="bcs"))
    options = " OR ".join(option_words(o) for o in plan.options)
    consider = ", ".join(words(c) for c in plan.consider) or "-"
    print(f"HR{'+' if er == 'pos' else '-'}/HER2{'+' if her2 == 'pos' else '-'}: {options}\n    consider: {consider}")

# %% [markdown]
# ## Sequencing and radiation
# When both are given, chemotherapy comes first and endocrine therapy follows it; endocrine therapy
# may run alongside radiation or after it. "Sequential" is about those two only: anti-HER2 therapy
# continues alongside endocrine therapy as standard, and a GnRH agonist given during chemotherapy to
# protect the ovaries is an accepted option. After breast-conserving surgery, whole-breast radiation is standard
# whatever the micrometastatic status. After mastectomy the article gives no radiation rule: the
# engine's code says what the decision depends on.
#
# ## HER2-positive disease: pertuzumab
# APHINITY's benefit from adding pertuzumab was confined to node-positive patients. The trial's
# reports give no separate result for a micrometastasis alone, so for pN1mi the benefit is an
# extrapolation from node-positive disease as a whole, and the step says so.

# %%
# %matplotlib inline
from micromets.figures import plot_trial, show

show(plot_trial("aphinity"), "aphinity")

# %% [markdown]
# ## Bone agents
# The article limits bisphosphonates to postmenopausal women with HR-positive disease and 1–3
# involved nodes. The EBCTCG meta-analysis found the benefit in all postmenopausal women (natural or
# induced), whatever the receptor or nodal status, and none before menopause; `trials-2024` teaches that.

# %%
show(plot_trial("ebctcg-bisphosphonates"), "ebctcg-bisphosphonates")

# %% [markdown]
# ## The three pitfalls
# The ruleset attaches them as warnings to every plan they apply to:

# %%
# NBVAL_CHECK_OUTPUT
for warning in recommend(
    Patient(deposit_mm=1.2, er="pos", pr="pos", her2="neg", menopause="post", surgery="bcs")
).warnings:
    print("-", warning)

# %%
from micromets.selfcheck import Question

triple_negative = recommend(Patient(deposit_mm=0.9, er="neg", pr="neg", her2="neg", menopause="pre", surgery="bcs"))
Question(
    "A premenopausal woman has a 0.9 mm micrometastasis; the tumour is ER-, PR- and HER2-negative. Systemic therapy?",
    ["endocrine therapy", "chemotherapy", "no systemic therapy: the deposit is tiny"],
    answer=option_words(triple_negative.options[0]),
    why="HR-negative disease gets chemotherapy; withholding systemic therapy because the deposit is small is one "
    "of the article's pitfalls. " + triple_negative.steps[1].rationale,
    cite=list(triple_negative.steps[1].citations),
)

# %% [markdown]
# ## Key references
# - von Minckwitz G, et al. APHINITY. *N Engl J Med* 2017; Piccart M, et al. *J Clin Oncol* 2021.
# - Tolaney SM, et al. APT. *N Engl J Med* 2015.
# - EBCTCG. Adjuvant bisphosphonate treatment in early breast cancer. *Lancet* 2015.
# - NCCN Breast Cancer v2.2015 (sequencing footnote).
