"""The route view: one patient's way through a pathway, stage by stage, as a standalone SVG.

Stages are stacked top to bottom under headings in words, as wide as the explorer's panel holds
(``ROUTE_WIDTH``); given more room the route wraps into columns. Each question shows the answer
taken on the lit connector and the branches not taken as short dashed stubs; a recommendation
with alternatives shows them side by side ("or"); a sequencing note that qualifies the
recommendation before it is drawn beside it (a dotted link), not as one more step.

Ids and classes: node ``g#mm-route-node-<id>.mm-node`` (lit), ``g.mm-alternative`` inside it,
``g.mm-aside`` for a note beside a step; spine ``g#mm-route-edge-<from>-<to>.mm-edge.mm-lit``
whose ``data-edges`` lists every step it passes; ``g.mm-stub`` for branches not taken;
``g.mm-route-heading`` for stage headings.

May import: ground, pathway and this package (no drawing library).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape

from ...pathway.graph import END
from ...pathway.ruleset import Node, Ruleset, load_ruleset
from .layout import EDGE_FONT_PX, FONT_PX, LINE_PX, PAD_X, PAD_Y, box_size
from .roles import flowchart_words, node_role
from .stage_views import stage_of, stages
from .svg import curve, node_svg, svg_open, text_lines
from .svgtext import text_width, tspans, wrap

# The route view is one column of stages stacked top to bottom, as wide as the explorer's
# flowchart panel holds at 1366x768 (652 px less its scroll bar); given more width (a wide
# notebook, a slide) it wraps into as many columns as fit, like a newspaper.
ROUTE_WIDTH = 620
ROUTE_GAP = 26  # connector between two rows of a column (holds the answer taken)
STUB_PX = 17
COLUMN_GAP = 40
MARGIN = 10
HEADING_PX, HEADING_LINE = 14, 18
CHIP_TEXT_PX = 128  # an alternative's words wrap at this width
FORK_PX, JOIN_PX = 22, 18  # lines from a recommendation to its alternatives, and back together


def route_svg(plan, ruleset: str | Ruleset | None = None, width: int = ROUTE_WIDTH) -> str:
    """The route of one plan: its stages stacked under headings in words; each question with
    the answer taken (on the lit connector) and the branches not taken as short dashed stubs;
    each recommendation lit, its alternatives side by side ("or"), never one after the other;
    a note that qualifies the recommendation before it drawn beside it, not on the route.
    ``width``: the room in CSS px; the route wraps into columns when more than one fits.

    >>> from micromets import Patient, recommend
    >>> svg = route_svg(recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), "seed-2025"))
    >>> "micro 0.2–2 mm" in svg and 'class="mm-stub"' in svg and 'class="mm-alternative"' in svg
    True
    """
    if ruleset is None:  # the plan knows the ruleset that decided it (an instructor's file too)
        ruleset = getattr(plan, "rules", None) or plan.ruleset
    return route_svg_for_path(ruleset, plan.path, width, answers_of(plan))


def answers_of(plan) -> tuple[tuple[str, str], ...]:
    """The branch the plan's patient took at each question, by its label: where two answers lead
    to the same step ("> 5 mm" and "not given"), the route names the one that matched.

    >>> from micromets import Patient, recommend
    >>> dict(answers_of(recommend(Patient(1.2, "pos", "pos", "neg", "post", "bcs"), "seed-2025")))["deposit"]
    'micro 0.2–2 mm'
    """
    out = []
    for node_id in plan.path:
        branch = plan.branch_taken(node_id)
        if branch is not None:
            out.append((node_id, branch.label))
    return tuple(out)


def _split_branches(node: Node, nxt: str, answer: str | None) -> tuple[list, list]:
    """A question's branches as (taken, not taken): the answer named, else every branch to ``nxt``."""
    taken = [b for b in node.branches if b.label == answer] if answer is not None else []
    if not taken:
        taken = [b for b in node.branches if b.next == nxt]
    return taken, [b for b in node.branches if all(b is not t for t in taken)]


@dataclass
class _Row:
    """One row of a route column: a stage heading or a step of the path (with what hangs on it)."""

    kind: str  # "heading" or "node"
    height: float
    title: str = ""
    at: int = -1  # the step's position in the path
    aside: int = -1  # a note drawn beside the step (its position in the path)
    column: int = 0
    top: float = 0.0


