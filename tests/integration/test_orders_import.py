"""Shop orders → work-list drafts (issue 13 §1) and the batch at the bench (§2, issue 11 §5)."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain.address import Address
from desktop.domain.customs import Product
from desktop.domain.errors import ValidationFailed
from desktop.domain.printing import LabelFormat
from desktop.domain.shipment import SenderProfile
from desktop.domain.weighing import WeightSource
from desktop.services.counter_operation import PrintTargets
from desktop.services.work_list import AtTheBench
from tests.integration.cli_helpers import run_in_process

DATA = Path(__file__).resolve().parents[1] / "data"
WOO = DATA / "woocommerce_orders.csv"
DOMESTIC, ABROAD = "colissimo-domicile-france", "colissimo-expert-international"
SHOP = Address(company="Atelier Comptoir", name="M. Jean Martin", street="12 rue des Lilas",
               postcode="69003", city="LYON", phone="04 72 00 00 00")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPTOIR_HOME", str(tmp_path))
    for var in ("COMPTOIR_CONFIG_DIR", "COMPTOIR_DATA_DIR", "COMPTOIR_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


@pytest.fixture
def ctx(home):
    from desktop.app import build_context

    context = build_context(lang="fr")
    context.products.save(Product("SAV-ANE", "Savon au lait d'ânesse", "Donkey milk soap",
                                  "340111", "FR", 100, Decimal("6.50")))
    context.products.save(Product("BOUG-01", "Bougie parfumée", "Scented candle", "340600",
                                  "FR", 250, Decimal("18.00")))
    context.senders.save(SenderProfile("Boutique", SHOP, is_default=True))
    yield context
    context.close()


def _plan(ctx, data: bytes):
    return ctx.work_list.plan_import(data, service_id=DOMESTIC, service_abroad=ABROAD)


def test_woocommerce_orders_become_drafts_with_accents_company_and_second_line(ctx):
    plan = _plan(ctx, WOO.read_bytes())
    assert plan.ok, plan.problems
    assert plan.preset == "woocommerce" and plan.rows == 4
    stored, _ = ctx.work_list.commit_import(plan)
    assert [d.reference for d in stored] == ["1042", "1043", "1044"]
    first = ctx.work_list.draft(ctx.work_list.find("#1042"))
    r = first.recipient
    assert (r.name, r.company, r.street, r.complement, r.postcode, r.city) == (
        "Hélène Lefèvre", "Épicerie Fine Ça & Là", "12 rue de l'Église",
        "Bâtiment B - 2e étage", "69003", "Lyon")
    assert first.reference == "1042" and first.service_id == DOMESTIC
    assert first.sender is not None and first.sender.label == "Boutique"
    items = {i.sku: i for i in first.customs.items}
    assert (items["SAV-ANE"].quantity, items["SAV-ANE"].net_weight_g,
            items["SAV-ANE"].value) == (2, 200, Decimal("13.00"))
    assert items["BOUG-01"].hs_code == "340600" and items["BOUG-01"].quantity == 1
    second = ctx.work_list.draft(ctx.work_list.find("1044"))
    assert second.recipient.country == "DE" and second.service_id == ABROAD
    assert second.recipient.street == "Hauptstraße 5"
    assert [(i.sku, i.quantity) for i in second.customs.items] == [("SAV-ANE", 3)]


def test_the_same_file_saved_by_excel_in_cp1252_reads_the_same(ctx):
    text = WOO.read_text(encoding="utf-8")
    plan = _plan(ctx, text.replace(",", ";").encode("cp1252"))
    assert plan.ok, plan.problems
    assert plan.orders[0].recipient.company == "Épicerie Fine Ça & Là"


def test_a_broken_row_is_reported_with_its_line_and_nothing_is_imported(ctx, home, capsys):
    lines = WOO.read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].replace(",SAV-ANE,3", ",SAV-ANE,trois")  # line 5 of the file
    broken = home / "broken.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = _plan(ctx, broken.read_bytes())
    assert [(v.field, v.rule, v.actual) for v in plan.problems] == [
        ("line 5 · item_quantity", "not_a_number", "trois")]
    with pytest.raises(ValidationFailed):
        ctx.work_list.commit_import(plan)
    assert ctx.work_list.all() == []
    code, out, err = run_in_process(capsys, "import", "orders", str(broken), "--json")
    assert code != 0 and "line 5" in out + err
    assert ctx.work_list.all() == []


def test_unknown_sku_names_line_and_column(ctx, home):
    text = WOO.read_text(encoding="utf-8").replace(",BOUG-01,1", ",NOPE-9,1")
    plan = _plan(ctx, text.encode())
    assert [(v.field, v.rule, v.actual) for v in plan.problems] == [
        ("line 3 · item_sku", "order_sku_unknown", "NOPE-9")]


def test_cli_dry_run_stores_nothing_then_import_stores(ctx, home, capsys):
    code, out, _ = run_in_process(capsys, "import", "orders", str(WOO), "--dry-run", "--json")
    assert code == 0, out
    assert '"orders": 3' in out and ctx.work_list.all() == []
    code, out, _ = run_in_process(capsys, "import", "orders", str(WOO), "--preset",
                                  "woocommerce")
    assert code == 0, out
    assert [d.reference for d in ctx.work_list.pending()] == ["1042", "1043", "1044"]


FORMS = {"1042": "6A15984040331", "1043": "6A15984040332"}  # pre-printed Colissimo forms


def _scale_bench(item) -> AtTheBench:
    return AtTheBench(1250, WeightSource("scale", scale_id="sim-1", raw_frame="S S     1.250 kg"),
                      tracking_number=FORMS[item.reference], contents_confirmed=True)


def test_batch_prints_in_order_marks_done_in_the_same_transaction_and_resumes(ctx, home):
    stored, _ = ctx.work_list.commit_import(_plan(ctx, WOO.read_bytes()))
    selection = stored[:2]  # the two French orders
    targets = PrintTargets(f"file://{home / 'spool'}", LabelFormat.PDF)
    calls = []

    def weigh(item):
        calls.append(item.reference)
        return _scale_bench(item)

    # a stop after the first: the second stays to do
    first = ctx.work_list.run(selection, weigh, targets, stop=lambda: len(calls) >= 1)
    assert [s.shipment.reference for s in first] == ["1042"] and first[0].printed
    assert [d.reference for d in ctx.work_list.pending()] == ["1043", "1044"]
    # running the same selection again resumes: 1042 is never printed twice
    rest = ctx.work_list.run(selection, weigh, targets)
    assert [s.shipment.reference for s in rest] == ["1043"] and calls == ["1042", "1043"]
    assert [d.reference for d in ctx.work_list.pending()] == ["1044"]
    with pytest.raises(ValidationFailed):
        ctx.work_list.submit(stored[0], _scale_bench(stored[0]), targets)
    con = sqlite3.connect(home / "data" / "comptoir.sqlite3")
    rows = con.execute("SELECT s.reference, s.weight_g, s.weighing, w.status FROM shipments s "
                       "JOIN work_drafts w ON w.shipment_id = s.id ORDER BY s.id").fetchall()
    con.close()
    assert [(r[0], r[1], r[3]) for r in rows] == [("1042", 1250, "done"), ("1043", 1250, "done")]
    assert [json.loads(r[2]) for r in rows] == [
        {"kind": "scale", "scale_id": "sim-1", "raw_frame": "S S     1.250 kg"}] * 2


def test_a_refused_submit_leaves_the_draft_to_do(ctx, home):
    stored, _ = ctx.work_list.commit_import(_plan(ctx, WOO.read_bytes()))
    targets = PrintTargets(f"file://{home / 'spool'}", LabelFormat.PDF)
    typed = AtTheBench(800, WeightSource.typed("banc-1", ""), FORMS["1042"], True)
    with pytest.raises(ValidationFailed) as refused:
        ctx.work_list.submit(stored[0], typed, targets)
    assert "weighing.reason" in {v.field for v in refused.value.violations}
    assert len(ctx.work_list.pending()) == 3
    typed = AtTheBench(800, WeightSource.typed("banc-1", "balance en panne"), FORMS["1042"], True)
    done = ctx.work_list.submit(stored[0], typed, targets)
    assert done.shipment.weighing == WeightSource.typed("banc-1", "balance en panne")
    assert [d.reference for d in ctx.work_list.pending()] == ["1043", "1044"]


def test_orders_abroad_named_in_french_with_a_state_become_drafts(ctx):
    lines = WOO.read_text(encoding="utf-8").splitlines()
    header = lines[0]
    us = ("4104,1045,2026-11-28 12:00:00,processing,John,Smith,,350 Fifth Avenue,,10118,"
          "New York,New York,États-Unis,j@example.com,+1 212 736 3100,Savon au lait d'ânesse,"
          "SAV-ANE,1")
    be = ("4105,1046,2026-11-28 12:10:00,processing,Lucas,Peeters,,Rue Neuve 12,,1000,"
          "Bruxelles,,Belgique,l@example.be,,Savon au lait d'ânesse,SAV-ANE,1")
    plan = _plan(ctx, "\n".join([header, us, be, ""]).encode())
    assert plan.ok, [v.describe("en") for v in plan.problems]
    got = {o.reference: (o.recipient.country, o.recipient.state, o.service_id)
           for o in plan.orders}
    assert got == {"1045": ("US", "NY", ABROAD), "1046": ("BE", "", ABROAD)}
    stored, _ = ctx.work_list.commit_import(plan)
    assert ctx.work_list.draft(stored[0]).recipient.state == "NY"
    missing = _plan(ctx, "\n".join([header, us.replace(",New York,États-Unis,",
                                                       ",,États-Unis,"), ""]).encode())
    assert [(v.field, v.rule) for v in missing.problems] == [("line 2 · shipping_state",
                                                              "required")]
