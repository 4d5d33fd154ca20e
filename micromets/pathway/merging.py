"""``extends``: a ruleset written as changes to a shipped one, folded into one mapping.

A child ruleset names a shipped ruleset in ``extends`` and may replace ``id``, ``title``,
``description`` and ``start``, add ``warnings`` and ``nodes``, ``remove_nodes`` (a list of
node ids) and ``patch_nodes`` (node id -> the keys to replace). Every one of these is
type-checked before it is used, so a wrong type is refused with the key, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable

from ..ground import vocabulary
from ..ground.checks import list_of_text, require
from ..ground.datafiles import shown

MAX_CHAIN = 4


def _mapping(value: object, source: str, key: str, what: str) -> dict:
    if value is None:
        return {}
    require(isinstance(value, dict), source, key, f"a mapping of {what}")
    return value


def merge(base: dict, child: dict, source: str) -> dict:
    """The base ruleset mapping with the child's changes applied (``codes`` declarations merged too).

    >>> base = {"id": "b", "nodes": {"q": {"ask": "her2"}, "a": {"next": "end"}}}
    >>> child = {"extends": "b", "remove_nodes": ["a"], "patch_nodes": {"q": {"label": "HER2?"}}}
    >>> merge(base, child, "c.yaml")["nodes"]
    {'q': {'ask': 'her2', 'label': 'HER2?'}}
    """
    merged = dict(base)
    for key in ("id", "title", "description", "start"):
        if key in child:
            merged[key] = child[key]
    merged["warnings"] = {
        **_mapping(base.get("warnings"), source, "warnings", "warning id to text"),
        **_mapping(child.get("warnings"), source, "warnings", "warning id to text"),
    }
    merged["codes"] = vocabulary.merge_declarations(base.get("codes"), child.get("codes"))
    nodes = dict(_mapping(base.get("nodes"), source, "nodes", "node id to node"))
    for i, node_id in enumerate(list_of_text(child.get("remove_nodes"), source, "remove_nodes", "node ids")):
        require(node_id in nodes, source, f"remove_nodes[{i}]", f"{shown(node_id)} is not a node of {child['extends']}")
        del nodes[node_id]
    for node_id, patch in _mapping(child.get("patch_nodes"), source, "patch_nodes", "node id to keys").items():
        require(
            node_id in nodes and isinstance(patch, dict) and isinstance(nodes[node_id], dict),
            source,
            f"patch_nodes.{node_id}",
            f"patches a node of {child['extends']} with a mapping of the keys to replace",
        )
        nodes[node_id] = {**nodes[node_id], **patch}
    nodes.update(_mapping(child.get("nodes"), source, "nodes", "node id to node"))
    merged["nodes"] = nodes
    return merged


def resolve_extends(data: dict, source: str, read_base: Callable[[str, str], dict], depth: int = 0) -> dict:
    """Fold an ``extends`` chain into one plain ruleset mapping.

    ``read_base(name, source)`` returns the raw mapping of a shipped ruleset (or refuses
    an unknown name). Chains are at most ``MAX_CHAIN`` long.
    """
    if "extends" not in data:
        return data
    require(
        depth < MAX_CHAIN and isinstance(data["extends"], str),
        source,
        "extends",
        f"names one shipped ruleset (chains of at most {MAX_CHAIN})",
    )
    base = read_base(data["extends"], source)
    require(isinstance(base, dict), source, "extends", f"{data['extends']} is not a ruleset mapping")
    base = resolve_extends(base, source, read_base, depth + 1)
    return {**merge(base, data, source), "extends": data["extends"]}
