"""Options panel: the chosen service's options, conflicting ones disabled with the reason;
the carrier's prohibited contents shown next to the confirmation box."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import db_rows


def test_options_follow_the_service_and_exclude_each_other(qtbot, shop, window, idle):
    counter = window.counter
    panel = counter.options_panel
    counter.services.set_service_id("colissimo-domicile-france-signature")
    registered = panel.widgets["registered"]
    insurance = panel.widgets["insurance_eur"]
    # Insurance in 500 € steps up to 1 500 € [C 4.3].
    assert [insurance.itemData(i) for i in range(insurance.count())] == [None, "500", "1000",
                                                                         "1500"]
    registered.setCurrentIndex(registered.findData("R2"))
    assert not insurance.isEnabled()  # registration and insurance do not combine [C 4.3]
    reason = insurance.toolTip()
    assert "ne se cumule pas" in reason
    assert panel.options() == {"registered": "R2"}
    registered.setCurrentIndex(0)
    assert insurance.isEnabled()
    insurance.setCurrentIndex(insurance.findData("1000"))
    assert not registered.isEnabled()
    assert counter.options()["insurance_eur"] == "1000"

    # Colissimo without signature offers no registration; Nova Post has its own options.
    counter.services.set_service_id("colissimo-domicile-france")
    assert "registered" not in panel.widgets and "shape" in panel.widgets
    counter.services.set_service_id("novapost-parcel")
    assert {"novapost_variant", "payer", "payment_method", "pieces", "division_id"} \
        <= set(panel.widgets)
    locker = panel.widgets["locker_country"]
    assert not locker.isEnabled()  # needs a locker variant [N 4.9]
    variant = panel.widgets["novapost_variant"]
    variant.setCurrentIndex(variant.findData("address-locker"))
    assert locker.isEnabled()
    assert panel.options()["pieces"] == 1
    idle(window)


def test_option_error_shown_next_to_the_option(qtbot, shop, window, home, idle):
    counter = window.counter
    for name, value in {"name": "Mme Claire Dupont", "street": "8 avenue Jean Jaures",
                        "postcode": "75019", "city": "PARIS", "country": "FR"}.items():
        counter.recipient.form.edits[name].setText(value)
    counter.parcel_panel.weight_edit.setText("500")
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    counter.services.set_service_id("colissimo-domicile-france-signature")
    counter.form_number.setText("6A15984040331")
    counter.contents_box.setChecked(True)
    counter.options_panel.widgets["cod_eur"].setText("2000")  # > 1 500 € [C 4.3]
    with qtbot.waitSignal(counter.refused, timeout=10_000) as refused:
        qtbot.mouseClick(counter.print_button, Qt.MouseButton.LeftButton)
    fields = {v.field for v in refused.args[0]}
    assert "options.cod_eur" in fields
    assert counter.options_panel.errors.has_error("options.cod_eur")
    assert counter.options_panel.errors.label("options.cod_eur").isVisible()
    assert db_rows(home, "SELECT count(*) AS n FROM shipments")[0]["n"] == 0
    idle(window)


def test_prohibited_contents_listed_next_to_the_checkbox(qtbot, shop, window, idle):
    counter = window.counter
    counter.services.set_service_id("novapost-parcel")
    text = counter.prohibited_label.text()
    assert text.startswith("Interdits (Nova Post)")
    service = window.ctx.catalogue.get("novapost-parcel")
    assert all(p.fr in text for p in service.prohibited)
    counter.services.set_service_id("colissimo-domicile-france")
    assert "Colissimo" in counter.prohibited_label.text()
    idle(window)


def test_a_slow_suggestion_for_the_previous_destination_does_not_win(qtbot, shop, window,
                                                                     idle, monkeypatch):
    """Latest request wins: the verdict for Germany, late, never replaces Ukraine's."""
    import threading

    counter = window.counter
    admission = counter.ctx.admission
    real, release = admission.suggest, threading.Event()

    def suggest(shipment, today=None):
        if shipment.recipient.country == "DE":
            release.wait(10)  # the old destination's verdict is slow to come
        return real(shipment, today)

    monkeypatch.setattr(admission, "suggest", suggest)
    for name, value in {"name": "Hans Müller", "street": "Hauptstrasse 5", "postcode": "10115",
                        "city": "Berlin", "country": "DE"}.items():
        counter.recipient.form.edits[name].setText(value)
    counter.parcel_panel.weight_edit.setText("1200")
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    counter.suggest_services()  # Germany: slow
    for name, value in {"name": "Olena Koval", "street": "vul. Khreshchatyk 22",
                        "postcode": "01001", "city": "Kyiv", "country": "UA"}.items():
        counter.recipient.form.edits[name].setText(value)
    with qtbot.waitSignal(counter.runner.task_done, timeout=10_000,
                          check_params_cb=lambda name: name == "service suggestion"):
        counter.suggest_services()  # Ukraine: answers first
    for_ukraine = dict(counter.services.admissible)
    assert for_ukraine.get("novapost-parcel") is True
    with qtbot.waitSignal(counter.runner.superseded, timeout=10_000):
        release.set()
    assert counter.services.admissible == for_ukraine  # Germany's verdict was dropped
    idle(window)
