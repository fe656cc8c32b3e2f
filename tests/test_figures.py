"""Figures: the seed's and the dev articles' gold figures come out exactly; rule cases on short texts."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from eventwire.dates import extract_dates
from eventwire.figures import extract_figures
from eventwire.nlp import load_nlp

from conftest import SHARED
SEED_PUBLISHED = dt.date(2009, 3, 3)


def shared_json(rel: str):
    path = SHARED / rel
    assert path.is_file(), f"shared test data missing: {path} (tests read ../shared from the repo root)"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def figures_of(nlp, text: str, published: dt.date | None = SEED_PUBLISHED):
    sdoc = nlp(text)
    figs = extract_figures(sdoc, published, extract_dates(sdoc, published))
    for f in figs:
        assert text[f.span[0]:f.span[1]] == f.text
    return figs


def one(nlp, text: str, published: dt.date | None = SEED_PUBLISHED):
    figs = figures_of(nlp, text, published)
    assert len(figs) == 1, [(f.kind, f.value, f.text) for f in figs]
    return figs[0]


# -- the seed article -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_figures(nlp):
    path = SHARED / "seed" / "000_c33082421bb197e9.txt"
    assert path.is_file(), f"shared seed text missing: {path}"
    return figures_of(nlp, path.read_text(encoding="utf-8"))


def test_seed_has_exactly_the_gold_figures(seed_figures):
    gold = shared_json("seed/seed.gold.json")["figures"]
    assert len(seed_figures) == len(gold) == 5


def test_seed_death_toll(seed_figures):
    f = seed_figures[0]
    assert (f.kind, f.value, f.min, f.max, f.qualifier, f.unit) == ("fatalities", 5300, 5300, 5300, "=", "people")
    assert f.period == {"start": "2008-01-01", "end": "2008-12-31"}
    assert f.text == shared_json("seed/seed.gold.json")["figures"][0]["text"]
    assert f.currency is None


def test_seed_merida_money(seed_figures):
    f2, f3 = seed_figures[1], seed_figures[2]
    assert (f2.kind, f2.value, f2.qualifier, f2.currency, f2.unit) == ("money", 1_400_000_000, "=", "USD", "currency")
    gold_text = shared_json("seed/seed.gold.json")["figures"][1]["text"]  # "<amount> over three years"
    assert f2.text == gold_text[:gold_text.index(" over ")]
    assert f2.period is None  # "over three years" is a duration, and "last year" belongs to another clause
    assert (f3.kind, f3.value, f3.currency) == ("money", 200_000_000, "USD")  # currency of the coordinated amount
    assert f3.text == "200 million"
    assert isinstance(f2.value, int) and isinstance(f3.value, int)


def test_seed_percent(seed_figures):
    f = seed_figures[3]
    assert (f.kind, f.value, f.min, f.max, f.qualifier, f.unit) == ("percent", 90, 90, None, ">", "percent")
    assert f.text == "over 90 percent"


def test_seed_range_per_year(seed_figures):
    f = seed_figures[4]
    assert (f.kind, f.value, f.min, f.max, f.qualifier) == ("money", None, 15_000_000_000, 20_000_000_000, "range")
    assert f.currency == "USD"
    assert f.period == {"per": "year"}
    gold_text = shared_json("seed/seed.gold.json")["figures"][4]["text"]  # "<amount> ... <period>"
    assert f.text == "an estimated " + gold_text.split(" ... ")[0]


def test_seed_matches_gold_records(seed_figures):
    gold = shared_json("seed/seed.gold.json")["figures"]
    for g, f in zip(gold, seed_figures):
        assert f.kind == g["kind"]
        if "value" in g:
            assert f.value == g["value"]
        if "value_min" in g:
            assert (f.min, f.max) == (g["value_min"], g["value_max"])
        assert f.currency == g.get("currency")
        if "qualifier" in g:
            assert f.qualifier == g["qualifier"]
        if g.get("period") == "per year":
            assert f.period == {"per": "year"}
        elif "period" in g:
            assert f.period == {"start": f"{g['period']}-01-01", "end": f"{g['period']}-12-31"}


# -- the dev articles -------------------------------------------------------------------------------------

@pytest.mark.parametrize("n", range(1, 11))
def test_article_figures_match_gold(nlp, n):
    art = shared_json(f"articles/{n:03d}.json")
    gold = shared_json(f"articles/{n:03d}.gold.json")["figures"]
    published = dt.date.fromisoformat(art["published"]) if art["published"] else None
    figs = figures_of(nlp, art["text"], published)

    def key(kind, value):
        return (kind, value)

    got = Counter(key(f.kind, f.value if f.qualifier != "range" else (f.min, f.max)) for f in figs)
    want = Counter(key(g["kind"], g.get("value", (g.get("value_min"), g.get("value_max")))) for g in gold)
    assert got == want
    by_key = {(f.kind, f.value): f for f in figs}
    for g in gold:
        f = by_key[(g["kind"], g.get("value"))]
        assert f.qualifier == g.get("qualifier", "=")
        assert f.currency == g.get("currency")


def test_article_periods(nlp):
    art = shared_json("articles/001.json")
    figs = figures_of(nlp, art["text"], dt.date(2023, 3, 7))
    kidnapped = next(f for f in figs if f.kind == "kidnapped")
    assert kidnapped.period == {"start": "2023-03-03", "end": "2023-03-03"}  # "kidnapped by gunmen on Friday"
    art = shared_json("articles/005.json")
    figs = figures_of(nlp, art["text"], dt.date(2022, 6, 28))
    assert all(f.period == {"start": "2022-06-27", "end": "2022-06-27"} for f in figs)  # "on Monday"


# -- rules on short texts -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,kind,value,qualifier", [
    ("Gunmen killed seventeen villagers.", "fatalities", 17, "="),
    ("A dozen protesters were arrested.", "arrests", 12, "="),
    ("At least 30 people died in the clashes.", "fatalities", 30, ">="),
    ("Nearly 2,000 families were displaced by the fighting.", "displaced", 2000, "<"),
    ("About 40 soldiers were wounded.", "injuries", 40, "~"),
    ("Militants took 40 hostages.", "kidnapped", 40, "="),
    ("The attack claimed 47 lives.", "fatalities", 47, "="),
    ("Twenty-five people were killed.", "fatalities", 25, "="),
    ("One hundred and twenty people were injured.", "injuries", 120, "="),
    ("Police detained 120 demonstrators.", "arrests", 120, "="),
    ("Some 1,200 residents fled to Chad.", "displaced", 1200, "~"),
    ("More than 10,000 farmers rallied.", "count", 10000, ">"),
    ("Inflation reached 5.3%.", "percent", 5.3, "="),
    ("Turnout was 61 per cent.", "percent", 61, "="),
])
def test_kinds_and_qualifiers(nlp, text, kind, value, qualifier):
    f = one(nlp, text)
    assert (f.kind, f.value, f.qualifier) == (kind, value, qualifier)


@pytest.mark.parametrize("text,value,currency", [
    ("The FBI offered a $50,000 reward.", 50000, "USD"),
    ("The EU pledged €40 million in aid.", 40_000_000, "EUR"),
    ("The fine was £5m.", 5_000_000, "GBP"),
    ("The deal is worth US$1.5 billion.", 1_500_000_000, "USD"),
    ("He paid 500 Mexican pesos.", 500, "MXN"),
    ("He paid 500 pesos.", 500, None),  # which peso is not said: no guess
    ("The ransom was half a million dollars.", 500_000, "USD"),
    ("The budget is 3.2bn euros.", 3_200_000_000, "EUR"),
])
def test_money(nlp, text, value, currency):
    f = one(nlp, text)
    assert (f.kind, f.value, f.currency, f.unit) == ("money", value, currency, "currency")


def test_ranges(nlp):
    f = one(nlp, "Between 50 and 60 people died in the clashes.")
    assert (f.kind, f.value, f.min, f.max, f.qualifier) == ("fatalities", None, 50, 60, "range")
    f = one(nlp, "Officials said 2 or 3 soldiers were hurt.")
    assert (f.kind, f.min, f.max, f.qualifier) == ("injuries", 2, 3, "range")
    f = one(nlp, "Exports fell by 10 to 15 percent.")
    assert (f.kind, f.min, f.max) == ("percent", 10, 15)


def test_rate_period(nlp):
    f = one(nlp, "They spend 5 billion dollars a year on arms.")
    assert f.period == {"per": "year"}
    f = one(nlp, "Smugglers earn about $2 million per month.")
    assert (f.value, f.qualifier, f.period) == (2_000_000, "~", {"per": "month"})


def test_date_period_from_same_clause(nlp):
    f = one(nlp, "Police detained 120 demonstrators on Sunday.")
    assert f.period == {"start": "2009-03-01", "end": "2009-03-01"}
    f = one(nlp, "Police detained 120 demonstrators on Sunday.", published=None)
    assert f.period is None  # the date cannot be resolved without a publication date


@pytest.mark.parametrize("text", [
    "Two gunmen stormed the building.",          # agents, small incidental count
    "The two neighbours work closely together.",  # definite reference
    "Smugglers keep millions in gold.",          # no number
    "COVID-19 spread quickly.",                  # a name
    "The 27-member bloc agreed.",                # a compound modifier
    "He was born in 1966.",                      # a year
    "The talks lasted three days.",              # a duration
    "No one was killed.",                        # negation
    "He carried 200 pounds of cocaine.",         # a weight, not money
    "Sulayman Khalid, 20, was charged.",         # an age
    "The report was released in 2008.",
])
def test_not_figures(nlp, text):
    assert figures_of(nlp, text) == []


def test_agent_is_not_the_victim(nlp):
    f = one(nlp, "Two gunmen killed five people.")
    assert (f.kind, f.value) == ("fatalities", 5)


def test_partitive_whole_is_not_wounded(nlp):
    figs = figures_of(nlp, "One of the two rescued climbers was wounded.")
    assert [(f.kind, f.value) for f in figs] == [("injuries", 1)]


def test_repeated_fact_reported_once(nlp):
    figs = figures_of(nlp, "Two soldiers were killed on Sunday. The army said two soldiers were killed.")
    assert [(f.kind, f.value) for f in figs] == [("fatalities", 2)]
    assert figs[0].span[0] == 0


def test_empty(nlp):
    assert figures_of(nlp, "") == []


def test_rate_is_read_near_the_figure_not_anywhere_in_a_runaway_sentence(nlp):
    from eventwire.figures import RATE_WINDOW, extract_figures

    # a run-on "sentence" (no punctuation): a rate word far from the figure's clause is not its rate
    filler = " ".join(["officials spoke at length about the budget"] * (RATE_WINDOW // 3))
    text = f"The ministry pays 400 million dollars {filler} and the levy rises each year"
    money = [f for f in extract_figures(nlp(text), None, []) if f.kind == "money"]
    assert [(f.value, f.period) for f in money][:1] == [(400_000_000, None)]
    near = extract_figures(nlp("The ministry pays 400 million dollars each year."), None, [])
    assert [(f.value, f.period) for f in near] == [(400_000_000, {"per": "year"})]
