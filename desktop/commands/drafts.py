"""`comptoir drafts [--json]`: the counter drafts this bench keeps in its offline journal.

Waiting ones were typed while the shared database server was unreachable and are saved when
it is back (the window retries them); set-aside ones were refused by the database on replay
(now invalid) and are never retried: each is listed with its reason, the recipient and its
file, for the clerk to type it again. Works without the server: it reads the bench's disk.
"""

from __future__ import annotations

import sys

from desktop.commands._common import EXIT_OK, lang_of, print_json, run_guarded, terminal_text, tr


def register(sub) -> None:
    parser = sub.add_parser("drafts", help="offline drafts of this bench: waiting, set aside")
    parser.add_argument("--json", action="store_true", help="machine-readable list")
    parser.set_defaults(func=lambda args: run_guarded(_drafts, args))


def _drafts(args) -> int:
    from desktop.app import draft_journal
    from desktop.config import load_settings
    from desktop.services.offline_drafts import SetAside

    lang = lang_of(args, load_settings(args.config))
    journal = draft_journal()
    waiting = [SetAside(k, r) for k, r in journal.pending()]
    aside = [SetAside(k, r) for k, r in journal.set_aside_entries()]
    rows = ([_row(d, "waiting", lang, journal.folder) for d in waiting]
            + [_row(d, "set_aside", lang, journal.aside_folder) for d in aside])
    if args.json:
        print_json({"drafts": rows})
        return EXIT_OK
    if not rows:
        print(tr("Aucun envoi gardé sur ce poste.", lang), file=sys.stderr)
        return EXIT_OK
    state = {"waiting": ("en attente du serveur", "waiting for the server"),
             "set_aside": ("mis de côté", "set aside")}
    for r in rows:
        print(f"{state[r['state']][0 if lang == 'fr' else 1]:<22}  "
              f"{terminal_text(r['recipient']):<30}  {terminal_text(r['reference']):<16}  "
              f"{r['file']}")
        if r["reason"]:
            print(f"    {terminal_text(r['reason'])}")
    return EXIT_OK


def _row(draft, state: str, lang: str, folder) -> dict:
    shipment = draft.record.get("shipment", {})
    return {"state": state, "key": draft.key, "recipient": draft.recipient,
            "reference": shipment.get("reference", ""),
            "service_id": shipment.get("service_id", ""),
            "reason": draft.message(lang) if state == "set_aside" else "",
            "set_aside_at": draft.reason.get("at", ""),
            "file": str(folder / f"{draft.key}.json")}
