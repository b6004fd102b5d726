"""Likely duplicate contacts, side by side: merge (the clerk picks the entry to keep) or ignore.

The search (`address_book.duplicates`, desktop/domain/duplicates.py, docs/address-book.md)
and each merge (`address_book.merge`: one transaction, the other entry's shipments follow)
run in the task runner. Enter never merges: only "Fusionner" (Alt+F) does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import countries, formatting, phones
from desktop.domain.duplicates import DuplicatePair
from desktop.domain.shipment import Contact
from desktop.ui.i18n import N_, language, ntr, tr
from desktop.ui.tasks import TaskRunner

# The score (the lower of the name and street scores, 85-100) in words, best first.
LIKENESS = ((100.0, N_("identiques")), (95.0, N_("presque identiques")),
            (90.0, N_("très proches")), (0.0, N_("proches")))
_ROOT = QModelIndex()


def likeness(score: float) -> str:
    return tr(next(words for floor, words in LIKENESS if score >= floor))


def words(pair: DuplicatePair) -> str:
    """'Très proches' or, when the phone is what pairs them, 'Identiques, même téléphone'."""
    text = likeness(pair.score).capitalize()
    return tr("{likeness}, même téléphone", likeness=text) if pair.same_phone else text


def percent(score: float) -> str:
    return tr("{n} %", n=formatting.number(int(score), language()))


def one_line(contact: Contact) -> str:
    a = contact.address
    who = " — ".join(p for p in (a.company, a.name) if p)
    return f"{who}, {a.street}, {a.postcode} {a.city}".strip(", ")


def card(contact: Contact) -> str:
    """The entry as the clerk compares it: every line that is filled."""
    a = contact.address
    country = countries.get(a.country)
    lines = [a.company, a.name, a.complement, a.building, a.street, a.locality,
             " ".join(p for p in (a.postcode, a.city, a.state) if p),
             country.name(language()) if country else a.country,
             phones.display_phone(a.phone, a.country) if a.phone else "", a.email,
             contact.note]
    if contact.favourite:
        lines.append(tr("★ favori"))
    if contact.last_used_at:
        lines.append(tr("Dernier envoi : {date}",
                        date=formatting.day(contact.last_used_at.date(), language())))
    return "\n".join(line for line in lines if line)


class DuplicatePairsModel(QAbstractTableModel):
    HEADERS = (N_("Ressemblance"), N_("Fiche 1"), N_("Fiche 2"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pairs: list[DuplicatePair] = []

    def set_pairs(self, pairs: list[DuplicatePair]) -> None:
        self.beginResetModel()
        self.pairs = list(pairs)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        pair = self.pairs[index.row()]
        if index.column() == 0:
            return words(pair)
        contact = pair.keep if index.column() == 1 else pair.other
        return card(contact) if role == Qt.ItemDataRole.ToolTipRole else one_line(contact)

    def merged(self, kept: Contact, gone_id: int) -> None:
        """After a merge: pairs with the entry that went are dropped, the kept one updated."""
        self.beginResetModel()
        out = []
        for p in self.pairs:
            if gone_id in (p.keep.id, p.other.id):
                continue
            if p.keep.id == kept.id:
                p = replace(p, keep=kept)
            elif p.other.id == kept.id:
                p = replace(p, other=kept)
            out.append(p)
        self.pairs = out
        self.endResetModel()

    def drop(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.pairs[row]
        self.endRemoveRows()


class DuplicatesDialog(QDialog):
    def __init__(self, address_book, runner: TaskRunner,
                 on_changed: Callable[[object], None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Doublons probables"))
        self._book, self._runner, self._on_changed = address_book, runner, on_changed
        self.merges = 0
        self._merging = False
        self._closed = False  # answers that come back after closing update nothing
        self.intro = QLabel(tr("Recherche des doublons…"), self)
        self.intro.setObjectName("duplicates_intro")
        self.intro.setWordWrap(True)
        self.model = DuplicatePairsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("duplicates_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

        # The two entries side by side, each with its "keep this one" choice.
        self.keep_group = QButtonGroup(self)
        self.sides: list[tuple[QGroupBox, QLabel, QRadioButton]] = []
        cards = QHBoxLayout()
        for number in (1, 2):
            box = QGroupBox(self)
            text = QLabel(box)
            text.setObjectName(f"duplicate_card_{number}")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            keep = QRadioButton(tr("Garder la fiche &{n}", n=number), box)
            keep.setObjectName(f"duplicate_keep_{number}")
            self.keep_group.addButton(keep, number)
            inner = QVBoxLayout(box)
            inner.addWidget(text, 1)
            inner.addWidget(keep)
            cards.addWidget(box, 1)
            self.sides.append((box, text, keep))
        self.score = QLabel(self)
        self.score.setObjectName("duplicate_score")
        self.score.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("duplicates_status")
        self.status.setWordWrap(True)

        self.merge_button = QPushButton(tr("&Fusionner"), self)
        self.merge_button.setObjectName("duplicates_merge")
        self.merge_button.setToolTip(tr("Garde la fiche choisie, la complète avec l'autre, y "
                                        "rattache les envois de l'autre, puis supprime l'autre"))
        self.ignore_button = QPushButton(tr("&Ignorer"), self)
        self.ignore_button.setObjectName("duplicates_ignore")
        self.ignore_button.setToolTip(tr("Ce ne sont pas les mêmes : retirer la paire de la "
                                         "liste"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Fermer"))
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.ignore_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in self.buttons.buttons():  # Enter never merges
            button.setAutoDefault(False)
            button.setDefault(False)
        self.buttons.rejected.connect(self.reject)
        self.merge_button.clicked.connect(self.merge_current)
        self.ignore_button.clicked.connect(self.ignore_current)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 2)
        layout.addLayout(cards, 1)
        layout.addWidget(self.score)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.table, self.sides[0][2])
        self.setTabOrder(self.sides[0][2], self.sides[1][2])
        self.resize(960, 600)
        self._show_current()
        self.search()

    # -- search ---------------------------------------------------------------------------
    def search(self) -> None:
        self._runner.run(self._book.duplicates, name="duplicates", latest="duplicates",
                         on_done=self._found, on_error=self._failed)

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    def _found(self, pairs: list[DuplicatePair]) -> None:
        if self._closed:
            return
        self.model.set_pairs(pairs)
        self._after_change()
        if pairs:
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        text = exc.describe(language()) if hasattr(exc, "describe") else str(exc)
        self.intro.setText(tr("Recherche impossible : {error}", error=text))

    def _after_change(self) -> None:
        n = self.model.rowCount()
        self.intro.setText(ntr(
            "{n} paire probable, la plus ressemblante d'abord. Choisissez la fiche à garder : "
            "l'autre y est fusionnée et ses envois la suivent.",
            "{n} paires probables, les plus ressemblantes d'abord. Choisissez la fiche à "
            "garder : l'autre y est fusionnée et ses envois la suivent.", n)
            if n else tr("Aucun doublon probable dans le carnet d'adresses."))
        self._show_current()

    # -- the selected pair ----------------------------------------------------------------
    def current_row(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        return index.row() if index.isValid() else None

    def current_pair(self) -> DuplicatePair | None:
        row = self.current_row()
        return self.model.pairs[row] if row is not None and row < self.model.rowCount() else None

    def _show_current(self) -> None:
        pair = self.current_pair()
        for (box, text, _keep), contact, older in zip(
                self.sides, (pair.keep, pair.other) if pair else (None, None), (True, False),
                strict=True):
            box.setEnabled(contact is not None)
            if contact is None:
                box.setTitle("")
                text.setText("")
                continue
            number = 1 if older else 2
            box.setTitle(tr("Fiche {n} (n° {id}, la plus ancienne)", n=number, id=contact.id)
                         if older else tr("Fiche {n} (n° {id})", n=number, id=contact.id))
            text.setText(card(contact))
        if pair:
            self.sides[0][2].setChecked(True)  # the older entry by default
            street = (tr("adresse {score}", score=percent(pair.street_score))
                      if pair.street_score else tr("autre adresse"))
            if pair.same_phone:
                street = tr("{street}, même téléphone", street=street)
            self.score.setText(tr("Ressemblance : {likeness} (nom {name}, {street})",
                                  likeness=likeness(pair.score),
                                  name=percent(pair.name_score), street=street))
        else:
            self.score.setText("")
        self.merge_button.setEnabled(pair is not None and not self._merging)
        self.ignore_button.setEnabled(pair is not None)

    # -- actions --------------------------------------------------------------------------
    def merge_current(self) -> None:
        pair = self.current_pair()
        if pair is None or self._merging:
            return
        keep, other = ((pair.keep, pair.other) if self.keep_group.checkedId() != 2
                       else (pair.other, pair.keep))
        self._merging = True
        self.merge_button.setEnabled(False)
        self.status.setText(tr("Fusion en cours…"))
        self._runner.write(self._book.merge, keep.id, other.id, name="merge contacts",
                           on_done=lambda outcome, gone=other.id: self._merged(outcome, gone),
                           on_error=self._merge_failed)

    def _merged(self, outcome, gone_id: int) -> None:
        kept, changes = outcome
        self._merging = False
        self.merges += 1
        if self._on_changed:
            self._on_changed(changes)  # the address book reloads, dialog open or not
        if self._closed:
            return
        row = self.current_row() or 0
        self.model.merged(kept, gone_id)
        self.status.setText(tr("Fusionnées : la fiche n° {id} « {name} » reste.",
                               name=kept.address.display_name, id=kept.id))
        self._select_near(row)

    def _merge_failed(self, exc: BaseException) -> None:
        self._merging = False
        if self._closed:
            return
        self._show_current()
        text = exc.describe(language()) if hasattr(exc, "describe") else str(exc)
        self.status.setText(tr("Fusion impossible : {error}", error=text))

    def ignore_current(self) -> None:
        row = self.current_row()
        if row is None or row >= self.model.rowCount():
            return
        self.model.drop(row)
        self.status.setText(tr("Paire ignorée."))
        self._select_near(row)

    def _select_near(self, row: int) -> None:
        self._after_change()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_current()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # Enter never merges nor closes
            return
        super().keyPressEvent(event)
