"""The shape of every YAML file under marsad/data/ (packs excepted: marsad.packs checks them).

`SCHEMAS` maps a file's path under data/ to its schema; `marsad.datafiles.load_data` reads
no file without one. To add a data file, add one line here:

    "lang/en/places.yaml": Record({"location_preps": WORDS, ...}),  # one file
    "lang/*/places.yaml": PLACES,  # that file in every language profile

A key may be a glob, matched segment by segment: `*`, `?` and `[...]` within one folder or
file name, `**` for any number of folders. A glob declares the shape of every file it
matches, present or future: `"lang/*/places.yaml": PLACES` covers each language's copy. An
exact path wins over a glob; among globs the first declared wins.

A schema is built from the combinators below, for example
`Record({"months": MapOf(IntRange(1, 12))}, optional={"note": STR})`. Each yields the
problems of a value as (path, message), the path in the form `months.january` or
`rules[3].acled`. Strings are strict: YAML reads unquoted `on`, `off`, `yes`, `no` as
booleans, and a schema says so rather than let `True` stand in a word list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from fnmatch import fnmatchcase
from typing import NamedTuple, get_args

from marsad.types import EventKind, Precision, Qualifier


class Problem(NamedTuple):
    path: str  # "months.january", "rules[3].acled"; "" for the whole file
    message: str


class Schema:
    """The shape of a YAML value. Subclasses say what they expect and check a value."""

    expected = "a value"

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.expected}>"


def _child(path: str, key: object) -> str:
    name = "null" if key is None else str(key)
    return f"{path}.{name}" if path else name


def _got(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"string {shown!r}"
    if isinstance(value, int | float):
        return f"number {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _wrong(expected: str, value: object, path: str) -> Problem:
    hint = ""
    if isinstance(value, bool) and "string" in expected:
        hint = " (YAML reads unquoted on/off/yes/no/true/false as booleans: quote the word)"
    return Problem(path, f"expected {expected}, got {_got(value)}{hint}")


class Str(Schema):
    """A string; with `pattern`, one that matches it whole."""

    def __init__(self, pattern: str | None = None, expected: str | None = None) -> None:
        self.pattern = re.compile(pattern) if pattern else None
        self.expected = expected or (f"a string matching {pattern}" if pattern else "a string")

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if not isinstance(value, str) or (
            self.pattern is not None and not self.pattern.fullmatch(value)
        ):
            yield _wrong(self.expected, value, path)


class Regex(Schema):
    """A string that compiles as a Python regular expression."""

    expected = "a regular expression"

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if not isinstance(value, str):
            yield _wrong("a regular expression string", value, path)
            return
        try:
            re.compile(value)
        except re.error as error:
            yield Problem(path, f"not a valid regular expression: {error}")


class IntRange(Schema):
    """An integer (never a boolean), optionally within [low, high]."""

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low, self.high = low, high
        if low is not None and high is not None:
            self.expected = f"an integer from {low} to {high}"
        elif low is not None:
            self.expected = f"an integer >= {low}"
        else:
            self.expected = "an integer"

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or (self.low is not None and value < self.low)
            or (self.high is not None and value > self.high)
        ):
            yield _wrong(self.expected, value, path)


class Probability(Schema):
    """A number from 0 to 1 (never a boolean)."""

    expected = "a number from 0 to 1"

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
            yield _wrong(self.expected, value, path)


class NumberRange(Schema):
    """A number (never a boolean) from low to high: a latitude, a longitude."""

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high
        self.expected = f"a number from {low:g} to {high:g}"

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if (not isinstance(value, int | float) or isinstance(value, bool)
                or not self.low <= value <= self.high):
            yield _wrong(self.expected, value, path)


class Null(Schema):
    expected = "null"

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if value is not None:
            yield _wrong(self.expected, value, path)


class Choice(Schema):
    """One of a fixed set of strings."""

    def __init__(self, *values: str) -> None:
        self.values = values
        self.expected = "one of " + ", ".join(values)

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if value not in self.values:
            yield _wrong(self.expected, value, path)


class AnyOf(Schema):
    """A value that fits at least one of the schemas."""

    def __init__(self, *options: Schema) -> None:
        self.options = options
        self.expected = " or ".join(o.expected for o in options)

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if all(any(True for _ in o.problems(value, path)) for o in self.options):
            yield _wrong(self.expected, value, path)


class ListOf(Schema):
    """A list whose every item fits `item`."""

    def __init__(self, item: Schema, *, min_items: int = 0) -> None:
        self.item, self.min_items = item, min_items
        self.expected = f"a list of {item.expected}"
        if min_items:
            self.expected = f"a list of at least {min_items} ({item.expected})"

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if not isinstance(value, list):
            yield _wrong(self.expected, value, path)
            return
        if len(value) < self.min_items:
            yield Problem(path, f"expected at least {self.min_items} items, got {len(value)}")
        for i, item in enumerate(value):
            yield from self.item.problems(item, f"{path}[{i}]")


class Tuple(Schema):
    """A list of fixed length, item i fitting items[i]: `[1, 10]`, `[day, -1]`."""

    def __init__(self, *items: Schema) -> None:
        self.items = items
        self.expected = "a list [" + ", ".join(i.expected for i in items) + "]"

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if not isinstance(value, list):
            yield _wrong(self.expected, value, path)
            return
        if len(value) != len(self.items):
            yield Problem(path, f"expected {len(self.items)} items, got {len(value)}")
            return
        for i, (schema, item) in enumerate(zip(self.items, value, strict=True)):
            yield from schema.problems(item, f"{path}[{i}]")


class MapOf(Schema):
    """A mapping with any keys that fit `key` (strings by default), each value `value`."""

    def __init__(self, value: Schema, *, key: Schema | None = None, min_items: int = 0) -> None:
        self.key = key or STR
        self.value, self.min_items = value, min_items
        self.expected = f"a mapping of {self.key.expected} to {value.expected}"

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield _wrong(self.expected, value, path)
            return
        if len(value) < self.min_items:
            yield Problem(path, f"expected at least {self.min_items} entries, got {len(value)}")
        for k, v in value.items():
            for problem in self.key.problems(k, ""):
                yield Problem(_child(path, k), f"bad key: {problem.message}")
            yield from self.value.problems(v, _child(path, k))


class Record(Schema):
    """A mapping with named keys: every required key, any optional ones, no others."""

    def __init__(
        self, required: Mapping[str, Schema], *, optional: Mapping[str, Schema] | None = None
    ) -> None:
        self.required = dict(required)
        self.optional = dict(optional or {})
        self.expected = "a mapping with keys " + ", ".join([*self.required, *self.optional])

    def problems(self, value: object, path: str = "") -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield _wrong(self.expected, value, path)
            return
        for name in self.required:
            if name not in value:
                yield Problem(path, f"missing key {name!r}")
        known = self.required | self.optional
        for k, v in value.items():
            schema = known.get(k) if isinstance(k, str) else None
            if schema is None:
                yield Problem(_child(path, k), f"unknown key (expected one of: {', '.join(known)})")
            else:
                yield from schema.problems(v, _child(path, k))


STR = Str()
INT = IntRange()
NULL = Null()
WORDS = ListOf(STR)  # a word or phrase list
COUNTRY = Str(r"[A-Z]{2}", "an ISO 3166 alpha-2 country code")
ADMIN1 = Str(r"[A-Z]{2}\.[0-9A-Z]+", "a GeoNames admin1 code (CC.code)")
LAT_LON = Tuple(NumberRange(-90, 90), NumberRange(-180, 180))
CASUALTY = Choice("killed", "injured")

# --- the files -----------------------------------------------------------------------------

# A trigger lexicon of one PLOVER category (lexicons/assault.yaml; extract/lexicon.py lists them):
# patterns by mode, "_" for none. Their syntax is checked by extract.lexicon.parse_pattern.
# `kind` is the category's; `mode_kinds` gives a mode another (a dismissal is a SANCTION
# incident, an imposed sanction a SANCTION statement).
TRIGGERS = Record(
    {
        "category": Str(r"[A-Z]+", "an upper-case PLOVER category"),
        "modes": MapOf(ListOf(STR, min_items=1), min_items=1),
    },
    optional={"kind": Choice(*get_args(EventKind)),
              "mode_kinds": MapOf(Choice(*get_args(EventKind)))},
)

NUMBERS = Record(
    {
        "units": MapOf(INT),
        "tens": MapOf(INT),
        "scales": MapOf(INT),
        "vague": MapOf(INT),
        "vague_need_context": WORDS,
        "qualifiers": MapOf(WORDS, key=Choice(*get_args(Qualifier))),
        "year_range": Tuple(INT, INT),
        "year_prepositions": WORDS,
        "currency_symbols": WORDS,
        "currency_words": WORDS,
        "percent_words": WORDS,
        "time_words": WORDS,
        "name_ok_before": WORDS,
        "label_before": WORDS,
        "casualty": MapOf(
            Record({"verbs": WORDS, "intransitive": WORDS, "nouns": WORDS, "of_nouns": WORDS}),
            key=Choice("killed", "injured", "casualties"),
        ),
        "between": WORDS,
        "auxiliaries": WORDS,
        "count_words": MapOf(INT),
        "count_adverbs": MapOf(INT),
        "object_pronouns": MapOf(INT),
        "not_people": WORDS,
        "plural_nouns": WORDS,
        "singular_s": WORDS,
        "np_stop": WORDS,
        "breakdown": WORDS,
        "tally_links": WORDS,
        **{name: WORDS for name in (
            "indefinite_articles", "scales_without_article", "number_and", "of_words",
            "conjunctions", "determiners", "singular_determiners", "as_well", "name_particles",
            "unit_suffixes", "percent_phrase", "clock_letters", "number_abbreviations", "one",
            "one_not_a_count_after", "one_not_a_count_before", "range_dashes", "range_or",
            "range_to", "range_from", "range_and", "range_between",
        )},
        "plural_ending": Record({"ending": STR, "except": WORDS}),
        "age_pattern": STR,
        "zero": Record(
            {
                "determiners": WORDS,
                "harmless_modifiers": WORDS,
                "nouns": MapOf(ListOf(CASUALTY, min_items=1)),
                "subjects": WORDS,
                "verbs": MapOf(ListOf(CASUALTY, min_items=1)),
            }
        ),
    }
)

DAY_OF_MONTH = IntRange(1, 31)
RELATIVE_UNIT = Choice(
    "day", "week", "week_to_date", "weekend", "month", "month_to_date", "year", "year_to_date"
)
TIME_WORDS = Record(
    {
        "months": MapOf(IntRange(1, 12), min_items=12),
        "ambiguous_months": WORDS,
        "weekdays": MapOf(IntRange(0, 6), min_items=7),
        "month_parts": MapOf(Tuple(DAY_OF_MONTH, DAY_OF_MONTH)),
        "relative": MapOf(Tuple(RELATIVE_UNIT, INT)),
        "units": MapOf(IntRange(1)),
        "small_numbers": MapOf(INT),
        "deadline_words": WORDS,
        "grammar": Record({name: WORDS for name in (
            "weekday_preps", "article", "ordinal_suffixes", "day_of_month", "month_part_shifts",
            "month_preps", "year_preps", "year_nouns", "offset_units", "offset_directions",
            "adjacent_words", "adjacent_units", "weekday_shifts", "day_parts", "clock_preps",
            "approximately", "since", "range_open", "range_join", "day_range_join",
        )}),
        "grammar_patterns": Record({"clock": STR, "time_zone": STR}),
        "shifts": MapOf(INT),
        "direction_synonyms": MapOf(STR),
    }
)
# How dates are resolved, whatever the language of the text.
DATES = Record({"month_part_point": MapOf(DAY_OF_MONTH), "future_tolerance_days": IntRange(0)})

ACLED_MAP = Record(
    {
        "rules": ListOf(
            Record(
                {"category": STR, "acled": Tuple(STR, STR)},
                optional={
                    "modes": ListOf(STR, min_items=1),
                    "context": ListOf(STR, min_items=1),
                    "target": Choice("armed", "civilian"),
                    "agent": STR,
                },
            ),
            min_items=1,
        )
    },
    optional={"armed_sectors": WORDS},
)

FURNITURE = Record(
    {}, optional={"anywhere": WORDS, "edges": WORDS, "edge_patterns": ListOf(Regex())}
)

ACTORS = Record(
    {
        name: WORDS
        for name in (
            "armed", "civilian", "crowd", "protester", "state_security", "government_words",
            "titles", "part_of",
        )
    },
    optional={"parties": WORDS},
)  # fmt: skip

ANTECEDENTS = Record(
    {"nouns": MapOf(ListOf(STR, min_items=1)), "group_words": WORDS, "determiners": WORDS}
)

FACTUALITY = Record(
    {
        name: WORDS
        for name in (
            "negation", "negating_verbs", "occurrence_verbs", "future", "future_verbs",
            "hypothetical", "hypothetical_verbs", "conditions", "preventing_verbs", "ahead",
            "free_choice", "free_choice_heads",
        )
    }
)  # fmt: skip

PLACES = Record(
    {
        **{name: WORDS for name in (
            "location_preps", "weak_preps", "never_preps", "place_of_nouns",
            "not_place_words", "designators", "name_connectors", "container_stop_words",
            "cause_words", "determiners", "never_toponyms", "capital_nouns", "destination_preps",
        )},
        "part_of_prep": STR,
    }
)  # fmt: skip

PROTEST_CONTEXT = Record({"excessive": WORDS, "violent": WORDS, "intervention": WORDS})

SPEECH = Record(
    {
        name: WORDS
        for name in (
            "report", "according", "claim", "claim_objects", "claim_predicates", "claim_acts",
            "self_pronouns", "denial", "denial_verbs", "denial_objects", "document_nouns",
        )
    }
)  # fmt: skip

NAME_RULES = Record(
    {
        name: WORDS
        for name in (
            "articles", "sun_articles", "admin_suffixes", "place_suffixes", "admin_prefixes",
        )
    },
    optional={"abbreviations": MapOf(STR), "part_prefixes": WORDS},
)  # fmt: skip

POINTS = NumberRange(-20, 20)
LINK_POINT_NAMES = (
    "same_mode", "related_mode", "other_mode", "other_category", "same_day",
    "overlapping_time", "time_gap_per_day", "same_place", "same_admin1", "same_country",
    "other_country_coarse", "near_place", "same_actor", "shared_actor", "same_killed",
    "close_killed", "other_killed", "same_injured", "close_injured", "other_injured",
    "same_document", "text", "text_floor", "same_weekday", "other_weekday",
)
# cross-source linking: thresholds, evidence points, place radii by precision, term weights
LINK = Record({
    "thresholds": Record({"merge": POINTS, "possible": POINTS}),
    "prior": POINTS,
    "mode_groups": ListOf(ListOf(STR, min_items=2)),
    "category_groups": ListOf(ListOf(STR, min_items=2)),
    "points": Record({name: POINTS for name in LINK_POINT_NAMES}),
    "radius_km": MapOf(NumberRange(0, 20000), key=Choice(*get_args(Precision))),
    "slack_km": NumberRange(0, 1000),
    "day_tolerance": IntRange(0, 30),
    "published_window_days": IntRange(0, 365),
    "series_start_days": IntRange(0, 365),
    "terms": Record({"common_zipf": NumberRange(0, 8), "lead_chars": IntRange(0),
                     "min_length": IntRange(1, 20),
                     "stem_length": IntRange(3, 40), "number_weight": NumberRange(0, 10),
                     "nationality_weight": NumberRange(0, 10)}),
})

SCHEMAS: dict[str, Schema] = {
    "acled_map.yaml": ACLED_MAP,
    "dates.yaml": DATES,
    "furniture.yaml": FURNITURE,
    "link.yaml": LINK,
    # wire datelines: the credits that may stand alone, the dashes, the longest dateline
    "wire.yaml": Record({"credits": ListOf(STR, min_items=1), "dashes": ListOf(STR, min_items=1),
                         "max_length": IntRange(10, 200)}),
    "gazetteer/admin1.yaml": MapOf(ListOf(STR, min_items=1), key=ADMIN1),
    "gazetteer/countries.yaml": MapOf(ListOf(STR, min_items=1), key=COUNTRY),
    "gazetteer/country_points.yaml": MapOf(LAT_LON, key=COUNTRY),
    # a region -> the units it lies in, and other spellings
    "gazetteer/regions.yaml": MapOf(Record({"in": ListOf(AnyOf(COUNTRY, ADMIN1), min_items=1)},
                                           optional={"aliases": ListOf(STR, min_items=1),
                                                     "at": LAT_LON})),
    # a feature above or beside the units (an ocean, a sea, a region of several countries)
    "gazetteer/features.yaml": MapOf(Record(
        {"kind": Choice("ocean", "sea", "lake", "delta", "mountains", "region"), "at": LAT_LON},
        optional={"aliases": ListOf(STR, min_items=1)})),
    # null: demonyms of no single country ("Kurdish", "Arab")
    "gazetteer/demonyms.yaml": MapOf(ListOf(STR, min_items=1), key=AnyOf(COUNTRY, NULL)),
    "gazetteer/feature_types.yaml": MapOf(WORDS, key=Choice(*get_args(Precision))),
    "gazetteer/names.yaml": NAME_RULES,
    # Language profiles (lang/<code>/): globs, so every language's copy is checked alike.
    "lang/*/numbers.yaml": NUMBERS,
    "lang/*/time_words.yaml": TIME_WORDS,
    "lang/*/discourse.yaml": Record({
        **{name: WORDS for name in (
            "crowd_pronouns", "not_name_words", "name_run_preps", "sentence_final",
            "attack_nouns", "toll_verbs", "discovery_verbs", "pluperfect_aux", "aux_deps",
            "arrest_words", "separate_words", "definite_words", "role_nouns",
            "participant_words", "talk_nouns", "purpose_deps",
        )},
        "parser": Record({name: WORDS for name in (
            "verb_pos", "base_verb_tags", "past_verb_tags", "plural_noun_tags",
        )}),
    }),
    "lang/*/truecase.yaml": Record({"title_words": WORDS, "dated_words": WORDS,
                                    "name_particles": WORDS,
                                    "acronym_max": IntRange(1), "always_upper": WORDS,
                                    "min_stem": IntRange(1)}),
    "lang/*/models.yaml": Record({"category_model": Record({
        "weights": Str(r"[\w.-]+\.npz", "a weights file name in data/models/"),
        "min_confidence": Probability(), "max_lexicon_probability": Probability(),
        "lexicon_keeps": ListOf(Str(r"[A-Z]+", "an upper-case PLOVER category"))})}),
    "lang/*/morphology.yaml": Record({
        "pos_classes": MapOf(WORDS), "irregular": MapOf(WORDS), "prefilter_endings": WORDS,
        "doubled_endings": WORDS, "suffixes": ListOf(Tuple(STR, STR)),
        "doubled_suffixes": WORDS, "stem_changes": ListOf(Tuple(STR, STR)),
        "min_stem": IntRange(1), "date_entities": WORDS,
    }),
    "lang/*/lexicons/actors.yaml": ACTORS,
    "lang/*/lexicons/antecedents.yaml": ANTECEDENTS,
    "lang/*/lexicons/factuality.yaml": FACTUALITY,
    "lang/*/lexicons/places.yaml": PLACES,
    "lang/*/lexicons/protest_context.yaml": PROTEST_CONTEXT,
    "lang/*/lexicons/speech.yaml": SPEECH,
    # weapon or means word -> mode or context tag ("heavy-weapons", "grenade")
    "lang/*/lexicons/weapons.yaml": MapOf(ListOf(STR, min_items=1)),
    # every other lexicon is the trigger lexicon of one category (assault.yaml, ...)
    "lang/*/lexicons/*.yaml": TRIGGERS,
    # closed-class words by the role they play in a rule ("pronouns", "light_verbs"): every
    # language gives every key
    "lang/*/words.yaml": Record({name: WORDS for name in (
            "person_pronouns", "group_pronouns", "pronouns", "first_person_pronouns",
            "reflexive_pronouns", "negative_pronouns", "drop_leading", "articles",
            "descriptor_stops",
            "anaphoric_determiners", "anaphoric_adjectives", "definite_determiners",
            "negative_determiners", "clauseless_triggers",
            "armed_words", "natural_causes", "accident_causes", "accident_words",
            "perception_verbs", "victim_nouns",
            "victim_heads", "perfect_aux_lemmas", "tally_phrases", "response_words",
            "unreal_adjectives",
            "series_nouns",
            "series_preps", "campaign_nouns", "period_phrases", "killing_verbs",
            "instrument_verbs", "delivery_verbs", "light_verbs", "act_maker_nouns",
            "result_verbs", "copula_lemmas", "going_to_lemmas", "responsibility_verbs",
            "claim_lemmas", "bare_denial_verbs", "distancing_verbs", "nothing_to_do_verbs",
            "nothing_to_do_objects", "responsibility_nouns", "responsibility_preps",
            "responsibility_objects", "repetition_lemmas", "repetition_forms",
            "licensing_preps", "cause_nouns", "cause_preps", "victim_of_preps",
            "target_preps", "nominal_target_preps", "partner_preps",
            "parties_preps", "paired_parties_preps", "addressee_preps", "vicinity_preps",
            "agent_preps", "grievance_preps", "name_extension_preps",
            "part_of_preps", "member_nouns", "era_abbreviations", "named_after_places",
            "acronym_connectors",
            "inside_preps", "source_preps", "according_heads", "according_preps",
            "privative_preps", "background_marks", "sequence_marks", "same_act_marks",
            "circumstance_preps", "time_frame_preps", "relative_words", "clause_negators",
    )}),
    # the parser's label sets by role ("subject_deps", "noun_pos"), in the scheme of the
    # language's model (case kept): every language gives every key
    "lang/*/parser.yaml": Record({name: WORDS for name in (
            "verb_pos", "lexical_verb_pos", "noun_pos", "common_noun_pos", "proper_noun_pos",
            "number_pos", "content_pos", "pronoun_pos", "adposition_pos", "actor_head_pos",
            "leading_drop_pos",
            "descriptive_pos", "attributive_pos", "plural_tags", "plural_noun_tag", "past_tags",
            "past_tense_tag", "present_tense_tags", "gerund_tag", "infinitive_tag",
            "past_participle_tag", "wh_tags",
            "capital_of_deps",
            "place_entities", "area_entities",
            "actor_name_entities",
            "group_entities", "nationality_entities", "person_entities", "agent_entities",
            "root_dep", "active_subject_deps", "passive_subject_deps", "subject_deps",
            "nominal_subject_dep", "object_deps", "direct_object_dep", "passive_aux_deps",
            "auxiliary_deps", "preposition_deps", "prep_dep", "prep_complement_deps",
            "prep_object_dep", "prep_clause_dep", "governed_verb_deps", "conj_dep",
            "negation_dep", "adverb_dep", "determiner_dep", "determiner_deps", "possessor_dep",
            "mark_dep", "adjective_dep", "appos_dep", "punct_dep", "attribute_dep",
            "expletive_dep", "adverbial_clause_dep", "clausal_modifier_dep",
            "relative_clause_deps", "count_deps", "count_adverb_deps", "actor_modifier_deps",
            "modifier_deps", "nominal_modifier_deps", "owner_deps", "attributive_deps",
            "descriptive_deps", "own_clause_deps", "fold_deps", "argument_deps",
            "acted_on_deps", "clausal_deps", "content_deps", "carrier_deps", "predicate_deps",
            "place_clause_deps", "place_left_modifier_deps", "place_trim_pos", "name_part_deps",
            "flat_name_deps", "time_modifier_deps",
    )}),
}


def _is_glob(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


def _segments_match(pattern: list[str], name: list[str]) -> bool:
    if not pattern:
        return not name
    if pattern[0] == "**":
        return any(_segments_match(pattern[1:], name[i:]) for i in range(len(name) + 1))
    return (
        bool(name) and fnmatchcase(name[0], pattern[0]) and _segments_match(pattern[1:], name[1:])
    )


def matches(pattern: str, name: str) -> bool:
    """Whether a SCHEMAS key covers a data file: "lang/*/places.yaml", "lang/en/places.yaml"."""
    if not _is_glob(pattern):
        return pattern == name
    return _segments_match(pattern.split("/"), name.split("/"))


def schema_for(name: str, schemas: Mapping[str, Schema] | None = None) -> Schema | None:
    """The schema declared for a data file (a path under data/), or None."""
    table = SCHEMAS if schemas is None else schemas
    exact = table.get(name)
    if exact is not None:
        return exact
    return next((s for p, s in table.items() if _is_glob(p) and matches(p, name)), None)
