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
from marsad.extract import lexicon, roles
from marsad.extract.attribution import Attributed, attribution, governing_report
from marsad.extract.attribution import factuality as attribution_factuality
from marsad.extract.lexicon import TriggerMatch
from marsad.extract.mentions import Mention, actor_phrase, is_weapon, weapon_modes
from marsad.extract.quantities import find_numbers
from marsad.types import Quantity, Span

INCIDENT_CATEGORIES = frozenset({"ASSAULT", "PROTEST"})
# Statement categories whose complement is their content (what was demanded, condemned...).
DIRECTIVE = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "REJECT", "THREATEN", "AGREE", "CONCEDE"})
# Verbs that carry a nominal event as their object: "carried out an attack".
LIGHT_VERBS = frozenset([
    "carry", "launch", "conduct", "stage", "hold", "mount", "perform", "execute", "organise",
    "organize", "claim", "undertake", "commit", "unleash", "wage",
])
# Verbs whose subject being an attack means the attack happened ("the blast killed two").
RESULT_VERBS = frozenset([
    "result", "kill", "injure", "wound", "damage", "destroy", "hit", "target", "leave",
    "cause", "claim", "strike", "occur", "happen", "take", "break", "explode", "detonate",
    "rock", "martyr",
])
# Prepositions that license a nominal trigger under a verb ("killed in an airstrike").
LICENSING_PREPS = frozenset({"in", "during", "by", "with", "from", "under"})
BACKGROUND_MARKS = frozenset({"as", "because", "since", "while", "whereas", "although", "though"})
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


def _is(t: Token, words: frozenset[str]) -> bool:
    return not words.isdisjoint(lexicon.forms(t))


def _rank(mode: str | None) -> int:
    return MODE_RANK.index(mode) if mode in MODE_RANK else len(MODE_RANK)


def _determiner(s: Sentence, i: int) -> str | None:
    for t in roles.children(s, i, {"det", "poss"}):
        return t.lower
    return None


def _count(s: Sentence, head: int, text: str) -> tuple[Quantity, Span] | None:
    """A count on a nominal ("over 70 attacks") or an adverb on a verb ("twice")."""
    tok = s.tokens[head]
    for c in roles.children(s, head, {"nummod"}):
        sub = s.subtree(c.i)
        nums = find_numbers(text, sub[0].start, sub[-1].end + 1)
        if not nums:
            nums = find_numbers(text, max(s.start, sub[0].start - 12), sub[-1].end + 1)
        if nums:
            n = nums[-1]
            return Quantity(n.value, n.qualifier), n.span
    if tok.pos in ("VERB", "AUX") or tok.pos == "NOUN":
        for c in roles.children(s, head, {"advmod", "npadvmod", "dobj"}):
            if c.lower in _COUNT_WORDS:
                return Quantity(_COUNT_WORDS[c.lower]), Span(c.start, c.end, c.text)
            if c.lemma == "time" or c.lower == "times":
                for n in roles.children(s, c.i, {"nummod"}):
                    nums = find_numbers(text, n.start, c.end)
                    if nums:
                        return Quantity(nums[0].value, nums[0].qualifier), Span(
                            n.start, c.end, text[n.start : c.end])
    return None


Group = tuple[TriggerMatch, list[TriggerMatch]]


def _fold(s: Sentence, matches: list[TriggerMatch]) -> list[Group]:
    """Group matches that describe one act; the group's representative carries the roles."""
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
        if t.dep in ("compound", "nmod", "amod", "nsubj", "nsubjpass", "dobj", "conj", "pobj",
                     "appos", "npadvmod", "advcl", "xcomp") or (
            t.dep == "conj" and t.pos == s.tokens[up].pos
        ):
            parent[m.head] = up
    # prepositional attachments: "attacked ... with rockets", "killed in an airstrike"
    for m in matches:
        if m.head in parent:
            continue
        t = s.tokens[m.head]
        if t.dep == "pobj" and t.head != t.i:
            prep = s.tokens[t.head]
            if prep.head in heads and prep.head != m.head and prep.lower in LICENSING_PREPS:
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


