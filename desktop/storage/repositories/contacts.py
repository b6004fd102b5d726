"""Address book and sender profiles (ports `AddressBook`, `SenderProfiles`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import delete, select, update

from desktop.domain.errors import NotFound
from desktop.domain.shipment import Contact, SenderProfile
from desktop.storage import mapping
from desktop.domain.ports import TextSearch
from desktop.storage.repositories.helpers import get_or_raise
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.tables import ContactRow, SenderProfileRow
from desktop.storage.text_search import LikeSearch


class SqlAddressBook:
    def __init__(self, uow: UnitOfWork, search: TextSearch | None = None):
        self._uow = uow
        self._search = search or LikeSearch()

    def search(self, text: str = "", limit: int = 50) -> list[Contact]:
        """Favourites first, then the most recently used, then by name (ix_contacts_recent)."""
        stmt = select(ContactRow)
        match = self._search.where("contacts", text)
        if match is not None:
            stmt = stmt.where(match)
        stmt = stmt.order_by(ContactRow.favourite.desc(), ContactRow.last_used_at.desc(),
                             ContactRow.search_key, ContactRow.id).limit(max(0, limit))
        with self._uow.read() as s:
            return [mapping.contact_from(r) for r in s.scalars(stmt)]

    def all(self, batch: int = 1000) -> Iterator[Contact]:
        """Every contact by id, read in batches (exports)."""
        last = 0
        while True:
            with self._uow.read() as s:
                rows = list(s.scalars(select(ContactRow).where(ContactRow.id > last)
                                      .order_by(ContactRow.id).limit(batch)))
            if not rows:
                return
            for r in rows:
                yield mapping.contact_from(r)
            last = rows[-1].id

    def add_many(self, contacts: Iterable[Contact]) -> list[int]:
        """Adds them all in one transaction (an import): all or none."""
        with self._uow.write() as s:
            now = self._uow.stamp()
            rows = []
            for contact in contacts:
                row = ContactRow(created_at=now, updated_at=now)
                mapping.apply(row, mapping.contact_values(contact))
                rows.append(row)
            s.add_all(rows)
            s.flush()
            return [r.id for r in rows]

    def get(self, contact_id: int) -> Contact:
        with self._uow.read() as s:
            return mapping.contact_from(get_or_raise(s, ContactRow, contact_id, "contact"))

    def add(self, contact: Contact) -> Contact:
        with self._uow.write() as s:
            now = self._uow.stamp()
            row = ContactRow(created_at=now, updated_at=now)
            mapping.apply(row, mapping.contact_values(contact))
            s.add(row)
            s.flush()
            return mapping.contact_from(row)

    def update(self, contact: Contact) -> Contact:
        with self._uow.write() as s:
            row = get_or_raise(s, ContactRow, contact.id, "contact")
            mapping.apply(row, mapping.contact_values(contact))
            row.updated_at = self._uow.stamp()
            s.flush()
            return mapping.contact_from(row)

    def delete(self, contact_id: int) -> None:
        # Shipments keep their address snapshot; their contact_id becomes NULL (FK SET NULL).
        with self._uow.write() as s:
            if s.execute(delete(ContactRow).where(ContactRow.id == contact_id)).rowcount != 1:
                raise NotFound("contact", contact_id)


class SqlSenderProfiles:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow

    def list(self) -> list[SenderProfile]:
        stmt = select(SenderProfileRow).order_by(SenderProfileRow.is_default.desc(),
                                                 SenderProfileRow.label, SenderProfileRow.id)
        with self._uow.read() as s:
            return [mapping.profile_from(r) for r in s.scalars(stmt)]

    def get(self, profile_id: int) -> SenderProfile:
        with self._uow.read() as s:
            return mapping.profile_from(get_or_raise(s, SenderProfileRow, profile_id, "sender_profile"))

    def add(self, profile: SenderProfile) -> SenderProfile:
        with self._uow.write() as s:
            now = self._uow.stamp()
            row = SenderProfileRow(created_at=now, updated_at=now)
            mapping.apply(row, mapping.profile_values(profile))
            s.add(row)
            s.flush()
            self._single_default(s, row)
            return mapping.profile_from(row)

    def update(self, profile: SenderProfile) -> SenderProfile:
        with self._uow.write() as s:
            row = get_or_raise(s, SenderProfileRow, profile.id, "sender_profile")
            mapping.apply(row, mapping.profile_values(profile))
            row.updated_at = self._uow.stamp()
            s.flush()
            self._single_default(s, row)
            return mapping.profile_from(row)

    def delete(self, profile_id: int) -> None:
        with self._uow.write() as s:
            result = s.execute(delete(SenderProfileRow).where(SenderProfileRow.id == profile_id))
            if result.rowcount != 1:
                raise NotFound("sender_profile", profile_id)

    @staticmethod
    def _single_default(s, row: SenderProfileRow) -> None:
        """At most one default profile: choosing one clears the others, in the same write."""
        if row.is_default:
            s.execute(update(SenderProfileRow)
                      .where(SenderProfileRow.id != row.id, SenderProfileRow.is_default)
                      .values(is_default=False)
                      .execution_options(synchronize_session="fetch"))

