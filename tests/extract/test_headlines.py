"""A headline restates the lead: one event, evidenced by the body sentence that tells it."""

from __future__ import annotations

from datetime import date

import pytest

from marsad import events

PUBLISHED = date(2004, 10, 19)


@pytest.mark.parametrize(
    ("text", "category", "lead_starts"),
    [
        ("Spain arrests eight over plot to bomb court\n"
         "A terrorist attack aimed at the national court in Madrid seems to have been foiled "
         "by the arrest in the past two days of eight alleged radical Islamists.",
         "COERCE", "A terrorist attack"),
        ("Chinese engineers kidnapped in Pakistan\n"
         "ISLAMABAD - Tribal elders are negotiating with the kidnappers of two Chinese "
         "engineers to secure their release, a government spokesman said Sunday.",
         "ASSAULT", "Tribal elders"),
        ("Police arrest five over bomb plot\n"
         "Police in Madrid detained five men suspected of plotting a bombing on Tuesday.",
         "COERCE", "Police in Madrid"),
    ],
)
def test_the_headline_act_is_one_event_told_by_the_lead(
    text: str, category: str, lead_starts: str
) -> None:
    found = [e for e in events(text, published=PUBLISHED) if e.category == category]
    assert len(found) == 1, found
    assert found[0].evidence.text.startswith(lead_starts)


def test_a_headline_with_no_body_keeps_its_own_evidence() -> None:
    (event,) = events("Gunmen kill two policemen in Kirkuk", published=PUBLISHED)
    assert event.evidence.text == "Gunmen kill two policemen in Kirkuk"
