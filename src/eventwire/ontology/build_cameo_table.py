"""Regenerate ``cameo.tsv`` and ``plover.tsv`` from the shared reference files.

Run once when the reference data changes; the two TSV files are committed and shipped, this
script is not needed at run time::

    python -m eventwire.ontology.build_cameo_table --reference ../shared/reference

Inputs (read only; nothing is copied except facts: codes, short labels, scale values):

- ``cameo/andybega_cameo_eventtypes.csv`` - CAMEO 1.1b3 + ICEWS codes, short names, Goldstein values
  (Goldstein 1992 scale as extended for CAMEO). Codes whose value is missing there (the five
  ICEWS additions 155, 176, 1834, 1951, 1952) inherit the value of their parent code.
- ``plover/CAMEO2PLOVER-2021.txt`` - Schrodt's CAMEO -> PLOVER (type, mode, context) table.
- ``plover/PLOVER_MANUAL.tex`` - the mode tables of each PLOVER event type (draft 0.8, 2021).

Decisions where the 2021 table is silent, stale or inconsistent with the manual are listed in
``OVERRIDES`` below, each with its reason; they are the only hand-made rows.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# Context names of the 2021 table that the current manual spells differently.
CONTEXT_RENAMES = {"democracy": "pro_democracy", "humanitarian": "human_security"}

# code -> (plover_type, plover_mode, context or None to keep the table's, reason)
OVERRIDES: dict[str, tuple[str | None, str | None, str | None, str]] = {
    "016": ("REJECT", None, None, "manual, conversion notes: 'a CAMEO 016: Deny responsibility might be "
            "considered REJECT'; a denied accusation is rejected (documented in docs/evaluation.md)"),
    "163": ("SANCTION", "discontinue", "economic",
            "manual, SANCTION modes: international sanctions are SANCTION 'discontinue' (table says COERCE)"),
    "1712": ("ASSAULT", "destroy", None, "manual ASSAULT mode 'destroy'; 'seize' is not an ASSAULT mode"),
    "175": ("ASSAULT", None, "repression", "table puts the context 'pro_autocracy' in the mode slot"),
    "183": ("ASSAULT", "explosives", None, "covers car and other bombings; 'suicide-attack' is 1831 only"),
    "185": ("ASSAULT", "targeted", None, "'assassinate' is no longer a mode; manual 'targeted' covers attempts"),
    "186": ("ASSAULT", "targeted", None, "'assassinate' is no longer a mode; manual 'targeted'"),
    "195": ("ASSAULT", "aerial", None, "manual has an 'aerial' mode for aircraft (table: heavy-weapons)"),
    "200": ("ASSAULT", "targeted", None, "'massacre' mode is commented out; manual 'targeted' covers mass killings"),
    "202": ("ASSAULT", "targeted", None, "'massacre' mode is commented out; manual 'targeted' covers mass killings"),
    "201": ("ASSAULT", None, None, "'cleansing' mode is commented out in the manual"),
    "203": ("ASSAULT", None, None, "'cleansing' mode is commented out in the manual"),
    "132": ("THREATEN", "restrict", None, "'ban' is not a THREATEN mode; manual 'restrict' covers bans"),
    "1321": ("THREATEN", "restrict", None, "'political' is not a THREATEN mode"),
    "1322": ("THREATEN", "restrict", None, "'ban' is not a THREATEN mode; manual 'restrict' covers bans"),
    "1722": ("COERCE", "restrict", None, "'ban' is not a COERCE mode; manual 'restrict' covers bans"),
    "0842": ("RETREAT", None, None, "'return' mode is commented out in the manual"),
    "0831": ("RETREAT", "resign", None, "manual: RETREAT 'also covers resignations of government officials' "
             "(mode 'resign'); 0831, acceding to demands for a change in leadership, is CAMEO's resignation code "
             "(table: CONCEDE)"),
    "085": ("RETREAT", None, None, "'ease' is no longer a mode (table note 21.09.17)"),
    "0874": ("RETREAT", "withdraw", None, "retreat/surrender is the manual's 'withdraw' (table: disarm)"),
    "105": ("REQUEST", "yield", None, "'Demand that target yields' is the manual's 'yield' (table: change)"),
    "112": ("ACCUSE", "allege", None, "'Accuse' is the manual's 'allege' (table: disapprove)"),
    "116": ("SANCTION", "convict", "legal", "manual SANCTION mode 'convict': found guilty by a court (table: ACCUSE)"),
    "124": ("REJECT", "yield", None, "'Decline to yield' is the manual's 'yield' (table: change)"),
    "1241": ("REJECT", "yield", None, "easing sanctions is 'yield' in the manual (table: change)"),
    "1242": ("REJECT", "yield", None, "easing dissent is 'yield' in the manual (table: change)"),
    # ICEWS additions absent from the 2021 table
    "155": ("MOBILIZE", "weapons", "cyber", "manual: 'weapons' can occur with a cyber context"),
    "176": ("COERCE", "cyber", "cyber", "manual COERCE mode 'cyber'"),
    "1834": ("ASSAULT", "explosives", None, "placed explosive devices are 'explosives'"),
    "1951": ("ASSAULT", "aerial", "military", "precision-guided aerial munitions"),
    "1952": ("ASSAULT", "drone", "military", "remotely piloted aircraft are the manual's 'drone'"),
}

# Short names fixed where the source label is a copy error.
NAME_FIXES = {"1952": "Employ remotely piloted aerial munitions"}

# The most typical CAMEO code for a PLOVER type ("" mode) and for each mode that has one.
# Modes left out fall back to the type's default.
DEFAULTS: dict[tuple[str, str], str] = {
    ("AGREE", ""): "030", ("CONSULT", ""): "040", ("CONSULT", "visit"): "042",
    ("CONSULT", "phone"): "041", ("CONSULT", "third-party"): "044",
    ("SUPPORT", ""): "050", ("CONCEDE", ""): "080", ("COOPERATE", ""): "060", ("AID", ""): "070",
    ("RETREAT", ""): "084", ("RETREAT", "release"): "0841", ("RETREAT", "withdraw"): "0874",
    ("RETREAT", "disarm"): "0873", ("RETREAT", "ceasefire"): "0871", ("RETREAT", "access"): "086",
    ("REQUEST", ""): "100", ("REQUEST", "assist"): "101", ("REQUEST", "change"): "104",
    ("REQUEST", "yield"): "105", ("REQUEST", "meet"): "106",
    ("ACCUSE", ""): "112", ("ACCUSE", "disapprove"): "111", ("ACCUSE", "investigate"): "090",
    ("ACCUSE", "allege"): "112",
    ("REJECT", ""): "120", ("REJECT", "assist"): "121", ("REJECT", "change"): "123",
    ("REJECT", "yield"): "124", ("REJECT", "meet"): "125",
    ("THREATEN", ""): "130", ("THREATEN", "restrict"): "1312", ("THREATEN", "relations"): "1313",
    ("THREATEN", "expel"): "136", ("THREATEN", "territory"): "1382", ("THREATEN", "violence"): "138",
    ("PROTEST", ""): "140", ("PROTEST", "demo"): "141", ("PROTEST", "riot"): "145",
    ("PROTEST", "hunger"): "142", ("PROTEST", "boycott"): "143",
    ("PROTEST", "obstruct"): "144",
    ("SANCTION", ""): "160", ("SANCTION", "withdraw"): "161", ("SANCTION", "discontinue"): "162",
    ("SANCTION", "expel"): "166", ("SANCTION", "convict"): "116",
    ("MOBILIZE", ""): "150", ("MOBILIZE", "troops"): "154", ("MOBILIZE", "police"): "153",
    ("COERCE", ""): "170", ("COERCE", "seize"): "171", ("COERCE", "restrict"): "172",
    ("COERCE", "curfew"): "1723", ("COERCE", "martial-law"): "1724", ("COERCE", "arrest"): "173",
    ("COERCE", "deport"): "174", ("COERCE", "cyber"): "176",
    ("ASSAULT", ""): "190", ("ASSAULT", "abduct"): "181", ("ASSAULT", "beat"): "182",
    ("ASSAULT", "torture"): "1822", ("ASSAULT", "sexual"): "1821", ("ASSAULT", "targeted"): "186",
    ("ASSAULT", "destroy"): "1712", ("ASSAULT", "firearms"): "193", ("ASSAULT", "explosives"): "183",
    ("ASSAULT", "suicide-attack"): "1831", ("ASSAULT", "aerial"): "195", ("ASSAULT", "drone"): "1952",
    ("ASSAULT", "heavy-weapons"): "194", ("ASSAULT", "unconventional"): "204",
}

# Modes with no CAMEO code of their own: the nearest code of the same PLOVER type (its own mode differs).
APPROX_DEFAULTS: dict[tuple[str, str], str] = {
    ("PROTEST", "strike"): "143", ("PROTEST", "vandalize"): "145", ("ASSAULT", "primitive"): "180",
    ("ASSAULT", "crowd-control"): "175", ("COERCE", "censor"): "1721", ("MOBILIZE", "weapons"): "154",
    ("MOBILIZE", "militia"): "154",
}

CAMEO_COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_type", "plover_mode", "plover_context")
PLOVER_COLUMNS = ("plover_type", "plover_mode", "default_cameo")


def quad_for(code: str) -> int:
    """CAMEO QuadClass from the root: 01-05 verbal coop, 06-08 material coop, 09-13 verbal conflict, 14-20 material conflict."""
    root = int(code[:2])
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    raise ValueError(f"CAMEO root out of range 01-20: {code!r}")


def read_codebook(path: Path) -> dict[str, tuple[str, float | None]]:
    out: dict[str, tuple[str, float | None]] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            g = row["goldstein"].strip()
            out[row["code"].strip()] = (row["name"].strip(), None if g in ("", "NA", "NULL") else float(g))
    return out


def read_cameo2plover(path: Path) -> dict[str, tuple[str, str | None, str | None]]:
    """code -> (type, mode, context) from the 2021 table; the first row for a code wins."""
    out: dict[str, tuple[str, str | None, str | None]] = {}
    line_re = re.compile(r"^(\d{2,4}):\s*([^#]*)")
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = line_re.match(raw.strip())
        if not m:
            continue
        code, body = m.group(1), m.group(2)
        parts = [p.strip() for p in body.split(",")]
        ptype = parts[0].upper()
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        context = parts[2] if len(parts) > 2 and parts[2] else None
        if context:
            context = ";".join(CONTEXT_RENAMES.get(c.strip(), c.strip()) for c in context.split(";") if c.strip())
        out.setdefault(code, (ptype, mode, context))
    return out


def read_plover_modes(path: Path) -> dict[str, list[str]]:
    """PLOVER type -> modes from the manual's mode tables (commented-out rows are skipped)."""
    modes: dict[str, list[str]] = {t: [] for t in PLOVER_TYPES}
    lines = path.read_text(encoding="utf-8").splitlines()
    current: str | None = None
    for line in lines:
        s = line.strip()
        cap = re.match(r"\\caption\{(?:\\plcat\{)?([A-Z]+)\}?\s+modes", s)
        if cap:
            current = cap.group(1)
            continue
        if current and s.startswith("\\end{tabular}"):
            current = None
            continue
        if current and not s.startswith("%"):
            row = re.match(r"^([a-z][a-z-]*)\s*&", s)
            if row:
                modes[current].append(row.group(1))
    return modes


