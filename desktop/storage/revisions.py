"""The schema revisions the migration scripts lead to, read from their text (stdlib only):
whether a database is up to date is decided without importing Alembic (half a second) nor
SQLAlchemy (migrate.py compares them with the database's `alembic_version`)."""

from __future__ import annotations

import ast
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")


def _revision_ids(source: str) -> tuple[str | None, tuple[str, ...]]:
    """(revision, down_revisions) assigned at a script's top level, read without running it."""
    revision: str | None = None
    down: tuple[str, ...] = ()
    for node in ast.parse(source).body:
        target = value = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        if not isinstance(target, ast.Name) or value is None:
            continue
        if target.id == "revision":
            revision = ast.literal_eval(value)
        elif target.id == "down_revision":
            found = ast.literal_eval(value)
            down = tuple(found) if isinstance(found, (tuple, list)) else (
                (found,) if found else ())
    return revision, down


def head_revisions(folder: Path | None = None) -> set[str]:
    """The revisions no other script revises (what `alembic heads` prints)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for script in sorted(((folder or MIGRATIONS) / "versions").glob("*.py")):
        revision, down = _revision_ids(script.read_text(encoding="utf-8"))
        if revision:
            revisions.add(revision)
            revised.update(down)
    return revisions - revised
