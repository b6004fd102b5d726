"""Address book view: search, add, edit, delete (with confirmation), errors inline."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui import confirm
from desktop.ui.models.contacts import ContactsModel
from tests.ui.helpers import db_rows


def loaded(qtbot, view, count: int) -> None:
    qtbot.waitUntil(lambda: view.model.rowCount() == count and view.runner.active == 0)


def test_lists_and_searches(qtbot, contacts, window):
    view = window.address_book
    loaded(qtbot, view, 2)
    qtbot.keyClicks(view.search, "Berlin")
    loaded(qtbot, view, 1)
    assert view.model.contact(0).address.name == "Hans Müller"
    assert view.proxy.rowCount() == 1


def test_add_with_inline_errors_then_saved(qtbot, window, home, idle):
    view = window.address_book
    loaded(qtbot, view, 0)
    dialog = view.add()
    form = dialog.form.edits
    form["name"].setText("SARL Les Tilleuls")
    form["street"].setText("3 chemin des Tilleuls")
    form["city"].setText("Annecy")
    dialog.buttons.accepted.emit()  # Save: the postcode is missing
    qtbot.waitUntil(lambda: dialog.form.errors.has_error("postcode"))
    assert "obligatoire" in dialog.form.errors.label("postcode").text()
    assert dialog.isVisible()
    assert db_rows(home, "SELECT count(*) AS n FROM contacts")[0]["n"] == 0

    qtbot.keyClicks(form["postcode"], "74000")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.buttons.accepted.emit()
    loaded(qtbot, view, 1)
    rows = db_rows(home, "SELECT name, postcode, city FROM contacts")
    assert [tuple(r) for r in rows] == [("SARL Les Tilleuls", "74000", "Annecy")]
    idle(window)


def test_postcode_fills_the_routing_label(qtbot, window, idle):
    dialog = window.address_book.add()
    form = dialog.form.edits
    form["postcode"].setFocus()
    qtbot.keyClicks(form["postcode"], "74000")
    qtbot.waitUntil(lambda: form["city"].text() == "ANNECY")
    dialog.reject()
    idle(window)


def test_edit_selected(qtbot, contacts, window, home, idle):
    view = window.address_book
    loaded(qtbot, view, 2)
    row = next(r for r in range(2) if view.model.contact(r).address.name == "Hans Müller")
    view.select_row(row)
    dialog = view.edit_selected()
    assert dialog.form.edits["city"].text() == "Berlin"
    dialog.form.edits["city"].setText("Potsdam")
    dialog.form.edits["postcode"].setText("14467")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(view.model.contact(r) and view.model.contact(r).address.city
                                == "Potsdam" for r in range(view.model.rowCount())))
    rows = db_rows(home, "SELECT id, city FROM contacts WHERE name = 'Hans Müller'")
    assert [(r["id"], r["city"]) for r in rows] == [(contacts[1].id, "Potsdam")]
    idle(window)


def test_delete_asks_first(qtbot, contacts, window, home, monkeypatch, idle):
    view = window.address_book
    loaded(qtbot, view, 2)
    view.select_row(0)
    answers = []
    monkeypatch.setattr(confirm, "ask", lambda *a: answers.append(a) or False)
    assert view.delete_selected() is False  # "No": nothing happens
    assert db_rows(home, "SELECT count(*) AS n FROM contacts")[0]["n"] == 2
    monkeypatch.setattr(confirm, "ask", lambda *a: answers.append(a) or True)
    assert view.delete_selected() is True
    loaded(qtbot, view, 1)
    assert db_rows(home, "SELECT count(*) AS n FROM contacts")[0]["n"] == 1
    assert len(answers) == 2
    idle(window)


def test_contacts_model_passes_modeltester(qtbot, qtmodeltester, ctx, contacts):
    from desktop.ui.tasks import TaskRunner

    runner = TaskRunner()
    model = ContactsModel(ctx.address_book, runner)
    model.set_contacts(ctx.address_book.search(""))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    # A row whose contact was dropped from the cache is fetched in the background.
    model.forget(contacts[0].id)
    row = [model.contact_id(r) for r in range(2)].index(contacts[0].id)
    assert model.index(row, 0).data() == "…"
    qtbot.waitUntil(lambda: model.index(row, 0).data() == "Mme Claire Dupont")
    qtbot.waitUntil(lambda: runner.active == 0)