def _route_rows(rules: Ruleset, path: tuple[str, ...]) -> list[_Row]:
    """The path as rows: a heading where the stage changes (named for the route's patient: the
    last stage of that kind it passes), then its steps; notes beside the step they qualify."""
    kinds = [stage_of(rules, n).kind for n in path]
    rows: list[_Row] = []
    i = 0
    while i < len(path):
        if i == 0 or kinds[i] != kinds[i - 1]:
            run = [i]
            while run[-1] + 1 < len(path) and kinds[run[-1] + 1] == kinds[i]:
                run.append(run[-1] + 1)
            rows.append(_Row("heading", 0.0, title=_run_title(rules, path, run)))
        aside = i + 1 if _is_aside(rules, path, i + 1) else -1
        rows.append(_Row("node", 0.0, at=i, aside=aside))
        i += 2 if aside >= 0 else 1
    return rows


def _run_title(rules: Ruleset, path: tuple[str, ...], run: list[int]) -> str:
    """The heading of a run of steps of one kind: the title of the last stage the run enters
    (a stage split by subtype is entered at its first question), so it names this patient."""
    entered = [stage for stage in stages(rules) if stage.id in {path[i] for i in run}]
    last = max(entered, key=lambda stage: path.index(stage.id), default=stage_of(rules, path[run[0]]))
    return last.title


def _is_aside(rules: Ruleset, path: tuple[str, ...], i: int) -> bool:
    """A sequencing note right after a recommendation qualifies it ("chemotherapy first, then
    endocrine therapy"): drawn in the route, it would read as one more treatment after it."""
    if not 0 < i < len(path):
        return False
    before, note = rules.nodes[path[i - 1]], rules.nodes[path[i]]
    return node_role(note) == "sequence" and node_role(before) == "recommend"


def _alternatives(rules: Ruleset, node: Node) -> list[tuple[tuple[str, ...], float, float]]:
    """A recommendation's alternatives (two or more systemic options) as chips: lines, width, height."""
    if node.options is None or len(node.options) < 2:
        return []
    chips = []
    for option in node.options:
        lines = tuple(wrap(rules.vocabulary.option_label(option), FONT_PX, CHIP_TEXT_PX))
        width = max(text_width(line, FONT_PX) for line in lines) + 2 * PAD_X
        chips.append((lines, width, len(lines) * LINE_PX + 2 * PAD_Y))
    return chips


OR_PX = 30  # room for "or" between two alternatives


