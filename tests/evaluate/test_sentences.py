from marsad.evaluate.sentences import sentence_around, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_splits_on_terminal_punctuation() -> None:
    assert sentences("Rockets hit Baghdad. Two died! Who fired? Nobody knows.") == [
        "Rockets hit Baghdad.",
        "Two died!",
        "Who fired?",
        "Nobody knows.",
    ]


def test_initialisms_and_abbreviations_do_not_end_a_sentence() -> None:
    text = "The U.S. forces struck on Dec. 8 near Mt. Sinjar. Gen. Smith said so."
    assert sentences(text) == [
        "The U.S. forces struck on Dec. 8 near Mt. Sinjar.",
        "Gen. Smith said so.",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = 'He said, "We condemn these attacks." The minister left. “It ends,” he added.'
    assert sentences(text) == [
        'He said, "We condemn these attacks."',
        "The minister left.",
        "“It ends,” he added.",
    ]


def test_lower_case_continuation_is_not_a_boundary() -> None:
    assert sentences("Troops (approx. three hundred) left. Then calm.") == [
        "Troops (approx. three hundred) left.",
        "Then calm.",
    ]
    assert sentences("It was about 5 p.m. local time.") == ["It was about 5 p.m. local time."]


def test_newlines_are_paragraph_breaks() -> None:
    text = "A headline without a stop\n\n  Body text here. More body\nLast line"
    assert sentences(text) == [
        "A headline without a stop",
        "Body text here.",
        "More body",
        "Last line",
    ]


def test_acled_note_tail_is_its_own_sentence() -> None:
    text = "On 23 February 2022, locals killed a thief in Kongo (Oyam, Northern). [size=no report]"
    assert sentences(text) == [
        "On 23 February 2022, locals killed a thief in Kongo (Oyam, Northern).",
        "[size=no report]",
    ]


def test_sentence_around_evidence_and_across_sentences() -> None:
    text = "First one. The US embassy was hit by rockets. Third one."
    at = text.index("embassy")
    spans = sentence_spans(text)
    s, e = sentence_around(spans, at, at + 7)
    assert text[s:e] == "The US embassy was hit by rockets."
    s, e = sentence_around(spans, text.index("rockets"), text.index("Third") + 5)
    assert text[s:e] == "The US embassy was hit by rockets. Third one."
