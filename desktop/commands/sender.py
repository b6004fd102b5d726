"""`comptoir sender`: the shop's sender profiles, headless (list, add from a JSON address)."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.commands._common import EXIT_OK, context_from, lang_of, print_json, run_guarded
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.shipment import SenderProfile
from desktop.services.shipment_file import parse_shipment


def register(sub) -> None:
    parser = sub.add_parser("sender", help="list or add sender profiles")
    parser.add_argument("action", choices=("list", "add"))
    parser.add_argument("file", nargs="?", help="for 'add': a JSON address (shipment-file keys)")
    parser.add_argument("--label", help="for 'add': the profile's name")
    parser.add_argument("--default", action="store_true", help="for 'add': make it the default")
    parser.add_argument("--eori", default="", metavar="NUMBER",
                        help="for 'add': the sender's EORI number, printed on the CN 23 "
                             "(e.g. FR12345678900013)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(func=lambda args: run_guarded(_sender, args))


def _sender(args) -> int:
    ctx = context_from(args)
    try:
        if args.action == "add":
            if not args.file:
                raise ValidationFailed([Violation("file", "required")])
            try:
                raw = json.loads(Path(args.file).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise ValidationFailed([Violation("file", "invalid_json", actual=str(exc))]) from None
            # Reuse the shipment-file address reader: same keys, same strictness.
            address = parse_shipment({"recipient": raw, "service": "-",
                                      "parcel": {"weight_g": 1}}).recipient
            profile, _ = ctx.senders.save(SenderProfile(label=args.label or address.display_name,
                                                        address=address, eori=args.eori,
                                                        is_default=args.default))
            print(f"{profile.id}: {profile.label}")
            return EXIT_OK
        profiles = ctx.senders.list()
        if args.json:
            print_json([{"id": p.id, "label": p.label, "default": p.is_default,
                         "name": p.address.display_name, "city": p.address.city,
                         "eori": p.eori}
                        for p in profiles])
        else:
            if not profiles:
                print("Aucun expéditeur." if lang_of(args, ctx.settings) == "fr" else "No sender.")
            for p in profiles:
                star = "*" if p.is_default else " "
                print(f"{star}{p.id:>4}  {p.label}  ({p.address.display_name}, {p.address.city})")
        return EXIT_OK
    finally:
        ctx.close()
