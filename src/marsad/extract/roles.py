"""Grammatical roles around a trigger, read from the dependency parse.

Agent and patient of verbs (active and passive), the "by" agent, objects of "on", "at",
"against", "with"; arguments of nominal triggers (possessives, compounds, "by" phrases,
participles that describe them: "attacks carried out by armed groups").

The parser's labels and the prepositions come from the language profile (`parser.yaml`,
`words.yaml`): "active_subject_deps", "object_deps", "target_preps", ...
"""

from __future__ import annotations

from marsad.analyse import Sentence, Token
from marsad.context import Context
from marsad.extract import lexicon
from marsad.extract.licensing import has_form, people_of, report_verbs
from marsad.extract.mentions import actor_phrase, is_weapon
from marsad.extract.tree import children, first_child
from marsad.types import Mention

# Acts done to people, which a participle on them tells ("the filmmaker murdered",
# "kidnapped aid worker", "workers who were freed").
DONE_TO = frozenset({"ASSAULT", "COERCE", "RETREAT"})
# Statements that answer what someone else did or said: their object's maker is the one
# answered ("rejected an attempt by the government", "condemned the killing by soldiers").
ANSWERS = frozenset({"REJECT", "ACCUSE", "SUPPORT", "AGREE", "CONCEDE"})
# Acts addressed to someone, whom an "addressee" preposition names when the verb has no
# object ("apologized to Egypt", "appealed to the government to ...").
ADDRESSED = frozenset({"CONCEDE", "REQUEST"})


def arguments(ctx: Context) -> frozenset[str]:
    """The labels of a verb's subjects and objects, active and passive."""
    p = ctx.profile
    return (p.labels("object_deps") | p.labels("passive_subject_deps")
            | p.labels("active_subject_deps"))


def is_passive(ctx: Context, s: Sentence, i: int) -> bool:
    p = ctx.profile
    passive = p.labels("passive_subject_deps") | p.labels("passive_aux_deps")
    return any(t.dep in passive for t in children(s, i))


def prep_objects(ctx: Context, s: Sentence, i: int, preps: frozenset[str]) -> list[Token]:
    """Objects of the given prepositions attached to token i ("fired at X" → X)."""
    p = ctx.profile
    out = []
    numbers, of = p.labels("number_pos"), p.labels("preposition_deps")
    for c in children(s, i, of):
        if c.lower in preps:
            # a number alone is a clock time ("at 1600", "at about 0730"), never a party;
            # "at two of the protesters" names them
            out.extend(o for o in children(s, c.i, p.labels("prep_complement_deps"))
                       if o.pos not in numbers or children(s, o.i, of))
    return out


def by_agent(ctx: Context, s: Sentence, i: int) -> Token | None:
    p = ctx.profile
    for c in children(s, i, p.labels("preposition_deps")):
        if c.lower in p.words("agent_preps"):
            obj = first_child(s, c.i, p.labels("prep_object_dep"))
            if obj is not None:
                return obj
    return None


def said_by_agent(ctx: Context, s: Sentence, head: int) -> bool:
    """A statement told as a participle with its speaker ("a commander accused by comrades of
    riddling ..."): it was said."""
    return s.tokens[head].tag in ctx.profile.labels("past_participle_tag") and (
        by_agent(ctx, s, head) is not None)


def verbal_subject(ctx: Context, s: Sentence, i: int) -> Token | None:
    """The subject of verb i, borrowed from the first conjunct or the governing verb when i
    has none ("shot and killed": both share the subject; "began launching": xcomp)."""
    subjects = ctx.profile.labels("active_subject_deps")
    seen = 0
    cur = s.tokens[i]
    while seen < 4:
        subjs = [t for t in children(s, cur.i, subjects) if t.i < cur.i] or children(
            s, cur.i, subjects)
        if subjs:  # two subjects (a dateline parsed as one): the nearest is the real one
            return subjs[-1]
        if cur.dep in ctx.profile.labels("governed_verb_deps") and cur.head != cur.i:
            cur = s.tokens[cur.head]
            seen += 1
            continue
        if (cur.dep in ctx.profile.labels("adverbial_clause_dep") and cur.head != cur.i
                and cur.tag in ctx.profile.labels("gerund_tag")
                and not is_passive(ctx, s, cur.head)):
            # "troops stormed the camp, killing 10": the troops killed (not "the camp was
            # shelled, killing 10": the camp killed no one)
            cur = s.tokens[cur.head]
            seen += 1
            continue
        return None
    return None


