"""Each carrier's own claim rules: where to send the claim, by when, what goes in the file,
when the answer is due (in calendar or working days, whichever the terms say), and what
the carrier pays.

- Delivengo Profil: one claim per item, within 6 months from the day after deposit, e-mailed
  to the Delivengo Profil customer service (or an enquiry on MyDelivengo, or by phone).
  The answer comes to the contact e-mail given in the claim. The terms give no answer time
  [D 6.3].
- Colissimo: the file [C 8.2 C], within 12 / 6 months [C 14], an answer in 15 / 30 / 40 / 90
  *jours ouvrés* (Monday–Friday excluding public holidays) [C 8.2 C], indemnities [C 8.1],
  late-delivery credit [C 4.2.2].
- Nova Post: the complaint contents [N 11.9.1], within 6 months of dispatch [N 11.10.1], in
  writing, electronically or at a branch [N 11.10.2, 11.10.3], answered within 30 days of
  receipt [N 11.11.2]. The terms say "jours", not their defined "Jours ouvrables"
  [N 1.1.5], so these are calendar days. Damage: a sworn statement that the parcel was
  properly packed and a bank account; compensation = declared value plus the price of the
  services [N 10.2].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from desktop.domain.calendar import add_working_days

CENT = Decimal("0.01")
CALENDAR, WORKING = "calendar", "working"


@dataclass(frozen=True)
class ClaimTerms:
    carrier: str
    channel_fr: str
    channel_en: str
    channel_source: str
    deadline_source: str
    checklist_source: str
    answer_days: int | None  # None: the terms give no answer time
    answer_unit: str = ""  # CALENDAR or WORKING
    answer_workdays: str = "mon-fri"  # for WORKING: Colissimo "jours ouvrés"
    answer_source: str = ""
    compensation_source: str = ""

    def channel(self, lang: str = "fr") -> str:
        return self.channel_fr if lang == "fr" else self.channel_en


def claim_terms(service, recipient) -> ClaimTerms:
    from desktop.domain.claims import answer_days  # the Colissimo answer grid [C 8.2 C]

    if service.carrier == "laposte-delivengo":
        return ClaimTerms(
            "laposte-delivengo",
            "Courriel au Service Client Delivengo Profil (asendia.delivengo@laposte.fr), "
            "demande d'enquête sur MyDelivengo ou téléphone 0810 821 8212",
            "E-mail to the Delivengo Profil customer service (asendia.delivengo@laposte.fr), "
            "an enquiry on MyDelivengo, or phone 0810 821 8212",
            "[D 6.3]", service.claim_source or "[D 6.3]", "[D 6.3]", None)
    if service.carrier == "novapost":
        return ClaimTerms(
            "novapost",
            "Par écrit, par voie électronique (support_fr@novapost.com ou le site) ou au "
            "bureau de poste",
            "In writing, electronically (support_fr@novapost.com or the web site) or at a "
            "branch",
            "[N 11.10.2, 11.10.3]", service.claim_source or "[N 11.10.1]", "[N 11.9.1, 10.2]",
            30, CALENDAR, answer_source="[N 11.11.2]", compensation_source="[N 10.2]")
    return ClaimTerms(
        service.carrier,
        "Service Clients La Poste – Colissimo : courrier, téléphone ou courriel, un seul canal "
        "par colis",
        "La Poste – Colissimo customer service: letter, phone or e-mail, one channel per parcel",
        "[C 8.2 B]", service.claim_source or "[C 14]", "[C 8.2 C]",
        answer_days(service, recipient), WORKING, "mon-fri", "[C 8.2 C]", "[C 8.1]")


def answer_due(terms: ClaimTerms, filed: date) -> date | None:
    """The day the answer is due for a claim filed on `filed` (indicative for Colissimo)."""
    if terms.answer_days is None:
        return None
    if terms.answer_unit == CALENDAR:
        return filed + timedelta(days=terms.answer_days)
    return add_working_days(filed, terms.answer_days, terms.answer_workdays)


def novapost_compensation(declared_value: Decimal | None,
                          service_price: Decimal | None) -> Decimal | None:
    """Damage: the declared value, and the price of the services paid is compensated too
    [N 10.2]. None without a declared value."""
    if declared_value is None:
        return None
    total = declared_value + (service_price or Decimal(0))
    return total.quantize(CENT, ROUND_HALF_UP)


def days_left(deadline: date | None, today: date) -> int | None:
    """Days from `today` to the last day to claim (negative: too late)."""
    return None if deadline is None else (deadline - today).days