def read_plover_contexts(path: Path) -> set[str]:
    """The context names of the manual's context table ("Context codes that can be used with any category")."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("\\section{Context codes"))
    names: set[str] = set()
    for line in lines[start:]:
        s = line.strip()
        if s.startswith("\\end{tabular}"):
            break
        m = re.match(r"^(?:\\hyperref\[[^\]]*\]\{)?([a-z][a-z\\_]*)\}?\s*&", s)
        if m and not s.startswith("%"):
            names.add(m.group(1).replace("\\_", "_"))
    return names


def build(reference: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    book = read_codebook(reference / "cameo" / "andybega_cameo_eventtypes.csv")
    table = read_cameo2plover(reference / "plover" / "CAMEO2PLOVER-2021.txt")
    modes = read_plover_modes(reference / "plover" / "PLOVER_MANUAL.tex")
    contexts = read_plover_contexts(reference / "plover" / "PLOVER_MANUAL.tex")
    for code, (ptype, mode, ctx, _) in OVERRIDES.items():
        old = table.get(code, (None, None, None))
        table[code] = (ptype or "", mode, ctx if ctx is not None else old[2])

    rows: list[dict[str, str]] = []
    for code, (name, goldstein) in book.items():
        parent = code[:-1]
        while goldstein is None and len(parent) >= 2:
            goldstein = book.get(parent, ("", None))[1]
            parent = parent[:-1]
        if goldstein is None:
            raise ValueError(f"no Goldstein value for {code} or its parents")
        root = code[:2]
        if root == "01" and code not in OVERRIDES:
            ptype, mode, context = None, None, None  # PLOVER drops pure statements
        elif root == "02":
            # PLOVER dropped APPEAL as a category, but its REQUEST covers "all requests": code 02x as
            # REQUEST with the mode/context of the parallel DEMAND code 10x (0211 <-> 1011, ...).
            parallel = table.get("10" + code[2:]) if len(code) > 2 else table.get("10")
            ptype, mode, context = "REQUEST", (parallel[1] if parallel else None), (parallel[2] if parallel else None)
        elif code in table:
            ptype, mode, context = table[code]
        else:
            parent_row = table.get(code[:-1]) or table.get(root)
            if parent_row is None:
                raise ValueError(f"no PLOVER mapping for CAMEO {code}")
            ptype, mode, context = parent_row
        if ptype is not None and ptype not in PLOVER_TYPES:
            raise ValueError(f"CAMEO {code}: unknown PLOVER type {ptype!r}")
        for c in (context or "").split(";"):
            if c and c not in contexts:
                raise ValueError(f"CAMEO {code}: context {c!r} is not a PLOVER context")
        if mode is not None and mode not in modes.get(ptype or "", []):
            raise ValueError(f"CAMEO {code}: mode {mode!r} is not a {ptype} mode {modes.get(ptype or '')}")
        rows.append({
            "code": code, "name": NAME_FIXES.get(code, name), "goldstein": f"{goldstein:g}",
            "quad_class": str(quad_for(code)), "plover_type": ptype or "", "plover_mode": mode or "",
            "plover_context": context or "",
        })

    known = {r["code"]: r for r in rows}
    prow: list[dict[str, str]] = []
    for ptype in PLOVER_TYPES:
        for mode in [""] + modes[ptype]:
            default = DEFAULTS.get((ptype, mode), "")
            exact = bool(default)
            default = default or APPROX_DEFAULTS.get((ptype, mode), "")
            if default:
                r = known.get(default)
                if r is None or r["plover_type"] != ptype or (exact and mode and r["plover_mode"] != mode):
                    raise ValueError(f"default CAMEO {default} does not code {ptype}/{mode or '-'}")
            elif not mode:
                raise ValueError(f"no default CAMEO code for {ptype}")
            prow.append({"plover_type": ptype, "plover_mode": mode, "default_cameo": default})
    return rows, prow


def write_tsv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=Path("../shared/reference"),
                    help="folder holding cameo/ and plover/ (default: ../shared/reference)")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: this package)")
    args = ap.parse_args(argv)
    if not (args.reference / "cameo").is_dir():
        print(f"error: {args.reference}/cameo not found; pass --reference PATH", file=sys.stderr)
        return 2
    rows, prow = build(args.reference)
    write_tsv(args.out / "cameo.tsv", CAMEO_COLUMNS, rows)
    write_tsv(args.out / "plover.tsv", PLOVER_COLUMNS, prow)
    print(f"wrote {len(rows)} CAMEO codes and {len(prow)} PLOVER type/mode rows to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
