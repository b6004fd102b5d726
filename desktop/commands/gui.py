"""`comptoir` with no sub-command (or `comptoir gui`): the counter window."""

from __future__ import annotations


def register(sub) -> None:
    parser = sub.add_parser("gui", help="open the counter window (default)")
    parser.add_argument("--demo", action="store_true",
                        help="demo mode: temporary database, in-memory printer and scale")
    parser.set_defaults(func=run_gui)


def build_context(*args, **kwargs):
    """The composition root, imported in the start-up worker: the splash shows first. The
    database's daily integrity check runs once the window is up (`_Host.check_integrity`)."""
    from desktop.app import build_context as build

    return build(*args, defer_integrity_check=True, **kwargs)


def _prefetch() -> None:
    """Loads the storage code (SQLAlchemy, the tables: the longest import of the start) on a
    thread of its own from the first instant, while Qt loads and the splash shows; the
    start-up worker then finds it in memory (bench/startup.py)."""
    import threading

    def load() -> None:
        try:
            import desktop.app  # noqa: F401
        except Exception:  # noqa: BLE001 - the start-up worker imports it again and reports
            pass

    threading.Thread(target=load, name="prefetch storage", daemon=True).start()


def run_gui(args) -> int:
    _prefetch()
    from desktop.ui.application import run

    # The composition root is handed to the UI: desktop.ui must not import desktop.app,
    # which imports storage and devices (import-linter independence contract).
    return run(database_url=args.database, settings_file=args.config, lang=args.lang,
               demo=getattr(args, "demo", False), build=build_context)
