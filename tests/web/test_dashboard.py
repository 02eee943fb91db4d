"""The dashboard in a real browser: map, timeline, table, filters in the URL, event page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_the_map_shows_markers_over_country_outlines(desktop) -> None:
    page = desktop.open("/")
    page.wait_for_selector("#map circle.marker")
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map circle.marker").count() > 50
    assert "located events" in page.locator(".map-note").inner_text()
    desktop.screenshot("desktop-overview")


def test_the_timeline_has_bars_and_a_bar_filters_by_its_day(desktop, server) -> None:
    page = desktop.open("/")
    bars = page.locator("#timeline rect.bar")
    assert bars.count() > 20
    group = page.locator("#timeline .bar-group").nth(3)
    day = group.get_attribute("data-start")
    group.click()
    desktop.wait_for(f"location.search.includes('since={day}')")
    assert query(page)["since"] == [day] and query(page)["until"] == [day]
    # Every row now overlaps that day (a range "A – B" may start before it).
    desktop.wait_for(
        "[...document.querySelectorAll('#events tbody .c-what a')].every("
        f"a => a.textContent.startsWith('{day}') || a.textContent.includes('–'))"
    )
    assert page.locator("#events tbody tr.event-row").count() > 0


def test_a_filter_changes_the_table_and_the_url(desktop) -> None:
    page = desktop.open("/")
    total = page.locator("#count").inner_text()
    page.select_option("select[name=category]", "PROTEST")
    desktop.wait_for("location.search.includes('category=PROTEST')")
    desktop.wait_for(f"document.querySelector('#count').textContent !== {total!r}")
    categories = page.locator("#events tbody .c-what .category").all_inner_texts()
    assert categories and {c.strip() for c in categories} == {"PROTEST"}
    page.fill("input[name=q]", "Erbil")
    page.click("#filters button[type=submit]")
    desktop.wait_for("location.search.includes('q=Erbil')")
    # The table reloads after the URL changes: wait for the new rows, not the old ones.
    desktop.wait_for(
        "(() => { const s = [...document.querySelectorAll('#events tbody .c-evidence .sentence')];"
        " return s.length > 0 && s.every(e => e.textContent.includes('Erbil')); })()"
    )
    sentences = page.locator("#events tbody .c-evidence .sentence").all_inner_texts()
    assert sentences and all("Erbil" in s for s in sentences)
    # The URL is the view: opening it afresh shows the same rows.
    shared = page.url
    fresh = desktop.page.context.new_page()
    fresh.goto(shared)
    fresh.wait_for_selector("body[data-ready='true']")
    assert fresh.locator("#events tbody .c-evidence .sentence").all_inner_texts() == sentences
    assert fresh.input_value("select[name=category]") == "PROTEST"
    fresh.close()
    page.go_back()
    desktop.wait_for("!location.search.includes('q=Erbil')")
    desktop.screenshot("desktop-filtered")


def test_clicking_an_event_opens_its_evidence(desktop, server) -> None:
    page = desktop.open("/?q=Nujaba")  # an event the pipeline read from the example corpus
    page.locator("#events tbody tr.event-row .c-who").first.click()
    page.wait_for_selector("#event-view mark.evidence")
    event_id = query(page)["event"][0]
    event = httpx.get(f"{server}/api/events/{event_id}").json()
    marks = page.locator("#article-text mark.evidence")
    assert marks.count() > 0
    shown = set(marks.all_inner_texts())
    assert {f["text"] for f in event["field_evidence"]} & shown
    assert event["evidence"]["text"].split()[0] in page.locator("#article-text").inner_text()
    rows = page.locator(".field-row.has-evidence")
    assert rows.count() >= 2
    field = rows.first.get_attribute("data-field")
    rows.first.hover()
    assert page.locator(f"mark.active[data-fields~='{field}']").count() > 0
    desktop.screenshot("desktop-event")
    page.click("a.back")
    page.wait_for_selector("#overview:not([hidden])")
    assert "event" not in query(page)


def test_a_map_marker_opens_its_event(desktop) -> None:
    page = desktop.open("/")
    marker = page.locator("#map circle.marker").last
    marker_id = marker.get_attribute("data-id")
    marker.click()
    page.wait_for_selector("#event-view mark.evidence, #event-view .article-text")
    assert query(page)["event"] == [marker_id]


def test_on_a_phone_everything_fits_the_width(phone) -> None:
    page = phone.open("/")
    page.wait_for_selector("#map circle.marker")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("#timeline rect.bar").count() > 20
    assert page.locator("#map").bounding_box()["width"] > 300
    phone.screenshot("phone-overview")
    page.locator("#events tbody tr.event-row .c-who").first.click()
    page.wait_for_selector("#event-view mark.evidence")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot("phone-event", full_page=True)


def test_the_api_docs_render_offline_under_the_csp(desktop) -> None:
    page = desktop.page
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto(desktop.base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert blocked == []


def test_incidents_series_and_stances_show_under_the_overview(desktop, server) -> None:
    page = desktop.open("/")
    page.wait_for_selector("#incidents article.incident, #incidents p.hint")
    listed = httpx.get(f"{server}/api/incidents", params={"min_reports": 2}).json()
    assert page.locator("#incidents article.incident").count() == min(listed["total"], 20)
    # the example articles: "over 70" (Shafaq News) then "more than 110" (Baghdad Today)
    charts = page.locator("#series figure.series")
    labels = [chart.locator(".series-point text:not(.axis)").evaluate_all(
        "nodes => nodes.map(n => n.textContent)") for chart in charts.all()]
    assert ["≥ 70", "≥ 110"] in labels
    assert charts.first.locator("circle").count() >= 2
    positions = set(page.locator("#stances .stance").evaluate_all(
        "nodes => nodes.map(n => n.classList.contains('for') ? 'for' : 'against')"))
    assert positions == {"for", "against"}
    desktop.screenshot("desktop-links", full_page=True)


def test_an_incident_page_sets_its_sources_side_by_side(desktop, server) -> None:
    listed = httpx.get(f"{server}/api/incidents", params={"min_reports": 2}).json()
    assert listed["items"], "the demo store holds reports of one act by several documents"
    incident = listed["items"][0]
    page = desktop.open("/")
    page.locator(f"#incidents article[data-id='{incident['id']}'] a").click()
    page.wait_for_selector("#incident-view table.incident-fields")
    assert query(page)["incident"] == [incident["id"]]
    outlets = page.locator("#incident-view th.outlet").count()
    assert outlets == len(incident["reports"]) >= 2
    resolved = page.locator("#incident-view tr:has(th:text-is('killed')) td.resolved")
    assert resolved.inner_text() == ("—" if incident["killed"] is None else str(incident["killed"]))
    page.click("#incident-view a.back")
    page.wait_for_selector("#overview:not([hidden])")
