# %% [markdown]
# # 06 After neoadjuvant therapy
#
# > **For education only.** Not a clinical decision tool.
#
# ## Learning objectives
# - Explain why a micrometastasis found *after* neoadjuvant therapy (ypN1mi) is residual disease,
#   and why the IBCSG 23-01 logic of chapter 02 does not carry over.
# - State what happens to the axilla for ypN0, ypN0(i+) and ypN1mi or more, and which of these
#   is unsettled.
# - Name the residual-disease escalation for each subtype and the trial behind it: KATHERINE,
#   CREATE-X, OlympiA, KEYNOTE-522.
# - Say which of the numbers are checked against the publication, and which are not.

# %% [markdown]
# ## The same deposit means something else
# Chapters 01 to 05 assume surgery came first. Many patients now receive systemic therapy *before*
# surgery (neoadjuvant therapy): chemotherapy, with anti-HER2 therapy in HER2-positive disease and
# often with pembrolizumab in triple-negative disease. The nodal category then carries the **yp**
# prefix, and a deposit in a node is no longer simply a small amount of cancer: it is cancer that
# **survived** treatment.
#
# So a 1.2 mm deposit is read differently. Before any treatment it is pN1mi, and IBCSG 23-01 showed
# that the axilla can be left alone. After neoadjuvant therapy it is ypN1mi: residual nodal disease.
# IBCSG 23-01, Z0011 and AMAROS were trials of surgery first; they are not evidence for this
# patient. The engine asks one more question, *systemic therapy before surgery?*, and walks a
# different branch:

# %%
# NBVAL_CHECK_OUTPUT
from micromets import Patient, recommend

for neoadjuvant in ("no", "yes"):
    plan = recommend(
        Patient(deposit_mm=1.2, er="neg", pr="neg", her2="pos", menopause="pre", surgery="bcs", neoadjuvant=neoadjuvant)
    )
    axilla = plan.vocabulary.text("axilla", plan.axilla)
    print(f"systemic therapy before surgery: {neoadjuvant:<3} | {plan.nodal_category:<7} | axilla: {axilla}")

# %% [markdown]
# ## The axilla after neoadjuvant therapy
# What the default ruleset does for each finding in the sentinel nodes after neoadjuvant therapy,
# computed by the engine (a HER2-positive patient; the axillary step does not depend on the subtype):

# %%
# NBVAL_CHECK_OUTPUT
for deposit_mm in (0.0, 0.1, 1.2, 3.5):
    plan = recommend(
        Patient(
            deposit_mm=deposit_mm, er="neg", pr="neg", her2="pos", menopause="pre", surgery="bcs", neoadjuvant="yes"
        )
    )
    vocab = plan.vocabulary
    finding = vocab.label("deposit_class", plan.deposit_class)
    print(f"{deposit_mm:>3} mm  {finding:<16} {plan.nodal_category:<9} axilla: {vocab.text('axilla', plan.axilla)}")

# %% [markdown]
# - **ypN0** (no tumour): no dissection, provided the sentinel procedure after treatment used the
#   techniques that keep false negatives low. Guidelines describe them (dual tracer, several nodes,
#   removing a node clipped before treatment); their exact wording is not yet checked here.
# - **ypN1mi or more** (residual nodal disease): completion axillary dissection. Axillary radiation
#   *instead of* dissection is being tested in a randomised trial (Alliance A011202) and belongs in a
#   trial until it reports.
# - **ypN0(i+)** (isolated tumour cells): **unsettled**. AJCC does not count ITCs as nodal disease,
#   but no randomised trial has shown that they can be left alone after neoadjuvant therapy, and
#   guidelines word it differently. The engine says so rather than inventing certainty.

# %% [markdown]
# ## Systemic therapy after residual disease
# Residual disease after neoadjuvant therapy is itself a reason to escalate, and what is added
# depends on the subtype. The plans below are for a patient with a residual micrometastasis
# (ypN1mi) after neoadjuvant therapy, by subtype; options are alternatives, preferred first.

# %%
# NBVAL_CHECK_OUTPUT
subtypes = {
    "HR-/HER2+": ("neg", "pos"),
    "HR+/HER2+": ("pos", "pos"),
    "HR-/HER2-": ("neg", "neg"),
    "HR+/HER2-": ("pos", "neg"),
}
for name, (hr, her2) in subtypes.items():
    plan = recommend(
        Patient(deposit_mm=1.2, er=hr, pr=hr, her2=her2, menopause="pre", surgery="bcs", neoadjuvant="yes")
    )
    vocab = plan.vocabulary
    consider = "; ".join(vocab.text("consider", c) for c in plan.consider) or "-"
    print(f"{name}: {vocab.options_text(plan.options)}\n    consider: {consider}")

