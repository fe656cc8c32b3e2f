"""Quotation finding and attribution."""
from __future__ import annotations

import json

from eventwire.quotes import find_quotations



def test_find_quotations_pairs_straight_and_curly_marks():
    text = 'He said "go now" and then “stop here,” she added.\n"Runs on'
    assert [text[s:e] for s, e in find_quotations(text)] == ["go now", "stop here,", "Runs on"]


def test_seed_quotes_are_attributed(seed_result, shared):
    gold = json.loads((shared / "seed/seed.gold.json").read_text(encoding="utf-8"))["quotes"]
    assert len(seed_result.quotes) == len(gold) == 12
    for g in gold:  # the hand-coded speaker of every quotation, by its opening words
        quote = next(q for q in seed_result.quotes if q.text.replace("’", "'").startswith(g["starts"])
                     and g.get("contains", "") in q.text)
        assert quote.speaker is not None and quote.speaker.name.endswith(g["speaker"].split()[-1]), (g, quote.speaker)


def test_seed_quote_addressee_and_date(seed_result):
    first = seed_result.quotes[0]
    assert first.addressee == "NBC"
    assert first.date.start == "2009-03-01"
    assert seed_result.quotes[0].addressee == "NBC"
    assert [q.addressee for q in seed_result.quotes if q.speaker.name == "John Kirby"][0] == "AFP"


def _quotes(pipeline, text):
    from eventwire.pipeline import code_text

    return [(q.text, q.speaker.name if q.speaker else None) for q in code_text(text, pipeline=pipeline).quotes]


def test_participle_attribution_and_scare_quotes(pipeline):
    text = ('A farmer, Ali Musa, confirmed the raid, saying "the raiders took every goat we had." '
            'Officials called it a "security incident" on Monday.')
    assert _quotes(pipeline, text) == [("the raiders took every goat we had.", "Ali Musa")]


def test_it_added_refers_to_the_organisation_that_spoke(pipeline):
    text = ('Rebels attacked the base, the army said.\n'
            '"Two soldiers died and the base is now secure," it added.')
    assert _quotes(pipeline, text) == [("Two soldiers died and the base is now secure,", "the army")]


def test_quotation_inside_an_action_goes_to_its_subject(pipeline):
    text = 'Farmers blocked the highway "to demand fair prices now" on Friday.'
    assert _quotes(pipeline, text) == [("to demand fair prices now", "Farmers")]
