"""Regenerates docs/screenshot-dashboard.png from four weeks of made-up parcels (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.screenshot_dashboard
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NUMBERS = {"colissimo": "6A1598{n:07d}", "novapost": "2045{n:010d}", "delivengo": "LD{n:08d}5FR"}


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["COMPTOIR_HOME"] = tempfile.mkdtemp(prefix="comptoir-dashboard-")
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from desktop.app import build_context
    from desktop.domain.shipment import ShipmentStatus
    from desktop.domain.tracking import NumberRange
    from desktop.ui.main_window import MainWindow
    from tests.unit.test_carrier_helpers import shipment

    ctx = build_context(lang="fr")
    rng = random.Random(4)
    now = datetime.now(UTC)
    n = 0
    for back in range(27, -1, -1):
        day = now - timedelta(days=back)
        if day.weekday() == 6:
            continue
        for sid, count in (("colissimo-domicile-france", rng.randint(3, 9)),
                           ("delivengo-profil-tracked", rng.randint(1, 6)),
                           ("novapost-parcel", rng.randint(0, 3))):
            for _ in range(count):
                n += 1
                status = ShipmentStatus.DEPOSITED if back else (
                    ShipmentStatus.DRAFT if n % 7 == 0 else ShipmentStatus.PRINTED)
                ctx.database.shipments.add(shipment(
                    sid, to="GB" if "delivengo" in sid else "FR", created_at=day,
                    updated_at=day, status=status, weight_g=rng.randint(300, 4000),
                    tracking_number=NUMBERS[sid.split("-")[0]].format(n=n)))
    ranges = ctx.database.tracking_ranges
    ranges.ensure(NumberRange("carrier-delivengo-profil-tracked", "LD", 1, 5000))
    ranges.ensure(NumberRange("carrier-colissimo-expert-international", "CE", 1, 80))
    win = MainWindow(ctx, start_scale=False)
    win.resize(1180, 720)
    win.show()
    win.tabs.setCurrentWidget(win.dashboard)
    for _ in range(60):
        app.processEvents()
        win.runner.wait(100)
        time.sleep(0.02)
    win.grab().save(str(ROOT / "docs" / "screenshot-dashboard.png"))
    win.shutdown()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
