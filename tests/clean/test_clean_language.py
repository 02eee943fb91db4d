from __future__ import annotations

from marsad.clean.language import detect_language


def test_english() -> None:
    text = "Rockets struck a military base hosting US troops in western Iraq on Sunday."
    assert detect_language(text) == "en"


def test_arabic() -> None:
    text = "استهدفت طائرة مسيرة مقرا لفصيل مسلح في بغداد صباح اليوم الخميس"
    assert detect_language(text) == "ar"


def test_french() -> None:
    text = "Des roquettes ont frappé une base militaire abritant des soldats américains."
    assert detect_language(text) == "fr"


def test_too_short_or_no_letters() -> None:
    assert detect_language("ok") is None
    assert detect_language("12345 — 67890 !!! 2024-01-06") is None
