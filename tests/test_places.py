"""Toponym recognition + resolution with the real spaCy model and the real gazetteer."""
from __future__ import annotations


import pytest

from eventwire.nlp import load_nlp
from eventwire.places.gazetteer import Gazetteer
from eventwire.places.resolve import PlaceResolver
from eventwire.records import Dateline, Document

from conftest import SHARED


def shared(rel: str) -> str:
    """Text of a shared data file; missing data fails the test (never skips)."""
    path = SHARED / rel
    assert path.exists(), f"shared test data missing: {path}"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def resolver() -> PlaceResolver:
    return PlaceResolver(Gazetteer.open(progress=False))


def run(nlp, resolver, text: str, dateline: Dateline | None = None):
    """Resolve like the pipeline does: the dateline region is blanked before parsing."""
    doc = Document(id="t", text=text, origin="<test>", dateline=dateline)
    parse_text = text if dateline is None else " " * dateline.end + text[dateline.end:]
    return resolver.resolve(nlp(parse_text), doc)


def by_text(places):
    out: dict[str, list] = {}
    for p in places:
        out.setdefault(p.text, []).append(p)
    return out


@pytest.fixture(scope="module")
def seed_places(nlp, resolver):
    text = shared("seed/000_c33082421bb197e9.txt")
    head = text[: text.index("—") + 2]  # the dateline, read from the shared file
    assert head.startswith("WASHINGTON (")
    dl = Dateline(text="WASHINGTON", span=(0, 10), end=len(head), agency=head[len("WASHINGTON ("):head.index(")")])
    return text, run(nlp, resolver, text, dl)


def test_seed_dateline_is_washington_dc(seed_places):
    _, places = seed_places
    first = places[0]
    assert first.span == (0, 10) and first.text == "WASHINGTON"
    assert first.geonameid == 4140963 and first.country == "US"
    assert 0 < first.score <= 1


@pytest.mark.parametrize("name,gid", [
    ("Mexico", 3996063), ("Brazil", 3469034), ("Chile", 3895114), ("Peru", 3932488),
    ("Colombia", 3686110), ("Ciudad Juarez", 4013708), ("El Paso", 5520993), ("Texas", 4736286),
    ("Princeton", 5102922), ("the United States", 6252001), ("US", 6252001), ("America", 6252001),
    ("Washington", 4140963),
])
def test_seed_places(seed_places, name, gid):
    text, places = seed_places
    found = by_text(places)
    key = name if name in found else name.removeprefix("the ").capitalize()
    hits = found.get(name) or found.get(name.removeprefix("the ")) or found.get(key)
    assert hits, f"{name!r} not recognised; got {sorted(found)}"
    for p in hits:
        assert p.geonameid == gid, (name, p)
        assert text[p.span[0]:p.span[1]] == p.text


def test_seed_skips_demonyms(seed_places):
    _, places = seed_places
    texts = {p.text for p in places}
    assert not texts & {"Mexican", "Mexicans", "Colombian", "American", "Latin American"}


@pytest.mark.parametrize("text,name,gid", [
    ("We traveled to China", "China", 1814991),
    ("He lives in the USA.", "USA", 6252001),
    ("It was made in the U.S", "U.S", 6252001),
])
def test_country_short_forms(nlp, resolver, text, name, gid):
    places = by_text(run(nlp, resolver, text))
    assert places[name][0].geonameid == gid


def test_city_state_abbreviations(nlp, resolver):
    text = shared("badinput/brackets_spaces.txt")
    places = by_text(run(nlp, resolver, text))
    assert places["Long Beach"][0].geonameid == 5367929  # Long Beach, California
    assert places["Fresno"][0].geonameid == 5350937  # Fresno, California
    assert all(p.geonameid == 5332921 for p in places["CA"])  # "CA" after a comma is California


def test_org_tagged_city(nlp, resolver):
    places = by_text(run(nlp, resolver, "Wuppertal (remote-option)"))
    assert places["Wuppertal"][0].geonameid == 2805753


def test_list_each_resolved_or_declined(nlp, resolver):
    text = "Japan, Soviet Union, China, Canada, England, France and Germany."
    places = by_text(run(nlp, resolver, text))
    expect = {"Japan": 1861060, "China": 1814991, "Canada": 6251999, "England": 6269131,
              "France": 3017382, "Germany": 2921044}
    for name, gid in expect.items():
        assert places[name][0].geonameid == gid, name
    soviet = places["Soviet Union"][0]
    assert soviet.geonameid is None and "historical" in soviet.reason


