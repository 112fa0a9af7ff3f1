"""Topic level of story clustering: stories of the same days naming the same specific entities are merged."""

from __future__ import annotations

from eventwire.records import ActorRef, Analysis, Event, Place, Span
from eventwire.stories import StoryClusterer
from eventwire.stories.entities import entity_features

from .conftest import article


def _actor(name: str, country: str | None, code: str, kind: str = "state") -> ActorRef:
    return ActorRef(text=name, start=0, end=len(name), name=name, country=country, cameo_code=code, kind=kind)


def _event(source: ActorRef | None, target: ActorRef | None, code: str) -> Event:
    return Event(id=f"e{code}", article_id="a", sentence="", evidence=Span(0, 1), trigger=Span(0, 1),
                 source=source, target=target, cameo_code=code, cameo_root=code[:2], cameo_name="", goldstein=0.0,
                 quad_class=4, plover_type=None, plover_mode=None)


RUS = _actor("Russia", "RUS", "RUSMIL")
SYR = _actor("Syria", "SYR", "SYR")
IS = _actor("Islamic State", None, "IMGMUSISI", kind="group")
RAQQA = Place(text="Raqqa", start=0, end=5, name="Ar Raqqah", country="SYR", geonameid=172955)
CASPIAN = Place(text="Caspian Sea", start=0, end=11, name="Caspian Sea", feature="water")


def _analysed(text: str, day: str, actors: tuple[ActorRef, ...] = (), places: tuple[Place, ...] = (),
              events: tuple[Event, ...] = ()) -> Analysis:
    return Analysis(article=article(text, published=day), actors=actors, places=places, events=events)


def _stories(items: list[Analysis], **options: float | None) -> list[str]:
    # The topic level alone: texts that share no content words, judged without sentence embeddings (which would
    # link some of them on meaning; test_embed and the seed tests cover the default with embeddings).
    options.setdefault("embeddings", False)
    clusterer = StoryClusterer(**options)  # type: ignore[arg-type]
    return [clusterer.resolve(a.story_id or "") for a in list(clusterer.pipe(items))]


# Long enough (15+ content words) to be judged by the full text threshold, and sharing no content words.
STRIKE = ("Warplanes pounded positions around the city overnight, destroying depots, bridges, a command post and "
          "several armoured vehicles, residents reported by telephone.")
FIGURES = ("Over the past 48 days the air grouping performed 2,289 sorties and delivered 4,111 missile and bomb "
           "strikes against infrastructure facilities, a spokesman told journalists.")
FLEET = ("It added that the cruise missiles, fired by its fleet from warships, dealt a massive blow, with all "
         "targets hit, according to a televised statement on Saturday.")
TANKERS = ("Oil tankers crowded the port as sanctions loomed over exporters, traders said, and freight rates rose "
           "sharply during the week while insurers raised premiums.")
SHOIGU = _actor("Sergei Shoigu", "RUS", "RUSMIL", kind="person")
ISIL = _actor("ISIL", None, "IMGMUSISI", kind="group")
RAQQA_NAMED = Place(text="Raqqa", start=0, end=5, name="Raqqa", country="SYR", geonameid=172955)


def test_features_name_countries_codes_groups_places_and_dyads() -> None:
    a = _analysed(STRIKE, "2015-11-21", (RUS, IS), (RAQQA,), (_event(RUS, IS, "195"),))
    assert set(entity_features(a)) == {
        "c:RUS", "a:RUSMIL", "a:IMGMUSISI", "n:islamic state", "c:SYR", "p:172955",
        "d:RUS>IMGMUSISI", "e:RUS:19",
    }
    generic = _analysed(STRIKE, "2015-11-21", (_actor("the militants", None, "---REB", kind="group"),))
    assert entity_features(generic) == {}


def test_reports_sharing_specific_entities_on_one_day_form_one_story() -> None:
    items = [
        _analysed(STRIKE, "2015-11-21", (RUS, SYR, IS), (RAQQA,), (_event(RUS, IS, "195"),)),
        _analysed(FIGURES, "2015-11-21", (SHOIGU, ISIL), (RAQQA_NAMED,), (_event(SHOIGU, ISIL, "190"),)),
    ]
    labels = _stories(items)
    assert labels[0] == labels[1]
    assert len(set(_stories(items, topic_threshold=None))) == 2  # the words alone do not join them


