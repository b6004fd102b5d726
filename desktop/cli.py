"""The `comptoir` command: the GUI by default, sub-commands for headless work."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import desktop.commands
from desktop import __version__


def _global_options(parser: argparse.ArgumentParser, default=None) -> None:
    parser.add_argument("--database", metavar="URL", default=default,
                        help="SQLAlchemy URL (default: $COMPTOIR_DATABASE_URL, then an SQLite "
                             "file in the user data folder)")
    parser.add_argument("--config", metavar="FILE", default=default,
                        help="settings file (default: user config dir)")
    parser.add_argument("--lang", choices=("fr", "en"), default=default,
                        help="language of messages")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="comptoir", description="Comptoir — poste d'expédition / shipping station")
    parser.add_argument("--version", action="version", version=f"comptoir {__version__}")
    _global_options(parser)
    # The same options are accepted after the sub-command too (`comptoir ship f.json --lang en`);
    # SUPPRESS keeps a value given before the sub-command.
    shared = argparse.ArgumentParser(add_help=False)
    _global_options(shared, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_parser = sub.add_parser
    sub.add_parser = lambda *a, **kw: add_parser(*a, parents=[shared], **kw)  # type: ignore
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