def _participants() -> frozenset[str]:
    return lexicon.actor_nouns()["protester"]


_GRIEVANCE_PREPS = frozenset({"against", "over", "about"})


def _protested_against(s: Sentence, head: int, protest_heads: set[int]) -> bool:
    """"students demonstrated against the teachers' strike", "a protest over the killing of
    a driver": what a protest is against is its grievance, not an act reported here."""
    prev = s.tokens[head]
    for a in s.ancestors(head):
        if a.i in protest_heads:
            return prev.dep == "prep" and prev.lower in _GRIEVANCE_PREPS
        prev = a
    return False


def _in_directive_content(s: Sentence, head: int, directive_heads: set[int]) -> bool:
    return any(a.i in directive_heads for a in s.ancestors(head))


def _background(s: Sentence, head: int, acts: frozenset[int] = frozenset()) -> bool:
    """Descriptive or explanatory position: a participle describing a noun, a relative
    clause, a causal clause, a modifier ("Iran-backed"), or a prior act dating another one
    (`acts`: the sentence's incident triggers)."""
    t = s.tokens[head]
    if _misparsed_predicate(s, head):
        return False
    if t.dep in ("amod", "acl", "relcl", "compound") and t.pos in ("VERB", "ADJ", "AUX"):
        return True
    for a in [t, *s.ancestors(head)[:3]]:
        if a.dep == "advcl" and any(m.lower in BACKGROUND_MARKS
                                    for m in roles.children(s, a.i, {"mark"})):
            return True
        main = a.head in acts or any(c.i in acts for c in roles.children(s, a.head, {"nsubj"}))
        if a.dep == "advcl" and main and a.tag in ("VBD", "VBN") and any(
            m.lower in ("after", "before") for m in roles.children(s, a.i, {"mark"})
        ) and roles.children(s, a.i, {"nsubj", "nsubjpass"}):
            return True  # "riots broke out after a driver was killed": the cause, told before
        if a.dep in ("relcl", "acl") and a is not t and a.pos == "VERB":
            return True
    return False


_RELATIVE_WORDS = frozenset({"who", "which", "that", "whom", "whose", "where"})


def _misparsed_predicate(s: Sentence, head: int) -> bool:
    """"Over 1,000 people from twelve towns protested in Dili": with no verb above it, a
    verb the parser hung under a noun as a reduced relative is the sentence's predicate."""
    t = s.tokens[head]
    if t.pos != "VERB" or t.dep not in ("acl", "relcl"):
        return False
    if t.tag not in ("VBD", "VBN"):
        return False
    if any(c.lower in _RELATIVE_WORDS or c.tag in ("WDT", "WP", "WRB")
           for c in s.tokens if c.head == t.i and c.i != t.i):
        return False
    if roles.children(s, t.i, {"aux", "auxpass", "nsubj", "nsubjpass", "mark"}):
        return False  # a relative clause of its own ("the house they attacked")
    return not any(a.pos in ("VERB", "AUX") for a in s.ancestors(head))


