"""Actor recognition and coding: tables, titles, coreference, on real parses."""
from __future__ import annotations

import pytest

from eventwire.actors import ActorIndex, DictionaryError, load_dictionary
from eventwire.records import Document


def _index(nlp, text: str) -> ActorIndex:
    return ActorIndex(nlp(text), Document(id="t", text=text, origin="test"))


def _code(index: ActorIndex, word: str) -> str | None:
    tok = next(t for t in index.sdoc if t.text == word)
    ref = index.code_token(tok)
    return ref.code if ref else None


def test_seed_people_carry_titles_and_codes(seed_result):
    people = {a.name: a for a in seed_result.actors if a.kind == "person"}
    assert people["Mike Mullen"].code == "USAMIL"
    assert "chairman of the Joint Chiefs of Staff" in people["Mike Mullen"].titles
    assert people["Felipe Calderon"].code == "MEXGOV"
    assert people["John Kirby"].code == "USAMIL"
    assert people["Jeffrey Gordon"].code == "USAMIL"
    assert people["Robert Gates"].country == "USA"
    assert "Ciudad Juarez" not in people  # a place the NER took for a person


def test_seed_groups_take_the_country_named_elsewhere(seed_result):
    cartels = [a for a in seed_result.actors if a.kind == "group" and "cartels" in a.name]
    assert cartels and all(a.code == "MEXCRM" for a in cartels)


def test_country_forms_and_sectors(nlp):
    ix = _index(nlp, "Washington said Mexican police and Colombian rebels met British diplomats in Bogota.")
    assert _code(ix, "Washington") == "USA"
    assert _code(ix, "police") == "MEXCOP"
    assert _code(ix, "rebels") == "COLREB"
    assert _code(ix, "diplomats") == "GBRGOV"


def test_region_words_are_not_countries(nlp):
    ix = _index(nlp, "The minister made a Latin American tour and praised the Colombian example.")
    assert _code(ix, "tour") is None
    assert _code(ix, "example") is None


def test_pronouns_resolve_to_people_and_groups(nlp):
    text = "Defense Minister Ana Ruiz of Peru met the rebels. They attacked a base later, she said."
    ix = _index(nlp, text)
    she = next(t for t in ix.sdoc if t.lower_ == "she")
    assert ix.records[ix.code_token(she).actor_ref].name == "Ana Ruiz"
    they = next(t for t in ix.sdoc if t.text == "They")
    assert ix.code_token(they).sector == "REB"


def test_bad_table_row_names_file_and_line(tmp_path):
    (tmp_path / "organisations.tsv").write_text("phrase\tcode\tkind\nAcme Front\tXX1\torganisation\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"organisations.tsv:2: bad actor code 'XX1'"):
        load_dictionary(tmp_path)


def test_user_tables_extend_the_packaged_ones(tmp_path, nlp):
    (tmp_path / "organisations.tsv").write_text("phrase\tcode\tkind\nAcme Front\tCOLREB\torganisation\n", encoding="utf-8")
    d = load_dictionary(tmp_path)
    assert d.organisations["Acme Front"].code == "COLREB"
    assert d.organisations["Pentagon"].code == "USAMIL"
