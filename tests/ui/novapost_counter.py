"""A Nova Post parcel to Kyiv at the counter, against a fake Nova Post on 127.0.0.1 (the
division picker and the automatic outbox tests share it)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from desktop.domain.customs import CustomsItem
from tests.carrier_servers import NovaPostServer

KYIV = {"name": "Olena Kovalenko", "street": "Khreshchatyk 1", "postcode": "01001",
        "city": "KYIV", "country": "UA", "phone": "+380 44 123 45 67",
        "email": "olena@example.com"}


@pytest.fixture
def shop(ctx):
    from dataclasses import replace

    from desktop.domain.shipment import SenderProfile
    from tests.ui.conftest import SHOP

    profile, _ = ctx.senders.save(SenderProfile(
        "Boutique", replace(SHOP, email="atelier@example.fr"), is_default=True))
    return profile


@pytest.fixture
def server():
    s = NovaPostServer()
    yield s
    s.close()


@pytest.fixture
def home(home, server, monkeypatch):
    monkeypatch.setenv("COMPTOIR_NOVAPOST_API_URL", server.url)
    monkeypatch.setenv("COMPTOIR_NOVAPOST_API_KEY", server.api_key)
    settings = home / "config" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"extra": {"carriers": {"novapost": {"timeout_s": 1.0}}}}),
                        encoding="utf-8")
    return home


def fill(counter, variant: str) -> None:
    for name, value in KYIV.items():
        counter.recipient.form.edits[name].setText(value)
    counter.recipient.changed.emit()
    counter.parcel_panel.weight_edit.setText("1200")
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    for name, value in (("length_mm", "300"), ("width_mm", "200"), ("height_mm", "100")):
        counter.parcel_panel.dims[name].setText(value)
    counter.parcel_panel.changed.emit()
    counter.services.set_service_id("novapost-parcel")
    combo = counter.options_panel.widgets["novapost_variant"]
    combo.setCurrentIndex(combo.findData(variant))
    for key, value in (("payer", "sender"), ("payment_method", "non_cash")):
        combo = counter.options_panel.widgets[key]
        combo.setCurrentIndex(combo.findData(value))
    counter.contents_box.setChecked(True)
    editor = counter.customs
    editor.category.setCurrentIndex(editor.category.findData("gift"))
    editor.model.append(CustomsItem("Livres", 2, 900, Decimal("30.00"), hs_code="490199",
                                    origin="FR"))
