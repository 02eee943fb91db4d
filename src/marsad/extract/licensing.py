"""Whether a trigger in a sentence reports an act, read from the parse.

A noun trigger needs a clause around it ("the attack killed", "killed in an attack", "carried
out an attack", a count "over 70 attacks"); a generic plural ("launching attacks against"), a
background phrase ("after its attack", a relative clause, a causal clause), what a protest is
against and what a statement demands are not events of their own. The words and parser labels
come from the language profile (words.yaml, parser.yaml): "light_verbs" carry a nominal event
as their object ("carried out an attack"); "result_verbs" with an attack as subject mean it
happened ("the blast killed two"); "licensing_preps" license a nominal trigger under a verb
("killed in an airstrike").
"""

from __future__ import annotations

from collections.abc import Iterable

from marsad.analyse import Sentence, Token
from marsad.analyse.profiles import LanguageProfile
from marsad.context import Context
from marsad.extract import lexicon
from marsad.extract.tree import children, clause_verb
from marsad.types import Mention


def has_form(ctx: Context, t: Token, words: frozenset[str]) -> bool:
    return not words.isdisjoint(lexicon.forms(ctx.profile, t))


def determiner(ctx: Context, s: Sentence, i: int) -> str | None:
    for t in children(s, i, ctx.profile.labels("determiner_deps")):
        return t.lower
    return None


def participants(profile: LanguageProfile) -> frozenset[str]:
    return lexicon.actor_nouns(profile)["protester"]


def protested_against(ctx: Context, s: Sentence, head: int, protest_heads: set[int]) -> bool:
    """"students demonstrated against the teachers' strike", "a protest over the killing of
    a driver": what a protest is against is its grievance, not an act reported here."""
    prev = s.tokens[head]
    for a in s.ancestors(head):
        if a.i in protest_heads:
            return prev.dep in ctx.profile.labels("prep_dep") and prev.lower in ctx.profile.words(
                "grievance_preps")
        prev = a
    return False


def in_directive_content(ctx: Context, s: Sentence, head: int, directive_heads: set[int]) -> bool:
    """Whether the trigger is what a statement is about ("demanded an end to the strikes"); an
    act dated by a clause under it is not ("apologized after a tank crew fired on a patrol")."""
    p = ctx.profile
    advcl, mark = p.labels("adverbial_clause_dep"), p.labels("mark_dep")
    for a in [s.tokens[head], *s.ancestors(head)]:
        if a.i in directive_heads and a.i != head:
            return True
        if a.dep in advcl and a.head in directive_heads and any(
                m.lower in p.words("sequence_marks") for m in children(s, a.i, mark)):
            return False  # the statement's own time ("apologized after ..."), not its content
        if a.dep in p.labels("conj_dep") and a.head in directive_heads:
            return False  # "urged X to ..., and pressed Y to ...": a second act beside it
    return False


def infinitive_after(ctx: Context, s: Sentence, head: int, nouns: set[int]) -> bool:
    """An infinitive right after a statement noun (`nouns`) is its content whatever the
    parser attached it to: headlines misparse "Netanyahu Threat to Resign" as resigning."""
    p = ctx.profile
    return any(m.tag in p.labels("infinitive_tag") and m.i - 1 in nouns and m.i - 1 != head
               for m in children(s, head, p.labels("auxiliary_deps")))


def background(ctx: Context, s: Sentence, head: int, acts: frozenset[int] = frozenset()) -> bool:
    """Descriptive or explanatory position: a participle describing a noun, a relative
    clause, a causal clause, a modifier ("Iran-backed"), or a prior act dating another one
    (`acts`: the sentence's incident triggers)."""
    p = ctx.profile
    t = s.tokens[head]
    if misparsed_predicate(ctx, s, head):
        return False
    if t.dep in p.labels("descriptive_deps") and t.pos in p.labels("descriptive_pos"):
        return True
    advcl, mark = p.labels("adverbial_clause_dep"), p.labels("mark_dep")
    for a in [t, *s.ancestors(head)[:3]]:
        if a.dep in advcl and any(m.lower in p.words("background_marks")
                                  for m in children(s, a.i, mark)):
            return True
        main = a.head in acts or any(
            c.i in acts for c in children(s, a.head, p.labels("nominal_subject_dep")))
        if a.dep in advcl and main and a.tag in p.labels("past_tags") and any(
            m.lower in p.words("sequence_marks") for m in children(s, a.i, mark)
        ) and children(s, a.i, p.labels("subject_deps")):
            return True  # "riots broke out after a driver was killed": the cause, told before
        if a.dep in p.labels("relative_clause_deps") and a is not t and a.pos in p.labels(
            "lexical_verb_pos"
        ):
            return True
    return False


