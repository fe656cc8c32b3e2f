"""TABARI/PETRARCH dictionaries: parsers on the real files, error reporting, the dictionary coder on real suite
records, the cache, the validation mode of ``evaluate_suite`` and the ``dict`` CLI.

The dictionaries and suites are read from ../shared at run time (never copied into the repo); a missing file
fails, it is not skipped.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.dictionaries import (CACHE_NAME, DictionaryError, import_dictionaries, load_dictionaries,
                                    read_verb_dictionary, summarize_issues)
from eventwire.dictionaries.coder import CoderConfig, DictionaryCoder
from eventwire.evaluate import evaluate_suite

REPO = Path(__file__).resolve().parents[1]
from conftest import SHARED
PETR = SHARED / "suites" / "original" / "openeventdata-petrarch2"
UDP = SHARED / "suites" / "original" / "openeventdata-UniversalPetrarch" / "dev-validate"
TABARI = SHARED / "suites" / "original" / "philip-schrodt-TABARI-Code"
PHOENIX = SHARED / "reference" / "dictionaries" / "petrarch2"
SUITES = SHARED / "suites"


def _need(path: Path) -> Path:
    assert path.exists(), f"shared data missing: {path}"
    return path


@pytest.fixture(scope="module")
def petr():
    return load_dictionaries(_need(PETR))


@pytest.fixture(scope="module")
def coder(petr, nlp):
    return DictionaryCoder(petr, nlp=nlp)


def _records(suite: str) -> dict[str, dict]:
    path = _need(SUITES / f"{suite}.jsonl")
    return {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r}


# ---- parsers on the real files -------------------------------------------------------------------

def test_petrarch_validation_dictionaries_counts(petr):
    assert petr.summary() == {
        "verb_blocks": 261, "verb_forms": 1081, "patterns": 474, "synsets": 17, "actor_phrases": 161,
        "actor_records": 128, "agent_phrases": 165, "discards": 9, "errors": 2, "warnings": 0,
    }
    # the two lines PETRARCH itself cannot use: "?" is not part of an event code
    assert [str(i) for i in petr.issues] == [
        "PETR.Validate.verbs.txt:975: error: bad event code [025?] in block header; the block's verbs get the "
        "null code ---: '--- REPORT  [025?] ---'",
        "PETR.Validate.verbs.txt:1051: error: bad event code [023?] in block header; the block's verbs get the "
        "null code ---: '--- SAYS  [023?]  ---'",
    ]


def test_verb_entries_patterns_and_synsets(petr):
    v = petr.verbs
    (restore,) = v.candidates("RESTORE")
    block = v.blocks[restore.block]
    assert (block.name, block.code, restore.code) == ("RESTORE", "064", "064")
    assert [(p.text, p.code, p.source) for p in block.patterns][2] == \
        ("* DIPLOMATIC  [064]", "064", "PETR.Validate.verbs.txt:991")
    assert v.candidates("LEFT")[0].code == "032:033"  # paired code: visit / receive a visit
    # multi-word verbs: "+BREAK_DOWN {+BROKEN_DOWN ...}" and "WIRE_+TAP" (the + marks the verb word)
    assert [(f.words, f.head, v.blocks[f.block].name) for f in v.candidates("BROKEN")] == \
        [(("BROKEN", "DOWN"), 0, "BREAK"), (("BROKEN",), 0, "BREAK")]
    assert [(f.words, f.head, f.code) for f in v.candidates("TAPPED")] == [(("WIRE", "TAPPED"), 1, "1711")]
    accord = next(b for b in v.blocks if b.name == "ACCORD")
    first = accord.patterns[0]
    assert first.text == "SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS  [111]"
    assert first.pre == ((" ", "+"), ("_", "SUGGESTED"))  # nearest the verb first
    assert first.post == ((" ", "DEMAND"), ("_", "&GENINT"), ("_", "CONVENTIONS"))
    assert ("GOLDEN", "GOBLIN", "GALLEONS") in v.synsets["&CURRENCY"]
    assert ("PESOS",) in v.synsets["&CURRENCY"]  # regular plural added
    assert ("CURRENCY",) not in v.synsets["&CURRENCY"]
    # a synset naming other synsets is expanded (&ACCORDSYN = &TIETYPES + CLOSER + NEARER + &CURRENCY)
    assert {("ECONOMIC",), ("NEARER",), ("SWISS", "FRANCS")} <= set(v.synsets["&ACCORDSYN"])


@pytest.mark.parametrize("phrase,date,code", [
    ("SAM GAMGEE", "2008-01-19", "HOBCIV"),       # [HOBCIV <20080120] (limits inclusive)
    ("SAM GAMGEE", "2010-01-09", "ORCHOB"),       # [ORCHOB 20100109-20100112] listed before HOBMIL
    ("SAM GAMGEE", "2011-06-01", "HOBMIL"),
    ("SAM GAMGEE", "2013-01-19", "HOBGOV"),
    ("SAM GAMGEE", "2014-01-04", "HOBELI"),       # [HOBELI >20130119]
    ("ZIMBABWE", "1978-12-23", "RHO"),            # [RHO <790606], else the default [ZBW]
    ("ZIMBABWE", "2001-01-01", "ZBW"),
    ("USSR", "1990-01-01", "USR"),                # synonym of U.S.S.R, only a restricted code
    ("USSR", "1995-01-01", "---"),
    ("SLINKER", "1995-06-01", "HOB"),             # synonym of GOLLUM: [HOB < 950601] (YYMMDD)
    ("MINAS TIRITH", "1995-01-01", "GON"),
    ("PRINCE OF DOL AMROTH", "1995-06-30", "---"),
    ("PRINCE OF DOL AMROTH", "1995-07-01", "DOL"),
    ("THE SHIRE", None, "FRO/BIL/SAM"),
])
def test_actor_codes_and_date_restrictions(petr, phrase, date, code):
    assert petr.actors.lookup(phrase, dt.date.fromisoformat(date) if date else None) == code


@pytest.mark.parametrize("phrase,code", [
    ("POLICE", "~COP"), ("POLICES", None),                       # POLICE {} : no plural
    ("GOLDEN GEESE", "~GGS"), ("GOLDEN GOOSES", None),           # irregular plural given in {}
    ("MINISTRY OF SILLY WALKS", "~GOV"),                         # !MINST! substitution set
    ("CONGRESSMEN", "~LEG"), ("CONGRESSES", "~LEG"),             # !PERSON! set; regular plural of CONGRESS
    ("MSF", "NGO~"), ("ATTORNEYS GENERAL", "~GOV"), ("SECURITY SERVICES", "~GOV"),
])
def test_agent_entries(petr, phrase, code):
    assert petr.agents.lookup(phrase) == code


def test_discards(petr):
    hit = petr.discards.find("Arnor will restore ties almost five years after a typhoon trashed its embassy.")
    assert (hit.text, hit.story, hit.source) == ("TYPHOON", True, "PETR.Validate.discards.txt:10")
    hit = petr.discards.find("Gondor hopes to host the African Nations Cup, officials in Arnor said.")
    assert (hit.text, hit.story) == ("AFRICAN NATIONS CUP", False)
    assert petr.discards.find("Arnor will soon restore full diplomatic relations with Gondor.") is None


def test_tabari_dictionaries_stems_and_inline_dates():
    ds = load_dictionaries(_need(TABARI / "Validate.project"))  # the project file names the dictionaries
    assert [Path(f).name for fs in ds.files.values() for f in fs] == \
        ["TABARI.Demo.verbs", "TABARI.Demo.actors", "Validate.agents"]
    assert ds.summary()["patterns"] == 407 and ds.summary()["actor_phrases"] == 125
    assert ds.verbs.flavor == "tabari"
    # "RESTOR [064]" is a stem: it codes RESTORED, RESTORING ...
    assert [(f.words, f.code) for f in ds.verbs.candidates("RESTORED")] == [(("RESTOR~",), "064")]
    # "ALBRIGHT [USAGOV 991201-010114] [---]": inline TABARI restriction, then the default
    assert ds.actors.lookup("ALBRIGHT", dt.date(2000, 6, 1)) == "USAGOV"
    assert ds.actors.lookup("ALBRIGHT", dt.date(2002, 6, 1)) == "---"
    assert ds.actors.lookup("ETHIOPIA") == "ETH"  # "ETHIOP [ETH]" stem


def test_production_dictionaries_counts():
    ds = load_dictionaries(_need(PHOENIX))
    s = ds.summary()
    assert (s["verb_blocks"], s["patterns"], s["actor_phrases"], s["agent_phrases"], s["discards"]) == \
        (397, 4666, 35616, 5152, 506)
    assert ds.actors.lookup("VLADIMIR PUTIN", dt.date(2015, 1, 1)) == "RUSGOV"
    # real problems in the production files are reported with file:line, the rest still loads
    errors = {f"{i.path}:{i.line}" for i in ds.errors}
    assert {"Phoenix.Countries.actors.txt:14190", "Phoenix.agents.txt:544"} <= errors
    # "- * DOWN (FROM) [080!]" is TABARI's dominant marker, not an error: the pattern codes 080
    assert "CAMEO.2.0.txt:5787" not in errors
    [(text, code)] = [(p.text, p.code) for b in ds.verbs.blocks for p in b.patterns if p.dominant]
    assert (text.split()[:4], code) == (["*", "DOWN", "(FROM)", "[080!]"], "080")


@pytest.mark.parametrize("folder,marked", [
    (SHARED / "reference" / "dictionaries" / "tabari", [  # every "!]" of the file (grep -n '!]')
        ("CAMEO.091003.master.verbs:63", "100"), ("CAMEO.091003.master.verbs:1836", "080"),
        ("CAMEO.091003.master.verbs:2202", "190"), ("CAMEO.091003.master.verbs:3673", "111"),
        ("CAMEO.091003.master.verbs:3718", "111"), ("CAMEO.091003.master.verbs:16732", "194")]),
    (SHARED / "reference" / "dictionaries" / "petrarch1", [
        ("CAMEO.verbpatterns.150430.txt:4075", "080"), ("CAMEO.verbpatterns.150430.txt:9258", "100"),
        ("CAMEO.verbpatterns.150430.txt:12454", "190")]),
    (TABARI / "TABARI.Demo.verbs", [("TABARI.Demo.verbs:109", "031")]),
])
def test_dominant_marker_codes_are_read_without_the_mark(folder, marked):
    ds = load_dictionaries(_need(folder))
    assert not [str(i) for i in ds.issues if "!" in i.text]  # none reported, as error or warning
    blocks = ds.verbs.blocks
    got = [(b.source, b.code) for b in blocks if b.dominant] + \
          [(p.source, p.code) for b in blocks for p in b.patterns if p.dominant]
    assert sorted(got) == sorted(marked)
    codes = {b.code for b in blocks} | {p.code for b in blocks for p in b.patterns} | \
            {f.code for fs in ds.verbs.forms.values() for f in fs}
    assert not [c for c in codes if "!" in c]
    result = CliRunner().invoke(app, ["dict", "check", str(folder)])
    assert "!]" not in result.output


def test_dict_check_accepts_the_dominant_marker_and_still_reports_malformed_codes(tmp_path):
    (tmp_path / "marks.verbs.txt").write_text(
        "--- ATTEND [031!] ---\n"
        "ATTEND\n"
        "- * SUMMIT [036!]\n"
        "- * TALKS [03!6]\n"           # 4: "!" inside the code
        "- * MEETING [!]\n"            # 5: a marker and no code
        "- * DINNER [036!!]\n"         # 6: two markers
        "--- BACK [042] ---\n"
        "BACK\n"
        "- * DOWN FROM [080!]\n", encoding="utf-8")
    ds = load_dictionaries(tmp_path)
    assert [f"{i.path}:{i.line}: {i.message}" for i in ds.issues] == [
        "marks.verbs.txt:4: bad event code [03!6]; pattern skipped",
        "marks.verbs.txt:5: bad event code [!]; pattern skipped",
        "marks.verbs.txt:6: bad event code [036!!]; pattern skipped",
    ]
    [attend] = ds.verbs.candidates("ATTENDED")
    assert (attend.code, attend.dominant) == ("031", True)
    assert [(p.code, p.dominant) for p in ds.verbs.blocks[attend.block].patterns] == [("036", True)]
    [back] = ds.verbs.candidates("BACKED")
    assert (back.code, back.dominant) == ("042", False)
    assert [(p.code, p.dominant) for p in ds.verbs.blocks[back.block].patterns] == [("080", True)]
    result = CliRunner().invoke(app, ["dict", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[1:] == [
        "3 error(s), 0 warning(s) while reading dictionaries",
        "  marks.verbs.txt:4: error: bad event code [03!6]; pattern skipped: '- * TALKS [03!6]'",
        "  marks.verbs.txt:5: error: bad event code [!]; pattern skipped: '- * MEETING [!]'",
        "  marks.verbs.txt:6: error: bad event code [036!!]; pattern skipped: '- * DINNER [036!!]'",
    ]
    # the marker survives the import cache
    import_dictionaries(tmp_path, tmp_path / "dicts")
    cached = load_dictionaries(tmp_path / "dicts")
    assert [(f.code, f.dominant) for f in cached.verbs.candidates("ATTENDED")] == [("031", True)]
    assert [(p.code, p.dominant) for p in cached.verbs.blocks[attend.block].patterns] == [("036", True)]
    lookup = CliRunner().invoke(app, ["dict", "lookup", str(tmp_path / "dicts"), "attended"])
    assert lookup.output.splitlines()[0] == "verb   ATTENDED  [031] dominant  block ATTEND (marks.verbs.txt:1), 1 patterns"


# ---- errors --------------------------------------------------------------------------------------

def test_malformed_dictionary_lines_are_reported_and_skipped(tmp_path):
    (tmp_path / "bad.verbs.txt").write_text(
        "&COLOURS\n+RED\n"
        "--- ATTACK [190] ---\n"
        "ATTACK\n"
        "- * &NOSUCH [191]\n"           # 5: undefined synset
        "- * CITY [19?]\n"              # 6: malformed code
        "- * TOWN [193]\n"
        "--- PRAISE [05x?] ---\n"       # 8: malformed header code -> verbs get ---
        "PRAISE\n", encoding="utf-8")
    (tmp_path / "bad.actors.txt").write_text(
        "GONDOR [GON]\n"
        "ROHAN [ROH!]\n"                # 2: malformed code
        "SAM_GAMGEE [HOB]\n"
        "\t[HOBGOV 20101301-20111231]\n"  # 4: month 13
        "MORDOR [MOR\n", encoding="utf-8")  # 5: unbalanced
    (tmp_path / "bad.agents.txt").write_text("POLICE {} [~COP]\nSOLDIER [MIL]\n", encoding="utf-8")  # 2: no ~
    ds = load_dictionaries(tmp_path)
    assert [f"{i.path}:{i.line}: {i.message}" for i in sorted(ds.errors, key=lambda i: (i.path, i.line))] == [
        "bad.actors.txt:2: bad actor code 'ROH!'; code skipped",
        "bad.actors.txt:4: month must be in 1..12; restriction skipped",
        "bad.actors.txt:5: unbalanced [ ] in actor line; line skipped",
        "bad.agents.txt:2: bad agent code [MIL] (expected ~CODE or CODE~); line skipped",
        "bad.verbs.txt:5: synset &NOSUCH is not defined; pattern skipped",
        "bad.verbs.txt:6: bad event code [19?]; pattern skipped",
        "bad.verbs.txt:8: bad event code [05x?] in block header; the block's verbs get the null code ---",
    ]
    # the rest loaded, and no malformed code can reach the output
    attack = ds.verbs.blocks[ds.verbs.candidates("ATTACKED")[0].block]
    assert [p.code for p in attack.patterns] == ["193"]
    assert ds.verbs.candidates("PRAISED")[0].code == "---"
    assert ds.actors.lookup("GONDOR") == "GON" and ds.actors.lookup("ROHAN") == "---"
    assert ds.actors.lookup("SAM GAMGEE", dt.date(2011, 1, 1)) == "HOB"
    assert ds.agents.lookup("POLICE") == "~COP" and ds.agents.lookup("SOLDIER") is None
    summary = summarize_issues(ds.issues)
    assert summary.splitlines()[0] == "7 error(s), 1 warning(s) while reading dictionaries"
    assert "  bad.actors.txt:2: warning: actor has no usable code; it codes as ---: 'ROHAN'" in summary
    assert "  bad.verbs.txt:6: error: bad event code [19?]; pattern skipped: '- * CITY [19?]'" in summary

    result = CliRunner().invoke(app, ["dict", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "bad.actors.txt:2: error: bad actor code 'ROH!'; code skipped: 'ROHAN [ROH!]'" in result.output


def test_missing_and_empty_inputs(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or directory"):
        load_dictionaries(tmp_path / "nope")
    (tmp_path / "notes.txt").write_text("nothing here\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="no dictionary files found"):
        load_dictionaries(tmp_path)
    (tmp_path / CACHE_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(DictionaryError, match="cannot read the dictionary cache"):
        load_dictionaries(tmp_path)


def test_verb_file_with_tabari_alternatives(tmp_path):
    path = tmp_path / "alt.verbs"
    path.write_text("ASK [090]\n- * FOR { ECONOMIC_SANCTIONS | EMBARGO } [172] ;pas\n", encoding="utf-8")
    vd = read_verb_dictionary(path)
    (pat,) = vd.blocks[0].patterns
    alt = pat.post[1][1]
    assert pat.post[0] == (" ", "FOR~") and vd.synsets[alt] == [("ECONOMIC", "SANCTIONS~"), ("EMBARGO~",)]


# ---- the coder on real suite records --------------------------------------------------------------

@pytest.mark.parametrize("rid,expected", [
    ("ABOUT-01", {("RUSCOP", "RUSEDU", "212")}),                                   # actor + agent codes
    ("DEMO-06", {("CALGOV", "OSGMIL", "122"), ("CALGOV", "ITH", "050")}),           # two verbs, one source
    ("DATE-09", {("ORCHOB", "MRGORC", "031"), ("MRGORC", "ORCHOB", "032")}),        # date window, paired code
    ("COMPOUND-09", {("FORLEG", "ERI", "041"), ("GONLEG", "ERI", "041"),             # compound x shared PP
                     ("FORGOV", "ERI", "041"), ("GONGOV", "ERI", "041")}),
    ("DEMO-22", {("ERI", "OSG", "223"), ('"INJURY TOLL"', "OSG", "223")}),          # new-actor text
    ("PASSIVE-01", {("OSG", "ERI", "112")}),                                         # passive with "by"
    ("SYNSET-17", {("BREGOV", "ERI", "904")}),                                       # synset before the verb
    ("DEMO-10", {("GONGOV", "MORMIL", "115")}),                                      # "+" bound in a pattern
    ("DISCARD-01", set()),                                                           # story discard
])
def test_coder_on_suite_records(coder, rid, expected):
    r = _records("petrarch_unittest")[rid]
    events = coder.code_text(r["text"], r["date"], r["meta"].get("config_in_force") or {}, single_sentence=True)
    got = {e.triple for e in events}
    assert got == expected
    assert got == {(e["source"], e["target"], e["code"]) for e in r["expected"]}


def test_a_dominant_verb_is_the_only_one_coded_in_its_sentence(nlp):
    """TABARI.Demo.verbs "ATTEND [031!]"; TABARI.Demo.text DEMO-05: "only ATTEND will code when coding in ALL
    mode". The code is used without the marker."""
    coder = DictionaryCoder(load_dictionaries(_need(TABARI / "Validate.project")), nlp=nlp)

    def code(text: str) -> set[tuple[str, str, str, str]]:
        return {(*e.triple, e.verb) for e in coder.code_text(text, "1995-01-03", single_sentence=True)}

    assert code("Arnor attended talks with Gondor.") == {("ARN", "GON", "031", "attended")}
    assert code("Arnor restored diplomatic ties with Gondor.") == {("ARN", "GON", "064", "restored")}
    assert code("Arnor restored diplomatic ties with Gondor and attended talks with Gondor.") == \
        {("ARN", "GON", "031", "attended")}
    assert code("Dagolath left for Minas Tirith and attended meetings with Arnor.") == \
        {("DAG", "ARN", "031", "attended")}  # not the paired 032/033 of LEFT
    # a sentence without the dominant verb codes every verb as before
    assert code("Dagolath left for Minas Tirith.") == {("DAG", "GON", "032", "left"), ("GON", "DAG", "033", "left")}


