"""Article text is untrusted: script tags, javascript: links and onerror images in an
article's title, text, names and URL must show as text and never run."""

from __future__ import annotations

from synthetic_store import HOSTILE_LINK, HOSTILE_SCRIPT, HOSTILE_TITLE

INJECTED = (
    "#event-view script, #event-view img, #event-view iframe, #event-view svg[onload], "
    "#event-view [onerror], #event-view [onclick], #event-view [onmouseover], "
    "#event-view a[href^='javascript'], main img, main script, main [onerror]"
)


def assert_inert(tab) -> None:
    page = tab.page
    page.wait_for_timeout(300)  # let an onerror handler fire, if one had been created
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(INJECTED).count() == 0
    assert tab.dialogs == []


def test_the_hostile_event_page_shows_the_markup_as_text(desktop_any_csp, demo_store) -> None:
    desktop = desktop_any_csp
    _, info = demo_store
    page = desktop.open(f"/?event={info['hostile_event']}")
    page.wait_for_selector("#article-title")
    assert page.locator("#article-title").text_content() == HOSTILE_TITLE
    article = page.locator("#article-text").text_content()
    assert HOSTILE_SCRIPT in article and HOSTILE_LINK in article
    marks = page.locator("#article-text mark.evidence").all_text_contents()
    assert HOSTILE_SCRIPT in marks and HOSTILE_LINK in marks
    # The javascript: URL of the article is shown, not linked.
    assert page.locator(".unsafe-url").text_content().startswith("javascript:")
    assert page.locator("a.original").count() == 0
    # Poke everything that would fire a handler.
    for mark in page.locator("#article-text mark.evidence").all():
        mark.hover()
        mark.click()
    page.locator(".field-row").first.hover()
    assert_inert(desktop)
    desktop.screenshot("desktop-hostile-event")


def test_the_hostile_rows_in_the_overview_stay_inert(desktop_any_csp) -> None:
    desktop = desktop_any_csp
    page = desktop.open("/?q=militants%20rockets")
    page.wait_for_selector("#events tbody tr.event-row")
    actors = page.locator("#events tbody .c-who .actors").all_text_contents()
    assert any("<svg onload" in text and "javascript:" in text for text in actors)
    page.locator("#events tbody .c-who .actors").first.hover()
    assert_inert(desktop)
