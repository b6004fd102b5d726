"""`comptoir dayend [--date D] [--carrier C] --out DIR [--json]`: close the day.

For each carrier (and sender) it writes the deposit slip PDF of the printed parcels not yet
deposited, plus the list of the day's Delivengo items (CSV). Only after every file is
written are the parcels marked deposited. A label past its validity is reported (Nova Post,
14 days [N 4.3.4]). When nothing is left to deposit, the slips of the day already closed
are written again (same numbers), and nothing changes.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from desktop.commands._common import (
    EXIT_ERROR,
    EXIT_OK,
    context_from,
    date_argument,
    lang_of,
    print_json,
    run_guarded,
    text_argument,
    violation_dict,
)

CARRIERS = {"colissimo": "colissimo", "delivengo": "laposte-delivengo",
            "laposte-delivengo": "laposte-delivengo", "novapost": "novapost"}


def register(sub) -> None:
    p = sub.add_parser("dayend", help="close the day: deposit slips (PDF), Delivengo items "
                                      "(CSV), parcels marked deposited")
    p.add_argument("--date", type=date_argument, default=None, metavar="YYYY-MM-DD",
                   help="the day (default: today); parcels printed up to that day")
    p.add_argument("--carrier", choices=sorted(CARRIERS), default=None)
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the slips and files")
    p.add_argument("--account", default="", type=text_argument, help="your customer account with the carrier "
                                                 "(printed on the slip)")
    p.add_argument("--dry-run", action="store_true",
                   help="write the documents but do not mark the parcels deposited")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=lambda args: run_guarded(_run, args))


def _write_all(out: Path, documents) -> list[str]:
    """Each file written beside itself then renamed: a crash never leaves half a slip."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in documents:
        target = out / doc.filename
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(doc.payload)
        os.replace(tmp, target)
        written.append(str(target))
    return written


def _run(args) -> int:
    from desktop.app import day_end_service

    ctx = context_from(args)
    try:
        lang = lang_of(args, ctx.settings)
        day = args.date or date.today()
        carrier = CARRIERS.get(args.carrier) if args.carrier else None
        service = day_end_service(ctx)
        accounts = ({carrier: args.account} if carrier else
                    {c: args.account for c in set(CARRIERS.values())}) if args.account else {}
        out = Path(args.out)
        written: list[str] = []

        def publish(documents) -> None:
            written.extend(_write_all(out, documents))

        try:
            if args.dry_run:
                day_end = service.prepare(day, carrier, accounts)
                publish(day_end.documents)
                deposited = ()
            else:
                result = service.close_day(day, carrier, publish=publish, accounts=accounts)
                day_end, deposited = result.day_end, result.deposited
                if deposited:  # deposited labels are not reprinted: keep only their hash
                    ctx.purge_print_bytes()
            if not day_end.slips:  # nothing left: print the day's closed slips again
                day_end = service.closed_slips(day, carrier, accounts)
                publish(day_end.documents)
        except OSError as exc:  # the folder cannot be written: nothing was marked deposited
            print((f"--out {out} : écriture impossible ({exc.strerror or exc}) ; aucun colis "
                   "marqué déposé") if lang == "fr" else
                  (f"--out {out}: cannot write ({exc.strerror or exc}); no parcel marked "
                   "deposited"), file=sys.stderr)
            return EXIT_ERROR
        report = {
            "ok": True, "date": day.isoformat(), "closed_before": day_end.closed,
            "slips": [{"number": s.number, "carrier": s.carrier, "parcels": s.parcels,
                       "total_weight_g": s.total_weight_g, "vignettes": s.vignettes,
                       "tracking_numbers": [x.tracking_number for x in s.lines]}
                      for s in day_end.slips],
            "files": written, "deposited": [s.tracking_number for s in deposited],
            "warnings": [violation_dict(w, lang) for w in day_end.warnings]}
        if args.json:
            print_json(report)
            return EXIT_OK
        fr = lang == "fr"
        if not day_end.slips:
            print(f"Aucun colis à déposer le {day:%d/%m/%Y}." if fr
                  else f"No parcel to deposit on {day:%d/%m/%Y}.")
        for s in day_end.slips:
            print(f"{s.number}  {s.carrier_name:<20} {s.parcels} colis, "
                  f"{s.total_weight_g / 1000:.3f} kg" if fr else
                  f"{s.number}  {s.carrier_name:<20} {s.parcels} parcels, "
                  f"{s.total_weight_g / 1000:.3f} kg")
        for path in written:
            print(("  fichier : " if fr else "  file: ") + path)
        for w in day_end.warnings:
            print(("  attention : " if fr else "  warning: ") + w.describe(lang))
        if deposited:
            print(f"{len(deposited)} colis marqués déposés." if fr
                  else f"{len(deposited)} parcels marked deposited.")
        elif day_end.closed and day_end.slips:
            print("Journée déjà clôturée : bordereaux réimprimés." if fr
                  else "Day already closed: slips written again.")
        return EXIT_OK
    finally:
        ctx.close()
