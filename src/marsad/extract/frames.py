"""Event frames in one parsed sentence: trigger, category, mode, roles, kind, factuality.

From the lexicon matches of a sentence:
1. fold triggers that describe one act ("US strikes targeted", "shot and killed", "drone and
   rocket attacks") into one frame, the weapon words fixing the mode;
2. keep only triggers that report an act: a noun needs a clause around it ("the attack
   killed", "killed in an attack", "carried out an attack", a count "over 70 attacks");
   a generic plural ("launching attacks against") or a background phrase ("after its attack")
   is not an event, nor is what a statement demands or condemns;
3. read the roles from the parse (see roles.py) and the speaker of statements.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.analyse import Sentence, Token
from marsad.analyse.profiles import LanguageProfile
from marsad.context import Context
from marsad.extract import lexicon, roles
from marsad.extract.attribution import Attributed, attribution, governing_report
from marsad.extract.attribution import factuality as attribution_factuality
from marsad.extract.lexicon import TriggerMatch
from marsad.extract.mentions import actor_phrase, is_weapon, weapon_modes
from marsad.extract.numbers import find_numbers
from marsad.types import Mention, Quantity, Span

INCIDENT_CATEGORIES = frozenset({"ASSAULT", "PROTEST"})
# Statement categories whose complement is their content (what was demanded, condemned...).
DIRECTIVE = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "REJECT", "THREATEN", "AGREE", "CONCEDE"})
# The words and parser labels the rules read come from the language profile (words.yaml,
# parser.yaml): "light_verbs" carry a nominal event as their object ("carried out an
# attack"); "result_verbs" with an attack as subject mean it happened ("the blast killed
# two"); "licensing_preps" license a nominal trigger under a verb ("killed in an airstrike").
# Mode specificity: when folded triggers disagree, the more specific mode wins.
MODE_RANK = ("suicide-attack", "unconventional", "drone", "aerial", "heavy-weapons",
             "explosives", "sexual", "abduct", "targeted", "occupy", "firearms", "beat",
             "clash")  # fmt: skip
_COUNT_WORDS = {"twice": 2, "thrice": 3, "once": 1}


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
    inferred: bool = False  # a statement read from content, not from its own verb
    weapon: Span | None = None
    extra: dict[str, Span] = field(default_factory=dict)


def _span(s: Sentence, idx: list[int] | tuple[int, ...]) -> Span:
    a, b = s.tokens[min(idx)], s.tokens[max(idx)]
    return Span(a.start, b.end, s.text[a.start - s.start : b.end - s.start])


def _is(ctx: Context, t: Token, words: frozenset[str]) -> bool:
    return not words.isdisjoint(lexicon.forms(ctx.profile, t))


def _rank(mode: str | None) -> int:
    return MODE_RANK.index(mode) if mode in MODE_RANK else len(MODE_RANK)


def _determiner(ctx: Context, s: Sentence, i: int) -> str | None:
    for t in roles.children(s, i, ctx.profile.labels("determiner_deps")):
        return t.lower
    return None


def _count(ctx: Context, s: Sentence, head: int, text: str) -> tuple[Quantity, Span] | None:
    """A count on a nominal ("over 70 attacks") or an adverb on a verb ("twice")."""
    p = ctx.profile
    tok = s.tokens[head]
    for c in roles.children(s, head, p.labels("count_deps")):
        sub = s.subtree(c.i)
        nums = find_numbers(ctx, text, sub[0].start, sub[-1].end + 1)
        if not nums:
            nums = find_numbers(ctx, text, max(s.start, sub[0].start - 12), sub[-1].end + 1)
        if nums:
            n = nums[-1]
            return Quantity(n.value, n.qualifier), n.span
    if tok.pos in p.labels("verb_pos") or tok.pos in p.labels("common_noun_pos"):
        for c in roles.children(s, head, p.labels("count_adverb_deps")):
            if c.lower in _COUNT_WORDS:
                return Quantity(_COUNT_WORDS[c.lower]), Span(c.start, c.end, c.text)
            if c.lemma in p.words("repetition_lemmas") or c.lower in p.words("repetition_forms"):
                for n in roles.children(s, c.i, p.labels("count_deps")):
                    nums = find_numbers(ctx, text, n.start, c.end)
                    if nums:
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
            if prep.head in heads and prep.head != m.head and prep.lower in p.words(
                "licensing_preps"
            ):
                other = heads[prep.head]
                if {m.pattern.category, other.pattern.category} <= INCIDENT_CATEGORIES:
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


def _participants(profile: LanguageProfile) -> frozenset[str]:
    return lexicon.actor_nouns(profile)["protester"]


def _protested_against(ctx: Context, s: Sentence, head: int, protest_heads: set[int]) -> bool:
    """"students demonstrated against the teachers' strike", "a protest over the killing of
    a driver": what a protest is against is its grievance, not an act reported here."""
    prev = s.tokens[head]
    for a in s.ancestors(head):
        if a.i in protest_heads:
            return prev.dep in ctx.profile.labels("prep_dep") and prev.lower in ctx.profile.words(
                "grievance_preps")
        prev = a
    return False


