"""The office-holder table (people.tsv): people named in a story are coded by the office they held on
the publication date, and the table itself stays well-formed."""
from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from eventwire.actors.dictionary import load_dictionary
from eventwire.pipeline import code_text

DATA = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "actors" / "data"


def _person(pipeline, text: str, published: str, name: str):
    """The person actor called ``name`` in the coded text (exactly one)."""
    [actor] = [a for a in code_text(text, published=published, pipeline=pipeline).actors
               if a.kind == "person" and a.name == name]
    return actor


# ---- coding through the pipeline -------------------------------------------------------------------


def test_bare_surname_takes_the_office_held_on_the_day(pipeline):
    # the Georgian president during the August 2008 war, named by his surname only
    result = code_text("Saakashvili accused Moscow of trying to topple his government.",
                       published="2008-08-12", pipeline=pipeline)
    [person] = [a for a in result.actors if a.kind == "person"]
    assert (person.name, person.code) == ("Saakashvili", "GEOGOV")
    assert [e.source.code for e in result.events] == ["GEOGOV"]


@pytest.mark.parametrize("text, published, name, country", [
    # between his Georgian presidency (ended 2013) and his Odessa governorship (from mid-2015)
    ("Saakashvili criticised the new Georgian leadership in an interview.", "2014-06-01", "Saakashvili", "GEO"),
    # the South African president resigned in September 2008
    ("Thabo Mbeki urged calm in Sudan during a lecture.", "2015-03-02", "Thabo Mbeki", "ZAF"),
])
def test_out_of_office_keeps_the_country_without_a_sector(pipeline, text, published, name, country):
    person = _person(pipeline, text, published, name)
    assert person.code == country and person.sector is None


@pytest.mark.parametrize("text, published, name, code", [
    # the same person in two offices: opposition leader, then prime minister of the unity government
    ("Morgan Tsvangirai called for a boycott of the run-off.", "2008-06-20", "Morgan Tsvangirai", "ZWEOPP"),
    ("Morgan Tsvangirai called on donors to release funds.", "2010-05-04", "Morgan Tsvangirai", "ZWEGOV"),
    # Chilean president, later the UN human rights chief
    ("Michelle Bachelet opened the new hospital in Valparaiso.", "2007-04-10", "Michelle Bachelet", "CHLGOV"),
    ("Michelle Bachelet condemned the killings of protesters.", "2019-10-22", "Michelle Bachelet", "IGOUNO"),
    # the EU foreign policy chief of the 2000s
    ("Javier Solana warned Tehran against enriching uranium.", "2006-05-15", "Javier Solana", "EUR"),
    # Ban Ki-moon as South Korea's foreign minister, two years before the UN
    ("Ban Ki-moon flew to Beijing for talks on the nuclear standoff.", "2005-09-14", "Ban Ki-moon", "KORGOV"),
    # the spellings AFP used beside those of AP and Reuters
    ("Ismail Haniya rejected the Egyptian truce proposal.", "2009-01-10", "Ismail Haniya", "PSEREB"),
    ("Moamer Kadhafi received the Italian premier in his tent.", "2009-06-10", "Moamer Kadhafi", "LBYGOV"),
    ("Mahmud Ahmadinejad dismissed the new sanctions as worthless.", "2010-06-10", "Mahmud Ahmadinejad", "IRNGOV"),
    ("Nuri al-Maliki ordered an inquiry into the bombing.", "2009-08-20", "Nuri al-Maliki", "IRQGOV"),
    # armed-group leaders take their group's code from organisations.tsv
    ("Haibatullah Akhundzada ordered the fighters to spare civilians.", "2018-06-15", "Haibatullah Akhundzada",
     "AFGREB"),
    ("Abubakar Shekau threatened to attack more schools.", "2014-05-05", "Abubakar Shekau", "NGAREB"),
    ("Yahya Sinwar rejected the proposed ceasefire terms.", "2021-05-19", "Yahya Sinwar", "PSEREB"),
    ("Naim Qassem warned Israel against a new offensive.", "2025-03-01", "Naim Qassem", "LBNREB"),
    ("Abdullah Ocalan called on his fighters to lay down their arms.", "2025-02-27", "Abdullah Ocalan", "TURREB"),
    # defence ministers are coded MIL, as the US defense secretaries and the "defence minister" title are
    ("Sergei Shoigu inspected the troops in Crimea.", "2016-08-20", "Sergei Shoigu", "RUSMIL"),
    # ... and a later civilian post takes the government code
    ("Sergei Shoigu met the Iranian security chief in Tehran.", "2025-01-15", "Sergei Shoigu", "RUSGOV"),
    ("Yoav Gallant ordered a complete siege of the Gaza Strip.", "2023-10-09", "Yoav Gallant", "ISRMIL"),
    ("Boris Pistorius promised more air defence systems to Kyiv.", "2024-04-20", "Boris Pistorius", "DEUMIL"),
])
def test_office_on_the_publication_date(pipeline, text, published, name, code):
    assert _person(pipeline, text, published, name).code == code


def test_surname_shared_across_countries_goes_to_the_one_in_office(pipeline):
    # "Lieberman" is both an Israeli minister and a former US senator: in 2017 only the Israeli held office
    result = code_text("Lieberman threatened to retaliate for the rocket fire.", published="2017-02-10",
                       pipeline=pipeline)
    assert [a.code for a in result.actors if a.kind == "person"] == ["ISRMIL"]


# ---- the table itself --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def people():
    return load_dictionary().people


def test_table_loads_and_has_the_new_rows(people):
    for name in ("Mikheil Saakashvili", "Yusuf Raza Gilani", "Morgan Tsvangirai", "Bernard Kouchner",
                 "Yasuo Fukuda", "Lee Myung-bak", "Cristina Kirchner", "Tzipi Livni", "Fuad Siniora",
                 "Raila Odinga", "Mwai Kibaki", "Romano Prodi", "Abdullah Gul", "Viktor Yushchenko",
                 "Yulia Tymoshenko", "Yang Jiechi"):
        assert name in people, name


def test_terms_end_after_they_start(people):
    bad = [(name, t) for name, terms in people.items() for t in terms if t.end is not None and t.end <= t.start]
    assert bad == []


def test_terms_of_one_name_do_not_overlap_with_different_codes(people):
    far = dt.date.max
    clashes = []
    for name, terms in people.items():
        for a, b in itertools.combinations(terms, 2):
            if a.code != b.code and a.start < (b.end or far) and b.start < (a.end or far):
                clashes.append((name, a, b))
    assert clashes == []


def test_international_organisation_codes_exist_in_the_organisation_table(people):
    org_codes = set()
    for line in (DATA / "organisations.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and not line.startswith("#"):
            org_codes.add(cols[1])
    used = {t.code for terms in people.values() for t in terms if t.code.startswith("IGO")}
    assert used and used <= org_codes, used - org_codes