def misparsed_predicate(ctx: Context, s: Sentence, head: int) -> bool:
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
    if children(s, t.i, p.labels("own_clause_deps")):
        return False  # a relative clause of its own ("the house they attacked")
    return not any(a.pos in p.labels("verb_pos") for a in s.ancestors(head))


def in_series(ctx: Context, s: Sentence, head: int) -> bool:
    """A noun trigger told as a run of acts: "a spate of attacks", "three days of fighting",
    "an increase of violence"."""
    p = ctx.profile
    t = s.tokens[head]
    if t.dep not in p.labels("prep_object_dep") or t.head == t.i:
        return False
    prep = s.tokens[t.head]
    return prep.lower in p.words("series_preps") and prep.head != prep.i and (
        s.tokens[prep.head].lemma in p.words("series_nouns"))


def amid_acts(ctx: Context, s: Sentence, head: int) -> bool:
    """Plural acts told as the circumstance of another ("conditions worsen amid violent
    attacks"): acts over a period, an aggregate."""
    p = ctx.profile
    t = s.tokens[head]
    if t.tag not in p.labels("plural_tags") or t.dep not in p.labels("prep_object_dep"):
        return False
    return t.head != t.i and s.tokens[t.head].lower in p.words("circumstance_preps")


def of_campaign(ctx: Context, s: Sentence, head: int) -> bool:
    """A verb telling what a campaign did ("a crushing offensive that has killed more than
    100"): the campaign's acts, an aggregate."""
    p = ctx.profile
    t = s.tokens[head]
    return t.dep in p.labels("relative_clause_deps") and t.head != t.i and (
        s.tokens[t.head].lemma in p.words("campaign_nouns"))


def campaign(ctx: Context, s: Sentence, head: int) -> bool:
    """A noun trigger that names acts over a period: a series, a campaign by its meaning
    ("the offensive", "the insurgency", "violence"), or plural acts as a circumstance: an
    aggregate (CODING.md)."""
    return in_series(ctx, s, head) or amid_acts(ctx, s, head) or s.tokens[head].lemma in (
        ctx.profile.words("campaign_nouns"))


def dated_apart(ctx: Context, s: Sentence, head: int) -> bool:
    """An act dated against another by a distance ("24 hours after an almost identical
    attack", "a week before the bombing"): an earlier or later act, not the same one."""
    p = ctx.profile
    t = s.tokens[head]
    if t.dep not in p.labels("prep_object_dep") or t.head == t.i:
        return False
    prep = s.tokens[t.head]
    return prep.lower in p.words("sequence_marks") and any(
        c.dep not in p.labels("prep_object_dep") for c in children(s, prep.i))


def delivered(ctx: Context, s: Sentence, head: int) -> bool:
    """A spoken act carried by a verb of delivery ("a letter contained death threats",
    "received warnings", "issued a demand"): it was made."""
    p = ctx.profile
    t = s.tokens[head]
    if t.dep not in p.labels("object_deps") or t.head == t.i:
        return False
    gov = s.tokens[t.head]
    return gov.lemma in p.words("delivery_verbs") and gov.tag in p.labels("past_tags")


def responded_to(ctx: Context, s: Sentence, head: int) -> bool:
    """A proposal told as what another answers ("rebuffed suggestions that it accept the
    Taiwanese President's offer of talks", "Iran's response to an offer"): it was made."""
    p = ctx.profile
    t = s.tokens[head]
    if t.pos not in p.labels("noun_pos") or t.head == t.i:
        return False
    gov = s.tokens[t.head]
    if t.dep in p.labels("prep_object_dep") and gov.head != gov.i:
        gov = s.tokens[gov.head]  # "response to an offer"
    elif t.dep not in p.labels("object_deps"):
        return False
    return gov.lemma in p.words("response_words")


