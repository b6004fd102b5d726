"""Shop order exports (CSV) → work-list drafts (issue 13 §1; docs/csv-import.md "Orders").

The same reading as the address-book import (desktop/services/csv_files.py: bounds,
encoding and separator detection) and the same header matching (presets in
resources/reference/order_presets.json, recognised from the header or chosen). One order may
span several rows, one per item: rows with the same order number are one order, its
recipient read from its first row. Each item's SKU is looked up in the product catalogue and
becomes a customs line (description, HS code, origin, net weight and value per unit ×
quantity). Any problem names its line (as a spreadsheet numbers it) and column; a file with
one problem imports nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from desktop.domain.address import Address, validate_address
from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.parcel import Parcel
from desktop.domain.ports import Products
from desktop.domain.reference import load_json
from desktop.domain.shipment import MAX_REFERENCE_LENGTH, Shipment
from desktop.services.contacts_csv import (
    _cell,
    _country_code,
    _mapping,
    _state_code,
    recognise,
)
from desktop.services.csv_files import read_table
from desktop.services.customs_forms import line_from_product

MAX_PROBLEMS = 200  # listed; the count says how many more
CATEGORY = "sale_of_goods"  # a shop order is a sale (CN 23 box "Sale of goods")
_LINE_ITEM = re.compile(r"^line_?item_?\d+$", re.IGNORECASE)  # WooCommerce Import Export Suite



def order_presets() -> dict[str, dict]:
    return {name: dict(p) for name, p in
            load_json("reference", "order_presets.json")["presets"].items()}


@dataclass
class OrderImportPlan:
    encoding: str
    delimiter: str
    preset: str
    mapping: dict[str, str]
    rows: int = 0
    orders: list[Shipment] = field(default_factory=list)  # no sender, no weight yet
    problems: list[Violation] = field(default_factory=list)
    more_problems: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, v: Violation) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(v)
        else:
            self.more_problems += 1


def plan_orders(data: bytes, products: Products, *, service_id: str,
                service_abroad: str | None = None, home: str = "FR",
                preset: str | None = None) -> OrderImportPlan:
    """Reads and checks the whole file; stores nothing. A file that cannot be read at all
    is refused (ValidationFailed); row problems are listed in the plan. The shop chooses the
    service: `service_id` at home, `service_abroad` (if given) for other countries."""
    table = read_table(data)
    table.check_size()
    known = order_presets()
    if preset in (None, "", "auto"):
        preset = recognise(table.header, known)
    elif preset not in known:
        raise ValidationFailed([Violation("preset", "csv_preset", actual=preset,
                                          limit=", ".join(["auto", *known]))])
    mapping = _mapping(table.header, known[preset])
    item_columns = [h for h in table.header if _LINE_ITEM.match(h)]
    missing = [n for n in ("reference", "street", "city") if n not in mapping]
    if not ({"name", "last_name", "company"} & mapping.keys()):
        missing.append("name")
    if "sku" not in mapping and not item_columns:
        missing.append("sku")
    if missing:
        raise ValidationFailed([Violation("line 1", "csv_columns_missing",
                                          limit=", ".join(missing),
                                          actual=", ".join(table.header))])
    index = {name: table.header.index(h) for name, h in mapping.items()}
    plan = OrderImportPlan(table.encoding, table.delimiter, preset, mapping)
    by_ref: dict[str, int] = {}  # order number → position in plan.orders
    for line, cells in table.rows():
        plan.rows += 1
        if len(cells) > len(table.header):
            plan.problem(Violation(f"line {line}", "csv_cells", limit=len(table.header),
                                   actual=len(cells)))
            continue

        def get(name: str, cells=cells) -> str:
            i = index.get(name)
            return _cell(cells[i]) if i is not None and i < len(cells) else ""

        def at(name: str, line=line) -> str:
            return f"line {line} · {mapping.get(name, name)}"

        reference = get("reference").lstrip("#").strip()
        if not reference:
            plan.problem(Violation(at("reference"), "required"))
            continue
        if len(reference) > MAX_REFERENCE_LENGTH:
            plan.problem(Violation(at("reference"), "max_length", limit=MAX_REFERENCE_LENGTH,
                                   actual=len(reference)))
            continue
        items = _items(plan, line, get, at, products,
                       [(h, cells[table.header.index(h)]) for h in item_columns
                        if table.header.index(h) < len(cells)])
        if reference in by_ref:
            order = plan.orders[by_ref[reference]]
            address = _address(get)
            if address.street and (address.street, address.postcode) != (
                    order.recipient.street, order.recipient.postcode):
                plan.problem(Violation(at("street"), "order_mixed_address", actual=reference))
                continue
            plan.orders[by_ref[reference]] = _with_items(order, items)
            continue
        address = _address(get)
        violations = validate_address(address)
        if violations:
            for v in violations:
                name = {"name": "last_name" if "last_name" in mapping else "name",
                        "complement": "street2"}.get(v.field, v.field)
                plan.problem(replace(v, field=f"line {line} · {mapping.get(name, v.field)}"))
            continue
        by_ref[reference] = len(plan.orders)
        plan.orders.append(_with_items(
            Shipment(sender=Address(country=""), recipient=address,
                     service_id=service_id if address.country == home or not service_abroad
                     else service_abroad,
                     parcel=Parcel(weight_g=0), reference=reference), items))
    return plan


def _address(get) -> Address:
    first, last = get("first_name"), get("last_name")
    name = get("name") or " ".join(p for p in (first, last) if p)
    country = _country_code(get("country")) or "FR"
    phone = get("mobile") or get("phone")
    return Address(name=name, company=get("company"), complement=get("street2"),
                   street=get("street"), postcode=get("postcode").upper(), city=get("city"),
                   country=country, state=_state_code(country, get("state")),
                   phone=_e164(phone, country) if phone else "",
                   email=get("email")).cleaned()


def _items(plan: OrderImportPlan, line: int, get, at, products: Products,
           packed: list[tuple[str, str]]) -> list[CustomsItem]:
    """The row's items: its SKU and quantity columns, or packed line_item_N cells."""
    wanted: list[tuple[str, str, str]] = []  # (column for errors, sku, quantity)
    if get("sku") or get("quantity"):
        wanted.append((at("sku"), get("sku"), get("quantity") or "1"))
    for header, cell in packed:
        if not cell.strip():
            continue
        parts = dict(p.split(":", 1) for p in cell.split("|") if ":" in p)
        wanted.append((f"line {line} · {header}", parts.get("sku", "").strip(),
                       parts.get("quantity", "1").strip()))
    items = []
    for where, sku, quantity in wanted:
        if not sku:
            plan.problem(Violation(where, "required"))
            continue
        q = quantity.strip()
        if not q.isdigit():
            plan.problem(Violation(where.replace(plan.mapping.get("sku", "sku"),
                                                 plan.mapping.get("quantity", "quantity")),
                                   "not_a_number", actual=quantity))
            continue
        if int(q) < 1:
            plan.problem(Violation(where, "positive", limit=0, actual=int(q)))
            continue
        product = products.find_code(sku)
        if product is None:
            plan.problem(Violation(where, "order_sku_unknown", actual=sku))
            continue
        items.append(line_from_product(product, int(q)))
    return items


def _with_items(order: Shipment, items: list[CustomsItem]) -> Shipment:
    if not items:
        return order
    current = order.customs or CustomsDeclaration(category=CATEGORY)
    merged = list(current.items)
    for item in items:
        same = next((n for n, i in enumerate(merged) if i.sku and i.sku == item.sku), None)
        if same is None:
            merged.append(item)
        else:
            old = merged[same]
            merged[same] = replace(old, quantity=old.quantity + item.quantity,
                                   net_weight_g=old.net_weight_g + item.net_weight_g,
                                   value=old.value + item.value)
    return replace(order, customs=replace(current, items=tuple(merged)))


def _e164(phone: str, country: str) -> str:
    # phonenumbers' metadata loads in 30 ms: at the first order file, not at every start.
    from desktop.domain.phones import normalise_phone

    return normalise_phone(phone, country)
