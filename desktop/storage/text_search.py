"""Free-text search over contacts and shipments, one implementation per database engine.

Both sides are folded the same way first (search_text.fold: lowercase, no accents), so the
engines only have to match plain words:

- `Fts5Search` (SQLite): the FTS5 tables of migration 0012, kept by triggers. A typed word of
  three characters or more is looked for anywhere in a contact (trigram index) or at the
  start of a word of a shipment; shorter words by prefix. Its plans and SQL text live in
  sqlite_search.py (stdlib only), which `comptoir history` also runs without SQLAlchemy.
- `TrigramSearch` (PostgreSQL): GIN `gin_trgm_ops` indexes of migrations 0023 and 0026 on
  the same folded keys; the same rules as FTS5 (a substring of 3+ characters in a contact,
  otherwise the start of a word; a shipment by word start or tracking-number start), written
  as LIKE and regular expressions that pg_trgm indexes answer, or, for words frequent in the
  newest rows, as a row check while the list is read in order (the two plans of Fts5Search).
  No `unaccent()`: the keys and the typed words are folded by search_text.fold on both
  engines, so both find the same rows (unaccent's own rules differ from Unicode NFKD on ß, œ,
  ligatures…). "Letter or digit" is the database's `[[:alnum:]]`: a UTF-8 locale (README,
  shared database) makes it Unicode's, as on SQLite.
- `LikeSearch` (any other engine): `LIKE '%word%'` on the folded key — correct, not fast.

Both implement `desktop.domain.ports.TextSearch`: `where(kind, text)` returns a condition the
repositories add to their query (None when the text holds no word).
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Text,
    and_,
    any_,
    bindparam,
    case,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    true,
)

from desktop.storage.sqlite_search import TRIGRAM, SqliteSearch, tokens
from desktop.storage.tables import ContactRow, ShipmentRow

__all__ = ["TRIGRAM", "Fts5Search", "LikeSearch", "TrigramSearch", "tokens", "for_dialect"]

# The FTS tables and their shadow tables (…_data, …_idx …): kept by triggers, not models.
FTS_TABLES = ("contacts_fts", "contacts_trigram", "shipments_fts", "shipments_trigram")


# Indexes with DESC columns: Alembic cannot compare them on SQLite (it reflects them as
# expressions), so autogenerate would keep proposing to drop and re-create them.
DESC_INDEXES = ("ix_contacts_recent",)
# PostgreSQL indexes on expressions (migrations 0023, 0026, 0029): not in the models, which
# SQLite shares.
TRIGRAM_INDEXES = ("ix_contacts_search_trgm", "ix_shipments_search_trgm",
                   "ix_shipments_tracking_trgm", "ix_contacts_words_trgm",
                   "ix_contacts_recent_nulls_last", "ix_shipments_tracking_prefix")


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

    def forget(self, session) -> None:
        """After an erasure: each FTS index merged into one segment. A changed row's old
        words are only marked deleted in a newer segment and stay in the older one's pages
        until a merge; 'optimize' merges them all (sqlite.org/fts5.html §6.8): ~0.2 s for
        300 000 rows, once per erasure request."""
        execute = driver_execute(session)
        for table in FTS_TABLES:
            execute(f"INSERT INTO {table}({table}) VALUES('optimize')")


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
    """PostgreSQL: what Fts5Search finds, through pg_trgm GIN indexes (migrations 0023, 0026),
    with the same two plans, chosen per query:

    - rare words: the trigram index gives the few matching rows, sorted afterwards;
    - frequent words: the list is read in its display order from its B-tree
      (ix_shipments_created_at, ix_contacts_recent_nulls_last) and each row checked, stopping
      at the page's last row.

    PostgreSQL cannot choose between them itself: it estimates a regular expression's
    matches from a 100-row sample (`dupont`, 2.5 % of the shipments, was estimated at 100
    rows), and its bitmap plan then fetches and rechecks every match (170 ms for "dupont" in
    Ukraine at 1 000 000 shipments), while its walk in order, chosen for two frequent words,
    ran an expensive regular expression on every row read (50 ms for "helene paris").
    So each word is probed on the newest PROBE_ROWS rows of the list (stopping at FREQUENT
    matches: at most 2 000 rows). A frequent word is written as a row check, a CASE, which
    no index serves and the planner takes as matching half the rows: when every word is
    frequent it walks the list in order; otherwise the rare words' index gives the rows and
    the frequent ones are checked on them (the rarest first: a frequent word's index entries
    are never all read). The CASE tries a cheap `strpos` before the regular expression.
    bench/shop_scale_pg.py measures both plans' questions.
    """

    # A word met FREQUENT times in the newest PROBE_ROWS rows matches 0.5 % (shipments) or
    # 1 % (contacts) of them or more: the walk reads at most 50 / that share rows (10 000
    # shipments, 5 000 contacts, 5-10 ms); below it the index plan fetches fewer matches.
    PROBE_ROWS = {"contacts": 1000, "shipments": 2000}
    FREQUENT = 10

    def where(self, kind: str, typed: str, session=None) -> ColumnElement[bool] | None:
        words = tokens(typed)
        if not words:
            return _nothing_or_everything(typed)
        row = _ROWS[kind]
        number = row.tracking_number if kind == "shipments" else None
        if session is None:
            return and_(*[self._match(kind, w) for w in words])
        frequent = self._frequent(session, kind, words)
        checks = [self._row_check(kind, w, row.search_key, number) for w in frequent]
        unmet = self._starting_nothing(session, [w for w in words if w not in frequent]) \
            if kind == "shipments" else set()
        rare = [self._piece(w) if w in unmet else self._match(kind, w)
                for w in words if w not in frequent]
        if not rare:
            return and_(*checks)  # the list read in order
        # Only the rare words go to the index: a frequent word's matches would be listed in
        # full there (tens of thousands of rows) to be intersected with a few; it is checked
        # on the rows the rare words give instead. Their ids are listed first (an InitPlan):
        # told only "rare", the planner may still walk the list in order, and a word absent
        # from the newest rows is often in old ones (a tracking-number prefix: 4 s to find
        # the 9 000 "LD1013…" at 1 000 000 shipments, 45 ms from the index).
        ids = select(row.id).where(*rare).correlate(None).scalar_subquery()
        return and_(row.id == any_(func.array(ids)), *checks)

    @staticmethod
    def _match(kind: str, word: str) -> ColumnElement[bool]:
        """The condition the trigram indexes answer."""
        key = _ROWS[kind].search_key
        if kind == "contacts" and len(word) >= TRIGRAM:
            return key.contains(word, autoescape=True)  # substring, like the trigram table
        if kind == "contacts":
            # One or two letters: no trigram in `[^[:alnum:]]le` for pg_trgm to look up; in
            # the key with separators made spaces, `(^| )le` has " le" (migration 0026).
            return literal_column(WORDS_KEY, Text).regexp_match(f"(^| ){word}")
        # The start of a word as unicode61 splits them (after anything not a letter/digit);
        # the word itself is letters and digits only (tokens()), nothing to escape.
        at_word_start = key.regexp_match(_word_start(word))
        # ix_shipments_tracking_prefix (migration 0029) serves this LIKE 'word%'
        number = func.lower(func.coalesce(ShipmentRow.tracking_number, ""))
        return or_(at_word_start, number.startswith(word, autoescape=True))

    def _starting_nothing(self, session, words: list[str]) -> set[str]:
        """The words of 3+ characters that start no word of any shipment (one statement):
        these are looked for inside the words, as SQLite does (migration 0033)."""
        long = [w for w in words if len(w) >= TRIGRAM]
        if not long:
            return set()
        found = session.connection().execute(select(*[
            exists(select(literal(1)).where(self._match("shipments", w))) for w in long])).one()
        return {w for w, met in zip(long, found, strict=True) if not met}

    @staticmethod
    def _piece(word: str) -> ColumnElement[bool]:
        """`word` anywhere in the key or the number: LIKE '%word%', which the trigram
        indexes serve (ix_shipments_search_trgm, ix_shipments_tracking_trgm)."""
        number = func.lower(func.coalesce(ShipmentRow.tracking_number, ""))
        return or_(ShipmentRow.search_key.contains(word, autoescape=True),
                   number.contains(word, autoescape=True))

    @staticmethod
    def _row_check(kind: str, word: str, key, number) -> ColumnElement[bool]:
        """What `_match` finds, checked on each row read (no index can serve a CASE):
        `strpos` first, cheap, then the word-start expression on the few rows holding it."""
        holds = func.strpos(key, word) > 0
        if kind == "contacts" and len(word) >= TRIGRAM:
            return case((holds, true()), else_=false())
        at_word_start = and_(holds, key.regexp_match(_word_start(word)))
        if kind == "contacts":
            return case((at_word_start, true()), else_=false())
        number_starts = func.lower(func.coalesce(number, "")).startswith(word, autoescape=True)
        return case((at_word_start, true()), else_=number_starts)

    def _frequent(self, session, kind: str, words: list[str]) -> list[str]:
        """The words met FREQUENT times in the newest PROBE_ROWS rows of the list (one
        statement, each word's count stopping at FREQUENT)."""
        row = _ROWS[kind]
        columns = [row.search_key] + ([row.tracking_number] if kind == "shipments" else [])
        order = ((row.created_at.desc(), row.id.desc()) if kind == "shipments" else
                 (row.favourite.desc(), row.last_used_at.desc().nulls_last(), row.search_key,
                  row.id))
        counts = []
        for word in words:
            recent = select(*columns).order_by(*order).limit(self.PROBE_ROWS[kind]).subquery()
            check = self._row_check(kind, word, recent.c.search_key,
                                    recent.c.tracking_number if kind == "shipments" else None)
            hits = select(literal(1)).select_from(recent).where(check).limit(self.FREQUENT)
            counts.append(select(func.count()).select_from(hits.subquery()).scalar_subquery())
        # On the connection: the ORM execution path would double a type-ahead probe's cost.
        found = session.connection().execute(select(*counts)).one()
        return [w for w, n in zip(words, found, strict=True) if int(n or 0) >= self.FREQUENT]


def _word_start(word: str) -> str:
    """`word` at the start of a word of the key (after its start or a non-alphanumeric)."""
    return f"(^|[^[:alnum:]]){word}"


def for_dialect(name: str):
    if name == "sqlite":
        return Fts5Search()
    return TrigramSearch() if name == "postgresql" else LikeSearch()