def between_parties(ctx: Context, s: Sentence, head: int) -> bool:
    """Talks told with their parties ("peace talks between Sudan's government and Darfur
    rebels struggled"): they are being held."""
    p = ctx.profile
    return any(c.lower in p.words("parties_preps") and children(s, c.i, p.labels(
        "prep_object_dep")) for c in children(s, head, p.labels("preposition_deps")))


def relative_speaker(ctx: Context, s: Sentence, head: int) -> bool:
    """A statement told in a relative clause about its speaker ("Pope John Paul II, who urged
    him to ..."): said, not background."""
    p = ctx.profile
    t = s.tokens[head]
    return t.dep in p.labels("relative_clause_deps") and any(
        c.tag in p.labels("wh_tags") for c in children(s, head, p.labels("subject_deps")))


def over_period(ctx: Context, s: Sentence, head: int) -> bool:
    """Whether the clause of a counted trigger spreads its acts over a period ("over 70
    attacks since October 17th", "40 attacks this year")."""
    p = ctx.profile
    verb = clause_verb(s, head, p.labels("verb_pos"))
    return _says_any(s, verb, p.words("period_phrases"))


def _says_any(s: Sentence, head: int, phrases: Iterable[str]) -> bool:
    """Whether the subtree of token `head` holds one of the phrases, word for word."""
    words = [t.lower for t in s.subtree(head)]
    for phrase in phrases:
        seq = phrase.split()
        n = len(seq)
        if any(words[i : i + n] == seq for i in range(len(words) - n + 1)):
            return True
    return False


def tally(ctx: Context, s: Sentence, head: int) -> bool:
    """A verb in the perfect over an open period ("fourteen people have been killed since a
    visit", "has killed more than 500 this year"): a running toll of many acts, an aggregate
    (CODING.md), not one incident."""
    p = ctx.profile
    t = s.tokens[head]
    if t.pos not in p.labels("verb_pos"):
        return False
    if not any(c.lemma in p.words("perfect_aux_lemmas")
               for c in children(s, head, p.labels("auxiliary_deps"))):
        return False
    return _says_any(s, head, p.words("tally_phrases"))


def nominal_licensed(ctx: Context, s: Sentence, head: int, has_count: bool,
                     asserting: frozenset[int] = frozenset()) -> tuple[bool, bool]:
    """(licensed, anaphoric) for a noun trigger; `asserting`: the verbs whose object is an
    act that happened ("condemned the beheading")."""
    p = ctx.profile
    t = s.tokens[head]
    det = determiner(ctx, s, head)
    plural = t.tag in p.labels("plural_tags")
    anaphoric = det in p.words("anaphoric_determiners") or any(
        c.lower in p.words("anaphoric_adjectives")
        for c in children(s, head, p.labels("adjective_dep")))
    gov = s.tokens[t.head] if t.head != t.i else None
    if has_count or t.lemma in p.words("victim_nouns") or in_series(ctx, s, head):
        return True, anaphoric  # "over 70 attacks"; "hostage X": someone was taken
    if gov is not None and t.dep in p.labels("nominal_modifier_deps") and (
        gov.lemma in p.words("victim_heads")
    ):
        return True, anaphoric  # "kidnap victim Margaret Hassan": she was taken
    if not plural and named_victims_of(ctx, s, head):
        return True, anaphoric  # "the murder of Archbishop Oscar Romero": one known act
    if any(has_form(ctx, c, p.words("result_verbs")) and not _modal_aux(ctx, s, c)
           for c in children(s, head, p.labels("relative_clause_deps"))):
        # "to quell an insurgency that has killed 500": what it did is told, whatever the
        # verb above plans ("an offensive that could kill thousands" is not)
        return True, anaphoric
    if t.dep in p.labels("root_dep"):
        return not plural, anaphoric
    if t.dep in p.labels("subject_deps") and gov is not None:
        if plural or t.lemma in p.words("campaign_nouns"):
            # "the insurgency appeared to be weakening": an assessment; "the fighting killed
            # twelve", "attacks left five dead": acts
            return has_form(ctx, gov, p.words("result_verbs")), anaphoric
        return True, anaphoric
    expl = p.labels("expletive_dep")
    if t.dep in p.labels("attribute_dep") and gov is not None and gov.lemma in p.words(
        "copula_lemmas"
    ) and any(c.dep in expl for c in children(s, gov.i, expl)):
        return True, anaphoric  # "there was an armed clash", "there were clashes"
    objects, light = p.labels("object_deps"), p.words("light_verbs")
    if plural:
        if amid_acts(ctx, s, head) or _toll_in(ctx, s, t):
            return True, anaphoric
        # "forces carried out air strikes near X": a finite light verb reports the acts
        ok = t.dep in objects and gov is not None and gov.tag in p.labels(
            "past_tense_tag") and has_form(ctx, gov, light)
        return ok, anaphoric
    if t.dep in objects and gov is not None:
        # "condemned the beheading of hostage X": an act told with its own details happened
        told = gov.i in asserting and bool(children(s, head) and [
            c for c in children(s, head) if c.dep not in p.labels("determiner_deps")])
        return has_form(ctx, gov, light) or has_form(ctx, gov, report_verbs(p)) or told, (
            anaphoric)
    if t.dep in p.labels("prep_object_dep") and gov is not None and gov.head != gov.i:
        top = s.tokens[gov.head]
        if gov.lower in p.words("responsibility_preps") and top.lemma in p.words(
            "responsibility_nouns"
        ):
            return True, anaphoric
        if gov.lower in p.words("licensing_preps") and top.pos in p.labels("verb_pos"):
            return True, anaphoric
        if gov.lower in p.words("cause_preps") and top.lemma in p.words("cause_nouns") and (
                _under_verb(ctx, s, top)):
            return True, anaphoric  # "died as a result of an attack", "as a consequence of"
        if top.i in asserting:
            return True, anaphoric  # "blamed for the bombing", "held responsible for it"
    return False, anaphoric