def _in_directive_content(ctx: Context, s: Sentence, head: int, directive_heads: set[int]) -> bool:
    return any(a.i in directive_heads for a in s.ancestors(head))


def _background(ctx: Context, s: Sentence, head: int, acts: frozenset[int] = frozenset()) -> bool:
    """Descriptive or explanatory position: a participle describing a noun, a relative
    clause, a causal clause, a modifier ("Iran-backed"), or a prior act dating another one
    (`acts`: the sentence's incident triggers)."""
    p = ctx.profile
    t = s.tokens[head]
    if _misparsed_predicate(ctx, s, head):
        return False
    if t.dep in p.labels("descriptive_deps") and t.pos in p.labels("descriptive_pos"):
        return True
    advcl, mark = p.labels("adverbial_clause_dep"), p.labels("mark_dep")
    for a in [t, *s.ancestors(head)[:3]]:
        if a.dep in advcl and any(m.lower in p.words("background_marks")
                                  for m in roles.children(s, a.i, mark)):
            return True
        main = a.head in acts or any(
            c.i in acts for c in roles.children(s, a.head, p.labels("nominal_subject_dep")))
        if a.dep in advcl and main and a.tag in p.labels("past_tags") and any(
            m.lower in p.words("sequence_marks") for m in roles.children(s, a.i, mark)
        ) and roles.children(s, a.i, p.labels("subject_deps")):
            return True  # "riots broke out after a driver was killed": the cause, told before
        if a.dep in p.labels("relative_clause_deps") and a is not t and a.pos in p.labels(
            "lexical_verb_pos"
        ):
            return True
    return False


def _misparsed_predicate(ctx: Context, s: Sentence, head: int) -> bool:
    """"Over 1,000 people from twelve towns protested in Dili": with no verb above it, a
    verb the parser hung under a noun as a reduced relative is the sentence's predicate."""
    p = ctx.profile
    t = s.tokens[head]
    if t.pos not in p.labels("lexical_verb_pos") or t.dep not in p.labels("relative_clause_deps"):
        return False
    if t.tag not in p.labels("past_tags"):
        return False
    if any(c.lower in p.words("relative_words") or c.tag in p.labels("wh_tags")
           for c in s.tokens if c.head == t.i and c.i != t.i):
        return False
    if roles.children(s, t.i, p.labels("own_clause_deps")):
        return False  # a relative clause of its own ("the house they attacked")
    return not any(a.pos in p.labels("verb_pos") for a in s.ancestors(head))


