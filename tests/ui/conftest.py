"""GUI test fixtures: a COMPTOIR_HOME per test, a real SQLite database, the file printer
spooling into the test folder, the simulated scale."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.domain.address import Address  # noqa: E402
from desktop.domain.shipment import Contact, SenderProfile  # noqa: E402

SHOP = Address(company="Atelier Comptoir", name="M. Jean Martin", street="12 rue des Lilas",
               postcode="69003", city="LYON", phone="04 72 00 00 00")
DUPONT = Address(name="Mme Claire Dupont", street="8 avenue Jean Jaurès", postcode="75019",
                 city="PARIS", email="claire@example.fr")
MULLER = Address(name="Hans Müller", street="Hauptstraße 5", postcode="10115", city="Berlin",
                 country="DE")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPTOIR_HOME", str(tmp_path))
    for var in ("COMPTOIR_CONFIG_DIR", "COMPTOIR_DATA_DIR", "COMPTOIR_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


@pytest.fixture
def ctx(home):
    from desktop.app import build_context
    from desktop.ui.application import system_transports

    context = build_context(extra_transports=system_transports(), lang="fr")
    yield context
    context.close()


@pytest.fixture
def spool(home):
    return home / "data" / "spool"


@pytest.fixture
def shop(ctx):
    profile, _ = ctx.senders.save(SenderProfile("Boutique", SHOP, is_default=True))
    return profile


@pytest.fixture
def contacts(ctx):
    return [ctx.address_book.save(Contact(a))[0] for a in (DUPONT, MULLER)]


@pytest.fixture
def window(qtbot, ctx):
    from desktop.ui.i18n import set_language
    from desktop.ui.main_window import MainWindow

    set_language("fr")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # shortcuts (F2, F12, Ctrl+P) need an active window
    yield win
    win.shutdown()


@pytest.fixture
def idle(qtbot):
    """Waits until a window's task runner has delivered every result."""

    def wait(win, timeout=10_000):
        qtbot.waitUntil(lambda: win.runner.active == 0, timeout=timeout)

    return wait
