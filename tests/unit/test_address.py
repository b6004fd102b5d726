from dataclasses import replace

import pytest

from desktop.domain.address import (
    MAX_LINE_LENGTH,
    Address,
    format_lines,
    validate_address,
    with_routing_label,
)


def paris() -> Address:
    return Address(name="Mme Marie Dupont", complement="Appt 12, 3e étage",
                   street="12, rue de l'Église", postcode="75016", city="Paris", country="FR",
                   phone="06 12 34 56 78", email="marie@example.fr")


def rules(violations):
    return {(v.field, v.rule) for v in violations}


def test_private_french_address_in_nf_order_with_capitals_and_no_punctuation():
    lines = [text for _, text in format_lines(paris())]
    assert lines == ["Mme Marie Dupont", "Appt 12, 3e étage", "12 RUE DE L EGLISE", "75016 PARIS"]
    assert validate_address(paris()) == []


def test_business_address_puts_company_first_and_contact_second_and_country_last():
    a = Address(company="Müller GmbH", name="Hans Müller", street="Hauptstraße 5",
                postcode="10115", city="Berlin", country="DE")
    assert [t for _, t in format_lines(a)] == [
        "Müller GmbH", "Hans Müller", "HAUPTSTRASSE 5", "10115 BERLIN", "ALLEMAGNE"]


def test_town_first_countries_put_the_postcode_after_the_town():
    a = Address(name="J Smith", street="10 Downing Street", postcode="SW1A 2AA", city="London",
                country="GB")
    assert format_lines(a)[-2] == ("city", "LONDON SW1A 2AA")


@pytest.mark.parametrize("length,ok", [(MAX_LINE_LENGTH - 1, True), (MAX_LINE_LENGTH, True),
                                       (MAX_LINE_LENGTH + 1, False)])
def test_38_character_rule_at_under_and_over_the_limit(length, ok):
    street = "1 RUE " + "A" * (length - 6)
    a = replace(paris(), street=street)
    found = [v for v in validate_address(a) if v.rule == "max_length"]
    assert (not found) == ok
    if not ok:
        assert found[0].field == "street" and found[0].limit == 38 and found[0].actual == 39


def test_full_business_address_fits_six_lines_at_home_and_seven_abroad():
    base = dict(company="ACME", name="Jo Martin", complement="Service achats", building="ZI Nord",
                street="1 rue X", locality="BP 12", postcode="75016", city="Paris")
    home = format_lines(Address(**base, country="FR"))
    assert len(home) == 6 and home[1] == ("name", "Jo Martin Service achats")
    abroad = format_lines(Address(**{**base, "postcode": "1000", "city": "Bruxelles"}, country="BE"))
    assert len(abroad) == 7 and abroad[-1] == ("country", "BELGIQUE")
    too_long = Address(**{**base, "complement": "Service des achats et approvisionnements"})
    assert ("name", "max_length") in rules(validate_address(too_long))


def test_missing_postcode_unknown_country_bad_phone_and_email_are_named():
    found = rules(validate_address(replace(paris(), postcode="")))
    assert ("postcode", "required") in found
    assert ("country", "unknown_country") in rules(validate_address(replace(paris(), country="XX")))
    assert ("phone", "phone_format") in rules(validate_address(replace(paris(), phone="abc")))
    assert ("email", "email_format") in rules(validate_address(replace(paris(), email="a@b")))


def test_french_postcode_must_exist_and_match_its_town():
    assert ("postcode", "postcode_unknown") in rules(validate_address(replace(paris(), postcode="75099")))
    assert ("postcode", "postcode_format") in rules(validate_address(replace(paris(), postcode="7501")))
    mismatch = [v for v in validate_address(replace(paris(), city="Lyon")) if v.rule == "town_mismatch"]
    assert mismatch and "PARIS" in mismatch[0].limit


def test_commune_name_becomes_the_routing_label_and_cedex_is_kept():
    a = replace(paris(), postcode="10160", city="Aix-Villemaur-Pâlis")
    assert with_routing_label(a).city == "AIX-VILLEMAUR-PALIS"
    assert format_lines(a)[-1] == ("city", "10160 AIX VILLEMAUR PALIS")
    cedex = replace(paris(), postcode="75700", city="Paris Cedex 07")
    assert validate_address(cedex) == []
    assert format_lines(cedex)[-1] == ("city", "75700 PARIS CEDEX 07")


def test_overseas_collectivity_codes_are_checked_on_format_only():
    noumea = Address(name="A B", street="1 rue de Sebastopol", postcode="98800", city="Nouméa",
                     country="NC")
    assert validate_address(noumea) == []


def test_countries_without_postcodes_need_none():
    a = Address(name="A B", street="Sheikh Zayed Road", city="Dubai", country="AE")
    assert validate_address(a) == []


def test_messages_name_field_rule_and_limit_in_french_and_english():
    v = next(v for v in validate_address(replace(paris(), street="1 RUE " + "A" * 40))
             if v.rule == "max_length")
    assert v.describe("fr") == "N° et voie : 46 caractères, 38 au maximum [NF Z10-011]"
    assert v.describe("en") == "Number and street: 46 characters, at most 38 [NF Z10-011]"
