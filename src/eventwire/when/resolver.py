"""The WHEN stage: find date expressions and resolve them against the article's publication date.

Order of work, cheapest first: the relative rules (regex, ``rules.py``); absolute forms found by regex
("November 13", "13 Nov 2015", "2015-11-13", "March 2014"); then spaCy DATE entities not yet covered. Only
those candidate spans ever reach dateparser, English only and absolute parsers only, with results cached on
the normalised text (the year is inferred here from ``published``, so the cache does not depend on it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..nlp.model import sentence_of
from ..records import Analysis, DateRef
from .rules import Resolved, find_rule_matches, month_range, resolve_match, rule_set

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? (?:the )?)?"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
# The named group ``d`` is the expression itself; context words around it only license the match.
ABSOLUTE = [
    re.compile(r"(?P<d>\b(?:1[89]|20)\d\d(?:-[01]\d-|/[01]\d/)[0-3]\d)\b"),
    re.compile(r"(?<![\d/.])(?P<d>\d{1,2}([/.])\d{1,2}\2(?:1[89]|20)\d\d)(?![\d/]|\.\d)"),
    re.compile(rf"(?P<d>\b{_WEEKDAY}{_MONTH} {_DAYNUM}(?:,? {_YEAR})?)(?![\w:])"),
    re.compile(rf"(?P<d>\b{_WEEKDAY}{_DAYNUM} (?:of )?{_MONTH}(?:,? {_YEAR})?)(?![\w:])"),
    re.compile(rf"(?P<d>\b{_MONTH},? {_YEAR})(?!\w)"),
    re.compile(
        rf"\b(?:(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Ff]rom|[Tt]hroughout|[Ll]ast|[Tt]his|[Ee]arly|[Ll]ate|"
        rf"[Mm]id|[Ee]nd of|[Ss]tart of|[Bb]eginning of) |[Mm]id-)(?P<d>{_MONTH})(?![\w.])"
    ),
]
_ISO = re.compile(r"^((?:1[89]|20)\d\d)[-/]([01]?\d)[-/]([0-3]?\d)$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.]((?:1[89]|20)\d\d)$")
_MONTH_WORD = re.compile(rf"\b{_MONTH}(?!\w)", re.IGNORECASE)
_HAS_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)|'\d\d\b")
_BARE_YEAR = re.compile(rf"^(?:the year )?({_YEAR})$", re.IGNORECASE)
_LEAD_PREP = re.compile(r"^(?:(?:on|in|at|by|since|from|until|during|the|some|about|around)\s+)+", re.I)


@dataclasses.dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    source: str  # rule|absolute|entity
    payload: Any = None

    @property
    def length(self) -> int:
        return self.end - self.start


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    from dateparser.date import DateDataParser

    # A leap-year base lets "February 29" parse; the real year is chosen later from ``published``.
    settings = {
        "RELATIVE_BASE": dt.datetime(2000, 1, 15),
        "PREFER_DATES_FROM": "current_period",
        "PARSERS": ["custom-formats", "absolute-time"],
        "STRICT_PARSING": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=8192)
def parse_absolute(text: str) -> tuple[int | None, int, int | None] | None:
    """(year or None when the text has none, month, day or None) of an absolute date expression."""
    data = _dateparser().get_date_data(text)
    if data.date_obj is None:
        return None
    d = data.date_obj
    year = d.year if _HAS_YEAR.search(text) else None
    if data.period == "year":
        return None  # bare years are handled by the rules
    day = d.day if data.period == "day" else None
    return year, d.month, day


def infer_absolute(
    parts: tuple[int | None, int, int | None], published: dt.date | None, future: bool
) -> Resolved | None:
    """Complete a parsed date: a missing year is the most recent past one (or next one, in future context)."""
    year, month, day = parts
    if year is not None:
        return _make(year, month, day, 0.95)
    if published is None:
        return None
    step = 1 if future else -1
    # up to 8 years away: "February 29" in a non-leap year goes to the nearest leap year
    for y in range(published.year, published.year + 9 * step, step):
        got = _make(y, month, day, 0.85)
        if got is None:
            continue
        if (got.start >= published if future else got.start <= published) or (
            day is None and (got.end >= published if future else got.start <= published)
        ):
            return got
    return None


def numeric_date(a: int, b: int, year: int, published: dt.date | None) -> Resolved | None:
    """13/11/2015 (day first) or 11/13/2015 (month first): a part over 12 decides; when both readings are real
    dates, the one nearest to publication wins (a past date before a future one), with lower confidence."""
    readings = [r for r in (_make(year, b, a, 0.9), _make(year, a, b, 0.9)) if r is not None]
    if len(readings) == 2 and readings[0] != readings[1]:
        if published is None:
            return None  # 05/11/2015 with no publication date: May or November, nothing to decide by
        best = min(readings, key=lambda r: (r.start > published, abs((r.start - published).days)))
        return Resolved(best.start, best.end, best.precision, 0.6)
    return readings[0] if readings else None


def _make(year: int, month: int, day: int | None, confidence: float) -> Resolved | None:
    try:
        if day is None:
            start, end = month_range(year, month)
            return Resolved(start, end, "month", confidence)
        d = dt.date(year, month, day)
    except ValueError:  # 31 June, 29 February of a non-leap year, year 0
        return None
    return Resolved(d, d, "day", confidence)


class DateResolver:
    """Stage: ``analysis.dates`` = every date expression in the article, resolved to a date range."""

    name = "when"

    def __init__(self, use_entities: bool = True) -> None:
        self.use_entities = use_entities
        rule_set()  # load the rule table once, at construction
        parse_absolute("november 13")  # dateparser's first call builds its English tables (~0.1 s)

    def pipe(self, items: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in items:
            yield dataclasses.replace(analysis, dates=self.find(analysis))

    def find(self, analysis: Analysis) -> tuple[DateRef, ...]:
        text = analysis.article.text
        published = analysis.article.published
        refs = []
        for cand in _select(_candidates(text, analysis.doc if self.use_entities else None)):
            resolved = _resolve(cand, text, published)
            if resolved is None:
                continue
            sentence = sentence_of(analysis.sentences, cand.start) if analysis.sentences else -1
            refs.append(
                DateRef(
                    text=text[cand.start : cand.end],
                    start=cand.start,
                    end=cand.end,
                    date_start=resolved.start,
                    date_end=resolved.end,
                    precision=resolved.precision,
                    confidence=round(resolved.confidence, 3),
                    sentence=sentence,
                )
            )
        return tuple(join_ranges(refs, text))


_RANGE_GAP = re.compile(r"^\s*(?:(?P<and>and)|to|until|till|through|thru|[-\u2013\u2014])\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:\bbetween|\bfrom)\s+$", re.IGNORECASE)
# "postponed from March 3 to April 20" names two dates, not a period
_MOVED = re.compile(r"\b(?:postpon|delay|mov|reschedul|push|brought|bring|put|pull|advanc|shift|chang)\w*"
                    r"(?:\s+\w+){0,3}\s+from\s+$", re.IGNORECASE)
_DAY_TAIL = re.compile(r"[-\u2013](?P<day>[0-3]?\d)(?!\d|[/.:-]\d)")


def join_ranges(refs: list[DateRef], text: str) -> list[DateRef]:
    """"between Nov. 10 and Nov. 12", "from March 3 to April 20", "Nov. 10-12": one period, not two days (or
    one day and a stray number). "and" joins only after "between"; "to"/"until"/"through" after "from" or
    directly ("March 3 to April 20"); the pair must run forward in time."""
    out: list[DateRef] = []
    for ref in refs:
        prev = out[-1] if out else None
        if prev is not None and _joins(prev, ref, text):
            out[-1] = dataclasses.replace(
                prev, text=text[prev.start : ref.end], end=ref.end, date_end=ref.date_end, precision="period",
                confidence=min(prev.confidence, ref.confidence))
            continue
        out.append(_day_range(ref, text))
    return out


def _joins(a: DateRef, b: DateRef, text: str) -> bool:
    gap = _RANGE_GAP.match(text[a.end : b.start])
    if gap is None or b.date_start < a.date_start or a.precision not in ("day", "month") or b.precision != a.precision:
        return False
    if gap.group("and"):
        return _RANGE_OPEN.search(text, max(0, a.start - 12), a.start) is not None
    return _MOVED.search(text, max(0, a.start - 60), a.start) is None


def _day_range(ref: DateRef, text: str) -> DateRef:
    """"Nov. 10-12": a day followed by "-12" in the same month."""
    if ref.precision != "day" or re.search(r"\d{4}$", ref.text):  # "Nov. 10, 2024-25 budget": a season
        return ref
    m = _DAY_TAIL.match(text, ref.end)
    if m is None:
        return ref
    day = int(m.group("day"))
    if day <= ref.date_start.day:
        return ref
    try:
        end = ref.date_start.replace(day=day)
    except ValueError:
        return ref
    return dataclasses.replace(ref, text=text[ref.start : m.end()], end=m.end(), date_end=end, precision="period")


def _candidates(text: str, doc: Any) -> list[Candidate]:
    found = [Candidate(m.start, m.end, "rule", m) for m in find_rule_matches(text)]
    for regex in ABSOLUTE:
        for m in regex.finditer(text):
            end = m.end("d")
            if text[end - 1] == "." and len(text[m.start("d") : end].split()[-1]) > 5:
                end -= 1  # "in January." ends a sentence; only "Jan." / "Sept." keep their dot
            found.append(Candidate(m.start("d"), end, "absolute"))
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ == "DATE":
                found.append(Candidate(ent.start_char, ent.end_char, "entity"))
    return found


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates: the longest wins; rules and regexes beat spaCy entities."""
    rank = {"absolute": 0, "rule": 0, "entity": 1}
    taken: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (rank[c.source], -c.length, c.start)):
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def _future_context(text: str, start: int) -> bool:
    """Does the clause before the expression point forward ("will meet on Friday", "next", "scheduled")?"""
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 120)
    return rule_set().future_cue.search(text, left + 1, start) is not None


