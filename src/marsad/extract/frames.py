"""Event frames in one parsed sentence: trigger, category, mode, roles, kind, factuality.

From the lexicon matches of a sentence:
1. fold triggers that describe one act ("US strikes targeted", "shot and killed", "drone and
   rocket attacks") into one frame, the weapon words fixing the mode;
2. keep only triggers that report an act (licensing.py);
3. read the roles from the parse (roles.py), the count ("over 70 attacks", "struck twice")
   and the speaker of statements (attribution.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.analyse import Sentence, Token
from marsad.context import Context
from marsad.extract import lexicon, licensing, roles, tree
from marsad.extract.attribution import (
    Attributed,
    a_condition,
    attribution,
    conditioned,
    governing_report,
)
from marsad.extract.attribution import factuality as attribution_factuality
from marsad.extract.lexicon import TriggerMatch
from marsad.extract.mentions import actor_phrase, weapon_modes
from marsad.extract.numbers import find_numbers
from marsad.types import Mention, Quantity, Span

INCIDENT_CATEGORIES = frozenset({"ASSAULT", "PROTEST"})
# Statement categories whose complement is their content (what was demanded, condemned...).
DIRECTIVE = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "REJECT", "THREATEN", "AGREE", "CONCEDE"})
# ... of which these assert that the act they are about happened ("condemned the beheading of
# hostage X", "apologized for killing": the act is an event; "demanded an end to the strikes":
# not the strikes).
ASSERTING = frozenset({"ACCUSE", "CONCEDE"})
# Statements a participle with its speaker tells as said ("a commander accused by comrades of
# ..."); "troops backed by gunships" is no statement.
SPOKEN = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT"})
# Answers that a condition ("unless X agreed", "if Y accepts") tells as not (yet) given.
CONDITIONAL_ANSWERS = frozenset({"AGREE", "CONCEDE", "SUPPORT", "REJECT"})
# Mention sectors (lexicons/actors.yaml) of people who bear no arms.
UNARMED_SECTORS = frozenset({"civilian", "crowd", "protester"})
# Acts a speaker's side would take on a condition: told so, a threat ("Iran would withdraw
# from the talks if they failed", "would quit unless the prime minister agreed").
THREAT_CATEGORIES = frozenset({"ASSAULT", "RETREAT", "SANCTION", "COERCE", "MOBILIZE",
                               "CONCEDE"})
# Acts a speaker announces its own side will take: a pledge (AGREE). Hostile ones are plans,
# not statements, unless a condition makes them threats (above).
PLEDGE_CATEGORIES = frozenset({"MOBILIZE", "AID"})
# Context tags of an act on territory (lexicons/assault.yaml), not on a person.
TERRITORY_TAGS = frozenset({"territory", "regain"})
# Mode specificity: when folded triggers disagree, the more specific mode wins.
MODE_RANK = ("suicide-attack", "unconventional", "drone", "aerial", "heavy-weapons",
             "explosives", "sexual", "abduct", "targeted", "occupy", "firearms", "beat",
             "clash")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Frame:
    sentence: int
    category: str
    mode: str | None
    kind: str
    tags: tuple[str, ...]
    head: int
    trigger: Span
    agent: Mention | None = None
    patient: Mention | None = None
    attributed: Attributed | None = None
    factuality: str = "asserted"
    count: tuple[Quantity, Span] | None = None
    anaphoric: bool = False  # "the attack", "these attacks": may refer back
    nominal: bool = False
    plural: bool = False  # a plural noun trigger ("attacks"): a series when counted or anaphoric
    campaign: bool = False  # acts over a period: "a spate of attacks", "the offensive"
    period: bool = False  # its clause names a period ("since October", "this year")
    tally: bool = False  # a perfect over an open period: "have been killed since October"
    inferred: bool = False  # a statement read from content, not from its own verb
    # the category is CODING.md's rule over the trigger's ("said Iran would withdraw if...":
    # a threat), not the lexicon's: the learned second reading leaves it alone
    coded_by_rule: bool = False
    weapon: Span | None = None
    extra: dict[str, Span] = field(default_factory=dict)


def _span(s: Sentence, idx: list[int] | tuple[int, ...]) -> Span:
    a, b = s.tokens[min(idx)], s.tokens[max(idx)]
    return Span(a.start, b.end, s.text[a.start - s.start : b.end - s.start])


def _rank(mode: str | None) -> int:
    return MODE_RANK.index(mode) if mode in MODE_RANK else len(MODE_RANK)


def _count(ctx: Context, s: Sentence, head: int, text: str) -> tuple[Quantity, Span] | None:
    """A count on a nominal ("over 70 attacks") or an adverb on a verb ("twice")."""
    p = ctx.profile
    tok = s.tokens[head]
    for c in tree.children(s, head, p.labels("count_deps")):
        sub = s.subtree(c.i)
        nums = find_numbers(ctx, text, sub[0].start, sub[-1].end + 1)
        if not nums:
            nums = find_numbers(ctx, text, max(s.start, sub[0].start - 12), sub[-1].end + 1)
        if nums:
            n = nums[-1]  # "dozens of attacks": no integer, so no count (CODING.md)
            return None if n.vague else (Quantity(n.value, n.qualifier), n.span)
    if tok.pos in p.labels("verb_pos") or tok.pos in p.labels("common_noun_pos"):
        for c in tree.children(s, head, p.labels("count_adverb_deps")):
            times = p.data("numbers.yaml")["count_adverbs"].get(c.lower)
            if times is not None:  # "struck twice"
                return Quantity(times), Span(c.start, c.end, c.text)
            if c.lemma in p.words("repetition_lemmas") or c.lower in p.words("repetition_forms"):
                for n in tree.children(s, c.i, p.labels("count_deps")):
                    nums = find_numbers(ctx, text, n.start, c.end)
                    if nums:
                        if all(m.vague for m in nums):
                            return None
                        return Quantity(nums[0].value, nums[0].qualifier), Span(
                            n.start, c.end, text[n.start : c.end])
    return None


Group = tuple[TriggerMatch, list[TriggerMatch]]


def _fold(ctx: Context, s: Sentence, matches: list[TriggerMatch]) -> list[Group]:
    """Group matches that describe one act; the group's representative carries the roles."""
    p = ctx.profile
    heads = {m.head: m for m in matches}
    parent: dict[int, int] = {}
    for m in matches:
        t = s.tokens[m.head]
        up = t.head
        if up == t.i or up not in heads:
            continue
        other = heads[up]
        same_family = (m.pattern.category == other.pattern.category
                       or {m.pattern.category, other.pattern.category} <= INCIDENT_CATEGORIES)
        if not same_family:
            continue
        if m.pattern.category == "AGREE" and licensing.responded_to(ctx, s, m.head):
            continue  # "accept an offer of talks": the offer is another's act, not the answer
        if t.dep in p.labels("adverbial_clause_dep") and any(
            c.lower in p.words("same_act_marks")
            for c in tree.children(s, t.i, p.labels("mark_dep") | p.labels("adverb_dep"))
        ):
            # "two soldiers were killed when their vehicle hit a land mine": one act
            parent[m.head] = up
            continue
        if t.pos in p.labels("verb_pos") and any(
            c.tag not in p.labels("wh_tags") for c in tree.children(s, t.i, p.labels(
                "subject_deps"))
        ):
            # "..., and a suicide bomber struck": a verb with a subject of its own acts apart
            # ("the bombing that killed five": "that" is the bombing)
            continue
        if m.pattern.kind == "statement" and t.dep in p.labels("conj_dep") and tree.children(
            s, t.i, p.labels("direct_object_dep")
        ):
            # "urged China to ..., and pressed Beijing to ...": two demands, each its own
            continue
        if t.dep in p.labels("fold_deps") or (
            t.dep in p.labels("conj_dep") and t.pos == s.tokens[up].pos
        ):
            parent[m.head] = up
    # prepositional attachments: "attacked ... with rockets", "killed in an airstrike"
    for m in matches:
        if m.head in parent:
            continue
        t = s.tokens[m.head]
        if t.dep in p.labels("prep_object_dep") and t.head != t.i:
            prep = s.tokens[t.head]
            if licensing.dated_apart(ctx, s, m.head):
                continue  # "struck 24 hours after an almost identical attack": an earlier act
            if prep.head in heads and prep.head != m.head and prep.lower in p.words(
                "licensing_preps"
            ):
                other = heads[prep.head]
                if {m.pattern.category, other.pattern.category} <= INCIDENT_CATEGORIES or (
                    prep.lower in p.words("time_frame_preps")
                    and m.pattern.category == other.pattern.category
                ):
                    # "met Uribe during a visit to Cartagena": the visit is the meeting
                    parent[m.head] = prep.head

    def root(i: int) -> int:
        seen = 0
        while i in parent and seen < 10:
            i = parent[i]
            seen += 1
        return i

    groups: dict[int, list[TriggerMatch]] = {}
    for m in matches:
        groups.setdefault(root(m.head), []).append(m)
    return [(heads[r], members) for r, members in groups.items()]


