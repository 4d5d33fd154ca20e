"""The flowchart panel's browser side: the JavaScript module and the style sheet that the
``FlowchartWidget`` (and a static page) run. The SVG arrives drawn; this code lights a route
by CSS classes, zooms and pans a map view (buttons, Ctrl + wheel, keys, dragging), resets the
scroll of a new route, shows a selected box's details and reports the panel's width (the
route view is drawn to fit it).

Plain strings: importing this needs no widget library. Its words (the toolbar, the zoom buttons,
the stage list) are the vocabulary's (``flowchart.words``), sent as ``words`` (``panel_words``).
"""

from ...ground.vocabulary import PANEL_WORDS
from .roles import flowchart_words


def panel_words(rules) -> dict[str, str]:
    """The words the panel's browser side shows, from the ruleset's vocabulary.

    >>> from micromets.pathway.ruleset import load_ruleset
    >>> panel_words(load_ruleset("seed-2025"))["zoom_in"]
    'Zoom in'
    """
    words = flowchart_words(rules).words
    return {key: words[key] for key in PANEL_WORDS}


ESM = r"""
function render({ model, el }) {
  el.classList.add("mm-flowchart");
  const word = (key) => model.get("words")[key]; // the vocabulary's words (flowchart.words)
  const attribute = (text) => text.replace(/&/g, "&amp;").replace(/'/g, "&#39;").replace(/</g, "&lt;");
  function part(className, attributes) {
    const div = document.createElement("div");
    div.className = className;
    for (const [name, value] of Object.entries(attributes)) div.setAttribute(name, value);
    return div;
  }
  const bar = part("mm-fc-bar", { role: "toolbar", "aria-label": word("panel_views") });
  // The keyboard pans (arrows) and zooms (+, -, 0 fits) a map view.
  // In JupyterLab the keys stay with the chart (not the notebook's own shortcuts).
  const canvas = part("mm-fc-canvas", { tabindex: "0", role: "group", "data-lm-suppress-shortcuts": "true",
    "aria-label": word("panel_keys") });
  const zoom = part("mm-fc-zoom", { role: "group", "aria-label": word("panel_zoom") });
  const panel = part("mm-fc-details", { role: "region", "aria-label": word("panel_details"),
    "aria-live": "polite" });
  panel.hidden = true;
  panel.tabIndex = -1;
  el.append(bar, canvas, panel);
  let shown = null;
  let scale = 1; // a map view (whole pathway, a stage) is drawn at this zoom; the route view always at 1
  let focusPanel = false; // a learner chose a node: take the keyboard to its details once they show
  // What a map view keeps showing when the panel changes size or scale (projector view, a resized
  // window) or the lit route changes: "route" (the lit route, as a map opens), "fit" (the whole
  // drawing) or "hand" (where the learner zoomed or panned it: theirs, left alone).
  let follow = "route";

  function svg() { return canvas.querySelector("svg"); }

  function drawBar() {
    bar.replaceChildren();
    const current = model.get("stage") || "";
    const views = model.get("views");
    for (const [id, title] of views.slice(0, 2)) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "mm-fc-view";
      b.textContent = title;
      b.setAttribute("aria-pressed", String(current === id));
      b.addEventListener("click", () => { model.set("stage", id); model.save_changes(); });
      bar.append(b);
    }
    const label = document.createElement("label");
    label.className = "mm-fc-stage";
    label.textContent = word("panel_stage") + " ";
    const pick = document.createElement("select");
    const none = new Option(word("panel_choose"), "");
    none.disabled = true;
    pick.append(none);
    for (const [id, title] of views.slice(2)) pick.append(new Option(title, id));
    pick.value = views.slice(2).some(([id]) => id === current) ? current : "";
    pick.classList.toggle("mm-fc-active", pick.value !== "");
    pick.addEventListener("change", () => { model.set("stage", pick.value); model.save_changes(); });
    label.append(pick);
    bar.append(label);
    bar.append(zoom);
    markRoute();
  }

  // ----- zoom and pan of a map view: buttons, Ctrl + wheel (or a pinch), keys, dragging
  const ZOOMS = [["out", "−", word("zoom_out"), () => zoomBy(1 / 1.25)],
    ["in", "+", word("zoom_in"), () => zoomBy(1.25)],
    ["fit", word("fit"), word("fit_tip"), () => fit()],
    ["route", word("show_route"), word("show_route_tip"), () => showRoute()]];
  for (const [kind, text, name, act] of ZOOMS) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "mm-fc-zoom-" + kind;
    b.textContent = text;
    b.title = name;
    b.setAttribute("aria-label", name);
    b.addEventListener("click", act);
    zoom.append(b);
  }
  const level = document.createElement("span");
  level.className = "mm-fc-zoom-level";
  level.setAttribute("aria-live", "polite");
  zoom.append(level);

  function isMap() { const root = svg(); return Boolean(root) && !root.classList.contains("mm-route"); }
  function natural(root) { return [parseFloat(root.getAttribute("width")), parseFloat(root.getAttribute("height"))]; }
  function setScale(value, px, py) {
    // Zoom about a point of the panel (its centre by default), keeping that point of the drawing still.
    const root = svg();
    if (!root) return;
    const [w, h] = natural(root);
    const fitting = Math.min(canvas.clientWidth / w, canvas.clientHeight / h, 1);
    const next = Math.max(Math.min(fitting, 0.1), Math.min(value, 2.5));
    if (px === undefined) { px = canvas.clientWidth / 2; py = canvas.clientHeight / 2; }
    const ux = (canvas.scrollLeft + px) / scale, uy = (canvas.scrollTop + py) / scale;
    scale = next;
    root.style.width = w * scale + "px";
    root.style.height = h * scale + "px";
    canvas.scrollLeft = ux * scale - px;
    canvas.scrollTop = uy * scale - py;
    level.textContent = Math.round(scale * 100) + "%";
  }
  function zoomBy(factor, px, py) { if (isMap()) { follow = "hand"; setScale(scale * factor, px, py); } }
  function fit() {
    const root = svg();
    if (!root || !isMap()) return;
    follow = "fit";
    const [w, h] = natural(root);
    setScale(Math.min(canvas.clientWidth / w, canvas.clientHeight / h));
    canvas.scrollLeft = 0; canvas.scrollTop = 0;
  }
  let pendingOpen = false; // a map drawn before the panel had a size opens on its route once it has one
  // Opening a map on its route: the route's first screen (what shows under its first box) is in
  // view whole, no label cut at a side. At reading size when it fits the panel's width; otherwise
  // zoomed out as far as needed, but never below OPEN_MIN (labels of 9 px): beyond that its start shows.
  const OPEN_MIN = 0.7, PAD = 12;
  function showRoute() {
    const root = svg();
    if (!root || !isMap()) return;
    if (!canvas.clientWidth) return;
    pendingOpen = false;
    follow = "route";
    setScale(1);
    let lit = [...root.querySelectorAll(".mm-node.mm-lit, .mm-stub.mm-lit, .mm-edge.mm-lit text")];
    if (!lit.length) lit = [...root.querySelectorAll(".mm-node")].slice(0, 1); // no route: where the pathway starts
    const origin = root.getBoundingClientRect();
    const k = origin.width / natural(root)[0] || 1; // screen px per drawing px (a CSS zoom, projector mode)
    const boxes = lit.map((g) => g.getBoundingClientRect()).filter((b) => b.width > 0)
      .map((b) => ({ left: (b.left - origin.left) / k, right: (b.right - origin.left) / k,
        top: (b.top - origin.top) / k, bottom: (b.bottom - origin.top) / k }))
      .sort((a, b) => a.top - b.top);
    if (!boxes.length) { canvas.scrollLeft = 0; canvas.scrollTop = 0; return; }
    const first = boxes[0];
    const across = (s) => { // what the panel shows at scale s with the first box at its top, and its span
      const foot = first.top - PAD + canvas.clientHeight / s;
      const seen = boxes.filter((b) => b.top < foot);
      return [Math.min(...seen.map((b) => b.left)), Math.max(...seen.map((b) => b.right))];
    };
    let s = 1;
    for (let i = 0; i < 8; i++) { // zooming out shows more rows, which may be wider: settle on a scale
      const [left, right] = across(s);
      const next = Math.max(OPEN_MIN, Math.min(1, canvas.clientWidth / (right - left + 2 * PAD)));
      if (next >= s - 0.005) break;
      s = next;
    }
    if (s < 1) setScale(s, 0, 0);
    const [left, right] = across(scale);
    const room = canvas.clientWidth / scale;
    const middle = right - left + 2 * PAD <= room ? (left + right) / 2 : first.left - PAD + room / 2;
    canvas.scrollLeft = (middle - room / 2) * scale;
    canvas.scrollTop = (first.top - PAD) * scale;
  }
  canvas.addEventListener("wheel", (e) => {
    if (!isMap()) return;
    if (!(e.ctrlKey || e.metaKey)) { follow = "hand"; return; } // a plain wheel scrolls, as everywhere on the page
    e.preventDefault();
    const r = canvas.getBoundingClientRect();
    zoomBy(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  canvas.addEventListener("keydown", (e) => {
    if (e.target !== canvas || e.ctrlKey || e.metaKey || e.altKey) return;
    const step = 60;
    const keys = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (keys[e.key]) {
      follow = "hand";
      canvas.scrollBy(keys[e.key][0], keys[e.key][1]); e.preventDefault(); e.stopPropagation();
    }
    else if (["PageUp", "PageDown", "Home", "End"].includes(e.key)) follow = "hand"; // the browser scrolls
    else if (e.key === "+" || e.key === "=") { zoomBy(1.25); e.preventDefault(); e.stopPropagation(); }
    else if (e.key === "-" || e.key === "_") { zoomBy(1 / 1.25); e.preventDefault(); e.stopPropagation(); }
    else if (e.key === "0") { fit(); e.preventDefault(); e.stopPropagation(); }
  });
  let drag = null; // dragging the background pans a map view
  let pressed = false; // a pointer is down on the panel: a scroll now is the learner's (a scroll bar, a drag)
  canvas.addEventListener("pointerdown", (e) => {
    pressed = true;
    if (!isMap() || e.button !== 0 || e.target.closest(".mm-node, .mm-stub[data-stage]")) return;
    drag = [e.clientX, e.clientY, canvas.scrollLeft, canvas.scrollTop];
  });
  canvas.addEventListener("scroll", () => { if (pressed && isMap()) follow = "hand"; }, { passive: true });
  canvas.addEventListener("touchmove", () => { if (isMap()) follow = "hand"; }, { passive: true });
  canvas.addEventListener("pointermove", (e) => {
    if (!drag) return;
    if (Math.abs(e.clientX - drag[0]) + Math.abs(e.clientY - drag[1]) > 3) follow = "hand";
    canvas.scrollLeft = drag[2] - (e.clientX - drag[0]);
    canvas.scrollTop = drag[3] - (e.clientY - drag[1]);
  });
  for (const end of ["pointerup", "pointerleave", "pointercancel"]) {
    canvas.addEventListener(end, () => { drag = null; pressed = false; });
  }
  // The route view is drawn for the panel's width: say it, and again when the panel changes size.
  let reported = 0;
  let routeGrow = 1; // how much larger the route view may be drawn to fill the panel's width
  let seen = ""; // the panel's size when a map view last followed its route or fit
  function reportWidth() {
    const size = canvas.clientWidth + "x" + canvas.clientHeight;
    if (pendingOpen || (size !== seen && isMap())) {
      // A new size or scale (projector view, a resized window): keep showing what was shown.
      if (follow === "route") showRoute();
      else if (follow === "fit") fit();
    }
    seen = canvas.clientWidth + "x" + canvas.clientHeight; // as left (a scroll bar may have come or gone)
    routeGrow = parseFloat(getComputedStyle(el).getPropertyValue("--mm-route-grow")) || 1;
    growRoute();
    const width = Math.floor(canvas.clientWidth);
    if (width > 0 && Math.abs(width - reported) >= 24) {
      reported = width;
      model.set("room", width);
      model.save_changes();
    }
  }
  if (window.ResizeObserver) new ResizeObserver(reportWidth).observe(canvas);

  // The route view is one column when the panel holds no second one: a page that asks for it
  // (projector view sets --mm-route-grow) draws it larger, up to that factor, to use the panel's
  // width instead of leaving its right side empty; elsewhere it stays at reading size.
  function growRoute() {
    const root = svg();
    if (!root || isMap()) return;
    const [w, h] = natural(root);
    let grow = 1;
    for (let i = 0; i < 2 && routeGrow > 1; i++) { // once more if a scroll bar came with the larger size
      grow = Math.max(1, Math.min(routeGrow, (canvas.clientWidth - 1) / w));
      const width = grow > 1.01 ? w * grow + "px" : "";
      if (root.style.width === width) break;
      root.style.width = width;
      root.style.height = width ? h * grow + "px" : "";
    }
    if (routeGrow <= 1 && root.style.width) { root.style.width = ""; root.style.height = ""; }
  }

  function markRoute() {
    // Say which stages the lit route passes through, in the stage list itself. Only the options
    // whose words change are rewritten: most changes keep the route's stages.
    const nodes = new Set(model.get("path") || []);
    const pick = bar.querySelector("select");
    if (!pick) return;
    const options = new Map([...pick.options].map((o) => [o.value, o]));
    for (const [id, title, members] of model.get("views").slice(2)) {
      const option = options.get(id);
      const text = title + ((members || []).some((n) => nodes.has(n)) ? "  " + word("on_route") : "");
      if (option && option.textContent !== text) option.textContent = text;
    }
  }

  function light() {
    const root = svg();
    if (!root || root.classList.contains("mm-route")) { select(); return; }
    const path = model.get("path") || [];
    const nodes = new Set(path);
    const edges = new Set();
    for (let i = 0; i + 1 < path.length; i++) edges.add(path[i] + ">" + path[i + 1]);
    root.classList.toggle("mm-has-path", path.length > 0);
    for (const g of root.querySelectorAll(".mm-node")) g.classList.toggle("mm-lit", nodes.has(g.dataset.node));
    for (const g of root.querySelectorAll(".mm-stub[data-nodes]"))
      g.classList.toggle("mm-lit", g.dataset.nodes.split(" ").some((n) => nodes.has(n)));
    for (const g of root.querySelectorAll(".mm-edge[data-edges]"))
      g.classList.toggle("mm-lit", g.dataset.edges.split(" ").some((e) => edges.has(e)));
    select();
  }

  function select() {
    const chosen = model.get("selected") || "";
    const root = svg();
    if (root) {
      for (const g of root.querySelectorAll(".mm-node")) g.classList.toggle("mm-selected", g.dataset.node === chosen);
    }
    const html = (model.get("details") || {})[chosen];
    if (panel.hidden !== !html) panel.hidden = !html;
    if (!html) return;
    panel.style.top = bar.offsetHeight + 6 + "px"; // under the view buttons, however many rows they take
    const figure = model.get("figure_html");
    panel.classList.toggle("mm-fc-wide", Boolean(figure));
    const close = "<button type='button' class='mm-fc-close' aria-label='" + attribute(word("close")) + "'>×</button>";
    panel.innerHTML = close + (figure ? "<div class='mm-fc-figure'>" + figure + "</div>" : "") + html;
    panel.scrollTop = 0;
    if (focusPanel) { focusPanel = false; panel.focus(); }
  }

  let toTop = 0; // a frame is asked for to put a new route's top in view
  function redraw() {
    const text = model.get("svg");
    if (text === shown) { light(); return; }
    shown = text;
    canvas.innerHTML = text;
    const map = isMap();
    if (zoom.hidden === map) zoom.hidden = !map;
    light();
    scale = 1;
    pendingOpen = map;
    follow = "route"; // a map newly drawn opens on its route, whatever the last one was left at
    if (map) showRoute(); // a map opens at reading size on the lit route
    else if (routeGrow > 1) growRoute();
    else if (!toTop) {
      // A new route is read from its top. Scrolling here would lay the page out at once, in the
      // middle of the change; just before the next frame it costs only the layout that frame makes.
      toTop = requestAnimationFrame(() => {
        toTop = 0;
        if (isMap()) return;
        if (canvas.scrollTop) canvas.scrollTop = 0;
        if (canvas.scrollLeft) canvas.scrollLeft = 0;
      });
    }
    const shownLevel = Math.round(scale * 100) + "%"; // a map may open zoomed out to show its route
    if (level.textContent !== shownLevel) level.textContent = shownLevel;
  }

  function choose(target) {
    const stub = target.closest(".mm-stub[data-stage]");
    if (stub) { model.set("stage", stub.dataset.stage); model.save_changes(); return; }
    const node = target.closest(".mm-node");
    if (node) {
      focusPanel = true;
      model.set("selected", node.dataset.node);
      model.set("figure", "");
      model.save_changes();
      select();
    }
  }
  canvas.addEventListener("click", (e) => choose(e.target));
  canvas.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(e.target); }
  });
  panel.addEventListener("click", (e) => {
    if (e.target.closest(".mm-fc-close")) { close(); return; }
    const button = e.target.closest("[data-figure]");
    if (button) { focusPanel = true; model.set("figure", button.dataset.figure); model.save_changes(); }
  });
  function close() {
    const chosen = model.get("selected");
    model.set("selected", "");
    model.save_changes();
    const node = chosen && svg() ? svg().querySelector(`.mm-node[data-node="${chosen}"]`) : null;
    if (node) node.focus(); // back where the learner was
  }
  el.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && model.get("selected")) close();
  });

  model.on("change:svg", redraw);
  let toRoute = 0; // a frame is asked for to bring a map's newly lit route into view
  model.on("change:path", () => {
    light();
    markRoute();
    // A map the learner has not moved by hand follows the new route, as it would open on it; after
    // the change (laying the page out now, in its middle, would cost a layout more).
    if (isMap() && follow === "route" && !toRoute) {
      toRoute = requestAnimationFrame(() => { toRoute = 0; if (isMap() && follow === "route") showRoute(); });
    }
  });
  model.on("change:stage", drawBar);
  model.on("change:views", drawBar);
  model.on("change:selected", select);
  model.on("change:details", select);
  model.on("change:figure_html", select);
  drawBar();
  redraw();
  reportWidth();
}
export default { render };
"""

