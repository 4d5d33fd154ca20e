"""The evidence schema says what a number is: percent or ratio, which arms, which margin, which topics."""

import re

import pytest

from micromets import DataFileError, registry
from micromets.ground.evidence import TOPICS, parse_registry

ENTRY = {"kind": "trial", "name": "X", "short": "B, J 2020", "citation": "A B. J 2020.", "design": "randomised"}


def test_every_ratio_is_declared_with_the_arms_it_compares():
    for entry in registry().values():
        for e in entry.endpoints:
            named_as_ratio = re.search(r"\b(HR|RR)\b", e.endpoint) or e.hr is not None
            if named_as_ratio and (e.is_number or e.hr is not None):
                assert e.measure == "ratio", f"{entry.id}: {e.endpoint} needs measure: ratio"
            if e.is_ratio:
                assert e.comparison and " vs " in e.comparison, f"{entry.id}: {e.endpoint} names no comparison"
                assert e.ratio > 0 and e.unit is None


def test_percentages_and_ratios_are_told_apart_by_the_data():
    ibcsg = registry()["ibcsg-23-01"]
    assert ibcsg.find("DFS", "no ALND").is_percent and not ibcsg.find("DFS", "no ALND").is_ratio
    hr = ibcsg.find("DFS HR (no ALND vs ALND)")
    assert hr.is_ratio and hr.comparison == "no ALND vs ALND"
    assert hr.ni_margin == ibcsg.ni_margin == 1.25
    insema = registry()["insema"]
    assert insema.find("iDFS HR").ni_margin == insema.ni_margin
    assert registry()["amaros-10y"].find("axillary recurrence HR (ART vs ALND)").comparison == "axillary RT vs ALND"


def test_every_entry_has_topics_and_trials_keep_their_randomised_count():
    for entry in registry().values():
        assert entry.topics and set(entry.topics) <= set(TOPICS), entry.id
    assert registry()["ibcsg-23-01"].n_randomised == 934
    assert "axilla" in registry()["z0011"].topics and "bone" in registry()["ebctcg-bisphosphonates"].topics


@pytest.mark.parametrize(
    "endpoint, key",
    [
        ({"endpoint": "DFS HR", "value": 0.8, "verified": True, "measure": "odds"}, "endpoints[0].measure"),
        (
            {"endpoint": "DFS", "value": 80, "unit": "%", "verified": True, "comparison": "a vs b"},
            "endpoints[0].comparison",
        ),
        ({"endpoint": "DFS HR", "value": 0.8, "verified": True, "measure": "ratio", "unit": "%"}, "endpoints[0].unit"),
        (
            {"endpoint": "HR", "value": 0.8, "verified": True, "measure": "ratio", "ni_margin": -1},
            "endpoints[0].ni_margin",
        ),
    ],
)
def test_a_malformed_endpoint_is_refused_with_its_key(endpoint, key):
    with pytest.raises(DataFileError) as error:
        parse_registry({"entries": {"x": {**ENTRY, "endpoints": [endpoint]}}}, "demo.yaml")
    assert error.value.key == f"entries.x.{key}"


def test_unknown_topic_is_refused():
    with pytest.raises(DataFileError) as error:
        parse_registry({"entries": {"x": {**ENTRY, "topics": ["astrology"]}}}, "demo.yaml")
    assert error.value.key == "entries.x.topics" and "axilla" in str(error.value)
