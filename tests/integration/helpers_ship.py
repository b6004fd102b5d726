"""Child process for the ship crash test (run as a script, not collected).

    helpers_ship.py ARGS...
        imports Comptoir (the slow part of a start), prints "ready", waits for a line on
        stdin, then runs `comptoir ARGS...` — the parent kills it at a random instant of the
        command itself rather than of the Python imports.
"""

from __future__ import annotations

import sys

import desktop.app  # noqa: F401  - warm the imports the command needs
import desktop.printing.cn22  # noqa: F401
import desktop.printing.invoice  # noqa: F401
import desktop.printing.render  # noqa: F401
import desktop.storage.db  # noqa: F401
from desktop.cli import main

if __name__ == "__main__":
    print("ready", flush=True)
    sys.stdin.readline()
    sys.exit(main(sys.argv[1:]))