def test_x_in_y_and_decline(nlp, resolver):
    places = by_text(run(nlp, resolver, "Fighting broke out near Kawumu in Uganda."))
    assert places["Uganda"][0].geonameid == 226074
    kawumu = places["Kawumu"][0]
    # Kawumu is not in the shipped GeoNames levels: declined, never guessed elsewhere
    assert kawumu.geonameid is None and kawumu.reason == "not in gazetteer"


def test_containment_with_region(nlp, resolver):
    text = "South of Krasnohorivka, Donetsk Oblast, shelling continued."
    places = by_text(run(nlp, resolver, text))
    assert places["Krasnohorivka"][0].geonameid == 704393
    assert places["Donetsk Oblast"][0].geonameid == 709716


def test_all_caps_wire(nlp, resolver):
    text = shared("badinput/all_caps_wire.txt")
    dl = Dateline(text="BOGOTA", span=(0, 6), end=text.index("[TEXT]"))
    places = by_text(run(nlp, resolver, text, dl))
    assert places["BOGOTA"][0].geonameid == 3688689
    assert places["SARAVENA"][0].country == "CO"
    assert "ARMY" not in places and "POLICE" not in places


def test_resolve_spans_uses_context(resolver):
    text = "Officials in Paris, Texas, said the Paris fair will go on."
    spans = [(13, 18), (20, 25), (36, 41)]
    places = resolver.resolve_spans(text, spans)
    assert [p.span for p in places] == spans
    assert places[0].geonameid == places[2].geonameid == 4717560  # Paris, TX (one sense per discourse)
    assert places[1].geonameid == 4736286


def test_ambiguous_without_context_is_declined_or_scored_low(resolver):
    # "Springfield" alone: resolved to some Springfield, never with high confidence
    p = resolver.resolve_spans("Springfield", [(0, 11)])[0]
    assert p.reason is not None or p.score < 0.9


def test_large_features_in_text(nlp, resolver):
    text = "Tankers crossed the Persian Gulf while rockets were fired from the Gaza Strip."
    places = by_text(run(nlp, resolver, text))
    assert places["Persian Gulf"][0].geonameid == 235616
    assert places["Gaza Strip"][0].geonameid == 281132


def test_places_inside_organisation_names(nlp, resolver):
    # "X County" inside an ORG; a state after "University of"; a town before "City Council"
    places = by_text(run(nlp, resolver, "Members of the DeKalb County Commission met in Decatur, Georgia."))
    assert places["DeKalb County"][0].geonameid == 4191014  # DeKalb County, Georgia
    places = by_text(run(nlp, resolver, "The professor teaches at the University of Oklahoma in Norman."))
    assert places["Oklahoma"][0].geonameid == 4544379  # the state, not Oklahoma City (alternate name)
    assert places["Norman"][0].geonameid == 4543762
    places = by_text(run(nlp, resolver, "The Springfield City Council approved the plan on Tuesday."))
    assert "Springfield" in places and "Springfield City" not in places


def test_person_tagged_place_and_real_person(nlp, resolver):
    # spaCy tags the town as PERSON; a surname that is also a place stays a person
    places = by_text(run(nlp, resolver, "Alexandria police arrested two men on Friday."))
    assert places["Alexandria"][0].geonameid is not None
    places = by_text(run(nlp, resolver, "Andrew Jackson won. Jackson said he was pleased."))
    assert "Jackson" not in places


def test_demonyms_only_on_request(nlp):
    text = "Chinese officials met European diplomats in the Middle East."
    gaz = Gazetteer.open(progress=False)
    default = by_text(run(nlp, PlaceResolver(gaz), text))
    assert set(default) == {"Middle East"} and default["Middle East"][0].geonameid == 6269133
    with_demonyms = by_text(run(nlp, PlaceResolver(gaz, demonyms=True), text))
    assert with_demonyms["Chinese"][0].geonameid == 1814991
    assert with_demonyms["European"][0].geonameid == 6255148  # Europe


@pytest.mark.parametrize("text,span,gid", [
    ("European", (0, 8), 6255148),            # continent adjective (data/demonyms.tsv)
    ("Kurdish", (0, 7), 126585),              # Kurdistan
    ("Russian troops", (0, 7), 2017370),      # countryinfo demonym
    ("Colorado State University", (0, 25), 5417618),  # a place inside an organisation's name
    ("US Federal Reserve", (0, 18), 6252001),
    ("the Atlantic coast", (4, 12), 3373405),  # the ocean, not Atlantic, Iowa
])
def test_given_spans_demonyms_and_embedded_names(resolver, text, span, gid):
    assert resolver.resolve_spans(text, [span])[0].geonameid == gid