def _a_person(ctx: Context, m: Mention | None) -> bool:
    """Whether a mention is one person: a person's name, a title, a personal pronoun."""
    return m is not None and (m.person or m.title is not None or (
        m.pronoun and m.text.lower() in ctx.profile.words("person_pronouns")))


def _civilians_only(agent: Mention | None, patient: Mention | None) -> bool:
    """Whether the only people an act names are civilians (a withdrawal needs a force)."""
    people = [m for m in (agent, patient) if m is not None]
    return bool(people) and all(m.sector in UNARMED_SECTORS for m in people)


def _done_to(ctx: Context, s: Sentence, t: Token, category: str) -> bool:
    """An attack told as a participle on the person it was done to ("kidnapped aid worker
    Margaret Hassan", "an assassinated religious leader"): CODING.md codes it wherever told."""
    p = ctx.profile
    if category != "ASSAULT" or t.tag not in p.labels("past_participle_tag") or t.head == t.i:
        return False
    return actor_phrase(ctx, s, s.tokens[t.head]) is not None


def sentence_frames(ctx: Context, s: Sentence, text: str) -> list[Frame]:
    """Frames of one parsed sentence (before document-level merging)."""
    if not s.parsed:
        return []
    p = ctx.profile
    matches = lexicon.triggers(p).match(s)
    if not matches:
        return []
    groups = _fold(ctx, s, matches)
    directive_heads = {rep.head for rep, _ in groups if rep.pattern.category in DIRECTIVE
                       and s.tokens[rep.head].pos in p.labels("lexical_verb_pos")}
    directive_nouns = {rep.head for rep, _ in groups if rep.pattern.category in DIRECTIVE
                       and s.tokens[rep.head].pos not in p.labels("verb_pos")}
    asserting = frozenset(rep.head for rep, _ in groups if rep.pattern.category in ASSERTING
                          and rep.head in directive_heads)
    # a demonstration's demands are part of it, not statements of their own
    protest_heads = {rep.head for rep, _ in groups if rep.pattern.category == "PROTEST"}
    att = attribution(ctx, s)
    acts = frozenset(i for rep, members in groups if rep.pattern.kind != "statement"
                     and rep.pattern.category in INCIDENT_CATEGORIES
                     for i in (rep.head, *(m.head for m in members)))
    frames: list[Frame] = []
    for rep, members in groups:
        t = s.tokens[rep.head]
        category = rep.pattern.category
        # a crowd's act ("a mob killed", "rioters attacked") is a riot, CODING.md's rule
        coded_by_rule = category != "PROTEST" and any(
            m.pattern.category == "PROTEST" for m in members)
        if coded_by_rule:
            category = "PROTEST"
        kind = "statement" if rep.pattern.kind == "statement" else "incident"
        if t.dep in p.labels("attributive_deps") and t.pos in p.labels("attributive_pos") and (
            not _done_to(ctx, s, t, category)
        ):
            continue  # "Iran-backed": a modifier, not an act
        if t.pos in p.labels("verb_pos") and t.lemma in p.words("clauseless_triggers") and (
            tree.children(s, t.i, p.labels("content_deps"))
        ):
            continue  # "the evidence demonstrates that ...": a showing, not a protest
        # an offer answered ("accept a Taiwan offer of talks") was made, whoever asks for it
        answered = category == "AGREE" and licensing.responded_to(ctx, s, rep.head)
        if category in DIRECTIVE and t.pos not in p.labels("verb_pos") and (
            roles.nominal_agent(ctx, s, rep.head) is None
        ) and not licensing.delivered(ctx, s, rep.head) and not answered:
            # nominal "support", "request": a statement of its own only with its speaker
            # ("the Taiwanese President's offer of talks", "demands by the kidnappers")
            continue
        content_of = directive_heads - {rep.head}
        if category == "ASSAULT" and kind == "incident":
            content_of -= asserting
        spoken = kind == "statement" and t.pos not in p.labels("verb_pos") and (
            roles.nominal_agent(ctx, s, rep.head) is not None or answered)
        if not spoken and licensing.in_directive_content(ctx, s, rep.head, content_of):
            continue  # ("rejected the President's offer": the offer was made, by him)
        if licensing.infinitive_after(ctx, s, rep.head, directive_nouns):
            continue
        if kind == "statement" and licensing.in_directive_content(ctx, s, rep.head, protest_heads):
            continue
        if category != "PROTEST" and licensing.protested_against(ctx, s, rep.head, protest_heads):
            continue
        if licensing.background(ctx, s, rep.head, acts) and not (
            (category == "ASSAULT" or rep.pattern.mode == "release") and kind == "incident"
            and t.tag not in p.labels("gerund_tag")
        ) and not (kind == "statement" and (licensing.relative_speaker(ctx, s, rep.head) or (
            category in SPOKEN and roles.said_by_agent(ctx, s, rep.head)))):
            # CODING.md: a violent act the text asserts is coded wherever it is told ("the
            # filmmaker murdered in Amsterdam"), and so is its end ("workers who were freed
            # yesterday"); "groups targeting the coalition" describes
            continue
        head = rep.head
        count = _count(ctx, s, head, text)
        if count is None and t.pos in p.labels("verb_pos"):
            # "carried out more than 40 attacks": the counted noun is the event (not the
            # "50 soldiers" who left)
            subject_side = {x.i for c in tree.children(s, rep.head, p.labels("subject_deps"))
                            for x in s.subtree(c.i)}
            for i in rep.tokens:
                if s.tokens[i].pos in p.labels("common_noun_pos") and i not in subject_side and (
                    c := _count(ctx, s, i, text)
                ) is not None:
                    head, count, t = i, c, s.tokens[i]
                    break
        nominal = t.pos in p.labels("noun_pos")
        anaphoric = held = False
        not_acts = p.labels("subject_deps") | p.labels("root_dep")
        if nominal and t.dep not in not_acts and not licensing.participants(p).isdisjoint(
            lexicon.forms(p, t)
        ):
            continue  # "police arrested two protesters": people, not a protest
        if nominal:
            ok, anaphoric = licensing.nominal_licensed(ctx, s, head, count is not None,
                                                       asserting)
            if not ok and category == "CONSULT" and licensing.between_parties(ctx, s, head):
                ok = held = True
            if not ok and kind == "statement" and (licensing.delivered(ctx, s, head)
                                                   or answered):
                ok = True  # "a letter contained death threats", "issued a warning"
            if not ok and not (kind == "statement" and roles.nominal_agent(ctx, s, head)):
                continue  # "a visit by the prime minister": a statement with its speaker
        modes = [m.pattern.mode for m in members if m.pattern.mode]
        mode = rep.pattern.mode or (min(modes, key=_rank) if modes else None)
        tags = tuple(sorted({tag for m in members for tag in m.pattern.tags}))
        idx = sorted({i for m in members for i in m.tokens})
        if nominal and t.lemma in p.words("victim_nouns"):
            agent, weapon = None, None  # "American hostage Eugene Armstrong": the one taken
            patient = actor_phrase(ctx, s, s.tokens[t.head] if t.dep in p.labels(
                "modifier_deps") and t.head != t.i else t)
        elif nominal and t.dep in p.labels("nominal_modifier_deps") and t.head != t.i and (
            s.tokens[t.head].lemma in p.words("victim_heads")
        ):
            agent, weapon = None, None  # "Iraq kidnap victim Margaret Hassan": she was taken
            patient = actor_phrase(ctx, s, s.tokens[t.head])
        elif nominal:
            agent, weapon = roles.nominal_agent(ctx, s, head), None
            patient = roles.nominal_patient(ctx, s, head, tuple(idx))
        else:
            agent, patient, weapon = roles.verbal_roles(ctx, s, rep.head, category, tuple(idx))
            if agent is None:  # "US strikes targeted ...": the folded noun's owner acts
                for m in members:
                    if m.head != rep.head and s.tokens[m.head].pos in p.labels("common_noun_pos"):
                        agent = roles.nominal_agent(ctx, s, m.head) or agent
            for m in members:  # "a car bomb exploded ..., killing six people": the people
                if patient is not None or category not in roles.DONE_TO:
                    break
                if m.head != rep.head and s.tokens[m.head].pos in p.labels("lexical_verb_pos"):
                    patient = roles.verbal_roles(ctx, s, m.head, category, tuple(m.tokens))[1]
        if category == "RETREAT" and mode != "release" and _civilians_only(agent, patient):
            continue  # "400 residents were evacuated from nearby villages": no force withdrew
        if category == "ASSAULT" and licensing.natural_cause(ctx, s, head, agent):
            continue  # an earthquake, a bear, a heart attack, an accident: no one's act
        if nominal and agent is None and patient is None and licensing.only_heard(ctx, s, head):
            continue  # "a blast was heard": a sound, no one's act and no harm told
        # weapon words among the arguments fix the mode ("targeted by several rockets")
        arg_idx = [i for m in members for i in m.tokens]
        for c in s.tokens:
            if c.head in arg_idx and c.dep in p.labels("argument_deps"):
                arg_idx.append(c.i)
                if c.dep in p.labels("preposition_deps"):
                    arg_idx.extend(o.i for o in tree.children(s, c.i, p.labels("prep_object_dep")))
            elif c.head in arg_idx and c.lemma in p.words("instrument_verbs"):
                # "explosions involving artillery", "an attack using drones"
                arg_idx.extend(o.i for o in tree.children(s, c.i, p.labels("acted_on_deps")))
        if weapon is not None:
            arg_idx.append(weapon)
        wmodes = weapon_modes(ctx, s, arg_idx)
        weapon_span = None
        if category == "ASSAULT" and wmodes:
            wmode, wi = min(wmodes, key=lambda x: _rank(x[0] if x[0] != "grenade" else
                                                        "explosives"))
            if wmode == "grenade":
                wmode, tags = "explosives", tuple(sorted({*tags, "grenade"}))
            generic = mode in (None, "clash", "firearms", "beat")
            if (_rank(wmode) < _rank(mode) or generic) and mode != "occupy":
                mode = wmode
            weapon_span = _span(s, [wi])
        attributed = att.get(rep.head) or att.get(-1)
        factuality = attribution_factuality(ctx, s, rep.head, attributed)
        if nominal and factuality == "asserted" and _unreal(ctx, s, head):
            factuality = "hypothetical"  # "possible large-scale terror attacks": none yet
        gov = governing_report(ctx, s, rep.head)
        if held and factuality != "asserted":
            continue  # "talks between X and Y tomorrow could fail": not held yet
        if factuality == "hypothetical" and gov is not None and (
            category in THREAT_CATEGORIES and conditioned(ctx, s, rep.head)
        ):
            # "an official said Iran would withdraw from the talks if they failed": a threat
            category, kind, mode, factuality = "THREATEN", "statement", None, "asserted"
            coded_by_rule = True
            if agent is None or agent.pronoun:
                agent = gov  # "Netanyahu said he would quit unless": his threat
        elif kind == "incident" and factuality in ("future", "hypothetical") and gov and (
            category in PLEDGE_CATEGORIES and (agent is None or agent.pronoun)
            and not conditioned(ctx, s, rep.head)
        ):
            # "the African Union said it would increase its forces": a pledge of its own
            category, kind, mode, factuality = "AGREE", "statement", None, "asserted"
            agent, coded_by_rule = gov, True
        if kind == "statement" and gov is not None and (
            agent is None or (agent.pronoun and agent.text.lower() in p.words(
                "first_person_pronouns"))
        ):
            agent = gov  # "X stressed: 'we condemn...'": the speaker acts
        if attributed is not None and attributed.kind == "claim" and agent is None:
            agent = attributed.source
        if kind == "statement" and not coded_by_rule and (
            (category == "REJECT" and factuality == "negated" and roles.negated(ctx, s, rep.head))
            or (category in CONDITIONAL_ANSWERS and a_condition(ctx, s, rep.head))
        ):
            # CODING.md: a rejection not made ("attacks could not be ruled out"), an answer
            # told as a condition ("would quit unless the prime minister agreed"): no event
            continue
        if category == "ASSAULT" and mode == "occupy" and _a_person(ctx, patient):
            # "she was captured by the rebels", "seized the journalist": a person taken, not
            # a territory gained
            mode = "abduct"
            tags = tuple(tag for tag in tags if tag not in TERRITORY_TAGS)
        frames.append(
            Frame(
                sentence=s.index, category=category, mode=mode, kind=kind, tags=tags,
                head=head, trigger=_span(s, idx), agent=agent, patient=patient,
                attributed=attributed, factuality=factuality, count=count,
                anaphoric=anaphoric, nominal=nominal, weapon=weapon_span,
                coded_by_rule=coded_by_rule,
                plural=t.tag in p.labels("plural_noun_tag"),
                period=count is not None and licensing.over_period(ctx, s, head),
                tally=category == "ASSAULT" and not nominal and licensing.tally(ctx, s, head),
                campaign=licensing.campaign(ctx, s, head) if nominal else any(
                    s.tokens[i].lemma in p.words("campaign_nouns") for i in idx) or (
                    licensing.of_campaign(ctx, s, head)),
            )
        )  # fmt: skip
    frames.extend(_inferred(ctx, s, frames, matches, directive_heads))
    return frames


