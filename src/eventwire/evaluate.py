"""Score eventwire against the peer event-coder validation suites and the hand-coded article gold.

Two kinds of yardstick:

* **Suites** (``../shared/suites/*.jsonl``, one sentence per line, format in ``suites/README.md``):
  ``evaluate_suite(path)`` codes every record's ``text`` and compares the produced events with the
  record's ``expected`` list. What can be scored depends on the suite (see ``SUITE_KINDS``).
* **Articles** (``../shared/articles/NNN.json`` + ``NNN.gold.json``, ``../shared/seed``):
  ``evaluate_article(gold_path, result_dict)`` applies the matching rules of
  ``shared/tools/score_gold.py`` (reimplemented here); ``evaluate_articles(dir)`` codes and averages.

``format_report(result)`` turns any of these dicts into plain text.

Metric definitions (all counts are *micro*, i.e. summed over records before dividing)
----------------------------------------------------------------------------------------
For each scored record we build two **sets** of items, one from ``expected`` and one from the produced
events (duplicates collapse: the suites use set semantics, and three produced events with the same item
count once). ``tp = |E & P|``, ``fp = |P - E|``, ``fn = |E - P|``; precision = tp/(tp+fp),
recall = tp/(tp+fn), F1 = 2PR/(P+R); a ratio with a zero denominator is reported as None. Records that
expect no event (``expect_none``) have E empty, so everything produced there is a false positive. A record
whose coding fails counts in ``errors`` and is scored as if nothing was produced.

The items per suite kind:

``plover`` (plover_gsr_cameo; expected ``plover_current``, ``code`` null)
    * ``type`` P/R/F1 on PLOVER types (items: ``plover_type``; only the 16 current types are expected).
    * ``type_accuracy``: share of records whose expected type is among the produced events' types.
    * ``source_accuracy``: share of expected events with an ISO-3 country source for which some
      produced event has that source country (first 3 letters of the produced code, or its ``country``).
    * ``type_source_accuracy``: as above, but the same produced event must also have the expected type.
``cameo`` (petr2_gsr and other real-world CAMEO suites)
    * ``event`` P/R/F1 on ``(source country, target country, CAMEO root)``; a country is the first three
      letters of an actor code when they are an ISO 3166-1 alpha-3 code (current or historic), a CAMEO
      region code or an international code (IGO, NGO, IMG, MNC, ...); otherwise (``---``, ``~REB``,
      fictional codes) the country is None, and None only matches None.
    * ``plover`` P/R/F1 on PLOVER types (expected CAMEO codes mapped with ``eventwire.ontology``;
      codes without a PLOVER type, e.g. 01x/02x statements and appeals, are left out of E, and produced
      events with the same CAMEO root are left out of P).
    * ``root`` P/R/F1 on CAMEO roots (first two digits of the code).
    * ``exact_record``: share of records whose produced (country, country, root) set equals the expected set.
``fictional`` (petrarch_unittest, tabari_validation, udpetrarch_validate_2_02: Middle-earth actors and
suite-specific dictionaries, so near-zero scores are expected from the pipeline; ``validation=True`` codes them
with their own dictionaries through ``eventwire.dictionaries``)
    * ``exact_record``: share of records whose produced ``(source code, target code, cameo_code)`` set equals
      the expected set (missing codes are ``---``); with TABARI ``partial_check`` expected must be a subset.
    * ``root`` P/R/F1 on CAMEO roots (partial_check records add no false positives).

Every kind also reports ``expect_none``: how many no-event records stayed clean and how many events were
produced on them.

Skipped records (counted in ``skipped`` by reason): language other than English
(``language_not_supported:es``), ``meta.evaluate == false`` (``evaluate_false``), category not in the peer's
``<Include>`` (``category_not_included``), TABARI records needing non-standard settings (``tabari_nonstandard``)
or with nothing checked (``nothing_checked``), option-setting records with no expectation at all
(``no_expectation``), PLOVER records whose type is not one of the 16 current ones (``no_current_type``).

Held-out quarter: the suites in ``../shared`` are the dev part; records whose ``sha1(id) mod 4 == 0``
(``is_heldout``) form a deterministic held-out split reported under ``"heldout"``; the rest, meant for
tuning, under ``"tune"``. ``"metrics"`` covers both.

Example::

    >>> from eventwire.evaluate import evaluate_suite, format_report
    >>> r = evaluate_suite("../shared/suites/petr2_gsr.jsonl", limit=5)    # doctest: +SKIP
    >>> print(format_report(r))                                             # doctest: +SKIP
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "PLOVER_TYPES", "SUITE_KINDS", "read_suite", "suite_kind", "is_heldout", "actor_country", "cameo_root",
    "plover_of_cameo", "ontology_source", "prf", "set_counts", "score_record", "evaluate_suite", "evaluate_suites",
    "evaluate_article", "evaluate_articles", "format_report",
]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
"""The 16 current PLOVER event types (PLOVER manual; ``reference/plover/plover_summary.json``)."""

SUITE_KINDS = {
    "plover_gsr_cameo": "plover",
    "udpetrarch_arabic_gsr": "plover",
    "petr2_gsr": "cameo",
    "udpetrarch_spanish_1018": "cameo",
    "petrarch_unittest": "fictional",
    "tabari_validation": "fictional",
    "udpetrarch_validate_2_02": "fictional",
}
"""How each known suite is scored; unknown suites are guessed by ``suite_kind``."""

SUPPORTED_LANGUAGES = ("en",)

# CAMEO international region codes (CAMEO manual 1.1b3, table "International Region Codes", plus WEU used
# by the Phoenix dictionaries) and generic international codes (IGO, IMG, NGO, NGM, MNC, UIS, INT).
CAMEO_REGIONS = frozenset(
    "AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS SCN SAM SAS SEA SAF WAF WST WEU".split()
)
CAMEO_INTERNATIONAL = frozenset("IGO IMG NGO NGM MNC UIS INT".split())
# Country codes CAMEO/Phoenix use that pycountry lacks: Kosovo, East Timor (old code).
_CAMEO_EXTRA_COUNTRIES = frozenset({"KSV", "TMP"})
# Non-ISO spellings found in the expected codes of the PLOVER GSR (Japan, Italy), read as their ISO code.
_CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA"}

NONE_LABEL = "(none)"


# --------------------------------------------------------------------------------------------------
# Codes and mappings
# --------------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import pycountry

    codes = {c.alpha_3 for c in pycountry.countries}
    codes |= {c.alpha_3 for c in pycountry.historic_countries if getattr(c, "alpha_3", None)}
    return frozenset(codes | _CAMEO_EXTRA_COUNTRIES)


@functools.lru_cache(maxsize=1)
def _iso2_to_3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


def is_country_code(code: str | None, *, strict: bool = False) -> bool:
    """True for an ISO 3166-1 alpha-3 code (current or historic, plus CAMEO's KSV/TMP); unless strict,
    also for CAMEO region codes (MEA, WAF ...) and international codes (IGO, NGO, IMG, MNC ...)."""
    if not code or len(code) != 3:
        return False
    code = code.upper()
    if code in _iso3():
        return True
    return not strict and (code in CAMEO_REGIONS or code in CAMEO_INTERNATIONAL)


def actor_country(code: str | None, *, strict: bool = False) -> str | None:
    """The country part of a CAMEO actor code: its first three letters when they are a country, region or
    international code (see ``is_country_code``), else None (``---``, ``---GOV``, ``~REB``, ``"INJURY TOLL"``,
    fictional ``ARN``...).

    >>> actor_country("USAGOV"), actor_country("IGOUNOMIL"), actor_country("---GOV"), actor_country("ARN")
    ('USA', 'IGO', None, None)
    """
    if not code:
        return None
    head = code.strip()[:3].upper()
    head = _CODE_ALIASES.get(head, head)
    return head if is_country_code(head, strict=strict) else None


def produced_country(actor: dict | None, *, strict: bool = False) -> str | None:
    """Country of a produced ``ActorRef`` dict: its ``country`` field (alpha-3; alpha-2 is converted), else
    the country part of its ``code``; None when neither gives one."""
    if not actor:
        return None
    c = (actor.get("country") or "").strip().upper()
    if len(c) == 2:
        c = _iso2_to_3().get(c, "")
    if c and is_country_code(c, strict=strict):
        return c
    return actor_country(actor.get("code"), strict=strict)


def cameo_root(code: str | None) -> str | None:
    """First two digits of a CAMEO code ("0841" -> "08"), or None when there is no numeric code."""
    if not code:
        return None
    code = str(code).strip()
    return code[:2] if len(code) >= 2 and code[:2].isdigit() else None


# Fallback CAMEO -> PLOVER table (``reference/plover/CAMEO2PLOVER-2021.txt``), used only while
# ``eventwire.ontology`` cannot be imported: root default plus the codes that differ from their root.
_FALLBACK_ROOT_PLOVER = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID", "08": "CONCEDE",
    "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
    "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}
_FALLBACK_CODE_PLOVER = {
    "0813": "RETREAT", "0814": "RETREAT", "084": "RETREAT", "085": "RETREAT", "086": "RETREAT", "087": "RETREAT",
    "163": "COERCE", "1712": "ASSAULT", "175": "ASSAULT", "191": "COERCE", "192": "COERCE",
}


def _fallback_plover(code: str) -> str | None:
    for n in (4, 3):
        if len(code) >= n and code[:n] in _FALLBACK_CODE_PLOVER:
            return _FALLBACK_CODE_PLOVER[code[:n]]
    return _FALLBACK_ROOT_PLOVER.get(code[:2])


@functools.lru_cache(maxsize=1)
def _ontology_lookup():
    try:
        from eventwire.ontology import cameo  # noqa: PLC0415  (written by a colleague; may not exist yet)
    except Exception:  # ImportError or a half-written module: fall back to the local table
        return None
    return cameo


def ontology_source() -> str:
    """``"eventwire.ontology"`` when the CAMEO->PLOVER map comes from the ontology package, else ``"fallback"``."""
    return "eventwire.ontology" if _ontology_lookup() is not None else "fallback"


@functools.lru_cache(maxsize=4096)
def plover_of_cameo(code: str | None) -> str | None:
    """PLOVER type of a CAMEO code via ``eventwire.ontology.cameo(code).plover_type``; for codes the ontology
    does not know (or while it is missing) the CAMEO2PLOVER-2021 table by longest prefix. None for codes with
    no PLOVER type (01x public statements, 02x appeals) and for non-numeric codes.

    >>> plover_of_cameo("042"), plover_of_cameo("0841"), plover_of_cameo("190"), plover_of_cameo("010")
    ('CONSULT', 'RETREAT', 'ASSAULT', None)
    """
    if not code or not cameo_root(code):
        return None
    code = str(code).strip()
    lookup = _ontology_lookup()
    if lookup is not None:
        try:
            rec = lookup(code)
        except Exception:  # unknown code in the ontology: try the table below
            rec = None
        t = getattr(rec, "plover_type", None) if rec is not None else None
        if t:
            return str(t).upper()
    return _fallback_plover(code)


# --------------------------------------------------------------------------------------------------
# Reading suites
# --------------------------------------------------------------------------------------------------

def read_suite(path: str | Path) -> list[dict[str, Any]]:
    """Read a suite JSONL file: one dict per non-blank line (shape in ``suites/README.md``).

    Raises FileNotFoundError for a missing file and ValueError naming ``path:line`` for a bad line.
    """
    path = Path(path)
    records = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not a JSON object ({exc.msg})") from exc
            if not isinstance(rec, dict) or "text" not in rec or "id" not in rec:
                raise ValueError(f"{path}:{lineno}: a suite record needs at least 'id' and 'text'")
            rec.setdefault("_line", lineno)
            records.append(rec)
    return records


def suite_kind(name: str, records: Iterable[dict] = ()) -> str:
    """``plover`` | ``cameo`` | ``fictional`` for a suite name; unknown suites are ``plover`` when their
    expected events carry ``plover``/``plover_current`` and no ``code``, else ``cameo``."""
    if name in SUITE_KINDS:
        return SUITE_KINDS[name]
    exp = [e for r in records for e in r.get("expected") or []]
    if exp and all(e.get("code") is None and (e.get("plover_current") or e.get("plover")) for e in exp):
        return "plover"
    return "cameo"


def is_heldout(record_id: str) -> bool:
    """The deterministic held-out quarter: ``int(sha1(id)) % 4 == 0`` (UTF-8 id)."""
    return int(hashlib.sha1(str(record_id).encode("utf-8")).hexdigest(), 16) % 4 == 0


def skip_reason(record: dict, kind: str) -> str | None:
    """Why a record is not scored (a key of ``skipped``), or None when it is scored."""
    lang = record.get("language") or "en"
    if lang not in SUPPORTED_LANGUAGES:
        return f"language_not_supported:{lang}"
    meta = record.get("meta") or {}
    if meta.get("evaluate") is False:
        return "evaluate_false"
    if meta.get("category_in_include") is False:
        return "category_not_included"
    if meta.get("standard") is False:
        return "tabari_nonstandard"
    if meta.get("nothing_checked"):
        return "nothing_checked"
    if not record.get("expected") and not record.get("expect_none"):
        return "no_expectation"
    if kind == "plover" and not _expected_plover_types(record):
        return "no_current_type"
    return None


# --------------------------------------------------------------------------------------------------
# Per-record scoring
# --------------------------------------------------------------------------------------------------

def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision/recall/F1 from counts: ``{"tp","fp","fn","precision","recall","f1"}``; ratios None on 0/0.

    >>> prf(1, 1, 1)["precision"], prf(1, 1, 1)["recall"], prf(1, 1, 1)["f1"]
    (0.5, 0.5, 0.5)
    """
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    if p is None or r is None:
        f = None
    else:
        f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def set_counts(expected: Iterable, produced: Iterable, *, extra_allowed: bool = False) -> tuple[int, int, int]:
    """``(tp, fp, fn)`` of two item sets; with extra_allowed, produced items not expected are not false
    positives (TABARI ``partial_check``)."""
    e, p = set(expected), set(produced)
    return len(e & p), (0 if extra_allowed else len(p - e)), len(e - p)


def _event_dicts(result: Any) -> list[dict] | None:
    """Events of a coding result as plain dicts; None when the result is an error."""
    if isinstance(result, dict):
        events = result.get("events")
    elif hasattr(result, "events") and not isinstance(result, BaseException):
        events = result.events
    else:
        return None
    if events is None:
        return None
    return [dataclasses.asdict(e) if dataclasses.is_dataclass(e) else dict(e) for e in events]


def _ptype(event: dict) -> str | None:
    t = event.get("plover_type")
    return str(t).upper() if t else None


def _expected_plover_types(record: dict) -> set[str]:
    out = set()
    for e in record.get("expected") or []:
        t = (e.get("plover_current") or e.get("plover") or "").upper()
        if t in PLOVER_TYPES:
            out.add(t)
    return out


def _code_or_null(code: Any) -> str:
    return str(code).strip() if code else "---"


def score_record(record: dict, events: list[dict], kind: str | None = None) -> dict[str, Any]:
    """Score the produced events of one suite record.

    record: a suite record (``expected``, ``expect_none``, ``meta``); events: produced events as dicts
    (``DocumentResult.to_dict()["events"]`` shape: ``plover_type``, ``cameo_code``, ``source``/``target`` with
    ``code``/``country``); kind: ``plover`` | ``cameo`` | ``fictional`` (default: from ``record["suite"]``).
    RETURNS a dict of parts, each present only where the kind scores it:
    ``counts``: {metric: (tp, fp, fn)} for ``type``/``event``/``plover``/``root``;
    ``type_ok``: bool; ``source``: (right, total) expected events; ``type_source``: (right, total);
    ``exact``: bool; ``expect_none``: bool; ``produced``: number of produced events;
    ``sets``: {axis: (expected set, produced set)} for per-type tables (axis ``plover`` or ``root``).
    """
    kind = kind or suite_kind(record.get("suite", ""), [record])
    exp = record.get("expected") or []
    partial = bool((record.get("meta") or {}).get("partial_check"))
    out: dict[str, Any] = {"counts": {}, "sets": {}, "produced": len(events),
                           "expect_none": bool(record.get("expect_none"))}
    p_types = {t for t in (_ptype(e) for e in events) if t}
    p_roots = {r for r in (cameo_root(e.get("cameo_code")) for e in events) if r}

    if kind == "plover":
        e_types = _expected_plover_types(record)
        out["counts"]["type"] = set_counts(e_types, p_types)
        out["sets"]["plover"] = (e_types, p_types)
        out["type_ok"] = bool(e_types & p_types)
        right = total = right_ts = 0
        for e in exp:
            c = actor_country(e.get("source"), strict=True)
            if not c:
                continue
            total += 1
            t = (e.get("plover_current") or e.get("plover") or "").upper()
            srcs = [(produced_country(ev.get("source")), _ptype(ev)) for ev in events]
            right += any(s == c for s, _ in srcs)
            right_ts += any(s == c and pt == t for s, pt in srcs)
        out["source"] = (right, total)
        out["type_source"] = (right_ts, total)
        return out

    e_roots = {r for r in (cameo_root(e.get("code")) for e in exp) if r}
    out["counts"]["root"] = set_counts(e_roots, p_roots, extra_allowed=partial)
    out["sets"]["root"] = (e_roots, p_roots)

    if kind == "cameo":
        e_tuples = {(actor_country(e.get("source")), actor_country(e.get("target")), cameo_root(e.get("code")))
                    for e in exp if cameo_root(e.get("code"))}
        p_tuples = {(produced_country(ev.get("source")), produced_country(ev.get("target")),
                     cameo_root(ev.get("cameo_code"))) for ev in events}
        out["counts"]["event"] = set_counts(e_tuples, p_tuples, extra_allowed=partial)
        e_pl = {t for t in (plover_of_cameo(e.get("code")) for e in exp) if t}
        # an expected code without PLOVER type (01x, 02x) is not scored on this axis: produced events with
        # that CAMEO root are left out too, so coding it right costs no precision
        unmapped = {cameo_root(e.get("code")) for e in exp if cameo_root(e.get("code")) and not plover_of_cameo(e.get("code"))}
        p_pl = {t for t in (_ptype(ev) for ev in events if cameo_root(ev.get("cameo_code")) not in unmapped) if t}
        out["counts"]["plover"] = set_counts(e_pl, p_pl, extra_allowed=partial)
        out["sets"]["plover"] = (e_pl, p_pl)
        out["exact"] = e_tuples <= p_tuples if partial else e_tuples == p_tuples
        return out

    # fictional: literal codes from the suite's own dictionaries
    e_full = {(_code_or_null(e.get("source")), _code_or_null(e.get("target")), _code_or_null(e.get("code"))) for e in exp}
    p_full = {(_code_or_null((ev.get("source") or {}).get("code")), _code_or_null((ev.get("target") or {}).get("code")),
               _code_or_null(ev.get("cameo_code"))) for ev in events}
    out["exact"] = e_full <= p_full if partial else e_full == p_full
    return out


# --------------------------------------------------------------------------------------------------
# Aggregation
# --------------------------------------------------------------------------------------------------

def _share(k: int, n: int) -> float | None:
    return k / n if n else None


class _Tally:
    """Sums per-record scores into the metrics dict of one split."""

    def __init__(self, kind: str):
        self.kind = kind
        self.records = 0
        self.counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.c: Counter = Counter()

    def add(self, s: dict) -> None:
        self.records += 1
        for k, (tp, fp, fn) in s["counts"].items():
            acc = self.counts[k]
            acc[0] += tp
            acc[1] += fp
            acc[2] += fn
        self.c["produced"] += s["produced"]
        if "type_ok" in s:
            self.c["type_ok"] += s["type_ok"]
        if "source" in s:
            self.c["source_ok"] += s["source"][0]
            self.c["source_n"] += s["source"][1]
            self.c["type_source_ok"] += s["type_source"][0]
        if "exact" in s:
            self.c["exact"] += s["exact"]
        if s["expect_none"]:
            self.c["none_records"] += 1
            self.c["none_clean"] += s["produced"] == 0
            self.c["none_events"] += s["produced"]

    def metrics(self) -> dict[str, Any]:
        m: dict[str, Any] = {"records": self.records, "produced_events": self.c["produced"]}
        order = {"plover": ("type",), "cameo": ("event", "plover", "root"), "fictional": ("root",)}[self.kind]
        for k in order:
            m[k] = prf(*self.counts[k])
        if self.kind == "plover":
            m["type_accuracy"] = _share(self.c["type_ok"], self.records)
            m["source_accuracy"] = _share(self.c["source_ok"], self.c["source_n"])
            m["type_source_accuracy"] = _share(self.c["type_source_ok"], self.c["source_n"])
            m["source_events"] = self.c["source_n"]
        else:
            m["exact_record"] = _share(self.c["exact"], self.records)
            m["exact_records"] = self.c["exact"]
            m["expect_none"] = {"records": self.c["none_records"], "clean": self.c["none_clean"],
                                "false_positive_events": self.c["none_events"]}
        return m


class _TypeTable:
    """Per-label P/R/F1 and a confusion table (expected label -> produced label counts) for one axis.

    Confusion rule per record with expected set E and produced set P: each t in E that was produced counts
    (t, t); a missed t counts (t, p) for every spurious p in P - E, or (t, "(none)") when there is none;
    when E is empty each produced p counts ("(none)", p).
    """

    def __init__(self):
        self.per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.conf: dict[str, Counter] = defaultdict(Counter)

    def add(self, expected: set, produced: set) -> None:
        for t in expected | produced:
            acc = self.per[t]
            acc[0] += t in expected and t in produced
            acc[1] += t in produced and t not in expected
            acc[2] += t in expected and t not in produced
        spurious = produced - expected
        for t in expected:
            if t in produced:
                self.conf[t][t] += 1
            elif spurious:
                for p in spurious:
                    self.conf[t][p] += 1
            else:
                self.conf[t][NONE_LABEL] += 1
        if not expected:
            for p in produced:
                self.conf[NONE_LABEL][p] += 1

    def per_label(self) -> dict[str, dict]:
        return {t: prf(*self.per[t]) for t in sorted(self.per)}

    def confusion(self) -> dict[str, dict[str, int]]:
        return {t: dict(self.conf[t].most_common()) for t in sorted(self.conf)}


# --------------------------------------------------------------------------------------------------
# Coding the records
# --------------------------------------------------------------------------------------------------

_PIPELINE = None


def _default_pipeline():
    global _PIPELINE
    if _PIPELINE is None:
        from eventwire.pipeline import Pipeline  # noqa: PLC0415  (heavy: spaCy)

        _PIPELINE = Pipeline()
    return _PIPELINE


def _parse_date(value: Any) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _make_document(text: str, *, origin: str, id: str | None, published: dt.date | None, **extra: Any):
    """A Document via ``eventwire.documents.document_from_text`` (text repair, dateline), or a plain
    ``records.Document`` while that module is missing."""
    try:
        from eventwire.documents import document_from_text  # noqa: PLC0415
    except ImportError:
        from eventwire.records import Document  # noqa: PLC0415

        if not text or not text.strip():
            raise ValueError(f"{origin}: empty text") from None
        return Document(id=id or "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text,
                        origin=origin, published=published, **{k: v for k, v in extra.items() if k in ("title", "source", "url")})
    return document_from_text(text, origin=origin, id=id, published=published, **extra)


def _code_all(pipeline, docs: list[Any]) -> Iterator[tuple[int, Any]]:
    """Yield ``(index, result)`` for every entry of ``docs`` in order. Entries that are exceptions (the
    document could not be built) are passed through as results. Uses ``pipeline.code_many`` for speed; if the
    stream itself raises, the documents in flight are coded one by one and the stream restarts after them."""
    todo = [i for i, d in enumerate(docs) if not isinstance(d, BaseException)]
    results: dict[int, Any] = {i: d for i, d in enumerate(docs) if isinstance(d, BaseException)}
    nxt = 0  # next index of docs to report

    def flush():
        nonlocal nxt
        while nxt < len(docs) and nxt in results:
            yield nxt, results.pop(nxt)
            nxt += 1

    pos = 0  # position in todo of the next result expected from the stream
    while pos < len(todo):
        sent: list[int] = []

        def feed(start: int):
            for k in range(start, len(todo)):
                sent.append(k)
                yield docs[todo[k]]

        try:
            if not hasattr(pipeline, "code_many"):
                raise AttributeError("no code_many")
            for out in pipeline.code_many(feed(pos)):
                if pos >= len(todo):
                    break  # more results than documents: ignore the surplus
                results[todo[pos]] = out
                pos += 1
                yield from flush()
            for k in range(pos, len(todo)):  # the stream ended early: the rest got no result
                results[todo[k]] = RuntimeError("code_many returned no result for this document")
            pos = len(todo)
            yield from flush()
        except Exception as exc:  # the batch broke: code the in-flight documents one at a time
            inflight = [k for k in sent if k >= pos] or [pos]
            for k in inflight:
                try:
                    results[todo[k]] = pipeline.code(docs[todo[k]])
                except Exception as exc2:  # noqa: BLE001  one document must not stop the run
                    results[todo[k]] = exc2 if hasattr(pipeline, "code") else exc
                pos = k + 1
            yield from flush()
    yield from flush()


class CodingErrors:
    """Documents of an evaluation that could not be coded: their count and the first few messages."""

    def __init__(self, keep: int = 5) -> None:
        self.count = 0
        self.examples: list[str] = []
        self.keep = keep

    def note(self, name: str, result: Any) -> None:
        self.count += 1
        if len(self.examples) < self.keep:
            self.examples.append(f"{name}: {_error_text(result)}")


def coded_events(pipeline, docs: list[Any], names: list[str],
                 errors: CodingErrors) -> Iterator[tuple[int, int, Any, list[dict]]]:
    """Code ``docs`` (``_code_all``) and yield ``(n, index, result, events)``: n counts from 1, events are the
    result's event dicts, ``[]`` for a document that failed (noted in ``errors`` under ``names[index]``)."""
    for n, (i, result) in enumerate(_code_all(pipeline, docs), 1):
        events = _event_dicts(result)
        if events is None:
            errors.note(names[i], result)
            events = []
        yield n, i, result, events


def report_head(title: str, detail: str, error_examples: list[str]) -> list[str]:
    """The first lines of a coded-text report (stories, PentaClass, actor spans): ``== title  (detail;
    negated and hypothetical events not counted)`` and one ``  error: ...`` line per example."""
    return ([f"== {title}  ({detail}; negated and hypothetical events not counted)"]
            + [f"  error: {ex}" for ex in error_examples])


def _error_text(result: Any) -> str:
    if isinstance(result, BaseException):
        return f"{type(result).__name__}: {result}"
    msg = getattr(result, "message", None) or getattr(result, "reason", None)
    origin = getattr(result, "origin", None)
    return f"{origin}: {msg}" if origin and msg else str(result)


# --------------------------------------------------------------------------------------------------
# evaluate_suite
# --------------------------------------------------------------------------------------------------

def evaluate_suite(path: str | Path, *, pipeline=None, limit: int | None = None, by_type: bool = False,
                   progress: bool = False, details: bool = False, dictionaries=None,
                   validation: bool = False) -> dict[str, Any]:
    """Code a validation suite and score it.

    path: a suite JSONL file (``../shared/suites/NAME.jsonl``); pipeline: an ``eventwire.pipeline.Pipeline``
    or anything with ``code_many(documents) -> results in order`` (and optionally ``code(document)``),
    default: one shared ``Pipeline()`` built on first use (not built when nothing is to be coded);
    limit: only the first N records of the file; by_type: add ``per_type`` and ``confusion``;
    progress: print progress to stderr; details: add ``details``, one row per scored record
    (id, heldout, expected, produced items, ok flags).
    Each record's ``text`` is coded as a document (id = record id, published = record ``date``).
    Validation mode (the mechanics suites petrarch_unittest, udpetrarch_validate_2_02, tabari_validation):
    dictionaries: a directory/files of TABARI/PETRARCH dictionaries, a ``eventwire dict import`` cache, or a loaded
    ``eventwire.dictionaries.DictionarySet``; validation: use the suite's own dictionaries (named in
    ``MANIFEST.json`` ``info``, or the TABARI ``.project`` next to its source). Either codes every record with the
    dictionary coder (``eventwire.dictionaries.coder``, each record's ``meta.config_in_force`` applied) instead
    of the pipeline, and adds ``"dictionaries": {"files", "errors", "warnings"}`` to the result.
    RETURNS ``{"suite", "file", "kind", "records" (read), "scored", "skipped": {reason: count}, "errors",
    "error_examples": [str], "metrics": {...}, "heldout": {...}, "tune": {...}, "per_type": {axis: {label:
    prf}}, "confusion": {axis: {expected: {produced: count}}}, "ontology", "seconds"}``; metric definitions in
    the module docstring. A record that fails to code counts in ``errors`` and is scored as producing nothing.
    """
    t0 = time.perf_counter()
    path = Path(path)
    records = read_suite(path)
    if limit is not None:
        records = records[:limit]
    name = next((r.get("suite") for r in records if r.get("suite")), None) or path.stem
    kind = suite_kind(name, records)

    skipped: Counter = Counter()
    todo: list[dict] = []
    for r in records:
        reason = skip_reason(r, kind)
        if reason:
            skipped[reason] += 1
        else:
            todo.append(r)

    docs: list[Any] = []
    for r in todo:
        origin = f"{path}:{r.get('_line', '?')}"
        try:
            docs.append(_make_document(r["text"], origin=origin, id=str(r["id"]), published=_parse_date(r.get("date"))))
        except Exception as exc:  # noqa: BLE001  bad input is an error for this record, not for the run
            docs.append(exc)

    tallies = {"all": _Tally(kind), "heldout": _Tally(kind), "tune": _Tally(kind)}
    tables: dict[str, _TypeTable] = defaultdict(_TypeTable)
    errors = CodingErrors()
    rows: list[dict] = []
    dict_info = None
    if todo and pipeline is None and (dictionaries is not None or validation):
        pipeline, dict_info = _dictionary_pipeline(path, todo, dictionaries)
    if todo:
        pipe = pipeline if pipeline is not None else _default_pipeline()
        for n, i, result, events in coded_events(pipe, docs, [str(r["id"]) for r in todo], errors):
            rec = todo[i]
            s = score_record(rec, events, kind)
            held = is_heldout(rec["id"])
            tallies["all"].add(s)
            tallies["heldout" if held else "tune"].add(s)
            if by_type:
                for axis, (e, p) in s["sets"].items():
                    tables[axis].add(e, p)
            if details:
                rows.append(_detail_row(rec, events, s, held))
                if _event_dicts(result) is None:
                    rows[-1]["error"] = _error_text(result)
            if progress and (n % 25 == 0 or n == len(todo)):
                print(f"{name}: {n}/{len(todo)} coded, {errors.count} errors", file=sys.stderr, flush=True)

    out: dict[str, Any] = {
        "suite": name, "file": str(path), "kind": kind, "records": len(records), "scored": len(todo),
        "skipped": dict(skipped.most_common()), "errors": errors.count, "error_examples": errors.examples,
        "metrics": tallies["all"].metrics(), "heldout": tallies["heldout"].metrics(),
        "tune": tallies["tune"].metrics(),
        "per_type": {axis: t.per_label() for axis, t in sorted(tables.items())} if by_type else {},
        "confusion": {axis: t.confusion() for axis, t in sorted(tables.items())} if by_type else {},
        "ontology": ontology_source(), "seconds": round(time.perf_counter() - t0, 3),
    }
    if details:
        out["details"] = rows
    if dict_info is not None:
        out["dictionaries"] = dict_info
    return out


def _dictionary_pipeline(path: Path, todo: list[dict], dictionaries) -> tuple[Any, dict]:
    """The dictionary coder for validation mode: ``dictionaries`` (DictionarySet, path or list of paths), or the
    suite's own when None. RETURNS (pipeline-like coder, info dict for the result)."""
    from eventwire.dictionaries import DictionarySet, load_dictionaries  # noqa: PLC0415
    from eventwire.dictionaries.suites import SuiteDictionaryCoder, suite_dictionaries  # noqa: PLC0415

    if isinstance(dictionaries, DictionarySet):
        ds = dictionaries
    elif dictionaries is None:
        ds = suite_dictionaries(path)
    else:
        ds = load_dictionaries(dictionaries)
    configs = {str(r["id"]): (r.get("meta") or {}).get("config_in_force") or {} for r in todo}
    info = {"files": ds.files, "errors": len(ds.errors), "warnings": len(ds.issues) - len(ds.errors)}
    return SuiteDictionaryCoder(ds, configs), info


def _detail_row(rec: dict, events: list[dict], s: dict, held: bool) -> dict:
    row = {"id": rec["id"], "heldout": held, "text": rec["text"][:200],
           "expected": [{k: e.get(k) for k in ("source", "target", "code", "plover_current") if k in e}
                        for e in rec.get("expected") or []],
           "produced": [{"source": (ev.get("source") or {}).get("code"), "target": (ev.get("target") or {}).get("code"),
                         "cameo_code": ev.get("cameo_code"), "plover_type": ev.get("plover_type"),
                         "modality": ev.get("modality")} for ev in events],
           "counts": {k: list(v) for k, v in s["counts"].items()}}
    for k in ("type_ok", "exact"):
        if k in s:
            row[k] = s[k]
    return row


def evaluate_suites(directory: str | Path, *, pipeline=None, limit: int | None = None, by_type: bool = False,
                    progress: bool = False, dictionaries=None, validation: bool = False) -> dict[str, dict]:
    """``evaluate_suite`` on every ``*.jsonl`` in a directory, by suite file stem (sorted). With validation, only
    the suites of kind ``fictional`` (the mechanics suites) are run, each with its own dictionaries."""
    files = sorted(Path(directory).glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no suite files (*.jsonl) in {directory}")
    if validation:
        files = [f for f in files if SUITE_KINDS.get(f.stem) == "fictional"]
    return {f.stem: evaluate_suite(f, pipeline=pipeline, limit=limit, by_type=by_type, progress=progress,
                                   dictionaries=dictionaries, validation=validation)
            for f in files}


# --------------------------------------------------------------------------------------------------
# Articles (score_gold.py rules)
# --------------------------------------------------------------------------------------------------

def fold(s: str | None) -> str:
    """Accent- and case-folded text for quote matching (score_gold.py ``fold``)."""
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("\u2019", "'").strip()


def _gold_country(a: dict | None) -> str | None:
    if not a:
        return None
    return a.get("country") or (a.get("code") or "")[:3] or None


def _gold_sector(a: dict | None) -> str | None:
    if not a:
        return None
    return a.get("sector") or (a.get("code") or "")[3:6] or None


def gold_event_matches(g: dict, e: dict) -> bool:
    """score_gold.py: source country equal, target country one of ``g["target"].split("|")``, PLOVER type in
    ``types`` or CAMEO code's first two digits in ``cameo_roots``, and each given ``*_sector`` (``|``
    alternatives) equal to the actor's sector (its ``sector`` field or code letters 4-6)."""
    targets = (g.get("target") or "").split("|")
    if _gold_country(e.get("source")) != g.get("source") or _gold_country(e.get("target")) not in targets:
        return False
    t_ok = (e.get("plover_type") or "").upper() in g.get("types", [])
    c_ok = (e.get("cameo_code") or "")[:2] in g.get("cameo_roots", [])
    if not (t_ok or c_ok):
        return False
    for side in ("source", "target"):
        want = g.get(side + "_sector")
        if want and _gold_sector(e.get(side)) not in want.split("|"):
            return False
    return True


def _gold_share(got: int, total: int) -> float:
    return got / total if total else 1.0  # score_gold.py: a part the gold leaves empty counts as met


def evaluate_article(gold_path: str | Path | dict, result_dict: dict | Any) -> dict[str, Any]:
    """Score one result against a hand-coded gold file with the rules of ``shared/tools/score_gold.py``.

    gold_path: ``articles/NNN.gold.json`` or ``seed/seed.gold.json`` (or the loaded dict);
    result_dict: ``DocumentResult.to_dict()`` (a DocumentResult is converted).
    Rules: *must*/*optional* gold events are hit when some produced event matches (``gold_event_matches``);
    *forbidden* counts every (produced event, forbidden entry) pair with equal source and target country and
    the event's PLOVER type in the entry's ``types``; a gold *quote* is right when the first produced quote
    whose folded text starts with (or has within its first 80 characters) the gold ``starts`` also contains the
    gold ``contains`` (if any) and its speaker name contains the gold speaker's last name; a gold *figure* is
    right when some produced figure has the same value (money: also currency, default USD) or the same
    min/max range; a gold *place* is right when its geonameid is among the produced places'.
    RETURNS ``{"gold", "doc", "produced_events", "must": {"hit", "total", "missing", "ids"}, "optional":
    {"hit", "total", "ids"}, "forbidden": {"count", "events"}, "quotes"|"figures"|"places": {"ok", "total",
    "ids"}, "scores": {"must", "quotes", "figures", "places": share (1.0 when the gold part is empty),
    "forbidden": count}}``.
    """
    if isinstance(gold_path, dict):
        gold, gname = gold_path, gold_path.get("doc")
    else:
        gold, gname = json.loads(Path(gold_path).read_text(encoding="utf-8")), str(gold_path)
    res = result_dict.to_dict() if hasattr(result_dict, "to_dict") else (result_dict or {})
    events = res.get("events") or []
    g_events = gold.get("events", [])

    must = [g for g in g_events if g.get("must")]
    hit = [g["id"] for g in must if any(gold_event_matches(g, e) for e in events)]
    opt_all = [g for g in g_events if not g.get("must")]
    opt = [g["id"] for g in opt_all if any(gold_event_matches(g, e) for e in events)]
    forb = []
    for e in events:
        for f in gold.get("forbidden_events", []):
            if (_gold_country(e.get("source")) == f["source"] and _gold_country(e.get("target")) == f["target"]
                    and (e.get("plover_type") or "").upper() in f.get("types", [])):
                forb.append({"source": (e.get("source") or {}).get("code"), "target": (e.get("target") or {}).get("code"),
                             "plover_type": e.get("plover_type"), "cameo_code": e.get("cameo_code"),
                             "evidence": (e.get("evidence") or "")[:160], "why": f.get("why")})

    q_ok = []
    for g in gold.get("quotes", []):
        for q in res.get("quotes") or []:
            txt = fold(q.get("text"))
            if txt.startswith(fold(g["starts"])) or fold(g["starts"]) in txt[:80]:
                if "contains" in g and fold(g["contains"]) not in txt:
                    continue
                spk = q.get("speaker")
                spk = spk.get("name") if isinstance(spk, dict) else spk
                if fold(g["speaker"]).split()[-1] in fold(spk or ""):
                    q_ok.append(g["id"])
                break

    f_ok = []
    for g in gold.get("figures", []):
        for f in res.get("figures") or []:
            v = f.get("value")
            lo, hi = f.get("min", v), f.get("max", v)
            if "value" in g and v is not None and abs(float(v) - g["value"]) <= 1e-6 * max(1, g["value"]):
                if g["kind"] != "money" or (f.get("currency") or "").upper() == g.get("currency", "USD"):
                    f_ok.append(g["id"])
                    break
            if ("value_min" in g and lo is not None and hi is not None
                    and float(lo) == g["value_min"] and float(hi) == g["value_max"]):
                f_ok.append(g["id"])
                break

    got_ids = {p.get("geonameid") for p in res.get("places") or []}
    g_places = gold.get("places", [])
    p_ok = [g["text"] for g in g_places if g["geonameid"] in got_ids]

    n_q, n_f, n_p = len(gold.get("quotes", [])), len(gold.get("figures", [])), len(g_places)
    return {
        "gold": gname, "doc": gold.get("doc"), "produced_events": len(events),
        "must": {"hit": len(hit), "total": len(must), "ids": hit,
                 "missing": sorted({g["id"] for g in must} - set(hit), key=_natural)},
        "optional": {"hit": len(opt), "total": len(opt_all), "ids": opt},
        "forbidden": {"count": len(forb), "events": forb},
        "quotes": {"ok": len(q_ok), "total": n_q, "ids": q_ok},
        "figures": {"ok": len(f_ok), "total": n_f, "ids": f_ok},
        "places": {"ok": len(p_ok), "total": n_p, "ids": p_ok,
                   "missing": [g["text"] for g in g_places if g["geonameid"] not in got_ids]},
        "scores": {"must": _gold_share(len(hit), len(must)), "quotes": _gold_share(len(q_ok), n_q),
                   "figures": _gold_share(len(f_ok), n_f), "places": _gold_share(len(p_ok), n_p),
                   "forbidden": len(forb)},
    }


def _natural(s: str) -> list:
    return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", s)]


def _article_input(gold_file: Path, gold: dict) -> tuple[Path, dict]:
    """The input next to a gold file: ``NNN.json`` (fields text/title/published/source/url), else the gold's
    ``doc`` path (relative to the gold's directory or its parent), a plain-text file dated by ``published``."""
    sibling = gold_file.with_name(gold_file.name.replace(".gold.json", ".json"))
    if sibling.exists() and sibling != gold_file:
        return sibling, json.loads(sibling.read_text(encoding="utf-8"))
    doc = gold.get("doc")
    for base in (gold_file.parent, gold_file.parent.parent):
        if doc and (base / doc).is_file():
            p = base / doc
            if p.suffix == ".json":
                return p, json.loads(p.read_text(encoding="utf-8"))
            return p, {"text": p.read_text(encoding="utf-8"), "published": gold.get("published")}
    raise FileNotFoundError(f"{gold_file}: input document not found (tried {sibling.name} and doc={doc!r})")


def _read_gold(path: Path) -> dict:
    """A ``*.gold.json`` file as a dict; ValueError with a one-line reason when it is not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from exc
    except OSError as exc:
        raise ValueError(f"cannot read ({exc.strerror or type(exc).__name__})") from exc
    if not text.strip():
        raise ValueError("empty gold file")
    try:
        gold = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg} at line {exc.lineno} col {exc.colno})") from exc
    if not isinstance(gold, dict):
        raise ValueError(f"not a JSON object (got {type(gold).__name__})")
    return gold


def evaluate_articles(directory: str | Path, pipeline=None) -> dict[str, Any]:
    """Code every article that has a gold file in a directory and score it (``evaluate_article``).

    directory: ``../shared/articles`` (``NNN.json`` + ``NNN.gold.json``) or ``../shared/seed`` (a gold whose
    ``doc`` names a text file); pipeline as in ``evaluate_suite``.
    RETURNS ``{"directory", "articles": n, "errors", "error_examples", "mean": {must, quotes, figures, places:
    mean of the per-article shares}, "pooled": {must, quotes, figures, places: hits / gold items over all
    articles}, "forbidden": total count, "optional_hit", "per_article": {name: evaluate_article(...)},
    "gold_errors": ["<gold file>: <reason>", ...], "seconds"}``. An article that fails to code counts in
    ``errors`` and is scored as an empty result. A gold file that cannot be read (empty, malformed JSON, not
    an object, parts of the wrong shape) is left out of the scores and listed in ``gold_errors``; the other
    articles are scored (the means are None when no article is left).
    """
    t0 = time.perf_counter()
    directory = Path(directory)
    golds = sorted(directory.glob("*.gold.json"))
    if not golds:
        raise FileNotFoundError(f"no gold files (*.gold.json) in {directory}")
    items = []
    gold_errors: list[str] = []
    for g in golds:
        try:
            gold = _read_gold(g)
        except ValueError as exc:
            gold_errors.append(f"{g}: {exc}")
            continue
        try:
            src, art = _article_input(g, gold)
            doc = _make_document(art.get("text") or "", origin=str(src), id=src.name,
                                 published=_parse_date(art.get("published")), title=art.get("title"),
                                 source=art.get("source"), url=art.get("url"))
        except Exception as exc:  # noqa: BLE001
            doc = exc
        items.append((g, gold, doc))

    pipe = pipeline if pipeline is not None else _default_pipeline()
    per: dict[str, dict] = {}
    errors = 0
    examples: list[str] = []
    for i, result in _code_all(pipe, [d for _, _, d in items]):
        g, gold, _ = items[i]
        if _event_dicts(result) is None:
            errors += 1
            examples.append(f"{g.name}: {_error_text(result)}")
            result = {}
        try:
            scored = evaluate_article(gold, result)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:  # the gold's parts have the wrong shape
            gold_errors.append(f"{g}: malformed gold ({type(exc).__name__}: {exc})")
            continue
        scored["gold"] = str(g)
        per[g.name.replace(".gold.json", "")] = scored

    parts = ("must", "quotes", "figures", "places")
    n = len(per)
    mean = {k: (sum(a["scores"][k] for a in per.values()) / n if n else None) for k in parts}
    pooled = {}
    for k in parts:
        key = "hit" if k == "must" else "ok"
        tot = sum(a[k]["total"] for a in per.values())
        pooled[k] = _share(sum(a[k][key] for a in per.values()), tot)
    gold_errors.sort(key=_natural)
    return {
        "directory": str(directory), "articles": n, "errors": errors, "error_examples": examples[:5],
        "gold_errors": gold_errors,
        "mean": mean, "pooled": pooled, "forbidden": sum(a["forbidden"]["count"] for a in per.values()),
        "optional_hit": sum(a["optional"]["hit"] for a in per.values()),
        "optional_total": sum(a["optional"]["total"] for a in per.values()),
        "per_article": per, "seconds": round(time.perf_counter() - t0, 3),
    }


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------

def _pct(x: float | None) -> str:
    return "   n/a" if x is None else f"{100 * x:5.1f}%"


def _prf_line(label: str, m: dict) -> str:
    return (f"  {label:<22} P {_pct(m['precision'])}  R {_pct(m['recall'])}  F1 {_pct(m['f1'])}"
            f"   (tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")


def _metrics_lines(m: dict, kind: str) -> list[str]:
    lines = []
    labels = {"type": "PLOVER type", "event": "event (src,tgt,root)", "plover": "PLOVER type", "root": "CAMEO root"}
    if kind == "plover":
        lines.append(f"  {'type accuracy':<22} {_pct(m['type_accuracy'])}   ({m['records']} records)")
        lines.append(f"  {'source country acc.':<22} {_pct(m['source_accuracy'])}   ({m['source_events']} expected events)")
        lines.append(f"  {'type + source acc.':<22} {_pct(m['type_source_accuracy'])}")
    for k in ("type", "event", "plover", "root"):
        if k in m:
            lines.append(_prf_line(labels[k], m[k]))
    if "exact_record" in m:
        lines.append(f"  {'exact records':<22} {_pct(m['exact_record'])}   ({m['exact_records']}/{m['records']})")
    en = m.get("expect_none")
    if en and en["records"]:
        lines.append(f"  {'expect-none clean':<22} {en['clean']}/{en['records']}   "
                     f"({en['false_positive_events']} events produced on them)")
    lines.append(f"  {'events produced':<22} {m['produced_events']}")
    return lines


def _suite_report(r: dict) -> list[str]:
    skipped = ", ".join(f"{k} {v}" for k, v in r["skipped"].items()) or "none"
    lines = [f"== suite {r['suite']} ({r['kind']})  {r['file']}",
             f"records {r['records']}, scored {r['scored']}, skipped {sum(r['skipped'].values())} ({skipped}), "
             f"errors {r['errors']}, {r['seconds']:.1f}s, CAMEO->PLOVER map: {r['ontology']}"]
    if r.get("dictionaries"):
        d = r["dictionaries"]
        files = ", ".join(Path(f).name for fs in d.get("files", {}).values() for f in fs)
        lines.append(f"dictionary coder: {files} ({d.get('errors', 0)} dictionary errors, "
                     f"{d.get('warnings', 0)} warnings)")
    for ex in r.get("error_examples", []):
        lines.append(f"  error: {ex}")
    if r["scored"]:
        lines.append(f"whole file = tune + held-out ({r['metrics']['records']} records):")
        lines += _metrics_lines(r["metrics"], r["kind"])
        for split, name in (("tune", "tune part"), ("heldout", "held-out quarter, sha1(id) mod 4 == 0")):
            lines.append(f"{name} ({r[split]['records']} records):")
            lines += _metrics_lines(r[split], r["kind"])
    for axis, table in r.get("per_type", {}).items():
        lines.append(f"per {axis}:")
        for label, m in table.items():
            lines.append(_prf_line(label, m))
    for axis, conf in r.get("confusion", {}).items():
        lines.append(f"confusion {axis} (expected -> produced):")
        for t, row in conf.items():
            lines.append(f"  {t:<12} " + ", ".join(f"{p} {n}" for p, n in row.items()))
    return lines


def _article_report(a: dict, name: str | None = None) -> list[str]:
    s = a["scores"]
    head = f"  {name or a['doc']}: " if name else f"== article {a['doc']} ({a['gold']})\n  "
    return [head + f"must {a['must']['hit']}/{a['must']['total']} (missing {', '.join(a['must']['missing']) or '-'}), "
            f"optional {a['optional']['hit']}/{a['optional']['total']}, forbidden {s['forbidden']}, "
            f"quotes {a['quotes']['ok']}/{a['quotes']['total']}, figures {a['figures']['ok']}/{a['figures']['total']}, "
            f"places {a['places']['ok']}/{a['places']['total']}, {a['produced_events']} events"]


def _articles_report(r: dict) -> list[str]:
    m, p = r["mean"], r["pooled"]
    bad_gold = f", unreadable gold files {len(r['gold_errors'])}" if r.get("gold_errors") else ""
    lines = [f"== articles {r['directory']}: {r['articles']} articles, errors {r['errors']}{bad_gold}, "
             f"{r['seconds']:.1f}s",
             "  mean per article:  " + "  ".join(f"{k} {_pct(m[k])}" for k in m),
             "  pooled:            " + "  ".join(f"{k} {_pct(p[k])}" for k in p),
             f"  forbidden events {r['forbidden']}, optional hit {r['optional_hit']}/{r['optional_total']}"]
    for ex in r.get("error_examples", []):
        lines.append(f"  error: {ex}")
    for name, a in r["per_article"].items():
        lines += _article_report(a, name)
    return lines


def format_report(result: dict) -> str:
    """Plain-text report for a result of ``evaluate_suite``, ``evaluate_suites``, ``evaluate_article`` or
    ``evaluate_articles`` (percentages with one decimal; n/a where a denominator is zero)."""
    if "suite" in result and "metrics" in result:
        lines = _suite_report(result)
    elif "per_article" in result:
        lines = _articles_report(result)
    elif "must" in result and "scores" in result:
        lines = _article_report(result)
    elif result and all(isinstance(v, dict) and ("suite" in v or "per_article" in v) for v in result.values()):
        return "\n\n".join(format_report(v) for v in result.values())
    else:
        raise ValueError("format_report: not an evaluate_suite/evaluate_article(s) result")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m eventwire.evaluate PATH... [--limit N] [--by-type] [--json]``: suites (files or a directory
    of ``*.jsonl``) and article directories (containing ``*.gold.json``)."""
    import argparse  # noqa: PLC0415

    ap = argparse.ArgumentParser(prog="python -m eventwire.evaluate", description=main.__doc__)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--by-type", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the result dicts as JSON")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--validation", action="store_true", help="code with the suite's own TABARI/PETRARCH dictionaries")
    ap.add_argument("--dictionaries", help="code with these TABARI/PETRARCH dictionaries (directory, file or cache)")
    args = ap.parse_args(argv)
    dkw = {"dictionaries": args.dictionaries, "validation": args.validation}
    out = {}
    failed = 0
    for p in map(Path, args.paths):
        if p.is_dir() and any(p.glob("*.gold.json")):
            out[str(p)] = evaluate_articles(p)
            for message in out[str(p)]["gold_errors"]:
                print(f"error: {message}", file=sys.stderr)
                failed += 1
        elif p.is_dir():
            for k, v in evaluate_suites(p, limit=args.limit, by_type=args.by_type, progress=not args.quiet,
                                        **dkw).items():
                out[k] = v
        else:
            out[p.stem] = evaluate_suite(p, limit=args.limit, by_type=args.by_type, progress=not args.quiet, **dkw)
    if args.json:
        print(json.dumps(out, indent=1, default=list))
    else:
        print(format_report(out))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
