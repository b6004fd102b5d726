"""Fixed shipments for the label golden files, the benchmark and a printer test page.

They never change: the golden ZPL files in tests/golden/labels are rendered from them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.domain.address import Address
from desktop.domain.carriers.catalogue import Service, default_catalogue
from desktop.domain.parcel import Parcel
from desktop.domain.shipment import Shipment
from desktop.domain.tracking import make_s10

_WHEN = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)  # noon UTC: 5 March in every European zone
_SHOP = Address(name="Atelier Lumière", company="Lumière & Fils SARL",
                street="12 rue de la Paix", postcode="75002", city="Paris", country="FR",
                phone="+33 1 42 00 00 00")
HOSTILE = "^XA^FO0,0^FDpwn^FS~JR _5E \\& 😀 Жёлтый\r\nX"


def domestic_private() -> tuple[Shipment, Service]:
    service = default_catalogue().get("colissimo-domicile-france")
    shipment = Shipment(
        sender=_SHOP,
        recipient=Address(name="Mme Claire Dupont", complement="Appartement 12 3e étage",
                          street="8 avenue des Champs-Élysées", postcode="75008", city="Paris",
                          country="FR", phone="06 12 34 56 78"),
        service_id=service.id, parcel=Parcel(480, 300, 200, 100), reference="CMD-1001",
        tracking_number=make_s10("CA", 1, "FR"), created_at=_WHEN)
    return shipment, service


def business_abroad() -> tuple[Shipment, Service]:
    service = default_catalogue().get("colissimo-expert-international")
    shipment = Shipment(
        sender=_SHOP,
        recipient=Address(
            name="Herr Maximilian Schwarzenberger-Hohenstein",
            company="Internationale Handelsgesellschaft für Feinkost und Delikatessen mbH",
            complement="Abteilung Wareneingang und Qualitätskontrolle",
            building="Gewerbepark Nord Gebäude C Tor 4",
            street="Kurfürstendammstraße 123-125 Hinterhaus",
            postcode="10719", city="Berlin-Charlottenburg-Wilmersdorf", country="DE",
            phone="+49 30 1234567"),
        service_id=service.id, parcel=Parcel(12_345, 600, 400, 400),
        reference="PO-2025-000123456789-ABCDEFGHIJKLM",
        tracking_number=make_s10("CE", 12_345_678, "FR"), created_at=_WHEN)
    return shipment, service


def hostile_text() -> tuple[Shipment, Service]:
    """ZPL commands, escape characters, emoji, Cyrillic and CR/LF in every text field."""
    service = default_catalogue().get("novapost-parcel")
    shipment = Shipment(
        sender=Address(name=HOSTILE, company="", complement="~JR~HS " + HOSTILE,
                       street="1 rue ^XZ", postcode="75002", city="Paris", country="FR"),
        recipient=Address(name="Олена ^XA Коваленко", company=HOSTILE,
                          complement="кв. 5 _ \\ ~ ^", building="\r\n^FS~JR",
                          street="вул. Хрещатик 1 ^XZ 😀", postcode="01001",
                          city="Київ~JR_5E", country="UA", phone="+380 44 000 0000"),
        service_id=service.id, parcel=Parcel(2_000), reference="~JR^XZ_\\ 😀 Ж\r\n",
        tracking_number=make_s10("CG", 42, "FR"), created_at=_WHEN)
    return shipment, service


SAMPLES = {
    "domestic-private": domestic_private,
    "business-abroad": business_abroad,
    "hostile-text": hostile_text,
}


def write_samples(folder: str, dpi: int = 300) -> list[str]:
    """Writes each sample as PDF, ZPL 203/300 and a PNG preview of the PDF; returns the paths.

    `python -m desktop.printing.samples /tmp/labels`; docs/label-example.png is the
    domestic-private preview, docs/label-example-abroad.png the business-abroad one.
    """
    from pathlib import Path

    import pypdfium2

    from desktop.domain.label_layout import shipping_label
    from desktop.printing.pdf_label import render_pdf
    from desktop.printing.zpl import render_zpl

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in SAMPLES.items():
        spec = shipping_label(*make())
        pdf = render_pdf(spec)
        files = {f"label-{name}.pdf": pdf, f"label-{name}-203.zpl": render_zpl(spec, 203),
                 f"label-{name}-300.zpl": render_zpl(spec, 300)}
        for file_name, data in files.items():
            (out / file_name).write_bytes(data)
            written.append(str(out / file_name))
        page = pypdfium2.PdfDocument(pdf)[0]
        png = out / f"label-{name}.png"
        page.render(scale=dpi / 72).to_pil().save(png)
        written.append(str(png))
    return written


if __name__ == "__main__":  # pragma: no cover - developer helper
    import sys

    print("\n".join(write_samples(sys.argv[1] if len(sys.argv) > 1 else ".")))
