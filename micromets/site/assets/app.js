// The static explorer: starts Python (Pyodide, from this folder only), installs micromets from
// its wheel, and on every input change asks micromets.site.page for the plan and the route.
// No clinical rule lives here: the page shows what the Python engine returns.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const manifest = JSON.parse(document.getElementById("mm-manifest").textContent);
const $ = (selector, root = document) => root.querySelector(selector);
const form = $("#mm-form");
const bar = $(".mm-fc-bar");
const canvas = $(".mm-fc-canvas");
const panel = $(".mm-fc-details");
const planView = $(".mm-plan");
const state = { ruleset: manifest.default_ruleset, view: "route", path: [], selected: "", last: null, charts: {} };
const timings = [];
let page = null;

// ------------------------------------------------------------------ loading, with progress

const started = performance.now();
let stageText = "";
function progress(percent, text) {
  stageText = text;
  $("#mm-progress").value = percent;
  tick();
}
function tick() {
  const seconds = Math.round((performance.now() - started) / 1000);
  $("#mm-progress-text").textContent = `${stageText} (${seconds} s)`;
}
const ticker = setInterval(tick, 500);

async function start() {
  progress(5, "Downloading Python for your browser (about 13 MB, once)…");
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", location.href).href });
  progress(70, "Installing micromets…");
  for (const wheel of manifest.wheels) {
    const response = await fetch(wheel);
    if (!response.ok) throw new Error(`could not load ${wheel} (${response.status})`);
    pyodide.unpackArchive(await response.arrayBuffer(), "wheel");
  }
  progress(82, "Starting the engine…");
  page = pyodide.pyimport("micromets.site.page");
  progress(92, "Drawing the first plan…");
  await loadChart(state.ruleset);
  $("#mm-all").disabled = false;
  refresh();
  clearInterval(ticker);
  $(".mm-loading").hidden = true;
  document.querySelector("main").setAttribute("aria-busy", "false");
  window.micromets.loadMs = performance.now(); // since the page was requested
}

// ------------------------------------------------------------------ the form

function fieldValues() {
  const values = {};
  for (const field of form.querySelectorAll(".mm-field")) {
    const name = field.dataset.field;
    const kind = field.dataset.kind;
    let raw;
    if (field.classList.contains("mm-buttons")) {
      const chosen = field.querySelector("input:checked");
      raw = chosen ? chosen.value : "";
    } else {
      raw = field.querySelector("input[type=number]").value.trim();
    }
    if (raw === "") values[name] = null;
    else values[name] = kind === "choice" ? raw : Number(raw);
  }
  return values;
}

function enable(enabled) {
  const on = new Set(enabled);
  for (const field of form.querySelectorAll(".mm-field")) {
    const off = !on.has(field.dataset.field);
    field.classList.toggle("mm-off", off);
    for (const input of field.querySelectorAll("input")) input.disabled = off;
  }
}

function syncSlider(number) {
  const slider = form.querySelector(`.mm-slider[data-for="${number.name}"]`);
  if (!slider) return;
  if (number.value === "") { slider.classList.add("mm-unset"); return; }
  slider.classList.remove("mm-unset");
  if (Number(number.value) > Number(slider.max)) slider.max = number.value; // grows, never clamps
  slider.value = number.value;
}

form.addEventListener("input", (event) => {
  const target = event.target;
  if (target.classList.contains("mm-slider")) {
    const number = form.querySelector(`input[type=number][name="${target.dataset.for}"]`);
    number.value = target.value;
    number.dispatchEvent(new Event("change", { bubbles: true }));
    return;
  }
  if (target.type === "number") syncSlider(target);
  refresh(event.timeStamp);
});
form.addEventListener("change", (event) => {
  if (event.target.type === "number") { syncSlider(event.target); refresh(event.timeStamp); }
});
$("#mm-ruleset").addEventListener("change", async (event) => {
  state.ruleset = event.target.value;
  await loadChart(state.ruleset);
  refresh();
});

// ------------------------------------------------------------------ one update: plan, route, chart

function refresh(since) {
  if (!page) return;
  const begin = since ?? performance.now();
  const out = JSON.parse(page.update(JSON.stringify(fieldValues()), state.ruleset));
  const error = $("#mm-error");
  error.textContent = out.error;
  if (out.error) return; // the last plan stays, with the reason it did not change beside the inputs
  state.last = out;
  state.path = out.path;
  planView.innerHTML = out.plan_html;
  enable(out.enabled);
  const deposit = fieldValues().deposit_mm;
  $("#mm-class").textContent = deposit === null ? "" : `${deposit} mm: ${out.deposit_class}`;
  drawChart();
  timings.push(performance.now() - begin);
}

async function loadChart(ruleset) {
  if (!state.charts[ruleset]) {
    const response = await fetch(`data/${ruleset}.json`);
    state.charts[ruleset] = await response.json();
  }
  const ids = new Set(state.charts[ruleset].views.map(([id]) => id));
  if (!ids.has(state.view)) state.view = "route";
  drawBar();
}

