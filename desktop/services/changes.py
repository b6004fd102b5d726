"""What a use case changed, so each view refreshes only what it shows (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    shipments: bool = False
    contacts: bool = False
    sender_profiles: bool = False
    print_jobs: bool = False
    products: bool = False
    settings: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{k: getattr(self, k) or getattr(other, k) for k in self.__dataclass_fields__})


NOTHING = Changes()
