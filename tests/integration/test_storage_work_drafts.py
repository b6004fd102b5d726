"""Work-list drafts and the weighing audit in storage, on SQLite and PostgreSQL."""
# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

import pytest

from desktop.domain.errors import ValidationFailed
from desktop.domain.weighing import WeightSource
from desktop.domain.work_list import WorkDraft
from tests.integration.helpers_storage import (  # noqa: F401
    clock,
    db,
    db_url,
    engine_name,
    shipment,
)

DOC = {"recipient": {"name": "Hélène Lefèvre", "company": "Épicerie Ça & Là",
                     "complement": "Bâtiment B", "street": "12 rue de l'Église",
                     "postcode": "69003", "city": "Lyon", "country": "FR"},
       "service": "colissimo-domicile-france", "parcel": {}, "reference": "1042"}


def test_drafts_round_trip_and_done_only_once_inside_the_shipments_transaction(db):
    first, second = db.work_drafts.add_all([WorkDraft("1042", DOC, "woocommerce"),
                                            WorkDraft("1043", {**DOC, "reference": "1043"})])
    assert db.work_drafts.get(first.id).document == DOC  # accents and all, nothing lost
    source = WeightSource("scale", scale_id="usb-1", raw_frame="ST,GS,+001.250kg\\r\\n")
    with db.transaction():
        saved = db.shipments.add(shipment(reference="1042", weighing=source))
        db.work_drafts.mark_done(first.id, saved.id)
    assert db.shipments.get(saved.id).weighing == source
    assert [d.reference for d in db.work_drafts.listed()] == ["1043"]
    with pytest.raises(ValidationFailed):  # a second submit of the same draft rolls back
        with db.transaction():
            db.shipments.add(shipment(reference="1042-bis"))
            db.work_drafts.mark_done(first.id, saved.id)
    assert [s.reference for s in db.shipments.search(_all())] == ["1042"]
    assert db.work_drafts.get(second.id).status == "pending"


def _all():
    from desktop.domain.ports import HistoryQuery

    return HistoryQuery(limit=10)