def test_compass_words_are_not_towns_inside_region_names(resolver):
    text = "Cholera spread across West Africa and into the Democratic Republic of Congo, once called Zaire."
    spans = [(text.index("West Africa"), text.index("West Africa") + 11),
             (text.index("Democratic"), text.index("Democratic") + len("Democratic Republic of Congo")),
             (text.index("Zaire"), text.index("Zaire") + 5)]
    west, drc, zaire = resolver.resolve_spans(text, spans)
    assert west.name != "West"  # not the town of West, Cameroon
    assert (drc.geonameid, zaire.geonameid) == (203312, 203312)


def test_metropolis_named_like_its_state_is_the_city(resolver):
    text = "The mayor of New York flew to Chicago on Monday."
    ny, chicago = resolver.resolve_spans(text, [(13, 21), (30, 37)])
    assert (ny.geonameid, ny.feature_code) == (5128581, "PPL")  # New York City, not the state (5128638)
    assert chicago.geonameid == 4887398


def test_ocean_beats_a_namesake_town_in_the_documents_country(resolver):
    text = "Storms over the Atlantic delayed flights from Boston and Miami, Florida."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Atlantic", "Boston", "Miami", "Florida")]
    atlantic = resolver.resolve_spans(text, spans)[0]
    assert atlantic.geonameid == 3373405 and atlantic.inferred is None


def test_venue_missing_from_the_gazetteer_is_placed_at_the_nearest_town(resolver):
    text = ("Fans filled Quillfeather Arena in Hamilton, Ontario, on Sunday. Later that week the team "
            "trained in Toronto.")
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Quillfeather Arena", "Hamilton", "Ontario", "Toronto")]
    arena, hamilton, _, toronto = resolver.resolve_spans(text, spans)
    assert hamilton.geonameid == 5969782 and toronto.geonameid == 6167865
    assert arena.geonameid == hamilton.geonameid and arena.score == 0.3
    assert arena.inferred == "not in the gazetteer; placed at Hamilton, the nearest town named after it"


def test_facility_head_word_is_not_a_town_inside_a_name(resolver):
    text = "Flights left Dulles International Airport near Washington."
    spans = [(13, 41), (47, 57)]
    airport, washington = resolver.resolve_spans(text, spans)
    assert airport.name != "Airport"  # not Airport, California
    assert airport.inferred is not None and airport.geonameid == washington.geonameid == 4140963


def test_without_any_town_in_the_document_an_unknown_name_stays_declined(resolver):
    text = "Talks at Quillfeather Arena involved Canada."
    arena, canada = resolver.resolve_spans(text, [(9, 27), (37, 43)])
    assert arena.geonameid is None and arena.reason == "not in gazetteer" and canada.geonameid == 6251999


def test_countries_named_inside_organisation_and_currency_names(nlp, resolver):
    places = by_text(run(nlp, resolver, "Officials at Air Zimbabwe said the jets cost 59 billion US dollars."))
    assert places["Zimbabwe"][0].geonameid == 878675
    assert places["US"][0].geonameid == 6252001
    places = by_text(run(nlp, resolver, "The US Trade Representative wrote to us on Monday."))
    assert places["US"][0].geonameid == 6252001 and "us" not in places


def test_small_foreign_namesake_in_a_one_country_story_is_an_outlier(resolver):
    # Delft, Netherlands is the only Delft in the gazetteer; the story is in and around Cape Town
    text = ("Police in Cape Town, Stellenbosch, Paarl and Worcester in South Africa said families from Delft "
            "had been moved to Cape Town.")
    names = ["Cape Town", "Stellenbosch", "Paarl", "Worcester", "South Africa", "Delft"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names] + [(text.rindex("Cape Town"), len(text) - 1)]
    places = resolver.resolve_spans(text, spans)
    delft = places[5]
    assert delft.country == "ZA" and delft.name == "Cape Town"
    assert delft.inferred == ("no gazetteer entry in the document's country; placed at Cape Town, the nearest town "
                              "named after it")


def test_datelines_inside_the_text_are_places(nlp, resolver):
    places = by_text(run(nlp, resolver, "By Ann Lee. BOSTON (Reuters) - A judge fined the firm on Monday."))
    assert places["BOSTON"][0].geonameid == 4930956
    places = by_text(run(nlp, resolver, "SAN ANTONIO The coach praised his team after the game."))
    assert places["SAN ANTONIO"][0].geonameid == 4726206
    # one upper-case word opening a line must be a large city: "POLICE" is also a town in Poland
    assert "POLICE" not in by_text(run(nlp, resolver, "Crime rose.\nPOLICE The officers left at dawn."))


