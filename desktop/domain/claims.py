"""Claims helper: indemnities [C 8.1], late-delivery credit [C 4.2.2], claim deadlines
[C 14], [D 6.3], [N 11.10], answer times [C 8.2 C] and each carrier's claim-file checklist:
Colissimo [C 8.2 C], Delivengo [D 6.3], Nova Post [N 11.9.1, 10.2]. Where to send the claim
and when the answer is due: `desktop.domain.claim_terms`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from desktop.domain.calendar import add_months
from desktop.domain.carriers.options import REGISTERED_LEVELS, amount
from desktop.domain.carriers.zones import is_national, zone_of

CENT = Decimal("0.01")
NO_INVOICE_SHARE = Decimal("0.70")  # 70 % of the sale value without a purchase invoice [C 8.1]
# [C 4.2.2] late-delivery credit for J+2 products: % of the reference amount by actual J+n.
LATE_CREDIT_GRID = ((3, Decimal(25)), (4, Decimal(75)), (5, Decimal(100)))
LATE_CREDIT_BEYOND = Decimal(125)  # > J+5 [C 4.2.2]
LATE_CREDIT_UNKNOWN_DAY = 3  # not computable: the J+3 rate [C 4.2.2]
# [C 8.2 C] answer times in working days; the 30-day list of countries.
ANSWER_30_COUNTRIES = frozenset(
    "ZA DE SA AR AU AT BE BR CM CA CL CN KR DK ES EE US FI GB GR HK HU IN IE IL IT JP LV LT LU "
    "MY MA NZ PL NL PT CZ RU SG SI SK SE CH TH UA".split())


@dataclass(frozen=True)
class Indemnity:
    amount: Decimal
    basis: str  # "standard", "insured", "registered"
    source: str
    plus_postage: bool  # total loss: postage and supplements refunded too (not for registered)


def standard_cap(service, weight_g: int) -> Decimal | None:
    """The most the standard indemnity can pay for this weight (None: service without one)."""
    rate, cap = service.indemnity_rate_eur_per_kg, service.indemnity_cap_eur
    if rate is None or cap is None:
        return None
    pro_rata = (rate * Decimal(weight_g) / 1000).quantize(CENT, ROUND_HALF_UP)
    return min(pro_rata, cap)


def indemnity(service, options, weight_g: int, value: Decimal | None, *,
              purchase_invoice: bool = True) -> Indemnity:
    """What Colissimo pays for a lost or damaged parcel [C 8.1].

    `value`: the proven purchase value (or the sale value when `purchase_invoice` is False).
    """
    options = options or {}
    level = options.get("registered")
    if level in REGISTERED_LEVELS:
        return Indemnity(REGISTERED_LEVELS[level], "registered", "[C 8.1]", False)
    proven = None if value is None else (value if purchase_invoice else value * NO_INVOICE_SHARE)
    insured = amount(options.get("insurance_eur")) if options.get("insurance_eur") else None
    if insured:
        paid = min(proven or Decimal(0), insured)
        return Indemnity(paid.quantize(CENT, ROUND_HALF_UP), "insured", "[C 8.1]", True)
    cap = standard_cap(service, weight_g) or Decimal(0)
    if weight_g <= 1000:  # ≤ 1 kg: flat rate pro rata of the weight [C 8.1]
        return Indemnity(cap, "standard", "[C 8.1]", True)
    paid = min(proven or Decimal(0), cap)
    return Indemnity(paid.quantize(CENT, ROUND_HALF_UP), "standard", "[C 8.1]", True)


def late_credit_percent(days_taken: int | None) -> Decimal:
    """% of the reference amount for a J+2 product delivered at J+`days_taken` [C 4.2.2]."""
    if days_taken is None:
        days_taken = LATE_CREDIT_UNKNOWN_DAY
    if days_taken <= 2:
        return Decimal(0)
    for day, percent in LATE_CREDIT_GRID:
        if days_taken == day:
            return percent
    return LATE_CREDIT_BEYOND


def late_credit(postage_excl_vat: Decimal, fuel_coefficient: Decimal, nm_supplement: Decimal,
                days_taken: int | None) -> Decimal:
    """Reference = postage excl. VAT + fuel adjustment + NM supplement [C 4.2.2, 9]."""
    reference = postage_excl_vat + postage_excl_vat * fuel_coefficient + nm_supplement
    return (reference * late_credit_percent(days_taken) / 100).quantize(CENT, ROUND_HALF_UP)


def late_credit_deadline(recipient, deposit: date) -> date:
    """12 months (national) / 6 months (international) from the day after deposit [C 4.2.2]."""
    return add_months(deposit, 12 if is_national(recipient) else 6)


def claim_months(service, recipient) -> int:
    """6 or 12 months per carrier, service and destination (OM2: 6) [C 14], [D 6.3], [N 11.10]."""
    if zone_of(recipient) == "OM2" and service.claim_months_om2:
        return service.claim_months_om2
    return service.claim_months


def claim_deadline(service, recipient, deposit: date) -> date:
    """Last day to claim: the period runs from the day after deposit [C 14], [D 6.3]."""
    return add_months(deposit, claim_months(service, recipient))


def answer_days(service, recipient) -> int:
    """Indicative answer time in working days [C 8.2 C]; Nova Post 30 days [N 11.11.2]."""
    if service.carrier == "novapost":
        return 30
    zone = zone_of(recipient)
    if zone == "FR":
        return 15
    if zone == "OM1":
        return 40
    if zone == "OM2":
        return 90
    return 30 if (recipient.country or "").upper() in ANSWER_30_COUNTRIES else 90


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    fr: str
    en: str
    value: str  # pre-filled from the shipment ("" when the clerk must supply it)
    required: bool = True
    source: str = ""  # the article asking for it

    @property
    def filled(self) -> bool:
        return bool(self.value)

    def label(self, lang: str = "fr") -> str:
        return self.fr if lang == "fr" else self.en


def claim_checklist(shipment, service, *, account_number: str = "", loss_or_damage: bool = True,
                    deposit: date | None = None, contact_email: str = "",
                    bank_account: str = "") -> list[ChecklistItem]:
    """The carrier's own claim file, pre-filled from the shipment."""
    if service.carrier == "laposte-delivengo":
        return delivengo_checklist(shipment, account_number=account_number,
                                   loss_or_damage=loss_or_damage, deposit=deposit,
                                   contact_email=contact_email)
    if service.carrier == "novapost":
        return novapost_checklist(shipment, loss_or_damage=loss_or_damage, deposit=deposit,
                                  bank_account=bank_account)
    return colissimo_checklist(shipment, account_number=account_number,
                               loss_or_damage=loss_or_damage, deposit=deposit)


