"""`comptoir check FILE.json [--json]`: the verdict `ship` would give, without shipping.

The refusals and warnings come from the one counter operation run dry
(`CounterOperation.check`: same validation, sender profile, number range and rendered
documents as `ship`, nothing stored, taken or printed), so `check` never says yes where
`ship` says no. It adds the carrier's details: suggested services, chargeable weight,
vignettes, estimated delivery. Exits 3 on refusal.
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
from desktop.domain.draft import draft_from_shipment
from desktop.domain.errors import ValidationFailed, unique_violations
from desktop.services.shipment_file import load_shipment_file


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
    from desktop.app import build_context

    lang = args.lang or "fr"
    shipment = load_shipment_file(args.file)
    today = _today(args)
    ctx = build_context(args.database, args.config, lang=args.lang,
                        contract_dir=_override_dir(args), now=lambda: today)
    try:
        admission = ctx.admission
        draft = draft_from_shipment(shipment, ctx.senders.default(),
                                    contents_confirmed=args.contents_confirmed)
        try:  # the dry run of `ship`: its refusals are the verdict
            refusals, warnings = [], list(ctx.counter.check(draft, ctx.print_targets()).warnings)
        except ValidationFailed as exc:
            refusals = list(exc.violations)
            warnings = [v for v in ctx.counter.violations(draft) if v.severity != "error"]
        verdict = admission.check(draft.to_shipment(), today=today)
        suggestions = admission.suggest(draft.to_shipment(), today)
        problems = admission.contracts.problems
        if args.json:
            print_json(_as_json(verdict, refusals, warnings, suggestions, problems, lang))
        else:
            _print_text(verdict, refusals, warnings, suggestions, problems, lang)
        return EXIT_REFUSED if refusals else EXIT_OK
    finally:
        ctx.close()


def _as_json(verdict, refusals, warnings, suggestions, problems, lang) -> dict:
    return {
        "ok": not refusals, "service": verdict.service_id, "zone": verdict.zone,
        "refusals": [violation_dict(v, lang) for v in refusals],
        "warnings": [violation_dict(v, lang) for v in unique_violations(warnings)],
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


def _print_text(verdict, refusals, warnings, suggestions, problems, lang) -> None:
    fr = lang == "fr"
    out = sys.stdout
    for p in problems:
        print(("Table refusée : " if fr else "Table refused: ") + str(p), file=sys.stderr)
    if refusals:
        print("Refusé :" if fr else "Refused:", file=out)
        for v in refusals:
            print(f"  - {v.describe(lang)}", file=out)
    else:
        print("Admis." if fr else "Admissible.", file=out)
    if warnings:
        print("Avertissements :" if fr else "Warnings:", file=out)
        for v in unique_violations(warnings):
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
