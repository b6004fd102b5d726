"""`python -m desktop` behaves like the `comptoir` command."""

import sys

from desktop.cli import main

sys.exit(main())