def verbal_object(ctx: Context, s: Sentence, i: int) -> Token | None:
    p = ctx.profile
    obj = first_child(s, i, p.labels("object_deps"))
    if obj is None and s.tokens[i].dep in p.labels("conj_dep"):
        # "attacked and killed a man": objects are often attached only to the last conjunct
        for c in children(s, i, p.labels("conj_dep")):
            obj = first_child(s, c.i, p.labels("object_deps"))
            if obj is not None:
                break
    return obj


def negated(ctx: Context, s: Sentence, i: int) -> bool:
    """A negation on the trigger or on its object ("did not harm", "no facility was hit")."""
    p = ctx.profile
    if any(t.dep in p.labels("negation_dep") for t in children(s, i)):
        return True
    for arg in children(s, i, arguments(ctx)):
        if any(t.dep in p.labels("determiner_dep") and t.lower in p.words("negative_determiners")
               for t in children(s, arg.i)):
            return True
    return False


def paired_parties(ctx: Context, s: Sentence, head: int) -> tuple[Token, Token] | None:
    """The two sides an act's noun names together ("clashes between police and protesters":
    police, then protesters), else None ("fighting between the two sides" names neither)."""
    p = ctx.profile
    for c in children(s, head, p.labels("preposition_deps")):
        if c.lower not in p.words("paired_parties_preps"):
            continue
        first = first_child(s, c.i, p.labels("prep_object_dep"))
        if first is None:
            return None
        other = first_child(s, first.i, p.labels("conj_dep"))
        return (first, other) if other is not None else None
    return None


def site_near(ctx: Context, s: Sentence, verb: int) -> Token | None:
    """What was where a weapon went off, as the verb tells it ("exploded outside the
    education ministry", "went off near a US convoy"); an area is no target ("near
    Baghdad")."""
    p = ctx.profile
    sites = [o for o in prep_objects(ctx, s, verb, p.words("vicinity_preps"))
             if o.ent not in p.labels("area_entities")]
    return sites[0] if sites else None


def nominal_agent(ctx: Context, s: Sentence, head: int) -> Mention | None:
    """Who carried out a nominal act: "Israel's attack", "US strikes", "attacks by X",
    "attacks carried out by X", or the subject of the light verb ("X launched an attack")."""
    p = ctx.profile
    t = s.tokens[head]
    for c in children(s, head, p.labels("possessor_dep")):
        m = actor_phrase(ctx, s, c)
        if m is not None:
            return m
    for c in children(s, head, p.labels("nominal_modifier_deps")):
        named = c.pos in p.labels("proper_noun_pos") or c.ent in p.labels("agent_entities")
        maker = named or c.lemma.lower() in p.words("act_maker_nouns")  # "police firing"
        if maker and is_weapon(ctx, s, c) is None:
            return actor_phrase(ctx, s, c)
    by = by_agent(ctx, s, head)
    if by is not None and is_weapon(ctx, s, by) is None:
        return actor_phrase(ctx, s, by)
    acl = p.labels("clausal_modifier_dep")
    for c in children(s, head, acl):
        by = by_agent(ctx, s, c.i)
        if by is not None and is_weapon(ctx, s, by) is None:
            return actor_phrase(ctx, s, by)
    gov = s.tokens[t.head]
    acted_on = p.labels("acted_on_deps")
    verb = p.labels("lexical_verb_pos")
    if t.dep in acted_on and gov.pos in verb and gov.dep in acl:
        return actor_phrase(ctx, s, s.tokens[gov.head])  # "forces carrying out attacks"
    if t.dep in p.labels("object_deps") and (
        has_form(ctx, gov, p.words("light_verbs")) or has_form(ctx, gov, report_verbs(p))
    ):
        return actor_phrase(ctx, s, verbal_subject(ctx, s, gov.i))
    if t.dep in p.labels("prep_object_dep"):
        prep = s.tokens[t.head]
        top = s.tokens[prep.head]
        if top.lemma in p.words("responsibility_nouns"):
            claim = s.tokens[top.head]
            return actor_phrase(ctx, s, verbal_subject(ctx, s, claim.i))
    paired = paired_parties(ctx, s, head)
    if paired is not None:  # "clashes between police and protesters": the police
        return actor_phrase(ctx, s, paired[0])
    return None


