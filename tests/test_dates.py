"""Date resolution (pure rules) and date extraction on the seed article and the shared dev articles."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from eventwire.dates import classify_date, extract_dates, resolve_date
from eventwire.nlp import load_nlp

from conftest import SHARED
SEED_PUBLISHED = dt.date(2009, 3, 3)  # a Tuesday


def shared_text(rel: str) -> str:
    path = SHARED / rel
    assert path.is_file(), f"shared test data missing: {path} (tests read ../shared from the repo root)"
    return path.read_text(encoding="utf-8")


def article(n: int) -> tuple[str, dt.date | None]:
    d = json.loads(shared_text(f"articles/{n:03d}.json"))
    return d["text"], dt.date.fromisoformat(d["published"]) if d["published"] else None


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


# -- resolve_date: the seed's expressions (published Tuesday 2009-03-03) ------------------------------

@pytest.mark.parametrize("text,expected", [
    ("this week", ("2009-03-02", "2009-03-08", "week")),
    ("last year", ("2008-01-01", "2008-12-31", "year")),
    ("on Sunday", ("2009-03-01", "2009-03-01", "day")),
    ("Sunday", ("2009-03-01", "2009-03-01", "day")),
    ("on Monday", ("2009-03-02", "2009-03-02", "day")),
    ("in November", ("2008-11-01", "2008-11-30", "month")),
    ("last week", ("2009-02-23", "2009-03-01", "week")),
    ("last month", ("2009-02-01", "2009-02-28", "month")),
    ("on February 5", ("2009-02-05", "2009-02-05", "day")),
    ("Feb. 5", ("2009-02-05", "2009-02-05", "day")),
    ("later this week", ("2009-03-04", "2009-03-08", "week")),
    ("earlier this week", ("2009-03-02", "2009-03-02", "week")),
    ("next week", ("2009-03-09", "2009-03-15", "week")),
    ("this month", ("2009-03-01", "2009-03-31", "month")),
    ("this year", ("2009-01-01", "2009-12-31", "year")),
    ("today", ("2009-03-03", "2009-03-03", "day")),
    ("tonight", ("2009-03-03", "2009-03-03", "day")),
    ("yesterday", ("2009-03-02", "2009-03-02", "day")),
    ("tomorrow", ("2009-03-04", "2009-03-04", "day")),
    ("on Tuesday", ("2009-03-03", "2009-03-03", "day")),  # the publication day itself
    ("last Tuesday", ("2009-02-24", "2009-02-24", "day")),
    ("next Tuesday", ("2009-03-10", "2009-03-10", "day")),
    ("over the weekend", ("2009-02-28", "2009-03-01", "week")),
    ("early Tuesday morning", ("2009-03-03", "2009-03-03", "day")),
    ("two days ago", ("2009-03-01", "2009-03-01", "day")),
    ("last November", ("2008-11-01", "2008-11-30", "month")),
    ("in March", ("2009-03-01", "2009-03-31", "month")),
    ("November and December", ("2008-11-01", "2008-12-31", "month")),
    ("late last year", ("2008-01-01", "2008-12-31", "year")),
    ("the 5th", ("2009-02-05", "2009-02-05", "day")),
])
def test_relative_to_publication(text, expected):
    assert resolve_date(text, SEED_PUBLISHED) == expected


@pytest.mark.parametrize("text,expected", [
    ("March 3, 2009", ("2009-03-03", "2009-03-03", "day")),
    ("3 March 2009", ("2009-03-03", "2009-03-03", "day")),
    ("2009-03-03", ("2009-03-03", "2009-03-03", "day")),
    ("July 26, 1966", ("1966-07-26", "1966-07-26", "day")),
    ("2008", ("2008-01-01", "2008-12-31", "year")),
    ("in 2007", ("2007-01-01", "2007-12-31", "year")),
    ("mid-2008", ("2008-01-01", "2008-12-31", "year")),
    ("November 2008", ("2008-11-01", "2008-11-30", "month")),
    ("2007-2009", ("2007-01-01", "2009-12-31", "year")),
])
def test_absolute_forms_need_no_publication_date(text, expected):
    assert resolve_date(text, SEED_PUBLISHED) == expected
    assert resolve_date(text, None) == expected


@pytest.mark.parametrize("text", [
    "over three years", "three years", "each year", "every week", "daily", "week-long", "three-day",
    "within three days", "One day", "Less than a day", "years", "for months", "19 years old", "21-year-old",
    "recent months", "the early hours", "the 1990s", "the next day", "20",
])
def test_unresolved_never_guessed(text):
    assert resolve_date(text, SEED_PUBLISHED) == (None, None, None)


@pytest.mark.parametrize("text", ["Sunday", "this week", "last year", "in November", "February 5", "yesterday"])
def test_relative_without_publication_date(text):
    assert resolve_date(text, None) == (None, None, None)


def test_future_tense_points_forward():
    assert resolve_date("on Monday", SEED_PUBLISHED, tense="future") == ("2009-03-09", "2009-03-09", "day")
    assert resolve_date("in November", SEED_PUBLISHED, tense="future") == ("2009-11-01", "2009-11-30", "month")
    assert resolve_date("on Tuesday", SEED_PUBLISHED, tense="future") == ("2009-03-03", "2009-03-03", "day")
    assert resolve_date("this week", SEED_PUBLISHED, tense="future") == ("2009-03-02", "2009-03-08", "week")


def test_weekday_picks_the_year_of_a_month_day():
    # published Wednesday 2023-03-08: "Tuesday, March 7" is the day before, not 2022
    assert resolve_date("Tuesday, March 7", dt.date(2023, 3, 8)) == ("2023-03-07", "2023-03-07", "day")


def test_month_day_later_in_year_is_last_year():
    assert resolve_date("on December 24", SEED_PUBLISHED) == ("2008-12-24", "2008-12-24", "day")
    assert resolve_date("Feb 29", SEED_PUBLISHED) == ("2008-02-29", "2008-02-29", "day")


def test_weekend_when_published_on_a_weekend():
    sunday = dt.date(2009, 3, 8)
    assert resolve_date("the weekend", sunday) == ("2009-03-07", "2009-03-08", "week")
    assert resolve_date("last weekend", sunday) == ("2009-02-28", "2009-03-01", "week")


def test_classify_date():
    assert classify_date("over three years") == "duration"
    assert classify_date("each year") == "frequency"
    assert classify_date("19 years old") == "age"
    assert classify_date("in recent months") == "vague"
    assert classify_date("20") == "none"
    assert classify_date("last week") == "date"
    assert classify_date("two days ago") == "date"


# -- extract_dates on real text -----------------------------------------------------------------------

def _by_text(refs):
    out: dict[str, list] = {}
    for r in refs:
        out.setdefault(r.text, []).append((r.start, r.end, r.precision))
    return out


def test_seed_dates(nlp):
    text = shared_text("seed/000_c33082421bb197e9.txt")
    refs = extract_dates(nlp(text), SEED_PUBLISHED)
    for r in refs:
        assert text[r.span[0]:r.span[1]] == r.text
    got = _by_text(refs)
    assert got["this week"] == [("2009-03-02", "2009-03-08", "week")]
    assert got["later this week"] == [("2009-03-04", "2009-03-08", "week")]
    assert got["last year"] == [("2008-01-01", "2008-12-31", "year")] * 2
    assert got["Sunday"] == [("2009-03-01", "2009-03-01", "day")]
    assert got["Monday"] == [("2009-03-02", "2009-03-02", "day")]
    assert got["November"] == [("2008-11-01", "2008-11-30", "month")]
    assert got["last week"] == [("2009-02-23", "2009-03-01", "week")] * 2
    assert got["last month"] == [("2009-02-01", "2009-02-28", "month")]
    assert got["February 5"] == [("2009-02-05", "2009-02-05", "day")]
    # durations, frequencies and the copyright year are not date references
    for skipped in ("week-long", "three years", "each year", "years", "2009"):
        assert skipped not in got
    assert [r.span for r in refs] == sorted(r.span for r in refs)


def test_article_001_weekdays(nlp):
    text, published = article(1)
    assert published == dt.date(2023, 3, 7)
    got = _by_text(extract_dates(nlp(text), published))
    assert got["Friday"] == [("2023-03-03", "2023-03-03", "day")]
    assert got["Tuesday"] == [("2023-03-07", "2023-03-07", "day")]


def test_article_002(nlp):
    text, published = article(2)
    got = _by_text(extract_dates(nlp(text), published))
    assert got["Tuesday, March 7"] == [("2023-03-07", "2023-03-07", "day")]
    assert got["the weekend"] == [("2023-03-04", "2023-03-05", "week")]
    assert got["early Tuesday morning"] == [("2023-03-07", "2023-03-07", "day")]
    assert got["recent months"] == [(None, None, None)]
    assert "One day" not in got  # "one day after ...": an offset from another event


def test_article_005_and_009(nlp):
    text, published = article(5)
    got = _by_text(extract_dates(nlp(text), published))
    assert got["Monday"] == [("2022-06-27", "2022-06-27", "day")]
    assert got["Feb. 24"] == [("2022-02-24", "2022-02-24", "day")]
    text, published = article(9)
    got = _by_text(extract_dates(nlp(text), published))
    assert got["last week"] == [("2014-12-15", "2014-12-21", "week")]
    assert got["Wednesday"] == [("2014-12-24", "2014-12-24", "day")]
    assert "21-year-old" not in got and "20" not in got


def test_article_007_earlier_this_week(nlp):
    text, published = article(7)
    got = _by_text(extract_dates(nlp(text), published))
    assert got["earlier this week"] == [("2014-05-05", "2014-05-08", "week")]
    assert got["Friday"] == [("2014-05-09", "2014-05-09", "day")] * 2
    assert "three days" not in got and "two days" not in got


def test_no_publication_date_only_absolute_dates_resolve(nlp):
    text, published = article(4)
    assert published is None
    got = _by_text(extract_dates(nlp(text), published))
    assert got["early Sunday"] == [(None, None, None)]
    assert got["2012"] == [("2012-01-01", "2012-12-31", "year")]
    assert got["2020"] == [("2020-01-01", "2020-12-31", "year")]
    text, published = article(10)
    got = _by_text(extract_dates(nlp(text), published))
    assert got["July 26, 1966"] == [("1966-07-26", "1966-07-26", "day")]
    assert "three-day" not in got


def test_tense_from_the_clause(nlp):
    refs = extract_dates(nlp("The premier will tour Chile on Monday."), SEED_PUBLISHED)
    assert [(r.text, r.start) for r in refs] == [("Monday", "2009-03-09")]
    refs = extract_dates(nlp("The premier toured Chile on Monday."), SEED_PUBLISHED)
    assert [(r.text, r.start) for r in refs] == [("Monday", "2009-03-02")]


def test_empty_document(nlp):
    assert extract_dates(nlp(""), SEED_PUBLISHED) == []
