"""`comptoir customs FILE.json --out DIR [--json]`: the customs forms and data of a shipment.

Writes the needed form (CN22 label or A4, or CN23), the invoice when one travels with it,
and the electronic data in the Colissimo and Delivengo shapes (JSON and CSV, value in SDR at
the configured rate) — or says that no declaration is needed, and why. Exit 3 on any
validation error (nothing written), 0 otherwise. Needs no database.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from desktop.commands._common import (
    EXIT_OK,
    EXIT_REFUSED,
    amount_argument,
    date_argument,
    print_json,
    run_guarded,
    text_argument,
    violation_dict,
)
from desktop.domain.customs_settings import CustomsSettings
from desktop.domain.errors import Violation
from desktop.services import customs_export, customs_forms
from desktop.services.shipment_file import load_shipment_file


def register(sub) -> None:
    p = sub.add_parser("customs", help="customs forms (CN22/CN23, invoice) and carrier data "
                                       "for a shipment file")
    p.add_argument("file", help="shipment file (JSON, see README 'Shipment file')")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the PDFs and data")
    p.add_argument("--json", action="store_true", help="machine-readable report on stdout")
    p.add_argument("--a4", action="store_true", help="CN22 on A4 instead of the 10×15 label")
    p.add_argument("--date", metavar="YYYY-MM-DD", type=date_argument,
                   help="date of posting (default: today)")
    p.add_argument("--office", default="", type=text_argument, help="office of origin (CN23)")
    p.add_argument("--eori", default="", type=text_argument,
                   help="sender's EORI (else customs.sender_customs_reference)")
    p.add_argument("--sdr-rate", metavar="EUR", type=amount_argument,
                   help="euros per SDR (default: resources/customs)")
    p.add_argument("--cn22-limit", metavar="EUR", type=amount_argument,
                   help="CN22 value limit (default 380)")
    p.set_defaults(func=lambda args: run_guarded(_run, args))


def renderers() -> dict:
    from desktop.app import customs_renderers
    return customs_renderers()


def _settings(args) -> CustomsSettings:
    overrides = {}
    if args.sdr_rate:
        overrides["eur_per_sdr"] = args.sdr_rate
    if args.cn22_limit:
        overrides["cn22_max_value"] = args.cn22_limit
    return CustomsSettings.load(**overrides)


def _run(args) -> int:
    lang = args.lang or "fr"
    shipment = load_shipment_file(args.file)
    settings = _settings(args)
    posted = args.date or date.today()
    plan = customs_forms.plan(shipment, settings=settings, sender_eori=args.eori,
                              posting_date=posted, office_of_origin=args.office,
                              cn22_on_label=not args.a4, base_name=Path(args.file).stem)
    report = {"ok": plan.ok, "required": plan.need.required, "form": plan.need.form,
              "territory": plan.need.territory.id, "reason": plan.need.reason_in(lang),
              "errors": [_violation(v, lang) for v in plan.errors],
              "warnings": [_violation(v, lang) for v in plan.warnings], "files": []}
    if not plan.need.required:
        _emit(args, report, lang)
        return EXIT_OK
    if not plan.ok:
        _emit(args, report, lang)
        return EXIT_REFUSED
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    files = customs_forms.produce(plan, renderers())
    base = Path(args.file).stem
    for carrier, shape in customs_export.SHAPES.items():
        data = shape(plan.paper, settings)
        files[f"{base}-{carrier}.json"] = customs_export.to_json(data).encode("utf-8")
        files[f"{base}-{carrier}.csv"] = customs_export.to_csv(data, carrier).encode("utf-8")
    for name, payload in files.items():
        (out / name).write_bytes(payload)
    d = plan.paper.declaration
    in_eur = settings.to_eur(d.total_value, d.currency)
    report["files"] = [str(out / name) for name in files]
    report["documents"] = [{"kind": doc.kind, "copies": doc.copies,
                            "file": str(out / doc.filename)} for doc in plan.documents]
    report["totals"] = {"value": str(d.total_value), "currency": d.currency,
                        "value_sdr": str(settings.to_sdr(in_eur)) if in_eur is not None else None,
                        "net_weight_g": d.total_net_weight_g,
                        "gross_weight_g": plan.paper.gross_weight_g}
    _emit(args, report, lang)
    return EXIT_OK


_KINDS = {"CN22-label": ("CN22 (étiquette 10×15)", "CN22 (10×15 label)"),
          "CN22-A4": ("CN22 (A4)", "CN22 (A4)"), "CN23": ("CN23 (A4)", "CN23 (A4)"),
          "invoice": ("Facture", "Invoice")}


def _violation(v: Violation, lang: str) -> dict:
    return violation_dict(v, lang)



def _emit(args, report: dict, lang: str) -> None:
    if args.json:
        print_json(report)
        return
    fr = lang == "fr"
    print(report["reason"])
    for w in report["warnings"]:
        print(("Attention : " if fr else "Warning: ") + w["message"], file=sys.stderr)
    if report["errors"]:
        print("Refusé :" if fr else "Refused:", file=sys.stderr)
        for e in report["errors"]:
            print(f"  - {e['message']}", file=sys.stderr)
        return
    for doc in report.get("documents", []):
        name = _KINDS.get(doc["kind"], (doc["kind"], doc["kind"]))[0 if fr else 1]
        print(f"{name} ×{doc['copies']} : {doc['file']}" if fr else
              f"{name} ×{doc['copies']}: {doc['file']}")
    if report.get("totals"):
        t = report["totals"]
        print(f"Valeur totale {t['value']} {t['currency']} = {t['value_sdr']} DTS" if fr else
               f"Total value {t['value']} {t['currency']} = {t['value_sdr']} SDR")
        data = [f for f in report["files"] if f.endswith((".json", ".csv"))]
        print(("Données : " if fr else "Data: ") + ", ".join(data))
