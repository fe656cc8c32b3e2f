"""Event extraction: clauses -> (source, predicate, target) -> CAMEO code and PLOVER type/mode.

For each predicate in the lexicon, the clause analysis gives its sources and targets; the actor index
codes them; the ontology gives PLOVER type, mode, QuadClass and Goldstein; location and date come from
the clause, else the sentence, else none (with a reason). Reported speech: the saying verb is not an
event; what was said is, and two speech acts are read off the statement itself: a demand ("it is high time
Ottawa ended ...", "X must stop ...") is REQUEST toward the one asked to act, and a statement about
corruption, abuses or crimes is ACCUSE.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from bisect import bisect_right
import re

from spacy.tokens import Doc, Span, Token

from eventwire import ontology
from eventwire.actors import ActorIndex
from eventwire.actors.dictionary import alpha3_of
from eventwire.actors.recognize import COMPASS_WORDS, is_placeholder_code
from eventwire.events import clauses
from eventwire.events.lexicon import NounPattern, PredicatePattern, default_lexicon, default_nouns, parse_pattern
from eventwire.quotes import find_quotations
from eventwire.records import ActorRef, DateRef, Document, Event, EventLocation, Place

# Verbs that put a claim forward as the speaker's: a hostile act they report is an accusation.
ALLEGING = {"claim", "allege", "charge", "assert", "contend"}
SAY = {"claim", "allege", "charge", "assert", "contend", "say", "tell", "state", "announce", "declare", "add", "report", "claim", "insist", "note", "argue"}
ACCUSATION_WORDS = {"corruption", "corrupt", "abuse", "abuses", "violation", "violations", "crime", "crimes",
                    "torture", "atrocity", "atrocities", "genocide", "aggression", "responsible", "complicit",
                    "fraud", "illegal"}
DEMAND_MODALS = {"should", "must"}
# Objects whose "on" phrase names the one restricted ("the embargo on Cuba"), also when it is eased.
RESTRICTION_OBJECTS = frozenset({"sanction", "sanctions", "embargo", "restriction", "restrictions", "ban", "curfew",
                                 "blockade", "siege", "tariff", "tariffs", "boycott"})
# People protesting: property they destroy is a violent protest, a riot (CAMEO 145), and so is an assault
# by protesters (not by a mob or crowd, whose attack stays an assault).
PROTESTER_NOUNS = {"protester", "protestor", "demonstrator", "rioter", "marcher", "mob", "crowd"}
# Deeds one commits ("committed crimes"): doing them, not a commitment.
MISDEED_NOUNS = {"crime", "atrocity", "abuse", "murder", "massacre", "genocide", "violation", "act", "attack",
                 "offence", "offense", "fraud", "suicide", "error", "mistake", "sin", "terrorism", "assault",
                 "rape", "torture", "killing", "breach", "felony", "misconduct", "irregularity"}
# Verbs of removal whose passive "from X" names the one removing ("was expelled from X").
EXPULSION_VERBS = {"expel", "deport", "evict"}
# Verbs that pass a verdict on something ("declared the arrest unacceptable", "described the move as
# illegal"), and the verdicts that condemn it (CAMEO 111).
VERDICT_VERBS = {"declare", "call", "describe", "brand", "label", "term", "deem", "consider", "denounce", "condemn"}
CONDEMNING_ADJECTIVES = {"unacceptable", "illegal", "illegitimate", "outrageous", "cowardly", "criminal", "barbaric",
                         "deplorable", "reprehensible", "inadmissible", "unjustified", "provocative", "irresponsible",
                         "heinous", "despicable", "unlawful", "intolerable", "shameful", "abhorrent", "appalling",
                         "hostile", "unjustifiable", "inhumane", "brutal", "senseless", "dangerous", "reckless"}
# Advice against travel to a country (a travel warning, CAMEO 160): the verbs and the nouns of travel.
TRAVEL_ADVICE_VERBS = {"advise", "warn", "caution", "urge"}
TRAVEL_NOUNS = {"travel", "trip", "journey", "visit", "traveling", "travelling", "tourism"}
# Objects whose "to"/"for" phrase names the recipient ("aid to Syria was suspended").
AID_OBJECTS = frozenset({"aid", "assistance", "help", "support", "loan", "loans", "funding", "supplies", "weapons",
                         "arms"})
# Nouns for what was said against someone ("a charge X denied").
CLAIM_NOUNS = {"charge", "claim", "accusation", "allegation", "assertion", "report"}
# Nouns for what one side puts to another ("rejected an offer from X": X is the one rejected).
# Weapons and drugs found or taken in searches: their seizure is CAMEO 1711 (confiscate property).
CONTRABAND_NOUNS = {"weapon", "weapons", "arm", "arms", "firearm", "firearms", "gun", "guns", "pistol", "pistols",
                    "rifle", "rifles", "revolver", "revolvers", "ammunition", "ammunitions", "ammo", "bullet", "bullets",
                    "round", "rounds", "explosive", "explosives", "grenade", "grenades", "cache", "caches", "drug",
                    "drugs", "cocaine", "heroin", "methamphetamine", "cannabis", "marijuana", "contraband", "stash"}
# Property that can be frozen, seized or confiscated; its owner is the one acted on.
ASSET_NOUNS = {"asset", "assets", "account", "accounts", "property", "properties", "fund", "funds", "holding",
               "holdings", "estate", "estates"}
# Verbs of holding someone captive: "held by X", "detained by X" name who can release them.
HOLDING_VERBS = {"hold", "detain", "kidnap", "abduct", "capture", "seize", "arrest", "imprison", "jail"}
# event types whose required object's owner is the target ("rejected India's proposal", "froze Iran's
# assets", "asked China's help"); not offers and support, where the owner is the giver
OWNER_TARGET_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "COERCE", "ASSAULT"}
# prepositions that name the party an object noun is directed at ("aid to X", "an ultimatum to X",
# "a deal with X", "a war against X"); "on" and "for" usually name a topic and are left out
OBJECT_DIRECTION_PREPS = ("to", "against", "with", "toward", "towards")
PROPOSAL_NOUNS = {"offer", "proposal", "request", "demand", "call", "plan", "appeal", "bid", "initiative", "package",
                  "incentive", "deal", "draft"}
# What one side decides or announces, which another welcomes or accepts ("welcomed the decision by X").
DECISION_NOUNS = {"decision", "move", "announcement", "step", "steps", "formula", "compromise", "roadmap", "proposition"}
# Lines two countries share: "the border with X" names X, "near the Afghan border" no setting.
BORDER_NOUNS = {"border", "frontier", "boundary"}
# Verbs of a crowd coming together: with protesters as subject, a demonstration.
CROWD_VERBS = {"gather", "assemble", "converge", "mass", "throng"}
# Verbs of leaving a country: being ordered to is an expulsion ("ordered the envoy to leave").
DEPARTURE_VERBS = {"leave", "depart", "quit", "exit"}
# Forces leaving a country withdraw from it ("the last US soldiers left Afghanistan", CAMEO 0874).
TROOPS_LEAVING = [parse_pattern("leave >obj", "0874", "rule:forces leaving")]
# Those whose being sent out of a country is an expulsion whatever the wording (CAMEO 161, 1661-1663).
EXPELLED_NOUNS = {"diplomat", "ambassador", "envoy", "consul", "attache", "peacekeeper", "inspector", "observer",
                  "monitor", "journalist", "correspondent"}
# Nouns of pressing someone to act ("pressure to crack down", "calls to resign"): the act is only asked for.
PRESSING_NOUNS = {"pressure", "call", "demand", "appeal", "request", "plea", "ultimatum", "order", "urging"}
# Nouns for what one side said against another ("rejected criticism from X": X is the one rejected).
REPROACH_NOUNS = {"criticism", "condemnation", "complaint", "warning", "threat", "ultimatum", "remark", "comment"}
# Objects whose "with" phrase names the other party ("talks with X were suspended").
RELATION_OBJECTS = frozenset({"talk", "talks", "negotiation", "negotiations", "relation", "relations", "tie", "ties",
                              "cooperation", "contact", "contacts", "dialogue", "link", "links"})
# Verbs whose content is wished for, not asserted.
HOPE_VERBS = {"hope", "wish", "want", "pray", "expect", "like", "prefer"}
# Verbs of wanting: "X wants Y to act" is X's request to Y, and Y's act is only wished for.
DESIRE_VERBS = {"want", "wish", "expect", "need", "like", "prefer"}
# Weapons and means used on someone, never the target themselves.
INSTRUMENT_NOUNS = {"gas", "cannon", "cannons", "bullet", "shot", "shell", "rocket", "missile", "mortar", "grenade",
                    "round", "salvo", "volley", "bomb", "teargas", "baton", "truncheon", "weapon", "gun", "spray"}
# Peoples without a state of their own: given the country in which they act.
STATELESS_WORDS = {"kurdish", "kurd", "kurds"}
# Premises that stand for their owner when attacked or raided ("the offices of the newspaper").
PREMISES_NOUNS = {"headquarters", "office", "offices", "home", "homes", "house", "houses", "residence", "compound",
                  "premises", "building", "buildings", "property", "properties", "camp", "base", "position",
                  "positions", "convoy", "vehicle", "vehicles", "patrol", "depot", "depots", "barracks",
                  "outpost", "outposts", "post", "posts", "checkpoint", "checkpoints", "stronghold", "strongholds",
                  "hideout", "hideouts", "facility", "facilities", "installation", "installations", "airbase",
                  "warehouse", "embassy", "consulate", "ship", "vessel", "aircraft", "jet", "plane", "drone"}
# Documents that speak for whoever issued them ("a report released in Kigali alleged ...").
REPORT_NOUNS = {"report", "study", "statement", "document", "dossier", "inquiry", "investigation", "communique"}
# Communication verbs besides "say" whose reported "X must ..." is a demand ("reiterated that Libya must").
STATEMENT_VERBS = {"reiterate", "stress", "insist", "remind", "warn", "emphasize", "emphasise", "repeat", "declare"}
# Predicates that are the event when they embed another ("agreed to share", "threatened to kill",
# "refused to meet", "urged Israel to halt"): the embedded predicate only supplies the target.
GOVERNING_PREDICATES = {"threaten", "warn", "refuse", "reject", "deny", "urge", "ask", "call", "demand", "appeal", "insist",
                        "decline", "order", "press", "pressure", "implore", "beg", "invite",
                        # "allowed UN inspectors to visit": the permission (CAMEO 08x) is the event
                        "allow", "permit"}
# Predicates of commitment ("agreed to share", "vowed to fight"): the embedded action is coded, as an
# intention (AGREE or THREATEN by INTENT_CODES), and the commitment verb itself is not a second event.
INTENT_EMBEDDERS = {"agree", "pledge", "promise", "vow", "offer", "commit", "swear", "decide"}
# A refusal to cooperate is REJECT (CAMEO 12x): "will not accept", "refused to meet".
REJECT_CODES = {"AID": "122", "COOPERATE": "121", "CONSULT": "125", "CONCEDE": "124", "RETREAT": "124",
                "SUPPORT": "120", "AGREE": "120"}
# Types whose target may be taken from the sentence when the clause names none (the recipient of aid,
# cooperation, an accusation or a demand is often only implied); never for violent or coercive types.
IMPLIED_TARGET_TYPES = {"AID", "AGREE", "COOPERATE", "ACCUSE", "REQUEST"}
# A stated intention or plan to act is itself the event in PLOVER: to cooperate, help, support or yield
# is AGREE (CAMEO 03x, "express intent to ..."); to use force or coerce is THREATEN (CAMEO 13x).
# Planned meetings stay CONSULT with modality "planned" (PLOVER manual, AGREE and THREATEN sections).
INTENT_CODES = {"AID": "033", "COOPERATE": "031", "SUPPORT": "032", "CONCEDE": "035", "RETREAT": "0356",
                "ASSAULT": "138", "COERCE": "137", "SANCTION": "131"}
# The intent codes of CAMEO 035x by what is to be yielded: "agreed to lift sanctions" 0354, "to release" 0353 ...
YIELD_INTENT_CODES = (("081", "0351"), ("082", "0352"), ("083", "035"), ("0841", "0353"), ("0842", "0353"), ("085", "0354"),
                      ("086", "0355"), ("087", "0356"))
UNNAMED_PERPETRATOR_TYPES = {"ASSAULT", "COERCE"}
# Sectors whose acts stay within their own country: their sector-only targets are of that country.
DOMESTIC_SECTORS = {"COP", "JUD", "LEG"}
PLACE_NOUNS = {"town", "city", "village", "province", "state", "region", "district", "municipality", "capital",
               "port", "county", "area", "neighbourhood", "neighborhood", "suburb", "island"}
PLACE_TARGET_TYPES = {"PROTEST", "CONSULT", "MOBILIZE"}
SETTING_PREPS = {"in", "at", "near", "outside", "inside", "through", "throughout", "across", "around", "into"}
# Joint actions: with two or more sources and no target, each source acts toward the others.
SYMMETRIC_TYPES = {"AGREE", "CONSULT", "COOPERATE", "ASSAULT"}
# Codes of joint acts outside SYMMETRIC_TYPES: signing an agreement (057), exchanging prisoners (0841 is not).
SYMMETRIC_CODES = {"057", "054"}
# Mediation (CAMEO 045 mediate, 039 offer to mediate) is between others: co-mediators are no parties to
# each other ("Egypt and Qatar mediated").
MEDIATION_CODES = ("045", "039")  # and restoring or establishing ties together
# Verbs whose plural subject acts on itself, each side on the other, whatever the act ("traded accusations").
RECIPROCAL_VERBS = {"trade", "exchange"}
# Plural nouns that never act ("plans", "reports"); weapons and incidents that "kill" stand for an
# unnamed perpetrator instead (see INCIDENT_NOUNS).
NOT_ACTOR_NOUNS = {"plan", "report", "effort", "talk", "negotiation", "measure", "sanction", "law", "rule",
                   "figure", "number", "statistic", "result", "step", "move", "condition", "term", "agreement"}
COLLECTIVE_NOUNS = {"forum", "wing", "party", "group", "movement", "front", "organization", "organisation",
                    "council", "committee", "alliance", "coalition", "union", "association", "federation", "agency",
                    "commission", "body", "board", "bloc", "league", "network", "side", "faction", "crowd", "mob"}
INCIDENT_NOUNS = {"bombing", "explosion", "blast", "device", "bomb", "mine", "landmine", "minefield", "missile", "rocket",
                  "shell", "shelling", "attack", "airstrike", "strike", "fire", "gunfire", "ambush", "raid", "crash",
                  "drone", "artillery", "mortar", "grenade"}
# The CAMEO code an incident's weapon gives a generic assault ("killed by a bomb" is a bombing, 183;
# "destroyed by a missile" an artillery or missile attack, 194; "by an air strike" aerial, 195).
WEAPON_CODES = {"bomb": "183", "bombing": "183", "device": "183", "explosion": "183", "blast": "183",
                "mine": "183", "landmine": "183", "minefield": "183", "missile": "194", "rocket": "194", "shell": "194",
                "shelling": "194", "airstrike": "195", "gunfire": "193", "drone": "195", "warplane": "195",
                "jet": "195", "artillery": "194", "mortar": "194", "grenade": "183"}
GENERIC_ASSAULT_CODES = {"180", "183", "190", "1712"}
# Dependencies of the words that modify a weapon or incident noun ("U.S. military airstrikes").
MODIFIER_DEPS = ("amod", "compound", "nmod")
# Longer "sentences" are text without sentence breaks (lists, tables, unpunctuated dumps); their parse
# carries no reliable clause structure, so no events are read from them.
MAX_SENTENCE_TOKENS = 250
# Verbs whose object noun names the event their subject carries out ("launched an offensive").
LIGHT_VERBS = {"announce", "impose", "order", "launch", "begin", "start", "carry", "conduct", "stage",
               "hold", "make", "issue", "lodge", "open", "mount", "pay", "sign", "conclude", "reach",
               "wage", "step", "intensify", "escalate", "resume", "renew", "unleash", "undertake", "commit",
               "perform", "approve", "authorize", "authorise", "continue", "complete", "finish", "deliver", "send"}
# Nouns for armed units: when they arrive somewhere they are deployed, not visiting.
TROOP_NOUNS = {"troop", "troops", "soldier", "peacekeeper", "marine", "paratrooper", "contingent", "battalion",
               "force", "forces", "commando", "reinforcement", "reinforcements", "platoon", "detachment"}
# Verbs of saying declined in "declined to comment" (CAMEO 011).
NO_COMMENT_VERBS = {"comment", "elaborate", "specify"}
# What one agrees with when agreeing is an opinion ("agree with the assessment").
OPINION_NOUNS = {"recommendation", "assessment", "view", "views", "position", "finding", "findings", "conclusion",
                 "conclusions", "analysis", "idea", "statement", "opinion", "verdict", "ruling", "what"}
# Outcomes that are events only when someone is held responsible for them ("claimed responsibility for
# the death of ...", "is responsible for the destruction of ..."): CAMEO 190 and 1712 (destroy property).
OUTCOME_NOUNS = {"death": "190", "destruction": "1712"}
# A force a subject moves or puts on alert is its own (never the target of a MOBILIZE event).
OWN_FORCE_NOUNS = {"army", "military", "police", "guard", "guards", "navy", "fleet", "militia", "reservist",
                   "reservists", "unit", "units", "division", "brigade", "tank", "tanks", "warship", "warships"}
# Verbs whose event-noun object is an act of their subject's ("approved the extradition of X").
AUTHORIZING_VERBS = {"approve", "authorize", "authorise"}
# Acts that whoever orders them carries out, through the forces or officials under them: "ordered the
# arrest of X" is an arrest by the one ordering (CAMEO verb dictionary: ORDER + ARREST 173, RELEASE 0841,
# EXPULSION 174, DEPLOYMENT 154), while "ordered an inquiry" stays a demand.
ORDERED_ACT_NOUNS = {"arrest", "detention", "release", "expulsion", "deportation", "deployment", "withdrawal",
                     "pullout", "evacuation", "crackdown", "seizure", "blockade", "extradition", "execution",
                     "mobilization", "mobilisation", "airlift"}
# Verbs whose "in" phrase names what their subject takes part in ("engaged in ethnic cleansing").
PARTICIPATION_VERBS = {"engage", "participate", "involve", "join", "take"}
# Verbs of travel whose "for" phrase names what their subject comes to do ("returned to Geneva for talks").
MOTION_VERBS = {"come", "go", "return", "arrive", "travel", "fly", "head", "gather", "meet", "leave", "set", "sit"}
# Consultations that are mutual by their wording ("held talks with", "negotiated with", "telephoned"): the
# target takes part as much as the source, so the reverse event is coded too (CAMEO 040, 041, 046).
MUTUAL_LEMMAS = {"talk", "negotiate", "confer", "phone", "telephone", "hold"}
MUTUAL_CODES = {"040", "041", "046"}
# Verbs of which an event noun is the subject when the event simply happens ("fighting erupted").
OCCURRENCE_VERBS = {"erupt", "break", "reemerge", "resume", "continue", "occur", "flare", "escalate", "intensify",
                    "spread", "rage", "emerge", "start", "begin", "take"}
HISTORICAL_PERIODS = {"struggle", "war", "era", "revolution", "occupation", "regime", "dictatorship", "colonial",
                      "decolonization", "decolonisation", "independence", "1970s", "1980s", "1990s", "cold"}
# Nouns under these heads are talked about, not reported: "the risk of kidnapping", "fears of an attack".
HYPOTHETICAL_HEADS = {"risk", "threat", "fear", "danger", "possibility", "prospect", "chance", "warning", "plan",
                      "prevent", "avoid", "deter"}


def extract_events(sdoc: Doc, document: Document, actors: ActorIndex, places: list[Place],
                   dates: list[DateRef], classifier=None, classifier_threshold: float | None = None) -> list[Event]:
    """Code the events of one parsed document.

    Returns events in text order, one per (source, target, type) in a sentence; events whose source
    is unknown are dropped (there is no placeholder actor), negated and hypothetical ones are kept with
    their modality (queries and exports leave them out by default).
    classifier: optional ``eventwire.classify.SentenceClassifier``; when given, a sentence in which the rules
    found no event may get one low-confidence event from it (``eventwire.events.fallback``; threshold
    ``classifier_threshold``, default ``fallback.DEFAULT_THRESHOLD``). Without it the rules alone code.
    """
    lexicon = default_lexicon()
    nouns = default_nouns()
    quoted = _quoted_spans(sdoc.text)
    events: list[Event] = []
    uncoded: list[tuple[int, Span]] = []  # sentences without events, for the optional classifier
    for s_index, sent in enumerate(_sentences(sdoc)):
        if len(sent) > MAX_SENTENCE_TOKENS:
            continue  # a run-on with no sentence breaks: its parse is noise, and walking it is quadratic
        found: list[Event] = []
        by_predicate: dict[int, list[Event]] = {}  # token index -> the events its predicate coded
        for tok in sent:
            if _in_spans(tok.idx, quoted):
                continue
            if tok.lemma_.lower() in VERDICT_VERBS and tok.pos_ == "VERB":
                verdict = _verdict(tok, sent, s_index, actors, places, dates)
                if verdict:
                    found += verdict
                    continue
            if tok.lemma_.lower() in SAY | STATEMENT_VERBS and tok.pos_ == "VERB":
                speech = _speech_acts(tok, sent, s_index, actors, places, dates)
                found += speech
                if speech or not _patterns_for(tok, lexicon):
                    # "warned they will retaliate" is still coded by the lexicon (THREATEN), "told the
                    # envoy to leave" as an expulsion
                    continue
            if tok.lemma_.lower() in TRAVEL_ADVICE_VERBS and tok.pos_ == "VERB":
                advisory = _travel_warning(tok, sent, s_index, actors, places, dates)
                if advisory:
                    found += advisory
                    continue
            if tok.lemma_.lower() in DESIRE_VERBS:
                wish = _desire_request(tok, sent, s_index, actors, places, dates)
                if wish:
                    found += wish
                    continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in clauses.STATEMENT_NOUNS:
                demand = _message_demand(tok, sent, s_index, actors, places, dates)
                if demand:
                    found += demand
                    continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in OUTCOME_NOUNS and _blamed_on_subject(tok):
                # "claimed responsibility for the death of dozens of jihadists": the claimant killed them
                # ("... and the destruction of their bases": coordinated outcomes too)
                for t in [tok] + [c for c in tok.conjuncts if c.lemma_.lower() in OUTCOME_NOUNS]:
                    outcome = NounPattern(t.lemma_.lower(), OUTCOME_NOUNS[t.lemma_.lower()], "target")
                    found += _code_nominal(t, outcome, sent, s_index, actors, places, dates)
                continue
            # "Fighting between X and Y killed 12": a gerund the tagger read as a verb, used as a noun
            gerund = tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in nouns
            if (tok.pos_ == "NOUN" and tok.lemma_.lower() in nouns and not clauses.is_predicate(tok)) or gerund:
                if _alleged(_governing_verb(tok)):
                    continue  # "alleged that X took part in the raids": only claimed
                if _object_of_coded_verb(tok, lexicon):
                    continue  # "carried out air raids": the verb's own pattern codes the raids
                if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.lemma_.lower() not in nouns:
                    continue  # "riot police", "protest leaders", "attack helicopters": a kind of thing, no event
                noun = nouns[tok.lower_ if gerund else tok.lemma_.lower()]
                found += _code_nominal(tok, noun, sent, s_index, actors, places, dates)
                continue
            patterns = _patterns_for(tok, lexicon)
            if not patterns or not clauses.is_predicate(tok):
                continue
            if tok.pos_ == "VERB" and tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ in ("VBN", "VBD"):
                continue  # "the internationally recognised Government ...": a participle read as the subject
            if tok.pos_ == "VERB" and tok.dep_ == "amod":
                continue  # "the UN-backed government", "a Saudi-led coalition": a participle describing a noun
            if clauses.freed_by_set(tok):
                continue  # "set the hostages free": "set free" is the predicate
            if tok.tag_ == "VBG" and any(c.dep_ == "compound" and c.i < tok.i for c in tok.children):
                continue  # "missile warning data": a noun the tagger read as a verb (verbs take no compounds)
            if _aims_an_event(tok, nouns):
                continue  # "a strike targeting militants": the strike's event takes the militants as target
            pattern = clauses.match_pattern(tok, patterns)
            if pattern is None or _embedded_in_event(tok) or _commits_to_coded_action(tok, lexicon):
                continue
            if _commits_misdeed(tok):
                continue
            if (clauses.purpose_clause(tok) and ontology.cameo(pattern.cameo).plover_type not in EXPRESSED_BY_ACTING
                    and clauses.match_pattern(tok.head, _patterns_for(tok.head, lexicon) or []) is not None):
                continue  # "sent a force to fight the gangs", "met X to discuss Y": what a coded act is for
            coded = _code_predicate(tok, pattern, sent, s_index, actors, places, dates)
            by_predicate[tok.i] = coded
            found += [e for e in coded if not _toll_of_coded_attack(tok, e, by_predicate)]
        for e in _dedupe(found):
            if _historical(sent, e.date, document.published):
                e.context.append("historical")
            events.append(e)
        if classifier is not None and not found and not _in_spans(sent.root.idx, quoted):
            uncoded.append((s_index, sent))
    if classifier is not None and uncoded:
        from eventwire.events.fallback import DEFAULT_THRESHOLD, classifier_events

        threshold = DEFAULT_THRESHOLD if classifier_threshold is None else classifier_threshold
        extra = classifier_events(sdoc, document, uncoded, actors, places, dates, classifier, threshold)
        events = sorted(events + extra, key=lambda e: e.sentence_index)  # stable: rule order kept
    actors.drop_placeholder_codes()  # coding is done: no actor record keeps a bare sector as its code
    return events


def _sentences(sdoc: Doc) -> list[Span]:
    return [s for s in sdoc.sents if s.text.strip()]


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Direct quotations (paired per paragraph, as ``quotes.find_quotations``), widened to their marks."""
    return [(s - 1, e + 1) for s, e in find_quotations(text)]


