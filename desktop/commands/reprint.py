"""`comptoir reprint SHIPMENT`: an explicit reprint of a shipment's label (identical bytes,
recorded as a new job that names the original), by shipment id or tracking number."""

from __future__ import annotations

import sys

from desktop.commands._common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PRINT_FAILED,
    context_from,
    lang_of,
    print_json,
    run_guarded,
    tr,
)
from desktop.commands.jobs import job_dict


def register(sub) -> None:
    parser = sub.add_parser("reprint", help="reprint a shipment's label (identical bytes)")
    parser.add_argument("shipment", help="shipment id or tracking number")
    parser.add_argument("--kind", default="label",
                        help="document to reprint: label (default), cn22, cn23, invoice")
    parser.add_argument("--printer", metavar="URL", help="another printer (default: the job's)")
    parser.add_argument("--json", action="store_true", help="machine-readable report")
    parser.set_defaults(func=lambda args: run_guarded(_reprint, args))


def _reprint(args) -> int:
    from desktop.services.print_jobs import ReprintRefused

    ctx = context_from(args)
    try:
        lang = lang_of(args, ctx.settings)
        if args.printer:
            ctx.check_printer_url(args.printer)
        shipment = ctx.history.stored(args.shipment)
        try:
            done = ctx.printing.reprint_shipment(shipment.id, args.kind, args.printer)
        except ReprintRefused as exc:
            if exc.violation is not None:  # a sentence of its own (erased documents)
                print(exc.describe(lang), file=sys.stderr)
            else:
                print(tr("Réimpression refusée : {error}", lang, error=exc), file=sys.stderr)
            return EXIT_ERROR
        row = job_dict(done.job, shipment.tracking_number or "")
        if args.json:
            print_json({"ok": done.ok, "job": row})
        else:
            word = tr("Réimprimé", lang) if done.ok else tr("Non imprimé", lang)
            print(f"{word}: job {row['id']} ({row['kind']}, {row['tracking_number']}, "
                  f"reprint of {row['reprint_of']}) {row['output'] or row['reason']}")
        return EXIT_OK if done.ok else EXIT_PRINT_FAILED
    finally:
        ctx.close()
