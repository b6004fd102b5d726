"""`comptoir import contacts|products FILE.csv` and `comptoir export contacts|products|shipments FILE.csv`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop.commands._common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    context_from,
    lang_of,
    print_json,
    report_refusal,
    run_guarded,
    violation_dict,
)

ORDER_SERVICE = "colissimo-domicile-france"  # the shop's choice; --service changes it
ORDER_SERVICE_ABROAD = "colissimo-expert-international"
PRESETS_FILE = "csv_presets.json"  # the shop's saved column mappings, in the config folder


def register(sub) -> None:
    imp = sub.add_parser("import", help="import contacts, products or a shop's orders (work "
                         "list drafts) from a CSV file (all or nothing)")
    imp.add_argument("kind", choices=("contacts", "products", "orders"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--preset", help="column mapping: comptoir, woocommerce, shopify, "
                     "prestashop, coliship or a saved one (default: recognised from the header)")
    imp.add_argument("--on-duplicate", choices=("skip", "update", "keep"),
                     help="a contact already in the address book: keep it (skip, the "
                     "default), replace it (update) or add the row too (keep); products are "
                     "always updated by SKU")
    imp.add_argument("--map", action="append", default=[], metavar="FIELD=HEADER",
                     help="map one column by hand, e.g. --map 'name=Nom complet'")
    imp.add_argument("--save-preset", metavar="NAME", help="save the mapping used under NAME")
    imp.add_argument("--preview", "--dry-run", dest="preview", action="store_true",
                     help="check and show, write nothing")
    imp.add_argument("--service", default=ORDER_SERVICE,
                     help=f"orders: the service for the home country (default {ORDER_SERVICE})")
    imp.add_argument("--service-abroad", default=ORDER_SERVICE_ABROAD,
                     help=f"orders: the service for other countries (default "
                     f"{ORDER_SERVICE_ABROAD})")
    imp.add_argument("--json", action="store_true", help="machine-readable report")
    imp.set_defaults(func=lambda args: run_guarded(_import, args))

    exp = sub.add_parser("export", help="export contacts, products or shipments to CSV")
    exp.add_argument("kind", choices=("contacts", "products", "shipments"))
    exp.add_argument("file", type=Path)
    exp.add_argument("--separator", choices=(";", ","), default=";")
    exp.set_defaults(func=lambda args: run_guarded(_export, args))


def _read(path: Path) -> bytes:
    from desktop.services.csv_files import MAX_FILE_BYTES
    from desktop.services.user_files import read_bounded

    return read_bounded(path, MAX_FILE_BYTES, too_big="csv_too_big")


def _saved_presets(ctx) -> tuple[Path, dict]:
    from desktop.config import config_dir

    path = (ctx.settings_file.parent if ctx.settings_file else config_dir()) / PRESETS_FILE
    try:
        return path, json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return path, {}


# Options an import kind does not read: refused by name rather than silently ignored.
# Products have fixed columns (services/catalogue_io.py) and are updated by SKU; orders map
# their columns with order presets only (docs/csv-import.md).
_NOT_FOR = {
    "products": {"preset": "--preset", "map": "--map", "save_preset": "--save-preset",
                 "on_duplicate": "--on-duplicate"},
    "orders": {"map": "--map", "save_preset": "--save-preset", "on_duplicate": "--on-duplicate"},
}


def _unused_option(args) -> str:
    """The first option given that `args.kind` would ignore, else ""."""
    for attr, option in _NOT_FOR.get(args.kind, {}).items():
        value = getattr(args, attr, None)
        if value and not (attr == "on_duplicate" and args.kind == "products"
                          and value == "update"):
            return option
    return ""


def _import(args) -> int:
    unused = _unused_option(args)
    if unused:
        fr = (args.lang or "fr") == "fr"
        why = {"products": ("colonnes fixes, mises à jour par SKU",
                            "fixed columns, updated by SKU"),
               "orders": ("les colonnes des commandes suivent --preset",
                          "order columns follow --preset")}[args.kind]
        print(f"{unused} : option sans effet pour « import {args.kind} » ({why[0]}) ; "
              f"rien n'a été importé." if fr else
              f"{unused}: not an option of 'import {args.kind}' ({why[1]}); nothing was "
              f"imported.", file=sys.stderr)
        return EXIT_USAGE
    data = _read(args.file)
    ctx = context_from(args)
    lang = lang_of(args, ctx.settings)
    try:
        if args.kind == "products":
            return _import_products(ctx, data, args, lang)
        if args.kind == "orders":
            return _import_orders(ctx, data, args, lang)
        from desktop.services import contacts_csv

        presets_path, saved = _saved_presets(ctx)
        column_map = {}
        for item in args.map:
            name, _, header = item.partition("=")
            column_map[name.strip()] = header.strip()
        plan = ctx.address_book.plan_import(
            data, preset=args.preset,
            on_duplicate=contacts_csv.OnDuplicate(args.on_duplicate or "skip"),
            saved_presets=saved,
            column_map=column_map)
        if not plan.ok:
            return _refuse_rows(plan.problems, plan.more_problems, lang, args.json)
        written = 0 if args.preview else ctx.address_book.commit_import(plan)
        if args.save_preset:
            saved[args.save_preset] = {"label": args.save_preset,
                                       "columns": {k: [v] for k, v in plan.mapping.items()}}
            presets_path.parent.mkdir(parents=True, exist_ok=True)
            presets_path.write_text(json.dumps(saved, ensure_ascii=False, indent=2),
                                    encoding="utf-8")
        summary = {"ok": True, "preview": args.preview, "rows": plan.rows,
                   "new": len(plan.new), "updated": len(plan.updates), "skipped": plan.skipped,
                   "written": written, "encoding": plan.encoding, "separator": plan.delimiter,
                   "preset": plan.preset, "mapping": plan.mapping,
                   "ignored_columns": plan.ignored_columns}
        if args.json:
            summary["preview_rows"] = [c.address.display_name for c in plan.preview]
            print_json(summary)
        else:
            fr = lang == "fr"
            print((f"{plan.rows} lignes lues ({plan.encoding}, « {plan.delimiter} », format "
                   f"{plan.preset}) : {len(plan.new)} nouveaux, {len(plan.updates)} mis à jour, "
                   f"{plan.skipped} doublons ignorés.") if fr else
                  (f"{plan.rows} rows read ({plan.encoding}, '{plan.delimiter}', format "
                   f"{plan.preset}): {len(plan.new)} new, {len(plan.updates)} updated, "
                   f"{plan.skipped} duplicates skipped."))
            if plan.ignored_columns:
                print(("Colonnes ignorées : " if fr else "Ignored columns: ")
                      + ", ".join(plan.ignored_columns))
            for c in plan.preview:
                a = c.address
                print(f"  {a.display_name} — {a.postcode} {a.city} ({a.country}) {a.phone}")
            if args.preview:
                print("Aperçu seulement : rien n'a été enregistré." if fr else
                      "Preview only: nothing was stored.")
        return EXIT_OK
    finally:
        ctx.close()


def _import_products(ctx, data: bytes, args, lang: str) -> int:
    from desktop.services import catalogue_io

    text = catalogue_io.decode_csv(data)  # encoding, separator, size bounds: as for contacts
    if args.preview:
        report = catalogue_io.read_csv(text)
    else:
        report = ctx.products.import_csv(text)
    if not report.ok:
        return _refuse_rows(report.problems, 0, lang, args.json)
    if args.json:
        print_json({"ok": True, "preview": args.preview, "rows": len(report.products),
                    "written": report.written})
    else:
        print(f"{len(report.products)} produits, {report.written} enregistrés." if lang == "fr"
              else f"{len(report.products)} products, {report.written} stored.")
    return EXIT_OK


def _import_orders(ctx, data: bytes, args, lang: str) -> int:
    plan = ctx.work_list.plan_import(data, service_id=args.service,
                                     service_abroad=args.service_abroad,
                                     preset=args.preset or "auto")
    if not plan.ok:
        return _refuse_rows(plan.problems, plan.more_problems, lang, args.json)
    stored = [] if args.preview else ctx.work_list.commit_import(plan)[0]
    if args.json:
        print_json({"ok": True, "preview": args.preview, "rows": plan.rows,
                    "orders": len(plan.orders), "written": len(stored),
                    "encoding": plan.encoding, "separator": plan.delimiter,
                    "preset": plan.preset, "mapping": plan.mapping,
                    "drafts": [{"reference": o.reference, "recipient":
                                o.recipient.display_name, "country": o.recipient.country,
                                "service": o.service_id,
                                "items": [{"sku": i.sku, "quantity": i.quantity}
                                          for i in (o.customs.items if o.customs else ())]}
                               for o in plan.orders]})
        return EXIT_OK
    fr = lang == "fr"
    print((f"{plan.rows} lignes lues ({plan.encoding}, « {plan.delimiter} », format "
           f"{plan.preset}) : {len(plan.orders)} commandes.") if fr else
          (f"{plan.rows} rows read ({plan.encoding}, '{plan.delimiter}', format "
           f"{plan.preset}): {len(plan.orders)} orders."))
    for o in plan.orders:
        n = sum(i.quantity for i in (o.customs.items if o.customs else ()))
        print(f"  {o.reference} — {o.recipient.display_name}, {o.recipient.postcode} "
              f"{o.recipient.city} ({o.recipient.country}), {n} article(s), {o.service_id}")
    print(("Aperçu seulement : rien n'a été enregistré." if fr else
           "Preview only: nothing was stored.") if args.preview else
          (f"{len(stored)} brouillons dans la liste de travail." if fr else
           f"{len(stored)} drafts in the work list."))
    return EXIT_OK


def _refuse_rows(problems, more: int, lang: str, as_json: bool) -> int:
    if as_json:
        print_json({"ok": False, "written": 0, "more_errors": more,
                    "errors": [violation_dict(v, lang) for v in problems]})
        return EXIT_REFUSED
    report_refusal(problems, lang, False)
    if more:
        print((f"  … et {more} autres erreurs." if lang == "fr" else f"  … and {more} more."),
              file=sys.stderr)
    print("Rien n'a été importé." if lang == "fr" else "Nothing was imported.", file=sys.stderr)
    return EXIT_REFUSED


def _export(args) -> int:
    from desktop.services.user_files import open_private

    ctx = context_from(args)
    lang = lang_of(args, ctx.settings)
    partial = args.file.with_name(args.file.name + ".part")
    try:
        with open_private(partial) as out:  # 0600: names and addresses
            if args.kind == "contacts":
                n = ctx.address_book.export_csv(out, args.separator)
            elif args.kind == "shipments":
                n = ctx.history.export_csv(out, args.separator)
            else:
                from desktop.services.catalogue_io import COLUMNS, product_row
                from desktop.services.csv_files import write_csv

                n = write_csv(out, COLUMNS, (product_row(p) for p in
                                             ctx.products.search("", limit=1_000_000)),
                              args.separator)
        partial.replace(args.file)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        print(f"{args.file}: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        ctx.close()
    print(f"{n} lignes écrites dans {args.file}" if lang == "fr"
          else f"{n} rows written to {args.file}")
    return EXIT_OK
