"""Free-text search over contacts and shipments, one implementation per database engine.

Both sides are folded the same way first (search_text.fold: lowercase, no accents), so the
engines only have to match plain words:

- `Fts5Search` (SQLite): the FTS5 tables of migration 0012, kept by triggers. A typed word of
  three characters or more is looked for anywhere in a contact (trigram index) or at the
  start of a word of a shipment; shorter words by prefix.
- `LikeSearch` (any other engine, e.g. PostgreSQL until it gets its own pg_trgm + unaccent
  indexes behind this interface): `LIKE '%word%'` on the folded key — correct, not fast.

Both implement `desktop.domain.ports.TextSearch`: `where(kind, text)` returns a condition the
repositories add to their query (None when the text holds no word).
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, and_, column, false, select, table, text

from desktop.storage import search_text
from desktop.storage.tables import ContactRow, ShipmentRow

# The FTS tables and their shadow tables (…_data, …_idx …): kept by triggers, not models.
FTS_TABLES = ("contacts_fts", "contacts_trigram", "shipments_fts")


# Indexes with DESC columns: Alembic cannot compare them on SQLite (it reflects them as
# expressions), so autogenerate would keep proposing to drop and re-create them.
DESC_INDEXES = ("ix_contacts_recent",)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: leaves out the FTS tables, which triggers keep, not models, and the
    indexes it cannot compare."""
    if type_ == "table":
        return not (bool(name) and name.startswith(FTS_TABLES))
    return not (type_ == "index" and name in DESC_INDEXES)


TRIGRAM = 3  # the trigram tokenizer needs 3 characters (sqlite.org/fts5.html §4.3.5)
_TOKEN = re.compile(r"[^\W_]+")  # what unicode61 keeps as a token: letters and digits

_ROWS = {"contacts": ContactRow, "shipments": ShipmentRow}


def tokens(typed: str) -> list[str]:
    """The folded words of a query, split like the FTS tokenizer splits ('O'Neil' → o, neil)."""
    return _TOKEN.findall(search_text.fold(typed))


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _fts_ids(fts: str, expression: str):
    t = table(fts, column("rowid"))
    return select(t.c.rowid).where(text(f"{fts} MATCH :q").bindparams(q=expression))


def _nothing_or_everything(typed: str) -> ColumnElement[bool] | None:
    """No text: no filter. Only signs ('%', '-'): nothing can match them."""
    return false() if (typed or "").strip() else None


class Fts5Search:
    def where(self, kind: str, typed: str) -> ColumnElement[bool] | None:
        words = tokens(typed)
        if not words:
            return _nothing_or_everything(typed)
        row = _ROWS[kind]
        if kind == "contacts":
            long = [w for w in words if len(w) >= TRIGRAM]
            short = [w for w in words if len(w) < TRIGRAM]
            parts = []
            if long:
                parts.append(row.id.in_(_fts_ids("contacts_trigram",
                                                 " AND ".join(_phrase(w) for w in long))))
            if short:
                parts.append(row.id.in_(_fts_ids("contacts_fts",
                                                 " AND ".join(_phrase(w) + "*" for w in short))))
            return and_(*parts)
        return row.id.in_(_fts_ids("shipments_fts", " AND ".join(_phrase(w) + "*" for w in words)))

    def shipment_ids(self, typed: str):
        """The matching shipment ids as a subquery (the history drives its plan from it)."""
        words = tokens(typed)
        return _fts_ids("shipments_fts", " AND ".join(_phrase(w) + "*" for w in words))


class LikeSearch:
    def where(self, kind: str, typed: str) -> ColumnElement[bool] | None:
        words = tokens(typed)
        if not words:
            return _nothing_or_everything(typed)
        key = _ROWS[kind].search_key
        number = ShipmentRow.tracking_number
        parts = []
        for w in words:
            match = key.contains(w, autoescape=True)
            if kind == "shipments":
                match = match | number.contains(w.upper(), autoescape=True)
            parts.append(match)
        return and_(*parts)

    shipment_ids = None


def for_dialect(name: str):
    return Fts5Search() if name == "sqlite" else LikeSearch()
