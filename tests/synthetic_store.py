"""Hand-made documents and events for the API, export and browser tests.

Real records saved through Store.save (no mocks): enough located, dated events in Iraq and
Syria for the map and the timeline to have something to show, each with evidence offsets
that point at its words in its document — and one hostile article for the XSS tests.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from marsad.store import Store
from marsad.types import (
    ActorRef,
    Attribution,
    Document,
    Event,
    FieldEvidence,
    PlaceRef,
    Quantity,
    Span,
    When,
    content_hash,
)

PLACES = [
    ("baghdad", "Baghdad", 33.31, 44.36, "Baghdad", "IQ"),
    ("erbil", "Erbil", 36.19, 44.01, "Erbil", "IQ"),
    ("mosul", "Mosul", 36.34, 43.13, "Nineveh", "IQ"),
    ("kirkuk", "Kirkuk", 35.47, 44.39, "Kirkuk", "IQ"),
    ("basra", "Basra", 30.51, 47.78, "Basra", "IQ"),
    ("ain-al-asad", "Ain al-Asad air base", 33.80, 42.44, "Anbar", "IQ"),
    ("fallujah", "Fallujah", 33.35, 43.78, "Anbar", "IQ"),
    ("deir-ez-zor", "Deir ez-Zor", 35.34, 40.14, "Deir ez-Zor", "SY"),
    ("al-tanf", "al-Tanf garrison", 33.50, 38.62, "Homs", "SY"),
    ("damascus", "Damascus", 33.51, 36.29, "Damascus", "SY"),
    ("aleppo", "Aleppo", 36.20, 37.16, "Aleppo", "SY"),
    ("raqqa", "Raqqa", 35.95, 39.01, "Raqqa", "SY"),
]
ACTORS = [
    ActorRef("the Islamic Resistance in Iraq", "iri", "Islamic Resistance in Iraq", "militia"),
    ActorRef("Kataib Hezbollah", "kataib-hezbollah", "Kataib Hezbollah", "militia", "IQ"),
    ActorRef("Islamic State militants", "isis", "Islamic State", "insurgent"),
    ActorRef("Iraqi security forces", "iq-security", "Iraqi Security Forces", "security", "IQ"),
    ActorRef("US forces", "us-forces", "United States Armed Forces", "military", "US"),
]
TARGETS = [
    ActorRef("US forces", "us-forces", "United States Armed Forces", "military", "US"),
    ActorRef("a convoy", None, None, None),
    ActorRef("civilians", "civilians", "Civilians", "civilian"),
    ActorRef("an army checkpoint", "iq-army", "Iraqi Army", "military", "IQ"),
]
VIOLENCE = [  # verb, PLOVER mode, ACLED type, sub-type
    ("struck", "drone", "Explosions/Remote violence", "Air/drone strike"),
    ("shelled", "heavy-weapons", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("bombed", "explosives", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("attacked", "firearms", "Battles", "Armed clash"),
]
START = date(2023, 10, 17)


def make_document(
    text: str, *, title: str, url: str | None, published: date, source: str = "Synthetic Wire"
) -> Document:
    digest = content_hash(text)
    return Document(
        id=Document.make_id(digest),
        url=url,
        source=source,
        title=title,
        published=published,
        lang="en",
        text=text,
        raw_format="text",
        fetched_at=datetime(2024, 1, 8, 6, 0, tzinfo=UTC),
        content_hash=digest,
        origin="synthetic",
        published_from="metadata",
    )


def span_of(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def _violent(
    rng: random.Random,
    day: date,
    offset: int,
    text: str,
    sentence: str,
    actor: ActorRef,
    target: ActorRef,
    place: tuple,
    verb: tuple,
    killed: int | None,
    injured: int | None,
) -> Event:
    place_id, name, lat, lon, admin1, country = place
    where = PlaceRef(
        name,
        place_id,
        name,
        lat + rng.uniform(-0.05, 0.05),
        lon + rng.uniform(-0.05, 0.05),
        admin1,
        country,
        "city",
    )
    start = offset
    evidence = Span(start, start + len(sentence), sentence)
    fields = [
        FieldEvidence("trigger", span_of(text, verb[0], start)),
        FieldEvidence("actor1", span_of(text, actor.text, start)),
        FieldEvidence("actor2", span_of(text, target.text, start)),
        FieldEvidence("where", span_of(text, name, start)),
        FieldEvidence("when", span_of(text, day.strftime("%B %d"), start)),
    ]
    if killed is not None:
        fields.append(FieldEvidence("killed", span_of(text, f"killing {killed}", start)))
    if injured is not None:
        fields.append(FieldEvidence("injured", span_of(text, f"wounding {injured}", start)))
    return Event(
        kind="incident",
        category="ASSAULT",
        evidence=evidence,
        mode=verb[1],
        acled_type=verb[2],
        acled_subtype=verb[3],
        actors=(actor,),
        recipients=(target,),
        where=where,
        when=When(day, precision="day", how="date in the sentence"),
        killed=Quantity(killed) if killed is not None else None,
        injured=Quantity(injured) if injured is not None else None,
        said_by=Attribution(ActorRef("security sources")),
        field_evidence=tuple(fields),
        confidence=round(rng.uniform(0.55, 0.95), 2),
    )


def synthetic_documents(count: int = 60, seed: int = 7) -> list[tuple[Document, list[Event]]]:
    """count documents of two or three events each, over about three months."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        day = START + timedelta(days=rng.randrange(0, 90))
        parts: list[str] = []
        specs = []
        for _ in range(rng.randint(2, 3)):
            actor, target = rng.choice(ACTORS), rng.choice(TARGETS)
            place, verb = rng.choice(PLACES), rng.choice(VIOLENCE)
            killed = rng.choice([None, 0, 1, 2, 3, 5, 8, 12])
            injured = rng.choice([None, None, 1, 4, 9])
            toll = ""
            if killed is not None:
                toll += f", killing {killed}"
            if injured is not None:
                toll += (
                    f" and wounding {injured}" if killed is not None else f", wounding {injured}"
                )
            sentence = (
                f"On {day.strftime('%B %d')}, {actor.text} {verb[0]} {target.text} "
                f"near {place[1]}{toll}, security sources said."
            )
            specs.append(
                (
                    len(" ".join(parts)) + (1 if parts else 0),
                    sentence,
                    actor,
                    target,
                    place,
                    verb,
                    killed,
                    injured,
                )
            )
            parts.append(sentence)
        protest_place = rng.choice(PLACES)
        protest = f"Hundreds protested in {protest_place[1]} on {day.strftime('%B %d')}."
        parts.append(protest)
        tally = f"There have been more than {40 + n} attacks on US forces since October 17."
        if n % 4 == 0:
            parts.append(tally)
        text = " ".join(parts) + f"\n\nReport number {n}."
        events = [
            _violent(rng, day, offset, text, sentence, actor, target, place, verb, k, i)
            for offset, sentence, actor, target, place, verb, k, i in specs
        ]
        start = text.index(protest)
        events.append(
            Event(
                kind="incident",
                category="PROTEST",
                evidence=Span(start, start + len(protest), protest),
                acled_type="Protests",
                acled_subtype="Peaceful protest",
                actors=(ActorRef("Hundreds", sector="civilian"),),
                where=PlaceRef(
                    protest_place[1],
                    protest_place[0],
                    protest_place[1],
                    protest_place[2],
                    protest_place[3],
                    protest_place[4],
                    protest_place[5],
                    "city",
                ),
                when=When(day, precision="day", how="date in the sentence"),
                field_evidence=(FieldEvidence("trigger", span_of(text, "protested", start)),),
                confidence=0.7,
            )
        )
        if n % 4 == 0:
            start = text.index(tally)
            events.append(
                Event(
                    kind="aggregate",
                    category="ASSAULT",
                    evidence=Span(start, start + len(tally), tally),
                    recipients=(TARGETS[0],),
                    when=When(START, day, "range", "since October 17"),
                    count=Quantity(40 + n, "more_than"),
                    field_evidence=(
                        FieldEvidence("count", span_of(text, f"more than {40 + n}", start)),
                    ),
                    confidence=0.8,
                )
            )
        doc = make_document(
            text,
            title=f"Attacks reported on {day:%d %B %Y} ({n})",
            url=f"https://wire.example/{n}",
            published=day + timedelta(days=1),
        )
        out.append((doc, events))
    return out


HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Rockets <script>window.__pwned=2</script>'
HOSTILE_SCRIPT = "<script>window.__pwned=3;alert('xss')</script>"
HOSTILE_LINK = '<a href="javascript:window.__pwned=4">click here</a>'
HOSTILE_IMG = '<img src=x onerror="window.__pwned=5;alert(5)">'
HOSTILE_TEXT = (
    f"Militants {HOSTILE_SCRIPT} fired rockets at the base in Erbil on January 03, killing 2. "
    f"Read more: {HOSTILE_LINK} and {HOSTILE_IMG} tonight."
)


def hostile_document() -> tuple[Document, list[Event]]:
    """An article whose title, text, names and URL carry script, handlers and js: links."""
    text = HOSTILE_TEXT
    sentence = text[: text.index("Read more")].strip()
    actor = ActorRef(
        '<b onmouseover="window.__pwned=7">Militants</b>',
        "hostile-actor",
        '<svg onload="window.__pwned=8">',
        "militia",
    )
    event = Event(
        kind="incident",
        category="ASSAULT",
        evidence=Span(0, len(sentence), sentence),
        mode="heavy-weapons",
        acled_type="Explosions/Remote violence",
        acled_subtype="Shelling/artillery/missile attack",
        actors=(actor,),
        recipients=(ActorRef(HOSTILE_LINK),),
        where=PlaceRef("Erbil", "erbil", "Erbil", 36.19, 44.01, "Erbil", "IQ", "city"),
        when=When(date(2024, 1, 3), precision="day", how=HOSTILE_IMG),
        killed=Quantity(2),
        field_evidence=(
            FieldEvidence("actor1", span_of(text, HOSTILE_SCRIPT)),
            FieldEvidence("where", span_of(text, "Erbil")),
            FieldEvidence("killed", span_of(text, "killing 2")),
            FieldEvidence("actor2", span_of(text, HOSTILE_LINK)),
            FieldEvidence("said_by", span_of(text, HOSTILE_IMG)),
        ),
        confidence=0.6,
    )
    doc = make_document(
        text,
        title=HOSTILE_TITLE,
        url="javascript:window.__pwned=6",
        published=date(2024, 1, 4),
        source='<i onclick="x()">Evil Wire</i>',
    )
    return doc, [event]


def fill(store: Store, count: int = 60) -> dict[str, int]:
    """Save the synthetic documents and the hostile one; the hostile event's id comes back."""
    for doc, events in synthetic_documents(count):
        store.save(doc, events)
    doc, events = hostile_document()
    store.save(doc, events)
    from marsad.store import EventFilters

    hostile = store.events(EventFilters(document_id=doc.id))[0].id
    return {"hostile_event": hostile}