def _nominal_licensed(ctx: Context, s: Sentence, head: int, has_count: bool) -> tuple[bool, bool]:
    """(licensed, anaphoric) for a noun trigger."""
    p = ctx.profile
    t = s.tokens[head]
    det = _determiner(ctx, s, head)
    plural = t.tag in p.labels("plural_tags")
    anaphoric = det in p.words("anaphoric_determiners") or any(
        c.lower in p.words("anaphoric_adjectives")
        for c in roles.children(s, head, p.labels("adjective_dep")))
    gov = s.tokens[t.head] if t.head != t.i else None
    if has_count:
        return True, anaphoric
    if t.dep in p.labels("root_dep"):
        return not plural, anaphoric
    if t.dep in p.labels("subject_deps") and gov is not None:
        if plural:
            return _is(ctx, gov, p.words("result_verbs")), anaphoric
        return True, anaphoric
    expl = p.labels("expletive_dep")
    if t.dep in p.labels("attribute_dep") and gov is not None and gov.lemma in p.words(
        "copula_lemmas"
    ) and any(c.dep in expl for c in roles.children(s, gov.i, expl)):
        return True, anaphoric  # "there was an armed clash", "there were clashes"
    objects, light = p.labels("object_deps"), p.words("light_verbs")
    if plural:
        # "forces carried out air strikes near X": a finite light verb reports the acts
        ok = t.dep in objects and gov is not None and gov.tag in p.labels(
            "past_tense_tag") and _is(ctx, gov, light)
        return ok, anaphoric
    if t.dep in objects and gov is not None:
        return _is(ctx, gov, light) or _is(ctx, gov, _report_verbs(p)), anaphoric
    if t.dep in p.labels("prep_object_dep") and gov is not None and gov.head != gov.i:
        top = s.tokens[gov.head]
        if gov.lower in p.words("responsibility_preps") and top.lemma in p.words(
            "responsibility_nouns"
        ):
            return True, anaphoric
        if gov.lower in p.words("licensing_preps") and top.pos in p.labels("verb_pos"):
            return True, anaphoric
    return False, anaphoric


def _nominal_agent(ctx: Context, s: Sentence, head: int) -> Mention | None:
    """Who carried out a nominal act: "Israel's attack", "US strikes", "attacks by X",
    "attacks carried out by X", or the subject of the light verb ("X launched an attack")."""
    p = ctx.profile
    t = s.tokens[head]
    for c in roles.children(s, head, p.labels("possessor_dep")):
        m = actor_phrase(ctx, s, c)
        if m is not None:
            return m
    for c in roles.children(s, head, p.labels("nominal_modifier_deps")):
        named = c.pos in p.labels("proper_noun_pos") or c.ent in p.labels("agent_entities")
        if named and is_weapon(ctx, s, c) is None:
            return actor_phrase(ctx, s, c)
    by = roles.by_agent(ctx, s, head)
    if by is not None and is_weapon(ctx, s, by) is None:
        return actor_phrase(ctx, s, by)
    acl = p.labels("clausal_modifier_dep")
    for c in roles.children(s, head, acl):
        by = roles.by_agent(ctx, s, c.i)
        if by is not None and is_weapon(ctx, s, by) is None:
            return actor_phrase(ctx, s, by)
    gov = s.tokens[t.head]
    acted_on = p.labels("acted_on_deps")
    verb = p.labels("lexical_verb_pos")
    if t.dep in acted_on and gov.pos in verb and gov.dep in acl:
        return actor_phrase(ctx, s, s.tokens[gov.head])  # "forces carrying out attacks"
    if t.dep in p.labels("object_deps") and (
        _is(ctx, gov, p.words("light_verbs")) or _is(ctx, gov, _report_verbs(p))
    ):
        return actor_phrase(ctx, s, roles.verbal_subject(ctx, s, gov.i))
    if t.dep in p.labels("prep_object_dep"):
        prep = s.tokens[t.head]
        top = s.tokens[prep.head]
        if top.lemma in p.words("responsibility_nouns"):
            claim = s.tokens[top.head]
            return actor_phrase(ctx, s, roles.verbal_subject(ctx, s, claim.i))
    if t.dep in acted_on and gov.pos in verb and gov.dep in acl:
        return actor_phrase(ctx, s, s.tokens[gov.head])  # "forces carrying out attacks"
    return None


def _report_verbs(profile: LanguageProfile) -> frozenset[str]:
    return frozenset(lexicon.speech(profile)["report"])


