"""CLI sub-commands: each module here defines `register(subparsers)`; cli.py finds them all.

A module's `register` adds one sub-parser and sets `func=handler`; the handler receives the
parsed args and an `AppContext` factory and returns the exit code.
"""