def test_seats_of_government_stand_for_their_city(nlp, resolver):
    places = by_text(run(nlp, resolver, "The senators met at the White House while a Kremlin spokesman spoke."))
    assert places["White House"][0].geonameid == 4140963  # Washington, D.C.
    assert places["Kremlin"][0].geonameid == 524901  # Moscow
    # the town of that name when the text places it
    places = by_text(run(nlp, resolver, "Officials in White House, Tennessee, closed the road."))
    assert places["White House"][0].geonameid == 4667282


def test_leading_city_of_an_institution_and_australian_state_abbreviations(resolver):
    text = "The Seoul Central District Court ruled on Friday."
    [court] = resolver.resolve_spans(text, [(4, 31)])
    assert court.geonameid == 1835848  # Seoul, not Israel's Central District
    text = "Fires burned in Perth and Bunbury, WA, as crews from Sydney flew in."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Perth", "Bunbury", "WA", "Sydney")]
    assert resolver.resolve_spans(text, spans)[2].name == "Western Australia"


def test_a_region_holding_the_towns_a_story_names_is_the_region(resolver):
    text = "Wildfires in Washington forced evacuations near Spokane and Yakima, and smoke reached Seattle."
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("Washington", "Spokane", "Yakima", "Seattle")]
    washington = resolver.resolve_spans(text, spans)[0]
    assert washington.geonameid == 5815135  # the state, not Washington, D.C.


def test_demonym_before_a_geographic_noun_is_its_country(nlp, resolver):
    places = by_text(run(nlp, resolver, "Troops massed along the Peruvian-Bolivian border as talks in Lima stalled."))
    assert places["Peruvian"][0].geonameid == 3932488 and places["Bolivian"][0].geonameid == 3923057
    text = "Ferries to the Norwegian islands were cancelled; the Chilean capital stayed calm."
    places = by_text(run(nlp, resolver, text))
    assert places["Norwegian"][0].country == "NO" and places["Chilean"][0].geonameid == 3895114
    # a demonym before any other noun stays an adjective
    assert not run(nlp, resolver, "Chinese investors bought stakes in Chilean mines last year.")


def test_gazetteer_names_in_a_locative_frame_whatever_the_ner_label(nlp, resolver):
    text = "Traffic backed up between Witham and Kelvedon after a lorry overturned near Chelmsford in Essex."
    places = by_text(run(nlp, resolver, text))  # Witham and Kelvedon are tagged ORG
    assert places["Witham"][0].geonameid == 2633749 and places["Kelvedon"][0].geonameid == 2645841
    text = "Shelling hit Kobani and nearby villages, a monitor in Aleppo said, as fighting spread in eastern Zorbak."
    places = by_text(run(nlp, resolver, text))
    assert places["Aleppo"][0].geonameid == 170063  # tagged NORP
    # after a direction word, a name missing from the gazetteer is placed by context
    assert places["Zorbak"][0].country == "SY" and places["Zorbak"][0].inferred


def test_a_place_recurs_under_another_ner_label(nlp, resolver):
    text = ("Floods cut off Coggeshall in Essex on Monday. Coggeshall is a small town, and residents of "
            "Coggeshall were evacuated.")
    places = by_text(run(nlp, resolver, text))
    assert [p.geonameid for p in places["Coggeshall"]] == [2652640] * 3


def test_city_naming_a_team(nlp, resolver):
    places = by_text(run(nlp, resolver, "Police in Alberta said the Calgary Flames bus was stopped near Red Deer."))
    assert places["Calgary"][0].geonameid == 5913490


def test_facilities_are_placed_at_the_nearest_town_end_to_end(nlp, resolver):
    text = "Fans filled Quillfeather Arena in Hamilton, Ontario, on Sunday, and later queued at Brantwood Hospital."
    places = by_text(run(nlp, resolver, text))
    arena, hospital = places["Quillfeather Arena"][0], places["Brantwood Hospital"][0]
    assert arena.geonameid == hospital.geonameid == 5969782 and arena.inferred and hospital.score == 0.3
    # a person with an initial is no venue; a numbered road runs through many towns
    text = "Ada B. Hall drove on Route 9 to Hamilton, Ontario."
    assert set(by_text(run(nlp, resolver, text))) <= {"Hamilton", "Ontario"}


def test_british_road_numbers_in_a_uk_story_are_placed_by_context(nlp, resolver):
    text = "A lorry and a cyclist collided on the A12 near Colchester, Essex, England, and the A120 was shut."
    places = by_text(run(nlp, resolver, text))
    assert places["A12"][0].geonameid == 2652618 and places["A12"][0].inferred  # at Colchester
    assert places["A120"][0].geonameid == 2649889  # at Essex, named nearest before it
    # not in a story set elsewhere, nor inside a longer token
    assert "A12" not in by_text(run(nlp, resolver, "Troops moved along the A12 near Kharkiv, Ukraine."))


