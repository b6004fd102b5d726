"""`comptoir track NUMBER [--carrier C] [--json]`: the carrier's tracking of a shipment."""

from __future__ import annotations

import sys

from desktop.commands._common import (
    EXIT_ERROR,
    EXIT_OK,
    context_from,
    lang_of,
    print_json,
    report_refusal,
    run_guarded,
    shipment_key_argument,
)
from desktop.domain.connectors import CarrierError, ErrorKind
from desktop.domain.tracking import group_s10

CARRIER_CHOICES = ("laposte-delivengo", "novapost", "colissimo", "demo")


def register(sub) -> None:
    parser = sub.add_parser("track", help="track a shipment with its carrier")
    parser.add_argument("number", type=shipment_key_argument,
                        help="tracking number (as printed, spaces allowed)")
    parser.add_argument("--carrier", choices=CARRIER_CHOICES,
                        help="the carrier, when the number alone does not tell")
    parser.add_argument("--json", action="store_true", help="machine-readable answer")
    parser.set_defaults(func=lambda args: run_guarded(_track, args))


def _track(args) -> int:
    from desktop.app_carriers import tracking_service

    ctx = context_from(args)
    lang = lang_of(args, ctx.settings)
    try:
        service = tracking_service(ctx)
        try:
            carrier, tracking = service.track(args.number, args.carrier)
        except CarrierError as exc:
            if exc.kind in (ErrorKind.PERMANENT, ErrorKind.UNSUPPORTED) and not exc.field_errors:
                report_refusal(exc.violations(), lang, args.json)
                return EXIT_ERROR
            return report_carrier_error(exc, lang, args.json)
        if args.json:
            print_json({"ok": True, "carrier": carrier, "tracking_number": tracking.tracking_number,
                        "status": tracking.status, "delivered": tracking.delivered,
                        "events": [{"when": e.when.isoformat() if e.when else None,
                                    "code": e.code, "text": e.text, "location": e.location}
                                   for e in tracking.events]})
            return EXIT_OK
        print(f"{group_s10(tracking.tracking_number)}  ({carrier})  {tracking.status}")
        for e in tracking.events:
            when = e.when.astimezone().strftime("%d/%m/%Y %H:%M") if e.when else " " * 16
            print(f"  {when}  {e.text}" + (f" — {e.location}" if e.location else ""))
        return EXIT_OK
    finally:
        ctx.close()


def report_carrier_error(exc: CarrierError, lang: str, as_json: bool) -> int:
    if as_json:
        print_json({"ok": False, "carrier": exc.carrier, "kind": exc.kind.value,
                    "status": exc.status, "retryable": exc.retryable,
                    "message": exc.describe(lang)})
    else:
        print(exc.describe(lang), file=sys.stderr)
    return EXIT_ERROR
