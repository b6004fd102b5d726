"""Regenerates docs/screenshot-*.png from a demo database (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.screenshots [--lang en]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["COMPTOIR_HOME"] = tempfile.mkdtemp(prefix="comptoir-shots-")
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from desktop.app import build_context
    from desktop.domain.draft import draft_from_shipment
    from desktop.domain.parcel import Parcel
    from desktop.domain.printing import LabelFormat
    from desktop.domain.shipment import Shipment
    from desktop.ui.application import seed_demo, system_transports
    from desktop.ui.i18n import set_language
    from desktop.ui.main_window import MainWindow

    set_language(args.lang)
    ctx = build_context(extra_transports=system_transports(), lang=args.lang)
    seed_demo(ctx)
    sender = ctx.senders.default().address
    services = {"FR": "colissimo-domicile-france", "DE": "colissimo-expert-international",
                "UA": "novapost-parcel"}
    for contact, grams, ref in zip(ctx.address_book.search("", 10), (1250, 830, 2400),
                                   ("CMD-1040", "CMD-1041", "CMD-1042"), strict=False):
        service = services[contact.address.country]
        if contact.address.country == "UA":
            continue  # needs customs and Nova Post options: not for a screenshot
        number = "6A15984040331" if service == "colissimo-domicile-france" else None
        ctx.counter.submit(draft_from_shipment(Shipment(
            sender=sender, recipient=contact.address, service_id=service, parcel=Parcel(grams),
            reference=ref, tracking_number=number, options={"contents_confirmed": True}), None),
            ctx.print_targets(fmt=LabelFormat.PDF))
    window = MainWindow(ctx)
    window.resize(1280, 820)
    window.show()

    def wait(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.lang == "fr" else f"-{args.lang}"
    wait(1.0)
    counter = window.counter
    counter.recipient.use_contact(ctx.address_book.search("Dupont", 1)[0])
    window.scale.scale.set_weight(1250)
    window.scale.scale.set_stable(True)
    wait(0.6)
    counter.parcel_panel.take_weight()
    for name, value in zip(("length_mm", "width_mm", "height_mm"), ("300", "200", "120"), strict=True):
        counter.parcel_panel.dims[name].setText(value)
    counter.services.set_service_id("colissimo-domicile-france")
    counter.form_number.setText("6A15984040348")
    counter.contents_box.setChecked(True)
    counter.reference.setText("CMD-1043")
    wait(0.6)
    window.grab().save(str(out / f"screenshot-counter{suffix}.png"))

    counter.clear_form()
    form = counter.recipient.form.edits
    form["name"].setText("M. Paul Bernard")
    form["street"].setText("145 boulevard de la Republique Prolongee")
    form["city"].setText("MARSEILLE")
    form["country"].setText("FR")
    counter.parcel_panel.weight_edit.setText("1,2kg")
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    window.scale.scale.set_moving()
    wait(0.4)
    counter.parcel_panel.take_weight()
    counter.print_label()
    wait(1.5)
    window.grab().save(str(out / f"screenshot-counter-errors{suffix}.png"))

    customs_screenshots(window, ctx, counter, wait, out, suffix)

    window.show_tab(window.history)
    wait(1.0)
    window.history.table.selectRow(0)
    window.grab().save(str(out / f"screenshot-history{suffix}.png"))
    window.show_tab(window.address_book)
    wait(1.0)
    window.address_book.table.selectRow(0)
    window.grab().save(str(out / f"screenshot-address-book{suffix}.png"))
    dialog = window.open_settings()
    wait(0.3)
    dialog.grab().save(str(out / f"screenshot-settings{suffix}.png"))
    tables = dialog.open_contract_tables()
    wait(0.6)
    tables.grab().save(str(out / f"screenshot-contract-tables{suffix}.png"))
    tables.accept()
    ranges = dialog.open_number_ranges()
    wait(0.6)
    ranges.grab().save(str(out / f"screenshot-number-ranges{suffix}.png"))
    ranges.accept()
    dialog.reject()
    window.shutdown()
    ctx.close()
    print(f"screenshots written to {out}")
    return 0


def customs_screenshots(window, ctx, counter, wait, out: Path, suffix: str) -> None:
    """The counter with the customs editor (US recipient, scanned products, a vague line)
    and the product catalogue tab (issue 4 §2 and §6)."""
    from decimal import Decimal

    from desktop.domain.address import Address
    from desktop.domain.customs import CustomsItem, Product

    ctx.database.products.upsert_many([
        Product("TS-01", "Tee-shirt homme en coton", "Men's cotton T-shirt", "610910", "PT",
                180, Decimal("12.50"), ean="3760000000017"),
        Product("MUG-2", "Mug en céramique décoré", "Decorated ceramic mug", "691200", "FR", 350,
                Decimal("9.90")),
        Product("SC-3", "Écharpe en soie pour femme", "Women's silk scarf", "621410", "IT", 90,
                Decimal("39.00"), ean="3760000000024")])
    window.events.products.emit()  # written behind the views' back: tell them
    counter.clear_form()
    counter.recipient.form.set_address(Address(
        name="Mr John Smith", street="350 Fifth Avenue", postcode="10118", city="NEW YORK",
        country="US", phone="+1 212 555 0100", email="john@example.com"))
    counter.recipient.changed.emit()
    counter.outcome.setText("")  # the refusal of the previous screenshot
    window.scale.scale.set_weight(1450)
    window.scale.scale.set_stable(True)
    wait(0.6)
    counter.parcel_panel.take_weight()
    counter.services.set_service_id("colissimo-expert-international")
    counter.contents_box.setChecked(True)
    counter.reference.setText("CMD-1044")
    editor = counter.customs
    editor.invoice.setText("F-2024-0118")
    for code, quantity in (("3760000000017", 3), ("MUG-2", 1)):
        editor.quantity.setValue(quantity)
        editor.code.setText(code)
        editor.add_code()
        wait(0.5)
    editor.model.append(CustomsItem("clothes", 1, 200, Decimal("15.00"), origin="FR"))
    wait(0.5)
    window.grab().save(str(out / f"screenshot-customs{suffix}.png"))

    window.show_tab(window.products)
    wait(1.0)
    window.products.table.selectRow(1)
    window.grab().save(str(out / f"screenshot-products{suffix}.png"))
    window.show_tab(window.counter)


if __name__ == "__main__":
    sys.exit(main())