function drawBar() {
  const chart = state.charts[state.ruleset];
  bar.replaceChildren();
  for (const [id, title] of chart.views.slice(0, 2)) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "mm-fc-view";
    button.textContent = title;
    button.setAttribute("aria-pressed", String(state.view === id));
    button.addEventListener("click", () => showView(id));
    bar.append(button);
  }
  const label = document.createElement("label");
  label.className = "mm-fc-stage";
  label.textContent = "Stage: ";
  const pick = document.createElement("select");
  const none = new Option("choose a stage…", "");
  none.disabled = true;
  pick.append(none);
  for (const [id, title] of chart.views.slice(2)) pick.append(new Option(title, id));
  pick.value = chart.views.slice(2).some(([id]) => id === state.view) ? state.view : "";
  pick.classList.toggle("mm-fc-active", pick.value !== "");
  pick.addEventListener("change", () => showView(pick.value));
  label.append(pick);
  bar.append(label);
  markRoute();
}

function markRoute() {
  // Say which stages the lit route passes through, in the stage list itself.
  const chart = state.charts[state.ruleset];
  const nodes = new Set(state.path);
  const pick = bar.querySelector("select");
  for (const [id, title, members] of chart.views.slice(2)) {
    const option = [...pick.options].find((o) => o.value === id);
    if (option) option.textContent = title + (members.some((n) => nodes.has(n)) ? "  ◆ on this route" : "");
  }
}

function showView(id) {
  state.view = id;
  drawBar();
  drawChart();
  // A big view opens where the route starts, not at its top-left corner.
  const first = canvas.querySelector(".mm-node.mm-lit");
  if (first && id !== "route") first.scrollIntoView({ block: "nearest", inline: "center" });
}

let shownSvg = null;
function drawChart() {
  const chart = state.charts[state.ruleset];
  if (!chart || !state.last) return;
  const svg = state.view === "route" ? state.last.route_svg : chart.svgs[state.view];
  if (svg !== shownSvg) { canvas.innerHTML = svg; shownSvg = svg; }
  light();
  markRoute();
}

function light() {
  const root = canvas.querySelector("svg");
  if (!root) return;
  if (!root.classList.contains("mm-route")) {
    const nodes = new Set(state.path);
    const edges = new Set();
    for (let i = 0; i + 1 < state.path.length; i++) edges.add(state.path[i] + ">" + state.path[i + 1]);
    root.classList.toggle("mm-has-path", state.path.length > 0);
    for (const g of root.querySelectorAll(".mm-node")) g.classList.toggle("mm-lit", nodes.has(g.dataset.node));
    for (const g of root.querySelectorAll(".mm-stub[data-nodes]"))
      g.classList.toggle("mm-lit", g.dataset.nodes.split(" ").some((n) => nodes.has(n)));
    for (const g of root.querySelectorAll(".mm-edge[data-edges]"))
      g.classList.toggle("mm-lit", g.dataset.edges.split(" ").some((e) => edges.has(e)));
  }
  for (const g of root.querySelectorAll(".mm-node")) g.classList.toggle("mm-selected", g.dataset.node === state.selected);
}

// ------------------------------------------------------------------ click a node: its step, reasons and trials

let figures = null;
async function select(node, figure = "") {
  state.selected = node;
  light();
  const html = state.charts[state.ruleset].details[node];
  panel.hidden = !html;
  if (!html) return;
  let picture = "";
  if (figure) {
    figures = figures || (await (await fetch("data/figures.json")).json());
    const entry = figures[figure];
    if (entry) picture = `<div class="mm-fc-figure"><img src="${entry.file}" alt="${escapeAttr(entry.alt)}"></div>`;
  }
  panel.classList.toggle("mm-fc-wide", Boolean(picture));
  panel.innerHTML = "<button type='button' class='mm-fc-close' aria-label='Close the details'>×</button>" + picture + html;
  panel.scrollTop = 0;
  panel.focus();
}

function escapeAttr(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function choose(target) {
  const stub = target.closest(".mm-stub[data-stage]");
  if (stub) { showView(stub.dataset.stage); return; }
  const node = target.closest(".mm-node");
  if (node) select(node.dataset.node);
}
canvas.addEventListener("click", (event) => choose(event.target));
canvas.addEventListener("keydown", (event) => {
  if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(event.target); }
});
function closePanel() {
  const chosen = state.selected;
  state.selected = "";
  panel.hidden = true;
  light();
  const node = chosen ? canvas.querySelector(`.mm-node[data-node="${chosen}"]`) : null;
  if (node) node.focus(); // back where the learner was
}
panel.addEventListener("click", (event) => {
  if (event.target.closest(".mm-fc-close")) { closePanel(); return; }
  const button = event.target.closest("[data-figure]");
  if (button) select(state.selected, button.dataset.figure);
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && state.selected) closePanel();
});

// ------------------------------------------------------------------ for tests and anyone embedding the page

const ready = start().catch((error) => {
  clearInterval(ticker);
  $("#mm-progress-text").textContent = `Python could not start here: ${error.message}`;
  throw error;
});
window.micromets = {
  ready,
  timings,
  // The same JSON as `python -m micromets recommend --json` (fields named as INPUT_FIELDS; `ruleset` optional).
  async recommend(fields) {
    await ready;
    try {
      return JSON.parse(page.recommend_json(JSON.stringify(fields)));
    } catch (error) {
      // A Python refusal: its last line, without the exception's class (the field and what is allowed).
      throw new Error(String(error.message).trim().split("\n").pop().replace(/^[\w.]+: /, ""));
    }
  },
};
