"""The composition root uses the printer profile the settings name: the label is rendered
with it, its format is the label format, and the status is asked in its language."""

from __future__ import annotations

from desktop.domain.draft import draft_from_shipment
from desktop.domain.printer_profile import load_profiles
from desktop.services.shipment_file import load_shipment_file
from tests.fake_printers import FakePrinter
from tests.integration.cli_helpers import EXAMPLES


def test_ship_renders_with_the_profile_and_asks_in_its_language(tmp_path, monkeypatch):
    from desktop.app import build_context
    from desktop.domain.label_layout import shipping_label
    from desktop.printing.render import render_label

    monkeypatch.setenv("COMPTOIR_HOME", str(tmp_path))
    for var in ("COMPTOIR_CONFIG_DIR", "COMPTOIR_DATA_DIR", "COMPTOIR_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    printer = FakePrinter()
    ctx = build_context(lang="fr")
    try:
        ctx.settings.printer_profile = "tsc-te200"
        ctx.settings.printer_url = printer.url()
        profile = load_profiles()["tsc-te200"]
        assert ctx.label_format is profile.label_format
        example = load_shipment_file(EXAMPLES / "delivengo-usa.json")
        # our own label: a range La Poste assigned in writing (the demo carrier's label is a PDF)
        ctx.number_ranges.add_carrier_range(example.service_id, "LD", 1, 1000,
                                            reference="Lettre La Poste 2026-001")
        done = ctx.counter.submit(draft_from_shipment(example, None, contents_confirmed=True),
                                  ctx.print_targets(forms_printer=(tmp_path / "f").as_uri()))
        assert done.label.format is profile.label_format and done.printed
        assert printer.queries and all(q.strip() == b"\x1b!?" for q in printer.queries)
        assert [j for j in printer.jobs if j == done.label.payload]  # the TSPL bytes arrived
        spec = shipping_label(done.shipment, ctx.catalogue.get(done.shipment.service_id), "fr")
        assert done.label.payload == render_label(spec, profile)
    finally:
        ctx.close()
        printer.close()
