# %% [markdown]
# # 06 After neoadjuvant therapy
#
# > **For education only.** Not a clinical decision tool.
#
# ## Learning objectives
# - Explain why a micrometastasis found *after* neoadjuvant therapy (ypN1mi) is residual disease,
#   and why the IBCSG 23-01 logic of chapter 02 does not carry over.
# - State what happens to the axilla for ypN0, ypN0(i+) and ypN1mi or more, which of these is
#   unsettled, and why the nodal status *before* treatment changes which trial applies.
# - Name the residual-disease escalation for each subtype and the trial behind it: KATHERINE,
#   CREATE-X, OlympiA, KEYNOTE-522.
# - Say whom each escalation trial enrolled, and what a germline *BRCA1/2* result changes.

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
import textwrap

from micromets import Patient, recommend
from micromets.pathway.prose import sentence, value_text

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
#   techniques that keep false negatives low (dual tracer, several nodes, removing a node clipped
#   before treatment).
# - **ypN1mi or more** (residual nodal disease): completion axillary dissection. Axillary radiation
#   *instead of* dissection is being tested by Alliance A011202, which enrolled only patients whose
#   nodes were biopsy-proven positive **before** treatment (cN1); for a patient node-negative before
#   treatment (cN0) whose sentinel node is positive after it, no randomised trial has tested
#   leaving the dissection out.
# - **ypN0(i+)** (isolated tumour cells): **unsettled**. AJCC does not count ITCs as nodal disease,
#   but no randomised trial has shown that they can be left alone after neoadjuvant therapy, and
#   guidelines word it differently. The engine says so rather than inventing certainty.
#
# The nodal status before treatment is an input of its own (`clinical_nodes`), asked only after
# neoadjuvant therapy. It changes which trial the axillary step names, and, after a complete nodal
# response, the radiation step: NSABP B-51 tested leaving out regional nodal radiation when cN1
# disease became ypN0, and found no significant gain from giving it.

# %%
# NBVAL_CHECK_OUTPUT
for deposit_mm in (1.2, 0.0):
    for before in ("cn0", "cn_positive"):
        plan = recommend(
            Patient(
                deposit_mm=deposit_mm,
                er="neg",
                pr="neg",
                her2="pos",
                menopause="pre",
                surgery="bcs",
                neoadjuvant="yes",
                clinical_nodes=before,
            )
        )
        vocab = plan.vocabulary
        decides = plan.decided_by("axilla" if deposit_mm else "radiation")
        step = next(s for s in plan.steps if s.id == decides)
        print(f"{sentence(value_text('clinical_nodes', before))}; {plan.nodal_category} after:")
        print(textwrap.fill(step.text, 100, initial_indent="  ", subsequent_indent="  "))

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
# - **HER2-positive without residual nodal disease** but node-positive before treatment: a year of
#   anti-HER2 therapy is completed with trastuzumab **and pertuzumab** when pertuzumab was given
#   before surgery (APHINITY found its benefit in node-positive disease).
# - **Triple-negative**: pembrolizumab continues after surgery **whatever the response** if it was
#   given before it (**KEYNOTE-522** gave it both before and after surgery, so the trial does not
#   separate the two phases). With residual disease, capecitabine (**CREATE-X**; its benefit was
#   largest in the triple-negative subgroup) may be added, although the combination was not tested
#   in a randomised trial; a carrier of a germline *BRCA1/2* variant is offered olaparib (**OlympiA**).
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
# number not yet checked against the publication.

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
# - KATHERINE and CREATE-X enrolled patients with residual invasive disease, in the breast or the
#   nodes, after a standard neoadjuvant course. None reports a separate result for residual disease
#   confined to a nodal micrometastasis.
# - KEYNOTE-522 enrolled patients **before** any treatment, whatever their later response: it changed
#   the neoadjuvant course itself and continued pembrolizumab after surgery, so its result applies to
#   patients who started pembrolizumab before surgery.
# - OlympiA enrolled germline *BRCA1/2* carriers both after neoadjuvant chemotherapy with residual
#   disease and after surgery first with high-risk features. The germline result is an input
#   (`gbrca`: yes, no or unknown); while it is unknown, olaparib stays something to *consider*, with
#   the condition stated.

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
# - Brackstone M, et al. Management of the axilla (OH(CCO)/ASCO). *J Clin Oncol* 2021; NCCN Breast Cancer guideline, version 4.2024.
# - Boughey JC, et al. Alliance A011202 (enrolling cN1 patients); Mamounas EP, et al. NSABP B-51, San Antonio 2023.
# - Every entry, with what is verified: `micromets.registry()["katherine"]` and so on.