# %% [markdown]
# - **HER2-positive** with residual invasive disease: trastuzumab emtansine (T-DM1) instead of
#   continuing trastuzumab (**KATHERINE**).
# - **Triple-negative** with residual disease: capecitabine (**CREATE-X**; its benefit was largest
#   in the triple-negative subgroup); olaparib for carriers of a germline *BRCA1/2* variant
#   (**OlympiA**); pembrolizumab continues after surgery if it was given before it (**KEYNOTE-522**,
#   which gave it both before and after surgery, so the trial does not separate the two phases).
# - **HR-positive, HER2-negative** with residual disease: endocrine therapy, with ovarian function
#   suppression before menopause (chapter 07); weigh olaparib for *BRCA* carriers and a CDK4/6
#   inhibitor. Which of these fits a patient whose only residual disease is a micrometastasis is not
#   settled, and the plan says so.
#
# The full plan for the triple-negative patient, as the command line prints it, with every step's
# reason and source:

# %%
plan = recommend(
    Patient(deposit_mm=1.2, er="neg", pr="neg", her2="neg", menopause="pre", surgery="bcs", neoadjuvant="yes")
)
print(plan.text())

# %% [markdown]
# ## The trials behind the escalation
# KATHERINE randomised 1,486 patients with residual HER2-positive disease to T-DM1 or trastuzumab:

# %%
# %matplotlib inline
from micromets.figures import plot_trial, show

show(plot_trial("katherine"), "katherine")

# %% [markdown]
# The four escalation trials side by side: each row is a hazard ratio as the trial reported it
# (OlympiA reported 99.5% and 99% intervals, which the labels state). A hollow mark (†) would be a
# number not yet checked against the publication; each registry entry notes where its numbers were read.

# %%
from micromets.figures import forest_alt, plot_forest

escalation = ["katherine", "create-x", "olympia", "keynote-522"]
title = "Residual disease after neoadjuvant therapy: hazard ratios"
show(
    plot_forest(escalation, title=title),
    alt=forest_alt(escalation, "the escalation trials' hazard ratios after neoadjuvant therapy"),
)

# %% [markdown]
# ## What the numbers do and do not say
# - These trials enrolled patients with **any** residual invasive disease, in the breast or the
#   nodes. None reports a separate result for residual disease confined to a nodal micrometastasis.
# - KATHERINE and CREATE-X compared adding a drug after the standard neoadjuvant course; KEYNOTE-522
#   changed the neoadjuvant course itself, so its result applies to patients who started
#   pembrolizumab before surgery.
# - OlympiA needs a germline *BRCA1/2* test result; the engine has no such input, so olaparib appears
#   as something to *consider*, with the condition stated.

# %%
from micromets import load_ruleset
from micromets.selfcheck import Question

after = recommend(
    Patient(deposit_mm=1.2, er="pos", pr="pos", her2="neg", menopause="post", surgery="bcs", neoadjuvant="yes")
)
before = recommend(Patient(deposit_mm=1.2, er="pos", pr="pos", her2="neg", menopause="post", surgery="bcs"))
axilla_step = load_ruleset(after.ruleset).nodes[after.decided_by("axilla")].step
vocab = after.vocabulary
Question(
    "After neoadjuvant chemotherapy, the sentinel node holds a 1.2 mm deposit. What happens to the axilla?",
    [vocab.text("axilla", before.axilla), vocab.text("axilla", after.axilla)],
    answer=vocab.text("axilla", after.axilla),
    why=f"{after.nodal_category} is residual disease. {axilla_step.rationale}",
    cite=list(axilla_step.citations),
)

# %%
her2_plan = recommend(
    Patient(deposit_mm=1.2, er="neg", pr="neg", her2="pos", menopause="pre", surgery="bcs", neoadjuvant="yes")
)
upfront = recommend(Patient(deposit_mm=1.2, er="neg", pr="neg", her2="pos", menopause="pre", surgery="bcs"))
tdm1_step = load_ruleset(her2_plan.ruleset).nodes[her2_plan.decided_by("systemic")].step
Question(
    "HER2-positive, HR-negative: residual disease in the nodes after neoadjuvant chemotherapy with trastuzumab. "
    "Which anti-HER2 treatment follows surgery?",
    sorted({vocab.option_text(upfront.options[0]), vocab.option_text(her2_plan.options[0])}),
    answer=vocab.option_text(her2_plan.options[0]),
    why=f"{tdm1_step.text} {tdm1_step.rationale or ''}".strip(),
    cite=list(tdm1_step.citations),
)

# %% [markdown]
# ## Key references
# - von Minckwitz G, et al. KATHERINE. *N Engl J Med* 2019;380:617–628; Geyer CE Jr, et al. *N Engl J Med* 2025;392:249–257.
# - Masuda N, et al. CREATE-X. *N Engl J Med* 2017;376:2147–2159.
# - Tutt ANJ, et al. OlympiA. *N Engl J Med* 2021.
# - Schmid P, et al. KEYNOTE-522. *N Engl J Med* 2020;382:810–821 and 2022;386:556–567.
# - Brackstone M, et al. Management of the axilla (OH(CCO)/ASCO). *J Clin Oncol* 2021; NCCN Breast Cancer guideline, 2025 (not checked offline).
# - Every entry, with what is verified: `micromets.registry()["katherine"]` and so on.
