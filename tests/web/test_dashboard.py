"""The dashboard in a real browser: map markers, timeline, brushing, network, story page with highlights,
filter state in the URL, offline (no request leaves the app)."""

from __future__ import annotations

from typing import Any

# arrow functions, not expression strings: Playwright evals expression strings, which the dashboard's CSP forbids
READY = "() => document.body.dataset.ready === '1'"


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_function(READY, timeout=15000)


def test_overview_map_timeline_network(page: Any, live_server: str, shot: Any) -> None:
    _open(page, live_server + "/")
    # the bundled world boundaries are drawn (177 Natural Earth countries, Antarctica left out)
    page.wait_for_function("() => document.querySelectorAll('.leaflet-overlay-pane path').length > 150")
    markers = page.locator(".ev-marker, .ev-cluster")
    assert markers.count() >= 1
    # 5 of the 7 events are located; each is a dot or inside a cluster's count (after any cluster animation)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ev-cluster span')].reduce((t, s) => t + Number(s.textContent), 0)"
        " + document.querySelectorAll('.ev-marker').length === 5", timeout=5000)
    assert page.locator("#timeline .day").count() == 7
    assert page.locator("#network .node").count() >= 6
    assert page.locator("#events-table tbody tr").count() == 7
    assert page.locator("#story-list li").count() == 2
    shot(page, "overview")
    assert page.errors == [] and page.outside == []


def test_brushing_the_timeline_filters_the_map_and_url(page: Any, live_server: str, shot: Any) -> None:
    _open(page, live_server + "/")
    box = page.locator("#timeline").bounding_box()
    # drag across the left half: the first days only
    page.mouse.move(box["x"] + 40, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    page.wait_for_function("() => location.hash.includes('from=') && document.body.dataset.ready === '1'")
    assert "from=2015-11-20" in page.url
    rows = page.locator("#events-table tbody tr").count()
    assert 0 < rows < 7, (page.url, page.evaluate("document.body.dataset.ready"))
    assert page.locator("#timeline .day.dim").count() > 0
    shot(page, "brushed")
    # the URL alone restores the state
    url = page.url
    _open(page, live_server + "/#/")
    _open(page, url)
    assert page.locator("#events-table tbody tr").count() == rows
    assert page.input_value("input[name=from]") == "2015-11-20"


def test_filters_are_shared_and_in_the_url(page: Any, live_server: str, shot: Any) -> None:
    _open(page, live_server + "/#/?country=TUR")
    assert page.locator("#events-table tbody tr").count() == 3
    page.fill("input[name=actor]", "RUS")
    page.click("button[type=submit]")
    page.wait_for_function("() => location.hash.includes('actor=RUS') && document.body.dataset.ready === '1'")
    assert page.locator("#events-table tbody tr").count() == 1
    assert "country=TUR" in page.url


def test_story_page_highlights_spans(page: Any, live_server: str, shot: Any) -> None:
    _open(page, live_server + "/")
    page.click("#story-list a:has-text('French air strikes on Raqqa')")
    page.wait_for_function("() => location.hash.startsWith('#/story/') && document.body.dataset.ready === '1'")
    assert page.locator("#story-page h1").inner_text() == "French air strikes on Raqqa"
    digest = page.locator(".digest li")
    assert digest.count() == 2 and "Reuters" in digest.first.inner_text()
    ev = page.locator(".story-event").first
    assert ev.locator("mark.hl-source").inner_text() == "Paris"
    assert ev.locator("mark.hl-trigger").inner_text() == "launched"
    assert ev.locator("mark.hl-place").inner_text() == "Raqqa"
    assert ev.locator("mark.hl-target").inner_text() == "fighters"
    assert page.locator(".articles tbody tr").count() == 2
    shot(page, "story")
    assert page.errors == []


def test_event_drawer_shows_mentions(page: Any, live_server: str, shot: Any) -> None:
    _open(page, live_server + "/#/event/ev-raqqa")
    page.wait_for_selector("#event-body .mentions li")
    assert page.locator("#event-body .mentions li").count() == 2
    assert page.locator("#event-body mark.hl-date").inner_text() == "Friday"
    shot(page, "event")


def test_docs_page_is_offline(page: Any, live_server: str, shot: Any) -> None:
    page.goto(live_server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 10
    assert page.outside == []
    shot(page, "docs")


def test_marker_popup_opens_the_event(page: Any, live_server: str, shot: Any) -> None:
    _open(page, live_server + "/#/?country=EGY")
    page.locator(".ev-marker").first.click()
    page.wait_for_selector(".leaflet-popup-content .popup")
    assert "Praise or endorse" in page.locator(".leaflet-popup-content").inner_text()
    page.click(".leaflet-popup-content a:has-text('Details')")
    page.wait_for_selector("#event-body .facts")
    assert "#/event/" in page.url and "country=EGY" in page.url  # the filter stays in the URL
    assert page.locator("#event-body mark.hl-source").inner_text() == "Egypt"


def test_clicking_an_actor_in_the_network_filters_everything(page: Any, live_server: str, shot: Any) -> None:
    _open(page, live_server + "/")
    page.locator("#network .node[data-id='RUSGOV'] circle").click()
    page.wait_for_function("() => location.hash.includes('actor=RUSGOV') && document.body.dataset.ready === '1'")
    assert page.locator("#events-table tbody tr").count() == 2
    assert page.input_value("input[name=actor]") == "RUSGOV"
    assert page.errors == []


def test_stories_page_lists_and_searches(page: Any, live_server: str, shot: Any) -> None:
    _open(page, live_server + "/#/stories")
    assert page.locator("#all-stories li").count() == 2
    page.fill("#story-search", "raqqa")
    page.wait_for_function("() => document.querySelectorAll('#all-stories li').length === 1")
    shot(page, "stories")
    page.click("#all-stories a")
    page.wait_for_function("() => location.hash.startsWith('#/story/') && document.body.dataset.ready === '1'")
    assert page.errors == []
