"""Clause analysis on a spaCy dependency parse: predicates, their sources, targets and modality.

Works on the ClearNLP-style labels of spaCy's English models (nsubj, nsubjpass, dobj, dative, prep/pobj,
agent, xcomp, ccomp, advcl, acl, relcl, conj, neg, aux).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.events.lexicon import PredicatePattern

# Verbs that embed another predicate and set its modality ("plans to provide", "threatened to kill").
PLANNED = {"plan", "intend", "aim", "prepare", "schedule", "set", "due", "expect"}
INTENDED = {"want", "hope", "seek", "ready", "willing", "pledge", "promise", "vow", "look", "offer", "agree",
            "swear", "commit", "determined", "prepared"}
# Nouns of stated intention whose infinitive is the intended act ("its readiness to negotiate").
INTENT_NOUNS = {"willingness", "readiness", "intention", "desire", "determination", "commitment", "wish",
                "resolve", "preparedness", "offer", "pledge", "promise", "plan", "decision"}
# An attempt or a decision is itself the act ("tried to hack", "decided to allow"); a failure to act is
# its negation ("failed to reach agreement").
ATTEMPTED = {"try", "attempt", "decide"}
FAILED = {"fail"}
THREATENED = {"threaten", "warn"}
# Options weighed, not chosen ("is considering sending aid", CAMEO 014): hypothetical.
CONSIDERED = {"consider", "contemplate", "mull", "weigh", "explore", "study"}
REQUESTED = {"urge", "ask", "call", "demand", "appeal", "request", "press", "order", "pressure", "implore", "beg"}
HYPOTHETICAL_AUX = {"could", "would", "might", "may", "should"}
FUTURE_AUX = {"will", "shall", "'ll"}
# Heads whose object is the source of an embedded predicate ("urged Iran to stop"): object control.
OBJECT_CONTROL = {"urge", "ask", "call", "order", "press", "force", "persuade", "encourage", "invite", "tell",
                  "pressure", "implore", "beg"}
# Passive forms that state the subject's own stance or doing ("is opposed to", "is committed to", "were
# engaged in"): the surface subject is the source, not the target.
STATIVE_PASSIVES = {"oppose", "commit", "determine", "dedicate", "engage", "involve", "resolve", "prepare",
                    "oblige", "obligate", "bind", "poise"}
# Documents that speak for whoever issues them.
STATEMENT_NOUNS = {"statement", "declaration", "communique", "letter", "resolution", "decree", "order",
                   "appeal", "reminder", "warning", "ultimatum", "message", "note"}
# Objects that only take a part of their "of" phrase: "suspended part of the aid program" suspends aid.
# "a number of parties", "a group of lawmakers": the people counted are the actors
QUANTITY_HEADS = {"number", "group", "handful", "host", "dozen", "dozens", "hundreds", "thousands", "majority", "coalition"}
PARTITIVE_HEADS = {"part", "some", "much", "most", "all", "half", "portion", "rest", "bulk", "share", "parts", "worth",
                   # quantities: "200 tonnes of food aid", "$5 million in aid", "a shipment of arms"
                   "tonne", "ton", "kilogram", "kilo", "litre", "liter", "barrel", "shipment", "consignment",
                   "batch", "convoy", "truckload", "planeload", "load", "amount", "quantity", "lot", "package",
                   "percent", "dozens", "hundreds", "thousands", "round", "series", "wave", "spate", "patch",
                   "string", "barrage", "volley", "salvo", "flurry",
                   "million", "billion", "thousand", "hundred", "dozen", "dollar", "euro", "pound", "yuan", "yen"}
TARGET_PREPS = ("to", "with", "against", "on", "at", "into", "toward", "towards", "for", "between")
_CLIMB = {"xcomp", "conj", "advcl", "acomp", "ccomp"}
# "guilty of violating", "culpable of": the one held guilty did the act
CULPABLE_ADJECTIVES = {"guilty", "culpable"}


def is_predicate(tok: Token) -> bool:
    """A verb or predicative adjective; also a "noun" with a direct object, which is the small model
    mis-tagging a verb ("agreed to sanction[NN] 27 Russians")."""
    return tok.pos_ in ("VERB", "ADJ") or (tok.pos_ == "NOUN" and any(c.dep_ == "dobj" for c in tok.children))


def _embedded_up(tok: Token) -> Token | None:
    """The predicate embedding ``tok``: its head for xcomp/acomp/ccomp, and for a mis-tagged
    infinitive ("to sanction" parsed as a prepositional object) the verb above the preposition."""
    if tok.dep_ in ("xcomp", "acomp") and tok.head.i != tok.i:
        return tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.pos_ in ("VERB", "ADJ") and is_predicate(tok):
        return tok.head.head
    return None


def match_pattern(pred: Token, patterns: list[PredicatePattern]) -> PredicatePattern | None:
    """The most specific pattern whose particle, object and preposition requirements ``pred`` meets."""
    particles = {c.lower_ for c in pred.children if c.dep_ == "prt"}
    # "forced aid workers out of the state": the parser hangs "out" as a preposition before "of"
    particles |= {c.lower_ for c in pred.children if c.dep_ == "prep" and c.lower_ == "out"
                  and any(g.dep_ == "prep" and g.lower_ == "of" for g in c.children)}
    # "handed over $2 million worth of ...": the particle read as "over" = "more than" of the amount
    nxt = pred.doc[pred.i + 1] if pred.i + 1 < len(pred.doc) else None
    if nxt is not None and nxt.lower_ == "over" and nxt.dep_ == "quantmod":
        particles.add("over")
    # "made available ambulances and supplies": the adjective of "make ... available" read as a particle
    particles |= {a.lower_ for a in list(pred.children) + [m for o in direct_objects(pred) for m in o.children]
                  + ([nxt] if nxt is not None else []) if a.lower_ == "available"}
    # "set free the reporter", "set the hostages free": the adjective read as a particle
    particles |= {a.lower_ for a in list(pred.children) + ([nxt] if nxt is not None else [])
                  if a.lower_ == "free" and (a.head.i == pred.i or a.i == pred.i + 1)}
    objects = {name for c in pattern_objects(pred) for name in object_names(c)}
    preps = {c.lower_ for c in prep_children(pred)}
    for pat in patterns:
        if pat.particle and pat.particle not in particles:
            continue
        if pat.object_prep == "xcomp":
            # "+xcomp:discuss": the open clause's verb ("called Putin to discuss the crisis"), also when
            # the parser reads it as a clause of purpose
            if not pat.objects & {c.lemma_.lower() for c in pred.children if c.dep_ == "xcomp" or (
                    c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))}:
                continue
        elif pat.object_prep:
            # "held families as shields": the phrase may hang on the direct object rather than the verb
            holders = [pred] + (direct_objects(pred) if pat.object_prep == "as" else [])
            prep_objs = {name for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == pat.object_prep
                         for o in pobjs(c) for name in object_names(o)}
            if not pat.objects & prep_objs:
                continue
        elif pat.objects and not (pat.objects & objects) and not ("*" in pat.objects and objects):
            continue  # "+*": any direct object, but one there must be ("sheltered X", not "X sheltering")
        if pat.target_prep and pat.target_prep != "obj" and pat.target_prep not in preps:
            continue
        if pat.source_prep and pat.source_prep not in preps:
            continue
        if pat.particle is None and particles and pat.objects == frozenset() and pat.target_prep is None:
            # "pull out" must not match a bare "pull" entry; particle verbs need their own pattern
            if any(p.particle for p in patterns):
                continue
        return pat
    return None


def object_names(tok: Token) -> set[str]:
    """The names a lexicon pattern may give an object: its lemma and form, a hyphenated word the
    tokenizer split ("cease-fire"), and compound + head joined by a hyphen ("mediation-effort" for
    "mediation efforts")."""
    names = {tok.lemma_.lower(), tok.lower_}
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:
        names |= {f"{doc[tok.i - 2].lower_}-{tok.lower_}", f"{doc[tok.i - 2].lower_}-{tok.lemma_.lower()}"}
    names |= {f"{c.lemma_.lower()}-{tok.lemma_.lower()}" for c in tok.children if c.dep_ == "compound" and c.i < tok.i}
    return names


def freed_by_set(tok: Token) -> bool:
    """Whether ``tok`` is the "free" of "set free" ("set free two engineers", "set the hostages free"),
    a particle of "set" rather than a predicate of its own."""
    return tok.lower_ == "free" and tok.pos_ == "ADJ" and (
        tok.head.lemma_.lower() == "set" or (tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() == "set"))


def pattern_objects(pred: Token) -> list[Token]:
    """The objects a lexicon pattern's +OBJ is checked against: direct and passive objects, and what an
    amount or a part counts ("pledged $1 billion in aid" gives "aid", "suspended part of the aid" too)."""
    objs = direct_objects(pred) + passive_objects(pred)
    if not objs and any(c.dep_ == "auxpass" for c in pred.children) and pred.lemma_.lower() not in STATIVE_PASSIVES:
        # "the ambassador was expelled": a passive's surface subject is its logical object
        objs = [c for c in pred.children if c.dep_ == "nsubjpass" and c.pos_ == "NOUN"]
    # "found the minister guilty": the small model makes the adjective a clause of its own
    return objs + counted_objects(pred, objs) + [c for c in pred.children if c.dep_ == "ccomp" and c.pos_ == "ADJ"]


def counted_objects(head: Token, objs: list[Token]) -> list[Token]:
    """What the amounts and parts among ``objs`` (objects of ``head``) count: "$5 million in aid" and
    "200 tonnes of food" give "aid" and "food", also when the small model hangs "in aid" on ``head``."""
    amounts = [d for d in objs if d.lemma_.lower() in PARTITIVE_HEADS or d.like_num or d.tag_ == "$"]
    out = [o for d in amounts for p in d.children if p.dep_ == "prep" and p.lower_ in ("of", "in") for o in pobjs(p)]
    out += [o for d in amounts for p in head.children if p.dep_ == "prep" and p.lower_ == "in"
            and p.i == d.right_edge.i + 1 for o in pobjs(p)]
    return out


def direct_objects(pred: Token) -> list[Token]:
    """Direct objects (with their conjuncts); a proper noun the small model attaches as advmod or
    npadvmod right after a verb ("attacked Mosul") counts as one."""
    out = [c for c in pred.children if c.dep_ in ("dobj", "attr", "oprd")
           or (c.dep_ in ("advmod", "npadvmod") and c.pos_ == "PROPN" and c.i == pred.i + 1)]
    if (not out and pred.dep_ == "relcl" and pred.pos_ == "VERB"
            and any(c.dep_ == "nsubj" and c.lower_ not in ("who", "which", "that") for c in pred.children)
            and not any(c.lower_ in ("where", "when", "why", "how") or c.dep_ in ("prep", "ccomp", "xcomp")
                        and c.i < pred.i for c in pred.children)):
        # "the peacekeepers they seized", "the weapons the police found": the noun the clause describes
        # is its object
        out = [pred.head]
    if not out and pred.pos_ == "VERB":
        # "will not accept refugees fleeing the war": the small model makes the object the subject of the
        # participle that describes it
        out = [s for c in pred.children if c.dep_ == "ccomp" and c.tag_ == "VBG" and c.i > pred.i
               for s in c.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN") and pred.i < s.i < c.i]
    return out + [x for o in out for x in o.conjuncts]


def passive_objects(pred: Token) -> list[Token]:
    """The surface subject of a passive predicate with an agent, which is its logical object
    ("evidence against X was presented by Y": evidence)."""
    if not any(c.dep_ == "agent" for c in pred.children):
        return []
    return [c for c in pred.children if c.dep_ == "nsubjpass" and c.pos_ == "NOUN"]


def prep_children(pred: Token) -> list[Token]:
    """Prepositions attached to the predicate or to its direct object ("offer help to X"), or to the
    logical object of a passive ("evidence against X was presented")."""
    preps = [c for c in pred.children if c.dep_ in ("prep", "dative") and c.pos_ == "ADP"]
    for obj in direct_objects(pred) + passive_objects(pred):
        preps += [c for c in obj.children if c.dep_ == "prep"]
    # "fired on Friday", "met in March": a preposition with a date names no participant
    return [p for p in preps if not _dated(p)]


def _dated(prep: Token) -> bool:
    """Whether all objects of a preposition are dates or times ("on Friday", "in March")."""
    objs = pobjs(prep)
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def pobjs(prep: Token) -> list[Token]:
    out = [c for c in prep.children if c.dep_ == "pobj"]
    return out + [x for o in out for x in o.conjuncts]


def subjects(pred: Token) -> tuple[list[Token], bool]:
    """Source tokens of a predicate and whether the clause is passive.

    Climbs xcomp/conj/advcl/acomp chains to the controlling subject; for a passive clause the
    ``agent`` phrase ("by the cartel") gives the source. Returns ([], passive) when none is found.
    """
    if _misread_reduced_passive(pred):
        return [], True  # "the prisoners jailed for ... were freed": "jailed" has no agent of its own
    tok = pred
    for _ in range(6):
        active = [_subject_of_participle(c) for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if not active and not passive:
            active = _misread_subject(tok)
        agents = [p for c in tok.children if c.dep_ == "agent" for p in pobjs(c)]
        if passive and not agents:
            # "were ambushed and then seized by militiamen": coordinated passives share the last one's agent
            agents = _shared_agents(tok)
        if agents and (passive or any(c.dep_ == "auxpass" for c in tok.children) or _passive_conjunct(tok)):
            return _with_conjuncts(agents), True  # "... were released by Putin"
        if active:
            return _with_conjuncts(active), False
        if passive and tok.lemma_.lower() in STATIVE_PASSIVES:
            return _with_conjuncts(passive), False  # "Israel is opposed to ...": a state of the subject
        if passive and tok is not pred and not agents:
            # "Obama is scheduled to attend", "the rebels were forced to withdraw": the passive's subject
            # is the one who does the embedded act
            return _with_conjuncts(passive), False
        if passive:
            return agents, True
        if tok.dep_ == "acl" and _reduced_passive(tok):
            # "the Americans kidnapped by gunmen": a reduced passive relative; the noun is the target
            return [p for c in tok.children if c.dep_ == "agent" for p in pobjs(c)], True
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in STATEMENT_NOUNS and tok.head.dep_ in ("dobj", "nsubj"):
            tok = tok.head.head  # "the union published a statement demanding ...": the union demands
            continue
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in INTENT_NOUNS and tok.head.head.pos_ in ("VERB", "AUX"):
            owner = [c for c in tok.head.children if c.dep_ == "poss" and c.pos_ != "PRON"] or [
                # "welcomed the decision by Pakistan to reopen ...", "an offer from Ankara to host talks"
                o for p in tok.head.children if p.dep_ == "prep" and p.lower_ in ("by", "from", "of") for o in pobjs(p)]
            if owner:  # "denounced Macron's decision to send ...": Macron decided, not the one denouncing
                return owner, False
            tok = tok.head.head  # "Syria expressed its willingness to cooperate": Syria cooperates
            continue
        if (tok.dep_ == "relcl" and tok.head.dep_ == "appos" and tok.head.head.dep_ == "ROOT"
                and tok.head.head.pos_ in ("NOUN", "PROPN")):
            # "The Malian government, a number of parties and the rebels condemned ...": the parser made the
            # list's head the root and the verb a relative clause of the list's middle; every listed party
            # is a subject (through "a number of" to the parties themselves)
            listed = [o for t in (tok.head.head, tok.head) for o in _counted(t)]
            return _with_conjuncts(listed), False
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
            return [tok.head], False
        if tok.dep_ == "xcomp" and tok.head.pos_ == "NOUN":
            # "a new scheme plans to supply": the parser took "plans" for a noun; the
            # subject is that of the nearest verb above it.
            up = tok.head
            while up.head.i != up.i and up.pos_ not in ("VERB", "AUX"):
                up = up.head
            if up.pos_ in ("VERB", "AUX") and up.i != tok.i:
                tok = up
                continue
            break
        if tok.dep_ == "xcomp" and tok.head.lemma_ in OBJECT_CONTROL:
            objs = direct_objects(tok.head)
            if objs:
                return objs, False
        reported = [c for c in tok.head.children if c.dep_ == "ccomp" and c.i != tok.i] \
            if tok.dep_ == "advcl" and tok.head.lemma_.lower() in REPORTING else []
        if reported:
            # "X overran the base, officials said, killing 17": the participle continues the report's
            # content, not the saying
            tok = reported[0]
            continue
        if (tok.dep_ == "pcomp" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in CULPABLE_ADJECTIVES
                and tok.head.head.dep_ in ("acomp", "oprd")):
            tok = tok.head.head.head  # "the militia is guilty of breaching the truce": the militia breached it
            continue
        if (tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ in ("by", "after", "before", "while")
                and tok.head.dep_ in ("prep", "agent") and tok.head.head.pos_ in ("VERB", "AUX")):
            tok = tok.head.head  # "the rebels responded by shelling the town": the rebels shelled it
            continue
        if tok.dep_ in _CLIMB and tok.head.i != tok.i:
            tok = tok.head
            continue
        up = _embedded_up(tok)
        if up is not None:
            tok = up
            continue
        break
    return [], False


def _misread_subject(verb: Token) -> list[Token]:
    """A name opening the sentence that the small model hung on the verb as an adverbial ("Turkey[npadvmod]
    massed troops"): with no other subject, it is the subject."""
    first = verb.sent.start
    return [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i < verb.i
            and all(t.dep_ in ("compound", "det") for t in verb.doc[first:c.i])
            and verb.tag_ in ("VBD", "VBZ", "VBP")]


def _misread_reduced_passive(tok: Token) -> bool:
    """"The prisoners jailed for ... were freed by X": the small model reads the reduced relative "jailed"
    as the main verb with "prisoners" its subject, and "were freed" as its conjunct. A past-tense verb
    with no object or auxiliary whose conjunct is a passive with no subject of its own is such a
    participle: its noun is the one acted on, and its doer is not named. A coordination ("attacked and
    were repelled") has its conjunction and is not one."""
    if tok.tag_ not in ("VBD", "VBN") or not any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children):
        return False
    if any(c.dep_ in ("dobj", "aux", "auxpass", "ccomp", "xcomp", "attr", "dative", "prt", "cc") for c in tok.children):
        return False
    return any(c.dep_ == "conj" and c.i > tok.i and any(a.dep_ == "auxpass" for a in c.children)
               and not any(a.dep_ in ("nsubj", "nsubjpass") for a in c.children) for c in tok.children)