def _in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` falls inside one of the sorted, non-overlapping ``spans`` (binary search)."""
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] < offset < spans[i][1]


def _patterns_for(tok: Token, lexicon) -> list[PredicatePattern] | None:
    """Lexicon patterns for a predicate, by its lemma; when the lemmatizer slipped ("staged" -> "stag"),
    by the regular base forms of the word itself."""
    leave = next((x for x in tok.children if x.dep_ == "xcomp" and x.lemma_.lower() in DEPARTURE_VERBS), None)
    if tok.lemma_.lower() in ("order", "tell") and leave is not None and (
            any(o.lemma_.lower() in EXPELLED_NOUNS for o in clauses.direct_objects(tok))
            or any(o.lemma_.lower() in ("country", "territory") or o.ent_type_ == "GPE"
                   for o in clauses.direct_objects(leave))):
        # "ordered the US ambassador to leave", "told aid workers to leave the country": ordering someone
        # out of the country is expelling them (CAMEO 161/166/174; the expulsion patterns read the object)
        return lexicon.get("expel")
    if tok.lemma_.lower() in DEPARTURE_VERBS and any(
            _counted_noun(c).lemma_.lower() in TROOP_NOUNS for c in tok.children if c.dep_ == "nsubj"):
        return TROOPS_LEAVING
    if tok.lemma_.lower() in CROWD_VERBS and any(
            _counted_noun(c).lemma_.lower() in PROTESTER_NOUNS for c in tok.children if c.dep_ == "nsubj"):
        return lexicon.get("rally")  # "protesters gathered outside parliament": a demonstration (CAMEO 141)
    patterns = lexicon.get(tok.lemma_.lower())
    if patterns or tok.pos_ != "VERB":
        return patterns
    word = tok.lower_
    for base in (word[:-1], word[:-2], word[:-3] + "e", word[:-3]):
        if len(base) > 2 and base in lexicon and word.endswith(("d", "ed", "ing", "s")):
            return lexicon[base]
    return None


def _embedded_in_event(tok: Token) -> bool:
    """'threatened to kill', 'urged Israel to halt', 'demanded that Turkey provide', 'said Libya
    must hand over': the governing predicate (a threat, a request) is the event, not the embedded one;
    'alleged that X attacked Y': the allegation is the event (ACCUSE), the alleged act is only claimed."""
    if _alleged(tok) or _wished_for(tok):
        return True
    if (tok.dep_ in ("acl", "relcl", "xcomp") and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in PRESSING_NOUNS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
        return True  # "came under US pressure to crack down": only asked for, and not by its own subject
    up = tok
    while up.dep_ == "xcomp" and up.head.i != up.i:
        up = up.head
        if up.lemma_.lower() in GOVERNING_PREDICATES and up.pos_ == "VERB":
            return True
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in GOVERNING_PREDICATES and not _misread_as_content(tok):
        return True
    if (tok.dep_ == "advcl" and tok.head.lemma_.lower() in GOVERNING_PREDICATES
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)):
        return True  # "was pressed by X to help Y", parsed as a purpose clause: the act asked for
    up = tok
    for _ in range(4):  # "X must be ready to mediate", "must ensure security to allow aid in": asked for too
        if up.dep_ not in ("xcomp", "advcl", "acomp") or up.head.i == up.i:
            break
        up = up.head
        if _demanded(up):
            return True
    return _demanded(tok)


def _misread_as_content(tok: Token) -> bool:
    """"X accused Y of ..., a charge Z rejected": the parser hangs the main clause on the later verb as
    its content; the later verb's subject is the charge itself, so the first clause stands as told."""
    return tok.i < tok.head.i and any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in CLAIM_NOUNS
                                      for c in tok.head.children)


def _wished_for(tok: Token) -> bool:
    """'Obama wants Putin to attack ...': an act someone else wants done (``_desired_actor`` finds who)."""
    return tok.dep_ in ("ccomp", "xcomp") and _desired_actor(tok.head) is not None


def _desired_actor(verb: Token) -> tuple[Token, Token] | None:
    """For "X wants Y to <act>", the tokens (Y, act); None when ``verb`` is not such a wish."""
    if verb.lemma_.lower() not in DESIRE_VERBS or verb.pos_ != "VERB":
        return None
    for c in verb.children:
        if c.dep_ not in ("ccomp", "xcomp") or c.pos_ != "VERB":
            continue
        if not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            continue
        subj = [x for x in c.children if x.dep_ == "nsubj"] if c.dep_ == "ccomp" else \
            [x for x in verb.children if x.dep_ == "dobj"]
        if subj:
            return subj[0], c
    return None


def _desire_request(verb: Token, sent: Span, s_index: int, actors: ActorIndex, places: list[Place],
                    dates: list[DateRef]) -> list[Event]:
    """'X wants Y to act': an appeal by X to Y (CAMEO 020), when both are actors and the act is coded."""
    found = _desired_actor(verb)
    if found is None:
        return []
    who, act = found
    patterns = _patterns_for(act, default_lexicon())
    if not patterns or clauses.match_pattern(act, patterns) is None:
        return []
    tgt = actors.code_token(who, loose=True)
    sources = [r for t in clauses.subjects(verb)[0] for r in actors.code_token_all(t)]
    if tgt is None or not sources:
        return []
    return _verb_events("020", verb, sent, s_index, places, dates,
                        [(src, tgt) for src in sources if src.code != tgt.code], 0.55)


def _verdict(verb: Token, sent: Span, s_index: int, actors: ActorIndex, places: list[Place],
             dates: list[DateRef]) -> list[Event]:
    """'declared the kidnapping of X in Y unacceptable', 'called the detention illegal', 'described the
    move as provocative': condemning a deed criticizes whoever did it (CAMEO 111) - the actor named, else
    the one who did the deed (its possessor or agent), else the country where it happened."""
    adjs = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and c.pos_ == "ADJ"]
    if clauses.direct_objects(verb):  # "called the attack cowardly", the adjective parsed as an adverb
        adjs += [c for c in verb.children if c.dep_ == "advmod" and c.i > verb.i]
        # "called Japan's move irresponsible": an adjective after its noun is the verdict on it
        adjs += [a for o in clauses.direct_objects(verb) for a in o.children if a.dep_ == "amod" and a.i > o.i]
        for o in clauses.direct_objects(verb):  # 'declared the kidnapping of ... "unacceptable"' misattached
            j = o.right_edge.i + 1
            while j < len(verb.doc) and verb.doc[j].is_punct and j - o.right_edge.i <= 3:
                j += 1
            if j < len(verb.doc) and verb.doc[j].pos_ == "ADJ":
                adjs.append(verb.doc[j])
    adjs += [a for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for a in p.children
             if a.pos_ == "ADJ" and a.dep_ in ("amod", "pobj", "acomp")]
    adjs = [a for a in adjs if a.lemma_.lower() in CONDEMNING_ADJECTIVES
            and not any(c.dep_ == "neg" for c in a.children)]
    if not adjs:
        return []
    objs = clauses.direct_objects(verb) + [c for a in adjs for c in a.children if c.dep_ in ("nsubj", "nsubjpass")]
    objs = [o for o in objs if o.pos_ in ("NOUN", "PROPN")]
    sources = [r for t in clauses.subjects(verb)[0] for r in actors.code_token_all(t)]
    if not objs or not sources:
        return []
    own = {s.country for s in sources if s.country}
    tgt = None
    for o in objs:
        tgt = actors.code_token(o, loose=True)
        if tgt is None:  # "Japan's move", "the arrest by police": whoever did it
            doers = [c for c in o.children if c.dep_ == "poss"] + \
                    [x for p in o.children if p.dep_ == "prep" and p.lower_ == "by" for x in clauses.pobjs(p)]
            tgt = next((r for r in (actors.code_token(d, loose=True) for d in doers) if r is not None), None)
        if tgt is None and _event_noun(o):
            # "the kidnapping of our citizens in the Mexican town of X": the country where it was done
            for t in o.subtree:
                country = actors.country_word(t) or next(
                    (_alpha3(p.country) for p in places if p.country and p.span[0] <= t.idx < p.span[1]), None)
                if country and country not in own:
                    tgt = ActorRef(text=t.text, code=country, country=country, sector=None)
                    break
        if tgt is not None:
            break
    if tgt is None:
        return []
    return _verb_events("111", verb, sent, s_index, places, dates,
                        [(src, tgt) for src in sources
                         if src.country is None or src.country != tgt.country or src.code != tgt.code], 0.6)


def _verb_events(cameo_code: str, verb: Token, sent: Span, s_index: int, places: list[Place],
                 dates: list[DateRef], pairs: list[tuple[ActorRef, ActorRef]], confidence: float) -> list[Event]:
    """Events of one CAMEO code carried by ``verb``, one per (source, target) pair, with the verb's
    location, date and modality; [] for no pairs."""
    if not pairs:
        return []
    code = ontology.cameo(cameo_code)
    location = _location(verb, sent, places, [])
    date = _date(verb, sent, dates)
    mod = clauses.modality(verb)
    return [_event(code, verb, sent, s_index, src, tgt, location, date, mod, confidence) for src, tgt in pairs]


def _travel_warning(verb: Token, sent: Span, s_index: int, actors: ActorIndex, places: list[Place],
                    dates: list[DateRef]) -> list[Event]:
    """'advised its citizens against travel to X', 'warned against trips to X': a travel warning is a
    reduction of normal relations with X (CAMEO 160, as the CAMEO verb dictionaries code it)."""
    trips = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "against" for o in clauses.pobjs(p)
             if o.lemma_.lower() in TRAVEL_NOUNS]
    dests = [d for t in trips for p in t.children if p.dep_ == "prep" and p.lower_ in ("to", "in")
             for d in clauses.pobjs(p)]
    targets = [r for r in (_code_target(d, actors, places) for d in dests) if r is not None]
    sources = [r for t in clauses.subjects(verb)[0] for r in actors.code_token_all(t, loose=True)]
    if not targets or not sources:
        return []
    return _verb_events("160", verb, sent, s_index, places, dates,
                        [(src, tgt) for src in sources for tgt in targets if src.country != tgt.country], 0.6)


def _object_of_coded_verb(noun: Token, lexicon) -> bool:
    """An event noun that is the required object of a verb pattern ("launched air strikes", "carried out
    raids"): the verb's event is this one, so the noun is not coded a second time."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or not clauses.is_predicate(verb):
        return False
    if (noun.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in verb.children)
            and noun.lemma_.lower() not in RESTRICTION_OBJECTS | AID_OBJECTS):
        # "an agreement was reached between X and Y": the verb has no source, the noun names them (but
        # "EU sanctions were eased": the verb takes the sanctions' owner as its source)
        return False
    patterns = _patterns_for(verb, lexicon)
    pattern = clauses.match_pattern(verb, patterns) if patterns else None
    return pattern is not None and bool(pattern.objects & {noun.lemma_.lower(), noun.lower_})


def _governing_verb(tok: Token) -> Token:
    """The nearest verb above a token (the token itself when there is none)."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            break
        t = t.head
        if t.pos_ == "VERB":
            return t
    return tok


def _alleged(tok: Token) -> bool:
    """A predicate in the content clause of an alleging verb ("alleged that France took part in ...") or
    of a charge or accusation ("denied charges that it tortured ..."), including the clause's coordinated
    predicates."""
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("acl", "ccomp") and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in CLAIM_NOUNS - {"report"} \
            and (any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
                 # "rejected accusations it has denied representation to detainees": a content clause with
                 # its own subject and object, not a relative clause ("the accusations it made")
                 or {"nsubj", "dobj"} <= {c.dep_ for c in t.children}):
        return True  # "denied charges that it tortured a priest": the charge's content is only alleged
    return (t.dep_ == "ccomp" and t.head.lemma_.lower() in ALLEGING and t.head.pos_ == "VERB"
            and not _claims_own_act(t))


def _claims_own_act(content: Token) -> bool:
    """"The rebels claimed that they had attacked two camps": a claim of one's own act (the act is coded,
    as a claim of responsibility is), not an allegation against anyone. The content's subject is a
    pronoun pointing back to the claimant."""
    subj = [c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subj) and all(c.lower_ in ("they", "it", "we", "he", "she") for c in subj) and any(
        c.dep_ == "nsubj" and c.pos_ != "PRON" for c in content.head.children)


def _demanded(tok: Token) -> bool:
    """A predicate with must/should in a clause reported by a communication verb, or in the content of a
    message ("a warning to X that it must stop"), is demanded, not done."""
    if not any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in tok.children):
        return False
    return ((tok.dep_ == "ccomp" and tok.head.lemma_.lower() in SAY | STATEMENT_VERBS)
            or (tok.dep_ in ("acl", "ccomp") and tok.head.pos_ == "NOUN"
                and tok.head.lemma_.lower() in clauses.STATEMENT_NOUNS))


def _message_demand(noun: Token, sent: Span, s_index: int, actors: ActorIndex, places: list[Place],
                    dates: list[DateRef]) -> list[Event]:
    """'sent a message to X that it must ...', 'issued a warning that Y should ...': the sender of the
    message demands the act of the one who must do it (CAMEO 100)."""
    content = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and _demanded(c)]
    if not content or noun.dep_ != "dobj":
        return []
    tgt = _demand_target(content, actors)
    sources = [r for t in clauses.subjects(noun.head)[0] for r in actors.code_token_all(t)]
    if tgt is None or not sources:
        return []
    code = ontology.cameo("100")
    location = _location(noun.head, sent, places, [])
    date = _date(noun.head, sent, dates)
    out = []
    for src in sources:
        if src.code == tgt.code:
            continue
        _fill_from_location(actors, src, tgt, location, sent)
        out.append(_event(code, noun.head, sent, s_index, src, tgt, location, date, clauses.modality(noun.head), 0.6))
    return out


def _commits_misdeed(tok: Token) -> bool:
    """'committed crimes', 'atrocities committed by X': committing a deed is doing it, no commitment
    (CAMEO 03x); the deed, when coded, is coded by its own noun."""
    if tok.lemma_.lower() != "commit":
        return False
    deeds = [o.lemma_.lower() for o in clauses.direct_objects(tok)]
    if tok.dep_ in ("acl", "relcl"):
        deeds.append(tok.head.lemma_.lower())
    deeds += [c.lemma_.lower() for c in tok.children if c.dep_ == "nsubjpass"]
    return any(d in MISDEED_NOUNS for d in deeds)


def _commits_to_coded_action(tok: Token, lexicon) -> bool:
    """'agreed to share intelligence': the commitment verb yields to the action it commits to."""
    if tok.lemma_.lower() not in INTENT_EMBEDDERS:
        return False
    embedded = [x for x in tok.children if x.dep_ == "xcomp" and x.pos_ == "VERB"]
    embedded += [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "to" for o in clauses.pobjs(p)
                 if clauses.is_predicate(o)]
    for x in embedded:
        patterns = lexicon.get(x.lemma_.lower())
        if patterns and clauses.match_pattern(x, patterns) is not None:
            return True
    return False


def _code_predicate(pred: Token, pattern: PredicatePattern, sent: Span, s_index: int, actors: ActorIndex,
                    places: list[Place], dates: list[DateRef]) -> list[Event]:
    code = ontology.cameo(pattern.cameo)
    if code.plover_type is None:
        return []
    if _no_comment(pred) or _shared_opinion(pred):
        return []
    if (pred.lemma_.lower() in AUTHORIZING_VERBS and not pattern.objects
            and any(_event_noun(o) for o in clauses.direct_objects(pred))):
        return []  # "approved the deployment of a team": the approved event is coded (noun), not a 051
    if pred.lemma_.lower() == "order" and any(o.lemma_.lower() in ORDERED_ACT_NOUNS for o in clauses.direct_objects(pred)):
        return []  # "ordered the arrest of X": the arrest is coded (noun), by the one ordering it
    if (pred.lemma_.lower() in ("threaten", "endanger", "jeopardize", "jeopardise") and not any(
            c.dep_ in ("xcomp", "ccomp") for c in pred.children)
            and any(o.lemma_.lower() in ENDANGERED_NOUNS for o in clauses.direct_objects(pred))):
        return []  # "the offensive threatened the peace treaty": puts something at risk, no threat made to anyone
    if code.plover_type == "THREATEN" and any(c.dep_ in ("acl", "ccomp") and _demanded(c)
                                              for o in clauses.direct_objects(pred) for c in o.children):
        return []  # "issued a warning that X must stop": a demand on X (_message_demand), not a threat
    source_toks, passive = clauses.subjects(pred)
    incident = [t for t in source_toks if t.lemma_.lower() in INCIDENT_NOUNS]
    source_toks = [t for t in source_toks if t not in incident]
    if code.plover_type == "ASSAULT" and _test_firing(pred):
        code = ontology.cameo("150")  # "test-fired missiles": a show of force, not an attack
    weapon_objects = [o for o in clauses.direct_objects(pred) if _weapon_code(o)]
    if weapon_objects and not incident and code.code in GENERIC_ASSAULT_CODES:
        # "carried out air strikes", "fired rockets": the weapon decides the kind of assault
        weapon = _weapon_code(weapon_objects[0])
        if ontology.cameo(weapon).plover_type == code.plover_type:
            code = ontology.cameo(weapon)
    for obj in clauses.direct_objects(pred):
        mods = _modifiers(obj)
        if code.plover_type == "PROTEST" and obj.lemma_.lower() == "strike" and not mods & STRIKE_WEAPON_MODIFIERS:
            # "staged a strike" 143, "began a hunger strike" 142 (CAMEO 14)
            code = ontology.cameo("142" if mods & HUNGER_STRIKE_MODIFIERS else "143")
        elif (code.code in GENERIC_ASSAULT_CODES and obj.lemma_.lower() in ("attack", "assault")
              and mods & CYBER_MODIFIERS):
            code = ontology.cameo("176")  # "launched a cyber attack": COERCE, mode cyber
        elif code.code in ("150", "062") and obj.lemma_.lower() in EXERCISE_NOUNS and mods & JOINT_MODIFIERS:
            code = ontology.cameo("062")  # "conducted joint exercises": military cooperation
        elif (code.code == "062" and obj.lemma_.lower() in EXERCISE_NOUNS and len(source_toks) < 2
              and not any(p.lower_ == "with" for p in clauses.prep_children(pred))):
            code = ontology.cameo("150")  # "China staged drills around Taiwan": one side's show of force
    if code.code == "070":
        code = _aid_code(clauses.pattern_objects(pred)) or code
    if incident and code.code in GENERIC_ASSAULT_CODES:
        # "blown up by a missile", "killed by a roadside bomb": the weapon decides the kind of assault
        weapon = _weapon_code(incident[0])  # "Israeli air strikes killed 20": an air strike's modifiers count
        if weapon and ontology.cameo(weapon).plover_type == code.plover_type:
            code = ontology.cameo(weapon)
    target_toks = _target_tokens(pred, pattern, passive)
    if pattern.source_prep and not passive:
        # "received assurances from X", "faces pressure from X": X acts, the subject is acted on
        target_toks = source_toks
        source_toks = [o for p in clauses.prep_children(pred) if p.lower_ == pattern.source_prep
                       for o in clauses.pobjs(p)]
    protesting = {t.lemma_.lower() for t in source_toks}
    if source_toks and ((code.code == "1712" and protesting <= PROTESTER_NOUNS)
                        or (code.code == "190" and protesting <= PROTESTER_NOUNS - {"mob", "crowd"})):
        code = ontology.cameo("145")  # protesters destroying or storming: a protest turned violent (CAMEO 145)
    if passive and not source_toks and pred.lemma_.lower() in EXPULSION_VERBS:
        # "the ambassador was expelled from Lithuania": the country expelling is the one left
        source_toks = [o for p in pred.children if p.dep_ == "prep" and p.lower_ == "from" for o in clauses.pobjs(p)]
    if passive and not source_toks and code.plover_type == "MOBILIZE" and target_toks:
        # "Nigerian police were deployed", "troops were mobilised": with no agent named, the forces moved
        # are the party that shows force (CAMEO 15, PLOVER MOBILIZE: the actor is the armed force)
        source_toks, target_toks = target_toks, []
    if (code.code.startswith("042") or code.code == "154") and source_toks and all(
            _counted_noun(t).lemma_.lower() in TROOP_NOUNS for t in source_toks):
        # "British troops arrived in Mali": forces arriving or deploying are deployed (CAMEO 154), or
        # provide peacekeeping (074) when the sentence says so; a visit (042) is made by officials
        code = ontology.cameo("074" if any(t.lower_.startswith("peacekeep") for t in sent) else "154")
    if code.code == "072" and any(_counted_noun(o).lemma_.lower() in TROOP_NOUNS for o in clauses.direct_objects(pred)) \
            and any(t.lower_.startswith("peacekeep") for t in sent):
        code = ontology.cameo("074")  # "sending a platoon to Kuwait on a peacekeeping mission" (CAMEO 074)
    sources = [r for t in source_toks
               for r in (actors.paired_parties(t) or actors.code_token_all(t, loose=True) or [_unknown_actor(t)])
               if r is not None]
    if not sources and passive and code.code == "0841":
        # "two citizens who had been held by the government were released": the holder releases them
        holders = [o for t in target_toks for a in t.children if a.dep_ in ("relcl", "acl")
                   and a.lemma_.lower() in HOLDING_VERBS for g in a.children if g.dep_ == "agent" for o in clauses.pobjs(g)]
        sources = [r for r in (actors.code_token(t, loose=True) for t in holders) if r is not None]
    if not sources and passive:
        # "UN sanctions against Iran were lifted", "U.S. aid to Egypt was frozen": with no agent named, the
        # one whose sanctions or aid they are acts on them
        owned = [o for o in clauses.passive_objects(pred) or [c for c in pred.children if c.dep_ == "nsubjpass"]
                 if o.lemma_.lower() in RESTRICTION_OBJECTS | AID_OBJECTS]
        words = _modifier_words(owned[0]) if owned else []
        modifier = actors.modifier_actor(words) if words else None
        if modifier is None and words:  # "UN sanctions": an organisation's name
            modifier = next((r for t in words if t.pos_ == "PROPN" for r in [actors.code_token(t)] if r is not None), None)
        sources = [modifier] if modifier is not None else []
    targets = [r for r in (_code_target(t, actors, places) or _named_unknown(t, places) for t in target_toks) if r is not None]
    if not targets and not passive and target_toks and (pattern.target_prep == "obj" or (
            code.plover_type == "THREATEN" and any(t.head is not pred for t in target_toks)) or (
            # "attacked a town in North Darfur" with "in" hung on the verb: the town stands for its country
            code.plover_type in ("ASSAULT", "COERCE")
            and all(_counted_noun(t).lemma_.lower() in PLACE_NOUNS | PREMISES_NOUNS for t in target_toks))):
        # "struck military bases in Poland", "threatened to strike bases in Poland" with "in" hung on the verb:
        # the facility struck stands for the country it is in
        where = [o for p in pred.children if p.dep_ == "prep" and p.lower_ == "in" for o in clauses.pobjs(p)]
        where += [o for t in target_toks for p in t.head.children if t.head is not pred and p.dep_ == "prep"
                  and p.lower_ == "in" and t.dep_ == "dobj" for o in clauses.pobjs(p)]
        country = _country_named(where, actors, places)
        if country and all(_counted_noun(t).lemma_.lower() not in TROOP_NOUNS | OWN_FORCE_NOUNS for t in target_toks):
            targets = [ActorRef(text=target_toks[0].text, code=country, country=country, sector=None)]
    if not targets and not passive and pattern.target_prep is None and target_toks:
        # "backed humanitarian aid to the Palestinians" with "to" hung on the verb: the object is not an
        # actor, and the party it is directed at is
        targets = [r for p in clauses.prep_children(pred) if p.lower_ in OBJECT_DIRECTION_PREPS
                   for o in clauses.pobjs(p) if o not in target_toks
                   for r in [actors.code_token(o, loose=True)] if r is not None]
    if pred.dep_ == "advcl" and pred.tag_ == "VBG" and any(t.country is None and t.sector for t in targets):
        # "launched air strikes on Gaza, killing 12 people": the victims of the consequence are where the
        # act above it struck
        struck = _consequence_country(pred, actors, places, {s.country for s in sources})
        for t in targets:
            actors.fill_country(t, struck)
    implied = False
    # "Seoul and Washington held joint drills, angering Pyongyang": parties to a joint act are each
    # other's counterpart (below), not some other country the sentence names
    # (an AGREE only when they agreed together: "Kuwait and Belgium vowed to donate" is no joint act)
    joint = code.plover_type in ("CONSULT", "COOPERATE") or code.code in SYMMETRIC_CODES or (
        code.plover_type == "AGREE" and any(t.lemma_.lower() == "agree" for t in [pred] + clauses.governors(pred)))
    partners = joint and len({s.code for s in sources if s.code}) > 1
    if partners and targets and all(t.country in {s.country for s in sources} for t in targets):
        targets = []  # "the two Koreas agreed to hold talks in Pyongyang": each other, not the venue's country
    if not targets and code.plover_type in IMPLIED_TARGET_TYPES and sources and not partners:
        implied_ref = _sentence_country(sent, sources, actors, pred)
        if implied_ref is not None:
            targets, implied = [implied_ref], True
    location = _location(pred, sent, places, targets if code.plover_type == "CONSULT" else [])
    if not targets and code.plover_type == "PROTEST":
        # "protested outside the US embassy in Manila": a protest at a foreign mission is addressed to the
        # country that sent it, not to the authorities of the place
        mission = next(((t, r) for t in pred.subtree if t.lemma_.lower() in ("embassy", "consulate") and t.dep_ == "pobj"
                        for r in [actors.modifier_actor([c for c in t.children if c.dep_ in ("amod", "compound", "poss")])]
                        if r is not None), None)
        if mission is not None:
            where, sender = mission
            targets = [ActorRef(text=sent.doc[where.left_edge.i: where.i + 1].text, code=sender.country + "GOV",
                                country=sender.country, sector="GOV")]
    if not targets and code.plover_type == "MOBILIZE":
        # "amassed troops near the Azerbaijani border": forces shown at a border face the country beyond it
        beyond = [(t, c) for t in sent if t.dep_ in ("amod", "compound") and _names_a_border(t, t.head)
                  and (c := actors.country_word(t)) and c not in {s.country for s in sources}]
        if beyond:
            word, country = beyond[0]
            targets = [ActorRef(text=word.text, code=country, country=country, sector=None)]
    if not targets and code.plover_type in PLACE_TARGET_TYPES and location.country:
        # a protest with no named addressee is directed at the authorities of the place, a meeting or
        # exercise with no named counterpart at the country where it happens (ICEWS/PETRARCH practice)
        alpha3 = _alpha3(location.country)
        if alpha3 and code.plover_type == "PROTEST":
            targets = [ActorRef(text=f"authorities ({location.name or alpha3})", code=alpha3 + "GOV", country=alpha3,
                                sector="GOV")]
        elif alpha3 and alpha3 not in {s.country for s in sources}:
            targets = [ActorRef(text=location.name or alpha3, code=alpha3, country=alpha3, sector=None)]
    date = _date(pred, sent, dates)
    mod = clauses.modality(pred)
    if code.plover_type == "THREATEN" and mod == "threatened":
        mod = "asserted"
    if code.code == "130":
        code = _threat_code(pred) or code
    if mod == "negated" and code.plover_type in REJECT_CODES and clauses.refusal(pred):
        code, mod = ontology.cameo(REJECT_CODES[code.plover_type]), "asserted"
    elif mod in ("intended", "planned") and clauses.conditional(pred):
        code, mod = ontology.cameo("139"), "asserted"  # "will withdraw unless ...": an ultimatum
    elif mod in ("intended", "planned") and code.plover_type in INTENT_CODES:
        code = _intent_code(code)
    elif mod == "intended" and code.plover_type == "CONSULT":
        # "offered to mediate", "agreed to resume talks": an offer or a commitment to meet is AGREE (CAMEO
        # 039/036; PLOVER manual, AGREE); plainly scheduled meetings ("will meet") stay CONSULT, planned
        code = ontology.cameo("039" if code.code.startswith("045") else "036")
    if not sources and incident and not passive and code.plover_type in UNNAMED_PERPETRATOR_TYPES:
        # "Syrian government missiles struck a rebel-held area": the weapon's owner fired it, whether or
        # not the place struck names a party
        modifier = actors.modifier_actor(_modifier_words(incident[0]))
        sources = [modifier] if modifier is not None else []
    if not sources and (passive or incident) and targets and code.plover_type in UNNAMED_PERPETRATOR_TYPES:
        # "killed in Israeli tank shelling", "killed in an attack blamed on jihadists",
        # "nine villagers died when raiders stormed a market"
        for perpetrators in _nominal_perpetrators(pred) + [_when_clause_subjects(pred)]:
            if all(t.dep_ in MODIFIER_DEPS for t in perpetrators):  # "U.S. military airstrikes"
                modifier = actors.modifier_actor(perpetrators)
                sources = [modifier] if modifier is not None else []
            else:
                sources = [r for r in (actors.code_token(t, loose=True) for t in perpetrators) if r is not None]
            if sources:
                break
    if not sources and passive and code.plover_type == "ASSAULT" and pred.dep_ == "conj":
        # "Russian forces fired missiles at Ukrainian cities, and 12 people were killed in Kharkiv": the
        # dead are the toll of the attack in the first clause, by its attacker
        head_patterns = _patterns_for(pred.head, default_lexicon())
        head_pattern = clauses.match_pattern(pred.head, head_patterns) if head_patterns else None
        if head_pattern is not None and ontology.cameo(head_pattern.cameo).plover_type == "ASSAULT":
            attackers, head_passive = clauses.subjects(pred.head)
            if not head_passive:
                sources = [r for t in attackers for r in actors.code_token_all(t, loose=True)]
    if (not sources and (passive or incident) and targets and code.plover_type in UNNAMED_PERPETRATOR_TYPES
            and location.country and (location.reason or "").startswith("clause")):
        # "Three soldiers were killed by a roadside bomb outside Basra": an unnamed perpetrator is
        # given the country of the place struck (ICEWS/PLOVER coding practice).
        alpha3 = _alpha3(location.country)
        if alpha3:
            sources = [ActorRef(text=f"unidentified ({location.name})", code=alpha3, country=alpha3, sector=None)]
    if not sources and passive and code.code == "116":
        # "X was sentenced to five years": a verdict is passed by a court, and courts judge within their
        # own country (DOMESTIC_SECTORS): the unnamed court is the judiciary of the one judged, else of the
        # place of the trial, else of the one country the sentence names (PLOVER SANCTION, mode convict)
        country = next((t.country for t in targets if t.country), None)
        if country is None and location.country:
            country = _alpha3(location.country)
        country = country or _only_country(sent, actors)
        if country:
            sources = [ActorRef(text=f"court ({country})", code=country + "JUD", country=country, sector="JUD")]
    if (not sources and passive and code.code == "1711" and location.country
            and any(_counted_noun(t).lemma_.lower() in CONTRABAND_NOUNS for t in target_toks)):
        # "234 pistols were seized in Addis Ababa": contraband is seized by the police of the place (as an
        # unnamed court is that place's judiciary)
        alpha3 = _alpha3(location.country)
        if alpha3:
            sources = [ActorRef(text=f"police ({location.name or alpha3})", code=alpha3 + "COP", country=alpha3,
                                sector="COP")]
    if (code.code in ("140", "141") and pred.lemma_.lower() == "protest" and sources
            and all(src.sector in (None, "GOV") and src.code for src in sources)
            and not any(t.tag_ in ("NNS", "NNPS") for t in source_toks)):
        # "China protested the meeting": a state or government protests through official channels
        # (CAMEO 114 complain officially); crowds, and a people ("Palestinians protested"), demonstrate (14x)
        code = ontology.cameo("114")
    if code.code == "183" and sources and all(src.sector == "MIL" for src in sources):
        code = ontology.cameo("195")  # bombing by armed forces is an aerial attack, not CAMEO's non-military 183
    pairs = [(src, tgt) for src in sources for tgt in targets or [None]]
    reciprocal = pred.lemma_.lower() in RECIPROCAL_VERBS  # "Washington and Moscow traded accusations"
    symmetric = code.plover_type in SYMMETRIC_TYPES and not (
        # "US and Iraqi forces attacked the town": allies acting on a third party; only fighting with no
        # object ("clashed", "fought") sets the sides against each other
        code.plover_type == "ASSAULT" and clauses.direct_objects(pred)) and not code.code.startswith(MEDIATION_CODES)
    if not targets and (symmetric or code.code in SYMMETRIC_CODES or reciprocal) \
            and len({s.code for s in sources if s.code}) > 1:
        # "Kenya and Ethiopia agreed to ...", "The US, Russia and Switzerland met": each with each other
        pairs = [(a, b) for a in sources for b in sources if a is not b and a.code and b.code and a.code != b.code]
    out = []
    for src, tgt in pairs:
        named_target = tgt is not None and tgt.country is not None  # its country is in its own words
        _fill_from_location(actors, src, tgt, location, sent, code)
        _fill_domestic_target(actors, src, tgt, code)
        if tgt is not None and src.actor_ref is not None and src.actor_ref == tgt.actor_ref:
            continue
        conf = 0.55 + (0.15 if src.country else 0) + (0.1 if tgt is not None and tgt.country else 0)
        conf += 0.05 * min(pattern.specificity, 2) - (0.2 if implied else 0)
        out.append(_event(code, pred, sent, s_index, src, tgt, location, date, mod, conf))
        if (code.code in MUTUAL_CODES and pred.lemma_.lower() in MUTUAL_LEMMAS and named_target and not implied
                and tgt.country != src.country and src.country):
            out.append(_event(code, pred, sent, s_index, tgt, src, location, date, mod, conf - 0.1))
        elif code.code == "043" and named_target and not implied and tgt.code != src.code:
            # hosting a visit is the guest's visit too (CAMEO 043 / 042)
            out.append(_event(ontology.cameo("042"), pred, sent, s_index, tgt, src, location, date, mod, conf - 0.1))
    return out


def _code_nominal(noun: Token, pattern: NounPattern, sent: Span, s_index: int, actors: ActorIndex,
                  places: list[Place], dates: list[DateRef]) -> list[Event]:
    """Nominal events: "the abduction of three aid workers", "Israel's attack on Gaza", "talks with Iran".

    Sources: a possessive, a "by" phrase, "blamed on X", or a nationality modifier; targets: on/against/
    with/to/at phrases, and the "of" phrase when the table says it names the one acted on. A nominal
    event needs at least one coded participant, and is skipped when only talked about as a risk or fear.
    """
    code = _nominal_code(noun, pattern)
    if code is None or code.plover_type is None:
        return []
    if noun.lemma_.lower() == "protest" and noun.head.lemma_.lower() in ("lodge", "file", "register", "deliver"):
        return []  # "lodged a protest with X" is a diplomatic complaint (the verb's pattern), not a demonstration
    if noun.head.lemma_.lower() in HYPOTHETICAL_HEADS or (noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in HYPOTHETICAL_HEADS):
        return []
    if _demanded_noun(noun):
        return []
    src_toks, tgt_toks = [], []
    for c in noun.children:
        if c.dep_ == "poss":
            src_toks.append(c)
        elif c.dep_ in ("amod", "compound") and c.i < noun.i and actors.country_word(c):
            src_toks.append(c)
        elif c.dep_ == "prep":
            prep = c.lower_
            objs = clauses.pobjs(c)
            if prep == "by":
                src_toks += objs
            elif prep in ("on", "against", "with", "to", "at", "toward", "towards", "into"):
                tgt_toks += objs
            elif prep == "between" and not src_toks:
                src_toks += objs  # "talks between Serbia and Albania": each side acts
            elif prep == "of" and pattern.of_role == "target":
                tgt_toks += objs
                # "the arrest of X by Mexican soldiers" with "by" hung on X
                src_toks += [o for x in objs for p in x.children if p.dep_ == "prep" and p.lower_ == "by"
                             for o in clauses.pobjs(p)]
            elif prep == "from" and code.code == "0874":
                tgt_toks += objs  # "the withdrawal of troops from Basra": the place left
            elif prep == "of" and pattern.of_role == "source":
                src_toks += objs
        elif c.dep_ == "acl" and c.lemma_ in ("blame", "claim") :
            src_toks += [o for p in c.children if p.dep_ == "prep" and p.lower_ == "on" for o in clauses.pobjs(p)]
    if not src_toks and noun.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in noun.head.children):
        # "an agreement was reached between X and Y": the sides hang on the verb
        src_toks = [o for p in noun.head.children if p.dep_ == "prep" and p.lower_ == "between"
                    for o in clauses.pobjs(p)]
    light = _light_verb_of(noun)
    if light is not None and all(t.pos_ == "PRON" for t in src_toks):
        # "Spain announced a halt to rail links", "the army launched an offensive", "forces began their
        # assault", "began a new round of exercises": the light verb's subject carries the event out (a
        # possessive pronoun points back to it); "the war game was staged by X": the agent does
        if noun.dep_ == "nsubjpass":
            src_toks = [o for a in light.children if a.dep_ == "agent" for o in clauses.pobjs(a)] or src_toks
        else:
            src_toks = clauses.subjects(light)[0] or src_toks
    elif not src_toks and noun.dep_ == "pobj" and _carried_out_by_subject(noun):
        # "the militia engaged in looting", "the envoys flew to Oslo for talks": the verb's subject acts
        src_toks, _ = clauses.subjects(noun.head.head)
    elif not src_toks and noun.dep_ == "pobj" and _blamed_on_subject(noun):
        # "the cartel has been responsible for mass killings": the one held responsible acted
        src_toks, _ = clauses.subjects(noun.head.head.head)
    elif not src_toks and noun.dep_ == "dobj" and noun.head.lemma_.lower() == "claim" and code.plover_type == "ASSAULT":
        # "the group claimed the attack": short for claiming responsibility, the claimant carried it out
        src_toks, _ = clauses.subjects(noun.head)
    sources = [r for t in src_toks for r in actors.code_token_all(t, loose=True)]
    if not sources and not src_toks:
        # "a Syrian regime offensive", "U.S. military airstrikes": a country and a sector word on the noun
        modifiers = _modifier_words(noun)
        modifier = actors.modifier_actor(modifiers) if modifiers else None
        sources = [modifier] if modifier is not None else []
    if (not sources and code.plover_type == "CONSULT" and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB"
            and (noun.head.lower_ == "during" or (noun.head.lower_ in ("in", "at", "after")
                                                  and noun.head.i < noun.head.head.i))):
        # "In a meeting with X, Obama pledged ...", "During his visit to Cairo, the king ...": the one
        # who acts in the clause is the one meeting
        sources = [r for t in clauses.subjects(noun.head.head)[0] for r in actors.code_token_all(t, loose=True)]
    if noun.dep_ == "dobj" and code.plover_type not in ("CONSULT", "AGREE") and any(
            r.country is None and r.sector for r in sources):
        # "Canada hastened the pullout of some units": the units are the subject's (but "Norway hosted talks
        # between the rebels and X" does not make the rebels Norwegian)
        owners = [r for t in clauses.subjects(noun.head)[0] for r in actors.code_token_all(t) if r.country]
        if len(owners) == 1:
            for r in sources:
                actors.fill_country(r, owners[0].country)
    if not tgt_toks and light is not None:
        # "launched cyber warfare against the UK", "issued an ultimatum to Turkey": the target hangs on
        # the light verb
        tgt_toks = [o for p in light.children if p.dep_ in ("prep", "dative")
                    and p.lower_ in ("on",) + OBJECT_DIRECTION_PREPS for o in clauses.pobjs(p)]
    tgt_toks = tgt_toks or _aimed_at(noun)  # "an air strike targeting militants"
    targets = [r for r in (_code_target(t, actors, places) for t in tgt_toks) if r is not None]
    # "fighting erupted in X", "clashes have not re-emerged": an occurrence is an event without actors
    occurs = (noun.dep_ == "nsubj" and _occurrence_verb(noun.head)) or (
        # "rallies and sit-ins were held across the country": a protest held, by people not named
        code.plover_type == "PROTEST" and light is not None and noun.dep_ == "nsubjpass" and not src_toks)
    if not sources and not targets and not occurs:
        return []
    location = _location(noun, sent, places, targets if code.plover_type == "CONSULT" else [])
    if not sources and code.plover_type in UNNAMED_PERPETRATOR_TYPES and location.country:
        alpha3 = _alpha3(location.country)
        if alpha3:
            sources = [ActorRef(text=f"unidentified ({location.name})", code=alpha3, country=alpha3, sector=None)]
    if not sources and not occurs:
        return []
    date = _date(noun, sent, dates)
    # the light verb that carries the noun carries its tense and mood: "will hold joint patrols" is planned
    carried = light is not None
    mod = clauses.modality(light if carried else noun.head) if occurs or carried else (
        "negated" if any(c.dep_ == "neg" for c in noun.head.children) else "asserted")
    if mod == "asserted" and not carried and noun.dep_ == "dobj" and clauses.is_predicate(noun.head):
        # "said he would host talks between X and Y", "offered to host talks": the talks are as planned
        # or intended as the act that brings them about
        mod = clauses.modality(noun.head)
    if (noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS and code.plover_type in REJECT_CODES
            and clauses.modality(noun.head) == "negated" and clauses.refusal(noun.head)):
        # "failed to reach an agreement", "refused to sign the accord": a rejection
        code, mod = ontology.cameo(REJECT_CODES[code.plover_type]), "asserted"
    elif carried and mod in ("intended", "planned") and code.plover_type in ("ASSAULT", "COERCE", "SANCTION"):
        # "says it will begin a new military operation against X": a stated plan to use force is a threat
        # (CAMEO 13x, PLOVER THREATEN), as for verbs; planned joint patrols or talks keep their type, planned
        code = _intent_code(code)
    if code.code == "150" and noun.lemma_.lower() in EXERCISE_NOUNS and len({s.country for s in sources if s.country}) > 1:
        code = ontology.cameo("062")  # "war games staged by U.S. and Jordanian forces": held together, cooperation
    out = []
    pairs = [(src, tgt) for src in sources or [None] for tgt in targets or [None]]
    if not targets and (code.plover_type in SYMMETRIC_TYPES or code.code in SYMMETRIC_CODES) \
            and not code.code.startswith(MEDIATION_CODES) and len({s.code for s in sources if s.code}) > 1:
        # "talks between Serbia and Albania", "clashes between X and Y": each side toward the other
        pairs = [(a, b) for a in sources for b in sources if a is not b and a.code and b.code and a.code != b.code]
    for src, tgt in pairs:
        _fill_from_location(actors, src, tgt, location, sent, code)
        _fill_domestic_target(actors, src, tgt, code)
        if tgt is not None and src is not None and src.actor_ref is not None and src.actor_ref == tgt.actor_ref:
            continue
        conf = 0.35 + (0.15 if src is not None and src.country else 0) + (0.1 if tgt is not None and tgt.country else 0)
        out.append(_event(code, noun, sent, s_index, src, tgt, location, date, mod, conf))
    return out


def _threat_code(pred: Token) -> ontology.CameoCode | None:
    """The CAMEO 13x code of a threat by the act threatened ("threatened to attack" 138 military force,
    "to arrest" 137 repression, "to impose sanctions" 1312, other sanctions 131); None when the threat
    names no such act (CAMEO 1.1b3, 13 THREATEN)."""
    for x in pred.children:
        if x.dep_ != "xcomp" and not _threatened_content(x):
            continue
        pattern = clauses.match_pattern(x, _patterns_for(x, default_lexicon()) or [])
        if pattern is None:
            continue
        act = ontology.cameo(pattern.cameo)
        if act.plover_type == "SANCTION" and act.code.startswith("163"):
            return ontology.cameo("1312")
        if act.plover_type in ("ASSAULT", "COERCE", "SANCTION"):
            return _intent_code(act)
    return None


def _threatened_content(x: Token) -> bool:
    """Whether ``x`` is what a warning says its speaker will do: "warned that it would attack Kenyan
    forces" (a content clause in the future, under a threatening verb)."""
    if not (x.dep_ == "ccomp" and x.head.lemma_.lower() in clauses.THREATENED
            and any(a.dep_ == "aux" and a.lower_ in ("will", "would", "'ll", "shall") for a in x.children)):
        return False
    # the speaker's own act ("it would", "its fighters will"), not a forecast ("the famine would kill")
    subject = next((c for c in x.children if c.dep_ == "nsubj"), None)
    return subject is None or subject.pos_ == "PRON" or any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children)


def _intent_code(code: ontology.CameoCode) -> ontology.CameoCode:
    """The CAMEO code of a stated intention or plan to do ``code`` (a type in INTENT_CODES): to yield is
    035x by what is yielded, to help 033, to attack 138, to coerce 137 ... (CAMEO 03 and 13)."""
    return ontology.cameo(next((v for k, v in YIELD_INTENT_CODES if code.code.startswith(k)),
                               INTENT_CODES[code.plover_type]))


def _directed_against(noun: Token) -> bool:
    """"an operation against Hamas", "launched an operation against X": aimed at an adversary."""
    holders = [noun] + ([noun.head] if noun.dep_ == "dobj" else [])
    return any(c.dep_ == "prep" and c.lower_ == "against" for h in holders for c in h.children)


def _light_verb_of(noun: Token) -> Token | None:
    """The light verb that carries an event noun: its object ("launched an offensive"), the object of
    a partitive object ("began a new round of exercises"), or its passive subject ("the war game was
    staged by X"); None otherwise."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "dobj" \
            and head.head.lemma_.lower() in clauses.PARTITIVE_HEADS:
        noun, head = head.head, head.head.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in LIGHT_VERBS and head.pos_ in ("VERB", "AUX"):
        return head
    return None


def _demanded_noun(noun: Token) -> bool:
    """"ordered an inquiry into X", "called for talks with Y", "demanded the release of Z": the noun is
    what the demand asks for (CAMEO 10x), not an act done; the verb's own pattern codes the demand."""
    if noun.dep_ == "dobj":
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ == "for":
        verb = noun.head.head
    else:
        return False
    if verb.lemma_.lower() == "order" and noun.lemma_.lower() in ORDERED_ACT_NOUNS:
        return False  # "ordered the arrest of X": one who can order it does it (CAMEO practice)
    return verb.pos_ == "VERB" and verb.lemma_.lower() in clauses.REQUESTED


def _no_comment(pred: Token) -> bool:
    """"declined to comment", "refused to elaborate": CAMEO 011 (decline comment), a statement with no
    PLOVER type, not a rejection of anyone."""
    return pred.lemma_.lower() in ("decline", "refuse") and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT_VERBS for c in pred.children)


def _shared_opinion(pred: Token) -> bool:
    """"agreed with the Senate that ...", "said they agree with the recommendation": an opinion shared
    (CAMEO 019, express accord; no PLOVER type), not an agreement to act."""
    if pred.lemma_.lower() != "agree" or any(c.dep_ == "xcomp" for c in pred.children):
        return False
    withs = [o for c in pred.children if c.dep_ == "prep" and c.lower_ == "with" for o in clauses.pobjs(c)]
    if not withs:
        return False
    return any(c.dep_ == "ccomp" for c in pred.children) or all(
        o.lemma_.lower() in OPINION_NOUNS or o.tag_ in ("WP", "WDT") for o in withs)


def _blamed_on_subject(noun: Token) -> bool:
    """"X is responsible for the killings", "X was guilty of abductions": an incident the subject of a
    copula is held to account for (the adjective's subject did it); "X claimed responsibility for the
    attack" (the claimant did it)."""
    prep, adj = noun.head, noun.head.head
    if (prep.dep_ == "prep" and prep.lower_ == "for" and adj.lemma_.lower() == "responsibility"
            and adj.dep_ == "dobj" and adj.head.lemma_.lower() in ("claim", "accept", "admit", "acknowledge")):
        return True  # "X claimed responsibility for the attack": X carried it out
    return (prep.dep_ == "prep" and adj.pos_ == "ADJ" and adj.dep_ == "acomp"
            and (adj.lemma_.lower(), prep.lower_) in (("responsible", "for"), ("guilty", "of"))
            and adj.head.lemma_.lower() == "be")


def _carried_out_by_subject(noun: Token) -> bool:
    """Whether a nominal event that is the object of a preposition is done by the subject of the verb
    above it: "engaged in / took part in X", "came / returned / flew ... for X"."""
    prep, verb = noun.head, noun.head.head
    if prep.dep_ != "prep" or verb.pos_ != "VERB":
        return False
    lemma, p = verb.lemma_.lower(), prep.lower_
    if p == "in" and lemma in PARTICIPATION_VERBS:
        # "engaged in fighting", "took part in the raid"; not "engaged the rebels in a firefight"
        return all(o.lemma_.lower() == "part" for o in clauses.direct_objects(verb))
    return p == "for" and lemma in MOTION_VERBS


def _occurrence_verb(verb: Token) -> bool:
    """"erupted", "broke out", "re-emerged" (which the tokenizer splits as re - emerged)."""
    if verb.lemma_.lower().replace("-", "") in OCCURRENCE_VERBS:
        return True
    if verb.lower_ == "re":
        return any(c.dep_ == "conj" and c.lemma_.lower() in OCCURRENCE_VERBS for c in verb.children)
    return False


def _when_clause_subjects(pred: Token) -> list[Token]:
    """Subjects of a temporal clause of a passive ("were killed when gunmen raided ...")."""
    for c in pred.children:
        if c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "after") for m in c.children):
            subj, passive = clauses.subjects(c)
            if subj and not passive:
                return subj
    return []


def _nominal_perpetrators(pred: Token) -> list[list[Token]]:
    """Candidate source tokens of the incident nouns in the predicate's clause, best first, one group per
    cue: "in an attack by X", "a missile fired by X", "blamed on X", "X's attack", "Israeli shelling"."""
    groups: list[list[Token]] = []
    for tok in pred.subtree:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in INCIDENT_NOUNS or tok.i == pred.i:
            continue
        groups.append([o for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for o in clauses.pobjs(c)])
        groups.append([o for a in tok.children if a.dep_ == "acl" for t in a.subtree
                       if t.dep_ == "agent" for o in clauses.pobjs(t)])  # "a missile believed fired by X"
        groups.append([o for a in tok.children if a.dep_ == "acl" and a.lemma_.lower() in ("fire", "launch")
                       for p in a.children if p.dep_ == "prep" and p.lower_ == "from" for o in clauses.pobjs(p)
                       if o.pos_ == "PROPN"])  # "rockets fired from Iran": the country they came from
        # "an attack blamed on X", also when the parser hangs "blamed" on the attack's target
        groups.append([o for a in tok.subtree if a.dep_ == "acl" and a.lemma_ in ("blame", "claim")
                       for p in a.children if p.dep_ == "prep" and p.lower_ == "on" for o in clauses.pobjs(p)])
        groups.append([c for c in tok.children if c.dep_ == "poss"])
        groups.append([t for t in _modifier_words(tok)
                       if t.pos_ in ("ADJ", "PROPN") or t.lemma_.lower() in ("government", "army", "military")])
    return [g for g in groups if g]



def _modifier_words(noun: Token) -> list[Token]:
    """The words before a noun that modify it, with their own modifiers ("U.S. military" in "U.S. military
    airstrikes", "Syrian regime" in "a Syrian regime offensive")."""
    return [t for c in noun.children if c.dep_ in MODIFIER_DEPS and c.i < noun.i
            for t in [c] + [m for m in c.children if m.dep_ in MODIFIER_DEPS]]


def _test_firing(pred: Token) -> bool:
    """'test-fired', 'test fired', 'test-launched': a weapons test."""
    doc = pred.doc
    before = [doc[i].lower_ for i in range(max(0, pred.i - 2), pred.i)]
    return before[-1:] == ["test"] or before == ["test", "-"] or pred.lower_.startswith("test-")


def _weapon_code(tok: Token) -> str | None:
    """CAMEO code of an assault by the weapon a noun names ("bomb" 183, "rocket" 194, "air strike" 195)."""
    lemma = tok.lemma_.lower()
    if lemma in ("strike", "raid", "attack"):
        mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
        return "195" if mods & {"air", "aerial", "drone", "missile"} else None
    return WEAPON_CODES.get(lemma)


# What an act or a state of affairs can put at risk without anyone being threatened ("threatened the
# peace treaty", "threatens regional stability").
ENDANGERED_NOUNS = {"treaty", "peace", "stability", "security", "ceasefire", "truce", "deal", "agreement", "accord",
                    "process", "talks", "economy", "future", "life", "lives", "livelihood", "livelihoods", "existence",
                    "ties", "relations", "recovery", "health", "survival", "unity", "order", "supply", "supplies",
                    "harvest", "environment", "growth", "progress", "gains", "credibility"}
# Modifiers of "strike" that make it an armed strike ("drone strike"), never a labour one.
STRIKE_WEAPON_MODIFIERS = {"air", "missile", "drone", "rocket", "military", "artillery"}
# Modifiers of "strike" that make it a protest (CAMEO 142 hunger strike, 143 strike), and of "attack" that
# make it a cyber attack (CAMEO 176, PLOVER COERCE mode cyber: "hacking, security breaches, website attacks").
HUNGER_STRIKE_MODIFIERS = {"hunger"}
# Modifiers that make an "operation" an armed one (CAMEO 190).
MILITARY_OPERATION_MODIFIERS = {"military", "ground", "combat", "offensive", "counter-terrorism", "counterterrorism",
                                "counter-insurgency", "counterinsurgency", "anti-terror", "anti-terrorist", "cross-border",
                                "army", "armed"}
LABOUR_STRIKE_MODIFIERS = {"general", "labour", "labor", "worker", "workers", "teacher", "teachers", "union",
                           "wildcat", "nationwide", "national", "doctor", "doctors", "nurse", "nurses", "transport",
                           "rail", "miner", "miners", "dock", "port", "public-sector", "sector", "staff", "employee",
                           "employees", "truckers", "trucker", "indefinite", "24-hour", "48-hour", "one-day",
                           "two-day", "three-day", "week-long"}
CYBER_MODIFIERS = {"cyber", "cyber-", "ransomware", "hacking", "hacker", "hackers", "computer", "network", "online",
                   "digital", "malware", "phishing", "denial-of-service", "ddos"}


# Military exercises, drills and patrols: held jointly they are military cooperation (CAMEO 062, PLOVER
# COOPERATE); one force's exercises are a show of force (150, MOBILIZE), as the PLOVER manual's MOBILIZE
# section says. As event nouns they count only with one of these modifiers.
EXERCISE_NOUNS = {"exercise", "drill", "maneuver", "manoeuvre", "patrol", "wargame", "war-game", "game"}
JOINT_MODIFIERS = {"joint", "bilateral", "trilateral", "multinational", "combined"}
MILITARY_EXERCISE_MODIFIERS = {"military", "naval", "army", "air", "war", "navy", "live-fire", "amphibious"}


# Kinds of aid (CAMEO 071 economic, 072 military, 073 humanitarian), by the aid noun's modifiers or the
# thing given ("military aid", "$2 billion in loans", "arms"). CAMEO 1.1b3 section 07.
ECONOMIC_AID_WORDS = {"economic", "financial", "budget", "budgetary", "development", "fiscal", "loan", "loans",
                      "credit", "credits", "grant", "grants", "tranche", "bailout", "fund", "funds", "funding", "money",
                      "cash"}
MILITARY_AID_WORDS = {"military", "defence", "defense", "security", "weapon", "weapons", "arm", "arms",
                      "ammunition", "munition", "munitions", "lethal"}
HUMANITARIAN_AID_WORDS = {"humanitarian", "food", "medical", "relief", "emergency", "medicine", "medicines",
                          "shelter", "tent", "tents", "blanket", "blankets", "vaccine", "vaccines"}


def _aid_code(objects: list[Token]) -> ontology.CameoCode | None:
    """The kind of aid the objects of a giving verb name: military (072) before humanitarian (073) before
    economic (071); None when no object says ("provided assistance")."""
    words = {w for o in objects for w in {o.lemma_.lower(), o.lower_} | _modifiers(o)}
    for kind, code in ((MILITARY_AID_WORDS, "072"), (HUMANITARIAN_AID_WORDS, "073"), (ECONOMIC_AID_WORDS, "071")):
        if words & kind:
            return ontology.cameo(code)
    return None


def _modifiers(noun: Token) -> set[str]:
    """Lower-cased compound and adjective modifiers of a noun ("hunger" of "hunger strike")."""
    return {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}


def _nominal_code(noun: Token, pattern: NounPattern) -> ontology.CameoCode | None:
    """The CAMEO code of an event noun, refined by its modifiers: a strike is an air strike (195), a hunger
    strike (142) or a labour strike (143), else no event; an attack (or warfare) is a cyber attack (176)
    when a cyber word modifies it; other warfare is an event only when its kind is armed (chemical, guerrilla)."""
    mods = _modifiers(noun)
    if pattern.lemma == "strike":
        if mods & HUNGER_STRIKE_MODIFIERS:
            return ontology.cameo("142")
        if mods & LABOUR_STRIKE_MODIFIERS:
            return ontology.cameo("143")
        if not mods & STRIKE_WEAPON_MODIFIERS:
            return None
    if pattern.lemma in ("attack", "assault", "warfare", "war") and mods & CYBER_MODIFIERS:
        return ontology.cameo("176")
    if pattern.lemma == "operation" and not (mods & MILITARY_OPERATION_MODIFIERS or _directed_against(noun)):
        # "a rescue operation", "surgical operations": armed only when so qualified or aimed at someone
        return None
    if pattern.lemma == "war" and not _directed_against(noun):
        return None  # "their war against the government" is an armed attack; "the war on drugs", "the war" alone are not
    if pattern.lemma == "warfare" and not mods & {"chemical", "biological", "germ", "guerrilla", "urban", "conventional"}:
        return None  # "psychological warfare", "lawfare": no armed attack unless the kind says so
    if pattern.lemma == "release":
        # "the release of $300 million in military aid": releasing funds or aid gives it, not a prisoner
        given = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in clauses.pobjs(p)]
        given += clauses.counted_objects(noun, given)
        if any(o.lemma_.lower() in AID_OBJECTS | ECONOMIC_AID_WORDS for o in given):
            return _aid_code(given) or ontology.cameo("070")
    if pattern.lemma in EXERCISE_NOUNS:
        if mods & JOINT_MODIFIERS:
            return ontology.cameo("062")
        return ontology.cameo("150") if mods & MILITARY_EXERCISE_MODIFIERS else None
    return ontology.cameo(pattern.cameo)


def _target_tokens(pred: Token, pattern: PredicatePattern, passive: bool) -> list[Token]:
    if passive and pattern.objects and pattern.target_prep not in (None, "obj"):
        # "proof against Peru was submitted by Chile": the object's own preposition names the target
        logical = clauses.passive_objects(pred)
        found = [o for obj in logical for p in obj.children if p.dep_ == "prep" and p.lower_ == pattern.target_prep
                 for o in clauses.pobjs(p)]
        if logical and not found:  # "sanctions were imposed on Iran by ...": the preposition on the verb
            found = [o for p in pred.children if p.dep_ == "prep" and p.lower_ == pattern.target_prep
                     for o in clauses.pobjs(p)]
        if found:
            return found
    if passive:
        # "sanctions against X were lifted by Y", "aid to X was suspended by Y": the logical object's
        # own preposition names the target
        logical = clauses.passive_objects(pred) or [c for c in pred.children if c.dep_ == "nsubjpass" and c.pos_ == "NOUN"]
        restricted = [o for obj in logical
                      for p in obj.children if p.dep_ == "prep"
                      and (p.lower_ in ("on", "against") if obj.lemma_.lower() in RESTRICTION_OBJECTS
                           else p.lower_ in ("to", "for") if obj.lemma_.lower() in AID_OBJECTS
                           else p.lower_ == "with" and obj.lemma_.lower() in RELATION_OBJECTS)
                      for o in clauses.pobjs(p)]
        return restricted or clauses.passive_target(pred)
    preps = clauses.prep_children(pred)
    if pattern.object_prep:  # "agreed to a ceasefire with Croatia": the required object's own phrases
        preps = preps + [c for p in pred.children if p.dep_ == "prep" and p.lower_ == pattern.object_prep
                         for o in clauses.pobjs(p) for c in o.children if c.dep_ == "prep"]
    if ontology.cameo(pattern.cameo).quad_class != 4:
        # "condemned the attack on aid workers": the attack's victims are not the ones condemned (but
        # "launched an attack on Gaza" is the attack itself, and Gaza its target, and "lifted the
        # sanctions on Cuba" names its object in the pattern)
        preps = [p for p in preps if not (p.head.dep_ in ("dobj", "nsubjpass") and p.head.i != pred.i
                                          and _violent_event_noun(p.head)
                                          and p.head.lemma_.lower() not in pattern.objects)]
    # with cooperation, "on"/"for" name the topic ("share intelligence on armed groups"), not a party
    cooperative = ontology.cameo(pattern.cameo).quad_class in (1, 2)
    if pattern.objects & RESTRICTION_OBJECTS:
        cooperative = False  # "lifted the sanctions on Iran": "on" names the one restricted
    target_preps = [p for p in clauses.TARGET_PREPS if not (cooperative and p in ("on", "for"))]
    if pattern.target_prep == "obj":  # "engaged Filipino peacekeepers": the required object is the target
        return clauses.direct_objects(pred)
    if pattern.particle == "available" and not pattern.target_prep:
        return []  # "made available ambulances and experts": what is made available, never to whom
    if pattern.target_prep:
        found = [o for p in preps if p.lower_ == pattern.target_prep for o in clauses.pobjs(p)]
        trade = [o for o in found if o.lemma_.lower() in TRADE_NOUNS]
        if trade:  # "an embargo on arms sales to South Sudan", with "to South Sudan" on the noun or the verb
            partners = [x for o in trade for x in _trade_partners(o)] or [
                o for h in [pred] + clauses.direct_objects(pred) for p in h.children
                if p.dep_ == "prep" and p.lower_ in ("to", "with", "from") for o in clauses.pobjs(p)]
            found = [o for o in found if o not in trade] + partners
        return found
    out = [c for c in pred.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    out += [o for c in pred.children if c.dep_ == "dative" and c.pos_ == "ADP" for o in clauses.pobjs(c)]
    owners = _object_owner_targets(pred, pattern)
    if owners:
        out += owners
    elif not pattern.objects:
        # "used batons and pepper spray to disperse marchers": weapons are not the target
        out += [o for o in clauses.direct_objects(pred) if o.lemma_.lower() not in INSTRUMENT_NOUNS]
    # the target of "threatened to kill the governor", "agreed to share intelligence with Peru",
    # "fired tear gas to push back protesters"
    for x in pred.children:
        purpose = x.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)
        if (x.dep_ == "xcomp" or purpose or _threatened_content(x)) and not out:
            inner_pattern = clauses.match_pattern(x, default_lexicon().get(x.lemma_.lower(), []))
            if inner_pattern is not None and inner_pattern.target_prep not in (None, "obj"):
                # the embedded predicate names its own target ("share intelligence on X with Y": Y)
                out += [o for p in clauses.prep_children(x) if p.lower_ == inner_pattern.target_prep
                        for o in clauses.pobjs(p)]
                continue
            inner = [] if inner_pattern is not None and inner_pattern.objects and inner_pattern.target_prep != "obj" \
                else clauses.direct_objects(x)  # "threatened to strike government buildings": what is struck
            inner += [o for p in clauses.prep_children(x) if p.lower_ in target_preps for o in clauses.pobjs(p)]
            out += inner
    if not out:
        out = [o for p in preps if p.lower_ in target_preps for o in clauses.pobjs(p)]
    if not out:  # "carried out raids targeting rebel positions"
        out = [o for d in clauses.direct_objects(pred) for o in _aimed_at(d)]
    if pattern.cameo == "0874":
        # "pulled its peacekeepers out of Mali": the forces withdrawn are the subject's own; the target is
        # the place or party they leave
        out = [t for t in out if _counted_noun(t).lemma_.lower() not in TROOP_NOUNS | OWN_FORCE_NOUNS] or [
            o for p in pred.children if p.dep_ == "prep" and p.lower_ in ("from", "out")
            for o in clauses.pobjs(p) + [x for q in p.children if q.dep_ == "prep" and q.lower_ == "of"
                                         for x in clauses.pobjs(q)]]
    if ontology.cameo(pattern.cameo).plover_type == "MOBILIZE":
        # "mobilized troops for a war against Iraq", "dispatched the army": the forces moved are the
        # subject's own, not its target; the target is whom they are sent against
        own = [t for t in out if _counted_noun(t).lemma_.lower() in TROOP_NOUNS | OWN_FORCE_NOUNS]
        if own:
            # "troops for a war against Iraq", with "for a war" on the troops or on the verb
            purposes = own + [o for p in pred.children if p.dep_ == "prep" and p.lower_ == "for" for o in clauses.pobjs(p)]
            out = [t for t in out if t not in own] or [
                o for p in pred.children if p.dep_ == "prep" and p.lower_ in ("against", "into")
                for o in clauses.pobjs(p)] + [o for t in purposes for p in t.subtree
                                               if p.dep_ == "prep" and p.lower_ == "against" for o in clauses.pobjs(p)]
    if not out and ontology.cameo(pattern.cameo).plover_type == "MOBILIZE":
        # "massed troops along Ukraine's border": forces at a border face the country it is named for
        holders = [pred] + clauses.direct_objects(pred)  # "massed troops along the border": on the verb or the troops
        out = [o for h in holders for p in h.children if p.dep_ == "prep"
               and p.lower_ in ("along", "near", "on", "at", "to", "toward", "towards", "by")
               for o in clauses.pobjs(p) if o.lemma_.lower() in BORDER_NOUNS]
    if pattern.cameo.startswith(MEDIATION_CODES):
        # "mediated between the warring sides", "mediated talks between Israel and Hamas": the sides
        out = [x for h in [pred] + clauses.direct_objects(pred) for p in h.children
               if p.dep_ == "prep" and p.lower_ == "between" for o in clauses.pobjs(p)
               for x in [o] + list(o.conjuncts)] or out
    if not out and pattern.cameo.startswith("04"):  # "arrived here": the dateline's place
        out = [c for c in pred.children if c.dep_ == "advmod" and c.lower_ == "here"]
    if not out:  # "demanded that Nairobi consult it": the one asked to act
        out = [s for c in pred.children if c.dep_ == "ccomp" for s in clauses.subjects(c)[0]]
    return out


# Kinds of event that an act performs when it is done for them: "marched to demand reforms", "struck to
# protest the law", "wore black to show support": the demand, the protest, the support are made.
EXPRESSED_BY_ACTING = {"REQUEST", "PROTEST", "ACCUSE", "SUPPORT", "REJECT"}
# Flows of goods and traffic whose partner a restriction hits ("imports of X", "arms sales to Y").
TRADE_NOUNS = {"import", "imports", "export", "exports", "sale", "sales", "trade", "shipment", "shipments",
               "flight", "flights", "delivery", "deliveries"}


def _trade_partners(noun: Token) -> list[Token]:
    """The other party of a trade flow: "sales to X", "trade with X", "imports from X"; and the goods of
    "imports of Japanese seafood" (whose nationality codes the country)."""
    return [o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("to", "with", "from", "of")
            for o in clauses.pobjs(p)]


# Participles that say at whom an act described by a noun is aimed ("a strike targeting militants").
AIMING_PARTICIPLES = {"target", "aim", "hit"}


def _aims_an_event(tok: Token, nouns) -> bool:
    """Whether ``tok`` is a participle that only says whom an event noun is aimed at ("an air strike
    targeting militants", "raids aimed at rebel bases"): part of that event, not an event of its own."""
    head = tok.head
    return (tok.dep_ == "acl" and tok.lemma_.lower() in AIMING_PARTICIPLES and head.i != tok.i
            and (head.lemma_.lower() in nouns or head.lemma_.lower() in WEAPON_CODES))


def _aimed_at(noun: Token) -> list[Token]:
    """Whom an event noun is aimed at by a participle: "a strike targeting militants" gives the militants,
    "raids aimed at rebel bases" the bases."""
    return [o for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in AIMING_PARTICIPLES
            for o in clauses.direct_objects(c) + [x for p in c.children if p.dep_ == "prep"
                                                  and p.lower_ in ("at", "against") for x in clauses.pobjs(p)]]


def _object_owner_targets(pred: Token, pattern: PredicatePattern) -> list[Token]:
    """Targets named inside the direct object when the verb names none: the one a restriction was
    imposed on ("lifted the ban imposed on Chadian citizens"), the author of a claim or offer that is
    rejected or criticised ("rejected accusations by the US", "turned down an offer from Kabul") or
    accepted or welcomed ("welcomed the decision by X"), the visitor whose visit is welcomed or hosted,
    the partner of a trade restricted ("suspended imports of Japanese seafood", "an embargo on arms sales
    to X"), whom sanctions are against, and the owner of what is seized ("cocaine belonging to X")."""
    out: list[Token] = []
    for obj in clauses.direct_objects(pred):
        low = obj.lemma_.lower()
        if ontology.cameo(pattern.cameo).plover_type in OWNER_TARGET_TYPES:
            # "seized three tonnes of cocaine belonging to the Gulf Clan": the owner is the one acted on
            out += [o for x in [obj] + clauses.counted_objects(pred, [obj]) for a in x.children
                    if a.dep_ == "acl" and a.lemma_.lower() == "belong" for p in a.children
                    if p.dep_ == "prep" and p.lower_ == "to" for o in clauses.pobjs(p)]
        owner = [c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON"] or [
            # "froze the assets of six cartel members": the owner in an "of" phrase
            o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" and low in ASSET_NOUNS for o in clauses.pobjs(p)]
        if (owner and low in pattern.objects and low not in BORDER_NOUNS
                and ontology.cameo(pattern.cameo).plover_type in OWNER_TARGET_TYPES):
            # "refuted Trump's comments", "froze Iran's assets", "sought China's help": the owner of the
            # object the pattern requires is the one acted on (a pronoun owner is the subject's own, and
            # "pledged Washington's support" gives the subject's own)
            out += owner
        elif low in TRADE_NOUNS:  # "suspended imports of Japanese seafood", "halted trade with Qatar"
            out += _trade_partners(obj)
        elif low in RESTRICTION_OBJECTS or any(o.lemma_.lower() in RESTRICTION_OBJECTS
                                               for o in clauses.counted_objects(pred, [obj])):
            out += [o for a in obj.children if a.dep_ == "acl" for p in a.children
                    if p.dep_ == "prep" and p.lower_ in ("on", "against") for o in clauses.pobjs(p)]
            # "adopted a package of sanctions against Russia": the restriction's own "against"/"on"
            out += [o for x in [obj] + clauses.counted_objects(pred, [obj]) for p in x.children
                    if p.dep_ == "prep" and p.lower_ in ("on", "against") for o in clauses.pobjs(p)
                    if o.lemma_.lower() not in TRADE_NOUNS]
            # "an embargo on arms sales to South Sudan": the partner of the trade restricted
            out += [x for p in obj.children if p.dep_ == "prep" and p.lower_ == "on" for o in clauses.pobjs(p)
                    if o.lemma_.lower() in TRADE_NOUNS for x in _trade_partners(o)]
        elif (low in CLAIM_NOUNS | PROPOSAL_NOUNS | REPROACH_NOUNS and (
                pattern.cameo[:2] in ("11", "12") or pattern.cameo == "016")) or (
                # "accepted a proposal from X", "welcomed the decision by X": the author is the one agreed with
                low in PROPOSAL_NOUNS | DECISION_NOUNS and pattern.cameo[:2] in ("03", "05")):
            # the author: "charges by X", "an appeal lodged by X", and "denied charges by X" with the "by"
            # phrase hung on the (active) verb
            # ("rejected a package of incentives offered by X": the "of" phrase's own participle)
            holders = [obj] + [o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for o in clauses.pobjs(p)]
            holders += [a for h in holders for a in h.children if a.dep_ == "acl" and a.tag_ == "VBN"]
            out += [o for h in holders for p in h.children if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "from")
                    for o in clauses.pobjs(p)] or [
                o for p in pred.children if p.dep_ == "prep" and p.lower_ == "by" for o in clauses.pobjs(p)] or [
                # "shrugged off Chinese criticism": the nationality of the claim is its author
                c for c in obj.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")]
        elif low in ("visit", "visits", "trip") and pattern.cameo.startswith("04"):
            # "welcomed the visit by the Sudanese foreign minister": the visitor
            out += [o for p in obj.children if p.dep_ == "prep" and p.lower_ in ("by", "of")
                    for o in clauses.pobjs(p)] + [c for c in obj.children if c.dep_ == "poss"]
    return out


def _named_unknown(tok: Token, places: list[Place]) -> ActorRef | None:
    """A target the dictionaries do not know but the text names ("accused his rival Fathi Bashagha"): kept
    by its name with no code, as unknown sources are, rather than dropped. The tagger's entity label is
    not trusted for names ("accused Gulen" is tagged a place), but a name the gazetteer resolved is a place."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP") or not tok.is_alpha:
        return None
    if tok.ent_type_ != "PERSON" and any(p.span[0] <= tok.idx < p.span[1] for p in places):
        return None
    return _unknown_actor(tok)


def _unknown_actor(tok: Token) -> ActorRef | None:
    """An actor the dictionaries do not know: kept by its text, with no code (never a made-up one)."""
    named = tok.pos_ == "PROPN" or tok.ent_type_ in ("ORG", "NORP", "PERSON", "FAC")
    group = tok.pos_ == "NOUN" and ((tok.tag_ == "NNS" and tok.lemma_.lower() not in NOT_ACTOR_NOUNS)
                                    or tok.lemma_.lower() in COLLECTIVE_NOUNS)
    if not (named or group):
        return None  # "a plot", "the toll" are not actors; "prisoners", "The Zorgon Brigade" are
    toks = list(tok.subtree)
    keep = [t for t in toks if t.i <= tok.i or t.dep_ in ("compound", "amod")]
    text = tok.doc[keep[0].i: tok.i + 1].text.strip()
    return ActorRef(text=text, code=None, country=None, sector=None)


def _code_target(tok: Token, actors: ActorIndex, places: list[Place]) -> ActorRef | None:
    if tok.lower_ == "here":
        home = actors.home_country
        return ActorRef(text="here", code=home, country=home, sector=None) if home else None
    holder = _holder_of_place(tok)
    if holder is not None:
        # "bombed rebel-held areas in Idlib": the side holding the place is the one attacked
        ref = actors.code_token(holder, loose=True)
        if ref is not None:
            if ref.country is None:
                place = _code_target_place(tok, actors, places)
                actors.fill_country(ref, place.country if place is not None else None)
            return ref
    ref = actors.code_token(tok, loose=True)
    if ref is not None and ref.sector is None:
        # "condemned US President Trump's decision": the owner, coded with its title, is more specific
        # than the country word the loose match found inside the owner's name
        owner = next((r for c in tok.children if c.dep_ == "poss" for r in [actors.code_token(c)]
                      if r is not None and r.country == ref.country and r.sector), None)
        ref = owner or ref
    if ref is not None and ref.country is None and not _event_noun(tok) and not _foreign_mission(ref):
        # "military bases in Poland": a sector-only object takes the country of the place it is in
        where = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "near") for o in clauses.pobjs(c)]
        country = _country_named(where, actors, places)
        if country:
            actors.fill_country(ref, country)
    if ref is not None:
        return ref
    for c in tok.children:  # "rejected India's proposal": the owner is the target
        if c.dep_ == "poss":
            ref = actors.code_token(c)
            if ref is not None:
                return ref
    for c in tok.children:  # "met regional rival Japan's Prime Minister": the apposition names the actor
        if c.dep_ == "appos":
            ref = actors.code_token(c, loose=True) or next(
                (r for g in c.children if g.dep_ == "poss" for r in [actors.code_token(g)] if r is not None), None)
            if ref is not None:
                return ref
    if tok.lemma_.lower() in RELATION_OBJECTS:  # "refused to return to talks with Washington": the partner
        for o in (o for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for o in clauses.pobjs(c)):
            ref = actors.code_token(o, loose=True)
            if ref is not None:
                return ref
    if not _event_noun(tok):
        # "supported economic assistance to the Palestinians", "an ultimatum to Turkey": the party the
        # object is directed at (not "on"/"for", which name a topic)
        for o in (o for c in tok.children if c.dep_ == "prep" and c.lower_ in OBJECT_DIRECTION_PREPS
                  for o in clauses.pobjs(c)):
            ref = actors.code_token(o, loose=True)
            if ref is not None:
                return ref
    if tok.lemma_.lower() in BORDER_NOUNS:  # "troops to the border with Ukraine"
        for o in (o for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for o in clauses.pobjs(c)):
            ref = actors.code_token(o, loose=True)
            if ref is not None:
                return ref
    if tok.lemma_.lower() in PREMISES_NOUNS:  # "raided the headquarters of the opposition party"
        for o in (o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in clauses.pobjs(c)):
            ref = actors.code_token(o, loose=True)
            if ref is not None:
                return ref
    return _code_target_place(tok, actors, places)


HOLDING_PARTICIPLES = {"hold", "control", "run", "occupy", "dominate", "besiege", "seize"}


def _holder_of_place(tok: Token) -> Token | None:
    """The holder named in a "-held" modifier: "rebel" of "rebel-held areas", "Taliban" of
    "Taliban-controlled districts"; None when the noun has none."""
    for c in tok.children:
        if c.dep_ == "amod" and c.tag_ == "VBN" and c.lemma_.lower() in HOLDING_PARTICIPLES and c.i < tok.i:
            doc = tok.doc
            if c.i >= 2 and doc[c.i - 1].text == "-" and not doc[c.i - 2].whitespace_:
                return doc[c.i - 2]
    return None


def _code_target_place(tok: Token, actors: ActorIndex, places: list[Place]) -> ActorRef | None:
    """A non-actor object standing for the country it lies in or names: "bombed the city of Aleppo",
    "targets in southern Lebanon", "attacked Bakhmut"; None when it names no place."""
    phrase = [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    if tok.lemma_.lower() in PLACE_NOUNS:  # "bombed the city of Aleppo": the place named by the "of" phrase
        phrase += [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in clauses.pobjs(c)
                   for t in [o] + [m for m in o.children if m.dep_ in ("compound", "amod")]]
    # "bombed targets in southern Lebanon": a non-actor object stands for the country it lies in; but
    # the place of an event ("condemned the attack on peacekeepers in Mali") is where it happened, not
    # who is condemned
    if not _event_noun(tok):
        phrase += [t for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "near") for o in clauses.pobjs(c)
                   for t in [o] + [m for m in o.children if m.dep_ in ("compound", "amod")]]
    for t in phrase[1:]:
        country = actors.country_word(t) if t.dep_ == "pobj" or t.head.dep_ == "pobj" else None
        if country:
            return ActorRef(text=t.text, code=country, country=country, sector=None)
    for p in places:  # "attacked Bakhmut", "attacked the Niafunke post": a place stands for its country
        if p.text.lower() in COMPASS_WORDS:
            continue  # "the East", "the North": too loose to stand for a country (Cameroon has regions so named)
        if p.country and any(p.span[0] <= t.idx < p.span[1] for t in phrase):
            alpha3 = _alpha3(p.country)
            if alpha3:
                return ActorRef(text=p.text, code=alpha3, country=alpha3, sector=None)
    return None


def _country_named(tokens: list[Token], actors: ActorIndex, places: list[Place]) -> str | None:
    """The country the first of ``tokens`` that names one stands for: a country word ("Poland"), else a
    resolved place's country ("Kyiv" -> UKR); None when none does."""
    return next((c for o in tokens for c in [actors.country_word(o)] if c), None) or next(
        (_alpha3(p.country) for o in tokens for p in places if p.country and p.span[0] <= o.idx < p.span[1]), None)


def _consequence_country(pred: Token, actors: ActorIndex, places: list[Place], exclude: set) -> str | None:
    """The one country named in the clause that a participle of consequence hangs on ("launched strikes
    on Gaza, killing ..." -> PSE), outside the participle's own words and the source's countries."""
    head = pred.head
    inside = set(range(pred.left_edge.i, pred.right_edge.i + 1))
    found = set()
    for t in head.subtree:
        if t.i in inside or t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ in ("nsubj", "nsubjpass"):
            continue
        country = actors.country_word(t)
        if country is None:
            country = next((_alpha3(p.country) for p in places
                            if p.country and p.span[0] <= t.idx < p.span[1]), None)
        if country and country not in exclude:
            found.add(country)
    return found.pop() if len(found) == 1 else None


def _counted_noun(tok: Token) -> Token:
    """The noun counted by a quantity head ("hundreds of troops" -> troops), else the token itself."""
    if tok.lemma_.lower() in clauses.PARTITIVE_HEADS or tok.like_num:
        for o in (o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in clauses.pobjs(c)):
            return o
    return tok


def _event_noun(tok: Token) -> bool:
    """A noun that names an event ("attack", "talks", "bombing") rather than a party or a thing."""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and (lemma in INCIDENT_NOUNS or lemma in default_nouns())


def _violent_event_noun(tok: Token) -> bool:
    """An incident or a violent act named by a noun ("attack", "bombing", "killing", "kidnapping")."""
    lemma = tok.lemma_.lower()
    if lemma in INCIDENT_NOUNS:
        return True
    pattern = default_nouns().get(lemma)
    return tok.pos_ == "NOUN" and pattern is not None and ontology.cameo(pattern.cameo).quad_class == 4


def _sentence_country(sent: Span, sources: list[ActorRef], actors: ActorIndex, pred: Token) -> ActorRef | None:
    """The country actor of the sentence nearest the predicate, other than the source's country and the
    parties to an incident that is the predicate's object."""
    src_countries = {s.country for s in sources}
    # "condemned the attack on aid workers in Sudan": the parties to the incident condemned (its victims,
    # its place) are not the one condemned
    incident = {t.i for o in clauses.direct_objects(pred) if _violent_event_noun(o) for t in o.subtree}
    mine = _subject_clause(pred)
    reporters = {t.i for v in sent if v.lemma_.lower() in SAY and v.i != pred.i
                 for c in v.children if c.dep_ == "nsubj" for t in c.subtree}
    best = None
    for tok in sent:
        if tok.pos_ not in ("PROPN", "NOUN", "ADJ") or tok.i in incident:
            continue
        other = _subject_clause(tok)
        if other.i != mine.i and ((other.dep_ == "conj" and other.head.i == mine.i)
                                  or (mine.dep_ == "conj" and mine.head.i == other.i)):
            continue  # "Russia urged restraint, and the EU called for talks": the other clause's parties
        if tok.i in reporters:
            continue  # "X agreed to hold elections, Norwegian mediators said": the ones reporting it
        ref = actors.code_token(tok)
        if ref is None or ref.country is None or ref.country in src_countries:
            continue
        dist = abs(tok.i - pred.i)
        if best is None or dist < best[0]:
            best = (dist, ActorRef(text=ref.text, code=ref.country, country=ref.country, sector=None,
                                   actor_ref=ref.actor_ref if ref.code == ref.country else None))
    return best[1] if best else None


def _subject_clause(tok: Token) -> Token:
    """The verb of the nearest clause above ``tok`` (itself included) that has a subject of its own."""
    t = tok
    while t.head.i != t.i and not (t.pos_ in ("VERB", "AUX")
                                   and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)):
        t = t.head
    return t


def _location(pred: Token, sent: Span, places: list[Place], targets: list[ActorRef]) -> EventLocation:
    in_sent = [(i, p) for i, p in enumerate(places) if sent.start_char <= p.span[0] < sent.end_char and p.geonameid]
    if not in_sent:
        return EventLocation(place_ref=None, reason="no resolved place in the sentence")
    # "in the Libyan capital Tripoli": a country word and a town in one phrase; the town is the setting
    heads = {i: _phrase_head(t) for i, p in in_sent if (t := _token_at(sent, p.span[0])) is not None}

    def within(j: int, i: int) -> bool:  # place j's words lie inside place i's phrase
        hi = heads.get(i)
        return hi is not None and j in heads and hi.left_edge.idx <= places[j].span[0] <= hi.right_edge.idx

    in_sent = [(i, p) for i, p in in_sent
               if not ((p.feature_code or "").startswith("PCL") and any(
                   j != i and within(j, i) and not (q.feature_code or "").startswith("PCL") for j, q in in_sent))]
    chain = [pred] + clauses.governors(pred)
    clause_root = chain[-1]
    setting = []  # places introduced by in/at/near: (attached to the predicate itself?, index, place, preposition)
    for i, p in in_sent:
        tok = _token_at(sent, p.span[0])
        if tok is None:
            continue
        head = _phrase_head(tok)
        if _names_a_border(tok, head):
            continue
        while head.dep_ == "appos" and head.head.i != head.i:
            head = head.head  # "in the Libyan capital Tripoli": the town stands in apposition
        prep = head.head
        if prep.lower_ == "of" and prep.head.lower_ in ("outside", "out"):
            prep = prep.head  # "outside of the city of Basra": the compound preposition sets the scene
        if head.dep_ == "pobj" and prep.lower_ in SETTING_PREPS:
            if _governed_by(head, clause_root):
                setting.append((prep.head in chain, i, p, prep.text))
    # 1) a place introduced by in/at/near on the predicate itself ("In Mombasa, the police detained ...")
    for direct, i, p, prep in setting:
        if direct:
            return _loc(i, p, f"clause: '{prep} {p.text}'")
    # 2) for a visit, the place visited
    for i, p in in_sent:
        if any(t.text == p.text for t in targets):
            return _loc(i, p, "place of the target of a visit")
    # 3) a setting deeper in the clause
    for _, i, p, prep in setting:
        return _loc(i, p, f"clause: '{prep} {p.text}'")
    # 3) a place elsewhere in the sentence that is not itself a participant
    for i, p in in_sent:
        tok = _token_at(sent, p.span[0])
        head = _phrase_head(tok) if tok is not None else None
        if head is not None and _names_a_border(tok, head):
            continue
        while head is not None and head.dep_ == "appos" and head.head.i != head.i:
            head = head.head
        if head is not None and head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "near"):
            return _loc(i, p, f"sentence: '{head.head.text} {p.text}'")
    return EventLocation(place_ref=None, reason="places in the sentence are participants, not the setting")


def _names_a_border(tok: Token, head: Token) -> bool:
    """"near the Afghan border": a country word modifying a border names a line both sides share, not
    the country where the event happens."""
    return head.lemma_.lower() in BORDER_NOUNS and head.i != tok.i


def _loc(i: int, p: Place, reason: str) -> EventLocation:
    return EventLocation(place_ref=i, name=p.name, geonameid=p.geonameid, lat=p.lat, lon=p.lon, country=p.country,
                         reason=reason)


def _token_at(sent: Span, offset: int) -> Token | None:
    for t in sent:
        if t.idx <= offset < t.idx + len(t.text):
            return t
    return None


def _phrase_head(tok: Token) -> Token:
    """The head of the phrase a place name sits in: "Matamoros" in "the town of Matamoros" -> "town"."""
    while tok.dep_ in ("compound", "flat", "amod") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("pobj", "appos") and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in PLACE_NOUNS:
        tok = tok.head.head
    return tok


def _governed_by(tok: Token, root: Token) -> bool:
    t = tok
    for _ in range(12):
        if t.i == root.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _date(pred: Token, sent: Span, dates: list[DateRef]) -> DateRef | None:
    lo, hi = _extent(pred)  # left_edge/right_edge: O(1), unlike listing the subtree
    clause = [d for d in dates if lo <= d.span[0] < hi]
    if clause:
        return clause[0]
    root = pred
    for g in clauses.governors(pred):
        root = g
    lo, hi = _extent(root)
    near = [d for d in dates if lo <= d.span[0] < hi and not _inside_other_clause(sent, d, root)]
    if not near and root.dep_ == "advcl" and root.tag_ == "VBG" and root.head.i != root.i:
        # "attacked the post on Monday, killing four": the toll is dated by the act it follows
        return _date(root.head, sent, dates)
    return near[0] if near else None


def _extent(tok: Token) -> tuple[int, int]:
    """Character bounds of the token's subtree."""
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)


def _inside_other_clause(sent: Span, d: DateRef, root: Token) -> bool:
    tok = _token_at(sent, d.span[0])
    t = tok
    while t is not None and t.i != root.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "ccomp", "acl") :
            return True
        t = t.head
    return False


def _fill_from_location(actors: ActorIndex, src: ActorRef, tgt: ActorRef | None, location: EventLocation,
                        sent: Span | None = None, code: ontology.CameoCode | None = None) -> None:
    """Sector-only actors ("the mayor", "police") take the country of the event's place; failing that,
    the dateline's country, but only when the sentence names no country at all (a Washington-datelined
    story about Mexico must not turn Mexican officials American). A source never takes the country that
    is itself the target ("the president visited Eritrea", "condemned Eritrea": he is not Eritrea's),
    except in coercion, which a state does at home ("imposed a curfew across Eritrea")."""
    if code is not None and code.code.startswith(MEDIATION_CODES):
        tgt = None  # "Norway mediated between the government and the rebels": the sides are not the mediator's
    if code is not None and code.plover_type in ("CONSULT", "AGREE", "COOPERATE", "CONCEDE", "RETREAT"):
        # "talks between the rebels and Sanaa": insurgents dealing with a state are that state's own
        for a, b in ((src, tgt), (tgt, src)):
            if (a is not None and b is not None and a.country is None and a.sector in INSURGENT_SECTORS
                    and b.country and b.sector in (None, "GOV", "MIL")):
                actors.fill_country(a, b.country)
    if src is not None and _targets_own_setting(tgt, location, sent, actors, code):
        src = None  # the target state's own country would make the act self-directed; the source stays unknown
    if location.country:
        alpha3 = _alpha3(location.country)
        for ref in (src, tgt):
            words = ref.text.split() if ref is not None else []
            lowered = {w.lower() for w in words}
            stateless = STATELESS_WORDS & lowered and \
                not any(w in actors.dictionary.countries for w in words if w.lower() not in STATELESS_WORDS)
            if ref is not None and alpha3 and ref.country and ref.country != alpha3 and (stateless or "ethnic" in lowered):
                # "ethnic Albanians demonstrated in Serbia": an ethnic group is coded where it lives, and
                # "Kurdish rebels ... in eastern Turkey": a people without a state of its own where it acts
                # (CAMEO practice)
                ref.country, ref.code = alpha3, alpha3 + (ref.sector or "")
    elif sent is not None and actors.home_country and not _names_a_country(sent, actors):
        # "In Pakistan, gunmen attacked a checkpoint. The army denied ...": a story that has moved to
        # another country stays there for the next sentence; otherwise the dateline's country
        alpha3 = _previous_setting(sent, actors) or actors.home_country
    else:
        if sent is not None:
            # "Kurdish rebels attacked a Turkish army post": with no place named, a people without a state
            # of its own acts in the one country the sentence names
            where = {c for c in (actors.country_word(t) for t in sent if t.lower_ not in STATELESS_WORDS) if c}
            for ref in (src, tgt):
                if (ref is not None and len(where) == 1 and ref.country and ref.country not in where
                        and STATELESS_WORDS & {w.lower() for w in ref.text.split()}
                        and not any(w in actors.dictionary.countries for w in ref.text.split()
                                    if w.lower() not in STATELESS_WORDS)):
                    alpha3 = next(iter(where))
                    ref.country, ref.code = alpha3, alpha3 + (ref.sector or "")
        # "President X conceded ... Angola": a titled source of no stated country in a sentence that
        # names a single country belongs to that country (CAMEO coders' practice); targets stay unknown
        alpha3 = _only_country(sent, actors) if sent is not None else None
        foreign = code is not None and (code.code[:2] == "16" or code.code in ("042", "043", "174", "1661", "1662")
                                        or code.plover_type in ("ASSAULT", "MOBILIZE", "RETREAT", "SANCTION", "THREATEN"))
        if foreign and tgt is not None and tgt.country == alpha3:
            # "the government expelled the British ambassador", "the army withdrew from Slovenia": in
            # relations and in material conflict the country named is usually the other side's
            return
        if foreign and alpha3 is not None and sent is not None and _named_only_as_agent(sent, actors, alpha3):
            # "the air force said it shot down drones fired by Russia": the other side; the dateline's
            alpha3 = actors.home_country
        if alpha3 is not None and src is not None:
            actors.fill_country(src, alpha3)
        return
    for ref in (src, tgt):
        if ref is not None and not _foreign_mission(ref) and not ref.text.lower().endswith(
                ("counterpart", "counterparts")):  # a counterpart is by definition of another country
            actors.fill_country(ref, alpha3)


# Sectors of non-state parties to a country's internal conflict (CAMEO REB rebels, OPP opposition, INS
# insurgents).
INSURGENT_SECTORS = {"REB", "OPP", "INS"}


def _targets_own_setting(tgt: ActorRef | None, location: EventLocation, sent: Span | None, actors: ActorIndex,
                         code: ontology.CameoCode | None) -> bool:
    """Whether the target is a state as a whole, named by its country name ("Eritrea", not "Asmara" or
    "Eritrean"), and that state is the country a sector-only source would be filled from: the event's place
    or the one country the sentence names."""
    if tgt is None or not tgt.country or tgt.code != tgt.country or (code is not None and code.plover_type == "COERCE"):
        return False
    text = tgt.text[4:] if tgt.text.lower().startswith("the ") else tgt.text
    text = re.split(r"['’]s\b", text)[0]  # "Qatar's mediation": the state named as the owner
    entry = actors.dictionary.countries.get(text)
    if entry is None or entry.kind != "name":
        return False  # a capital or a people: protesters "in Nairobi", the resignation of "Tunisian" leaders
    setting = {_alpha3(location.country) if location.country else None,
               _only_country(sent, actors) if sent is not None else None}
    return tgt.country in setting


def _foreign_mission(ref: ActorRef) -> bool:
    """"the embassy in Kabul": a diplomatic mission belongs to the country that sends it, never to the
    place it stands in; with no sending country named it stays uncoded."""
    words = ref.text.lower().split()
    return bool(words) and (words[-1] in ("embassy", "embassies", "consulate", "consulates", "legation")
                            or " ".join(words[-2:]) == "high commission")


def _fill_domestic_target(actors: ActorIndex, src: ActorRef | None, tgt: ActorRef | None,
                          code: ontology.CameoCode | None = None) -> None:
    """Police, courts and legislatures act within their own country: a sector-only target of theirs
    ("Greek police arrested protesters", "Chile's Congress accused the government") is of that country;
    so is a government's repression (CAMEO 17x: "Cuban authorities detained dissidents")."""
    if src is not None and tgt is not None and src.country and (
            src.sector in DOMESTIC_SECTORS or (src.sector == "GOV" and code is not None and code.code[:2] == "17")):
        actors.fill_country(tgt, src.country)


def _only_country(sent: Span, actors: ActorIndex) -> str | None:
    """The one country the sentence names (by name, demonym, capital or national organisation, or through
    a known actor such as an office holder), or None when it names none or several."""
    found = _countries_in(sent, actors)
    return next(iter(found)) if len(found) == 1 else None


def _countries_in(span: Span, actors: ActorIndex) -> set[str]:
    """Countries a span names by its words or through a known actor ("Obama", "the Pentagon" name theirs)."""
    return set(_named_countries(span, actors)) | actors.countries_between(span.start_char, span.end_char)


def _named_only_as_agent(sent: Span, actors: ActorIndex, alpha3: str) -> bool:
    """Whether every word of ``sent`` naming ``alpha3`` lies in a "by" phrase ("drones fired by Russia")."""
    words = [t for t in sent if actors.country_word(t) == alpha3]
    return bool(words) and all(any(a.dep_ in ("prep", "agent") and a.lower_ == "by" for a in t.ancestors)
                               for t in words)


def _previous_setting(sent: Span, actors: ActorIndex) -> str | None:
    """The one country other than the dateline's that the sentence before ``sent`` names, or None when it
    names none, several, or only the dateline's."""
    if sent.start == 0:
        return None
    found = _countries_in(sent.doc[sent.start - 1].sent, actors)
    return next(iter(found)) if len(found) == 1 and actors.home_country not in found else None


def _names_a_country(sent: Span, actors: ActorIndex) -> bool:
    """Whether the sentence names a country other than the story's home country."""
    return any(c != actors.home_country for c in _named_countries(sent, actors))


def _named_countries(sent: Span, actors: ActorIndex) -> list[str]:
    """Countries the sentence's words name, except a nationality on a border ("near the Afghan border"
    names a line, not a party or a setting)."""
    return [c for t in sent if (c := actors.country_word(t))
            and not (t.dep_ in ("amod", "compound") and _names_a_border(t, t.head))]


def _alpha3(alpha2: str) -> str | None:
    return alpha3_of(alpha2)


def _speech_acts(verb: Token, sent: Span, s_index: int, actors: ActorIndex, places: list[Place],
                 dates: list[DateRef]) -> list[Event]:
    """REQUEST and ACCUSE read off what a speaker said (see the module docstring)."""
    content = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if not content:
        return []
    src_toks, _ = clauses.subjects(verb)
    sources = [r for t in src_toks for r in actors.code_token_all(t)]
    if not sources:
        sources = [r for r in (_document_issuer(t, actors) for t in src_toks) if r is not None]
    if not sources:
        return []
    words = {t.lower_ for c in content for t in c.subtree}
    out: list[Event] = []
    demand_target = _demand_target(content, actors)
    if demand_target is not None:
        code, tgt = ontology.cameo("100"), demand_target
    elif (verb.lemma_.lower() in ALLEGING and not any(_claims_own_act(c) for c in content)
          and (alleged := _alleged_actor(content, actors)) is not None):
        code, tgt = ontology.cameo("112"), alleged
    elif (blamed := _blamed_actor(content, actors, places, sources)) is not None:
        code, tgt = ontology.cameo("112"), blamed
    elif (words & ACCUSATION_WORDS and not any(x.dep_ == "neg" for c in content for x in c.children)
          and not any(_hope_verb(c) for c in content)):
        # (what a speaker hopes or wants done - "hoped they would be tried for crimes" - is wished, not charged)
        code = ontology.cameo("112")
        tgt = _sentence_country(sent, sources, actors, verb)
        if tgt is None:
            return []
    else:
        return []
    location = _location(verb, sent, places, [])
    date = _date(verb, sent, dates)
    for src in sources:
        _fill_from_location(actors, src, tgt, location, sent)
        out.append(_event(code, verb, sent, s_index, src, tgt, location, date, clauses.modality(verb), 0.6))
    return out


def _hope_verb(tok: Token) -> bool:
    """A verb of hoping or wishing, also where the lemmatizer slipped ("hoped" -> "hop")."""
    word = tok.lower_
    return tok.lemma_.lower() in HOPE_VERBS or any(
        word in (base, base + "s", base + "d", base + "ed", base[:-1] + "ing" if base.endswith("e") else base + "ing")
        for base in HOPE_VERBS)


def _document_issuer(tok: Token, actors: ActorIndex) -> ActorRef | None:
    """"A Rwandan report alleged ...", "a report released in Kigali said ...": a document that speaks
    stands for the country its own phrase names (modifier or place of release), when it names one."""
    if tok.lemma_.lower() not in REPORT_NOUNS:
        return None
    found = {c for c in (actors.country_word(t) for t in tok.subtree) if c}
    if len(found) != 1:
        return None
    country = found.pop()
    return ActorRef(text=tok.text, code=country, country=country, sector=None)


def _alleged_actor(content: list[Token], actors: ActorIndex) -> ActorRef | None:
    """'said that the militia had shelled Chad': the one said to have done a hostile act."""
    lexicon = default_lexicon()
    for clause in content:
        for c in clause.subtree:
            patterns = lexicon.get(c.lemma_.lower())
            if not patterns or not clauses.is_predicate(c):
                continue
            pat = clauses.match_pattern(c, patterns)
            if pat is None or ontology.cameo(pat.cameo).quad_class not in (3, 4):
                continue
            subj, passive = clauses.subjects(c)
            refs = [r for r in (actors.code_token(t, loose=True) for t in subj) if r is not None]
            if refs and not passive:
                return refs[0]
    return None


def _blamed_actor(content: list[Token], actors: ActorIndex, places: list[Place],
                  speakers: list[ActorRef]) -> ActorRef | None:
    """'X said people were killed in a strike by Y', 'X said a shell was fired at it from Y': a speaker
    who reports a violent act done to someone (a passive clause) and names who did it, or where it came
    from, blames that one (CAMEO 112). Not when the speaker names itself, nor for an act told actively
    ('officials said rebels attacked ...'), which is coded as the act."""
    lexicon = default_lexicon()
    state = {None, "GOV", "MIL", "COP"}
    own_codes = {s.code for s in speakers if s.code}
    own_states = {s.country for s in speakers if s.country and s.sector in state}
    for clause in content:
        if clause.pos_ != "VERB" or any(c.dep_ == "neg" for c in clause.children):
            continue
        patterns = _patterns_for(clause, lexicon)
        pat = clauses.match_pattern(clause, patterns) if patterns else None
        if pat is None or ontology.cameo(pat.cameo).plover_type not in UNNAMED_PERPETRATOR_TYPES:
            continue
        subj, passive = clauses.subjects(clause)
        if not passive:
            continue
        groups = [subj] + _nominal_perpetrators(clause)
        groups.append([o for p in clause.children if p.dep_ == "prep" and p.lower_ == "from" for o in clauses.pobjs(p)])
        for group in groups:
            refs = [r for r in (_code_target(t, actors, places) for t in group) if r is not None]
            if refs:
                ref = refs[0]
                # a state does not blame itself ("its own troops"); it does blame rebels of its country
                ours = ref.code in own_codes or (ref.country in own_states and ref.sector in state)
                return None if ours else ref
    return None


def _demand_target(content: list[Token], actors: ActorIndex) -> ActorRef | None:
    """'it is time Nairobi ended ...' / 'X must stop ...': the actor asked to act."""
    inner = None
    for clause in content:
        for c in clause.subtree:
            if c.pos_ not in ("VERB", "AUX"):
                continue
            if any(x.lower_ == "time" and x.dep_ in ("npadvmod", "attr", "nsubj") for x in c.children) or \
                    any(x.dep_ == "aux" and x.lower_ in DEMAND_MODALS for x in c.children):
                inner = c
                break
        if inner is not None:
            break
    if inner is None:
        return None
    subj, _ = clauses.subjects(inner)
    refs = [r for r in (actors.code_token(t) for t in subj) if r is not None]
    return refs[0] if refs else None


def _event(code: ontology.CameoCode, pred: Token, sent: Span, s_index: int, src: ActorRef | None,
           tgt: ActorRef | None, location: EventLocation, date: DateRef | None, modality: str,
           confidence: float) -> Event:
    src, tgt = _coded_or_none(src), _coded_or_none(tgt)
    raw = sent.text
    evidence = raw.strip()
    if evidence[:1] in "\"”’" and "\n" in evidence[:3]:  # a closing quote left over from the paragraph before
        evidence = evidence[1:].strip()
    start = sent.start_char + raw.index(evidence)
    span = (start, start + len(evidence))  # text[span] == evidence
    key = f"{span[0]}:{pred.i}:{src.code if src else ''}:{tgt.code if tgt else ''}:{code.code}"
    return Event(
        id=hashlib.sha1(key.encode()).hexdigest()[:16], sentence_index=s_index, span=span, evidence=evidence,
        trigger=pred.text, plover_type=code.plover_type, plover_mode=code.plover_mode, modality=modality,
        cameo_code=code.code, quad_class=code.quad_class, goldstein=code.goldstein, source=src, target=tgt,
        location=location, date=date, confidence=round(max(0.05, min(confidence, 0.95)), 2),
    )


def _coded_or_none(ref: ActorRef | None) -> ActorRef | None:
    """The actor as emitted: a bare sector with no country ("MIL", "CVL") is no code (kept by its text and
    sector, ``code`` None); the country, when the text gives one, was filled in before."""
    if ref is not None and is_placeholder_code(ref.code, ref.country):
        return dataclasses.replace(ref, code=None)
    return ref


def _historical(sent: Span, date: DateRef | None, published: dt.date | None) -> bool:
    """Background, not news: a sentence opening "During the war/struggle/...", "In the 1990s", or an
    event that ended more than a year before the story (PLOVER auxiliary mode "historical")."""
    words = [t.lower_ for t in sent if not t.is_space][:6]
    if words[:1] == ["during"] and any(w in HISTORICAL_PERIODS for w in words):
        return True
    if words[:1] == ["in"] and re.fullmatch(r"(the )?\d{4}s", " ".join(words[1:3]).replace(" ,", "")):
        return True
    if date is None or date.end is None or published is None:
        return False
    return (published - dt.date.fromisoformat(date.end)).days > 366


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (source, target, PLOVER type) in a sentence, the most confident (and per target
    mention, its most specific code); and an event with no
    target is dropped when the same source does the same type of act to a named target in the sentence
    ("launched air strikes on Gaza": the strikes are the launching, not a second, target-less attack)."""
    def bare(ref: ActorRef | None) -> bool:  # no target, or one known only by its words
        return ref is None or (ref.code is None and ref.sector is None)

    targeted = {(_key(e.source), e.plover_type) for e in events if not bare(e.target)}
    events = [e for e in events if not bare(e.target) or (_key(e.source), e.plover_type) not in targeted
              or (e.source is None and e.target is None)]
    best: dict[tuple, Event] = {}
    for e in events:
        key = (_key(e.source), _key(e.target), e.plover_type)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    kept = [e for e in events if best.get((_key(e.source), _key(e.target), e.plover_type)) is e]
    # one mention coded twice, once more specifically ("the Chinese ambassador" as CHN and CHNGOV): the
    # specific code stays
    return [e for e in kept if not (e.target is not None and e.target.code and any(
        f is not e and f.target is not None and f.target.text == e.target.text and f.plover_type == e.plover_type
        and _key(f.source) == _key(e.source) and (f.target.code or "").startswith(e.target.code)
        and len(f.target.code or "") > len(e.target.code) for f in kept))]


def _toll_of_coded_attack(pred: Token, e: Event, by_predicate: dict[int, list[Event]]) -> bool:
    """"Gunmen attacked a police post, killing four officers": the killing is the toll of the attack on
    the post, one event, not a second attack. Kept apart when the attack's target is a place (no
    sector: "air strikes on Gaza, killing 12 people" names the victims, PSECVL) or of another country."""
    if e.plover_type != "ASSAULT" or pred.dep_ != "advcl" or pred.tag_ != "VBG":
        return False
    return any(f.plover_type == "ASSAULT" and _key(f.source) == _key(e.source) and f.target is not None
               and f.target.sector and e.target is not None
               and (e.target.country is None or f.target.country in (None, e.target.country))
               for f in by_predicate.get(pred.head.i, []))


def _key(ref: ActorRef | None) -> str | None:
    """An actor's identity for deduplication: its code, else its sector ("police" and "officers" with no
    country are one party); actors with neither are one unknown party."""
    return None if ref is None else ref.code or ref.sector
