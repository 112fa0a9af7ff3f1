"""Name normalisation shared by the gazetteer build script and the runtime lookup.

Transliterated Arabic, Persian and Slavic names are spelled many ways in news ("Deir el-Zour", "Deir ez-Zor",
"Dayr az Zawr"; "Raqqa", "Al-Raqqah"). Two keys absorb most of that variation: ``norm_key`` (diacritics,
articles, hyphens, doubled letters and a final vowel-h removed) and ``skeleton`` (the consonants only), which is
used as a blocking key for a fuzzy comparison.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic article forms as they appear in Latin transliteration ("al-", "el-", "ad-", "az-" …), and "the".
_ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "az", "as", "ash", "an", "at", "ath", "ed", "ez", "es", "er", "en", "adh", "the"}
)
_APOSTROPHES = re.compile(r"[\u2018\u2019'`\u02bb\u02bc\u02bf\u02be\u00b4]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.,/()]+")
_DOUBLE = re.compile(r"(.)\1+")
_NON_ALNUM = re.compile(r"[^a-z0-9 ]")
_VOWELS = re.compile(r"[aeiouyhw]")


def fold(text: str) -> str:
    """Lower case without diacritics; apostrophes dropped, separators turned into single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _APOSTROPHES.sub("", stripped.lower())
    return _SEPARATORS.sub(" ", stripped).strip()


@lru_cache(maxsize=200_000)
def norm_key(text: str) -> str:
    """The main lookup key: folded, leading/inner Arabic articles removed, doubled letters collapsed."""
    words = _NON_ALNUM.sub("", fold(text)).split()
    kept = [w for w in words if w not in _ARTICLES] or words
    # "al" glued to the name ("Alraqqa") is too ambiguous to strip ("Alabama"), so only separate articles go.
    out = []
    for w in kept:
        w = _DOUBLE.sub(r"\1", w)
        if len(w) > 3 and w.endswith("h") and w[-2] in "aeiou":
            w = w[:-1]  # Raqqah / Raqqa, Ghoutah / Ghouta
        out.append(w)
    return " ".join(out)


def skeleton(key: str) -> str:
    """Consonant skeleton of a ``norm_key`` (first letter kept): "deir zour" and "dayr zawr" → "drzr"."""
    flat = key.replace(" ", "")
    if not flat:
        return ""
    return _DOUBLE.sub(r"\1", flat[0] + _VOWELS.sub("", flat[1:]))
