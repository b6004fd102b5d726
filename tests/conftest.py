"""Shared fixtures: every test gets its own COMPTOIR_HOME so no real user folder is touched."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never read or write the user's system keyring (carrier credentials).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"


@pytest.fixture(autouse=True)
def comptoir_home(tmp_path, monkeypatch):
    home = tmp_path / "comptoir-home"
    monkeypatch.setenv("COMPTOIR_HOME", str(home))
    monkeypatch.delenv("COMPTOIR_DATABASE_URL", raising=False)
    monkeypatch.delenv("COMPTOIR_CONFIG_DIR", raising=False)
    monkeypatch.delenv("COMPTOIR_DATA_DIR", raising=False)
    for name in ("DELIVENGO", "NOVAPOST"):  # carrier overrides of the developer's shell
        monkeypatch.delenv(f"COMPTOIR_{name}_API_URL", raising=False)
        monkeypatch.delenv(f"COMPTOIR_{name}_API_KEY", raising=False)
    return home
