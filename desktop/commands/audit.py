"""`comptoir audit`: the personal-data audit log (purges, erasures, exports, backups,
restores: when, what, rule, how many — never the data), newest first."""

from __future__ import annotations

from desktop.commands._common import EXIT_OK, context_from, lang_of, print_json, run_guarded


def register(sub) -> None:
    parser = sub.add_parser("audit", help="the personal-data audit log (purges, erasures, "
                            "exports, backups, restores), newest first")
    parser.add_argument("--limit", type=int, default=100, metavar="N",
                        help="at most N entries (default 100)")
    parser.add_argument("--json", action="store_true", help="machine-readable")
    parser.set_defaults(func=lambda args: run_guarded(_audit, args))


def _audit(args) -> int:
    ctx = context_from(args)
    try:
        entries = ctx.personal_data.audit_log(max(0, args.limit))
        if args.json:
            print_json({"entries": [
                {"at": e.at.isoformat() if e.at else None, "action": e.action, "rule": e.rule,
                 "count": e.count, "detail": e.detail, "bench": e.bench} for e in entries]})
            return EXIT_OK
        if not entries:
            print("Journal d'audit vide." if lang_of(args, ctx.settings) == "fr"
                  else "The audit log is empty.")
        for e in entries:
            when = e.at.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if e.at else "?"
            rule = f"  [{e.rule}]" if e.rule else ""
            bench = f"  ({e.bench})" if e.bench else ""
            print(f"{when}  {e.action:<8} {e.count:>7}  {e.detail}{rule}{bench}")
        return EXIT_OK
    finally:
        ctx.close()
