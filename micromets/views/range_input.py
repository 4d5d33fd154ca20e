"""A number slider that is a native ``<input type="range">``: labelled for screen readers,
operable by keyboard, and able to carry a coloured band on its own track.

The ipywidgets slider leaves its handle without an accessible name and cannot draw the
ITC / micro / macro bands in line with its track; this one can, in a few lines of
``anywidget`` (no notebook extension build). It never clamps: the explorer checks a value
against the patient's declaration before it reaches here.
"""

from __future__ import annotations

import anywidget
import traitlets as t

ESM = r"""
let counter = 0;
function render({ model, el }) {
  const id = "mm-range-" + (++counter) + "-" + Math.random().toString(36).slice(2, 7);
  el.classList.add("mm-range");
  const label = document.createElement("label");
  label.htmlFor = id;
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  // JupyterLab binds ArrowLeft/ArrowRight (and j/k) to notebook navigation for any focused element in
  // command mode, in the capture phase: without this the arrow keys never reach the slider there.
  input.setAttribute("data-lm-suppress-shortcuts", "true");
  const out = document.createElement("output");
  out.htmlFor = id;
  el.append(label, input, out);
  function text(v) { return Number(v).toFixed(model.get("digits")); }
  function draw() {
    label.textContent = model.get("description");
    label.title = model.get("help");
    input.min = model.get("min"); input.max = model.get("max"); input.step = model.get("step");
    input.value = model.get("value");
    input.disabled = model.get("disabled");
    input.setAttribute("aria-valuetext", text(model.get("value")) + " " + model.get("unit"));
    input.style.background = model.get("band") || "";
    el.classList.toggle("mm-banded", Boolean(model.get("band")));
    out.textContent = text(model.get("value"));
  }
  input.addEventListener("input", () => {
    model.set("value", Number(input.value));
    model.save_changes();
    out.textContent = text(input.value);
  });
  model.on("change", draw);
  draw();
}
export default { render };
"""

CSS = """
.mm-range { display: flex; align-items: center; gap: 6px; min-height: 28px; margin: 1px 0; }
.mm-range label { flex: 0 0 var(--mm-label-width, 150px); line-height: 14px; text-align: right;
  padding-right: 6px; box-sizing: border-box; }
.mm-range input[type=range] { flex: 1 1 auto; min-width: 80px; margin: 0; accent-color: #0072B2; }
.mm-range output { flex: 0 0 40px; font-variant-numeric: tabular-nums; }
.mm-range input:disabled, .mm-range input:disabled + output { opacity: 0.45; }
.mm-range input:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
.mm-range.mm-banded input[type=range] { -webkit-appearance: none; appearance: none; height: 12px;
  border-radius: 2px; }
.mm-range.mm-banded input[type=range]::-webkit-slider-thumb { -webkit-appearance: none; width: 8px;
  height: 22px; background: #000; border: 2px solid #fff; border-radius: 2px; box-shadow: 0 0 0 1px #000; }
.mm-range.mm-banded input[type=range]::-moz-range-thumb { width: 8px; height: 22px; background: #000;
  border: 2px solid #fff; border-radius: 2px; }
"""


class RangeInput(anywidget.AnyWidget):
    """A labelled native slider; observe ``value`` like any ipywidget.

    >>> r = RangeInput(value=1.2, min=0, max=5, step=0.05, description="Deposit (mm)")
    >>> r.value = 7.0; r.value  # never clamped: the caller decides what may be shown
    7.0
    """

    _esm = ESM
    _css = CSS
    value = t.Float(0).tag(sync=True)
    min = t.Float(0).tag(sync=True)
    max = t.Float(100).tag(sync=True)
    step = t.Float(1).tag(sync=True)
    digits = t.Int(0).tag(sync=True)
    description = t.Unicode("").tag(sync=True)
    help = t.Unicode("").tag(sync=True)
    unit = t.Unicode("").tag(sync=True)
    disabled = t.Bool(False).tag(sync=True)
    band = t.Unicode("").tag(sync=True)  # a CSS background for the track (the deposit classes)
