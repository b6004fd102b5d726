"""`comptoir history`: the latest shipments, searchable."""

from __future__ import annotations

from desktop.commands._common import (
    EXIT_OK,
    bounded_int_argument,
    context_from,
    date_argument,
    history_context_from,
    lang_of,
    print_json,
    run_guarded,
    terminal_text,
    tr,
)
from desktop.domain.ports import HistoryQuery
from desktop.domain.tracking import group_number

MAX_HISTORY_ROWS = 100_000  # one listing; narrow the search or the dates for more


def register(sub) -> None:
    parser = sub.add_parser("history", help="list saved shipments (newest first)")
    parser.add_argument("search", nargs="?", default="",
                        help="name, company, city, tracking number or reference")
    parser.add_argument("--from", dest="date_from", type=date_argument, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=date_argument, metavar="YYYY-MM-DD")
    parser.add_argument("--status", choices=("draft", "printed", "deposited", "voided"))
    parser.add_argument("--carrier", help="colissimo, laposte-delivengo, novapost …")
    parser.add_argument("--service", action="append", default=[], metavar="SERVICE_ID")
    parser.add_argument("--country", metavar="XX", help="recipient country (ISO alpha-2)")
    parser.add_argument("--bench", metavar="NAME",
                        help="only the shipments saved on this bench (setting bench_name)")
    parser.add_argument("--limit", type=bounded_int_argument(1, MAX_HISTORY_ROWS), default=50,
                        help=f"at most this many shipments (1–{MAX_HISTORY_ROWS})")
    parser.add_argument("--json", action="store_true", help="machine-readable list")
    parser.set_defaults(func=lambda args: run_guarded(_history, args))


def _history(args) -> int:
    # The listing alone reads through the read-only context (0.5 s budget as a process);
    # --json also lists each shipment's print jobs, which the full context reads.
    ctx = context_from(args) if args.json else history_context_from(args)
    try:
        query = HistoryQuery(text=args.search, date_from=args.date_from, date_to=args.date_to,
                             status=args.status, service_ids=tuple(args.service),
                             country=args.country, bench=args.bench or None,
                             limit=args.limit + 1)
        if args.carrier:
            query = ctx.history.with_carrier(query, args.carrier)
        rows = ctx.history.search(query)
        more, rows = len(rows) > args.limit, rows[:args.limit]  # one extra row, never a count
        if args.json:
            from desktop.services.shipment_file import shipment_to_dict  # only for --json

            print_json({"more": more,
                        "shipments": [{**shipment_to_dict(s), "bench": s.bench,
                                       "jobs": _jobs_of(ctx, s.id)} for s in rows]})
            return EXIT_OK
        lang = lang_of(args, ctx.settings)
        if not rows:
            print(tr("Aucune expédition.", lang))
        for s in rows:
            when = s.created_at.astimezone().strftime("%d/%m/%Y %H:%M") if s.created_at else ""
            # Stored text is shown escaped: a name never sends escape sequences to the terminal.
            print(terminal_text(
                f"{s.id:>6}  {when}  {group_number(s.tracking_number or ''):<18}  "
                f"{s.status.value:<9}  {s.service_id:<36}  {s.recipient.display_name} "
                f"({s.recipient.postcode} {s.recipient.city}, {s.recipient.country})"
                + (f"  [{s.bench}]" if s.bench else "")))
        return EXIT_OK
    finally:
        ctx.close()


def _jobs_of(ctx, shipment_id: int) -> list[dict]:
    """The shipment's print jobs and their states (queued, sent, awaiting_confirmation …)."""
    return [{"id": j.id, "kind": j.kind, "state": j.outcome.value, "reason": j.error,
             "reprint_of": j.reprint_of} for j in ctx.printing.history(shipment_id)]
