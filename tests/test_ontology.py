"""CAMEO/PLOVER ontology tables: values checked against the codebook facts and the shared reference files."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from eventwire import ontology
from eventwire.ontology import (CameoCode, cameo, cameo_codes, cameo_root, default_cameo, plover_modes,
                                plover_types, quad_class)
from eventwire.ontology.build_cameo_table import build

REPO = Path(__file__).resolve().parents[1]
from conftest import SHARED

REFERENCE = SHARED / "reference"

PLOVER_16 = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
             "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def test_make_a_visit():
    c = cameo("042")
    assert isinstance(c, CameoCode)
    assert (c.code, c.name, c.goldstein, c.quad_class) == ("042", "Make a visit", 1.9, 1)
    assert (c.plover_type, c.plover_mode) == ("CONSULT", "visit")
    assert c.root == "04"


def test_threaten_with_military_force():
    c = cameo("138")
    assert (c.name, c.goldstein, c.quad_class) == ("Threaten with military force", -7.0, 3)
    assert (c.plover_type, c.plover_mode) == ("THREATEN", "violence")
    assert "military" in c.plover_context


def test_conventional_military_force():
    c = cameo("190")
    assert (c.goldstein, c.quad_class, c.plover_type) == (-10.0, 4, "ASSAULT")


@pytest.mark.parametrize("code,ptype,mode", [
    ("036", "AGREE", None),          # intent to meet is AGREE (manual: future meetings -> AGREE)
    ("043", "CONSULT", "visit"),
    ("041", "CONSULT", "phone"),
    ("061", "COOPERATE", None),
    ("064", "COOPERATE", None),
    ("071", "AID", None),
    ("0841", "RETREAT", "release"),
    ("083", "CONCEDE", None),
    ("091", "ACCUSE", "investigate"),
    ("111", "ACCUSE", "disapprove"),
    ("112", "ACCUSE", "allege"),
    ("1041", "REQUEST", "change"),
    ("0233", "REQUEST", "assist"),
    ("125", "REJECT", "meet"),
    ("1312", "THREATEN", "restrict"),
    ("141", "PROTEST", "demo"),
    ("145", "PROTEST", "riot"),
    ("154", "MOBILIZE", "troops"),
    ("163", "SANCTION", "discontinue"),
    ("166", "SANCTION", "expel"),
    ("173", "COERCE", "arrest"),
    ("181", "ASSAULT", "abduct"),
    ("186", "ASSAULT", "targeted"),
    ("193", "ASSAULT", "firearms"),
    ("1952", "ASSAULT", "drone"),
    ("2042", "ASSAULT", "unconventional"),
])
def test_plover_mapping(code, ptype, mode):
    c = cameo(code)
    assert (c.plover_type, c.plover_mode) == (ptype, mode)


def test_statements_are_not_plover_events():
    for c in cameo_codes():
        if c.code == "016":
            # the one exception, from the PLOVER manual's conversion notes: a denial is a REJECT
            assert (c.plover_type, c.plover_mode) == ("REJECT", None)
        elif c.root == "01":
            assert c.plover_type is None and c.plover_mode is None, c
        else:
            assert c.plover_type in PLOVER_16, c


def test_quad_class_by_root():
    expected = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
                **{f"{r:02d}": 3 for r in range(9, 14)}, **{f"{r:02d}": 4 for r in range(14, 21)}}
    for c in cameo_codes():
        assert c.quad_class == expected[c.root], c
    assert quad_class("0874") == 2 and quad_class("1384") == 3 and quad_class("204") == 4


def test_goldstein_range_and_values_from_codebook():
    for c in cameo_codes():
        assert -10 <= c.goldstein <= 10
    assert cameo("01").goldstein == 0
    assert cameo("0874").goldstein == 10
    assert cameo("182").goldstein == -9.5
    assert cameo("1834").goldstein == cameo("183").goldstein  # ICEWS addition inherits its parent


def test_modes_belong_to_their_type():
    for c in cameo_codes():
        if c.plover_mode is not None:
            assert c.plover_mode in plover_modes(c.plover_type), c


def test_every_plover_type_has_codes():
    used = {c.plover_type for c in cameo_codes()}
    for t in plover_types():
        assert t in used, t


def test_plover_types_and_modes():
    assert plover_types() == PLOVER_16
    assert plover_modes("CONSULT") == ("visit", "third-party", "multilateral", "phone")
    assert plover_modes("consult") == plover_modes("CONSULT")
    assert plover_modes("AGREE") == ()
    assert "crowd-control" in plover_modes("ASSAULT")
    assert "execute" not in plover_modes("ASSAULT")  # commented out in the manual


def test_default_cameo():
    assert default_cameo("ASSAULT").code == "190"
    assert default_cameo("THREATEN").code == "130"
    assert default_cameo("CONSULT", "visit").code == "042"
    assert default_cameo("COERCE", "arrest").code == "173"
    assert default_cameo("CONSULT", "multilateral").code == "040"  # no CAMEO code: type default
    assert default_cameo("PROTEST", "strike").code == "143"  # near equivalent
    for t in plover_types():
        assert default_cameo(t).plover_type == t
        for m in plover_modes(t):
            assert default_cameo(t, m).plover_type == t


def test_root_and_lookup_errors():
    assert cameo_root("1823") == "18"
    assert cameo(" 042 ").code == "042"
    with pytest.raises(KeyError, match=r"unknown CAMEO event code '999'"):
        cameo("999")
    with pytest.raises(KeyError, match="unknown CAMEO event code"):
        cameo_root("42")
    with pytest.raises(TypeError, match="leading zero"):
        cameo(42)  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="valid types: AGREE, CONSULT"):
        plover_modes("FIGHT")
    with pytest.raises(KeyError, match="valid modes: visit, third-party"):
        default_cameo("CONSULT", "telepathy")


def test_frozen():
    with pytest.raises(AttributeError):
        cameo("042").goldstein = 0  # type: ignore[misc]


def test_tsv_matches_reference_codebook():
    """The committed TSV is what the build script makes from ../shared/reference (no drift)."""
    assert REFERENCE.is_dir(), f"shared reference data missing at {REFERENCE}"
    rows, prow = build(REFERENCE)
    pkg = Path(ontology.__file__).parent
    with (pkg / "cameo.tsv").open(encoding="utf-8") as fh:
        committed = list(csv.DictReader(fh, delimiter="\t"))
    assert committed == rows
    with (pkg / "plover.tsv").open(encoding="utf-8") as fh:
        assert list(csv.DictReader(fh, delimiter="\t")) == prow


def test_goldstein_agrees_with_gdelt_table_except_known_differences():
    """GDELT's lookup differs from the ICEWS values on exactly four codes (documented upstream)."""
    path = REFERENCE / "cameo" / "GDELT_CAMEO.goldsteinscale.txt"
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    diffs = set()
    for line in lines:
        code, value = line.split("\t")
        if cameo(code).goldstein != float(value):
            diffs.add(code)
    assert diffs == {"016", "022", "164", "165"}


def test_every_codebook_code_present():
    text = (REFERENCE / "cameo" / "icews_cameo-codes.csv").read_text(encoding="latin-1")
    codes = set(re.findall(r'^"\d+",\d+,"[^"]*","(\d{2,4})"', text, flags=re.M))
    assert len(codes) > 300
    assert codes <= {c.code for c in cameo_codes()}