def _toll_in(ctx: Context, s: Sentence, t: Token) -> bool:
    """"Three died in clashes with police": the acts a told death fell in happened."""
    p = ctx.profile
    if t.dep not in p.labels("prep_object_dep") or t.head == t.i:
        return False
    prep = s.tokens[t.head]
    verb = s.tokens[prep.head]
    return (prep.lower in p.words("licensing_preps") and verb.pos in p.labels("verb_pos")
            and has_form(ctx, verb, p.discourse("toll_verbs"))
            and not _modal_aux(ctx, s, verb))


def _modal_aux(ctx: Context, s: Sentence, verb: Token) -> bool:
    """Whether a verb has an auxiliary of the future or of a possibility ("will", "could")."""
    cues = lexicon.factuality_cues(ctx.profile)
    modals = cues["future"] | cues["hypothetical"]
    return any(a.lower in modals for a in children(s, verb.i, ctx.profile.labels("auxiliary_deps")))


def named_victims_of(ctx: Context, s: Sentence, head: int) -> list[Token]:
    """The people a noun trigger's "of" names or singles out: "the assassination of Hector
    Oqueli", "the murder of the Jesuit priests", "the killing of three soldiers"."""
    return [o for o in _of_objects(ctx, s, head)
            if _named_person(ctx, s, o) or _singled_out_people(ctx, s, o)]


def people_of(ctx: Context, s: Sentence, head: int) -> list[Token]:
    """The people a noun trigger's "of" names, singled out or not: "the killing of
    civilians" harmed civilians (whether it is an act of its own is named_victims_of's)."""
    return [o for o in _of_objects(ctx, s, head)
            if _named_person(ctx, s, o) or _people_noun(ctx, o)]


def _of_objects(ctx: Context, s: Sentence, head: int) -> list[Token]:
    p = ctx.profile
    return [o for prep in children(s, head, p.labels("prep_dep"))
            if prep.lower in p.words("victim_of_preps")
            for o in children(s, prep.i, p.labels("prep_object_dep"))]


def _people_noun(ctx: Context, t: Token) -> bool:
    nouns = lexicon.actor_nouns(ctx.profile)
    return t.lemma in nouns["civilian"] | nouns["armed"] | nouns["titles"]


