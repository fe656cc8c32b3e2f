"""Regenerate src/eventwire/actors/data/countries.tsv from packaged country facts.

Sources: countryinfo (names, alternative spellings, demonyms, capitals) and pycountry
(ISO 3166-1 names). Run: python scripts/build_country_table.py. The output is committed;
hand additions go in countries_extra.tsv, which this script never touches.
"""
from __future__ import annotations

import re
from pathlib import Path

import pycountry
from countryinfo import all_countries

from eventwire.actors.dictionary import fold_accents

OUT = Path(__file__).resolve().parents[1] / "src/eventwire/actors/data/countries.tsv"

# Spellings that in English text are ordinary words, personal names or other places far more often than
# the country: "the island nation" is not Iceland ("Island" is Icelandic for it), "Thomas Mann" not the
# Isle of Man, "Dominique de Villepin" not Dominica, "Male voters" not the Maldives' capital, San Jose
# mostly the Californian city; "Prathet" ("country") and "Viti" are fragments.
NOT_COUNTRY_PHRASES = {"Island", "Mann", "Mannin", "Dominique", "Prathet", "Viti", "Male", "San Jose"}


def _clean(name: str) -> str | None:
    # accents folded, as the recogniser folds the text's ("Bogotá" -> "Bogota", "Brasília" -> "Brasilia")
    name = fold_accents(re.sub(r"\s*\(.*?\)", "", name).strip())
    if len(name) < 4 or not re.fullmatch(r"[A-Za-z .'\-]+", name):
        return None
    return name


def main() -> None:
    rows: dict[tuple[str, str], str] = {}
    for c in all_countries():
        try:
            iso = c.iso()
            alpha3 = iso["alpha3"]
            if not alpha3 or len(alpha3) != 3:
                continue
        except Exception:  # entries without ISO codes are territories we skip
            continue
        names = {c.name().title() if c.name().islower() else c.name()}
        names.update(c.alt_spellings() or [])
        pc = pycountry.countries.get(alpha_3=alpha3)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                if getattr(pc, attr, None):
                    names.add(getattr(pc, attr))
        for n in names:
            n = _clean(n)
            if n and n not in NOT_COUNTRY_PHRASES:
                rows[(n, "name")] = alpha3
        dems = c.demonym()
        for dem in dems if isinstance(dems, list) else [dems]:
            if dem and _clean(dem) and _clean(dem) not in NOT_COUNTRY_PHRASES:
                rows[(_clean(dem), "demonym")] = alpha3
        caps = c.capital()
        for cap in caps if isinstance(caps, list) else [caps]:
            if cap and _clean(cap) and _clean(cap) not in NOT_COUNTRY_PHRASES:
                rows[(_clean(cap), "capital")] = alpha3
    lines = ["phrase\tkind\tcountry"] + [f"{p}\t{k}\t{a}" for (p, k), a in sorted(rows.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} rows to {OUT}")


if __name__ == "__main__":
    main()