def _deposited(s, deposit: date | None) -> date | None:
    return deposit or (s.deposited_at.date() if s.deposited_at else None)


def _recipient_block(s) -> str:
    from desktop.domain.address import format_lines

    return " / ".join(text for _, text in format_lines(s.recipient))


def _value_and_description(s) -> tuple[Decimal | None, str]:
    """The declared value as the admission check reads it: the option, else the customs
    total (desktop.domain.carriers.admission.declared_value)."""
    value = amount((s.options or {}).get("declared_value_eur"))
    if value is None and s.customs and s.customs.items:
        value = s.customs.total_value
    description = "; ".join(f"{i.quantity} × {i.description}" for i in s.customs.items) \
        if s.customs else ""
    return value, description


def colissimo_checklist(shipment, *, account_number: str = "", loss_or_damage: bool = True,
                        deposit: date | None = None) -> list[ChecklistItem]:
    """The claim file [C 8.2 C], pre-filled from the shipment."""
    s = shipment
    deposited = _deposited(s, deposit)
    recipient_block = _recipient_block(s)
    items = [
        ChecklistItem("sender", "Nom du client expéditeur", "Sender (customer) name",
                      s.sender.display_name),
        ChecklistItem("account", "Numéro de compte client", "Customer account number",
                      account_number),
        ChecklistItem("parcel_number", "Numéro du colis", "Parcel number", s.tracking_number or ""),
        ChecklistItem("acceptance_date", "Date de prise en charge", "Acceptance date",
                      deposited.strftime("%d/%m/%Y") if deposited else ""),
        ChecklistItem("recipient", "Nom et adresse complète du destinataire",
                      "Recipient name and full address", recipient_block),
    ]
    if loss_or_damage:
        value, description = _value_and_description(s)
        items += [
            ChecklistItem("recipient_phone", "Téléphone du destinataire", "Recipient phone",
                          s.recipient.phone),
            ChecklistItem("value", "Valeur du contenu (HT)", "Value of the contents (excl. VAT)",
                          f"{value:.2f} €" if value is not None else ""),
            ChecklistItem("description", "Description du contenu", "Description of the contents",
                          description),
            ChecklistItem("invoice", "Facture d'achat ou commerciale (= valeur CN23 à l'international)",
                          "Purchase or commercial invoice (= CN23 value abroad)",
                          s.customs.invoice_number if s.customs else ""),
            ChecklistItem("proof", "Preuve du préjudice (nouvel envoi…)",
                          "Proof of the loss (a new shipment…)", ""),
        ]
    items.append(ChecklistItem("first_sheet", "Copie du premier feuillet de la liasse",
                               "Copy of the form's first sheet", "", required=False))
    return [replace(i, source="[C 8.2 C]") for i in items]


