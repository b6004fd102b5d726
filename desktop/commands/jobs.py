"""`comptoir jobs [--json]`, `comptoir jobs retry [ID…] [--json]`: the print queue.

`jobs` lists the latest print jobs (id, shipment, tracking number, kind, state, reason);
`jobs retry` sends what waits (queued jobs, and failed ones not printed since), oldest first,
each once: a retry after success prints nothing. Exit 4 when something still waits after it.
"""

from __future__ import annotations

import sys

from desktop.commands._common import (
    EXIT_OK,
    EXIT_PRINT_FAILED,
    context_from,
    lang_of,
    ntr,
    print_json,
    run_guarded,
    tr,
)
from desktop.domain.printing import JobOutcome
from desktop.domain.translations import N_


def register(sub) -> None:
    parser = sub.add_parser("jobs", help="print jobs: list them, or `jobs retry [ID…]`")
    parser.add_argument("action", nargs="?", choices=("list", "retry", "purge"), default="list",
                        help="list (default); retry: send what waits; purge: drop the bytes "
                             "of deposited or expired labels, keeping their SHA-256")
    parser.add_argument("ids", nargs="*", type=int, metavar="ID",
                        help="job ids to retry (default: every job that waits)")
    parser.add_argument("--limit", type=int, default=50, help="jobs listed (newest)")
    parser.add_argument("--json", action="store_true", help="machine-readable list")
    parser.set_defaults(func=lambda args: run_guarded(_jobs, args))


def job_dict(job, tracking: str) -> dict:
    return {"id": job.id, "shipment_id": job.shipment_id, "tracking_number": tracking,
            "kind": job.kind, "state": job.outcome.value, "reason": job.error,
            "printer": job.printer, "output": job.output, "reprint_of": job.reprint_of,
            "created_at": job.created_at.isoformat() if job.created_at else None}


def _tracking(ctx, jobs) -> dict[int, str]:
    numbers: dict[int, str] = {}
    for sid in dict.fromkeys(j.shipment_id for j in jobs if j.shipment_id):
        numbers[sid] = ctx.history.get(sid).tracking_number or ""
    return numbers


def _jobs(args) -> int:
    ctx = context_from(args)
    try:
        lang = lang_of(args, ctx.settings)
        # Jobs a dead process left `sending` await the clerk now (never sent again here).
        ctx.resume(resend=False)
        if args.action == "purge":
            count = ctx.purge_print_bytes()
            if args.json:
                print_json({"purged": count})
            else:
                print(ntr("{n} travail purgé", "{n} travaux purgés", count, lang))
            return EXIT_OK
        if args.action == "retry":
            jobs = ctx.printing.retry(args.ids)
        else:
            jobs = ctx.printing.recent(args.limit)[::-1]  # oldest first, like a queue
        numbers = _tracking(ctx, jobs)
        rows = [job_dict(j, numbers.get(j.shipment_id, "")) for j in jobs]
        still = [j for j in jobs if j.outcome is not JobOutcome.SENT]
        if args.json:
            print_json({"ok": not still, "jobs": rows} if args.action == "retry"
                       else {"jobs": rows})
        else:
            _table(rows, lang, args.action)
        return EXIT_PRINT_FAILED if args.action == "retry" and still else EXIT_OK
    finally:
        ctx.close()


def _table(rows: list[dict], lang: str, action: str) -> None:
    if not rows:
        empty = {"retry": N_("Rien à imprimer."), "list": N_("Aucun travail d'impression.")}
        print(tr(empty[action], lang), file=sys.stderr)
        return
    for r in rows:
        print(f"{r['id']:>6}  {r['shipment_id'] or '':>6}  {r['tracking_number']:<13}  "
              f"{r['kind']:<8}  {r['state']:<21}  {r['reason']}")