def test_region_abbreviation_tagged_as_a_place_and_a_region_after_a_place(nlp, resolver):
    places = by_text(run(nlp, resolver, "Officials in Fresno, Calif., said the dam held."))
    assert places["Calif."][0].geonameid == 5332921 and places["Fresno"][0].geonameid == 5350937
    # "Hampshire" gets no entity label; after "Thruxton, " it is the county, and holds Thruxton
    places = by_text(run(nlp, resolver, "Crews from York worked at Thruxton, Hampshire, on Monday."))
    assert places["Hampshire"][0].geonameid == 2647554
    assert places["Thruxton"][0].geonameid == 2647554 and places["Thruxton"][0].inferred


def test_compass_words_are_not_places_inside_facility_names(nlp, resolver):
    places = by_text(run(nlp, resolver, "He was taken to the Central Mental Clinic in Dundrum, Dublin."))
    assert "Central" not in places
    assert places["Central Mental Clinic"][0].geonameid == places["Dundrum"][0].geonameid == 2964532


def test_abbreviation_of_a_country_the_story_names(nlp, resolver):
    text = "Many South Africans say land reform is slow. Chiefs in SA still control much of the land near Rustenburg."
    places = by_text(run(nlp, resolver, text))
    assert places["SA"][0].geonameid == 953987


def test_venue_frames_place_names_missing_from_the_gazetteer(nlp, resolver):
    places = by_text(run(nlp, resolver, "Tickets were sold at the Quillfeather gas station in Riverdale, New Jersey."))
    assert places["Quillfeather"][0].geonameid == places["Riverdale"][0].geonameid == 5103313
    text = "Lunch was served at Bramblewick Kitchen in Hamilton, Ontario, before the match."
    places = by_text(run(nlp, resolver, text))
    assert places["Bramblewick Kitchen"][0].geonameid == 5969782 and places["Bramblewick Kitchen"][0].inferred
    # "to X in Y" is no venue frame: a firm is not a place
    text = "Residents walked to Bramblewick Foods in Hamilton, Ontario."
    assert "Bramblewick Foods" not in by_text(run(nlp, resolver, text))


def test_street_with_an_ordinal_name(nlp, resolver):
    places = by_text(run(nlp, resolver, "In Harare the council resolved to rename Ninth Street after Tsvangirai."))
    assert places["Ninth Street"][0].geonameid == 890299 and places["Ninth Street"][0].inferred


def test_team_tagged_as_a_person_names_its_city(nlp, resolver):
    places = by_text(run(nlp, resolver, "The Seattle Seahawks flew to Denver on Friday."))
    assert places["Seattle"][0].geonameid == 5809844


def test_local_dateline_after_a_headline(nlp, resolver):
    text = "Storm damage closes park. HARWICK -- Crews cleared trees on Monday after the storm hit Harwick."
    places = by_text(run(nlp, resolver, text))
    assert places["HARWICK"][0].geonameid == 5192841
    # a word before a dash that the story never uses as a town's name is no dateline
    assert "POLICE" not in by_text(run(nlp, resolver, "Shots fired downtown. POLICE -- Officers searched the block."))


def test_town_before_its_officials_title(nlp, resolver):
    text = "Flooding hit Newark, New Jersey, on Monday, and the Kenilworth First Selectman closed two roads."
    assert by_text(run(nlp, resolver, text))["Kenilworth"][0].geonameid == 5100007


def test_initials_mark_a_person_not_a_recurring_place(nlp, resolver):
    text = "Police in Bell, California, searched the house. Officers later spoke to Tyrone M. Bell at the station."
    places = by_text(run(nlp, resolver, text))
    assert [p.span[0] for p in places["Bell"]] == [text.index("Bell")]


def test_place_before_based_inside_a_person_entity(nlp, resolver):
    # spaCy reads "Tom Hale Leeds" as one person
    places = by_text(run(nlp, resolver, "Written by Tom Hale Leeds-based charity Amberline opened a second office."))
    assert places["Leeds"][0].geonameid == 2644688


def test_unknown_place_name_ending_in_an_is_no_adjective(nlp, resolver):
    text = "He grew up on a farm at Rathmoylan, near Dunshaughlin, before moving to Dublin."
    places = by_text(run(nlp, resolver, text))
    assert places["Rathmoylan"][0].geonameid == places["Dunshaughlin"][0].geonameid == 2964472
    assert places["Rathmoylan"][0].inferred