@lru_cache(maxsize=256)
def route_svg_for_path(
    ruleset: str | Ruleset, path: tuple[str, ...], width: int = ROUTE_WIDTH, answers: tuple = ()
) -> str:
    """``route_svg`` from a ruleset and a path (what the widget has), with ``answers``
    (``answers_of(plan)``) naming the branch taken at each question where it is known.

    >>> "mm-route-node-deposit" in route_svg_for_path("seed-2025", ("deposit", "axilla_itc"))
    True
    """
    rules = load_ruleset(ruleset)
    path = tuple(path)
    answer = dict(answers)
    nodes = [rules.nodes[n] for n in path]
    box_w = max(box_size(n.label, node_role(n))[1] for n in nodes)
    rows = _route_rows(rules, path)
    # The width a column needs: the boxes, then what hangs to their right (stubs, notes, alternatives).
    right = box_w
    for row in rows:
        if row.kind != "node":
            continue
        node = nodes[row.at]
        nxt = path[row.at + 1] if row.at + 1 < len(path) else END
        for branch in _split_branches(node, nxt, answer.get(path[row.at]))[1]:
            right = max(right, box_w + 22 + text_width(branch.label, EDGE_FONT_PX))
        if row.aside >= 0:
            note = nodes[row.aside]
            right = max(right, box_w + 24 + box_size(note.label, node_role(note))[1])
        chips = _alternatives(rules, node)
        if chips:
            right = max(right, sum(w for _, w, _ in chips) + OR_PX * (len(chips) - 1))
    col_w = right + 4
    heading_lines = {row.title: wrap(row.title, HEADING_PX, col_w - 16) for row in rows if row.kind == "heading"}
    for row in rows:
        if row.kind == "heading":
            row.height = len(heading_lines[row.title]) * HEADING_LINE + 10 + ROUTE_GAP
            continue
        node = nodes[row.at]
        _, _, h = box_size(node.label, node_role(node))
        nxt = path[row.at + 1] if row.at + 1 < len(path) else END
        stubs = len(_split_branches(node, nxt, answer.get(path[row.at]))[1])
        body = max(h, stubs * STUB_PX + 4)
        if row.aside >= 0:
            note = nodes[row.aside]
            body = max(body, box_size(note.label, node_role(note))[2])
        chips = _alternatives(rules, node)
        if chips:
            body = max(h, body) + FORK_PX + max(ch for *_, ch in chips) + JOIN_PX
        row.height = body + ROUTE_GAP
    columns = _newspaper(rows, max(1, int((width - 2 * MARGIN + COLUMN_GAP) // (col_w + COLUMN_GAP))))
    current = ""
    continued: dict[str, str] = {}  # a "(continued)" heading -> the stage it goes on with
    for column in columns:  # a column that starts inside a stage says which stage it goes on with
        if column[0].kind == "node" and current:
            title = flowchart_words(rules).say("continued", stage=current)
            continued[title] = current
            heading_lines[title] = wrap(title, HEADING_PX, col_w - 16)
            column.insert(0, _Row("heading", len(heading_lines[title]) * HEADING_LINE + 10 + ROUTE_GAP, title=title))
        last = next((r.title for r in reversed(column) if r.kind == "heading"), current)
        current = continued.get(last, last)
    parts: list[str] = []
    bottom = 0.0
    for c, column in enumerate(columns):
        x0 = MARGIN + c * (col_w + COLUMN_GAP)
        cx = x0 + box_w / 2
        y = MARGIN
        for row in column:
            row.column, row.top = c, y
            y += row.height
        bottom = max(bottom, y)
        for k, row in enumerate(column):
            if row.kind == "heading":
                parts.append(_heading_svg(heading_lines[row.title], x0, row.top, col_w))
            else:
                parts.append(_route_step_svg(rules, path, row, x0, cx, box_w, answer.get(path[row.at])))
            # The lit connector to the next row: down the spine, or on to the next column.
            following = column[k + 1] if k + 1 < len(column) else None
            after = columns[c + 1][0] if following is None and c + 1 < len(columns) else None
            if following is not None or after is not None:
                said = answer.get(path[row.at]) if row.kind == "node" else None
                parts.append(_connector_svg(rules, path, row, following, cx, x0, said))
    height = bottom + 16  # room under the tallest column for its "continues" line
    total_w = MARGIN * 2 + len(columns) * col_w + (len(columns) - 1) * COLUMN_GAP
    label = flowchart_words(rules).say("route_chart", ruleset=rules.id)
    return svg_open(total_w, height, "mm-chart mm-route mm-has-path", label) + "".join(parts) + "</svg>"


def _newspaper(rows: list[_Row], count: int) -> list[list[_Row]]:
    """Rows split into ``count`` columns of about equal height, breaking before a heading
    where one is near, and never leaving a heading at the foot of a column."""
    if count <= 1:
        return [rows]
    target = sum(r.height for r in rows) / count
    columns: list[list[_Row]] = [[]]
    used = 0.0
    for row in rows:
        early = row.kind == "heading" and used >= 0.7 * target  # a stage starts: a good place to turn
        if columns[-1] and len(columns) < count and (used + row.height > target * 1.08 or early):
            carried = [columns[-1].pop()] if columns[-1][-1].kind == "heading" else []
            columns.append(carried)
            used = sum(r.height for r in carried)
        columns[-1].append(row)
        used += row.height
    return [c for c in columns if c]


def _heading_svg(lines: list[str], x0: float, top: float, width: float) -> str:
    height = len(lines) * HEADING_LINE + 10
    body = tspans(lines, x0 + 8, HEADING_PX + 2, HEADING_LINE)
    return (
        f'<g class="mm-route-heading"><rect x="{x0:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'rx="4"/><text class="mm-heading" x="{x0 + 8:.1f}" y="{top:.1f}">{body}</text></g>'
    )


def _row_box(rules: Ruleset, path: tuple[str, ...], row: _Row) -> tuple[float, float]:
    """Where a row's spine enters (its top) and leaves (under its box, or its alternatives)."""
    if row.kind == "heading":
        return row.top, row.top + row.height - ROUTE_GAP
    return row.top, row.top + row.height - ROUTE_GAP


def _route_step_svg(
    rules: Ruleset, path: tuple[str, ...], row: _Row, x0: float, cx: float, box_w: float, answer: str | None
) -> str:
    node_id = path[row.at]
    node = rules.nodes[node_id]
    _, w, h = box_size(node.label, node_role(node))
    y = row.top
    cy = y + h / 2
    out = []
    words = flowchart_words(rules)
    nxt = path[row.at + 1] if row.at + 1 < len(path) else END
    for s, branch in enumerate(_split_branches(node, nxt, answer)[1]):
        sy, sx = y + 8 + s * STUB_PX, x0 + box_w + 4
        to = rules.nodes[branch.next].label if branch.next != END else words.say("end")
        step = f"{node.label} {branch.label}{words.joins['arrow']}{to}"
        out.append(
            f'<g class="mm-stub" data-from="{node_id}" data-to="{branch.next}"><title>'
            f"{escape(words.say('not_taken', step=step))}</title>"
            f'<path d="M{cx + w / 2:.1f},{cy:.1f}L{sx + 14:.1f},{sy:.1f}"/>'
            f'<text x="{sx + 18:.1f}" y="{sy + 4:.1f}">{escape(branch.label)}</text></g>'
        )
    chips = _alternatives(rules, node)
    extra = ""
    if chips:
        extra = _alternatives_svg(rules, node, chips, cx, y + h, row.top + row.height - ROUTE_GAP, x0)
    out.append(node_svg(rules, node_id, cx, cy, True, prefix="mm-route-node", extra=extra))
    if row.aside >= 0:  # the note that qualifies this step, beside it, linked by a dotted line
        note_id = path[row.aside]
        note = rules.nodes[note_id]
        _, nw, nh = box_size(note.label, node_role(note))
        nx = x0 + box_w + 24 + nw / 2
        out.append(
            f'<g id="mm-route-edge-{node_id}-{note_id}" class="mm-aside-link" data-from="{node_id}" '
            f'data-to="{note_id}" data-edges="{node_id}>{note_id}"><title>'
            f"{escape(words.say('note_on', note=note.label, node=node.label))}</title>"
            f'<path d="M{cx + w / 2:.1f},{cy:.1f}L{x0 + box_w + 24:.1f},{y + nh / 2:.1f}"/></g>'
        )
        out.append(node_svg(rules, note_id, nx, y + nh / 2, True, prefix="mm-route-node", classes=" mm-aside"))
    return "".join(out)


def _alternatives_svg(rules: Ruleset, node: Node, chips: list, cx: float, top: float, bottom: float, x0: float) -> str:
    """The alternatives of a recommendation side by side, "or" between them, forked from its box
    and joined again below, so they read as a choice, not as steps one after another."""
    total = sum(w for _, w, _ in chips) + OR_PX * (len(chips) - 1)
    left = max(x0, cx - total / 2)
    chip_h = max(ch for *_, ch in chips)
    chip_top = bottom - JOIN_PX - chip_h
    out = ['<g class="mm-alternatives">']
    x = left
    for k, (lines, w, _) in enumerate(chips):
        mid = x + w / 2
        out.append(
            f'<path class="mm-fork" d="{curve([(cx, top), (mid, chip_top)])}"/>'
            f'<path class="mm-fork" d="{curve([(mid, chip_top + chip_h), (cx, bottom)])}"/>'
            f'<g class="mm-alternative"><rect x="{x:.1f}" y="{chip_top:.1f}" width="{w:.1f}" height="{chip_h:.1f}" '
            f'rx="8"/>{text_lines(lines, mid, chip_top + chip_h / 2)}</g>'
        )
        x += w
        if k < len(chips) - 1:
            out.append(
                f'<text class="mm-or" x="{x + OR_PX / 2:.1f}" y="{chip_top + chip_h / 2 + 4:.1f}" '
                f'text-anchor="middle">{escape(flowchart_words(rules).say("or"))}</text>'
            )
            x += OR_PX
    out.append("</g>")
    return "".join(out)


def _connector_svg(
    rules: Ruleset, path: tuple[str, ...], row: _Row, following: _Row | None, cx: float, x0: float, said: str | None
) -> str:
    """The lit line from a row to the next one in its column, or, at the foot of a column, a
    short line and "continues in the next column"; a question's line carries the answer taken."""
    _, leave = _row_box(rules, path, row)
    if following is not None:
        end = following.top - 2
        tail = ""
    else:
        end = leave + ROUTE_GAP - 8
        continues = escape(flowchart_words(rules).say("continues"))
        tail = f'<text class="mm-continue" x="{x0:.1f}" y="{end + 16:.1f}">{continues}</text>'
    if row.kind == "heading":
        return f'<g class="mm-edge mm-lit mm-spine"><path d="M{cx:.1f},{leave:.1f}L{cx:.1f},{end:.1f}"/></g>{tail}'
    at = row.aside if row.aside >= 0 else row.at
    if at + 1 >= len(path):
        return tail
    a, b = path[row.at], path[at + 1]
    node = rules.nodes[a]
    joins = flowchart_words(rules).joins
    branches = _split_branches(node, path[row.at + 1], said)[0] if node.is_question else []
    taken = joins["answers"].join(br.label for br in branches)
    edges = " ".join(f"{path[i]}>{path[i + 1]}" for i in range(row.at, at + 1))
    words = f"{node.label} {taken}{joins['arrow']}{rules.nodes[b].label}".replace("  ", " ")
    answer = f'<text x="{cx + 8:.1f}" y="{leave + ROUTE_GAP / 2 + 4:.1f}">{escape(taken)}</text>' if taken else ""
    return (
        f'<g id="mm-route-edge-{a}-{b}" class="mm-edge mm-lit" data-from="{a}" data-to="{b}" data-edges="{edges}">'
        f'<title>{escape(words)}</title><path d="M{cx:.1f},{leave:.1f}L{cx:.1f},{end:.1f}"/>{answer}</g>{tail}'
    )
