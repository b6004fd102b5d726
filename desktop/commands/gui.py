"""`comptoir` with no sub-command (or `comptoir gui`): the counter window."""

from __future__ import annotations


def register(sub) -> None:
    parser = sub.add_parser("gui", help="open the counter window (default)")
    parser.add_argument("--demo", action="store_true",
                        help="demo mode: temporary database, in-memory printer and scale")
    parser.set_defaults(func=run_gui)


def build_context(*args, **kwargs):
    """The composition root, imported in the start-up worker: the splash shows first."""
    from desktop.app import build_context as build

    return build(*args, **kwargs)


def run_gui(args) -> int:
    from desktop.ui.application import run

    # The composition root is handed to the UI: desktop.ui must not import desktop.app,
    # which imports storage and devices (import-linter independence contract).
    return run(database_url=args.database, settings_file=args.config, lang=args.lang,
               demo=getattr(args, "demo", False), build=build_context)