def test_home_state_after_a_party_letter(nlp, resolver):
    text = "The bill was filed by Rep. Ann Corley (R-Ocilla) and backed by Sen. Tom Reyes, D-N.M., on Tuesday."
    places = by_text(run(nlp, resolver, text))
    assert places["Ocilla"][0].geonameid == 4213812 and places["N.M."][0].geonameid == 5481136


def test_of_after_a_person_or_a_settlement_noun(nlp, resolver):
    text = "Police said Mark Dunn, 34, of Winfield, was treated for minor injuries in Topeka, Kansas."
    assert by_text(run(nlp, resolver, text))["Winfield"][0].geonameid == 4281897
    text = "Shelling hit the villages of Nuli and Avnevi near Tskhinvali, Georgian officials said."
    places = by_text(run(nlp, resolver, text))
    assert places["Nuli"][0].country == "GE"


def test_town_before_a_title_opening_a_sentence(nlp, resolver):
    places = by_text(run(nlp, resolver, "Tillsonburg Mayor Ann Lee met Woodstock officials in Ontario on Monday."))
    assert places["Tillsonburg"][0].geonameid == 6166580


def test_place_found_from_its_frame_recurs_under_a_norp_label(nlp, resolver):
    text = ("Fighting spread across Aleppo in Syria. Rebels said the government wants full control of Aleppo "
            "before winter.")
    places = by_text(run(nlp, resolver, text))  # both "Aleppo" tagged NORP
    assert [p.geonameid for p in places["Aleppo"]] == [170063, 170063]


def test_town_after_of_inside_a_person_entity(nlp, resolver):
    text = "She leaves a sister, Ruth Lane, and a brother, Paul Kerr of Ada, Oklahoma; and a son in Tulsa."
    assert by_text(run(nlp, resolver, text))["Ada"][0].geonameid == 4529096


def test_saints_church_tagged_without_its_head_word(nlp, resolver):
    places = by_text(run(nlp, resolver, "Tourists queued outside St. Basil's Cathedral in Moscow on Sunday."))
    assert places["St. Basil"][0].geonameid == 524901 and places["St. Basil"][0].inferred


def spans_of(text: str, names) -> list[tuple[int, int]]:
    """(start, end) of the first occurrence of each name, in the order given."""
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def test_words_around_a_name_say_which_kind_of_place_it_is(resolver):
    # "state" after the name, or a compass word before it, make "Washington" the state
    text = "Apple growers in Washington state lost half their crop, farmers near Boston said."
    washington, _ = resolver.resolve_spans(text, spans_of(text, ["Washington", "Boston"]))
    assert washington.geonameid == 5815135
    text = "Snow closed roads in central Washington on Tuesday, while Miami stayed warm."
    washington, _ = resolver.resolve_spans(text, spans_of(text, ["Washington", "Miami"]))
    assert washington.geonameid == 5815135
    # "X, D.C." is the city
    text = "Visitors came from Texas and Washington, D.C., to see the show."
    _, washington = resolver.resolve_spans(text, spans_of(text, ["Texas", "Washington"]))
    assert washington.geonameid == 4140963


def test_a_name_in_a_list_of_states_is_a_state(resolver):
    text = "The recall covers stores in Idaho, Montana, Washington and Wyoming, the company said."
    places = resolver.resolve_spans(text, spans_of(text, ["Idaho", "Montana", "Washington", "Wyoming"]))
    assert places[2].geonameid == 5815135 and places[2].feature_code == "ADM1"
    # a plural after the list names the kind of all its members: counties, not the towns
    text = "Crews from Camden and Charlton counties in Georgia repaired the pier."
    camden, charlton, _ = resolver.resolve_spans(text, spans_of(text, ["Camden", "Charlton", "Georgia"]))
    assert (camden.feature_code, camden.country) == ("ADM2", "US")  # a Camden County, not the town of Camden
    assert (charlton.geonameid, charlton.feature_code) == (4187348, "ADM2")  # Charlton County, Georgia


def test_regions_counties_and_short_city_names_added_to_the_gazetteer(resolver):
    text = "Tankers crossed the Gulf while shelling hit Ghouta and Qamishli, and ministers met about Nagorno-Karabakh."
    gulf, ghouta, qamishli, karabakh = resolver.resolve_spans(
        text, spans_of(text, ["Gulf", "Ghouta", "Qamishli", "Nagorno-Karabakh"]))
    assert gulf.geonameid == 235616  # the Persian Gulf, not Gulf Province, Papua New Guinea
    assert (ghouta.country, qamishli.geonameid, karabakh.geonameid) == ("SY", 173377, 409432)
    # English counties that the package data lacks, beside their American namesakes
    text = "The race moved from Berkshire to Northamptonshire and then to Yorkshire, in the UK."
    places = resolver.resolve_spans(text, spans_of(text, ["Berkshire", "Northamptonshire", "Yorkshire", "UK"]))
    assert [p.geonameid for p in places[:3]] == [2655856, 2641429, 11591951]
    assert {p.country for p in places} == {"GB"}


