# %% [markdown]
# # 02 The axilla
#
# > **For education only.** Not a clinical decision tool.
#
# ## Learning objectives
# - State, with its numbers, what IBCSG 23-01 showed about completion dissection for micrometastases.
# - Read the article's claim critically: which arm had which survival.
# - Weigh the morbidity that dissection adds.
# - Explain where macrometastases differ: the Z0011 criteria and axillary radiation (AMAROS).
# - Say what omitting the sentinel biopsy altogether (SOUND, INSEMA) means for finding micrometastases.

# %% [markdown]
# ## Sentinel node biopsy alone is enough
# IBCSG 23-01 randomised 934 women with micrometastatic sentinel nodes (tumours up to 5 cm) to
# completion axillary dissection or none. Omitting dissection was non-inferior for disease-free
# survival at 5 and at 10 years.
#
# **Read the source critically.** The source article writes "84.4% vs 87.8%" for "dissection versus
# none". The publication reports the opposite order: **87.8% without** dissection and **84.4% with**
# it (84.4 is also the lower confidence limit of the no-dissection arm, an easy source of mix-ups).
# The seed ruleset keeps the article's decision and states the publication's numbers beside it:

# %%
# NBVAL_CHECK_OUTPUT
from micromets import Patient, load_ruleset, recommend

step = load_ruleset("seed-2025").nodes["axilla_micro"].step
print("Step:", step.text)
print("Why:", step.rationale)
print("Limits of the evidence:", step.note)

# %%
# %matplotlib inline
from micromets.figures import plot_ibcsg, show

show(plot_ibcsg(), "ibcsg-23-01", "ibcsg-23-01-10y")

# %% [markdown]
# Hollow marks (†) are numbers the workbook has not matched against the publication's own tables:
# here the 5-year overall survival and the any-grade morbidity percentages. Read them as
# approximate; the figure marks them rather than mixing them with the confirmed numbers.
#
# ## The de-escalation trials side by side
# Each row is a hazard ratio with its confidence interval, as the trial reported it. For IBCSG 23-01
# the dashed line marks the non-inferiority margin (1.25). SOUND and INSEMA asked a different
# question (whether to biopsy the sentinel node at all); INSEMA's second randomisation and SENOMAC
# concern *macro*metastases.

# %%
from micromets.figures import forest_alt, plot_forest

show(plot_forest(), alt=forest_alt())

# %% [markdown]
# ## Omitting the sentinel biopsy altogether
# SOUND (tumours up to 2 cm with a normal axillary ultrasound) and INSEMA (cT1–2, clinically
# node-negative) randomised women having breast-conserving surgery to sentinel node biopsy or **no
# axillary surgery at all**. Leaving the axilla unstaged did as well for the trials' survival endpoints:

# %%
# NBVAL_CHECK_OUTPUT
from micromets import registry

sound, insema = registry()["sound"], registry()["insema"]
rows = [(sound, e) for e in sound.endpoints if e.endpoint == "DDFS"]
rows += [(insema, e) for e in insema.endpoints if e.endpoint.startswith("iDFS")]
rows += [(sound, sound.find("positive axillary nodes in SLNB arm"))]
for trial, e in rows:
    print(f"{trial.name}: {e.describe()}")

# %% [markdown]
# **What this means for micrometastases.** In SOUND's biopsy arm some women had positive nodes (the
# last line above), some of them micrometastases. Without a biopsy
# those deposits are never found: there is no pathological nodal category to read, and every
# decision that depends on it (pN1mi versus pN0 for the recurrence-score cut-offs of chapter 04,
# eligibility for the drugs of chapter 07) rests on the tumour alone. Omission fits best where
# that information would not change treatment, the low-risk populations the trials enrolled.

# %% [markdown]
# ## Where macrometastases differ
# Macrometastases lie outside the source article. The engine still answers, following Z0011
# (1–2 positive sentinel nodes, breast-conserving surgery and whole-breast radiation: no
# dissection) and AMAROS (otherwise: dissection or axillary radiation). The table is computed by
# the engine, not typed:

# %%
# NBVAL_CHECK_OUTPUT
for surgery in ("bcs", "mastectomy"):
    for nodes in (1, 2, 3):
        plan = recommend(
            Patient(
                deposit_mm=3.0, positive_nodes=nodes, er="pos", pr="pos", her2="neg", menopause="post", surgery=surgery
            )
        )
        words = plan.vocabulary
        print(
            f"{words.text('surgery', surgery)}, {nodes} node(s), {plan.nodal_category}: {words.text('axilla', plan.axilla)}"
        )

# %%
from micromets.figures import plot_trial, show

show(plot_trial("amaros-10y"), "amaros-10y")

# %%
from micromets import registry
from micromets.selfcheck import Question
from micromets.vocabulary import text

arms = {"no ALND": "without axillary dissection", "ALND": "with axillary dissection"}
dfs = {e.arm: e for e in registry()["ibcsg-23-01"].endpoints if e.endpoint == "DFS"}
better = max(dfs, key=lambda arm: dfs[arm].value)
Question(
    f"In IBCSG 23-01, which arm had a 5-year disease-free survival of {dfs[better].value}%?",
    list(arms.values()),
    answer=arms[better],
    why=f"{dfs['no ALND'].describe()}; {dfs['ALND'].describe()}. The article reverses the arms.",
    cite=["ibcsg-23-01"],
)

# %%
Question(
    "After a mastectomy, a 3 mm deposit is found in one sentinel node. The axillary plan?",
    [text("axilla", code) for code in ("no_alnd_z0011", "alnd_or_axillary_rt")],
    answer=text(
        "axilla",
        recommend(
            Patient(deposit_mm=3.0, er="pos", pr="pos", her2="neg", menopause="post", surgery="mastectomy")
        ).axilla,
    ),
    why="Z0011 enrolled women treated with breast-conserving surgery and whole-breast radiation; after mastectomy "
    "AMAROS supports axillary radiation as the alternative to dissection.",
    cite=["z0011", "amaros"],
)

# %% [markdown]
# ## Key references
# - Galimberti V, et al. IBCSG 23-01. *Lancet Oncol* 2013;14:297–305 and 2018;19:1385–1393.
# - Giuliano AE, et al. ACOSOG Z0011. *JAMA* 2011 and 2017.
# - Donker M, et al. AMAROS. *Lancet Oncol* 2014; Bartels SAL, et al. *J Clin Oncol* 2023.
# - de Boniface J, et al. SENOMAC. *N Engl J Med* 2024.
# - Gentilini OD, et al. SOUND. *JAMA Oncol* 2023;9:1557–1564; Reimer T, et al. INSEMA. *N Engl J Med* 2025;392:1051–1064.