CSS = """
.mm-flowchart{position:relative;font-family:'DejaVu Sans',Verdana,sans-serif;font-size:13px}
.mm-flowchart .mm-fc-bar{display:flex;flex-wrap:wrap;gap:4px;margin:0 0 6px 0}
.mm-flowchart .mm-fc-view{font-size:13px;padding:3px 8px;border:1px solid #767676;border-radius:4px;
  background:#fff;color:#1a1a1a;cursor:pointer}
.mm-flowchart .mm-fc-view[aria-pressed=true]{background:#0072B2;color:#fff;border-color:#0072B2;font-weight:bold}
.mm-flowchart .mm-fc-view:focus-visible,.mm-flowchart .mm-fc-stage select:focus-visible{outline:3px solid #CC79A7;
  outline-offset:1px}
.mm-flowchart .mm-fc-stage{font-size:13px;color:#1a1a1a;display:inline-flex;align-items:center;gap:4px;
  max-width:100%;min-width:0}
/* The stage list is as wide as the stage it shows (its open list still shows every title whole),
   never wider than the bar: a long title is cut, not the bar widened. */
.mm-flowchart .mm-fc-stage select{font-size:13px;padding:2px 4px;field-sizing:content;max-width:min(480px,100%);
  min-width:0}
.mm-flowchart .mm-fc-stage select.mm-fc-active{border:2px solid #0072B2;font-weight:bold}
.mm-flowchart .mm-fc-canvas{overflow:auto;max-height:var(--mm-flowchart-height,72vh);border:1px solid #ddd;
  overscroll-behavior:contain}
.mm-flowchart .mm-fc-canvas:focus-visible{outline:3px solid #CC79A7;outline-offset:-3px}
.mm-flowchart .mm-fc-zoom{display:inline-flex;gap:2px;align-items:center;margin-left:auto}
.mm-flowchart .mm-fc-zoom[hidden]{display:none}
.mm-flowchart .mm-fc-zoom button{font-size:13px;min-width:30px;padding:3px 6px;border:1px solid #767676;
  border-radius:4px;background:#fff;color:#1a1a1a;cursor:pointer}
.mm-flowchart .mm-fc-zoom button:focus-visible{outline:3px solid #CC79A7;outline-offset:1px}
.mm-flowchart .mm-fc-zoom-level{font-size:12px;color:#3d3d3d;min-width:40px;text-align:right}
.mm-flowchart .mm-fc-canvas svg.mm-chart{max-width:none;max-height:none;overflow:visible;border:none;display:block}
.mm-flowchart .mm-node:focus-visible>.mm-shape{stroke:#CC79A7;stroke-width:4}
.mm-flowchart .mm-fc-details{position:absolute;top:34px;right:8px;width:min(380px,60%);max-height:80%;
  overflow:auto;background:#fff;border:2px solid #0072B2;border-radius:6px;padding:8px 12px;
  box-shadow:0 2px 10px rgba(0,0,0,.25);font-size:13px;line-height:1.4;color:#1a1a1a;z-index:2}
.mm-flowchart .mm-fc-details p{margin:4px 0}
.mm-flowchart .mm-fc-details:focus{outline:3px solid #CC79A7}
.mm-flowchart .mm-details-kind{color:#555;font-size:12px}
.mm-flowchart .mm-details-label{font-weight:bold;font-size:14px;margin-right:24px}
.mm-flowchart .mm-details-sources ul,.mm-flowchart .mm-details-answers{margin:2px 0;padding-left:18px}
.mm-flowchart .mm-fc-close{position:absolute;top:4px;right:6px;border:none;background:none;font-size:20px;
  cursor:pointer;color:#1a1a1a}
.mm-flowchart .mm-figure-button{font-size:12px;margin-left:4px;cursor:pointer}
.mm-flowchart .mm-fc-details.mm-fc-wide{width:min(820px,96%)}
.mm-flowchart .mm-fc-figure{margin:22px 0 6px 0}
.mm-flowchart .mm-fc-figure img{max-width:100%}
"""
