"""Composition root of the read-only commands (`comptoir history TEXT`): the history service
over a reader that needs no SQLAlchemy, for the databases that have one.

The full context (app.build_context) imports SQLAlchemy, the ORM mappings and every service:
0.6-0.9 s before the first row, over the 0.5 s a history look-up may take as a process
(issue 12 §5). Here only the history service is wired, on a reader picked by URL scheme
(READERS); a database a reader declines (a migration pending, its integrity check due, a
server) returns None and the command builds the full context instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.config import Settings, load_settings
from desktop.services.history import HistoryService


def _sqlite_reader(url: str):
    from desktop.storage.sqlite_reader import open_reader

    return open_reader(url)


# URL scheme (before any "+driver") → a function returning the reader, or None when the
# database must be opened the full way.
READERS: dict[str, Callable[[str], object | None]] = {"sqlite": _sqlite_reader}


class _CatalogueOnDemand:
    """The carrier catalogue, loaded only for `--carrier` (the history needs no other)."""

    def all(self):
        from desktop.domain.carriers.catalogue import default_catalogue

        return default_catalogue().all()


@dataclass
class HistoryContext:
    settings: Settings
    history: HistoryService
    _reader: object

    def close(self) -> None:
        self._reader.close()


def history_context(database_url: str | None = None,
                    settings_file: str | Path | None = None,
                    lang: str | None = None) -> HistoryContext | None:
    """The read-only history context, or None when the database needs the full open."""
    settings = load_settings(settings_file)
    if lang:
        settings.language = lang
    url = settings.effective_database_url(database_url)
    open_reader = READERS.get(url.partition(":")[0].split("+", 1)[0].lower())
    reader = open_reader(url) if open_reader is not None else None
    if reader is None:
        return None
    return HistoryContext(settings=settings,
                          history=HistoryService(reader, _CatalogueOnDemand()),
                          _reader=reader)
