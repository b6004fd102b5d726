"""Free-text search over contacts and shipments, one implementation per database engine.

Both sides are folded the same way first (search_text.fold: lowercase, no accents), so the
engines only have to match plain words:

- `Fts5Search` (SQLite): the FTS5 tables of migration 0012, kept by triggers. A typed word of
  three characters or more is looked for anywhere in a contact (trigram index) or at the
  start of a word of a shipment; shorter words by prefix. Its plans and SQL text live in
  sqlite_search.py (stdlib only), which `comptoir history` also runs without SQLAlchemy.
- `TrigramSearch` (PostgreSQL): GIN `gin_trgm_ops` indexes of migration 0023 on the same
  folded keys; the same rules as FTS5 (a substring of 3+ characters in a contact, otherwise
  the start of a word; a shipment by word start or tracking-number start), written as LIKE
  and regular expressions that pg_trgm indexes answer. No `unaccent()`: the keys and the
  typed words are folded by search_text.fold on both engines, so both find the same rows
  (unaccent's own rules differ from Unicode NFKD on ß, œ, ligatures…).
- `LikeSearch` (any other engine): `LIKE '%word%'` on the folded key — correct, not fast.

Both implement `desktop.domain.ports.TextSearch`: `where(kind, text)` returns a condition the
repositories add to their query (None when the text holds no word).
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    bindparam,
    false,
    func,
    literal_column,
    or_,
    text,
)

from desktop.storage.sqlite_search import TRIGRAM, SqliteSearch, tokens
from desktop.storage.tables import ContactRow, ShipmentRow

__all__ = ["TRIGRAM", "Fts5Search", "LikeSearch", "TrigramSearch", "tokens", "for_dialect"]

# The FTS tables and their shadow tables (…_data, …_idx …): kept by triggers, not models.
FTS_TABLES = ("contacts_fts", "contacts_trigram", "shipments_fts")


# Indexes with DESC columns: Alembic cannot compare them on SQLite (it reflects them as
# expressions), so autogenerate would keep proposing to drop and re-create them.
DESC_INDEXES = ("ix_contacts_recent",)
# PostgreSQL GIN trigram indexes on expressions (migration 0023): not in the models, which
# SQLite shares.
TRIGRAM_INDEXES = ("ix_contacts_search_trgm", "ix_shipments_search_trgm",
                   "ix_shipments_tracking_trgm", "ix_contacts_words_trgm",
                   "ix_contacts_recent_nulls_last")


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: leaves out the FTS tables, which triggers keep, not models, and the
    indexes it cannot compare."""
    if type_ == "table":
        return not (bool(name) and name.startswith(FTS_TABLES))
    return not (type_ == "index" and name in DESC_INDEXES + TRIGRAM_INDEXES)


# The contact key with every run of separators made one space (migration 0026 indexes this
# very expression: the text must stay identical). Literal SQL, not bound parameters, so the
# planner recognises the indexed expression in every plan.
WORDS_KEY = "regexp_replace(contacts.search_key, '[^[:alnum:]]+', ' ', 'g')"

_ROWS = {"contacts": ContactRow, "shipments": ShipmentRow}


def _nothing_or_everything(typed: str) -> ColumnElement[bool] | None:
    """No text: no filter. Only signs ('%', '-'): nothing can match them."""
    return false() if (typed or "").strip() else None


def driver_execute(session):
    """The sqlite3 connection's `execute` under the session's transaction (BEGIN already
    sent by db.py's listener): the SQLite searches run their own SQL text on it."""
    return session.connection().connection.driver_connection.execute


class Fts5Search(SqliteSearch):
    """SQLite: the FTS5 tables of migration 0012, kept by triggers. The plans and their SQL
    are in sqlite_search.py (shared with the stdlib reader of `comptoir history`); `where`
    hands the same condition to the queries composed with SQLAlchemy."""

    def where(self, kind: str, typed: str, session=None) -> ColumnElement[bool] | None:
        found = self.text_condition(kind, typed,
                                    driver_execute(session) if session is not None else None)
        if found is None:
            return None
        sql, params = found
        # unique: two conditions in one statement must not share a parameter name
        return text(sql).bindparams(*[bindparam(k, v, unique=True) for k, v in params.items()])


class LikeSearch:
    def where(self, kind: str, typed: str, session=None) -> ColumnElement[bool] | None:
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


class TrigramSearch:
    """PostgreSQL: what Fts5Search finds, through pg_trgm GIN indexes (migration 0023)."""

    def where(self, kind: str, typed: str, session=None) -> ColumnElement[bool] | None:
        words = tokens(typed)
        if not words:
            return _nothing_or_everything(typed)
        return and_(*[self._match(kind, w) for w in words])

    @staticmethod
    def _match(kind: str, word: str) -> ColumnElement[bool]:
        key = _ROWS[kind].search_key
        if kind == "contacts" and len(word) >= TRIGRAM:
            return key.contains(word, autoescape=True)  # substring, like the trigram table
        if kind == "contacts":
            # One or two letters: no trigram in `[^[:alnum:]]le` for pg_trgm to look up; in
            # the key with separators made spaces, `(^| )le` has " le" (migration 0026).
            return literal_column(WORDS_KEY, Text).regexp_match(f"(^| ){word}")
        # The start of a word as unicode61 splits them (after anything not a letter/digit);
        # the word itself is letters and digits only (tokens()), nothing to escape.
        at_word_start = key.regexp_match(f"(^|[^[:alnum:]]){word}")
        if kind == "shipments":
            number = func.lower(func.coalesce(ShipmentRow.tracking_number, ""))
            return or_(at_word_start, number.startswith(word, autoescape=True))
        return at_word_start


def for_dialect(name: str):
    if name == "sqlite":
        return Fts5Search()
    return TrigramSearch() if name == "postgresql" else LikeSearch()