def test_the_same_entities_weeks_apart_stay_separate_stories() -> None:
    items = [
        _analysed(STRIKE, "2015-11-01", (RUS, SYR, IS), (RAQQA,), (_event(RUS, IS, "195"),)),
        _analysed(FIGURES, "2015-11-21", (SHOIGU, ISIL), (RAQQA_NAMED,), (_event(SHOIGU, ISIL, "190"),)),
    ]
    labels = _stories(items)
    assert labels[0] != labels[1]


def test_one_shared_country_does_not_join_stories() -> None:
    usa = _actor("United States", "USA", "USA")
    items = [
        _analysed(STRIKE, "2015-11-21", (usa, RUS, SYR), (RAQQA,), (_event(RUS, SYR, "195"),)),
        _analysed(FIGURES, "2015-11-21", (usa, _actor("Mexico", "MEX", "MEXGOV")), (),
                  (_event(usa, _actor("Mexico", "MEX", "MEX"), "036"),)),
    ]
    labels = _stories(items)
    assert labels[0] != labels[1]


def test_a_lone_entity_joins_only_an_unambiguous_story() -> None:
    strike = _analysed(STRIKE, "2015-11-21", (RUS, SYR), (RAQQA, CASPIAN), (_event(RUS, SYR, "195"),))
    lone = _analysed(FLEET, "2015-11-21", places=(CASPIAN,))
    labels = _stories([strike, lone])
    assert labels[0] == labels[1]
    assert len(set(_stories([strike, lone], topic_threshold=None))) == 2
    other = _analysed(TANKERS, "2015-11-21", (_actor("Iran", "IRN", "IRN"), _actor("Azerbaijan", "AZE", "AZE")),
                      (CASPIAN,))
    labels = _stories([strike, other, lone])
    assert len(set(labels)) == 3  # two stories of that day name the Caspian: the lone mention is left alone


def test_entity_state_stays_bounded_over_a_long_stream() -> None:
    import datetime as dt

    clusterer = StoryClusterer(max_stories=50, window_days=5.0, df_window=300, embeddings=False)
    start = dt.date(2015, 1, 1)
    for i in range(1500):
        day = (start + dt.timedelta(days=i // 20)).isoformat()
        country = _actor(f"Country {i % 97}", f"C{i % 97:02d}", f"C{i % 97:02d}GOV")
        town = Place(text="Town", start=0, end=4, name=f"Town {i % 211}", country=country.country, geonameid=i % 211)
        text = f"Report {i} on talks number {i * 7} about issue {i % 13} and matter {i % 31}."
        clusterer.add(article(text, published=day), _analysed(text, day, (country, RUS), (town,),
                                                              (_event(country, RUS, "036"),)))
    size = clusterer.state_size()
    assert size["stories"] <= 50
    assert size["entity_df_terms"] <= 2 * (97 * 4 + 211 + 2)  # bounded by the distinct features, decayed
    live = {f"x:{f}" for s in clusterer._stories.values() for f in s.ents}
    assert {t for t in clusterer._index if t.startswith("x:")} == live  # retired stories leave the index


def test_stories_sharing_only_countries_do_not_link() -> None:
    # A headline naming only China is "contained" in any story of the day about China: countries alone say
    # "same region", never "same story", however many of them two stories share.
    chn, jpn, usa = (_actor(n, c, c) for n, c in (("China", "CHN"), ("Japan", "JPN"), ("United States", "USA")))
    countries = [_analysed(t, "2015-11-21", (chn, jpn, usa)) for t in (STRIKE, FIGURES, TANKERS)]
    assert len(set(_stories(countries))) == 3
    # without the rule (and with the former 3 shared features) the three reports become one story
    assert len(set(_stories(countries, topic_needs_specific=False, topic_min_shared=3))) == 1
    # one specific entity in common (a group, a city) is enough
    specific = [_analysed(t, "2015-11-21", (chn, jpn, usa, IS), (RAQQA,)) for t in (STRIKE, FIGURES, TANKERS)]
    assert len(set(_stories(specific))) == 1
