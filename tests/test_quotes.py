"""Quotation finding and attribution."""
from __future__ import annotations

from eventwire.quotes import find_quotations

SEED_SPEAKERS = [  # first words of the quotation, speaker surname (hand-coded from the seed article)
    ("The cartels are retaliating", "Gates"), ("It clearly is a serious problem", "Gates"),
    ("I think we are beginning", "Gates"), ("Some of the old biases", "Gates"),
    ("looking for ways to assist", "Mullen"), ("Clearly one of the things", "Kirby"),
    ("We would welcome", "Kirby"), ("There's clearly room", "Kirby"),
    ("I think that weapons and cash", "Calderon"), ("I think the Colombian example", "Mullen"),
    ("We've offered that", "Mullen"), ("It takes engagement", "Mullen"),
]


def test_find_quotations_pairs_straight_and_curly_marks():
    text = 'He said "go now" and then “stop here,” she added.\n"Runs on'
    assert [text[s:e] for s, e in find_quotations(text)] == ["go now", "stop here,", "Runs on"]


def test_seed_quotes_are_attributed(seed_result):
    by_start = {q.text[:30]: q for q in seed_result.quotes}
    assert len(seed_result.quotes) == 12
    for start, surname in SEED_SPEAKERS:
        quote = next(q for k, q in by_start.items() if k.startswith(start[:30]))
        assert quote.speaker is not None and quote.speaker.name.endswith(surname), (start, quote.speaker)


def test_seed_quote_addressee_and_date(seed_result):
    first = seed_result.quotes[0]
    assert first.addressee == "NBC"
    assert first.date.start == "2009-03-01"
    kirby = next(q for q in seed_result.quotes if q.text.startswith("Clearly one"))
    assert kirby.addressee == "AFP"


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
