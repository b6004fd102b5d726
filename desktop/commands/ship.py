"""`comptoir ship FILE.json`: validate, save, print; report the tracking number and output."""

from __future__ import annotations

import sys
from dataclasses import replace

from desktop.commands._common import (
    EXIT_OK,
    EXIT_PRINT_FAILED,
    context_from,
    lang_of,
    print_json,
    run_guarded,
    violation_dict,
)
from desktop.config import LABEL_FORMATS
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.printing import LabelFormat
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
    shipment = load_shipment_file(args.file)  # refuses before opening the database
    if args.contents_confirmed:
        shipment = replace(shipment, options={**shipment.options, "contents_confirmed": True})
    ctx = context_from(args)
    try:
        lang = lang_of(args, ctx.settings)
        if not shipment.sender.display_name and not shipment.sender.street:
            profile = ctx.senders.default()
            if profile is None:
                raise ValidationFailed([Violation("sender", "required")])
            shipment = replace(shipment, sender=profile.address, sender_profile_id=profile.id)
        printer = args.printer or ctx.printer_url
        fmt = LabelFormat(args.format) if args.format else ctx.label_format
        forms_printer = args.forms_printer or (
            printer if args.printer and fmt is LabelFormat.PDF else ctx.forms_printer_url)
        result = ctx.shipping.ship(shipment, printer, fmt, forms_printer)
        s, job = result.shipment, result.print.job
        if args.json:
            print_json({"ok": result.printed, "shipment_id": s.id,
                        "tracking_number": s.tracking_number, "status": s.status.value,
                        "printer": job.printer, "format": job.format.value,
                        "output": job.output, "print_job_id": job.id, "error": job.error,
                        "forms": [{"kind": f.job.kind, "output": f.job.output,
                                   "ok": f.ok, "error": f.job.error} for f in result.forms],
                        "warnings": [violation_dict(w, lang) for w in result.warnings]})
        else:
            _report(result, lang)
        all_ok = result.printed and all(f.ok for f in result.forms)
        return EXIT_OK if all_ok else EXIT_PRINT_FAILED
    finally:
        ctx.close()


_TEXT = {
    "fr": {"warning": "Attention : ", "saved": "Expédition n° {id} enregistrée : {number}",
           "label": "Étiquette : {out}", "failed": "échec ({error})",
           "label_failed": "Impression échouée ({error}) — réimprimez depuis l'historique",
           "form": "Document douanier {kind} : {out}"},
    "en": {"warning": "Warning: ", "saved": "Shipment {id} saved: {number}",
           "label": "Label: {out}", "failed": "failed ({error})",
           "label_failed": "Printing failed ({error}) — reprint from the history",
           "form": "Customs document {kind}: {out}"},
}


def _report(result, lang: str) -> None:
    text = _TEXT["fr" if lang == "fr" else "en"]
    s, job = result.shipment, result.print.job
    for w in result.warnings:
        print(text["warning"] + w.describe(lang), file=sys.stderr)
    print(text["saved"].format(id=s.id, number=group_s10(s.tracking_number)))
    print(text["label"].format(out=job.output) if result.printed
          else text["label_failed"].format(error=job.error))
    for f in result.forms:
        out = f.job.output if f.ok else text["failed"].format(error=f.job.error)
        print(text["form"].format(kind=f.job.kind, out=out))