def _nominal_licensed(s: Sentence, head: int, has_count: bool) -> tuple[bool, bool]:
    """(licensed, anaphoric) for a noun trigger."""
    t = s.tokens[head]
    det = _determiner(s, head)
    plural = t.tag in ("NNS", "NNPS")
    anaphoric = det in ("this", "these", "that", "those", "the", "such") or any(
        c.lower in ("similar", "same") for c in roles.children(s, head, {"amod"}))
    gov = s.tokens[t.head] if t.head != t.i else None
    if has_count:
        return True, anaphoric
    if t.dep == "ROOT":
        return not plural, anaphoric
    if t.dep in ("nsubj", "nsubjpass") and gov is not None:
        if plural:
            return _is(gov, RESULT_VERBS), anaphoric
        return True, anaphoric
    if t.dep == "attr" and gov is not None and gov.lemma == "be" and any(
        c.dep == "expl" for c in roles.children(s, gov.i, {"expl"})
    ):
        return True, anaphoric  # "there was an armed clash", "there were clashes"
    if plural:
        # "forces carried out air strikes near X": a finite light verb reports the acts
        ok = t.dep in ("dobj", "obj") and gov is not None and gov.tag == "VBD" and _is(
            gov, LIGHT_VERBS)
        return ok, anaphoric
    if t.dep in ("dobj", "obj") and gov is not None:
        return _is(gov, LIGHT_VERBS) or _is(gov, _report_verbs()), anaphoric
    if t.dep == "pobj" and gov is not None and gov.head != gov.i:
        top = s.tokens[gov.head]
        if gov.lower == "for" and top.lemma == "responsibility":
            return True, anaphoric
        if gov.lower in LICENSING_PREPS and top.pos in ("VERB", "AUX"):
            return True, anaphoric
    return False, anaphoric


def _nominal_agent(s: Sentence, head: int) -> Mention | None:
    """Who carried out a nominal act: "Israel's attack", "US strikes", "attacks by X",
    "attacks carried out by X", or the subject of the light verb ("X launched an attack")."""
    t = s.tokens[head]
    for c in roles.children(s, head, {"poss"}):
        m = actor_phrase(s, c)
        if m is not None:
            return m
    for c in roles.children(s, head, {"compound", "amod", "nmod"}):
        named = c.pos == "PROPN" or c.ent in ("GPE", "NORP", "ORG")
        if named and is_weapon(s, c) is None:
            return actor_phrase(s, c)
    by = roles.by_agent(s, head)
    if by is not None and is_weapon(s, by) is None:
        return actor_phrase(s, by)
    for c in roles.children(s, head, {"acl"}):
        by = roles.by_agent(s, c.i)
        if by is not None and is_weapon(s, by) is None:
            return actor_phrase(s, by)
    gov = s.tokens[t.head]
    if t.dep in ("dobj", "pobj") and gov.pos == "VERB" and gov.dep == "acl":
        return actor_phrase(s, s.tokens[gov.head])  # "forces carrying out attacks"
    if t.dep in ("dobj", "obj") and (_is(gov, LIGHT_VERBS) or _is(gov, _report_verbs())):
        return actor_phrase(s, roles.verbal_subject(s, gov.i))
    if t.dep == "pobj":
        prep = s.tokens[t.head]
        top = s.tokens[prep.head]
        if top.lemma == "responsibility":
            claim = s.tokens[top.head]
            return actor_phrase(s, roles.verbal_subject(s, claim.i))
    if t.dep in ("dobj", "pobj") and gov.pos == "VERB" and gov.dep == "acl":
        return actor_phrase(s, s.tokens[gov.head])  # "forces carrying out attacks"
    return None


def _report_verbs() -> frozenset[str]:
    return frozenset(lexicon.speech()["report"])


def _nominal_patient(s: Sentence, head: int, match: tuple[int, ...] = ()) -> Mention | None:
    for i in match:  # "formation of a committee with X": the pattern's own preposition
        if s.tokens[i].pos == "ADP":
            obj = roles.first_child(s, i, {"pobj"})
            if obj is not None:
                return actor_phrase(s, obj)
    objs = roles.prep_objects(s, head, roles.TARGET_PREPS | {"among"})
    t = s.tokens[head]
    if not objs and t.dep in ("dobj", "obj"):
        objs = roles.prep_objects(s, t.head, roles.TARGET_PREPS)
    for o in objs:
        if is_weapon(s, o) is None:
            return actor_phrase(s, o)
    return None


