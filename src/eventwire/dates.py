"""Date expressions: find them in a parsed document and resolve them against the publication date.

``resolve_date("on Sunday", date(2009, 3, 3))`` -> ``("2009-03-01", "2009-03-01", "day")``.

The relative-date logic is our own (weeks run Monday-Sunday, ISO 8601); ``dateparser`` is used only
as a fallback for absolute forms carrying a year (``"3 March 2009"``, ``"2009-03-03"``). Anything that
cannot be resolved without guessing returns ``(None, None, None)``: durations ("over three years"),
frequencies ("each year"), vague spans ("in recent months"), and relative expressions when there
is no publication date.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from eventwire.records import DateRef

Resolution = tuple[str | None, str | None, str | None]
NONE: Resolution = (None, None, None)

WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
}

_WD = "(" + "|".join(WEEKDAYS) + ")"
_MON = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_NUM = r"(\d+|" + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True)) + ")"
_UNIT = r"(day|week|fortnight|month|year|decade|hour|minute|night|century)s?"
_DAYPART = r"(morning|afternoon|evening|night|overnight|noon|midday|midnight|dawn|dusk|hours)"

# Words that make a date entity a duration when they precede a counted time unit ("over three years").
DURATION_PREPOSITIONS = {"over", "for", "within", "throughout", "during", "about", "around", "nearly",
                         "almost", "some", "after", "than"}
_LEADING_PREPOSITIONS = re.compile(r"^(on|in|during|at|by|for|since|from|until|till|through|throughout|within|of|as of|before|after|over)\s+")

_AGE = re.compile(r"\b\d+\s*-?\s*(years?|yrs?)[- ]old\b|\byear-old\b|\bold\b|^aged? \d+")
_FREQUENCY = re.compile(
    r"^(each|every|per|a|an|twice a|once a|(?:\w+) times a) " + _UNIT + "$"
    r"|\b(daily|weekly|monthly|yearly|annually|annual|nightly|per annum|a year|a month)$"
    r"|^(each|every) (" + "|".join(WEEKDAYS) + "|weekend)$"
)
_DURATION = re.compile(
    r"-long\b|\b\w+-" + _UNIT + r"\b"  # week-long, three-day
    r"|^(" + "|".join(sorted(DURATION_PREPOSITIONS, key=len, reverse=True)) + r"|less than|more than|at least|up to|"
    r"nearly|almost|the better part of|a further|another)?\s*(the\s+)?(first|final|last|next|past|previous|coming)?\s*"
    + _NUM + r"( (and a half|or (two|three|more|so)))? " + _UNIT + r"$"
    r"|^((for|over|in|after) )?(many |several |a few |few |the )?(days|weeks|months|years|decades|hours|minutes|centuries|ages)$"
    r"|^(some|a long|a short|a) (time|while)$|^(so )?long$"
)
_VAGUE = re.compile(
    r"\brecent(ly)?\b|^(in |over |during )?(the )?(past|coming|following|previous|preceding|ensuing|same|other) "
    r"(few |several )?" + _UNIT + "$"
    r"|^(that|that same|the same|the) (day|week|month|year|time|night|morning)$"
    r"|^the (next|following|previous|preceding) (day|week|month|year|night|morning)$"
    r"|\bearly hours\b|\d0'?s$|\bcentury$|^(soon|now|then|nowadays|these days|earlier|later|previously|once)$"
    r"|^(spring|summer|autumn|fall|winter)\b|\bseason\b|\bquarter\b|\bfiscal\b|\bfy\s?\d"
)
_ONLY_NUMBER = re.compile(r"^(\d{1,3}|" + "|".join(k for k in SMALL_NUMBERS if " " not in k) + r"|\w+teen|twenty|thirty)$")


def _norm(text: str) -> str:
    s = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"[\"\u201c\u201d()\[\]]", " ", s)
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"\s+", " ", s).strip(" ,.;:!?")
    return s


def classify_date(text: str) -> str:
    """What kind of time expression ``text`` is.

    RETURNS one of: "date" (a point or interval on the calendar, resolvable or not), "vague"
    ("in recent months": a time reference with no definite interval), "duration" ("three years",
    "week-long"), "frequency" ("each year"), "age" ("19 years old"), "none" (a bare number).
    """
    s = _norm(text)
    if not s:
        return "none"
    if _AGE.search(s):
        return "age"
    if re.search(r"\b(ago|from now|hence)$", s):
        return "date"
    if _FREQUENCY.search(s):
        return "frequency"
    if _DURATION.search(s):
        return "duration"
    if _VAGUE.search(s):
        return "vague"
    if _ONLY_NUMBER.match(s):
        return "none"
    return "date"


# ---------------------------------------------------------------------------------------------
# resolution


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _day(d: dt.date) -> Resolution:
    return (_iso(d), _iso(d), "day")


def _span(a: dt.date, b: dt.date, precision: str) -> Resolution:
    return (_iso(a), _iso(b), precision)


def _week_of(d: dt.date) -> tuple[dt.date, dt.date]:
    monday = d - dt.timedelta(days=d.weekday())
    return monday, monday + dt.timedelta(days=6)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return SMALL_NUMBERS.get(word)


def _valid_year(y: int) -> bool:
    return 1000 <= y <= 2999


def _weekday(published: dt.date, wd: int, rel: str, future: bool) -> dt.date:
    back = (published.weekday() - wd) % 7  # days back to the most recent such weekday, 0 = today
    fwd = (wd - published.weekday()) % 7
    if rel in ("last", "this past", "past"):
        return published - dt.timedelta(days=back or 7)
    if rel in ("next", "this coming", "coming"):
        return published + dt.timedelta(days=fwd or 7)
    return published + dt.timedelta(days=fwd) if future else published - dt.timedelta(days=back)


def _weekend(published: dt.date, rel: str, future: bool) -> tuple[dt.date, dt.date]:
    wd = published.weekday()
    if wd >= 5:  # published on the weekend: "the weekend" is this one
        sat = published - dt.timedelta(days=wd - 5)
        if rel == "last" or rel in ("this past", "past") and wd == 5:
            sat -= dt.timedelta(days=7)
        elif rel in ("next", "coming", "this coming"):
            sat += dt.timedelta(days=7)
    else:
        last_sat = published - dt.timedelta(days=wd + 2)
        upcoming = rel in ("next", "coming", "this coming") or (rel in ("", "this") and future)
        sat = last_sat + dt.timedelta(days=7) if upcoming else last_sat
    return sat, sat + dt.timedelta(days=1)


def _month_occurrence(published: dt.date, month: int, rel: str, future: bool) -> tuple[int, int]:
    """Year for a bare month name: most recent one not after the publication month (past), next one
    not before it (future); "last"/"next" exclude the publication month; "this" is the same year."""
    y = published.year
    if rel == "this":
        return y, month
    if rel in ("last", "this past", "past"):
        return (y if month < published.month else y - 1), month
    if rel in ("next", "this coming", "coming"):
        return (y if month > published.month else y + 1), month
    if future:
        return (y if month >= published.month else y + 1), month
    return (y if month <= published.month else y - 1), month


def _month_day(published: dt.date | None, month: int, day: int, year: int | None, future: bool,
               weekday: int | None = None) -> dt.date | None:
    """A month-day's date: the given year; else the year (within one of publication) whose date falls on
    the stated weekday ("Tuesday, March 7"); else the most recent one not after publication (past) or
    the next one not before it (future)."""
    if year is not None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if published is None or not 1 <= day <= 31:
        return None
    if weekday is not None:
        fits = []
        for y in (published.year - 1, published.year, published.year + 1):
            try:
                d = dt.date(y, month, day)
            except ValueError:
                continue
            if d.weekday() == weekday:
                fits.append(d)
        if fits:
            return min(fits, key=lambda d: abs((d - published).days))
    step = 1 if future else -1
    y = published.year
    for _ in range(9):  # Feb 29 may need up to 8 years
        try:
            d = dt.date(y, month, day)
        except ValueError:
            y += step
            continue
        if (future and d >= published) or (not future and d <= published):
            return d
        y += step
    return None


def _strip(s: str) -> str:
    """Drop leading prepositions/articles and times of day that do not change a day-level interval."""
    prev = None
    while prev != s:
        prev = s
        s = _LEADING_PREPOSITIONS.sub("", s)
        s = re.sub(r"^the\s+", "", s)
        s = re.sub(r"^(end|beginning|start|middle|first half|second half|turn) of\s+", "", s)
        s = re.sub(r"^(early|late|mid)\b\s*-?\s*", "", s)
        s = re.sub(r"\b(in the )?" + _DAYPART + r"\b( of)?", " ", s)
        s = re.sub(r"\s+", " ", s).strip(" ,-")
    return s


def _absolute_fallback(s: str, published: dt.date | None) -> Resolution:
    """dateparser for absolute forms that carry a year: "3 march 2009", "2009-03-03", "03/07/2023".

    Only strings made of numbers, month and weekday names are handed over, so dateparser never
    guesses from free text.
    """
    if not re.search(r"\b\d{4}\b", s):
        return NONE
    allowed = set(MONTHS) | set(WEEKDAYS) | {"of", "st", "nd", "rd", "th"}
    if any(tok not in allowed for tok in re.findall(r"[a-z]+", s)):
        return NONE
    from dateparser.date import DateDataParser

    base = dt.datetime.combine(published, dt.time()) if published else dt.datetime(2000, 1, 1)
    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True})
    data = parser.get_date_data(s)
    if data is None or data.date_obj is None:
        return NONE
    d = data.date_obj.date()
    if data.period == "day":
        return _day(d)
    if data.period == "month":
        return _span(*_month_span(d.year, d.month), "month")
    if data.period == "year":
        return _span(dt.date(d.year, 1, 1), dt.date(d.year, 12, 31), "year")
    return NONE


def resolve_date(text: str, published: dt.date | None, *, tense: str | None = None) -> Resolution:
    """See ``_resolve_date``; a date that would fall outside the calendar (e.g. "next year" against a
    publication date of 9999-12-31) is unresolved rather than an error."""
    try:
        return _resolve_date(text, published, tense=tense)
    except (OverflowError, ValueError):
        return NONE


def _resolve_date(text: str, published: dt.date | None, *, tense: str | None = None) -> Resolution:
    """Resolve a date expression against the publication date.

    text: the expression as written, with or without its preposition ("on Sunday", "last week",
    "Feb. 5", "March 3, 2009", "in 2007"); published: the article's publication date (None: only
    absolute expressions resolve); tense: "future" when the clause is about the future (weekday and
    month names then point forward: "will visit on Monday" -> the next Monday); anything else = past.
    RETURNS (start, end, precision): inclusive ISO dates and one of "day" | "week" | "month" | "year",
    or (None, None, None) when the expression is a duration, a frequency, vague, or needs a
    publication date that is missing. Weeks are Monday-Sunday; "later this week" is the rest of the
    week after the publication day; "in November" is the most recent November not after the
    publication month; a month-day without a year is the most recent one not after ``published``.
    """
    future = (tense or "").lower() == "future"
    s = _norm(text)
    if classify_date(s) not in ("date", "vague"):
        return NONE
    s = _LEADING_PREPOSITIONS.sub("", s)
    s = re.sub(r"^the\s+", "", s)

    # -- absolute forms first: they need no publication date
    m = re.fullmatch(r"(?:year )?(\d{4})", _strip(s))
    if m and _valid_year(int(m.group(1))):
        y = int(m.group(1))
        return _span(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    m = re.fullmatch(r"(\d{4})\s*(?:-|to|and|through|until|till)\s*(\d{4}|\d{2})", _strip(s))
    if m:
        y1 = int(m.group(1))
        y2 = int(m.group(2)) if len(m.group(2)) == 4 else (y1 // 100) * 100 + int(m.group(2))
        if _valid_year(y1) and y1 <= y2 <= 2999:
            return _span(dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year")
        return NONE

    p = published
    # -- words tied to the publication day
    if re.fullmatch(r"(earlier |later )?(today|tonight)|this " + _DAYPART + r"|(earlier|later) today", s):
        return _day(p) if p else NONE
    if re.fullmatch(r"(yesterday|last night)( " + _DAYPART + r")?|yesterday's", s):
        return _day(p - dt.timedelta(days=1)) if p else NONE
    if re.fullmatch(r"tomorrow( " + _DAYPART + r")?", s):
        return _day(p + dt.timedelta(days=1)) if p else NONE
    if s == "day before yesterday":
        return _day(p - dt.timedelta(days=2)) if p else NONE
    if s == "day after tomorrow":
        return _day(p + dt.timedelta(days=2)) if p else NONE

    m = re.fullmatch(r"(?:about |around |some |nearly |almost |roughly |just )?" + _NUM + " " + _UNIT
                     + r" (ago|from now|hence)", s)
    if m:
        n = _number(m.group(1))
        unit, sign = m.group(2), (-1 if m.group(3) == "ago" else 1)
        if p is None or n is None:
            return NONE
        if unit == "day":
            return _day(p + dt.timedelta(days=sign * n))
        if unit in ("week", "fortnight"):
            return _span(*_week_of(p + dt.timedelta(days=sign * n * (14 if unit == "fortnight" else 7))), "week")
        if unit == "month":
            y, mo = _add_months(p.year, p.month, sign * n)
            return _span(*_month_span(y, mo), "month")
        if unit == "year":
            y = p.year + sign * n
            return _span(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
        return NONE

    s2 = _strip(s)
    rel_re = r"(?:(last|this past|past|this coming|coming|next|this) )?"

    # -- month-day (with optional weekday in front and optional year)
    wd_given = re.match(_WD + r",? (?=\d|" + _MON + ")", s2)
    s3 = s2[wd_given.end():] if wd_given else s2
    weekday = WEEKDAYS[wd_given.group(1)] if wd_given else None
    m = re.fullmatch(_MON + r" (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?", s3)
    m2 = None if m else re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?" + _MON + r"(?:,? (\d{4}))?", s3)
    if m or m2:
        month, day, year = ((MONTHS[m.group(1)], int(m.group(2)), m.group(3)) if m
                            else (MONTHS[m2.group(2)], int(m2.group(1)), m2.group(3)))
        d = _month_day(p, month, day, int(year) if year else None, future, weekday)
        return _day(d) if d else NONE
    m = re.fullmatch(_MON + r" (\d{1,2})(?:st|nd|rd|th)?\s*(?:-|to|and|through|until)\s*(\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?", s3)
    if m:
        month, d1, d2 = MONTHS[m.group(1)], int(m.group(2)), int(m.group(3))
        year = int(m.group(4)) if m.group(4) else None
        b = _month_day(p, month, d2, year, future)
        if b is None or d1 > d2:
            return NONE
        try:
            return _span(b.replace(day=d1), b, "day")
        except ValueError:
            return NONE
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", s3)
    if m and p:
        day = int(m.group(1))
        y, mo = p.year, p.month
        for _ in range(13):
            try:
                d = dt.date(y, mo, day)
            except ValueError:
                d = None
            if d and ((future and d >= p) or (not future and d <= p)):
                return _day(d)
            y, mo = _add_months(y, mo, 1 if future else -1)
        return NONE

    # -- weekdays and weekends
    m = re.fullmatch(rel_re + _WD, s2)
    if m:
        if p is None:
            return NONE
        return _day(_weekday(p, WEEKDAYS[m.group(2)], m.group(1) or "", future))
    m = re.fullmatch(rel_re + r"weekend", s2)
    if m:
        if p is None:
            return NONE
        return _span(*_weekend(p, m.group(1) or "", future), "week")

    # -- week / month / year relative to publication
    m = re.fullmatch(r"(earlier|later)? ?(last|this|next) (week|month|year)", s2)
    if m:
        if p is None:
            return NONE
        part, rel, unit = m.group(1), m.group(2), m.group(3)
        shift = {"last": -1, "this": 0, "next": 1}[rel]
        if unit == "week":
            a, b = _week_of(p + dt.timedelta(days=7 * shift))
        elif unit == "month":
            a, b = _month_span(*_add_months(p.year, p.month, shift))
        else:
            a, b = dt.date(p.year + shift, 1, 1), dt.date(p.year + shift, 12, 31)
        if part and rel == "this":
            if part == "earlier":
                b = max(a, p - dt.timedelta(days=1))
            else:
                a = min(b, p + dt.timedelta(days=1))
        return _span(a, b, unit)

    # -- month names
    m = re.fullmatch(rel_re + _MON + r"(?:,? (?:of )?(\d{4}))?", s2)
    if m:
        month = MONTHS[m.group(2)]
        if m.group(3):
            return _span(*_month_span(int(m.group(3)), month), "month")
        if p is None:
            return NONE
        return _span(*_month_span(*_month_occurrence(p, month, m.group(1) or "", future)), "month")
    m = re.fullmatch(r"(?:between )?" + _MON + r"(?: (\d{4}))?\s*(?:and|to|through|until|till|-|or)\s*" + _MON + r"(?:,? (\d{4}))?", s2)
    if m:
        m1, m2 = MONTHS[m.group(1)], MONTHS[m.group(3)]
        y1 = int(m.group(2)) if m.group(2) else None
        y2 = int(m.group(4)) if m.group(4) else None
        if y2 is None and y1 is not None:
            y2 = y1 if m2 >= m1 else y1 + 1
        if y2 is None:
            if p is None:
                return NONE
            y2, _ = _month_occurrence(p, m2, "", future)
        if y1 is None:
            y1 = y2 if m1 <= m2 else y2 - 1
        a, _ = _month_span(y1, m1)
        _, b = _month_span(y2, m2)
        return _span(a, b, "month") if a <= b else NONE

    return _absolute_fallback(s2, p)


# ---------------------------------------------------------------------------------------------
# extraction from a spaCy Doc

_TIME_ANCHOR = re.compile(r"\b(today|tonight|yesterday|tomorrow|this (morning|afternoon|evening)|last night|"
                          + "|".join(WEEKDAYS) + r")\b")
_STANDALONE = re.compile(r"\b(today|tonight|yesterday|tomorrow|" + "|".join(w.capitalize() for w in WEEKDAYS)
                         + r"|" + "|".join(WEEKDAYS) + r")\b")
_REPORTING = {"say", "tell", "report", "announce", "claim", "add", "state", "note", "confirm", "write",
              "quote", "accord", "insist", "warn", "explain", "argue"}
_FUTURE_HEADS = {"go", "plan", "schedule", "due", "set", "expect", "intend", "prepare", "aim"}


def _governing_verb(tok: Any) -> Any | None:
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod",):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def clause_tense(span: Any) -> str:
    """"future" or "past" for the clause governing ``span`` (a spaCy Span or Token).

    Future: will/shall/'ll, "going/plans/due/set/expected to ...", present progressive, or a
    non-reporting present-tense verb ("The summit opens Monday"); everything else is past.
    """
    root = span.root if hasattr(span, "root") else span
    verb = _governing_verb(root)
    if verb is None:
        return "past"
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll", "wo", "ll") for a in aux):
        return "future"
    head = verb.head
    if any(a.lower_ in ("would", "'d") for a in aux) and verb.dep_ == "ccomp" and head.lemma_ in _REPORTING:
        return "future"  # "said it would deliver the batteries by December": the future of reported speech
    if verb.dep_ == "xcomp" and head.lemma_ in _FUTURE_HEADS and head.tag_ in ("VBZ", "VBP", "VBG", "JJ"):
        if not any(c.tag_ == "VBD" for c in head.children if c.dep_ in ("aux", "auxpass")):
            return "future"
    if any(a.tag_ in ("VBD", "VBN") or a.lower_ in ("has", "have", "had", "did") for a in aux):
        return "past"
    if verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am", "'s", "'re") for a in aux):
        return "future"
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ not in _REPORTING:
        return "future"  # news present for scheduled events: "The summit opens Monday", "The vote is Friday"
    return "past"


def extract_dates(sdoc: Any, published: dt.date | None) -> list[DateRef]:
    """Date references in a parsed document, resolved against ``published``.

    sdoc: spaCy Doc of the document text; published: publication date or None.
    RETURNS DateRef records (text as written in the entity, span = char offsets into ``sdoc.text``,
    start/end/precision from ``resolve_date`` or None when unresolvable), in text order.
    Sources: spaCy DATE entities, TIME entities anchored to a day ("early Tuesday morning",
    "tonight"), and weekday/today/yesterday/tomorrow words the model missed. Durations ("three
    years", "week-long"), frequencies ("each year"), ages ("19 years old", "21-year-old"), bare
    numbers and copyright years are skipped; vague references ("in recent months") are kept unresolved.
    """
    out: list[DateRef] = []
    covered: list[tuple[int, int]] = []
    for ent in sdoc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        covered.append((ent.start_char, ent.end_char))
        low = ent.text.lower()
        if ent.label_ == "TIME" and not _TIME_ANCHOR.search(low):
            continue
        prev = sdoc[ent.start - 1] if ent.start > 0 else None
        if prev is not None and (prev.text == "\u00a9" or prev.lower_ == "copyright"):
            continue
        context = ent.text
        if prev is not None and prev.lower_ in DURATION_PREPOSITIONS | {"in", "on"}:
            context = f"{prev.text} {ent.text}"
        kind = classify_date(context)
        if kind not in ("date", "vague"):
            continue
        start, end, precision = resolve_date(context, published, tense=clause_tense(ent))
        out.append(DateRef(text=ent.text, span=(ent.start_char, ent.end_char), start=start, end=end,
                           precision=precision))
    for tok in sdoc:
        if not _STANDALONE.fullmatch(tok.text) or tok.ent_type_ in ("ORG", "WORK_OF_ART", "PERSON", "EVENT", "FAC"):
            continue
        a, b = tok.idx, tok.idx + len(tok.text)
        if any(x <= a < y for x, y in covered):
            continue
        start, end, precision = resolve_date(tok.text, published, tense=clause_tense(tok))
        out.append(DateRef(text=tok.text, span=(a, b), start=start, end=end, precision=precision))
    out.sort(key=lambda d: d.span)
    return out