def nominal_patient(ctx: Context, s: Sentence, head: int,
                     match: tuple[int, ...] = ()) -> Mention | None:
    p = ctx.profile
    paired = paired_parties(ctx, s, head)
    if paired is not None:  # "clashes between police and protesters": the protesters
        return actor_phrase(ctx, s, paired[1])
    for i in match:  # "formation of a committee with X": the pattern's own preposition
        if s.tokens[i].pos in p.labels("adposition_pos"):
            obj = first_child(s, i, p.labels("prep_object_dep"))
            if obj is not None:
                return actor_phrase(ctx, s, obj)
    targets = p.words("target_preps")
    objs = prep_objects(ctx, s, head, targets | p.words("nominal_target_preps"))
    t = s.tokens[head]
    if not objs and t.dep in p.labels("object_deps"):
        objs = prep_objects(ctx, s, t.head, targets)
    if not objs:  # "the assassination of Hector Oqueli", "the killing of civilians"
        objs = people_of(ctx, s, head)
    if not objs and t.dep in p.labels("active_subject_deps") and t.head != t.i and (
            is_weapon(ctx, s, t) is not None):
        site = site_near(ctx, s, t.head)  # "a car bomb exploded outside the ministry"
        objs = [site] if site is not None else []
    for o in objs:
        if is_weapon(ctx, s, o) is None:
            return actor_phrase(ctx, s, o)
    return None


def _participle_head(ctx: Context, s: Sentence, head: int) -> Token | None:
    """The noun a past participle describes ("the filmmaker murdered", "kidnapped aid
    worker"), when the participle has no subject of its own; else None."""
    p = ctx.profile
    t = s.tokens[head]
    if t.tag not in p.labels("past_participle_tag") or t.head == t.i or t.dep not in (
            p.labels("relative_clause_deps") | p.labels("attributive_deps")):
        return None
    verbs = [t, *children(s, head, p.labels("conj_dep"))]
    if any(children(s, v.i, p.labels("subject_deps") | p.labels("passive_subject_deps")
                    | p.labels("object_deps")) for v in verbs):
        return None  # "armed men killed 16 people" misread as "men [who were] killed"
    noun = s.tokens[t.head]
    if noun.pos not in p.labels("noun_pos") or noun.dep in p.labels("root_dep"):
        return None  # a noun with no verb of its own: the participle is the sentence's verb
    return noun


def _names_an_act(ctx: Context, t: Token) -> bool:
    """"attack" in "a Taliban attack killed five": an act as a verb's subject. Nouns for
    people that also trigger an act ("protesters") are people."""
    p = ctx.profile
    if t.pos not in p.labels("common_noun_pos"):
        return False
    return not lexicon.is_actor_noun(p, t) and lexicon.triggers(p).names_an_act(t.lemma)


