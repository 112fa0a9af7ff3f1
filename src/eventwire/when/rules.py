"""Relative date rules: regexes from ``data/when/relative.yaml``, resolved against the publication date.

Each rule's ``kind`` names one resolver below; a resolver turns (match, published, future) into a
:class:`Resolved` range. Resolution is pure and cached, so repeated phrases ("on Friday") cost one lookup.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..quantities.numbers import load_yaml, parse_number

DAY = dt.timedelta(days=1)
WINDOW = 48  # characters scanned either side of a rule keyword


@dataclass(frozen=True, slots=True)
class Resolved:
    start: dt.date
    end: dt.date
    precision: str  # day|week|month|year|period
    confidence: float


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str
    regex: re.Pattern[str]
    args: tuple[tuple[str, Any], ...]
    needs: tuple[str, ...] = ()

    def arg(self, key: str, default: Any = None) -> Any:
        return dict(self.args).get(key, default)


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    weekdays: dict[str, int]
    months: dict[str, int]
    units: dict[str, str]
    future_cue: re.Pattern[str]
    weekday_not_after: frozenset[str]
    weekday_not_before: frozenset[str]
    seasons: dict[str, tuple[int, int]]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def rule_set() -> RuleSet:
    raw = load_yaml("when", "relative.yaml")
    vocab = raw["vocab"]
    subs = {
        "weekday": f"(?P<weekday>{_alt(vocab['weekday_full'])})",
        "month": f"(?P<month>{_alt(list(vocab['month']))})",
        "unit": f"(?P<unit>{_alt(list(vocab['unit']))})",
        "num": f"(?P<num>\\d+|{_alt(vocab['num_words'])})",
        "year": "(?P<year>(?:1[89]|20)\\d\\d)(?!\\d|,\\d)",
        "part": f"(?:{_alt(vocab['part'])})",
        "season": f"(?P<season>{_alt(list(vocab['season']))})",
    }
    rules = []
    for item in raw["rules"]:
        pattern = item["pattern"]
        for key, value in subs.items():
            pattern = pattern.replace("{" + key + "}", value)
        regex = re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)
        extra = tuple((k, v) for k, v in item.items() if k not in ("name", "pattern", "kind", "needs"))
        needs = tuple(str(n).lower() for n in item.get("needs", ()))
        rules.append(Rule(name=item["name"], kind=item["kind"], regex=regex, args=extra, needs=needs))
    cues = re.compile(rf"(?<!\w)(?:{_alt(vocab['future_cues'])})(?!\w)", re.IGNORECASE)
    return RuleSet(
        rules=tuple(rules),
        weekdays={str(k): int(v) for k, v in vocab["weekday"].items()},
        months={str(k): int(v) for k, v in vocab["month"].items()},
        units={str(k): str(v) for k, v in vocab["unit"].items()},
        future_cue=cues,
        weekday_not_after=frozenset(str(w) for w in vocab["weekday_not_after"]),
        weekday_not_before=frozenset(str(w) for w in vocab["weekday_not_before"]),
        seasons={str(k): (int(v[0]), int(v[1])) for k, v in vocab["season"].items()},
    )


# ---- calendar helpers -------------------------------------------------------------------------------


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def week_range(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday..Sunday (ISO week) containing ``day``."""
    monday = day - day.weekday() * DAY
    return monday, monday + 6 * DAY


def shift(day: dt.date, n: int, unit: str) -> dt.date:
    """``day`` moved by ``n`` units (negative = back)."""
    if unit == "hour":
        return day + int(n / 24) * DAY  # "the past 48 hours" → two days back; under a day → same day
    if unit == "day":
        return day + n * DAY
    if unit == "week":
        return day + 7 * n * DAY
    if unit == "fortnight":
        return day + 14 * n * DAY
    if unit == "month":
        return add_months(day, n)
    if unit == "year":
        return add_months(day, 12 * n)
    return add_months(day, 120 * n)  # decade


