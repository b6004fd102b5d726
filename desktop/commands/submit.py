"""`comptoir submit`: send the carrier outbox (shipments saved while a carrier was silent)."""

from __future__ import annotations

import sys

from desktop.commands._common import (
    EXIT_AWAITING_CARRIER,
    EXIT_OK,
    EXIT_PRINT_FAILED,
    EXIT_REFUSED,
    context_from,
    lang_of,
    print_json,
    run_guarded,
    violation_dict,
)
from desktop.domain.printing import JobOutcome


def register(sub) -> None:
    parser = sub.add_parser("submit", help="send the shipments waiting for their carrier "
                                           "(outbox) and print the labels it returns")
    parser.add_argument("--carrier", metavar="C",
                        help="only this carrier (laposte-delivengo, novapost, colissimo)")
    parser.add_argument("--json", action="store_true", help="machine-readable report")
    parser.set_defaults(func=lambda args: run_guarded(_submit, args))


def _submit(args) -> int:
    ctx = context_from(args)
    try:
        lang = lang_of(args, ctx.settings)
        results = ctx.outbox.send(args.carrier or None)
        left = ctx.outbox.waiting(args.carrier or None)
        rows = [_row(r, lang) for r in results]
        if args.json:
            print_json({"ok": not left and all(x["ok"] for x in rows), "sent": rows,
                        "waiting": [e.shipment_id for e in left]})
        else:
            _print(rows, left, lang)
        if any(x["state"] == "refused" for x in rows):
            return EXIT_REFUSED
        if left:
            return EXIT_AWAITING_CARRIER
        return EXIT_OK if all(x["ok"] for x in rows) else EXIT_PRINT_FAILED
    finally:
        ctx.close()


def _row(result, lang: str) -> dict:
    label = next((j for j in result.jobs if j.kind == "label"), None)
    return {"shipment_id": result.shipment.id, "carrier": result.entry.carrier,
            "state": result.entry.state.value, "tracking_number": result.shipment.tracking_number,
            "ok": result.created and all(j.outcome is JobOutcome.SENT for j in result.jobs),
            "output": label.output if label else "", "print_job_id": label.id if label else None,
            "print_error": label.error if label else "",
            "errors": [violation_dict(v, lang) for v in result.violations()]}


_TEXT = {"fr": {"created": "Expédition n° {id} : {number} — étiquette : {out}",
                "print_failed": "Expédition n° {id} : {number} — impression échouée ({error})",
                "failed": "Expédition n° {id} : pas encore créée chez {carrier}",
                "refused": "Expédition n° {id} : refusée par {carrier}",
                "left": "{n} expédition(s) toujours en attente du transporteur"},
         "en": {"created": "Shipment {id}: {number} — label: {out}",
                "print_failed": "Shipment {id}: {number} — printing failed ({error})",
                "failed": "Shipment {id}: not created with {carrier} yet",
                "refused": "Shipment {id}: refused by {carrier}",
                "left": "{n} shipment(s) still waiting for their carrier"}}


def _print(rows: list[dict], left, lang: str) -> None:
    text = _TEXT["fr" if lang == "fr" else "en"]
    for x in rows:
        if x["state"] == "created":
            key = "created" if x["ok"] else "print_failed"
            print(text[key].format(id=x["shipment_id"], number=x["tracking_number"],
                                   out=x["output"], error=x["print_error"]))
        else:
            print(text["refused" if x["state"] == "refused" else "failed"].format(
                id=x["shipment_id"], carrier=x["carrier"]), file=sys.stderr)
        for e in x["errors"]:
            print(f"  - {e['message']}", file=sys.stderr)
    if left:
        print(text["left"].format(n=len(left)), file=sys.stderr)
