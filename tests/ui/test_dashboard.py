"""Dashboard tab (issue 13 Deliver 5): figures from the service, a bar chart drawn with
QPainter, numbers left per range, and the day-end run from the tab."""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtGui import QColor

from desktop.domain.draft import draft_from_shipment
from desktop.domain.parcel import Parcel
from desktop.domain.printing import LabelFormat
from desktop.domain.shipment import Shipment, ShipmentStatus
from desktop.domain.tracking import NumberRange
from desktop.services.counter_operation import PrintTargets
from desktop.ui.events import EventBridge
from desktop.ui.tasks import TaskRunner
from desktop.ui.views.dashboard import COLOURS, DashboardView
from tests.ui.conftest import DUPONT, SHOP

_forms = itertools.count(15984050331)


def ship(ctx, weight):
    shipment = Shipment(sender=SHOP, recipient=DUPONT, service_id="colissimo-domicile-france",
                        parcel=Parcel(weight), tracking_number=f"6A{next(_forms):011d}",
                        options={"contents_confirmed": True})
    draft = draft_from_shipment(shipment, None)
    return ctx.counter.submit(draft, PrintTargets(ctx.printer_url, LabelFormat.PDF)).shipment


def test_dashboard_figures_chart_and_day_end(qtbot, ctx, spool, tmp_path):
    for weight in (1250, 830, 2475):
        ship(ctx, weight)
    ctx.database.tracking_ranges.ensure(NumberRange("carrier-delivengo-profil-tracked", "LD",
                                                    1, 50))
    view = DashboardView(ctx, TaskRunner(), EventBridge())
    qtbot.addWidget(view)
    view.resize(900, 600)
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.refresh()
    d = view.figures
    assert d.today_by_carrier == {"colissimo": 3}
    assert view.today_label.text() == "Aujourd'hui : 3 colis, 4,555 kg"
    assert view.deposit_label.text() == "À déposer : 3"
    assert view.waiting_label.text() == "Étiquettes en attente : 0"
    assert view.ranges.item(0, 0).text() == "Delivengo Profil suivi"
    assert view.ranges.item(0, 2).text() == "50"
    assert view.ranges.item(0, 0).foreground().color() == QColor("#b00020")  # ≤ low-water
    # today's bar is drawn in Colissimo's colour, full height (the peak), other days empty
    image = view.chart.grab().toImage()
    today = view.chart.bar_rect(len(d.days) - 1)
    mid_x = int(today.center().x())
    assert image.pixelColor(mid_x, int(today.bottom()) - 3) == COLOURS["colissimo"]
    assert image.pixelColor(mid_x, int(today.top()) + 3) == COLOURS["colissimo"]
    yesterday = view.chart.bar_rect(len(d.days) - 2)
    assert image.pixelColor(int(yesterday.center().x()), int(yesterday.bottom()) - 3) == \
        QColor("white")
    # the day-end from the tab: slip written, parcels deposited, figures refreshed
    with qtbot.waitSignal(view.day_closed, timeout=20_000) as closed:
        view.close_day(str(tmp_path / "slips"))
    result = closed.args[0]
    assert len(result.deposited) == 3
    [slip] = result.day_end.slips
    assert (tmp_path / "slips" / f"{slip.number}.pdf").is_file()
    assert {s.status for s in result.deposited} == {ShipmentStatus.DEPOSITED}
    assert "3 colis déposés" in view.info.text()
    qtbot.waitUntil(lambda: view.deposit_label.text() == "À déposer : 0", timeout=10_000)
    assert date.today() in d.per_day