def unit_range(day: dt.date, unit: str) -> tuple[dt.date, dt.date, str]:
    """The calendar unit containing ``day`` and its precision name."""
    if unit in ("day", "hour"):
        return day, day, "day"
    if unit in ("week", "fortnight"):
        return (*week_range(day), "week")
    if unit == "month":
        return (*month_range(day.year, day.month), "month")
    if unit == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year"
    start = day.year - day.year % 10
    return dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "period"


def part_of(start: dt.date, end: dt.date, part: str | None) -> tuple[dt.date, dt.date]:
    """ "early"/"mid"/"late" part of a range: first, middle or last third."""
    if not part:
        return start, end
    p = part.lower()
    span = (end - start).days + 1
    third = max(span // 3, 1)
    quarter = max(span // 4, 1)
    # "the start/end of" is narrower than "early/late": a quarter of the range rather than a third
    if p in ("at the start of", "at the beginning of", "the start of", "the beginning of"):
        return start, start + (quarter - 1) * DAY
    if p in ("at the end of", "the end of"):
        return end - (quarter - 1) * DAY, end
    if p == "early":
        return start, start + (third - 1) * DAY
    if p in ("mid", "the middle of"):
        return start + third * DAY, end - third * DAY
    if p == "the first half of":
        return start, start + (span // 2 - 1) * DAY
    if p == "the second half of":
        return start + (span // 2) * DAY, end
    return end - (third - 1) * DAY, end  # late / at the end of / the end of


# ---- resolvers --------------------------------------------------------------------------------------

Resolver = Callable[[Rule, "re.Match[str]", dt.date | None, bool, RuleSet], Resolved | None]


def _unit(m: re.Match[str], rs: RuleSet, rule: Rule) -> str:
    text = (m.groupdict().get("unit") or rule.arg("unit") or "day").lower()
    return rs.units.get(text, text)


def _num(m: re.Match[str], rule: Rule) -> tuple[int, float] | None:
    text = m.groupdict().get("num")
    if text is None:
        return int(rule.arg("num", 1)), 0.8
    low = text.lower()
    if low in ("a", "an"):
        return 1, 1.0
    if low in ("few", "a few", "several"):
        return 3, 0.5
    if low in ("a couple of", "couple of"):
        return 2, 0.8
    parsed = parse_number(low)
    if parsed is None or parsed[0] <= 0 or parsed[0] > 10000:
        return None
    return int(parsed[0]), parsed[1]


def _offset_days(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    if pub is None:
        return None
    day = pub + int(rule.arg("days", 0)) * DAY
    return Resolved(day, day, "day", 0.9)


def _weekday(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    if pub is None:
        return None
    wd = rs.weekdays[m.group("weekday").lower()]
    direction = rule.arg("direction", "nearest_past")
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if direction == "last":
        day, conf = pub - (back or 7) * DAY, 0.75
    elif direction == "next":
        day, conf = pub + (ahead or 7) * DAY, 0.75
    elif fut:
        day, conf = pub + ahead * DAY, 0.7
    else:
        # Same weekday as publication = the publication day itself (wire style names the day, not "today").
        day, conf = pub - back * DAY, 0.85
    return Resolved(day, day, "day", conf)


def _day_of_month(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    """"the 13th": that day of the publication's month, or of the month before when it is still to come (the
    month after, in future context)."""
    if pub is None:
        return None
    dom = int(m.group("dom"))
    if not 1 <= dom <= 31:
        return None
    month = pub.replace(day=1)
    step = 0
    if fut and dom < pub.day:
        step = 1
    elif not fut and dom > pub.day:
        step = -1
    month = add_months(month, step)
    # "the 31st" on 30 March is 31 January: a month without that day is skipped (at most two are)
    for _ in range(2):
        if dom <= month_range(month.year, month.month)[1].day or step == 0:
            break
        month = add_months(month, step)
    if dom > month_range(month.year, month.month)[1].day:
        return None
    day = month.replace(day=dom)
    return Resolved(day, day, "day", 0.6)


def _ago(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    n = _num(m, rule)
    if pub is None or n is None:
        return None
    unit = _unit(m, rs, rule)
    start, end, precision = unit_range(shift(pub, -n[0], unit), unit)
    return Resolved(start, min(end, pub), precision, 0.8 * n[1])


def _past_period(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    n = _num(m, rule)
    if pub is None or n is None:
        return None
    return Resolved(shift(pub, -n[0], _unit(m, rs, rule)), pub, "period", 0.8 * n[1])


def _this_unit(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    if pub is None:
        return None
    start, end, precision = unit_range(pub, _unit(m, rs, rule))
    text = m.group(0).lower()
    if "later" in text or (fut and "earlier" not in text and "so far" not in text):
        return Resolved(pub, end, precision, 0.7)
    return Resolved(start, pub, precision, 0.85)


def _last_unit(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    if pub is None:
        return None
    unit = _unit(m, rs, rule)
    start, end, precision = unit_range(shift(pub, -1, unit), unit)
    part = m.groupdict().get("part_of")
    if part:
        start, end = part_of(start, end, part)
        precision = "period"
    return Resolved(start, end, precision, 0.85)


def _next_unit(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    if pub is None:
        return None
    unit = _unit(m, rs, rule)
    start, end, precision = unit_range(shift(pub, 1, unit), unit)
    return Resolved(start, end, precision, 0.7)


def _weekend(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    if pub is None:
        return None
    if fut and "last" not in m.group(0).lower() and "past" not in m.group(0).lower():
        saturday = pub + ((5 - pub.weekday()) % 7) * DAY
        return Resolved(saturday, saturday + DAY, "period", 0.7)
    # the most recent Saturday on or before publication (Sunday counts as the weekend's second day)
    saturday = pub - ((pub.weekday() - 5) % 7) * DAY
    return Resolved(saturday, min(saturday + DAY, pub), "period", 0.8)


def _decade(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    start = int(m.group("decade"))
    return Resolved(dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "period", 0.85)


def _part_of_year(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    year = int(m.group("year"))
    start, end = part_of(dt.date(year, 1, 1), dt.date(year, 12, 31), m.group("part_of"))
    return Resolved(start, end, "period", 0.85)


def _since_year(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    year = int(m.group("year"))
    if pub is None or year > pub.year:
        return None
    return Resolved(dt.date(year, 1, 1), pub, "period", 0.85)


def _year_range(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    first, last = int(m.group("year") or m.group("year3")), int(m.group("year2") or m.group("year4"))
    if last <= first:
        return None  # "2014-2010" is no range
    return Resolved(dt.date(first, 1, 1), dt.date(last, 12, 31), "period", 0.8)


def _year(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    year = int(m.group("year"))
    return Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", 0.9)


def season_range(year: int, months: tuple[int, int]) -> tuple[dt.date, dt.date]:
    """The season that starts in ``year`` (a winter runs on into the next year)."""
    first, last = months
    end_year = year + 1 if last < first else year
    return dt.date(year, first, 1), month_range(end_year, last)[1]


def _season(rule: Rule, m: re.Match[str], pub: dt.date | None, fut: bool, rs: RuleSet) -> Resolved | None:
    """"summer 2014", "the spring of 2016", "last summer", "this winter", "next spring", "in the autumn".

    Without a year: "last" is the latest season that ended before publication, "next"/"the coming" the first that
    starts after it, "this" the one of the publication's season-year (up to publication when under way), and a
    bare "in the autumn" the one under way or else the latest past one (the next one in future context)."""
    groups = m.groupdict()
    months = rs.seasons[groups["season"].lower()]
    part = groups.get("part_of") or groups.get("part_of2")
    conf = 0.8
    if groups.get("year"):
        start, end = season_range(int(groups["year"]), months)
    else:
        if pub is None:
            return None
        rel = (groups.get("rel") or "").lower()
        instances = [season_range(y, months) for y in range(pub.year - 2, pub.year + 2)]
        current = next(((a, b) for a, b in instances if a <= pub <= b), None)
        past = max((r for r in instances if r[1] < pub), default=None)
        coming = min((r for r in instances if r[0] > pub), default=None)
        if rel in ("last", "this past", "the past", "the previous"):
            chosen = past
        elif rel in ("next", "the coming"):
            chosen = coming
        elif rel == "this":
            season_year = pub.year - 1 if months[1] < months[0] and pub.month <= months[1] else pub.year
            chosen = current or season_range(season_year, months)
        elif fut:
            chosen = current or coming
        else:
            chosen = current or past
        if chosen is None:
            return None
        start, end = chosen
        if chosen == current and not part:
            start, end = (pub, end) if fut or rel in ("next", "the coming") else (start, pub)
        conf = 0.7
    start, end = part_of(start, end, part)
    return Resolved(start, end, "period", conf)


RESOLVERS: dict[str, Resolver] = {
    "offset_days": _offset_days,
    "weekday": _weekday,
    "ago": _ago,
    "day_of_month": _day_of_month,
    "past_period": _past_period,
    "this_unit": _this_unit,
    "last_unit": _last_unit,
    "next_unit": _next_unit,
    "weekend": _weekend,
    "decade": _decade,
    "part_of_year": _part_of_year,
    "since_year": _since_year,
    "year": _year,
    "year_range": _year_range,
    "season": _season,
}


@dataclass(frozen=True, slots=True)
class RuleMatch:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


def find_rule_matches(text: str) -> list[RuleMatch]:
    """Every rule match in ``text`` (overlaps included; the caller keeps the longest)."""
    rs = rule_set()
    low = text.lower()
    found = []
    for rule in rs.rules:
        for lo, hi in _windows(low, rule.needs):
            for m in rule.regex.finditer(text, lo, hi):
                if rule.kind == "weekday" and _in_name(text, m, rs):
                    continue
                if rule.kind == "season" and _not_a_season(text, m):
                    continue
                found.append(RuleMatch(m.start(), m.end(), rule, m))
    return found


def _windows(low: str, needs: tuple[str, ...]) -> list[tuple[int, int]]:
    """Text windows around each occurrence of a rule's keywords (merged); the whole text without keywords.

    Every pattern reaches less than WINDOW characters either side of its keyword, so scanning only these
    windows finds the same matches while skipping most of a long article."""
    if not needs:
        return [(0, len(low))]
    spans = []
    for word in needs:
        i = low.find(word)
        while i != -1:
            spans.append((max(0, i - WINDOW), min(len(low), i + len(word) + WINDOW)))
            i = low.find(word, i + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _in_name(text: str, m: re.Match[str], rs: RuleSet) -> bool:
    before = text[max(0, m.start() - 12) : m.start()].split()
    after = text[m.end() : m.end() + 14].split()
    return bool(
        (before and before[-1].lower() in rs.weekday_not_after)
        or (after and after[0].strip(".,;:").lower() in rs.weekday_not_before)
    )


_FUNCTION_WORDS = frozenset({"in", "during", "over", "through", "throughout", "since", "by", "the", "last", "this",
                             "next", "early", "late", "mid", "of", "past", "previous", "coming"})


def _not_a_season(text: str, m: re.Match[str]) -> bool:
    """"the fall of Aleppo" is no season; nor is "Arab Spring" or "Prague Spring" (a capitalised season word
    right after a capitalised name)."""
    word = m.group("season")
    if word.lower() == "fall" and text[m.end() : m.end() + 4].lower() == " of ":
        return True
    before = text[max(0, m.start("season") - 30) : m.start("season")].split()
    return bool(word[0].isupper() and before and before[-1][:1].isupper()
                and before[-1].lower() not in _FUNCTION_WORDS)


def resolve_match(rm: RuleMatch, published: dt.date | None, future: bool) -> Resolved | None:
    return _resolve_cached(rm.rule.name, rm.match.group(0).lower(), published, future)


@lru_cache(maxsize=8192)
def _resolve_cached(rule_name: str, text: str, published: dt.date | None, future: bool) -> Resolved | None:
    rs = rule_set()
    rule = next(r for r in rs.rules if r.name == rule_name)
    m = rule.regex.fullmatch(text) or rule.regex.search(text)
    if m is None:
        return None
    try:
        return RESOLVERS[rule.kind](rule, m, published, future, rs)
    except (ValueError, OverflowError):  # e.g. a shift before year 1 on a nonsense number
        return None
