"""The address book: search, add, edit (same address form as the counter), delete."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.ui.dialogs.contact import ContactDialog
from desktop.ui.i18n import Nn_, tr
from desktop.ui.models.contacts import ContactsModel
from desktop.ui.views.search_table import SearchTableView

MAX_ROWS = 2000  # one search shows at most this many contacts; narrow the search for more


class AddressBookView(SearchTableView):
    MAX_ROWS = MAX_ROWS
    SEARCH_TASK = "contacts"
    COUNT_TEXT = Nn_("{n} contact", "{n} contacts")
    FILTER_AS_YOU_TYPE = True

    def __init__(self, ctx, runner, events, parent: QWidget | None = None):
        super().__init__(ctx, runner, events, ContactsModel(ctx.address_book, runner),
                         search=ctx.address_book.search, search_name="contacts_search",
                         placeholder=tr("Rechercher un contact (nom, société, ville, code "
                                        "postal)…"),
                         changed=events.contacts, parent=parent)
        self.table.horizontalHeader().setStretchLastSection(True)

    def make_dialog(self, contact) -> ContactDialog:
        return ContactDialog(self.ctx.address_book, self.runner, contact, self)

    def delete_selected(self) -> bool:
        contact = self.selected_item()
        if contact is None:
            return False
        who = contact.address.display_name
        return self._delete(tr("Supprimer le contact"),
                            tr("Supprimer « {who} » du carnet d'adresses ?", who=who),
                            self.ctx.address_book.delete, contact.id, name="delete contact",
                            on_done=self.events.publish)