def delivengo_checklist(shipment, *, account_number: str = "", loss_or_damage: bool = True,
                        deposit: date | None = None,
                        contact_email: str = "") -> list[ChecklistItem]:
    """One claim per item [D 6.3]: the item's number (the tracked service is the proof that La
    Poste took it in), the day after deposit starts the 6 months, and the contact e-mail the
    customer service answers to. Contents and value support a claim for loss."""
    s = shipment
    deposited = _deposited(s, deposit)
    src = "[D 6.3]"
    items = [
        ChecklistItem("sender", "Client expéditeur", "Sender (customer)", s.sender.display_name,
                      source=src),
        ChecklistItem("account", "Numéro de client Delivengo Profil", "Delivengo Profil customer "
                      "number", account_number, required=False, source="[D 1]"),
        ChecklistItem("parcel_number", "Numéro de l'envoi (suivi)", "Item (tracking) number",
                      s.tracking_number or "", source=src),
        ChecklistItem("deposit_date", "Date de dépôt", "Deposit date",
                      deposited.strftime("%d/%m/%Y") if deposited else "", source=src),
        ChecklistItem("recipient", "Destinataire", "Recipient", _recipient_block(s), source=src),
        ChecklistItem("contact_email", "Adresse e-mail de contact pour la réponse",
                      "Contact e-mail for the answer", contact_email or s.sender.email,
                      source=src),
    ]
    if loss_or_damage:
        value, description = _value_and_description(s)
        items += [
            ChecklistItem("description", "Description du contenu (CN22/CN23)",
                          "Description of the contents (CN22/CN23)", description,
                          required=False, source="[D 6.2]"),
            ChecklistItem("value", "Valeur déclarée", "Declared value",
                          f"{value:.2f} €" if value is not None else "", required=False,
                          source="[D 6.2]"),
        ]
    return items


def novapost_checklist(shipment, *, loss_or_damage: bool = True, deposit: date | None = None,
                       bank_account: str = "") -> list[ChecklistItem]:
    """The complaint [N 11.9.1]: who complains, about what, the nature and extent of the
    defect, why it is the operator's fault, the documents and the remedy chosen [N 11.5,
    11.6]; for damage also a sworn statement of proper packing and a bank account for the
    refund [N 10.2]."""
    s = shipment
    deposited = _deposited(s, deposit)
    src = "[N 11.9.1]"
    client = " — ".join(x for x in (s.sender.display_name, s.sender.phone, s.sender.email) if x)
    subject = s.tracking_number or ""
    if subject and deposited:
        subject += f" ({deposited:%d/%m/%Y})"
    items = [
        ChecklistItem("client", "Informations sur le client", "Client information", client,
                      source=src),
        ChecklistItem("subject", "Objet de la plainte (numéro du colis, date d'expédition)",
                      "Subject (parcel number, dispatch date)", subject, source=src),
        ChecklistItem("defect", "Nature et étendue du défaut", "Nature and extent of the defect",
                      "", source=src),
        ChecklistItem("fault", "Explication de la faute de l'opérateur",
                      "Explanation of the operator's fault", "", source=src),
        ChecklistItem("documents", "Documents à l'appui", "Supporting documents", "",
                      required=False, source=src),
        ChecklistItem("remedy", "Action corrective choisie", "Remedy chosen", "",
                      source="[N 11.9.1, 11.5, 11.6]"),
    ]
    if loss_or_damage:
        value, _ = _value_and_description(s)
        items += [
            ChecklistItem("declared_value", "Valeur déclarée", "Declared value",
                          f"{value:.2f} €" if value is not None else "", source="[N 10.1]"),
            ChecklistItem("sworn_statement", "Déclaration sous serment : colis correctement "
                          "emballé (signée)", "Sworn statement: parcel properly packed (signed)",
                          "", source="[N 10.2]"),
            ChecklistItem("bank_account", "Numéro de compte bancaire pour le remboursement",
                          "Bank account for the refund", bank_account, source="[N 10.2]"),
        ]
    return items