@pytest.mark.parametrize("word,gid", [("Siberian", 2016590), ("Sicilian", 2523119), ("Abkhaz", 6643410)])
def test_regional_demonyms_given_as_toponyms(resolver, word, gid):
    text = f"A {word} farmer sold wheat."
    assert resolver.resolve_spans(text, [(2, 2 + len(word))])[0].geonameid == gid


def test_west_coast_in_an_american_story(resolver):
    text = "Storms hit the West Coast on Friday, closing schools in California and Oregon."
    coast = resolver.resolve_spans(text, spans_of(text, ["West Coast", "California", "Oregon"]))[0]
    assert (coast.geonameid, coast.country) == (9881904, "US")  # not New Zealand's West Coast region


def test_unambiguous_names_set_the_documents_country(resolver):
    # British, Leicestershire, Kent... place the story in the UK: Fife is the Scottish council
    # area, not Fife, Washington, which the English towns' American namesakes would otherwise favour
    text = ("The championship visits Kent, Norfolk, Cheshire and Fife this summer, the British organisers "
            "in Leicestershire said.")
    names = ["Kent", "Norfolk", "Cheshire", "Fife", "British", "Leicestershire"]
    places = resolver.resolve_spans(text, spans_of(text, names))
    assert [p.geonameid for p in places[:4]] == [3333158, 2641455, 7290537, 2649469]
    assert {p.country for p in places} == {"GB"}


def test_a_person_a_school_is_named_after_is_no_place(resolver):
    text = "Pupils of Ronald Wilson Reagan Middle School in Manassas, Virginia, planted trees."
    school, manassas, _ = resolver.resolve_spans(
        text, spans_of(text, ["Ronald Wilson Reagan Middle School", "Manassas", "Virginia"]))
    assert school.name != "Wilson" and school.geonameid == manassas.geonameid  # placed at Manassas
    assert school.inferred is not None


def test_a_village_of_another_state_in_a_one_state_story_is_a_region_outlier(resolver):
    # no Stonewall in Virginia is in the gazetteer; the Texan and Mississippian villages are not meant
    text = "Crews from Manassas, Centreville and Vienna in Virginia cleared storm damage at Stonewall on Sunday."
    names = ["Manassas", "Centreville", "Vienna", "Virginia", "Stonewall"]
    places = resolver.resolve_spans(text, spans_of(text, names))
    assert {p.admin1 for p in places} == {"Virginia"}
    stonewall = places[-1]
    assert stonewall.geonameid == 4791160  # placed at Vienna, Virginia
    assert stonewall.inferred == ("no gazetteer entry in the document's region; placed at Vienna, the nearest "
                                  "town named before it")
    # a town of that name in the story's state is resolved as usual
    text = text.replace("Stonewall", "Culpeper")
    culpeper = resolver.resolve_spans(text, spans_of(text, names[:-1] + ["Culpeper"]))[-1]
    assert culpeper.admin1 == "Virginia" and culpeper.inferred is None


def test_without_a_town_an_unknown_name_is_placed_at_the_nearest_region(resolver):
    text = "Farmers near Quillfeather Ridge in Saskatchewan lost their crops."
    ridge, sask = resolver.resolve_spans(text, spans_of(text, ["Quillfeather Ridge", "Saskatchewan"]))
    assert sask.geonameid == 6141242 and ridge.geonameid == sask.geonameid
    assert ridge.inferred == "not in the gazetteer; placed at Saskatchewan, the nearest region named after it"


def test_a_short_form_listed_as_a_name_is_not_read_as_an_abbreviation(resolver):
    text = "Traffic in L.A. was slow while floods hit Baton Rouge, La., on Monday."
    la, _, louisiana = resolver.resolve_spans(text, [(11, 15)] + spans_of(text, ["Baton Rouge", "La."]))
    assert la.geonameid == 5368361  # Los Angeles, not Louisiana ("La.") nor Laos ("LA")
    assert louisiana.geonameid == 4331987


def test_a_title_after_a_comma_is_no_region_abbreviation(resolver):
    # "Georgia, Mr. ..." does not make Georgia a town the way "Athens, Ga." makes Athens one
    text = "In Georgia, Mr. Lee said, farmers in Athens, Ga., and Macon sold peaches."
    georgia, athens, _, macon = resolver.resolve_spans(text, spans_of(text, ["Georgia", "Athens", "Ga.", "Macon"]))
    assert georgia.geonameid == 4197000 and athens.admin1 == macon.admin1 == "Georgia"


