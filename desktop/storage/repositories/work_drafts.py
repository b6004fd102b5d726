"""The work list's drafts (port `WorkDrafts`)."""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.work_list import WorkDraft
from desktop.storage.repositories.helpers import get_or_raise
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.tables import WorkDraftRow


def _draft(row: WorkDraftRow) -> WorkDraft:
    return WorkDraft(reference=row.reference, document=dict(row.document or {}),
                     source=row.source, status=row.status, shipment_id=row.shipment_id,
                     id=row.id)


class SqlWorkDrafts:
    def __init__(self, uow: UnitOfWork):
        self._uow = uow

    def add_all(self, drafts: list[WorkDraft]) -> list[WorkDraft]:
        """All in one transaction (an import is all or nothing)."""
        with self._uow.write() as s:
            now = self._uow.stamp()
            rows = [WorkDraftRow(reference=d.reference, source=d.source,
                                 document=dict(d.document), status="pending",
                                 created_at=now, updated_at=now) for d in drafts]
            s.add_all(rows)
            s.flush()
            return [_draft(r) for r in rows]

    def listed(self, include_done: bool = False) -> list[WorkDraft]:
        stmt = select(WorkDraftRow).order_by(WorkDraftRow.id)
        if not include_done:
            stmt = stmt.where(WorkDraftRow.status == "pending")
        with self._uow.read() as s:
            return [_draft(r) for r in s.scalars(stmt)]

    def get(self, draft_id: int) -> WorkDraft:
        with self._uow.read() as s:
            return _draft(get_or_raise(s, WorkDraftRow, draft_id, "draft"))

    def mark_done(self, draft_id: int, shipment_id: int) -> WorkDraft:
        """Refuses a draft already done: the caller's transaction (the submit) rolls back,
        so the same order is never printed twice."""
        with self._uow.write() as s:
            row = get_or_raise(s, WorkDraftRow, draft_id, "draft")
            if row.status == "done":
                raise ValidationFailed([Violation("draft", "already_done",
                                                  actual=row.reference)])
            row.status, row.shipment_id = "done", shipment_id
            row.updated_at = self._uow.stamp()
            s.flush()
            return _draft(row)
