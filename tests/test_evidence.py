"""The evidence registry: complete citations, verified flags kept, numbers as in the checked sources."""

import pytest
import yaml

from micromets import DataFileError, registry
from micromets.evidence import parse_registry

from .conftest import SHARED


def test_every_entry_names_its_publication():
    for entry in registry().values():
        assert entry.citation and entry.short and entry.design
        assert entry.kind in ("trial", "meta-analysis", "cohort", "guideline", "staging", "article")


def test_registry_numbers_match_the_checked_evidence_file():
    # The independent reference: shared/evidence/trials.yaml, checked against the publications.
    path = SHARED / "evidence" / "trials.yaml"
    if not path.exists():
        pytest.skip("shared/evidence is not beside this clone (it is in CI and for developers)")
    checked = {t["name"]: t for t in yaml.safe_load(path.read_text())["trials"]}
    ours = {e.name: e for e in registry().values() if e.kind != "guideline"}
    assert set(checked) <= set(ours), "every checked trial is in the registry"
    for name, trial in checked.items():
        mine = ours[name]
        assert len(mine.endpoints) == len(trial["endpoints"])
        for theirs, endpoint in zip(trial["endpoints"], mine.endpoints, strict=False):
            assert endpoint.value == theirs.get("value")
            assert endpoint.verified == theirs.get("verified")
            assert (list(endpoint.ci) if endpoint.ci else None) == theirs.get("ci")


def test_corrected_ibcsg_arm_labels():
    entry = registry()["ibcsg-23-01"]
    assert entry.find("DFS", "no ALND").value == 87.8
    assert entry.find("DFS", "ALND").value == 84.4


def test_unverified_numbers_say_so_when_described():
    os_no_alnd = registry()["ibcsg-23-01"].find("OS", "no ALND")
    assert not os_no_alnd.verified
    assert "not yet checked against the publication" in os_no_alnd.describe()


def test_malformed_registry_is_refused_with_the_key():
    bad = {"entries": {"x": {"kind": "rumour", "name": "X", "short": "X", "citation": "c", "design": "d"}}}
    with pytest.raises(DataFileError, match="entries.x.kind"):
        parse_registry(bad, "bad.yaml")
    missing_flag = {
        "entries": {
            "x": {
                "kind": "trial",
                "name": "X",
                "short": "X",
                "citation": "c",
                "design": "d",
                "endpoints": [{"endpoint": "DFS", "value": 1}],
            }
        }
    }
    with pytest.raises(DataFileError, match="verified"):
        parse_registry(missing_flag, "bad.yaml")