def test_require_dyad_and_event_details(coder):
    text = "Arnor will soon restore diplomatic relations with Gondor, a government official said on Sunday."
    strict = {e.triple for e in coder.code_text(text, "1995-01-01", {"comma_emax": "0"})}
    loose = coder.code_text(text, "1995-01-01", CoderConfig(require_dyad=False, comma_emax=0))
    assert strict == {("ARN", "GON", "064")}
    assert {e.triple for e in loose} == {("ARN", "GON", "064"), ("---GOV", "---", "023")}
    first = loose[0]
    assert (first.verb, first.pattern, first.source_text, first.target_text) == \
        ("restore", "PETR.Validate.verbs.txt:991", "Arnor", "diplomatic relations with Gondor")


# ---- cache, validation mode, CLI ----------------------------------------------------------------

def test_import_cache_round_trip(tmp_path, petr, nlp):
    ds, target = import_dictionaries(_need(PETR), tmp_path / "dicts")
    assert target == tmp_path / "dicts" / CACHE_NAME
    cached = load_dictionaries(tmp_path / "dicts")
    assert cached.summary() == petr.summary() == ds.summary()
    assert [str(i) for i in cached.issues] == [str(i) for i in petr.issues]
    text = "Dagolath's Deputy Prime Minister Telemar left on Tuesday for Minas Tirith."
    a = {e.triple for e in DictionaryCoder(cached, nlp=nlp).code_text(text, "1995-01-03")}
    assert a == {("DAGGOV", "GON", "032"), ("GON", "DAGGOV", "033")}


