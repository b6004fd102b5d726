"""`comptoir ship FILE.json`: validate, save, print; report the tracking number and output."""

from __future__ import annotations

import sys

from desktop.commands._common import (
    EXIT_AWAITING_CARRIER,
    EXIT_OK,
    EXIT_PRINT_FAILED,
    context_from,
    lang_of,
    print_json,
    refuse_printer_url,
    run_guarded,
    violation_dict,
)
from desktop.config import LABEL_FORMATS
from desktop.domain.draft import draft_from_shipment
from desktop.domain.printing import JobOutcome, LabelFormat
from desktop.domain.tracking import group_s10
from desktop.services.shipment_file import load_shipment_file


def register(sub) -> None:
    parser = sub.add_parser("ship", help="validate, save and print a shipment file (JSON)")
    parser.add_argument("file", help="shipment file (see README, 'Shipment file')")
    parser.add_argument("--printer", metavar="URL",
                        help="file:///dir, tcp://host:9100, serial:///dev/ttyUSB0, "
                             "usb:///dev/usb/lp0, cups://QUEUE (default: settings)")
    parser.add_argument("--format", choices=LABEL_FORMATS, help="label format (default: settings)")
    parser.add_argument("--forms-printer", metavar="URL",
                        help="printer for customs forms, PDF (default: settings; a PDF label "
                             "printer, else the file spool)")
    parser.add_argument("--contents-confirmed", action="store_true",
                        help="the prohibited-contents checklist was checked for this parcel "
                             "(same as the option contents_confirmed) [C 5.4], [N 9]")
    parser.add_argument("--json", action="store_true", help="machine-readable report")
    parser.set_defaults(func=lambda args: run_guarded(_ship, args))


def _ship(args) -> int:
    from desktop.app import check_printer_url

    fmt = LabelFormat(args.format) if args.format else None
    for url, url_fmt in ((args.printer, fmt), (args.forms_printer, LabelFormat.PDF)):
        if url:  # refused before the database is even opened: nothing stored
            try:
                check_printer_url(url, fmt=url_fmt)
            except ValueError as exc:
                return refuse_printer_url(url, str(exc), args.lang or "fr", args.json)
    shipment = load_shipment_file(args.file)  # refuses before opening the database
    ctx = context_from(args)
    try:
        lang = lang_of(args, ctx.settings)
        targets = ctx.print_targets(args.printer, fmt, args.forms_printer)
        for url, url_fmt in ((targets.printer, targets.format),
                             (targets.forms_printer, LabelFormat.PDF)):
            try:  # the settings' printers: refused before the shipment is saved
                if url:
                    check_printer_url(url, ctx.extra_transports, url_fmt)
            except ValueError as exc:
                return refuse_printer_url(url, str(exc), lang, args.json)
        # A previous run killed mid-ship: clean its debris, finish or set aside its jobs.
        _tell_recovery(ctx.resume(printers=(targets.printer, targets.forms_printer)), lang)
        draft = draft_from_shipment(shipment, ctx.senders.default(),
                                    contents_confirmed=args.contents_confirmed)
        result = ctx.counter.submit(draft, targets)
        s, job = result.shipment, result.label
        if result.awaiting_carrier:
            return _report_awaiting(result, lang, args.json)
        if args.json:
            print_json({"ok": result.printed, "shipment_id": s.id,
                        "tracking_number": s.tracking_number, "status": s.status.value,
                        "printer": job.printer, "format": job.format.value,
                        "output": job.output, "print_job_id": job.id, "error": job.error,
                        "state": job.outcome.value,
                        "forms": [{"kind": f.kind, "output": f.output,
                                   "ok": f.outcome is JobOutcome.SENT, "error": f.error,
                                   "state": f.outcome.value, "print_job_id": f.id}
                                  for f in result.forms],
                        "jobs": [{"id": j.id, "kind": j.kind, "state": j.outcome.value,
                                  "output": j.output, "error": j.error} for j in result.jobs],
                        "warnings": [violation_dict(w, lang) for w in result.warnings]})
        else:
            _report(result, lang)
        return EXIT_OK if result.printed else EXIT_PRINT_FAILED
    finally:
        ctx.close()


def _report_awaiting(result, lang: str, as_json: bool) -> int:
    """Saved; its number and label come when the carrier answers (`comptoir submit`)."""
    s, error = result.shipment, result.carrier_error
    problems = error.violations() if error is not None else []
    if as_json:
        print_json({"ok": False, "shipment_id": s.id, "tracking_number": None,
                    "status": "awaiting_carrier", "service": s.service_id,
                    "errors": [violation_dict(v, lang) for v in problems],
                    "warnings": [violation_dict(w, lang) for w in result.warnings]})
    else:
        text = _TEXT["fr" if lang == "fr" else "en"]
        for w in result.warnings:
            print(text["warning"] + w.describe(lang), file=sys.stderr)
        print(text["awaiting_carrier"].format(id=s.id))
        for v in problems:
            print(f"  - {v.describe(lang)}", file=sys.stderr)
    return EXIT_AWAITING_CARRIER


def _tell_recovery(recovery, lang: str) -> None:
    text = _TEXT["fr" if lang == "fr" else "en"]
    for job in recovery.awaiting:
        print(text["awaiting"].format(id=job.id, kind=job.kind, shipment=job.shipment_id),
              file=sys.stderr)
    for job in recovery.resent:
        print(text["resent"].format(id=job.id, kind=job.kind, state=job.outcome.value),
              file=sys.stderr)


_TEXT = {
    "fr": {"warning": "Attention : ", "saved": "Expédition n° {id} enregistrée : {number}",
           "label": "Étiquette : {out}", "failed": "échec ({error})",
           "label_failed": "Impression échouée ({error}) — réimprimez depuis l'historique",
           "form": "Document douanier {kind} : {out}",
           "awaiting": "Impression interrompue : le travail {id} ({kind}, expédition {shipment}) "
                       "est-il sorti ? À confirmer dans l'historique",
           "resent": "Travail {id} ({kind}) en attente depuis l'arrêt précédent : {state}",
           "awaiting_carrier": "Expédition n° {id} enregistrée, en attente du transporteur : "
                               "le numéro et l'étiquette viendront avec « comptoir submit »"},
    "en": {"warning": "Warning: ", "saved": "Shipment {id} saved: {number}",
           "label": "Label: {out}", "failed": "failed ({error})",
           "label_failed": "Printing failed ({error}) — reprint from the history",
           "form": "Customs document {kind}: {out}",
           "awaiting": "Printing interrupted: did job {id} ({kind}, shipment {shipment}) come "
                       "out? Confirm it in the history",
           "resent": "Job {id} ({kind}) left queued by the previous run: {state}",
           "awaiting_carrier": "Shipment {id} saved, waiting for its carrier: the number and "
                               "label come with `comptoir submit`"},
}


def _report(result, lang: str) -> None:
    text = _TEXT["fr" if lang == "fr" else "en"]
    s, job = result.shipment, result.label
    for w in result.warnings:
        print(text["warning"] + w.describe(lang), file=sys.stderr)
    print(text["saved"].format(id=s.id, number=group_s10(s.tracking_number)))
    print(text["label"].format(out=job.output) if job.outcome is JobOutcome.SENT
          else text["label_failed"].format(error=job.error))
    for f in result.forms:
        out = f.output if f.outcome is JobOutcome.SENT else text["failed"].format(error=f.error)
        print(text["form"].format(kind=f.kind, out=out))
