"""The decision graph's proofs: order, reachability, no cycles, no dead ends.

All walks are iterative (an explicit stack), so a ruleset with thousands of nodes in one
chain loads, or is refused, without hitting Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..ground.checks import require
from ..ground.errors import DataFileError

END = "end"
# The parts of a plan every path through a ruleset must decide (the engine's plan fields).
PLAN_PARTS = ("axilla", "radiation", "systemic")


class CycleError(ValueError):
    """The graph loops; ``trail`` is the path from the start round to the repeated node."""

    def __init__(self, trail: list[str]):
        super().__init__(" -> ".join(trail))
        self.trail = trail


def topological_order(successors: Callable[[str], Iterable[str]], start: str) -> list[str]:
    """Node ids reachable from ``start`` in a topological order (``end`` left out).

    Raises ``CycleError`` naming the loop when there is one.

    >>> graph = {"a": ["b", "c"], "b": ["c"], "c": ["end"]}
    >>> topological_order(graph.__getitem__, "a")
    ['a', 'b', 'c']
    >>> topological_order({"a": ["b"], "b": ["a"]}.__getitem__, "a")
    Traceback (most recent call last):
    micromets.pathway.graph.CycleError: a -> b -> a
    """
    if start == END:
        return []
    order: list[str] = []
    state = {start: "open"}
    trail = [start]
    stack = [iter(successors(start))]
    while stack:
        for nxt in stack[-1]:
            if nxt == END or state.get(nxt) == "done":
                continue
            if state.get(nxt) == "open":
                raise CycleError([*trail, nxt])
            state[nxt] = "open"
            trail.append(nxt)
            stack.append(iter(successors(nxt)))
            break
        else:
            stack.pop()
            done = trail.pop()
            state[done] = "done"
            order.append(done)
    return order[::-1]


def prove_graph(nodes: dict, start: str, source: str) -> list[str]:
    """Refuse a graph with a dangling ``next``, a cycle, an unreachable node or a dead end.

    ``nodes`` maps ids to nodes with ``successors()``, ``sets`` and ``options`` (see
    ``micromets.ruleset.Node``). Every path from ``start`` to ``end`` must set every plan
    part. Returns the topological order.
    """
    require(isinstance(start, str) and start in nodes, source, "start", f"names no node: {start!r}")
    for node in nodes.values():
        for nxt in node.successors():
            require(
                nxt == END or nxt in nodes,
                source,
                f"nodes.{node.id}.next",
                f"leads to {nxt!r}, which is not a node (nor 'end')",
            )
    try:
        order = topological_order(lambda node_id: nodes[node_id].successors(), start)
    except CycleError as cycle:
        raise cycle_refusal(source, cycle) from None
    unreachable = sorted(set(nodes) - set(order))
    require(
        not unreachable,
        source,
        f"nodes.{unreachable[0] if unreachable else ''}",
        "unreachable from start (remove it or lead a branch to it)",
    )
    # Every path must set the whole plan: carry the parts set on *all* paths into each node.
    settled: dict[str, frozenset] = {start: frozenset()}
    for node_id in order:
        node = nodes[node_id]
        have = settled[node_id] | {k for k, _ in node.sets} | ({"systemic"} if node.options else set())
        for nxt in node.successors():
            if nxt == END:
                missing = [p for p in PLAN_PARTS if p not in have]
                require(
                    not missing,
                    source,
                    f"nodes.{node_id}.next",
                    f"a path ends here without setting {', '.join(missing)} (a dead end)",
                )
            else:
                settled[nxt] = settled[nxt] & have if nxt in settled else frozenset(have)
    return order


def cycle_refusal(source: str, cycle: CycleError) -> DataFileError:
    """The ``DataFileError`` for a cycle, with the loop shortened if it is very long."""
    trail = cycle.trail if len(cycle.trail) <= 12 else [*cycle.trail[:5], "…", *cycle.trail[-5:]]
    return DataFileError(source, "nodes", f"cycle: {' -> '.join(trail)}")