def _nominal_patient(ctx: Context, s: Sentence, head: int,
                     match: tuple[int, ...] = ()) -> Mention | None:
    p = ctx.profile
    for i in match:  # "formation of a committee with X": the pattern's own preposition
        if s.tokens[i].pos in p.labels("adposition_pos"):
            obj = roles.first_child(s, i, p.labels("prep_object_dep"))
            if obj is not None:
                return actor_phrase(ctx, s, obj)
    targets = p.words("target_preps")
    objs = roles.prep_objects(ctx, s, head, targets | p.words("nominal_target_preps"))
    t = s.tokens[head]
    if not objs and t.dep in p.labels("object_deps"):
        objs = roles.prep_objects(ctx, s, t.head, targets)
    for o in objs:
        if is_weapon(ctx, s, o) is None:
            return actor_phrase(ctx, s, o)
    return None


def _verbal_roles(ctx: Context, s: Sentence, head: int, category: str,
                  match: tuple[int, ...] = ()) -> tuple[Mention | None, Mention | None,
                                                       int | None]:
    """(agent, patient, weapon token) of a verb trigger."""
    p = ctx.profile
    targets = p.words("target_preps")
    weapon: int | None = None
    if roles.is_passive(ctx, s, head):
        subj = roles.first_child(s, head, p.labels("passive_subject_deps"))
        agent_tok = roles.by_agent(ctx, s, head)
        patient_tok = subj
    else:
        agent_tok = roles.verbal_subject(ctx, s, head)
        patient_tok = roles.verbal_object(ctx, s, head)
        if patient_tok is not None and patient_tok.i in match:
            # "opened fire on X": "fire" belongs to the trigger; but "ending the existence
            # of X" names X through the matched noun
            inner = actor_phrase(ctx, s, patient_tok)
            if inner is None or inner.head == patient_tok.i:
                patient_tok = None
        if patient_tok is None:
            preps = targets | p.words("partner_preps")
            objs = [o for i in (head, *match) for o in roles.prep_objects(ctx, s, i, preps)]
            patient_tok = objs[0] if objs else None
    if agent_tok is not None and is_weapon(ctx, s, agent_tok) is not None:
        weapon = agent_tok.i
        # "a Russian drone": the weapon's owner is the agent
        owner = [c for c in roles.children(s, agent_tok.i, p.labels("owner_deps"))
                 if c.ent in p.labels("agent_entities") or c.pos in p.labels("proper_noun_pos")]
        agent_tok = owner[0] if owner else None
    if (patient_tok is not None and is_weapon(ctx, s, patient_tok) is not None
            and category == "ASSAULT"):
        weapon = patient_tok.i  # "fired rockets at X": the target is the "at" object
        objs = roles.prep_objects(ctx, s, head, targets)
        patient_tok = objs[0] if objs else None
    if patient_tok is not None and patient_tok.lemma in p.words("repetition_lemmas"):
        patient_tok = None  # "struck three times": a count, not a target
    agent = actor_phrase(ctx, s, agent_tok)
    patient = actor_phrase(ctx, s, patient_tok)
    return agent, patient, weapon


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
        if any(m.pattern.category == "PROTEST" for m in members):
            category = "PROTEST"
        kind = "statement" if rep.pattern.kind == "statement" else "incident"
        if t.dep in p.labels("attributive_deps") and t.pos in p.labels("attributive_pos"):
            continue  # "Iran-backed": a modifier, not an act
        if category in DIRECTIVE and t.pos not in p.labels("verb_pos"):
            continue  # nominal "support", "request": not a statement of its own
        if _in_directive_content(ctx, s, rep.head, directive_heads - {rep.head}):
            continue
        if kind == "statement" and _in_directive_content(ctx, s, rep.head, protest_heads):
            continue
        if category != "PROTEST" and _protested_against(ctx, s, rep.head, protest_heads):
            continue
        if _background(ctx, s, rep.head, acts):
            continue
        head = rep.head
        count = _count(ctx, s, head, text)
        if count is None and t.pos in p.labels("verb_pos"):
            # "carried out more than 40 attacks": the counted noun is the event
            for i in rep.tokens:
                if s.tokens[i].pos in p.labels("common_noun_pos") and (
                    c := _count(ctx, s, i, text)
                ) is not None:
                    head, count, t = i, c, s.tokens[i]
                    break
        nominal = t.pos in p.labels("noun_pos")
        anaphoric = False
        not_acts = p.labels("subject_deps") | p.labels("root_dep")
        if nominal and t.dep not in not_acts and not _participants(p).isdisjoint(
            lexicon.forms(p, t)
        ):
            continue  # "police arrested two protesters": people, not a protest
        if nominal:
            ok, anaphoric = _nominal_licensed(ctx, s, head, count is not None)
            if not ok:
                continue
        modes = [m.pattern.mode for m in members if m.pattern.mode]
        mode = rep.pattern.mode or (min(modes, key=_rank) if modes else None)
        tags = tuple(sorted({tag for m in members for tag in m.pattern.tags}))
        idx = sorted({i for m in members for i in m.tokens})
        if nominal:
            agent, weapon = _nominal_agent(ctx, s, head), None
            patient = _nominal_patient(ctx, s, head, tuple(idx))
        else:
            agent, patient, weapon = _verbal_roles(ctx, s, rep.head, category, tuple(idx))
            if agent is None:  # "US strikes targeted ...": the folded noun's owner acts
                for m in members:
                    if m.head != rep.head and s.tokens[m.head].pos in p.labels("common_noun_pos"):
                        agent = _nominal_agent(ctx, s, m.head) or agent
        # weapon words among the arguments fix the mode ("targeted by several rockets")
        arg_idx = [i for m in members for i in m.tokens]
        for c in s.tokens:
            if c.head in arg_idx and c.dep in p.labels("argument_deps"):
                arg_idx.append(c.i)
                if c.dep in p.labels("preposition_deps"):
                    arg_idx.extend(o.i for o in roles.children(s, c.i, p.labels("prep_object_dep")))
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
        gov = governing_report(ctx, s, rep.head)
        if kind == "statement" and gov is not None and (
            agent is None or (agent.pronoun and agent.text.lower() in p.words(
                "first_person_pronouns"))
        ):
            agent = gov  # "X stressed: 'we condemn...'": the speaker acts
        if attributed is not None and attributed.kind == "claim" and agent is None:
            agent = attributed.source
        frames.append(
            Frame(
                sentence=s.index, category=category, mode=mode, kind=kind, tags=tags,
                head=head, trigger=_span(s, idx), agent=agent, patient=patient,
                attributed=attributed, factuality=factuality, count=count,
                anaphoric=anaphoric, nominal=nominal, weapon=weapon_span,
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
        if _in_directive_content(ctx, s, m.head, directive_heads):
            continue
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
            agent = _nominal_agent(ctx, s, t.i)
            if agent is not None and agent.text != gov.text:
                out.append(Frame(s.index, "ACCUSE", "allege", "statement", (), m.head,
                                 _span(s, m.tokens), agent=gov, patient=agent, inferred=True))
                break
    return out


def is_incident_category(category: str) -> bool:
    return category in INCIDENT_CATEGORIES


def token_text(s: Sentence, t: Token) -> str:
    return s.text[t.start - s.start : t.end - s.start]


def attack_agents(ctx: Context, s: Sentence) -> list[Mention]:
    """Who the sentence says carries out attacks, events or not ("attacks carried out by
    armed groups", "armed groups targeting the coalition"): antecedents for "these attacks"."""
    if not s.parsed:
        return []
    out = []
    for m in lexicon.triggers(ctx.profile).match(s):
        if m.pattern.category != "ASSAULT":
            continue
        t = s.tokens[m.head]
        agent = None
        if t.pos in ctx.profile.labels("noun_pos"):
            agent = _nominal_agent(ctx, s, m.head)
        elif t.dep in ctx.profile.labels("clausal_modifier_dep"):
            agent = actor_phrase(ctx, s, s.tokens[t.head])
        else:
            agent = actor_phrase(ctx, s, roles.verbal_subject(ctx, s, m.head))
        if agent is not None and not agent.pronoun:
            out.append(agent)
    return out