def test_validation_mode_subsets():
    """Exact-record counts measured on the first records of each mechanics suite (a drop fails the test)."""
    r = evaluate_suite(_need(SUITES / "petrarch_unittest.jsonl"), limit=40, validation=True)
    assert (r["scored"], r["metrics"]["exact_records"], r["heldout"]["exact_records"]) == (39, 34, 10)
    assert r["dictionaries"]["errors"] == 2 and r["errors"] == 0
    r = evaluate_suite(_need(SUITES / "tabari_validation.jsonl"), limit=20, validation=True)
    assert (r["scored"], r["metrics"]["exact_records"]) == (19, 16)
    r = evaluate_suite(_need(SUITES / "udpetrarch_validate_2_02.jsonl"), limit=20, dictionaries=_need(UDP))
    assert (r["scored"], r["metrics"]["exact_records"]) == (13, 13)


def test_cli_dict_import_code_and_evaluate(tmp_path):
    runner = CliRunner()
    out = tmp_path / "dicts"
    result = runner.invoke(app, ["dict", "import", str(_need(PETR)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out / CACHE_NAME}: verb blocks 261, verb forms 1081, patterns 474" in result.output
    assert "PETR.Validate.verbs.txt:975: error: bad event code [025?]" in result.output  # summary on stderr

    story = tmp_path / "story.txt"
    story.write_text("Russian police detained Russian students in Moscow on Friday.", encoding="utf-8")
    result = runner.invoke(app, ["code", str(story), "--dictionaries", str(out), "--published", "1995-01-04",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout[result.stdout.index("{"):])
    assert [(e["source"]["code"], e["target"]["code"], e["cameo_code"]) for e in doc["events"]] == \
        [("RUSCOP", "RUSEDU", "212")]

    result = runner.invoke(app, ["evaluate", str(SUITES / "petrarch_unittest.jsonl"), "--validation",
                                 "--limit", "20"])
    assert result.exit_code == 0, result.output
    assert "exact records" in result.output and "dictionary coder: PETR.Validate.verbs.txt" in result.output
    result = runner.invoke(app, ["dict", "lookup", str(out), "Minas Tirith", "--date", "1995-01-01"])
    assert result.exit_code == 0 and "actor  MINAS TIRITH  [GON]" in result.output
