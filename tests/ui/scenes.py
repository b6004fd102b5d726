"""The screens a person sees, filled with demo data: shared by the layout-fit test and the
screenshot script. Each scene returns the top-level widget to look at.

    QT_QPA_PLATFORM=offscreen python -m tests.ui.scenes --check [--lang en]
prints, as JSON, what does not fit at 1366×768 and 1920×1080 (run it with
QT_SCALE_FACTOR=2 for 200 % DPI: the test does).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from decimal import Decimal

# Window sizes: the screen less a title bar and a panel.
SIZES = {"1366x768": (1366, 728), "1920x1080": (1920, 1040)}
SCENES = ("counter-fr", "counter-ch", "counter-us", "counter-novapost", "counter-errors",
          "history", "address-book", "products", "work-list", "settings",
          "address-book-duplicates", "address-book-import")


class Scenes:
    def __init__(self, app, lang: str = "fr"):
        from desktop.app import build_context
        from desktop.ui.application import seed_demo, system_transports
        from desktop.ui.i18n import install_qt_translations, set_language
        from desktop.ui.main_window import MainWindow

        self.app = app
        install_qt_translations(app, set_language(lang))
        self.ctx = build_context(extra_transports=system_transports(), lang=lang)
        seed_demo(self.ctx)
        self._history()
        self._catalogue()
        self.window = MainWindow(self.ctx)
        self.window.show()
        self.wait(0.8)
        self.dialog = None

    # -- data -----------------------------------------------------------------------------
    def _history(self) -> None:
        from desktop.domain.draft import draft_from_shipment
        from desktop.domain.parcel import Parcel
        from desktop.domain.printing import LabelFormat
        from desktop.domain.shipment import Shipment
        from desktop.domain.tracking import make_s10

        sender = self.ctx.senders.default().address
        for contact, grams, ref in zip(self.ctx.address_book.search("", 10), (1250, 830),
                                       ("CMD-1040", "CMD-1041"), strict=False):
            if contact.address.country not in ("FR", "DE"):
                continue
            service = ("colissimo-domicile-france" if contact.address.country == "FR"
                       else "colissimo-expert-international")
            # Colissimo numbers come from the pre-paid form the clerk scans [C 5.3]
            number = ("6A15984040331" if contact.address.country == "FR"
                      else make_s10("CP", 12345678, "FR"))
            self.ctx.counter.submit(draft_from_shipment(Shipment(
                sender=sender, recipient=contact.address, service_id=service,
                parcel=Parcel(grams), reference=ref, tracking_number=number,
                options={"contents_confirmed": True}), None),
                self.ctx.print_targets(fmt=LabelFormat.PDF))

    def _catalogue(self) -> None:
        from desktop.domain.customs import Product

        if self.ctx.products.search("", 1):
            return  # the demo seed already filled the catalogue
        for product in ([
            Product("TS-01", "Tee-shirt homme en coton", "Men's cotton T-shirt", "610910", "PT",
                    180, Decimal("12.50"), ean="3760000000017"),
            Product("MUG-2", "Mug en céramique décoré", "Decorated ceramic mug", "691200", "FR",
                    350, Decimal("9.90")),
            Product("SC-3", "Écharpe en soie pour femme", "Women's silk scarf", "621410", "IT",
                    90, Decimal("39.00"), ean="3760000000024")]):
            self.ctx.products.save(product)

    def wait(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def resize(self, size: tuple[int, int]) -> None:
        self.window.resize(*size)
        self.wait(0.2)

    # -- scenes ---------------------------------------------------------------------------
    def show(self, name: str):
        self.close_dialog()
        return getattr(self, name.replace("-", "_"))()

    def close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None
            self.wait(0.1)

    def _counter(self, address, grams: int, service: str, form_number: str = ""):
        w = self.window
        w.show_tab(w.counter)
        counter = w.counter
        counter.new_parcel()
        counter.recipient.form.set_address(address)
        counter.recipient.changed.emit()
        w.scale.scale.set_weight(grams)
        w.scale.scale.set_stable(True)
        self.wait(0.5)
        counter.parcel_panel.take_weight()
        counter.services.set_service_id(service)
        if form_number:
            counter.form_number.setText(form_number)
        counter.contents_box.setChecked(True)
        counter.reference.setText("CMD-1043")
        self.wait(0.8)
        return counter

    def counter_fr(self):
        from desktop.domain.address import Address

        self._counter(Address(name="Mme Claire Dupont", street="8 avenue Jean Jaurès",
                              postcode="75019", city="PARIS", email="claire@example.fr"),
                      1250, "colissimo-domicile-france", "6A15984040348")
        for name, value in zip(("length_mm", "width_mm", "height_mm"), ("300", "200", "120"),
                               strict=True):
            self.window.counter.parcel_panel.dims[name].setText(value)
        self.window.counter.parcel_panel.changed.emit()
        self.wait(0.6)
        return self.window

    def counter_ch(self):
        from desktop.domain.address import Address
        from desktop.domain.customs import CustomsItem

        counter = self._counter(Address(name="Heidi Muster", street="Bahnhofstrasse 12",
                                        postcode="8001", city="ZÜRICH", country="CH",
                                        phone="+41 44 123 45 67"),
                                1450, "colissimo-expert-international")
        editor = counter.customs
        editor.category.setCurrentIndex(editor.category.findData("sale_of_goods"))
        editor.invoice.setText("F-2024-0118")
        for code, quantity in (("3760000000017", 3), ("MUG-2", 1)):
            editor.quantity.setValue(quantity)
            editor.code.setText(code)
            editor.add_code()
            self.wait(0.4)
        editor.model.append(CustomsItem("clothes", 1, 200, Decimal("15.00"), origin="FR"))
        counter.focus_customs()
        self.wait(0.6)
        return self.window

    def counter_us(self):
        from desktop.domain.address import Address

        self._counter(Address(name="Mr John Smith", street="350 Fifth Avenue",
                              postcode="10118", city="NEW YORK", country="US", state="NY",
                              phone="+1 212 555 0100", email="john@example.com"),
                      900, "colissimo-expert-international")
        self.window.counter.left_tabs.setCurrentIndex(0)
        self.wait(0.3)
        return self.window

    def counter_novapost(self):
        """Nova Post to a Kyiv locker: the division picker with the demo carrier's lockers."""
        from desktop.domain.address import Address

        counter = self._counter(Address(name="Olena Kovalenko", street="Khreshchatyk 1",
                                        postcode="01001", city="KYIV", country="UA",
                                        phone="+380 44 123 45 67", email="olena@example.com"),
                                1200, "novapost-parcel")
        options = counter.options_panel.widgets
        for key, value in (("novapost_variant", "address-locker"), ("payer", "sender"),
                           ("payment_method", "non_cash")):
            options[key].setCurrentIndex(options[key].findData(value))
        self.wait(1.0)
        picker = counter.division_picker
        picker.results.setCurrentRow(1)
        picker.choose_current()
        counter.left_tabs.setCurrentIndex(0)
        self.wait(0.4)
        return self.window

    def counter_errors(self):
        """A parcel refused at the counter: messages under the fields and in the summary."""
        window, counter = self.window, self.window.counter
        window.show_tab(counter)
        counter.new_parcel()
        form = counter.recipient.form.edits
        form["name"].setText("M. Paul Bernard")
        form["street"].setText("145 boulevard de la Republique Prolongee")
        form["city"].setText("MARSEILLE")
        form["country"].setText("FR")
        counter.parcel_panel.weight_edit.setText("1,2kg")
        counter.parcel_panel.reason_edit.setText("balance de test absente")
        counter.print_label()
        self.wait(1.5)
        return window

    def _tab(self, view):
        self.window.show_tab(view)
        self.wait(0.8)
        if view.table.model().rowCount():
            view.table.selectRow(0)
        return self.window

    def history(self):
        return self._tab(self.window.history)

    def address_book(self):
        return self._tab(self.window.address_book)

    def products(self):
        return self._tab(self.window.products)

    def work_list(self):
        """Three shop orders waiting at the bench, two of them selected for a series."""
        from pathlib import Path

        from desktop.domain.customs import Product

        for product in (Product("SAV-ANE", "Savon au lait d'ânesse", "Donkey milk soap",
                                "340111", "FR", 100, Decimal("6.50")),
                        Product("BOUG-01", "Bougie parfumée", "Scented candle", "340600", "FR",
                                250, Decimal("18.00"))):
            if self.ctx.products.find_code(product.sku) is None:
                self.ctx.products.save(product)
        view = self.window.worklist
        if not self.ctx.work_list.pending():
            orders = Path(__file__).resolve().parents[1] / "data" / "woocommerce_orders.csv"
            plan = self.ctx.work_list.plan_import_file(
                orders, service_id="colissimo-domicile-france",
                service_abroad="colissimo-expert-international")
            self.ctx.work_list.commit_import(plan)
        self.window.show_tab(view)
        view.refresh()
        self.wait(0.8)
        view.table.selectRow(0)
        self.wait(0.2)
        return self.window

    def settings(self):
        dialog = self.window.open_settings()
        self.dialog = dialog
        self.wait(0.4)
        screen = self.window.size()
        hint = dialog.sizeHint()
        dialog.resize(min(hint.width(), screen.width()), min(hint.height(), screen.height()))
        self.wait(0.2)
        return dialog

    def address_book_duplicates(self):
        """One person entered twice, side by side in "Doublons…"."""
        from desktop.domain.address import Address
        from desktop.domain.shipment import Contact

        book = self.ctx.address_book
        if not book.search("Lefebvre", 1):
            for address in (
                    Address(name="Mme Agnès Lefebvre", street="14 rue de la Roquette",
                            postcode="75011", city="PARIS", phone="06 12 34 56 78"),
                    Address(name="LEFEBVRE Agnes", street="14, r. de la Roquette",
                            complement="Bât. B, 2e étage", postcode="75011", city="PARIS",
                            email="agnes.lefebvre@example.fr")):
                book.save(Contact(address))
        self.window.show_tab(self.window.address_book)
        self.dialog = self.window.address_book.open_duplicates()
        self.wait(1.0)
        return self.dialog

    def address_book_import(self):
        """A ColiShip address book (cp1252) checked before import: one row refused by line
        and column, nothing stored."""
        from pathlib import Path

        path = Path(os.environ.get("COMPTOIR_HOME") or tempfile.gettempdir()) / "clients.csv"
        path.write_bytes((
            "Raison sociale;Nom;Prénom;Adresse 1;Adresse 2;Code postal;Commune;Code pays;"
            "Téléphone portable;E-mail;Référence client\r\n"
            ";Lefèvre;Zoé;3 rue de la Roquette;Bât. C;75011;Paris;FR;06 11 22 33 44;"
            "zoe@example.org;C-104\r\n"
            "Boutique Étoile;Müller;Noël;Hauptstraße 5;;10115;Berlin;DE;;noel@example.org;"
            "C-105\r\n"
            ";Roux;Agnès;8 rue Oberkampf;;7501;Paris;FR;;;C-106\r\n").encode("cp1252"))
        self.window.show_tab(self.window.address_book)
        self.dialog = self.window.address_book.import_file(str(path))
        self.wait(1.2)
        return self.dialog

    def refused_print(self) -> set[str]:
        """Strings of a refused print: the summary, the field messages, the status bar, and
        a message box of a failed task."""
        from desktop.domain.address import Address
        from desktop.domain.customs import CustomsItem
        from tests.ui.french_ui import visible_strings

        counter = self._counter(Address(name="Heidi Muster", street="Bahnhofstrasse 12",
                                        postcode="8001", city="ZÜRICH", country="CH"),
                                1450, "colissimo-expert-international")
        counter.contents_box.setChecked(False)
        counter.customs.model.append(CustomsItem("clothes", 1, 200, Decimal("0"),
                                                 origin="FR"))
        counter.print_label()
        self.wait(1.5)
        found = visible_strings(self.window)
        counter.left_tabs.setCurrentIndex(1)
        self.wait(0.2)
        found |= visible_strings(self.window)
        return found

    def close(self) -> None:
        self.close_dialog()
        self.window.shutdown()
        self.ctx.close()


def check_all(scenes: Scenes) -> dict[str, list[str]]:
    from tests.ui.layout_check import clipped

    found: dict[str, list[str]] = {}
    for size_name, size in SIZES.items():
        scenes.resize(size)
        for name in SCENES:
            widget = scenes.show(name)
            problems = clipped(widget)
            if widget.width() > size[0] or widget.height() > size[1]:
                need = widget.minimumSizeHint()
                problems.append(f"{type(widget).__name__} is {widget.width()}×"
                                f"{widget.height()} (needs at least {need.width()}×"
                                f"{need.height()}), larger than {size[0]}×{size[1]}")
            if problems:
                found[f"{name}@{size_name}"] = problems
    scenes.close_dialog()
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--lang", default="fr")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["COMPTOIR_HOME"] = tempfile.mkdtemp(prefix="comptoir-scenes-")
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    scenes = Scenes(app, args.lang)
    try:
        print(json.dumps(check_all(scenes), ensure_ascii=False, indent=1))
    finally:
        scenes.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
