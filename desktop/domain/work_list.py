"""The bench's work list: shop orders imported as drafts, waiting to be weighed and printed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class WorkDraft:
    """One stored draft: `document` is the draft as a shipment-file JSON object (the same
    strict schema as `comptoir ship`, desktop.services.shipment_file), without the weight
    until the scale gives it."""

    reference: str
    document: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    status: str = "pending"  # pending | done
    shipment_id: int | None = None
    id: int | None = None

    @property
    def done(self) -> bool:
        return self.status == "done"


class WorkDrafts(Protocol):
    def add_all(self, drafts: list[WorkDraft]) -> list[WorkDraft]: ...
    def listed(self, include_done: bool = False) -> list[WorkDraft]: ...
    def get(self, draft_id: int) -> WorkDraft: ...
    def mark_done(self, draft_id: int, shipment_id: int) -> WorkDraft: ...
