"""The address-book table: contact ids in display order plus a lazy cache of the rows.

The search result gives ids and, usually, the contacts themselves; a row whose contact is
not cached (after an edit elsewhere) shows "…" and is fetched in the task runner, never on
the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain import countries, phones
from desktop.domain.shipment import Contact
from desktop.ui.i18n import N_, language
from desktop.ui.models.id_table import ID_ROLE, ITEM_ROLE, LOADING, IdTableModel

__all__ = ["COLUMNS", "CONTACT_ROLE", "ID_ROLE", "LOADING", "ContactsModel"]

COLUMNS = (("name", N_("Nom")), ("company", N_("Société")), ("street", N_("Adresse")),
           ("postcode", N_("Code postal")), ("city", N_("Ville")), ("country", N_("Pays")),
           ("phone", N_("Téléphone")), ("email", N_("E-mail")))
CONTACT_ROLE = ITEM_ROLE


class ContactsModel(IdTableModel):
    KEYS = tuple(key for key, _ in COLUMNS)
    HEADERS = tuple(header for _, header in COLUMNS)

    def __init__(self, address_book, runner, parent=None):
        super().__init__(address_book.get, runner, "contact", parent)

    set_contacts = IdTableModel.set_items
    contact_id = IdTableModel.item_id
    contact = IdTableModel.item

    def _text(self, contact: Contact, key: str, role) -> str:
        a = contact.address
        if key == "street":
            return ", ".join(a.lines)
        if key == "phone":  # stored E.164, read in groups
            return phones.display_phone(a.phone, a.country) if a.phone else ""
        if key == "country" and role == Qt.ItemDataRole.ToolTipRole:
            country = countries.get(a.country)
            return country.name(language()) if country else a.country
        return getattr(a, key)