def _named_person(ctx: Context, s: Sentence, t: Token) -> bool:
    # the name's parts count too: the tagger often labels a name's last word apart from
    # the rest ("Oscar Arnulfo Romero": PERSON PERSON PRODUCT)
    people = ctx.profile.labels("person_entities")
    return t.ent in people or any(
        part.ent in people for part in children(s, t.i, ctx.profile.labels("flat_name_deps")))


def _singled_out_people(ctx: Context, s: Sentence, t: Token) -> bool:
    """People named by a noun with a definite determiner, a possessor or a number: known
    persons, not a kind of person ("the killing of civilians" may be any)."""
    p = ctx.profile
    if not _people_noun(ctx, t):
        return False
    return any(c.dep in p.labels("possessor_dep") or c.dep in p.labels("count_deps") or (
        c.dep in p.labels("determiner_dep") and c.lower in p.words("definite_determiners"))
        for c in children(s, t.i))


def _under_verb(ctx: Context, s: Sentence, noun: Token) -> bool:
    """Whether a noun is the object of a preposition on a verb ("died [as] a result")."""
    p = ctx.profile
    if noun.dep not in p.labels("prep_object_dep") or noun.head == noun.i:
        return False
    prep = s.tokens[noun.head]
    return prep.head != prep.i and s.tokens[prep.head].pos in p.labels("verb_pos")


def report_verbs(profile: LanguageProfile) -> frozenset[str]:
    return frozenset(lexicon.speech(profile)["report"])


def natural_cause(ctx: Context, s: Sentence, head: int, agent: Mention | None) -> bool:
    """Harm that is no one's act (CODING.md): the agent is a natural force, an animal or an
    illness ("a strong earthquake struck", "a brown bear kills one person"), the trigger
    names one ("a heart attack"), or the act is said to be an accident ("the accidental
    explosion of a gas canister")."""
    p = ctx.profile
    causes = p.words("natural_causes")
    if agent is not None and s.tokens[agent.head].lemma in causes:
        return True
    subject = children(s, head, p.labels("active_subject_deps"))
    t = s.tokens[head]
    if t.dep in p.labels("clausal_modifier_dep") and t.head != t.i:
        subject.append(s.tokens[t.head])  # "the deadliest quakes to hit Japan"
    if any(c.lemma in causes for c in subject):
        return True
    if any(c.lemma in causes for c in children(s, head)):
        return True  # "a heart attack"
    if any(w.lower in p.words("accident_words") for w in s.tokens):
        return True
    return accidental_cause(ctx, s, head, agent)


def only_heard(ctx: Context, s: Sentence, head: int) -> bool:
    """"A large blast was heard in central Baghdad": the subject of a perception verb, a
    sound that tells no act."""
    p = ctx.profile
    t = s.tokens[head]
    return t.dep in p.labels("subject_deps") and t.head != t.i and (
        s.tokens[t.head].lemma in p.words("perception_verbs"))


def accidental_cause(ctx: Context, s: Sentence, head: int, agent: Mention | None) -> bool:
    """A death told with a mishap for its cause and no one behind it: "struck and killed by a
    train", "a sailor killed in a submarine fire", "killed when fire tore through their
    home". Only as the agent or the cause: "opened fire" and "a train bombing" are acts."""
    p = ctx.profile
    words = p.words("accident_causes")

    def mishap(t: Token) -> bool:  # "a fire", not the gerund of "police firing"
        return t.lemma in words and t.pos in p.labels("noun_pos")

    if agent is not None:
        return mishap(s.tokens[agent.head])
    # the trigger and the verbs joined to it ("struck and killed by a train")
    verbs = [head, *(c.i for c in children(s, head, p.labels("conj_dep")))]
    for v in verbs:
        for c in children(s, v, p.labels("preposition_deps")):
            if c.lower in p.words("licensing_preps") and any(
                    mishap(o) for o in children(s, c.i, p.labels("prep_object_dep"))):
                return True  # "killed in a fire", "died in the crash", "hit by a train"
        for clause in children(s, v, p.labels("adverbial_clause_dep")):
            if any(mishap(x)
                   for x in children(s, clause.i, p.labels("active_subject_deps"))):
                return True  # "killed when fire tore through"
    return False
