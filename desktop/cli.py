"""The `comptoir` command: the GUI by default, sub-commands for headless work."""

from __future__ import annotations

import argparse
import importlib
import os
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


def _command_of(argv: list[str]) -> str | None:
    """The sub-command's name: the first argument that is not a global option or its value."""
    args = iter(argv)
    for arg in args:
        if arg in _GUI_VALUES:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
        elif arg.split("=", 1)[0] not in _GUI_VALUES:
            return None  # --help, --version, an unknown option: the full parser answers
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The full parser; given the command line, only the module named after its sub-command
    is imported when there is one (`history` → desktop.commands.history): the others cost
    about 0.2 s of imports that `comptoir history TEXT` does not need (issue 12 §5)."""
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
    names = sorted(m.name for m in pkgutil.iter_modules(desktop.commands.__path__))
    command = _command_of(argv or [])
    if command in names and not command.startswith("_"):
        names = [command]
    for name in names:
        module = importlib.import_module(f"desktop.commands.{name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    """Just what the window needs: importing every sub-command costs a third of a second
    at each start (issue 10 §1, bench/startup.py)."""
    parser = argparse.ArgumentParser(prog="comptoir")
    _global_options(parser)
    parser.add_argument("--demo", action="store_true")
    parser.set_defaults(command=None)
    return parser


_GUI_VALUES = ("--database", "--config", "--lang")


def _wants_gui(argv: list[str]) -> bool:
    """Only the window's own options (or none): `comptoir`, `comptoir gui --demo --lang en`.
    Anything else (a sub-command, --help, an unknown option) goes to the full parser."""
    args = iter(argv)
    for arg in args:
        if arg in ("gui", "--demo") or arg.split("=", 1)[0] in _GUI_VALUES and "=" in arg:
            continue
        if arg in _GUI_VALUES:
            next(args, None)  # its value
            continue
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Runs one command and returns its exit code: 0 done, 2 bad arguments, file, settings
    or database, 3 refused by a rule, 4 stored but not printed. A closed pipe
    (`comptoir history | head`) ends quietly."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if _wants_gui(argv):
        args = _gui_parser().parse_args([a for a in argv if a != "gui"])
        from desktop.commands.gui import run_gui
        return run_gui(args)
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed "argument --x: …"; --help, --version
        return exc.code if isinstance(exc.code, int) else 2
    try:
        if args.command is None:
            from desktop.commands.gui import run_gui
            return run_gui(args)
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130  # 128 + SIGINT, as shells report it
    except Exception as exc:  # noqa: BLE001 - a bug still ends as one sentence
        if os.environ.get("COMPTOIR_DEBUG"):
            raise
        print(f"comptoir: erreur interne / internal error: {type(exc).__name__}: "
              f"{str(exc)[:200]} (COMPTOIR_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's final flush does not
    raise again (docs.python.org/3/library/signal.html, note on SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # in-process (tests): stdout is not a file descriptor


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
