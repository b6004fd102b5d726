"""`comptoir deposit` / `comptoir void`: move stored shipments along draft → printed →
deposited / voided, from the counter or a day-end script."""

from __future__ import annotations

import sys

from desktop.commands._common import (
    EXIT_OK,
    EXIT_REFUSED,
    context_from,
    lang_of,
    print_json,
    run_guarded,
    shipment_key_argument,
    violation_dict,
)
from desktop.domain.errors import NotFound, ValidationFailed
from desktop.domain.shipment import ShipmentStatus


def register(sub) -> None:
    for name, status, text in (("deposit", ShipmentStatus.DEPOSITED,
                                "mark shipments as handed to the carrier"),
                               ("void", ShipmentStatus.VOIDED, "cancel shipments (not deposited)")):
        parser = sub.add_parser(name, help=text)
        parser.add_argument("shipments", nargs="+", type=shipment_key_argument,
                            help="shipment ids or tracking numbers")
        parser.add_argument("--json", action="store_true")
        parser.set_defaults(func=lambda args, status=status: run_guarded(
            lambda a: _move(a, status), args))


def _move(args, status: ShipmentStatus) -> int:
    ctx = context_from(args)
    lang = lang_of(args, ctx.settings)
    results, failed = [], False
    try:
        for key in args.shipments:
            entry: dict = {"shipment": key}
            try:
                shipment = ctx.history.stored(key)
                warnings = (ctx.shipping.deposit_warnings(shipment.id)
                            if status is ShipmentStatus.DEPOSITED else [])
                moved, _ = ctx.shipping.set_status(shipment.id, status)
                entry.update(ok=True, status=moved.status.value,
                             tracking_number=moved.tracking_number,
                             warnings=[violation_dict(w, lang) for w in warnings])
            except (ValidationFailed, NotFound) as exc:
                failed = True
                violations = getattr(exc, "violations", None)
                message = ("; ".join(v.describe(lang) for v in violations) if violations
                           else (f"{key} introuvable" if lang == "fr" else f"{key} not found"))
                entry.update(ok=False, error=message)
            results.append(entry)
        if args.json:
            print_json(results)
        else:
            for e in results:
                if e["ok"]:
                    print(f"{e['shipment']}: {e['status']}")
                    for w in e["warnings"]:
                        print(("  attention : " if lang == "fr" else "  warning: ") + w["message"])
                else:
                    print(f"{e['shipment']}: {e['error']}", file=sys.stderr)
        return EXIT_REFUSED if failed else EXIT_OK
    finally:
        ctx.close()