def _passive_conjunct(tok: Token) -> bool:
    """A participle coordinated with a passive verb, sharing its subject and auxiliary ("were ambushed
    and later taken by ...": "taken")."""
    return (tok.dep_ == "conj" and tok.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
            and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.children))


def _shared_agents(tok: Token) -> list[Token]:
    """The agent of a passive participle coordinated with ``tok`` that has no subject of its own."""
    for c in tok.children:
        if c.dep_ == "conj" and _passive_conjunct(c):
            found = [p for a in c.children if a.dep_ == "agent" for p in pobjs(a)]
            if found:
                return found
    return []


def passive_target(pred: Token) -> list[Token]:
    """The surface subject of a passive clause ("the mayor was threatened") is its target."""
    if pred.lemma_.lower() in STATIVE_PASSIVES:
        return []
    if _misread_reduced_passive(pred):
        return [c for c in pred.children if c.dep_ == "nsubj"]
    tok = pred
    for _ in range(4):
        ps = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if ps:
            return _with_conjuncts(ps)
        if tok.dep_ == "acl" and _reduced_passive(tok) and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
            return [tok.head]
        if tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.children):
            # "The civilians ... were released by Putin": the subject sits on the first conjunct
            return _with_conjuncts([c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")])
        if tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return []


def _subject_of_participle(tok: Token) -> Token:
    """"The charity working in Sudan said": the small model may make the participle the subject and
    the noun its subject; the noun is the real one."""
    if tok.pos_ == "VERB" and tok.tag_ == "VBG":
        inner = [c for c in tok.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
        if inner:
            return inner[0]
    return tok


def _reduced_passive(tok: Token) -> bool:
    """A participle modifying a noun with no subject or auxiliary of its own ("the civilians imprisoned
    for ..."); the small model sometimes tags it VBD. Not when the noun it hangs on is the sentence's root
    and the verb has an object of its own: "The Iraqi air force carried out strikes" misparsed, where the
    noun is the subject."""
    if tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "dobj" for c in tok.children):
        return False
    if tok.tag_ == "VBN":
        return True
    return tok.tag_ == "VBD" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children)


def _counted(tok: Token) -> list[Token]:
    """The parties a quantity counts ("a number of parties" -> parties), else the token itself."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in QUANTITY_HEADS:
        return [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in pobjs(p)] or [tok]
    return [tok]


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    """Tokens plus their conjuncts; a list the parser chained with appositions ("The US, Russia, and
    Switzerland") counts too when the apposition is a proper name."""
    out = []
    for t in [c for tok in tokens for c in _counted(tok)]:  # "a number of parties" -> the parties
        # "The government, a number of parties and the rebels": a counted apposition that has conjuncts
        # continues the list (an apposition alone, "the cabinet, a group of ministers", renames)
        listed = [a for a in t.children if a.dep_ == "appos" and (
            a.pos_ == "PROPN" or (a.lemma_.lower() in QUANTITY_HEADS and a.conjuncts))]
        for x in [t] + [p for a in listed for p in _counted(a) + [c for c in a.conjuncts if c not in _counted(a)]]:
            if x not in out:
                out.append(x)
            out.extend(c for c in x.conjuncts if c not in out)
            if x.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
                # a name the parser split ("Barack[nsubj] Obama[pobj] and ... Putin[conj]"): conjuncts of
                # any of its words count
                ent = _entity_of(x)  # (not doc.ents: a scan of every entity per call)
                for w in ent:
                    out.extend(c for c in w.conjuncts if c not in out and not (ent.start <= c.i < ent.end))
    return out


def purpose_clause(tok: Token) -> bool:
    """Whether ``tok`` heads an infinitive of purpose on a verb ("sent troops to retake the town")."""
    return (tok.dep_ == "advcl" and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children))


def governors(pred: Token) -> list[Token]:
    """Predicates above ``pred`` in its xcomp/acomp chain, nearest first ("plans" for "plans to provide")."""
    out = []
    tok = pred
    while len(out) < 4:  # not across ccomp: "X said that Y would ..." - the saying verb sets no modality
        up = _embedded_up(tok)
        if up is None:
            break
        tok = up
        out.append(tok)
    return out


def modality(pred: Token) -> str:
    """asserted | planned | intended | threatened | negated | hypothetical | requested for one predicate."""
    chain = [pred] + governors(pred)
    top = chain[-1]
    if (top.dep_ == "advcl" and top.head.i != top.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in top.children)
            and modality(top.head) == "hypothetical"):
        return "hypothetical"  # "is considering sending aid to help X": the help is as hypothetical as the aid
    for t in chain:
        if any(c.dep_ == "neg" for c in t.children) or (t is not pred and t.lemma_.lower() in FAILED):
            return "negated"
    for t in chain:
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
            return "hypothetical"
    if _hoped_for(chain[-1]):
        return "hypothetical"  # "voiced hope that Greece will help": wished for, not planned by Greece
    if purpose_clause(top) and (above := modality(top.head)) != "asserted":
        # "asked the UN to send a force to fight the gangs": what an act is for is as uncertain as the act
        return above
    if pred.dep_ == "acl" and pred.head.lemma_.lower() in INTENT_NOUNS:
        return "planned" if pred.head.lemma_.lower() in ("plan", "decision") else "intended"
    for g in chain[1:]:
        lem = g.lemma_.lower()
        if lem in ATTEMPTED:
            continue
        if lem in THREATENED:
            return "threatened"
        if lem in CONSIDERED and g.pos_ == "VERB":
            return "hypothetical"
        if lem in REQUESTED:
            return "requested"
        if lem in PLANNED:
            return "planned"
        if lem in INTENDED:
            return "intended"
    auxes = {c.lower_ for t in chain for c in t.children if c.dep_ == "aux"}
    if "would" in auxes and _reported(chain[-1]) and not auxes & (HYPOTHETICAL_AUX - {"would"}):
        return "planned"  # "said Beijing would increase aid": the future of reported speech
    if auxes & HYPOTHETICAL_AUX:
        return "hypothetical"
    if auxes & FUTURE_AUX or pred.lemma_ == "due":
        return "planned"
    if any(c.dep_ == "aux" and c.lower_ in ("going",) for c in pred.children):
        return "planned"
    return "asserted"


