"""Address book and sender profiles (ports `AddressBook`, `SenderProfiles`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import nullcontext

from sqlalchemy import delete, insert, select, update

from desktop.domain.errors import NotFound
from desktop.domain.ports import TextSearch
from desktop.domain.shipment import Contact, SenderProfile
from desktop.storage import mapping
from desktop.storage.bulk_index import fts_filled_at_end
from desktop.storage.repositories.helpers import get_or_raise
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.sqlite_search import SqliteSearch
from desktop.storage.tables import ContactRow, SenderProfileRow, ShipmentRow
from desktop.storage.text_search import LikeSearch

# From this many new rows on, the search indexes are filled once after the inserts.
BULK_ROWS = 1000


class SqlAddressBook:
    def __init__(self, uow: UnitOfWork, search: TextSearch | None = None):
        self._uow = uow
        self._search = search or LikeSearch()

    def search(self, text: str = "", limit: int = 50) -> list[Contact]:
        """Favourites first, then the most recently used, then by name (ix_contacts_recent)."""
        if isinstance(self._search, SqliteSearch):  # plain SQL text, sqlite3 rows
            with self._uow.sqlite_read() as execute:
                return [mapping.contact_from(r) for r in
                        self._search.contacts_page(execute, text, limit)]
        with self._uow.read() as s:
            # Core rows on the connection, not ORM objects: no identity map, instance state nor
            # ORM execution path for 50 rows read
            # at every key stroke (mapping reads columns by name from either).
            stmt = select(*ContactRow.__table__.c)
            match = self._search.where("contacts", text, s)
            if match is not None:
                stmt = stmt.where(match)
            recent = ContactRow.last_used_at.desc()
            if s.get_bind().dialect.name != "sqlite":
                # SQLite puts NULLs last in DESC order already, and says so in its index
                # (ix_contacts_recent); PostgreSQL puts them first unless told.
                recent = recent.nulls_last()
            stmt = stmt.order_by(ContactRow.favourite.desc(), recent,
                                 ContactRow.search_key, ContactRow.id).limit(max(0, limit))
            return [mapping.contact_from(r) for r in s.connection().execute(stmt)]

    def all(self, batch: int = 1000) -> Iterator[Contact]:
        """Every contact by id, read in batches (exports)."""
        last = 0
        columns = select(*ContactRow.__table__.c)
        while True:
            with self._uow.read() as s:
                # Core rows, not ORM objects: 100 000 contacts read in a third of the time
                # (the duplicate search reads them all).
                rows = list(s.connection().execute(columns.where(ContactRow.id > last)
                                                   .order_by(ContactRow.id).limit(batch)))
            if not rows:
                return
            for r in rows:
                yield mapping.contact_from(r)
            last = rows[-1].id

    def save_many(self, new: Iterable[Contact], changed: Iterable[Contact] = ()) -> int:
        """Adds `new` and rewrites `changed` (by id) in one transaction: all or none."""
        new = list(new)
        with self._uow.write() as s:
            now = self._uow.stamp()
            count = 0
            # An import: the search indexes are filled once at the end (bulk_index.py).
            bulk = (fts_filled_at_end(s.connection(), "contacts") if len(new) >= BULK_ROWS
                    else nullcontext())
            with bulk:
                for start in range(0, len(new), 5000):
                    batch = []
                    for contact in new[start:start + 5000]:
                        values = mapping.contact_values(contact)
                        values.update(created_at=now, updated_at=now)
                        batch.append(values)
                    count += self._insert(s, batch)
            for contact in changed:
                row = get_or_raise(s, ContactRow, contact.id, "contact")
                mapping.apply(row, mapping.contact_values(contact))
                row.updated_at = now
                count += 1
            s.flush()
            return count

    @staticmethod
    def _insert(s, batch: list[dict]) -> int:
        # Core executemany: no ORM identity bookkeeping nor RETURNING for 100 000 rows.
        s.connection().execute(insert(ContactRow.__table__), batch)
        return len(batch)

    def merge(self, keep: Contact, other_id: int) -> Contact:
        """`keep` rewritten, `other_id`'s shipments moved to it, `other_id` deleted: one write."""
        with self._uow.write() as s:
            row = get_or_raise(s, ContactRow, keep.id, "contact")
            get_or_raise(s, ContactRow, other_id, "contact")
            mapping.apply(row, mapping.contact_values(keep))
            row.last_used_at = keep.last_used_at
            row.updated_at = self._uow.stamp()
            s.execute(update(ShipmentRow).where(ShipmentRow.contact_id == other_id)
                      .values(contact_id=keep.id))
            s.execute(delete(ContactRow).where(ContactRow.id == other_id))
            s.flush()
            return mapping.contact_from(row)

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

