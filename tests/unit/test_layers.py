"""Screens and commands go through the services (issue 7): no `ctx.database` anywhere in
desktop/ui or desktop/commands (import-linter forbids importing the storage; this catches
the repositories reached through the application context)."""

from __future__ import annotations

import ast
from pathlib import Path

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def _database_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "database":
            owner = ast.unparse(node.value)
            if owner == "ctx" or owner.endswith(".ctx"):
                found.append(f"{path.name}:{node.lineno}: {owner}.database")
    return found


def test_ui_and_commands_never_reach_the_repositories():
    uses = [u for package in ("ui", "commands") for path in sorted((DESKTOP / package).rglob("*.py"))
            for u in _database_uses(path)]
    assert uses == []


def test_the_check_finds_a_repository_reached_through_the_context(tmp_path):
    sample = DESKTOP / "ui" / "__init__.py"
    bad = tmp_path / "bad.py"
    bad.write_text("def f(self):\n    return self.ctx.database.shipments.get(1)\n")
    assert _database_uses(sample) == []
    assert _database_uses(bad) == ["bad.py:2: self.ctx.database"]