# Verbs that report speech or knowledge; "would" in what they report is a future, not a condition.
REPORTING = {"say", "tell", "announce", "state", "add", "report", "declare", "confirm", "indicate", "insist",
             "reiterate", "promise", "pledge", "vow", "warn", "predict", "expect", "believe", "hope", "think"}


# Verbs and nouns of hoping whose content clause is wished for ("hopes that X will", "her wish that X").
HOPED = {"hope", "wish", "pray", "dream"}


def _hoped_for(tok: Token) -> bool:
    """Whether a clause is the content of a hope or wish ("said he hoped X would ...", "expressed his
    wish that X would ...") rather than something its subject plans."""
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    head = t.head
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)  # not "its wish to join"
    return t.dep_ in ("ccomp", "acl") and head.i != t.i and own_subject and (
        head.lemma_.lower() in HOPED or head.lower_ in ("hoped", "hopes", "hoping", "wished", "wishes"))


def _reported(tok: Token) -> bool:
    """Whether a clause is the content of a reporting verb ("X said [that] Y would ...")."""
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORTING


def refusal(pred: Token) -> bool:
    """A negated predicate that refuses rather than reports a non-event: "will not accept",
    "would not meet", "cannot allow" (a future or modal negation), or one under "refuse"/"decline"."""
    chain = [pred] + governors(pred)
    auxes = {c.lower_ for t in chain for c in t.children if c.dep_ == "aux"}
    return bool(auxes & (FUTURE_AUX | {"would", "can", "ca"})) or any(g.lemma_ in ("refuse", "decline", "fail")
                                                                       for g in chain[1:])


def conditional(pred: Token) -> bool:
    """An action made to depend on the other side's conduct ("will withdraw unless ...")."""
    chain = [pred] + governors(pred)
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "until") for m in c.children)
               for t in chain for c in t.children)


def _entity_of(tok: Token) -> Span:
    """The named-entity span ``tok`` belongs to, found from its IOB tags (``tok.ent_type_`` is set)."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]
