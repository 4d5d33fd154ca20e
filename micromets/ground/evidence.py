"""The evidence registry: trials, guidelines and their numbers, loaded from one data file.

Plan steps cite registry ids and the trial figures draw only registry numbers, so a
number lives in exactly one place (``micromets/data/evidence.yaml``). Each number keeps
its ``verified`` flag: an unverified number may be shown only when marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .datafiles import read_packaged
from .errors import DataFileError
from .words.figures import FigureWords, shipped_figure_words

ENTRY_KINDS = ("trial", "meta-analysis", "cohort", "guideline", "staging", "article")
# What a number measures, said in the data rather than guessed from the endpoint's name.
MEASURES = ("percent", "ratio")
# What an entry is about, for choosing the evidence a view shows beside a plan part.
TOPICS = (
    "staging",
    "prognosis",
    "axilla",
    "radiation",
    "systemic",
    "chemotherapy",
    "endocrine",
    "anti-her2",
    "genomic",
    "bone",
    "neoadjuvant",
)
# The shipped words for a number or a PMID nobody has checked yet (the vocabulary's figures.unchecked).
UNVERIFIED_MARK = shipped_figure_words().say("unchecked")


@dataclass(frozen=True)
class Endpoint:
    """One reported number (or statement) of a trial, with its confidence interval."""

    endpoint: str
    value: object
    verified: bool
    arm: str | None = None
    unit: str | None = None
    ci: tuple[float, float] | None = None
    ci_level: str = "95%"
    timepoint: str | None = None
    hr: float | None = None
    note: str | None = None
    source: str | None = None
    curation: str | None = None  # for curators only (what was checked, where, what is left); never drawn
    measure: str | None = None  # "percent" (unit %) or "ratio" (HR, RR); None for other numbers
    comparison: str | None = None  # for a ratio: which arm against which, e.g. "no ALND vs ALND"
    ni_margin: float | None = None  # the non-inferiority margin this ratio was tested against

    @property
    def is_ratio(self) -> bool:
        """True for a plottable hazard or risk ratio (``measure: ratio``).

        >>> Endpoint("DFS HR", 0.78, True, measure="ratio").is_ratio
        True
        """
        return self.measure == "ratio" and (self.hr is not None or self.is_number)

    @property
    def ratio(self) -> float | None:
        """The ratio's value (``hr`` when the endpoint's value is a pair of percentages)."""
        return (self.hr if self.hr is not None else self.value) if self.is_ratio else None

    @property
    def is_percent(self) -> bool:
        """True for a plottable percentage (``measure: percent``, given by ``unit: '%'``).

        >>> Endpoint("DFS", 87.8, True, unit="%", measure="percent").is_percent
        True
        """
        return self.measure == "percent" and self.is_number

    @property
    def is_number(self) -> bool:
        """True when ``value`` is a plottable number.

        >>> Endpoint("DFS", 87.8, True).is_number, Endpoint("DFS", "n.s.", True).is_number
        (True, False)
        """
        return isinstance(self.value, (int, float)) and not isinstance(self.value, bool)

    def describe(self, words: FigureWords | None = None) -> str:
        """The number as a sentence fragment, marked when it is not verified, in ``words`` (the
        vocabulary's ``figures:`` section; the shipped one unless given).

        >>> Endpoint("DFS", 87.8, True, arm="no ALND", unit="%", ci=(84.4, 91.2), timepoint="5 y").describe()
        'DFS, no ALND, 5 y: 87.8% (95% CI 84.4-91.2)'
        """
        words = words or shipped_figure_words()
        head = words.joins["what"].join(x for x in (self.endpoint, self.arm, self.timepoint) if x)
        if self.unit == "%":  # a percentage is written as the figures write it
            value = words.say("percent", value=self.value)
        elif self.unit:
            value = words.say("text_unit", value=self.value, unit=self.unit)
        else:
            value = f"{self.value}"
        if self.ci:
            low, high = (f"{bound:g}" for bound in self.ci)
            value = words.say("text_ci", value=value, level=self.ci_level, low=low, high=high)
        if self.hr is not None:
            value = words.say("text_hr", value=value, hr=f"{self.hr:g}")
        if not self.verified:
            value = words.say("text_marked", text=value, mark=words.text_mark())
        return words.say("number", what=head, value=value)


@dataclass(frozen=True)
class Entry:
    """A trial, meta-analysis, cohort, guideline or staging source that a step may cite."""

    id: str
    kind: str
    name: str
    short: str
    citation: str
    design: str
    endpoints: tuple[Endpoint, ...]
    pmid: str | None = None
    pmid_verified: bool = False
    url: str | None = None
    population: str | None = None
    arms: tuple = ()
    statements: tuple = ()
    ni_margin: float | None = None
    topics: tuple[str, ...] = ()
    n_randomised: int | None = None
    curation: str | None = None  # for curators only; shown by ``evidence --audit``, never to learners

    def pmid_text(self, mark: str | None = None) -> str:
        """``PMID n`` as a learner sees it; a PMID nobody has tied to the publication carries ``mark``.

        The default mark is the one an unchecked number carries in text (``Endpoint.describe``); a
        figure passes its dagger and footnotes it. Empty when the entry has no PMID.

        >>> registry()["mirror"].pmid_text()
        'PMID 19675329'
        >>> Entry("x", "trial", "X", "B, J 2020", "A B. J 2020.", "randomised", (), pmid="123").pmid_text()
        'PMID 123 [not yet checked against the publication]'
        """
        if not self.pmid:
            return ""
        if self.pmid_verified:
            return f"PMID {self.pmid}"
        words = shipped_figure_words()
        return words.say("text_marked", text=f"PMID {self.pmid}", mark=mark or words.text_mark())

    def short_citation(self, mark: str | None = None) -> str:
        """Name, first author or body, journal and year, with the PMID where known (marked when unchecked).

        >>> registry()["mirror"].short_citation()
        'MIRROR (de Boer et al., N Engl J Med 2009; PMID 19675329)'
        """
        pmid = f"; {self.pmid_text(mark)}" if self.pmid else ""
        return f"{self.name} ({self.short}{pmid})"

    def find(self, endpoint: str, arm: str | None = None) -> Endpoint:
        """The endpoint with this exact name (and arm); KeyError when absent.

        >>> registry()["ibcsg-23-01"].find("DFS", "no ALND").value
        87.8
        """
        for e in self.endpoints:
            if e.endpoint == endpoint and (arm is None or e.arm == arm):
                return e
        raise KeyError(f"{self.id}: no endpoint {endpoint!r} for arm {arm!r}")


ENDPOINT_KEYS = set(Endpoint.__dataclass_fields__) | {"n", "n_verified"}
ENTRY_KEYS = set(Entry.__dataclass_fields__) - {"id"} | {
    "n_enrolled",
    "n_verified",
    "ni_margin_note",
}


def _endpoint(data: object, where: str, source: str) -> Endpoint:
    if not isinstance(data, dict):
        raise DataFileError(source, where, "an endpoint must be a mapping")
    unknown = set(data) - ENDPOINT_KEYS
    if unknown:
        raise DataFileError(
            source, f"{where}.{sorted(unknown)[0]}", f"unknown key; allowed: {', '.join(sorted(ENDPOINT_KEYS))}"
        )
    if "endpoint" not in data or not isinstance(data.get("verified"), bool):
        raise DataFileError(source, where, "every endpoint needs a name ('endpoint') and verified: true or false")
    ci = data.get("ci")
    if ci is not None and (not isinstance(ci, list) or len(ci) != 2):
        raise DataFileError(source, f"{where}.ci", "a confidence interval is [low, high] or null")
    measure = data.get("measure", "percent" if data.get("unit") == "%" else None)  # unit '%' says percent
    if measure is not None and measure not in MEASURES:
        raise DataFileError(source, f"{where}.measure", f"got {measure!r}; allowed: {', '.join(MEASURES)}")
    if measure == "ratio" and data.get("unit") is not None:
        raise DataFileError(source, f"{where}.unit", "a ratio has no unit")
    for key in ("comparison", "ni_margin"):
        if data.get(key) is not None and measure != "ratio":
            raise DataFileError(source, f"{where}.{key}", "only a ratio (measure: ratio) compares arms")
    margin = data.get("ni_margin")
    if margin is not None and (isinstance(margin, bool) or not isinstance(margin, (int, float)) or margin <= 0):
        raise DataFileError(source, f"{where}.ni_margin", "a non-inferiority margin is a ratio above 0")
    return Endpoint(
        endpoint=data["endpoint"],
        value=data.get("value"),
        verified=data["verified"],
        arm=data.get("arm"),
        unit=data.get("unit"),
        ci=tuple(ci) if ci else None,
        ci_level=data.get("ci_level", "95%"),
        timepoint=data.get("timepoint"),
        hr=data.get("hr"),
        note=data.get("note"),
        source=data.get("source"),
        curation=data.get("curation"),
        measure=measure,
        comparison=data.get("comparison"),
        ni_margin=margin,
    )


def _topics(raw: object, where: str, source: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(t in TOPICS for t in raw):
        raise DataFileError(source, where, f"a list of topics from {', '.join(TOPICS)}")
    return tuple(raw)


def parse_registry(data: object, source: str) -> dict[str, Entry]:
    """Check and build registry entries from parsed YAML; refuse the file whole on any error.

    >>> entry = {"kind": "trial", "name": "X", "short": "B, J 2020", "citation": "A B. J 2020.",
    ...          "design": "randomised", "endpoints": []}
    >>> parse_registry({"entries": {"x": entry}}, "demo.yaml")["x"].name
    'X'
    """
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        raise DataFileError(source, "entries", "the registry is a mapping 'entries: {id: entry}'")
    entries = {}
    for entry_id, raw in data["entries"].items():
        where = f"entries.{entry_id}"
        if not isinstance(raw, dict):
            raise DataFileError(source, where, "an entry must be a mapping")
        unknown = set(raw) - ENTRY_KEYS
        if unknown:
            raise DataFileError(source, f"{where}.{sorted(unknown)[0]}", "unknown key")
        for key in ("kind", "name", "short", "citation", "design"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise DataFileError(source, f"{where}.{key}", "required text is missing")
        if raw["kind"] not in ENTRY_KINDS:
            raise DataFileError(source, f"{where}.kind", f"got {raw['kind']!r}; allowed: {', '.join(ENTRY_KINDS)}")
        endpoints = tuple(
            _endpoint(e, f"{where}.endpoints[{i}]", source) for i, e in enumerate(raw.get("endpoints") or [])
        )
        entries[entry_id] = Entry(
            id=entry_id,
            kind=raw["kind"],
            name=raw["name"],
            short=raw["short"],
            citation=raw["citation"],
            design=raw["design"],
            endpoints=endpoints,
            pmid=raw.get("pmid"),
            pmid_verified=bool(raw.get("pmid_verified")),
            url=raw.get("url"),
            population=raw.get("population"),
            arms=tuple(raw.get("arms") or ()),
            statements=tuple(raw.get("statements") or ()),
            ni_margin=raw.get("ni_margin"),
            topics=_topics(raw.get("topics"), f"{where}.topics", source),
            n_randomised=raw.get("n_randomised"),
            curation=raw.get("curation"),
        )
    return entries


@cache
def registry() -> dict[str, Entry]:
    """The shipped evidence registry, loaded once, as ``{id: Entry}``.

    >>> registry()["ibcsg-23-01"].find("DFS", "ALND").value
    84.4
    """
    return parse_registry(read_packaged("data/evidence.yaml"), "micromets/data/evidence.yaml")
