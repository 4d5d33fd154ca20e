# %% [markdown]
# # Instructor: running a session
#
# > **For education only.** Not a clinical decision tool; say so at the start of every session.
#
# ## Before the session
# - **Binder** (up to about 100 learners at once per repository): open the Binder link from the README
#   yourself 15–30 minutes before the class, so that the image is built and cached when the room arrives.
# - **A larger class**: run the workbook on your own JupyterHub. From a checkout of this repository,
#   install it in the hub's single-user image without an editable link:
#   `pip install -r binder/requirements.txt && pip install --no-deps .` (the learner's pins, then the
#   package with its data and Jupyter settings). Then hand out an **nbgitpuller** link that pulls this
#   repository into each learner's server: `python -m micromets links --hub https://YOUR-HUB` prints it
#   for your copy (in a clone without a GitHub remote, add `--repo you/your-fork`).
# - **Offline** (a lecture hall without network): install once with the README's first command; every
#   notebook then runs without a network.
# - **A projector**: the explorer alone, served by Voila, hides the code:
#   `.venv/bin/voila notebooks/explorer.ipynb`; then press **Projector view** (below).
#
# ## During the session
# A good sequence for 60–90 minutes: 01 (the ruler; ask the room to find the 200-cell boundary),
# 02 (ask which arm had 87.8% before showing the figure), 03 (the explorer: let pairs vary one input
# at a time and predict the change first), 04 (the comparison), then 05 in pairs.

# %% [markdown]
# ## On the projector
# Press **Projector view**, beside the pathway chooser at the top of the explorer. The chart and the plan
# then share the screen in large type (at 1024×768, flowchart labels of 18 px or more, the plan at 18 px);
# the inputs move below them: scroll down to change the patient, back up to show the room. A trial
# figure chosen under *Show* takes the whole width, its smallest text at 14 px or more. Press the button
# again for the ordinary layout. In a notebook, `.present()` opens an explorer in projector view:

# %%
from micromets.widgets import explore

explore(deposit_mm=1.2, er="pos", pr="pos", her2="neg", menopause="pre", surgery="bcs").present()

# %% [markdown]
# ## Slides: export a flowchart or a figure
# Every flowchart exports to SVG: sharp at any size, and PowerPoint, Keynote, LibreOffice and
# browsers open it (for a PNG, screenshot the SVG in a browser). Here, one patient's route through
# each ruleset (the route view: each question, the answer taken and the branches not taken, its
# stages in columns that fit a 16:9 slide; the whole trials-2024 map has 114 boxes), written to
# `session-output/slides/` next to this notebook (git ignores it; each run replaces these files). From a terminal: `python -m micromets flowchart -o slide.svg ...` (below).

# %%
from pathlib import Path

from micromets import Patient, recommend
from micromets.display import Table
from micromets.flowchart import export_flowchart

slides = Path("session-output") / "slides"
slides.mkdir(parents=True, exist_ok=True)
patient = Patient(deposit_mm=1.2, er="pos", pr="pos", her2="neg", menopause="pre", surgery="bcs", recurrence_score=22)
exported = []
for ruleset in ("seed-2025", "trials-2024"):
    exported.append(slides / f"{ruleset}.svg")
    export_flowchart(ruleset, recommend(patient, ruleset).path, str(exported[-1]), view="route")
Table(["file written", "size"], [[str(p), f"{p.stat().st_size:,} bytes"] for p in exported], caption="Slides written")

# %% [markdown]
# What the slide shows (the file itself, as it will be projected):

# %%
from IPython.display import HTML

from micromets.display import img_html

HTML(
    img_html(
        exported[-1].read_bytes(),
        alt="This patient's route through the trials-2024 pathway: each question with the answer taken, as exported for a slide",
    )
)

# %% [markdown]
# ## The command line
# The same engine answers from a terminal, for a quick check while teaching:
#
# ```
# python -m micromets recommend --deposit-mm 1.2 --er pos --pr pos --her2 neg --menopause post --surgery bcs
# python -m micromets recommend ... --ruleset trials-2024 --json
# python -m micromets rulesets
# python -m micromets flowchart -o route.svg --view route --deposit-mm 1.2 --er pos --pr pos --her2 neg --menopause post --surgery bcs
# python -m micromets compare seed-2025 trials-2024
# ```

# %%
# NBVAL_CHECK_OUTPUT
from micromets.cli import main

exit_code = main(["rulesets"])

# %% [markdown]
# ## What curators still check (never shown to learners)
# A plan step's note tells learners the limits of the evidence. What the curators checked, where,
# and what is still to check lives in separate `curation` fields of the rulesets and the evidence
# registry; learners never see it. The same list prints with `python -m micromets evidence --audit`.

# %%
from micromets.audit import curation_records

for record in curation_records():
    print(f"- {record.where}: {record.text}")
