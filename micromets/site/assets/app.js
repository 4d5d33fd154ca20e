// The static explorer: starts Python (Pyodide, from this folder only), installs micromets from
// its wheel, and on every input change asks micromets.site.page for the plan and the route.
// No clinical rule lives here: the page shows what the Python engine returns.
import { loadPyodide } from "./pyodide/pyodide.mjs";
import flowchart from "./flowchart.js";

const manifest = JSON.parse(document.getElementById("mm-manifest").textContent);
// What this script says, from the vocabulary's site: and explorer: sections (written by the build):
// a phrase's $name (or ${name}) is filled in, $$ is a dollar sign, as Python's string.Template does.
const say = (key, names = {}) =>
  manifest.words[key].replace(/\$(?:(\$)|\{(\w+)\}|(\w+))/g, (_, dollar, braced, bare) =>
    dollar ? "$" : String(names[braced ?? bare]));
const $ = (selector, root = document) => root.querySelector(selector);
const form = $("#mm-form");
const planView = $(".mm-plan");
const state = { ruleset: manifest.default_ruleset, path: [], last: null, charts: {} };
const timings = [];
let page = null;

// ------------------------------------------------------------------ loading, with progress

const stages = []; // what the loading state said, in order (for tests)
const marks = []; // when each stage began (ms since the page was requested; for the benchmark)
// No running count of seconds: Python's start holds the main thread, so a count would stand still for
// seconds and then jump. The spinner (a CSS animation, drawn apart from the main thread) keeps turning.
function progress(percent, text, mark) {
  stages.push(text);
  marks.push(Math.round(performance.now()));
  performance.mark(`micromets:${mark}`); // the steps of a start, as the browser's own timeline shows them
  $("#mm-progress").value = percent;
  $("#mm-progress-text").textContent = text;
}
// The next steps run Python without a pause: let the browser paint what the loading state says first.
const painted = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));

function wheelBytes(name) {
  return fetch(name).then((response) => {
    if (!response.ok) throw new Error(say("load_failed", { file: name, status: response.status }));
    return response.arrayBuffer();
  });
}

async function start() {
  progress(5, say("step_python", { size: manifest.python_size }), "python"); // measured by the build
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", location.href).href });
  // Requested only now, together: asked for during Pyodide's start, they would compete with its own
  // files for the browser's few connections per host (cached reloads were slower so in our runs).
  const wheels = manifest.wheels.map(wheelBytes);
  // micromets compiled by the build (checked against its sources when imported), beside the wheel's files.
  const bytecode = manifest.bytecode ? wheelBytes(manifest.bytecode) : null;
  const chart = loadChart(state.ruleset);
  [...wheels, bytecode, chart].forEach((pending) => pending?.catch(() => {})); // reported where awaited
  progress(70, say("step_install"), "install");
  await painted();
  for (const pending of wheels) pyodide.unpackArchive(await pending, "wheel");
  if (bytecode) pyodide.unpackArchive(await bytecode, "zip");
  progress(80, say("step_engine"), "engine");
  await painted();
  page = pyodide.pyimport("micromets.site.page");
  progress(92, say("step_plan"), "plan");
  await chart;
  await painted();
  $("#mm-all").disabled = false;
  refresh();
  performance.mark("micromets:ready");
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
  // A plain slider grows to show a larger value (the number box holds it, never clamped); a banded
  // one keeps its scale, so its bands stay true, and rests at its end.
  if (Number(number.value) > Number(slider.max) && !slider.style.background) slider.max = number.value;
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
  const room = panel ? Math.max(panel.get("room"), 200) : firstRoom();
  const out = JSON.parse(page.update(JSON.stringify(fieldValues()), state.ruleset, room));
  const error = $("#mm-error");
  error.textContent = out.error;
  if (out.error) return; // the last plan stays, with the reason it did not change beside the inputs
  state.last = out;
  state.path = out.path;
  planView.innerHTML = out.plan_html;
  enable(out.enabled);
  const deposit = fieldValues().deposit_mm;
  $("#mm-class").textContent = deposit === null ? "" : say("band", { size: deposit, deposit_class: out.deposit_class });
  drawChart();
  timings.push(performance.now() - begin);
  // While the learner reads, draw the routes one button press away (one at a time, when idle).
  page.draw_ahead(JSON.stringify(fieldValues()), state.ruleset, room);
  scheduleAhead();
}

