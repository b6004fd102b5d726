"""The `comptoir` command: the GUI by default, sub-commands for headless work."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import desktop.commands
from desktop import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="comptoir", description="Comptoir — poste d'expédition / shipping station")
    parser.add_argument("--version", action="version", version=f"comptoir {__version__}")
    parser.add_argument("--database", metavar="URL",
                        help="SQLAlchemy URL (default: $COMPTOIR_DATABASE_URL, then an SQLite "
                             "file in the user data folder)")
    parser.add_argument("--config", metavar="FILE", help="settings file (default: user config dir)")
    parser.add_argument("--lang", choices=("fr", "en"), help="language of messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(desktop.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"desktop.commands.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from desktop.commands.gui import run_gui
        return run_gui(args)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
