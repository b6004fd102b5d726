"""`comptoir products import FILE.csv` / `comptoir products export FILE.csv`: the product
catalogue, headless. Import is all-or-nothing (every problem listed with its row and column,
exit 3) unless `--skip-invalid`; it runs the same validator as the product editor."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.commands._common import (
    EXIT_OK,
    EXIT_REFUSED,
    context_from,
    lang_of,
    print_json,
    run_guarded,
    violation_dict,
)
from desktop.services import catalogue_io


def register(sub) -> None:
    parser = sub.add_parser("products", help="import or export the product catalogue (CSV)")
    parser.add_argument("action", choices=("import", "export"))
    parser.add_argument("file", help="CSV file (columns: " + ", ".join(catalogue_io.COLUMNS)
                        + "; ';' or ',', UTF-8)")
    parser.add_argument("--skip-invalid", action="store_true",
                        help="import: write the good rows, list the bad ones")
    parser.add_argument("--json", action="store_true", help="machine-readable report")
    parser.set_defaults(func=lambda args: run_guarded(_products, args))


def _products(args) -> int:
    text = catalogue_io.read_file(args.file) if args.action == "import" else None
    ctx = context_from(args)
    try:
        lang = lang_of(args, ctx.settings)
        fr = lang == "fr"
        if args.action == "export":
            data = catalogue_io.export_all(ctx.database.products)
            Path(args.file).write_text(data, encoding="utf-8-sig", newline="")
            print((f"{data.count(chr(10)) - 1} produit(s) exporté(s)" if fr else
                   f"{data.count(chr(10)) - 1} product(s) exported") + f" → {args.file}")
            return EXIT_OK
        report = catalogue_io.import_csv(text, ctx.database.products,
                                         skip_invalid=args.skip_invalid)
        if args.json:
            print_json({"ok": report.ok, "written": report.written,
                        "problems": [violation_dict(v, lang) for v in report.problems]})
        else:
            if report.problems:
                print("Refusé :" if fr else "Refused:", file=sys.stderr)
                for v in report.problems:
                    print(f"  - {v.describe(lang)}", file=sys.stderr)
            print(f"{report.written} produit(s) importé(s)" if fr else
                  f"{report.written} product(s) imported")
        return EXIT_OK if report.ok or (args.skip_invalid and report.written) else EXIT_REFUSED
    finally:
        ctx.close()