def verbal_roles(ctx: Context, s: Sentence, head: int, category: str,
                  match: tuple[int, ...] = ()) -> tuple[Mention | None, Mention | None,
                                                       int | None]:
    """(agent, patient, weapon token) of a verb trigger."""
    p = ctx.profile
    targets = p.words("target_preps")
    weapon: int | None = None
    done_to = _participle_head(ctx, s, head) if category in DONE_TO else None
    if done_to is not None:
        # "a Dutch filmmaker murdered in Amsterdam", "kidnapped aid worker Margaret Hassan",
        # "10 employees kidnapped by militants": the noun it describes is the one it was done to
        agent_tok, patient_tok = by_agent(ctx, s, head), done_to
    elif is_passive(ctx, s, head):
        subj = first_child(s, head, p.labels("passive_subject_deps"))
        agent_tok = by_agent(ctx, s, head)
        patient_tok = subj
        if subj is not None and subj.lower in p.words("relative_words") and (
                s.tokens[head].dep in p.labels("relative_clause_deps")):
            patient_tok = s.tokens[s.tokens[head].head]  # "workers who were freed": workers
    else:
        agent_tok = verbal_subject(ctx, s, head)
        patient_tok = verbal_object(ctx, s, head)
        if patient_tok is not None and patient_tok.i in match:
            # "opened fire on X": "fire" belongs to the trigger; but "ending the existence
            # of X" names X through the matched noun
            inner = actor_phrase(ctx, s, patient_tok)
            if inner is None or inner.head == patient_tok.i:
                patient_tok = None
        if patient_tok is None:
            preps = targets | p.words("partner_preps")
            if category in ADDRESSED:
                preps = preps | p.words("addressee_preps")
            if category == "PROTEST":
                # "protested against the reform", "demonstrated at the headquarters": the
                # grievance and the site, not a party ("clashed with police" is one)
                preps = p.words("partner_preps")
            # the first that names someone: "struck on Sunday" names a day, not a target
            objs = [o for i in (head, *match) for o in prep_objects(ctx, s, i, preps)
                    if actor_phrase(ctx, s, o) is not None]
            patient_tok = objs[0] if objs else None
    if agent_tok is not None and is_weapon(ctx, s, agent_tok) is not None:
        weapon = agent_tok.i
        # "a Russian drone": the weapon's owner is the agent
        owner = [c for c in children(s, agent_tok.i, p.labels("owner_deps"))
                 if c.ent in p.labels("agent_entities") or c.pos in p.labels("proper_noun_pos")]
        agent_tok = owner[0] if owner else None
    if patient_tok is None and weapon is not None and category == "ASSAULT":
        patient_tok = site_near(ctx, s, head)  # "a bomb exploded outside the ministry"
    if (patient_tok is not None and is_weapon(ctx, s, patient_tok) is not None
            and category == "ASSAULT"):
        weapon = patient_tok.i  # "fired rockets at X": the target is the "at" object
        objs = prep_objects(ctx, s, head, targets)
        patient_tok = objs[0] if objs else None
    if patient_tok is not None and patient_tok.lemma in p.words("repetition_lemmas"):
        patient_tok = None  # "struck three times": a count, not a target
    if category in ANSWERS and patient_tok is not None and (
            patient_tok.pos in p.labels("common_noun_pos")):
        maker = by_agent(ctx, s, patient_tok.i)
        if maker is not None:
            patient_tok = maker  # "rejected an attempt by the government": the government
        elif lexicon.triggers(p).names_an_act(patient_tok.lemma):
            patient_tok = None  # "condemned the beheading": the act; who did it goes unnamed
    agent = actor_phrase(ctx, s, agent_tok)
    if agent_tok is not None and _names_an_act(ctx, agent_tok):
        agent = nominal_agent(ctx, s, agent_tok.i)  # "a Taliban attack killed five": Taliban
    elif agent is None and agent_tok is not None and (
            paired := paired_parties(ctx, s, agent_tok.i)) is not None:
        agent = actor_phrase(ctx, s, paired[0])  # "fighting between the army and rebels killed"
    patient = actor_phrase(ctx, s, patient_tok)
    if patient is not None and category != "ASSAULT" and not names_a_party(ctx, s, patient):
        patient = None  # "suspended on suspicion", "surged into the heart of": no one named
    return agent, patient, weapon


def names_a_party(ctx: Context, s: Sentence, mention: Mention) -> bool:
    """Whether a phrase names someone (CODING.md: actor2 is null when the text names no
    one): a pronoun, a name, a person, or a noun of people or groups ("police", "rebels",
    "officials"). An attack's target may be a thing ("a pipeline was damaged"); what else
    is done is done to someone."""
    head = s.tokens[mention.head]
    if mention.pronoun or mention.named or mention.person or mention.sector or mention.title:
        return True
    # a country or a city acts through its government ("urged China", "Japan pulled out")
    return head.pos in ctx.profile.labels("proper_noun_pos") or lexicon.is_party_noun(
        ctx.profile, head)


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
            agent = nominal_agent(ctx, s, m.head)
        elif t.dep in ctx.profile.labels("clausal_modifier_dep"):
            agent = actor_phrase(ctx, s, s.tokens[t.head])
        else:
            agent = actor_phrase(ctx, s, verbal_subject(ctx, s, m.head))
        if agent is not None and not agent.pronoun:
            out.append(agent)
    return out
