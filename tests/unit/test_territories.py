"""Every special territory of docs/sources/customs.md §1, in and out, by country code and postal code."""

import pytest

from desktop.domain.address import Address
from desktop.domain.customs_rules import declaration_need
from desktop.domain.territories import classify, normalise_postcode

PARIS = Address(name="Boutique", street="1 RUE DE RIVOLI", postcode="75001", city="PARIS",
                country="FR")

# (country, postcode) inside the territory → expected id; a neighbour code just outside.
SPECIAL = [
    ("ES", "35001", "ES-CN", "34001"),  # Las Palmas / Palencia
    ("ES", "38001", "ES-CN", "39001"),  # Santa Cruz de Tenerife / Santander
    ("ES", "51001", "ES-CE", "50001"),  # Ceuta / Zaragoza
    ("ES", "52001", "ES-ML", "53001"),  # Melilla / (no 53: out)
    ("FI", "22100", "FI-AX", "23100"),  # Mariehamn / Mynämäki
    ("DE", "27498", "DE-HL", "27499"),  # Heligoland
    ("DE", "78266", "DE-BU", "78267"),  # Büsingen / Aach
    ("IT", "23041", "IT-LV", "23042"),  # Livigno
    ("IT", "23030", "IT-LV", "23031"),  # Livigno as listed in docs/sources/customs.md
    ("IT", "22061", "IT-CI", "22060"),  # Campione d'Italia
    ("GR", "630 86", "GR-AT", "630 87"),  # Mount Athos
    ("GR", "63086", "GR-AT", "63085"),
    ("DK", "3900", "DK-GL", "2900"),  # Nuuk / Hellerup
    ("DK", "100", "DK-FO", "1000"),  # Tórshavn (3 digits) / Copenhagen (4)
    ("IT", "00120", "VA", "00121"),  # Vatican / Rome
    ("IT", "47890", "SM", "47900"),  # San Marino / Rimini
    ("FR", "97133", "FR-BL", None),
    ("FR", "97150", "FR-MF", None),
    ("FR", "97100", "FR-GP", "96100"),
    ("FR", "97200", "FR-MQ", None),
    ("FR", "97300", "FR-GF", None),
    ("FR", "97400", "FR-RE", None),
    ("FR", "97500", "FR-PM", None),
    ("FR", "97600", "FR-YT", None),
    ("FR", "98400", "FR-TF", None),
    ("FR", "98600", "FR-WF", None),
    ("FR", "98700", "FR-PF", None),
    ("FR", "98800", "FR-NC", "20000"),  # Nouméa / Ajaccio (Corsica is inside)
]


@pytest.mark.parametrize("country,inside,territory,outside", SPECIAL)
def test_special_territory_by_postcode(country, inside, territory, outside):
    assert classify(country, inside).id == territory
    need = declaration_need(PARIS, Address(name="X", street="1", postcode=inside, city="T",
                                           country=country), "delivengo-profil-tracked")
    assert need.required and need.territory.id == territory
    if outside:
        neighbour = classify(country, outside)
        assert neighbour.id != territory
        if country in ("ES", "FI", "DE", "IT", "GR", "DK", "FR"):
            assert neighbour.id == country and not neighbour.declaration
            assert not declaration_need(PARIS, Address(name="X", street="1", postcode=outside,
                                                       city="T", country=country),
                                        "delivengo-profil-tracked").required


@pytest.mark.parametrize("code,territory", [
    ("IC", "ES-CN"), ("EA", "ES-CE"), ("AX", "FI-AX"), ("GL", "DK-GL"), ("FO", "DK-FO"),
    ("VA", "VA"), ("SM", "SM"), ("JE", "JE"), ("GG", "GG"), ("IM", "IM"), ("GI", "GI"),
    ("GP", "FR-GP"), ("MQ", "FR-MQ"), ("GF", "FR-GF"), ("RE", "FR-RE"), ("YT", "FR-YT"),
    ("PM", "FR-PM"), ("BL", "FR-BL"), ("MF", "FR-MF"), ("NC", "FR-NC"), ("PF", "FR-PF"),
    ("WF", "FR-WF"), ("TF", "FR-TF"),
])
def test_special_territory_by_own_code(code, territory):
    t = classify(code, "")
    assert t.id == territory and t.declaration


@pytest.mark.parametrize("country,postcode", [("GB", "JE2 3AB"), ("GB", "GY1 1AA"),
                                              ("GB", "IM1 1AA"), ("GB", "GX11 1AA")])
def test_crown_dependencies_from_uk_postcodes(country, postcode):
    assert classify(country, postcode).id == postcode[:2].replace("GX", "GI").replace("GY", "GG")


def test_monaco_is_inside_the_eu_customs_territory():
    for country, postcode in (("MC", "98000"), ("FR", "98000")):
        need = declaration_need(PARIS, Address(name="X", street="1", postcode=postcode,
                                               city="MONACO", country=country),
                                "delivengo-profil-tracked")
        assert not need.required and need.form is None
        assert "Monaco" in need.reason


def test_overseas_zones_for_colissimo():
    assert classify("FR", "97133").zone == "OM1"
    assert classify("RE", "").zone == "OM1"
    assert classify("FR", "98800").zone == "OM2"
    assert classify("TF", "").zone == "OM2"


@pytest.mark.parametrize("country,postcode,required", [
    ("DE", "10115", False), ("BE", "1000", False), ("FR", "20000", False),
    ("FR", "69001", False), ("CH", "1200", True), ("GB", "SW1A 1AA", True),
    ("US", "10001", True), ("NO", "0150", True), ("AD", "AD500", True), ("UA", "01001", True),
])
def test_ordinary_countries(country, postcode, required):
    need = declaration_need(PARIS, Address(name="X", street="1", postcode=postcode, city="T",
                                           country=country), "delivengo-profil-tracked")
    assert need.required is required
    assert need.reason and need.reason_en


def test_between_two_overseas_departments_a_declaration_is_needed():
    sender = Address(name="A", street="1", postcode="97200", city="FORT DE FRANCE", country="FR")
    recipient = Address(name="B", street="1", postcode="97100", city="BASSE TERRE", country="FR")
    assert declaration_need(sender, recipient, "colissimo-domicile-outremer").required
    same = Address(name="B", street="2", postcode="97200", city="FORT DE FRANCE", country="FR")
    assert not declaration_need(sender, same, "colissimo-domicile-outremer").required


def test_from_overseas_to_mainland_a_declaration_is_needed():
    sender = Address(name="A", street="1", postcode="97400", city="ST DENIS", country="FR")
    need = declaration_need(sender, PARIS, "colissimo-domicile-france")
    assert need.required and "France" in need.reason


@pytest.mark.parametrize("raw,expected", [("630 86", "63086"), ("AX-22100", "22100"),
                                          ("D-27498", "27498"), ("je2 3ab", "JE23AB")])
def test_postcode_normalisation(raw, expected):
    assert normalise_postcode(raw) == expected
