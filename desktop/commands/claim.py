"""`comptoir claim SHIPMENT`: the carrier's claim file of a stored shipment as a PDF —
Colissimo [C 8.2 C], Delivengo [D 6.3], Nova Post [N 11.9.1, 10.2] — with the deadline and
the days left today, where to send it and when the answer is due."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.commands._common import (
    EXIT_OK,
    context_from,
    lang_of,
    print_json,
    run_guarded,
    shipment_key_argument,
    text_argument,
)


def register(sub) -> None:
    parser = sub.add_parser("claim", help="claim-file checklist (PDF) for a stored shipment")
    parser.add_argument("shipment", type=shipment_key_argument,
                        help="shipment id or tracking number")
    parser.add_argument("--out", required=True, metavar="FILE.pdf")
    parser.add_argument("--account", default="", type=text_argument,
                        help="your carrier account number")
    parser.add_argument("--delay", action="store_true",
                        help="a late delivery, not a loss or damage (fewer documents)")
    parser.add_argument("--delivered", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="with --delay: the delivery day (Colissimo J+n credit [C 4.2.2])")
    parser.add_argument("--bank-account", default="",
                        help="Nova Post: the bank account for the refund [N 10.2]")
    parser.add_argument("--contact-email", default="",
                        help="Delivengo: the e-mail the answer goes to [D 6.3] (default: "
                             "the sender's)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=lambda args: run_guarded(_claim, args))


def _claim(args) -> int:
    from desktop.printing.claim_pdf import render_claim_pdf
    from desktop.services.claims_form import build_claim_file

    ctx = context_from(args)
    try:
        lang = lang_of(args, ctx.settings)
        shipment = ctx.history.stored(args.shipment)
        claim = build_claim_file(shipment, ctx.catalogue, account_number=args.account,
                                 loss_or_damage=not args.delay, today=date.today(),
                                 contract=ctx.admission.contracts.contract,
                                 delivered=args.delivered, bank_account=args.bank_account,
                                 contact_email=args.contact_email)
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(render_claim_pdf(claim, lang))
        missing = [(i.fr if lang == "fr" else i.en) for i in claim.items
                   if i.required and not i.filled]
        if args.json:
            print_json({"ok": True, "output": str(out), "complete": claim.complete,
                        "deadline": claim.deadline.isoformat() if claim.deadline else None,
                        "days_left": claim.days_left,
                        "answer_days": claim.answer_days,
                        "answer_unit": claim.terms.answer_unit if claim.terms else None,
                        "answer_due": claim.answer_due.isoformat() if claim.answer_due else None,
                        "channel": claim.terms.channel(lang) if claim.terms else None,
                        "compensation": str(claim.compensation)
                        if claim.compensation is not None else None,
                        "late_credit": str(claim.late_credit.amount)
                        if claim.late_credit else None,
                        "missing": missing})
        else:
            print(("Dossier : " if lang == "fr" else "Claim file: ") + str(out))
            for item in missing:
                print(("  à fournir : " if lang == "fr" else "  to supply: ") + item)
            if claim.deadline:
                print(("Réclamer avant le " if lang == "fr" else "Claim before ")
                      + claim.deadline.strftime("%d/%m/%Y"))
        return EXIT_OK
    finally:
        ctx.close()
