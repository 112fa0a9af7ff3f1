"""Hand-built analyses for API and dashboard tests, written through the real ``eventwire.store.Writer``.

Used until (and besides) the extraction stages: every span is found in the text, so highlights line up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from eventwire.records import (
    ActorRef,
    Analysis,
    Article,
    DateRef,
    Event,
    Place,
    PloverActor,
    Quantity,
    Sentence,
    Span,
    Story,
)
from eventwire.store import Writer, connect


@dataclass(frozen=True)
class Spec:
    text: str
    outlet: str
    published: dt.date
    source: tuple[str, str, str | None, str]  # surface text, name, ISO3, CAMEO actor code
    target: tuple[str, str, str | None, str] | None
    trigger: str
    code: tuple[str, str, str, float, int, str | None]  # cameo, root, name, goldstein, quad, plover type
    place: tuple[str, float, float, str] | None = None  # surface text, lat, lon, ISO3
    date: tuple[str, dt.date] | None = None
    fatalities: tuple[str, int] | None = None
    status: str = "factual"
    event_id: str | None = None  # shared id → one event with mentions in several articles
    story: str | None = None
    title: str = ""


def _find(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _actor(text: str, spec: tuple[str, str, str | None, str] | None) -> ActorRef | None:
    if spec is None:
        return None
    surface, name, country, code = spec
    s, e = _find(text, surface)
    sector = code[3:6] or None
    return ActorRef(text=surface, start=s, end=e, name=name, country=country,
                    sectors=(sector,) if sector else (), cameo_code=code,
                    plover_actor=PloverActor(country, sector), kind="state" if sector == "GOV" else "group",
                    sentence=0)


def analysis(spec: Spec) -> Analysis:
    text = spec.text
    art = Article(id=Article.make_id(spec.title, text), text=text, title=spec.title, published=spec.published,
                  source=spec.outlet, external_id=f"ext-{spec.outlet}-{spec.published}")
    src, tgt = _actor(text, spec.source), _actor(text, spec.target)
    place = None
    if spec.place:
        s, e = _find(text, spec.place[0])
        place = Place(text=spec.place[0], start=s, end=e, name=spec.place[0], lat=spec.place[1],
                      lon=spec.place[2], country=spec.place[3], feature="city", sentence=0)
    date = None
    if spec.date:
        s, e = _find(text, spec.date[0])
        date = DateRef(text=spec.date[0], start=s, end=e, date_start=spec.date[1], date_end=spec.date[1],
                       precision="day", sentence=0)
    qty: tuple[Quantity, ...] = ()
    if spec.fatalities:
        s, e = _find(text, spec.fatalities[0])
        qty = (Quantity(value=spec.fatalities[1], unit="person", kind="fatalities", text=spec.fatalities[0],
                        start=s, end=e, sentence=0),)
    ts, te = _find(text, spec.trigger)
    cameo, root, name, goldstein, quad, plover = spec.code
    ev = Event(id=spec.event_id or f"ev-{art.id}", article_id=art.id, sentence=text, evidence=Span(0, len(text)),
               trigger=Span(ts, te, spec.trigger), source=src, target=tgt, cameo_code=cameo, cameo_root=root,
               cameo_name=name, goldstein=goldstein, quad_class=quad, plover_type=plover,
               plover_mode=None, status=spec.status, location=place, location_precision="sentence",
               date=date, fatalities=spec.fatalities[1] if spec.fatalities else None, quantities=qty,
               story_id=spec.story, sentence_index=0)
    actors = tuple(a for a in (src, tgt) if a)
    return Analysis(article=art, sentences=(Sentence(0, 0, len(text), text),), actors=actors,
                    places=(place,) if place else (), dates=(date,) if date else (), quantities=qty,
                    events=(ev,), story_id=spec.story)


D = dt.date
SPECS = [
    Spec("Paris launched air strikes on Raqqa on Friday, killing 12 fighters.", "Reuters", D(2015, 11, 21),
         ("Paris", "France", "FRA", "FRAGOV"), ("fighters", "fighters", None, "---REB"), "launched",
         ("195", "19", "Employ aerial weapons", -10.0, 4, "ASSAULT"), ("Raqqa", 35.95, 39.01, "SYR"),
         ("Friday", D(2015, 11, 20)), ("killing 12 fighters", 12), event_id="ev-raqqa", story="story-raqqa",
         title=""),
    Spec("French jets launched strikes on Raqqa on Friday, the ministry said.", "AFP", D(2015, 11, 21),
         ("French jets", "France", "FRA", "FRAMIL"), None, "launched",
         ("195", "19", "Employ aerial weapons", -10.0, 4, "ASSAULT"), ("Raqqa", 35.95, 39.01, "SYR"),
         ("Friday", D(2015, 11, 20)), event_id="ev-raqqa", story="story-raqqa"),
    Spec("Russia and Turkey held talks in Moscow on Monday.", "TASS", D(2015, 11, 24),
         ("Russia", "Russia", "RUS", "RUSGOV"), ("Turkey", "Turkey", "TUR", "TURGOV"), "held talks",
         ("043", "04", "Engage in negotiation", 3.5, 1, "CONSULT"), ("Moscow", 55.75, 37.62, "RUS"),
         ("Monday", D(2015, 11, 23)), story="story-talks"),
    Spec("Egypt praised Qatar for its mediation in Cairo on Tuesday.", "Al Ahram", D(2015, 11, 25),
         ("Egypt", "Egypt", "EGY", "EGYGOV"), ("Qatar", "Qatar", "QAT", "QATGOV"), "praised",
         ("051", "05", "Praise or endorse", 3.4, 1, "AGREE"), ("Cairo", 30.04, 31.24, "EGY"),
         ("Tuesday", D(2015, 11, 24)), story="story-talks"),
    Spec("The United States sent humanitarian aid to Mali on Wednesday.", "AP", D(2015, 11, 26),
         ("The United States", "United States", "USA", "USAGOV"), ("Mali", "Mali", "MLI", "MLIGOV"), "sent",
         ("073", "07", "Provide humanitarian aid", 7.4, 2, "AID"), ("Mali", 12.65, -8.0, "MLI"),
         ("Wednesday", D(2015, 11, 25))),
    Spec("Protesters demonstrated against the government in Istanbul on Saturday.", "Hurriyet",
         D(2015, 11, 22), ("Protesters", "protesters", "TUR", "TUROPP"),
         ("the government", "Turkish government", "TUR", "TURGOV"), "demonstrated",
         ("141", "14", "Demonstrate or rally", -6.5, 3, "PROTEST"), ("Istanbul", 41.01, 28.98, "TUR"),
         ("Saturday", D(2015, 11, 21))),
    Spec("Russia threatened Ukraine with new sanctions.", "Kyiv Post", D(2015, 11, 27),
         ("Russia", "Russia", "RUS", "RUSGOV"), ("Ukraine", "Ukraine", "UKR", "UKRGOV"), "threatened",
         ("130", "13", "Threaten", -4.4, 3, "THREATEN")),
    Spec("Turkey may close its border with Syria next week.", "Reuters", D(2015, 11, 28),
         ("Turkey", "Turkey", "TUR", "TURGOV"), ("Syria", "Syria", "SYR", "SYRGOV"), "close",
         ("1246", "12", "Reject", -4.0, 3, "REJECT"), status="hypothetical"),
]

STORIES = [
    Story(id="story-raqqa", headline="French air strikes on Raqqa", article_ids=(), num_articles=2,
          num_sources=2, first_seen=D(2015, 11, 21), last_seen=D(2015, 11, 21),
          digest=({"sentence": SPECS[0].text, "article_id": "", "source": "Reuters"},
                  {"sentence": SPECS[1].text, "article_id": "", "source": "AFP"}),
          event_ids=("ev-raqqa",)),
    Story(id="story-talks", headline="Regional diplomacy: talks in Moscow and Cairo", article_ids=(),
          num_articles=2, num_sources=2, first_seen=D(2015, 11, 24), last_seen=D(2015, 11, 25),
          digest=({"sentence": SPECS[2].text, "article_id": "", "source": "TASS"},), event_ids=()),
]


def fill_store(db: Path, specs: list[Spec] | None = None) -> list[Analysis]:
    """Write the hand-built analyses and stories; returns the analyses (article ids for assertions)."""
    analyses = [analysis(s) for s in (specs or SPECS)]
    con = connect(db)
    try:
        with Writer(con) as w:
            for a in analyses:
                w.add(a)
        ids = {a.article.text: a.article.id for a in analyses}
        stories = []
        for st in STORIES:
            members = tuple(a.article.id for a in analyses if a.story_id == st.id)
            digest = tuple({**d, "article_id": ids.get(d["sentence"], "")} for d in st.digest)
            stories.append(Story(**{**_fields(st), "article_ids": members, "digest": digest}))
        w.write_stories(stories)
    finally:
        con.close()
    return analyses


def _fields(st: Story) -> dict[str, object]:
    return {f: getattr(st, f) for f in Story.__dataclass_fields__}
