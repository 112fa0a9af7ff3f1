"""The home region of a news outlet, learned from the outlet's own articles.

A local paper names its own towns without their state ("Decatur city officials", "the Arlington council"): the
text of one article may not say which Decatur, but the paper's other articles do — they name the county, the
state capital, the neighbouring towns. ``OutletPrior`` keeps, for every outlet (the article's URL host, else its
``source``), which countries and first-level regions its articles resolve to with confidence, and gives an
article the share of the outlet's *other* articles that vote for each region (leave-one-out, so an article never
confirms its own guess). Nothing is looked up: the prior comes only from the input articles' text and source.

The URL's country-code top-level domain (``lfpress.ca``, ``thisisoxfordshire.co.uk``) is a per-article vote for
that country.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from urllib.parse import urlsplit

from ..records import Article

MAX_OUTLETS = 5_000
MAX_ARTICLES = 200  # most recent articles remembered per outlet
# ccTLDs that are not the ISO 3166 alpha-2 code of their country, or are used as generic domains.
TLD_ISO2 = {"uk": "GB"}
GENERIC_CCTLDS = frozenset({"tv", "io", "co", "me", "fm", "am", "ly", "ai", "to", "cc", "ws", "nu", "info", "biz"})


def outlet_key(article: Article) -> str | None:
    """The outlet an article comes from: its URL host without "www.", else its ``source`` name."""
    if article.url:
        host = urlsplit(article.url if "//" in article.url else f"//{article.url}").hostname or ""
        host = host.lower().removeprefix("www.")
        if host:
            return host
    return article.source.strip().lower() if article.source and article.source.strip() else None


def tld_country(article: Article, iso2_to_iso3: dict[str, str]) -> str | None:
    """ISO3 country of the URL's country-code top-level domain, if any ("lfpress.ca" → CAN)."""
    if not article.url:
        return None
    host = urlsplit(article.url if "//" in article.url else f"//{article.url}").hostname or ""
    tld = host.rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or tld in GENERIC_CCTLDS:
        return None
    return iso2_to_iso3.get(TLD_ISO2.get(tld, tld.upper()))


class OutletPrior:
    """Region votes per outlet: keys are an ISO3 country ("USA") or a country and region ("USA.TX")."""

    def __init__(self) -> None:
        self._outlets: OrderedDict[str, OrderedDict[str, frozenset[str]]] = OrderedDict()

    def record(self, outlet: str, article_id: str, keys: frozenset[str]) -> None:
        articles = self._outlets.setdefault(outlet, OrderedDict())
        self._outlets.move_to_end(outlet)
        articles[article_id] = keys
        articles.move_to_end(article_id)
        while len(articles) > MAX_ARTICLES:
            articles.popitem(last=False)
        while len(self._outlets) > MAX_OUTLETS:
            self._outlets.popitem(last=False)

    def shares(self, outlet: str | None, article_id: str) -> dict[str, float]:
        """Share of the outlet's other articles that vote for each region key."""
        articles = self._outlets.get(outlet) if outlet else None
        if not articles:
            return {}
        counts: Counter[str] = Counter()
        n = 0
        for aid, keys in articles.items():
            if aid != article_id:
                counts.update(keys)
                n += 1
        return {k: v / n for k, v in counts.items()} if n else {}
