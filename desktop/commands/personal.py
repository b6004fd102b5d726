"""Personal data and the database file: `comptoir purge`, `backup`, `restore`, `person`."""

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
)


def register(sub) -> None:
    purge = sub.add_parser("purge", help="delete shipments past their carrier's retention "
                           "period (preview, then confirm)")
    purge.add_argument("--dry-run", action="store_true", help="show what would go; delete nothing")
    purge.add_argument("--yes", action="store_true", help="confirm without asking")
    purge.add_argument("--json", action="store_true")
    purge.set_defaults(func=lambda args: run_guarded(_purge, args))

    backup = sub.add_parser("backup", help="a consistent copy of the database (0600)")
    backup.add_argument("--to", type=Path, metavar="FOLDER", help="default: <data>/backups")
    backup.set_defaults(func=lambda args: run_guarded(_backup, args))

    restore = sub.add_parser("restore", help="replace the database by a checked backup "
                             "(the current one is kept aside)")
    restore.add_argument("file", type=Path)
    restore.add_argument("--yes", action="store_true", help="confirm without asking")
    restore.set_defaults(func=lambda args: run_guarded(_restore, args))

    person = sub.add_parser("person", help="one person's data: export (access request) or "
                            "erase (erasure request)")
    person.add_argument("action", choices=("export", "erase"))
    person.add_argument("query", help="name, e-mail or phone as stored")
    person.add_argument("--yes", action="store_true", help="confirm the erasure without asking")
    person.add_argument("--json", action="store_true")
    person.set_defaults(func=lambda args: run_guarded(_person, args))


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        return False  # never destroy data on a guess: scripts pass --yes
    return input(f"{question} [o/N] ").strip().lower() in ("o", "oui", "y", "yes")


def _purge(args) -> int:
    ctx = context_from(args)
    fr = lang_of(args, ctx.settings) == "fr"
    try:
        lines = ctx.personal_data.purge_preview()
        total = sum(line.count for line in lines)
        if args.json and (args.dry_run or not total):
            print_json({"dry_run": True, "total": total, "services": [
                {"service": x.service_id, "count": x.count, "days": x.rule.days,
                 "customs_days": x.rule.customs_days, "zone_days": dict(x.rule.zone_days),
                 "source": x.rule.source} for x in lines]})
            return EXIT_OK
        for x in lines:
            print(f"  {x.service_id:<40} {x.count:>8}   {x.rule.days} j / {x.rule.customs_days} j"
                  f" (douane)   {x.rule.source}" if fr else
                  f"  {x.service_id:<40} {x.count:>8}   {x.rule.days} d / {x.rule.customs_days} d"
                  f" (customs)   {x.rule.source}")
        if not total:
            print("Rien à purger." if fr else "Nothing to purge.")
            return EXIT_OK
        if args.dry_run:
            print(f"{total} expéditions seraient supprimées (aperçu)." if fr else
                  f"{total} shipments would be deleted (dry run).")
            return EXIT_OK
        if not _confirm(f"Supprimer {total} expéditions ?" if fr else f"Delete {total} shipments?",
                        args.yes):
            print("Annulé : rien n'a été supprimé." if fr else "Cancelled: nothing deleted.",
                  file=sys.stderr)
            return EXIT_REFUSED
        done = ctx.personal_data.purge()
        if args.json:
            print_json({"dry_run": False, "deleted": done, "total": sum(done.values())})
        else:
            print(f"{sum(done.values())} expéditions supprimées (journal d'audit)." if fr else
                  f"{sum(done.values())} shipments deleted (audit log).")
        return EXIT_OK
    finally:
        ctx.close()


def _backup(args) -> int:
    ctx = context_from(args)
    fr = lang_of(args, ctx.settings) == "fr"
    try:
        target = ctx.backup(args.to)
        ctx.personal_data.record("backup", detail=target.name)
        print(f"Sauvegarde : {target}" if fr else f"Backup: {target}")
        return EXIT_OK
    finally:
        ctx.close()


def _restore(args) -> int:
    from desktop.app import restore_database

    fr = (args.lang or "fr") == "fr"
    if not _confirm(f"Remplacer la base par {args.file} ?" if fr else
                    f"Replace the database with {args.file}?", args.yes):
        print("Annulé." if fr else "Cancelled.", file=sys.stderr)
        return EXIT_REFUSED
    restored, before = restore_database(args.file, args.database, args.config)
    print((f"Base restaurée : {restored}" + (f" (l'ancienne est gardée : {before})" if before else ""))
          if fr else
          (f"Database restored: {restored}" + (f" (the previous one is kept: {before})"
                                               if before else "")))
    return EXIT_OK


def _person(args) -> int:
    ctx = context_from(args)
    fr = lang_of(args, ctx.settings) == "fr"
    try:
        if args.action == "export":
            print_json(ctx.personal_data.export_person(args.query))
            return EXIT_OK
        plan = ctx.personal_data.erase_plan(args.query)
        n_contacts, n_erased = len(plan.person.contacts), len(plan.erased_shipment_ids)
        for c in plan.person.contacts:
            print(f"  contact {c.id}: {c.address.display_name}, {c.address.postcode} "
                  f"{c.address.city}")
        print((f"{n_contacts} contact(s) supprimé(s), {n_erased} expédition(s) anonymisée(s), "
               f"{len(plan.kept_shipment_ids)} gardée(s) (déclaration en douane, obligation "
               "légale)") if fr else
              (f"{n_contacts} contact(s) deleted, {n_erased} shipment(s) anonymised, "
               f"{len(plan.kept_shipment_ids)} kept (customs declaration, legal obligation)"))
        if not (n_contacts or n_erased):
            return EXIT_OK
        if not _confirm("Effacer ?" if fr else "Erase?", args.yes):
            print("Annulé : rien n'a été effacé." if fr else "Cancelled: nothing erased.",
                  file=sys.stderr)
            return EXIT_REFUSED
        done = ctx.personal_data.erase(plan)
        print("Effacé (journal d'audit)." if fr else "Erased (audit log).")
        if done.files_removed:
            print(f"{done.files_removed} fichier(s) d'impression supprimé(s) du spool." if fr
                  else f"{done.files_removed} spooled print file(s) removed.")
        for path in done.files_left:  # the clerk removes it by hand
            print(f"À supprimer à la main (droits insuffisants) : {path}" if fr else
                  f"Remove by hand (not permitted): {path}", file=sys.stderr)
        return EXIT_OK
    finally:
        ctx.close()
