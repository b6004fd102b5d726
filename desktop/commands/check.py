"""`comptoir check FILE.json [--json]`: the carrier verdict for a shipment file.

Prints refusals and warnings (rule, field, limit, actual value, source), the suggested
services, chargeable weight, vignettes and estimated delivery; exits 3 on refusal.
"""

from __future__ import annotations

import sys
from datetime import datetime

from desktop.commands._common import (
    EXIT_OK,
    EXIT_REFUSED,
    date_or_datetime_argument,
    print_json,
    run_guarded,
    violation_dict,
)
from desktop.domain import customs_rules
from desktop.domain.carriers.admission import check_admission
from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.carriers.suggest import suggest_services
from desktop.services.contract_tables import ContractStore
from desktop.services.shipment_file import load_shipment_file
from desktop.services.validation import validate_shipment


def register(sub) -> None:
    parser = sub.add_parser("check", help="check a shipment file against the carrier rules")
    parser.add_argument("file", help="shipment file (JSON)")
    parser.add_argument("--json", action="store_true", help="machine-readable verdict")
    parser.add_argument("--date", metavar="YYYY-MM-DD[THH:MM]", type=date_or_datetime_argument,
                        help="check as of this date/time (default: now)")
    parser.add_argument("--contract-dir", metavar="DIR",
                        help="contract table overrides (default: <config dir>/contract)")
    parser.add_argument("--contents-confirmed", action="store_true",
                        help="the prohibited-contents checklist has been confirmed")
    parser.set_defaults(func=lambda args: run_guarded(_check, args))


def _override_dir(args):
    if args.contract_dir:
        return args.contract_dir
    from desktop.config import config_dir

    return config_dir() / "contract"


def _today(args):
    if not args.date:
        return datetime.now()
    return args.date


def _check(args) -> int:
    lang = args.lang or "fr"
    shipment = load_shipment_file(args.file)
    store = ContractStore(_override_dir(args))
    catalogue = default_catalogue()
    today = _today(args)
    verdict = check_admission(shipment, catalogue, store.contract, today=today,
                              confirmed_contents=args.contents_confirmed)
    # What `ship` checks besides the carrier's rules (addresses, parcel, number, customs), so
    # that `check` never says yes where `ship` says no.
    found = validate_shipment(shipment, catalogue, [customs_rules.check_shipment])
    if not shipment.sender.display_name and not shipment.sender.street:
        # `ship` fills an absent sender from the default profile: not judged here.
        found = [v for v in found if not v.field.startswith("sender")]
    _add_shipment_checks(verdict, found)
    suggestions = suggest_services(shipment, catalogue, store.contract, today)
    if args.json:
        print_json(_as_json(verdict, suggestions, store.problems, lang))
    else:
        _print_text(verdict, suggestions, store.problems, lang)
    return EXIT_REFUSED if verdict.refusals else EXIT_OK


def _add_shipment_checks(verdict, violations) -> None:
    # A field the carrier's verdict already judges is not reported twice.
    seen = {v.field for v in verdict.violations}
    for v in violations:
        if v.field not in seen:
            (verdict.refusals if v.severity == "error" else verdict.warnings).append(v)


def _as_json(verdict, suggestions, problems, lang) -> dict:
    return {
        "ok": verdict.admissible, "service": verdict.service_id, "zone": verdict.zone,
        "refusals": [violation_dict(v, lang) for v in verdict.refusals],
        "warnings": [violation_dict(v, lang) for v in verdict.warnings],
        "chargeable_weight_g": verdict.chargeable_weight_g,
        "vignettes": verdict.vignettes.as_dict() if verdict.vignettes else None,
        "departure": verdict.departure, "estimated_delivery": verdict.estimated_delivery,
        "label_expires": verdict.label_expires,
        "price_eur": str(verdict.price_eur) if verdict.price_eur is not None else None,
        "suggestions": [{"service": s.service.id, "name": s.service.name(lang),
                         "admissible": s.admissible,
                         "reasons": [violation_dict(v, lang) for v in s.reasons]}
                        for s in suggestions],
        "contract_problems": [str(p) for p in problems],
    }


def _print_text(verdict, suggestions, problems, lang) -> None:
    fr = lang == "fr"
    out = sys.stdout
    for p in problems:
        print(("Table refusée : " if fr else "Table refused: ") + str(p), file=sys.stderr)
    if verdict.refusals:
        print("Refusé :" if fr else "Refused:", file=out)
        for v in verdict.refusals:
            print(f"  - {v.describe(lang)}", file=out)
    else:
        print("Admis." if fr else "Admissible.", file=out)
    if verdict.warnings:
        print("Avertissements :" if fr else "Warnings:", file=out)
        for v in verdict.warnings:
            print(f"  - {v.describe(lang)}", file=out)
    if verdict.chargeable_weight_g is not None:
        print(("Poids taxable : " if fr else "Chargeable weight: ")
              + f"{verdict.chargeable_weight_g} g", file=out)
    if verdict.vignettes:
        vg = verdict.vignettes
        print(("Vignettes : " if fr else "Vignettes: ")
              + f"{vg.postage} (≤ {vg.covered_g} g), NM/assurance {vg.nm_insurance}"
              + (f", {', '.join(vg.options)}" if vg.options else ""), file=out)
    if verdict.estimated_delivery:
        print(("Livraison estimée : " if fr else "Estimated delivery: ")
              + verdict.estimated_delivery.strftime("%d/%m/%Y"), file=out)
    print("Services :" if fr else "Services:", file=out)
    for s in suggestions:
        mark = "✓" if s.admissible else "✗"
        reasons = "" if s.admissible else " — " + "; ".join(v.describe(lang) for v in s.reasons)
        print(f"  {mark} {s.service.id}{reasons}", file=out)