def _inferred(ctx: Context, s: Sentence, frames: list[Frame], matches: list[TriggerMatch],
              directive_heads: set[int]) -> list[Frame]:
    """Statements a speaker makes without a statement verb: asserting that someone carried
    out attacks is an accusation; asserting that one's own act did no harm is a denial."""
    p = ctx.profile
    out: list[Frame] = []
    if any(f.kind == "statement" for f in frames):
        return out
    for m in matches:
        if m.pattern.category != "ASSAULT":
            continue
        gov = governing_report(ctx, s, m.head, clausal_only=True)
        if gov is None:
            continue
        if licensing.in_directive_content(ctx, s, m.head, directive_heads):
            continue
        if any(_unreal(ctx, s, i) for i in m.tokens):
            continue  # "plans to deal with possible attacks by North Korea": no accusation
        t = s.tokens[m.head]
        plural, verb = p.labels("plural_noun_tag"), p.labels("lexical_verb_pos")
        nouns = [i for i in m.tokens if s.tokens[i].tag in plural]
        if t.pos in verb and nouns:  # "carrying out attacks": the noun names the acts
            t = s.tokens[nouns[0]]
        if roles.negated(ctx, s, m.head) and t.pos in verb:
            out.append(Frame(s.index, "REJECT", None, "statement", (), m.head,
                             _span(s, m.tokens), agent=gov, inferred=True,
                             attributed=Attributed(gov, "denial")))
            break
        if t.pos in p.labels("common_noun_pos") and t.tag in plural:
            agent = roles.nominal_agent(ctx, s, t.i)
            if agent is not None and agent.text != gov.text:
                out.append(Frame(s.index, "ACCUSE", "allege", "statement", (), m.head,
                                 _span(s, m.tokens), agent=gov, patient=agent, inferred=True))
                break
    return out


def _unreal(ctx: Context, s: Sentence, i: int) -> bool:
    """A noun told with an adjective of possibility ("possible attacks", "a potential
    strike"): an act that may come, not one that happened."""
    p = ctx.profile
    return s.tokens[i].pos in p.labels("noun_pos") and any(
        c.lower in p.words("unreal_adjectives")
        for c in tree.children(s, i, p.labels("adjective_dep")))


def is_incident_category(category: str) -> bool:
    return category in INCIDENT_CATEGORIES


def token_text(s: Sentence, t: Token) -> str:
    return s.text[t.start - s.start : t.end - s.start]