let aheadScheduled = false;
function scheduleAhead() {
  if (aheadScheduled) return;
  aheadScheduled = true;
  const later = window.requestIdleCallback || ((work) => setTimeout(() => work({ timeRemaining: () => 8 }), 50));
  later(function drawAhead(deadline) {
    let more = true;
    while (more && deadline.timeRemaining() > 6) more = page.draw_ahead_step();
    if (more) later(drawAhead);
    else aheadScheduled = false;
  });
}

async function loadChart(ruleset) {
  if (!state.charts[ruleset]) {
    const response = await fetch(`data/${ruleset}.json`);
    if (!response.ok) throw new Error(say("load_failed", { file: `data/${ruleset}.json`, status: response.status }));
    state.charts[ruleset] = await response.json();
  }
}

// ------------------------------------------------------------------ the flowchart: the notebook widget's own front end

// The flowchart panel is the notebook explorer's widget code (flowchart.js, written by the build from
// micromets' FlowchartWidget), driven by this stand-in for its Python side: the views and click details
// drawn at build time, the route drawn by micromets in this page, a trial figure drawn at build time.
class PanelModel {
  constructor(values) { this.values = values; this.handlers = {}; this.changed = new Set(); }
  get(key) { return this.values[key]; }
  set(key, value) {
    if (JSON.stringify(this.values[key]) === JSON.stringify(value)) return; // as Backbone: no change, no event
    this.values[key] = value;
    this.changed.add(key);
    for (const handler of this.handlers["change:" + key] || []) handler();
  }
  on(event, handler) { (this.handlers[event] ||= []).push(handler); }
  save_changes() { const keys = [...this.changed]; this.changed.clear(); answer(keys); }
}
let panel = null;
let figures = null;

function drawing() {
  const chart = state.charts[state.ruleset];
  const stage = panel.get("stage");
  if (stage !== "route") return chart.svgs[stage || ""];
  const room = Math.max(panel.get("room"), 200);
  if (state.last && state.last.room === room) return state.last.route_svg;
  return page.route_svg(state.ruleset, JSON.stringify(state.path), room);
}

async function answer(keys) {
  // What FlowchartWidget's Python observers do when the browser changes a value.
  if (keys.includes("stage") || keys.includes("room")) panel.set("svg", drawing());
  if (keys.includes("figure")) {
    const chosen = panel.get("figure");
    let html = "";
    if (chosen) {
      figures = figures || (await (await fetch("data/figures.json")).json());
      const entry = figures[chosen];
      if (entry) html = `<img src="${entry.file}" alt="${escapeAttr(entry.alt)}">`;
    }
    panel.set("figure_html", html);
  }
}

function firstRoom() {
  // The chart canvas's width before it exists (the section less the canvas's 1 px borders), so the
  // first route is laid out once, for the panel it will fill.
  return Math.max(Math.floor(document.querySelector(".mm-flowchart").clientWidth) - 2, 200);
}

function showRuleset() {
  const chart = state.charts[state.ruleset];
  const ids = new Set(chart.views.map(([id]) => id));
  if (!panel) {
    const el = document.querySelector(".mm-flowchart");
    el.replaceChildren();
    panel = new PanelModel({ svg: "", path: state.path, stage: "route", selected: "", ruleset: state.ruleset,
      details: chart.details, views: chart.views, words: chart.words, figure: "", figure_html: "", room: firstRoom() });
    flowchart.render({ model: panel, el });
    return;
  }
  if (!ids.has(panel.get("stage"))) panel.set("stage", "route");
  if (!(panel.get("selected") in chart.details)) panel.set("selected", "");
  panel.set("ruleset", state.ruleset);
  panel.set("words", chart.words);
  panel.set("views", chart.views);
  panel.set("details", chart.details);
}

// Escape closes the details wherever the focus is (a view button the learner pressed is redrawn away).
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && panel && panel.get("selected")) { panel.set("selected", ""); panel.save_changes(); }
});

function drawChart() {
  if (!state.charts[state.ruleset] || !state.last) return;
  if (!panel || panel.get("ruleset") !== state.ruleset) showRuleset();
  panel.set("path", state.path);
  panel.set("svg", drawing());
}

function escapeAttr(text) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

// ------------------------------------------------------------------ for tests and anyone embedding the page

const ready = start().catch((error) => {
  $(".mm-spinner").hidden = true;
  $("#mm-progress-text").textContent = say("start_failed", { error: error.message });
  throw error;
});
window.micromets = {
  ready,
  timings,
  stages,
  marks,
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