def _verbal_roles(s: Sentence, head: int, category: str,
                  match: tuple[int, ...] = ()) -> tuple[Mention | None, Mention | None,
                                                       int | None]:
    """(agent, patient, weapon token) of a verb trigger."""
    weapon: int | None = None
    if roles.is_passive(s, head):
        subj = roles.first_child(s, head, roles.PASSIVE_SUBJECTS)
        agent_tok = roles.by_agent(s, head)
        patient_tok = subj
    else:
        agent_tok = roles.verbal_subject(s, head)
        patient_tok = roles.verbal_object(s, head)
        if patient_tok is not None and patient_tok.i in match:
            # "opened fire on X": "fire" belongs to the trigger; but "ending the existence
            # of X" names X through the matched noun
            inner = actor_phrase(s, patient_tok)
            if inner is None or inner.head == patient_tok.i:
                patient_tok = None
        if patient_tok is None:
            objs = [o for i in (head, *match)
                    for o in roles.prep_objects(s, i, roles.TARGET_PREPS | roles.PARTNER_PREPS)]
            patient_tok = objs[0] if objs else None
    if agent_tok is not None and is_weapon(s, agent_tok) is not None:
        weapon = agent_tok.i
        # "a Russian drone": the weapon's owner is the agent
        owner = [c for c in roles.children(s, agent_tok.i, {"compound", "amod", "poss"})
                 if c.ent in ("GPE", "NORP", "ORG") or c.pos == "PROPN"]
        agent_tok = owner[0] if owner else None
    if patient_tok is not None and is_weapon(s, patient_tok) is not None and category == "ASSAULT":
        weapon = patient_tok.i  # "fired rockets at X": the target is the "at" object
        objs = roles.prep_objects(s, head, roles.TARGET_PREPS)
        patient_tok = objs[0] if objs else None
    if patient_tok is not None and patient_tok.lemma == "time":
        patient_tok = None  # "struck three times": a count, not a target
    agent = actor_phrase(s, agent_tok)
    patient = actor_phrase(s, patient_tok)
    return agent, patient, weapon


