"""Small query helpers shared by the repositories."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import ColumnElement, and_, true
from sqlalchemy.orm import Session

from desktop.domain.errors import NotFound
from desktop.storage import search_text

T = TypeVar("T")


def words_filter(column, text: str) -> ColumnElement[bool]:
    """Every typed word must appear in the folded key, in any order; no words → everything."""
    return and_(true(), *[column.contains(w, autoescape=True) for w in search_text.words(text)])


def get_or_raise(s: Session, model: type[T], key: object, what: str) -> T:
    row = s.get(model, key) if key is not None else None
    if row is None:
        raise NotFound(what, key)
    return row
