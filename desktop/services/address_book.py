"""Address book and sender profiles: validated before anything is stored."""

from __future__ import annotations

from dataclasses import replace

from desktop.domain.address import validate_address
from desktop.domain.customs_rules import EORI
from desktop.domain.errors import Collector, ValidationFailed
from desktop.domain.ports import AddressBook, SenderProfiles
from desktop.domain.shipment import Contact, SenderProfile
from desktop.services.changes import Changes


class AddressBookService:
    def __init__(self, contacts: AddressBook):
        self._contacts = contacts

    def search(self, text: str = "", limit: int = 50) -> list[Contact]:
        return self._contacts.search(text, limit)

    def get(self, contact_id: int) -> Contact:
        return self._contacts.get(contact_id)

    def save(self, contact: Contact) -> tuple[Contact, Changes]:
        clean = replace(contact, address=contact.address.cleaned())
        # One spelling per number (E.164): "06 12 34 56 78" and "+33612345678" are one phone.
        # Imported here: phonenumbers' metadata costs ~0.1 s that start-up need not pay.
        from desktop.domain.phones import normalise_phone

        clean = replace(clean, address=replace(clean.address, phone=normalise_phone(
            clean.address.phone, clean.address.country or "FR")))
        c = Collector()
        c.extend(validate_address(clean.address))
        c.raise_if_any()
        saved = self._contacts.update(clean) if clean.id else self._contacts.add(clean)
        return saved, Changes(contacts=True)

    def delete(self, contact_id: int) -> Changes:
        self._contacts.delete(contact_id)
        return Changes(contacts=True)

    # CSV in and out (desktop.services.contacts_csv), so screens and commands never hold
    # the repository themselves.
    def plan_import(self, data: bytes, **options):
        from desktop.services import contacts_csv

        return contacts_csv.plan_import(data, self._contacts, **options)

    def commit_import(self, plan) -> int:
        from desktop.services import contacts_csv

        return contacts_csv.commit_import(plan, self._contacts)

    def export_csv(self, out, delimiter: str = ";") -> int:
        from desktop.services.contacts_csv import export_contacts

        return export_contacts(self._contacts, out, delimiter)

    def duplicates(self, threshold: float | None = None) -> list:
        """Likely duplicates (DuplicatePair), best first (desktop/domain/duplicates.py)."""
        from desktop.domain import duplicates

        return duplicates.find_duplicates(self._contacts.all(),
                                          threshold or duplicates.THRESHOLD)

    def merge(self, keep_id: int, other_id: int) -> tuple[Contact, Changes]:
        """`keep_id` completed from `other_id`, which goes; its shipments now point at
        `keep_id`. One transaction."""
        from desktop.domain import duplicates

        keep, other = self._contacts.get(keep_id), self._contacts.get(other_id)
        merged = self._contacts.merge(duplicates.merged(keep, other), other_id)
        return merged, Changes(contacts=True)


class SenderProfileService:
    def __init__(self, profiles: SenderProfiles):
        self._profiles = profiles

    def list(self) -> list[SenderProfile]:
        return self._profiles.list()

    def default(self) -> SenderProfile | None:
        profiles = self._profiles.list()
        return next((p for p in profiles if p.is_default), profiles[0] if profiles else None)

    def save(self, profile: SenderProfile) -> tuple[SenderProfile, Changes]:
        clean = replace(profile, address=profile.address.cleaned(), label=profile.label.strip(),
                        eori="".join((profile.eori or "").split()).upper())
        c = Collector()
        if not clean.label:
            c.add("label", "required")
        if clean.eori and not EORI.match(clean.eori):
            c.add("eori", "customs_eori_format", actual=clean.eori,
                  source="Regulation (EU) 2015/2446")
        c.extend(validate_address(clean.address))
        if c.errors:
            raise ValidationFailed(c.errors)
        if clean.is_default:  # only one default profile
            for other in self._profiles.list():
                if other.is_default and other.id != clean.id:
                    self._profiles.update(replace(other, is_default=False))
        saved = self._profiles.update(clean) if clean.id else self._profiles.add(clean)
        return saved, Changes(sender_profiles=True)

    def delete(self, profile_id: int) -> Changes:
        self._profiles.delete(profile_id)
        return Changes(sender_profiles=True)
