"""Furniture removal on made-up articles in the style of scraped wire reports."""

from __future__ import annotations

from marsad.clean.furniture import strip_furniture
from marsad.clean.whitespace import normalise

TITLE = "Interior ministry urges protection for foreign missions in Erbil"
PARA_1 = (
    "The interior minister of the Kurdistan Region urged federal authorities on Monday to "
    "protect diplomatic missions after a drone attack near the airport."
)
PARA_2 = "He said the attacks threaten the stability of the region and of Iraq as a whole."
BODY = f"{PARA_1}\n\n{PARA_2}"


def strip(text: str, title: str | None = None):
    return strip_furniture(normalise(text), title)


def test_doubled_title_becomes_the_title() -> None:
    result = strip(f"{TITLE}\n\n{TITLE}\n\n{BODY}")
    assert result.title == TITLE
    assert result.text == BODY


def test_given_title_repeated_at_the_start_is_removed() -> None:
    result = strip(f"{TITLE}\n{TITLE} - Example Wire\n\n{BODY}", title=TITLE)
    assert result.text == BODY
    assert result.title == TITLE


def test_title_is_not_removed_from_the_middle() -> None:
    text = f"{PARA_1}\n\n{TITLE}\n\n{PARA_2}"
    assert strip(text, title=TITLE).text == text


def test_trailing_furniture_and_repeated_short_lines() -> None:
    text = (
        f"{BODY}\n\nEbla Live\nEbla Live\nRadio radio icon\nShare this:\n"
        "Read more: Rockets hit Baghdad airport\n© 2024 Ebla Media. All rights reserved."
    )
    assert strip(text).text == BODY


def test_short_last_line_that_is_not_repeated_is_kept() -> None:
    text = f"{BODY}\n\nEbla Live"
    assert strip(text).text == text


def test_ads_inside_the_body_are_removed() -> None:
    assert strip(f"{PARA_1}\n\nAdvertisement\n\n{PARA_2}").text == BODY


def test_slash_lead_in_is_kept_and_names_the_source() -> None:
    text = f"Ebla News / {PARA_1}\n\n{PARA_2}"
    result = strip(text)
    assert result.text == text
    assert result.source == "Ebla News"


def test_agency_lead_in_names_the_source() -> None:
    text = f"ERBIL, Jan 8 (Example Agency) - {PARA_1}"
    result = strip(text)
    assert result.text == text
    assert result.source == "Example Agency"


def test_site_dateline_line_is_removed_and_names_the_source() -> None:
    result = strip(f"Levant Today – Damascus\n{PARA_1}\n{PARA_2}")
    assert result.text == f"{PARA_1}\n{PARA_2}"
    assert result.source == "Levant Today"


def test_arabic_site_dateline() -> None:
    body = "قال مصدر أمني إن طائرة مسيرة استهدفت سيارة قرب الحدود السورية صباح اليوم."
    result = strip(f"بغداد اليوم - بغداد\n{body}")
    assert result.text == body
    assert result.source == "بغداد اليوم"


def test_a_headline_with_a_dash_is_not_a_dateline() -> None:
    line = "Iraq – Drone strike kills two fighters near the Syrian border"
    assert strip(f"{line}\n{PARA_1}").text.startswith(line)


def test_url_line_at_the_end_becomes_the_url() -> None:
    result = strip(f"{BODY}\nhttps://wire.example/2024/01/08/erbil-missions\n")
    assert result.text == BODY
    assert result.url == "https://wire.example/2024/01/08/erbil-missions"


def test_url_line_followed_by_the_next_headline() -> None:
    text = f"{BODY}\nhttps://wire.example/articles/3301234-erbil-missions\nNext: Rockets hit base"
    result = strip(text)
    assert result.text == BODY
    assert result.url == "https://wire.example/articles/3301234-erbil-missions"


def test_headline_glued_to_the_url() -> None:
    text = f"{BODY}\nhttps://wire.example/articles/3301234Rockets hit Ain al-Asad base"
    result = strip(text)
    assert result.text == BODY
    assert result.url == "https://wire.example/articles/3301234"


def test_url_glued_to_the_last_sentence() -> None:
    result = strip(f"{PARA_1}\n\n{PARA_2}https://wire.example/a/1")
    assert result.text == BODY
    assert result.url == "https://wire.example/a/1"


def test_url_line_at_the_start() -> None:
    result = strip(f"https://wire.example/a/2\n\n{TITLE}\n{TITLE}\n\n{BODY}")
    assert (result.url, result.title, result.text) == ("https://wire.example/a/2", TITLE, BODY)


def test_url_inside_a_sentence_stays() -> None:
    text = f"{PARA_1} The statement is at https://gov.example/statement and in Arabic.\n\n{PARA_2}"
    result = strip(text)
    assert result.text == text and result.url is None


def test_headline_paragraph_and_markdown_heading() -> None:
    assert strip(f"Drone attack near Erbil airport\n\n{BODY}").title == (
        "Drone attack near Erbil airport"
    )
    assert strip(f"# Drone attack near Erbil airport\n\n{BODY}").text == BODY
    # a first paragraph that is a sentence is body text, not a headline
    assert strip(BODY).title is None


def test_whitespace_normalisation() -> None:
    text = "Cafe\u0301  in\u00a0Erbil\t said\r\n\r\n\r\n\r\nSecond\u200b paragraph  "
    assert normalise(text) == "Café in Erbil said\n\nSecond paragraph"