def test_a_surname_of_a_named_person_is_no_place(nlp, resolver):
    # "Ripley" is a town in several states, but here it is the surname of the person named before it
    text = "Former police chief Walter Ripley was charged in Concord, New Hampshire. Ripley, 52, denied the charge."
    places = by_text(run(nlp, resolver, text))
    assert "Ripley" not in places
    assert places["Concord"][0].geonameid == 5084868  # Concord, New Hampshire
    # after a locative preposition the same name is a place again
    text = "Walter Ripley grew up in Ripley, Tennessee, and later moved away."
    places = by_text(run(nlp, resolver, text))
    assert [(p.span, p.geonameid) for p in places["Ripley"]] == [((25, 31), 4653228)]  # Ripley, Tennessee


def test_a_known_name_with_a_geographic_head_tagged_person_is_a_place(nlp, resolver):
    # the parser tags "Sioux Falls" PERSON and it is the subject of a speech verb; the head "Falls"
    # and the gazetteer entry make it the South Dakota city
    places = by_text(run(nlp, resolver, "Sioux Falls said it would close the park."))
    assert places["Sioux Falls"][0].geonameid == 5231851


def test_the_name_of_an_operation_is_no_place(nlp, resolver):
    # "operation Keletigui" names a military campaign; the country in the same sentence is still a place
    text = "The army has pressed on with operation Keletigui in central Mali since December."
    places = by_text(run(nlp, resolver, text))
    assert "Keletigui" not in places
    assert places["Mali"][0].geonameid == 2453866


@pytest.mark.parametrize("text,name,gid", [
    # the tagger reads "Aleppo" after "in" as a nationality (NORP)
    ("Government forces killed eight people in Aleppo.", "Aleppo", 170063),
    ("Fighting raged on the outskirts of Aleppo.", "Aleppo", 170063),
    # untagged after an assault verb and in apposition to a settlement noun
    ("Rebels shelled Aleppo on Monday.", "Aleppo", 170063),
    ("Georgian forces shelled the South Ossetian capital Tskhinvali overnight.", "Tskhinvali", 611403),
    # tagged ORG; the gazetteer knows the city as "Al Qamishli" and "Qamishli" only as an alternate
    ("Turkish artillery fired on Qamishli overnight.", "Qamishli", 173377),
])
def test_a_well_known_place_the_tagger_misses_is_found_from_its_frame(nlp, resolver, text, name, gid):
    places = by_text(run(nlp, resolver, text))
    assert name in places, sorted(places)
    assert [p.geonameid for p in places[name]] == [gid]


def test_a_well_known_place_sets_the_country_of_a_sector_only_actor():
    from eventwire.pipeline import code_text

    result = code_text("Government forces killed eight people in Aleppo.", "2012-05-01")
    sources = [e.source for e in result.events]
    assert sources and all(s.country == "SYR" and s.sector == "MIL" for s in sources)


@pytest.mark.parametrize("text,absent", [
    ("Jordan Peterson spoke at the rally.", "Jordan"),          # a first name that is a country
    ("The Syrian army attacked rebel positions.", "Syrian"),    # a demonym after nothing locative
    ("She moved from Apple to Google last year.", "Google"),    # a joke alternate name of Topeka
    ("Talks resumed in May.", "May"),                           # a month after "in"
])
def test_frame_rule_leaves_people_firms_demonyms_and_months_alone(nlp, resolver, text, absent):
    assert absent not in by_text(run(nlp, resolver, text))


@pytest.mark.parametrize("text,name,gid", [
    ("Suspected militants ambushed a police convoy in Dagestan.", "Dagestan", 567293),
    ("Gunmen killed two officers in neighbouring Ingushetia.", "Ingushetia", 556349),
])
def test_a_region_with_an_inverted_iso_name_is_found_by_its_bare_name(nlp, resolver, text, name, gid):
    # ISO 3166-2 lists "Dagestan, Respublika" and "Ingushetiya, Respublika"
    places = by_text(run(nlp, resolver, text))
    assert [(p.geonameid, p.country) for p in places[name]] == [(gid, "RU")]


def test_admin1_variants_of_inverted_and_russian_names():
    from eventwire.places.gazetteer import _admin1_variants

    assert _admin1_variants("Dagestan, Respublika") == ["Dagestan"]
    assert _admin1_variants("Ingushetiya, Respublika") == ["Ingushetiya", "Ingushetia"]
    assert _admin1_variants("Madrid, Comunidad de") == ["Madrid"]
    assert _admin1_variants("Virgin Islands, U.S.") == []  # no generic word after the comma
    assert _admin1_variants("Texas") == []
