"""Countries by code or name (French, English), exact first; unknown ones refused;
subdivisions where the post needs them."""

from desktop.domain import countries
from desktop.domain.address import Address, town_line, validate_address


def codes(found):
    return [c.code for c in found]


def test_exact_code_comes_first():
    assert codes(countries.find("US"))[0] == "US"
    assert "AU" not in codes(countries.find("US"))[:1]
    assert codes(countries.find("ch"))[0] == "CH"


def test_names_in_french_and_english():
    assert countries.resolve("Suisse").code == "CH"
    assert countries.resolve("switzerland").code == "CH"
    assert countries.resolve("etats-unis").code == "US"
    assert countries.resolve("United States").code == "US"
    assert countries.resolve("DEU").code == "DE"
    assert codes(countries.find("allem"))[0] == "DE"


def test_unknown_country_is_refused():
    assert countries.resolve("SUIS") is None
    assert not countries.is_known("SUIS")
    assert countries.find("zzzz") == []
    v = validate_address(Address(name="H", street="x", city="Bern", postcode="3000",
                                 country="SUIS"))
    assert [x.rule for x in v if x.field == "country"] == ["unknown_country"]


def test_states_for_us_canada_australia():
    assert countries.find_subdivision("US", "new york").code == "NY"
    assert countries.find_subdivision("CA", "ON").name == "Ontario"
    assert countries.find_subdivision("AU", "New South Wales").code == "NSW"
    assert countries.subdivisions("FR") == ()
    base = dict(name="J", street="1 Main St", city="Toronto", postcode="M5V 2T6", country="CA")
    assert [x.rule for x in validate_address(Address(**base)) if x.field == "state"] == [
        "required"]
    assert [x.rule for x in validate_address(Address(**base, state="XX"))
            if x.field == "state"] == ["unknown_state"]
    assert not [x for x in validate_address(Address(**base, state="ON")) if x.field == "state"]
    assert town_line(Address(**base, state="on")) == "TORONTO ON M5V 2T6"
    assert town_line(Address(name="J", street="1", city="Sydney", postcode="2000",
                             country="AU", state="NSW")) == "SYDNEY NSW 2000"
