"""`comptoir paperwork SHIPMENT --out DIR`: the carrier paperwork of a stored shipment — the
CN 07 advice of delivery (AR option, [C 4.3, 5.3]) and the cash-on-delivery sheet ([C 4.3,
5.3], [N 11.3]) — as PDFs. Says so when the shipment needs none."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.commands._common import (
    EXIT_ERROR,
    EXIT_OK,
    context_from,
    lang_of,
    print_json,
    run_guarded,
    shipment_key_argument,
    text_argument,
)


def register(sub) -> None:
    p = sub.add_parser("paperwork", help="CN07 advice of delivery and cash-on-delivery sheet "
                                         "(PDF) of a stored shipment")
    p.add_argument("shipment", type=shipment_key_argument, help="shipment id or tracking number")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--bank-account", default="", type=text_argument, help="where the COD amount is paid (IBAN)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=lambda args: run_guarded(_run, args))


def _run(args) -> int:
    from desktop.app import paperwork_renderers
    from desktop.services.paperwork import paperwork

    ctx = context_from(args)
    try:
        lang = lang_of(args, ctx.settings)
        shipment = ctx.history.stored(args.shipment)
        docs = paperwork(shipment, ctx.catalogue, paperwork_renderers(),
                         bank_account=args.bank_account, lang=lang)
        out = Path(args.out)
        files = []
        try:
            if docs:
                out.mkdir(parents=True, exist_ok=True)
            for doc in docs:
                (out / doc.filename).write_bytes(doc.payload)
                files.append({"kind": doc.kind, "file": str(out / doc.filename),
                              "source": doc.source})
        except OSError as exc:
            print((f"--out {out} : écriture impossible ({exc.strerror or exc})" if lang == "fr"
                   else f"--out {out}: cannot write ({exc.strerror or exc})"), file=sys.stderr)
            return EXIT_ERROR
        if args.json:
            print_json({"ok": True, "documents": files})
        elif not files:
            print("Aucun document : ni AR ni contre-remboursement." if lang == "fr"
                  else "No document: neither AR nor cash on delivery.")
        else:
            for f in files:
                print(f"{f['kind']}: {f['file']}  {f['source']}")
        return EXIT_OK
    finally:
        ctx.close()