def sentence_frames(s: Sentence, text: str) -> list[Frame]:
    """Frames of one parsed sentence (before document-level merging)."""
    if not s.parsed:
        return []
    matches = lexicon.triggers().match(s)
    if not matches:
        return []
    groups = _fold(s, matches)
    directive_heads = {rep.head for rep, _ in groups
                       if rep.pattern.category in DIRECTIVE and s.tokens[rep.head].pos == "VERB"}
    # a demonstration's demands are part of it, not statements of their own
    protest_heads = {rep.head for rep, _ in groups if rep.pattern.category == "PROTEST"}
    att = attribution(s)
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
        if t.dep in ("amod", "compound") and t.pos in ("VERB", "ADJ"):
            continue  # "Iran-backed": a modifier, not an act
        if category in DIRECTIVE and t.pos not in ("VERB", "AUX"):
            continue  # nominal "support", "request": not a statement of its own
        if _in_directive_content(s, rep.head, directive_heads - {rep.head}):
            continue
        if kind == "statement" and _in_directive_content(s, rep.head, protest_heads):
            continue
        if category != "PROTEST" and _protested_against(s, rep.head, protest_heads):
            continue
        if _background(s, rep.head, acts):
            continue
        head = rep.head
        count = _count(s, head, text)
        if count is None and t.pos in ("VERB", "AUX"):
            # "carried out more than 40 attacks": the counted noun is the event
            for i in rep.tokens:
                if s.tokens[i].pos == "NOUN" and (c := _count(s, i, text)) is not None:
                    head, count, t = i, c, s.tokens[i]
                    break
        nominal = t.pos in ("NOUN", "PROPN")
        anaphoric = False
        if nominal and t.dep not in ("nsubj", "nsubjpass", "ROOT") and not _participants(
        ).isdisjoint(lexicon.forms(t)):
            continue  # "police arrested two protesters": people, not a protest
        if nominal:
            ok, anaphoric = _nominal_licensed(s, head, count is not None)
            if not ok:
                continue
        modes = [m.pattern.mode for m in members if m.pattern.mode]
        mode = rep.pattern.mode or (min(modes, key=_rank) if modes else None)
        tags = tuple(sorted({tag for m in members for tag in m.pattern.tags}))
        idx = sorted({i for m in members for i in m.tokens})
        if nominal:
            agent, weapon = _nominal_agent(s, head), None
            patient = _nominal_patient(s, head, tuple(idx))
        else:
            agent, patient, weapon = _verbal_roles(s, rep.head, category, tuple(idx))
            if agent is None:  # "US strikes targeted ...": the folded noun's owner acts
                for m in members:
                    if m.head != rep.head and s.tokens[m.head].pos == "NOUN":
                        agent = _nominal_agent(s, m.head) or agent
        # weapon words among the arguments fix the mode ("targeted by several rockets")
        arg_idx = [i for m in members for i in m.tokens]
        for c in s.tokens:
            if c.head in arg_idx and c.dep in ("nsubj", "nsubjpass", "dobj", "compound", "nmod",
                                               "amod", "agent", "prep"):
                arg_idx.append(c.i)
                if c.dep in ("prep", "agent"):
                    arg_idx.extend(p.i for p in roles.children(s, c.i, {"pobj"}))
        if weapon is not None:
            arg_idx.append(weapon)
        wmodes = weapon_modes(s, arg_idx)
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
        factuality = attribution_factuality(s, rep.head, attributed)
        gov = governing_report(s, rep.head)
        if kind == "statement" and gov is not None and (
            agent is None or (agent.pronoun and agent.text.lower() in ("we", "i"))
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
    frames.extend(_inferred(s, frames, matches, directive_heads))
    return frames


def _inferred(s: Sentence, frames: list[Frame], matches: list[TriggerMatch],
              directive_heads: set[int]) -> list[Frame]:
    """Statements a speaker makes without a statement verb: asserting that someone carried
    out attacks is an accusation; asserting that one's own act did no harm is a denial."""
    out: list[Frame] = []
    if any(f.kind == "statement" for f in frames):
        return out
    for m in matches:
        if m.pattern.category != "ASSAULT":
            continue
        gov = governing_report(s, m.head, clausal_only=True)
        if gov is None:
            continue
        if _in_directive_content(s, m.head, directive_heads):
            continue
        t = s.tokens[m.head]
        nouns = [i for i in m.tokens if s.tokens[i].tag == "NNS"]
        if t.pos == "VERB" and nouns:  # "carrying out attacks": the noun names the acts
            t = s.tokens[nouns[0]]
        if roles.negated(s, m.head) and t.pos == "VERB":
            out.append(Frame(s.index, "REJECT", None, "statement", (), m.head,
                             _span(s, m.tokens), agent=gov, inferred=True,
                             attributed=Attributed(gov, "denial")))
            break
        if t.pos == "NOUN" and t.tag == "NNS":
            agent = _nominal_agent(s, t.i)
            if agent is not None and agent.text != gov.text:
                out.append(Frame(s.index, "ACCUSE", "allege", "statement", (), m.head,
                                 _span(s, m.tokens), agent=gov, patient=agent, inferred=True))
                break
    return out


def is_incident_category(category: str) -> bool:
    return category in INCIDENT_CATEGORIES


def token_text(s: Sentence, t: Token) -> str:
    return s.text[t.start - s.start : t.end - s.start]


def attack_agents(s: Sentence) -> list[Mention]:
    """Who the sentence says carries out attacks, events or not ("attacks carried out by
    armed groups", "armed groups targeting the coalition"): antecedents for "these attacks"."""
    if not s.parsed:
        return []
    out = []
    for m in lexicon.triggers().match(s):
        if m.pattern.category != "ASSAULT":
            continue
        t = s.tokens[m.head]
        agent = None
        if t.pos in ("NOUN", "PROPN"):
            agent = _nominal_agent(s, m.head)
        elif t.dep == "acl":
            agent = actor_phrase(s, s.tokens[t.head])
        else:
            agent = actor_phrase(s, roles.verbal_subject(s, m.head))
        if agent is not None and not agent.pronoun:
            out.append(agent)
    return out