def _resolve(cand: Candidate, text: str, published: dt.date | None) -> Resolved | None:
    future = _future_context(text, cand.start)
    if cand.source == "rule":
        return resolve_match(cand.payload, published, future)
    span = text[cand.start : cand.end]
    resolved = _resolve_text(span, published, future)
    if resolved is not None and published is not None and text[max(0, cand.start - 6) : cand.start].lower() == "since ":
        if resolved.start <= published:
            return Resolved(resolved.start, published, "period", resolved.confidence * 0.95)
    return resolved


def _resolve_text(span: str, published: dt.date | None, future: bool) -> Resolved | None:
    norm = _LEAD_PREP.sub("", " ".join(span.split()))
    if not norm:
        return None
    year = _BARE_YEAR.match(norm)
    if year:
        y = int(year.group(1))
        return Resolved(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", 0.7)
    iso = _ISO.match(norm)
    if iso:  # fast path, and unambiguous: no dateparser call
        return infer_absolute((int(iso.group(1)), int(iso.group(2)), int(iso.group(3))), published, future)
    numeric = _NUMERIC.match(norm)
    if numeric:
        return numeric_date(int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3)), published)
    if not _MONTH_WORD.search(norm):
        return None  # "annual", "the 13th": without a month name dateparser would guess one
    parts = parse_absolute(norm.lower())
    if parts is None:
        return None
    return infer_absolute(parts, published, future)
