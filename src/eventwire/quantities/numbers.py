"""Numbers written in digits or words → values: "2,289", "1.5 million", "forty-five", "a dozen", "hundreds of".

The vocabulary lives in ``data/quantities/numbers.yaml``. ``eventwire.when`` uses :func:`parse_number` too
("three days ago"), so this module holds no stage state and loads its table once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGIT_SCALE = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*-?\s*([a-z]+)$")


@dataclass(frozen=True, slots=True)
class NumberWords:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    exact: dict[str, int]
    vague: dict[str, tuple[int, float]]
    modifiers: dict[str, tuple[str, float]]

    def is_number_word(self, word: str) -> bool:
        w = word.lower()
        return w in self.units or w in self.tens or w in self.scales or w in self.vague or w == "dozen"


def load_yaml(package: str, name: str) -> Any:
    """Read a YAML data file shipped inside ``eventwire.data.<package>``."""
    text = resources.files("eventwire").joinpath("data", package, name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    raw = load_yaml("quantities", "numbers.yaml")
    return NumberWords(
        units={str(k): int(v) for k, v in raw["units"].items()},
        tens={str(k): int(v) for k, v in raw["tens"].items()},
        scales={str(k): int(v) for k, v in raw["scales"].items()},
        exact={str(k): int(v) for k, v in raw["exact"].items()},
        vague={str(k): (int(v["value"]), float(v["confidence"])) for k, v in raw["vague"].items()},
        modifiers={str(k): (str(v["bound"]), float(v["confidence"])) for k, v in raw["modifiers"].items()},
    )


def _digits(text: str) -> float | None:
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    return None


def _words(tokens: list[str], nw: NumberWords) -> float | None:
    """Compose "two hundred and forty five thousand" → 245000; None if any token is not a number word."""
    total = 0.0
    current = 0.0
    seen = False
    for pos, tok in enumerate(tokens):
        nxt = tokens[pos + 1] if pos + 1 < len(tokens) else ""
        if tok == "and" and seen:
            continue
        num = _digits(tok)
        if num is not None:
            current += num
        elif tok in nw.units:
            current += nw.units[tok]
        elif tok in nw.tens:
            current += nw.tens[tok]
        elif tok in nw.scales and seen:
            scale = nw.scales[tok]
            if scale == 100:
                current = max(current, 1.0) * 100
            else:
                total += max(current, 1.0) * scale
                current = 0.0
        elif tok in ("a", "an") and not seen and nxt in nw.scales:
            current = 1.0  # "a hundred", "a million"
            seen = True
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


@lru_cache(maxsize=4096)
def parse_number(text: str) -> tuple[float, float] | None:
    """(value, confidence) of a number phrase without hedges, or None. Vague plurals give a lower bound."""
    nw = number_words()
    t = " ".join(text.lower().replace("-", " ").split()).strip()
    if not t:
        return None
    if t in nw.exact:
        return float(nw.exact[t]), 1.0
    stripped = t[:-3] if t.endswith(" of") else t
    if stripped in nw.vague:
        value, conf = nw.vague[stripped]
        return float(value), conf
    if stripped in nw.exact:
        return float(nw.exact[stripped]), 1.0
    num = _digits(t)
    if num is not None:
        return num, 1.0
    m = _DIGIT_SCALE.match(t)
    if m and m.group(2) in nw.scales:
        return float(m.group(1).replace(",", "")) * nw.scales[m.group(2)], 1.0
    words = _words(t.split(), nw)
    if words is not None:
        return words, 1.0
    return None


def split_modifier(text: str) -> tuple[str, str, float]:
    """Split a leading hedge: "at least a dozen" → ("at least", "a dozen", 0.85). No hedge → ("", text, 1.0)."""
    nw = number_words()
    low = text.lower()
    best = ""
    for mod in nw.modifiers:
        if (low.startswith(mod + " ") or low == mod) and len(mod) > len(best):
            best = mod
    if not best:
        return "", text, 1.0
    return best, text[len(best) :].strip(), nw.modifiers[best][1]
