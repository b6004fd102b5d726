"""Shipments for the carrier-rule tests."""

from __future__ import annotations

from datetime import date

from desktop.domain.address import Address
from desktop.domain.carriers.admission import check_admission
from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.domain.parcel import Parcel
from desktop.domain.shipment import Shipment
from desktop.services.contract_tables import ContractStore

TODAY = date(2024, 6, 4)  # a Tuesday, no holiday around
SENDER = Address(name="Atelier Dupont", street="12 rue de la Paix", postcode="75002",
                 city="Paris", country="FR", phone="+33 1 23 45 67 89", email="a@example.fr")
RECIPIENTS = {
    "FR": Address(name="Marie Martin", street="3 rue Victor Hugo", postcode="69002", city="Lyon",
                  country="FR", phone="+33 6 12 34 56 78", email="m@example.fr"),
    "COR": Address(name="Paul Santoni", street="1 cours Napoléon", postcode="20000",
                   city="Ajaccio", country="FR"),
    "GP": Address(name="Lea Bon", street="1 rue A", postcode="97110", city="Pointe-à-Pitre",
                  country="FR"),
    "NC": Address(name="Jo Kanak", street="1 rue B", postcode="98800", city="Nouméa",
                  country="NC"),
    "DE": Address(name="Hans Muster", street="Hauptstr. 1", postcode="10115", city="Berlin",
                  country="DE", phone="+49 30 1234567", email="h@example.de"),
    "GB": Address(name="John Smith", street="1 High Street", postcode="SW1A 1AA",
                  city="London", country="GB", phone="+44 20 7946 0000", email="j@example.co.uk"),
    "UA": Address(name="Olena Shevchenko", street="vul. Khreshchatyk 1", postcode="01001",
                  city="Kyiv", country="UA", phone="+380 44 123 4567", email="o@example.ua"),
}
NOVAPOST_OPTIONS = {"novapost_variant": "address-address", "payer": "sender",
                    "payment_method": "non_cash", "pieces": 1}

_STORE = None


def contract():
    global _STORE
    if _STORE is None:
        _STORE = ContractStore(override_dir=None)
    return _STORE.contract


def customs(value="50.00"):
    from decimal import Decimal
    return CustomsDeclaration("sale_of_goods", (CustomsItem(
        "two men's cotton shirts", 2, 400, Decimal(value), hs_code="620520", origin="FR"),))


def shipment(service_id, weight_g=1000, dims=(300, 200, 100), to="FR", options=None,
             with_customs=None, **kw) -> Shipment:
    opts = {"contents_confirmed": True}
    if service_id.startswith("novapost"):
        opts.update(NOVAPOST_OPTIONS)
        if with_customs is None:
            with_customs = True
    opts.update(options or {})
    length, w, h = dims if dims else (None, None, None)
    return Shipment(sender=SENDER, recipient=RECIPIENTS[to], service_id=service_id,
                    parcel=Parcel(weight_g, length, w, h), options=opts,
                    customs=customs() if with_customs else None, **kw)


def verdict(s, today=TODAY, **kw):
    return check_admission(s, default_catalogue(), contract(), today=today, **kw)


def hits(v, rule, field=None):
    return [x for x in v.violations if x.rule == rule and (field is None or x.field == field)]
