"""The event bridge: services return `Changes`; views listen to the kind they show.

No global "refresh everything" (Anki's OpChanges): the history listens to `shipments`,
the address book to `contacts`, the counter's sender combo to `sender_profiles`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.services.changes import Changes


class EventBridge(QObject):
    shipments = Signal()
    contacts = Signal()
    sender_profiles = Signal()
    print_jobs = Signal()
    products = Signal()
    settings = Signal()

    def publish(self, changes: Changes | None) -> None:
        """Call on the GUI thread (from a task callback) with what a service returned."""
        if changes is None:
            return
        for kind in Changes.__dataclass_fields__:
            if getattr(changes, kind):
                getattr(self, kind).emit()
