"""When a customs declaration is needed, which form, and what makes one acceptable.

- `declaration_need(...)`: from the sender's and recipient's territories (country *and*
  postal code, `territories`), and, when known, the value and gross weight: CN22 or CN23
  (docs/sources/customs.md §1–2).
- `validate_declaration(...)`: the data-quality rules of docs/sources/customs.md §3, one `Violation` per
  problem with a field path `customs.items[i].field`.

Indexing: field paths use the 0-based index of `CustomsDeclaration.items` (the row of the
editor's table model); messages (`Violation.describe`) say "Ligne i+1" / "Line i+1".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from desktop.domain import countries, hs, territories
from desktop.domain.address import Address
from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.customs import CATEGORIES, CustomsDeclaration
from desktop.domain.customs_settings import CustomsSettings, normalise_description
from desktop.domain.errors import Collector, Violation
from desktop.domain.input_rules import MAX_QUANTITY, is_currency, text_problem

CN22, CN23 = "CN22", "CN23"
SRC_FORMS = "UPU CN 22/CN 23"
SRC_CARRIER_DATA = "Colissimo web service, MyDelivengo API"  # field lengths, customs.md §3
SRC_QUALITY = "[D 6.2]"  # badly filled CN 22/CN 23 data blocks items (docs/sources/customs.md §3)
# Whose word makes a badly filled item an error: Delivengo's terms say it outright [D 6.2];
# Colissimo's make the client answer for every customs formality [C 9]; otherwise the UPU
# form itself asks for a detailed description, quantity, weight and value per item, box (1).
_QUALITY_SOURCES = {"laposte-delivengo": SRC_QUALITY,
                    "colissimo": "[C 9]; UPU CN 22/CN 23 (1)"}
SRC_UPU_ITEMS = "UPU CN 22/CN 23 (1)"


def quality_source(carrier: str) -> str:
    """The article that makes a vague or placeholder customs item an error for `carrier`."""
    return _QUALITY_SOURCES.get(carrier, SRC_UPU_ITEMS)
EORI = re.compile(r"^[A-Z]{2}[A-Z0-9]{1,15}$")  # EU EORI: country code + up to 15 (Reg. 2015/2446)
MAX_DECIMALS = 2  # values to the cent


@dataclass(frozen=True)
class Need:
    required: bool
    form: str | None  # "CN22", "CN23", or None (not needed / not yet decidable)
    reason: str  # French
    reason_en: str
    territory: territories.Territory  # the recipient's
    sender_territory: territories.Territory | None = None
    copies: int = 0  # copies of the form to print for this carrier (configurable)

    def reason_in(self, lang: str = "fr") -> str:
        return self.reason if lang == "fr" else self.reason_en


_CARRIER_PREFIXES = (("delivengo", "laposte-delivengo"), ("colissimo", "colissimo"),
                     ("novapost", "novapost"))


def _carrier_of(service_id: str) -> str:
    """The carrier id of a service; falls back on the stable id prefixes when the
    service catalogue cannot be read, so customs checks never depend on its state."""
    try:
        catalogue = default_catalogue()
        if catalogue.has(service_id):
            return catalogue.get(service_id).carrier
    except Exception:  # noqa: BLE001 - a broken carrier table must not hide customs rules
        pass
    return next((c for p, c in _CARRIER_PREFIXES if (service_id or "").startswith(p)), "default")


carrier_of = _carrier_of


def declaration_need(sender: Address, recipient: Address, service_id: str, *,
                     settings: CustomsSettings | None = None, value: Decimal | None = None,
                     currency: str = "EUR", gross_weight_g: int | None = None,
                     category: str | None = None, lines: int | None = None) -> Need:
    """Is a declaration needed, and which form.

    Without `value` and `gross_weight_g` the form is only known when the carrier always wants a
    CN23; otherwise `form` is None and the reason says it depends on value and weight.
    """
    settings = settings or CustomsSettings.load()
    src = territories.of_address(sender)
    dst = territories.of_address(recipient)
    carrier = settings.carrier(_carrier_of(service_id))
    if src.customs_zone == dst.customs_zone:
        fr = f"{dst.name('fr')} : {dst.note('fr')} — pas de déclaration en douane"
        en = f"{dst.name('en')}: {dst.note('en')} — no customs declaration"
        if src.id != territories.EU_ZONE and src.customs_zone != territories.EU_ZONE:
            fr = f"{dst.name('fr')} : même territoire douanier que l'expéditeur — pas de déclaration"
            en = f"{dst.name('en')}: same customs territory as the sender — no declaration"
        return Need(False, None, fr, en, dst, src)
    where_fr = f"{dst.name('fr')} ({dst.note('fr')})" if dst.declaration else \
        f"{dst.name('fr')} depuis {src.name('fr')} ({src.note('fr')})"
    where_en = f"{dst.name('en')} ({dst.note('en')})" if dst.declaration else \
        f"{dst.name('en')} from {src.name('en')} ({src.note('en')})"
    form, why_fr, why_en = _choose_form(settings, carrier, value, currency, gross_weight_g,
                                        category, lines)
    fr = f"Déclaration en douane requise : {where_fr}. {why_fr}"
    en = f"Customs declaration required: {where_en}. {why_en}"
    return Need(True, form, fr, en, dst, src, carrier.copies_of(form) if form else 0)


def declaration_need_for(shipment, *, settings: CustomsSettings | None = None) -> Need:
    """The variant for a whole `Shipment`: uses its declaration's value and parcel weight."""
    decl: CustomsDeclaration | None = shipment.customs
    weight = shipment.parcel.weight_g if isinstance(shipment.parcel.weight_g, int) else None
    return declaration_need(
        shipment.sender, shipment.recipient, shipment.service_id, settings=settings,
        value=decl.total_value if decl else None, currency=decl.currency if decl else "EUR",
        gross_weight_g=weight or None, category=decl.category if decl else None,
        lines=len(decl.items) if decl else None)


def _choose_form(settings: CustomsSettings, carrier, value, currency, weight_g, category,
                 lines) -> tuple[str | None, str, str]:
    if carrier.always_cn23:
        return CN23, "Ce transporteur demande toujours une CN23.", \
            "This carrier always asks for a CN23."
    if category == "documents" and not lines:
        return CN22, "Documents seuls : CN22, catégorie « Documents ».", \
            "Documents only: CN22, category 'Documents'."
    limit, max_g = settings.cn22_max_value, settings.cn22_max_weight_g
    if value is None or weight_g is None:
        return None, (f"CN22 jusqu'à {limit} € et {max_g} g, CN23 au-delà "
                      "(selon la valeur et le poids)."), \
            f"CN22 up to {limit} € and {max_g} g, CN23 above (depends on value and weight)."
    in_eur = settings.to_eur(value, currency)
    if in_eur is None:
        return CN23, f"Devise {currency} sans taux de change : CN23 par prudence.", \
            f"Currency {currency} has no exchange rate: CN23 to be safe."
    if in_eur > limit:
        return CN23, f"Valeur {in_eur:.2f} € > {limit} € : CN23.", \
            f"Value {in_eur:.2f} € > {limit} €: CN23."
    if weight_g > max_g:
        return CN23, f"Poids {weight_g} g > {max_g} g : CN23.", f"Weight {weight_g} g > {max_g} g: CN23."
    if lines is not None and lines > settings.cn22_max_lines:
        return CN23, f"{lines} lignes, la CN22 n'en contient que {settings.cn22_max_lines} : CN23.", \
            f"{lines} lines, a CN22 holds only {settings.cn22_max_lines}: CN23."
    return CN22, f"Valeur {in_eur:.2f} € ≤ {limit} € et poids {weight_g} g ≤ {max_g} g : CN22.", \
        f"Value {in_eur:.2f} € ≤ {limit} € and weight {weight_g} g ≤ {max_g} g: CN22."


def validate_declaration(decl: CustomsDeclaration | None, *, gross_weight_g: int | None,
                         service_id: str, sender_eori: str = "",
                         settings: CustomsSettings | None = None) -> list[Violation]:
    """Every data-quality problem of docs/sources/customs.md §3 (errors, and warnings for unknown HS codes)."""
    settings = settings or CustomsSettings.load()
    c = Collector()
    quality = quality_source(_carrier_of(service_id))
    if decl is None:
        c.add("customs", "required", source=quality)
        return c.violations
    carrier = settings.carrier(_carrier_of(service_id))
    lengths = carrier.lengths
    if decl.category not in CATEGORIES:
        c.add("customs.category", "customs_category", limit=", ".join(CATEGORIES),
              actual=decl.category, source="UPU CN 23 (10)")
    if decl.category == "other" and not decl.explanation.strip():
        c.add("customs.explanation", "required", source="UPU CN 23 (10)")
    commercial = decl.category in settings.commercial_categories
    if decl.category == "sale_of_goods" and not decl.invoice_number.strip():
        c.add("customs.invoice_number", "customs_invoice_required", source="UPU CN 23 (14)")
    for name in ("explanation", "comments", "licence_number", "certificate_number",
                 "invoice_number"):
        text, limit = getattr(decl, name), lengths.get(name)
        if limit and len(text) > limit:
            c.add(f"customs.{name}", "max_length", limit=limit, actual=len(text),
                  source=SRC_CARRIER_DATA)
    if not decl.items and decl.category != "documents":
        c.add("customs.items", "customs_no_items", source=SRC_FORMS)
    currencies = {i.currency.upper() for i in decl.items}
    for n, item in enumerate(decl.items):
        _validate_item(c, f"customs.items[{n}]", item, decl.category, commercial, lengths,
                       settings, carrier.carrier)
    if len(currencies) > 1:
        c.add("customs.items", "customs_mixed_currency", actual=", ".join(sorted(currencies)),
              source="UPU CN 23 (6)")
    if gross_weight_g and decl.total_net_weight_g > gross_weight_g:
        c.add("customs.items", "customs_net_over_gross", limit=gross_weight_g,
              actual=decl.total_net_weight_g, source=quality)
    if decl.postal_charges is not None and decl.postal_charges < 0:
        c.add("customs.postal_charges", "min_value", limit=0, actual=decl.postal_charges)
    eori = (sender_eori or decl.sender_customs_reference or "").strip().upper()
    if eori and not EORI.match(eori):
        c.add("customs.sender_customs_reference", "customs_eori_format", actual=eori,
              source="Regulation (EU) 2015/2446")
    total_eur = settings.to_eur(decl.total_value, decl.currency)
    if carrier.eori_threshold_applies and total_eur is not None \
            and total_eur > settings.eori_threshold and not eori:
        c.add("customs.sender_customs_reference", "customs_eori_required",
              limit=settings.eori_threshold, actual=total_eur.quantize(Decimal("0.01")),
              source="Colissimo; Regulation (EU) 2015/2446")
    return c.violations


def _validate_item(c: Collector, path: str, item, category: str, commercial: bool,
                   lengths: dict, settings: CustomsSettings, carrier: str) -> None:
    quality = quality_source(carrier)
    desc = item.description.strip()
    if not desc:
        c.add(f"{path}.description", "required", source=quality)
    elif settings.is_stop_word(desc) and not (
            category == "documents" and normalise_description(desc) == "documents"):
        c.add(f"{path}.description", "customs_vague_description", actual=desc, source=quality)
    limit = lengths.get("description")
    if limit and len(desc) > limit:
        c.add(f"{path}.description", "max_length", limit=limit, actual=len(desc),
              source=SRC_CARRIER_DATA)
    if not isinstance(item.quantity, int) or item.quantity < 1:
        c.add(f"{path}.quantity", "positive", limit=0, actual=item.quantity)
    elif item.quantity > MAX_QUANTITY:
        c.add(f"{path}.quantity", "max_value", limit=MAX_QUANTITY, actual=item.quantity)
    for name in ("description", "hs_code", "origin", "currency"):
        problem = text_problem(f"{path}.{name}", getattr(item, name))
        if problem:
            c.violations.append(problem)
    if not isinstance(item.net_weight_g, int) or item.net_weight_g <= 0:
        c.add(f"{path}.net_weight_g", "positive", limit=0, actual=item.net_weight_g)
    value = item.value
    if not isinstance(value, Decimal):
        c.add(f"{path}.value", "not_a_decimal", actual=value)
    elif value <= 0:
        c.add(f"{path}.value", "customs_zero_value", actual=value, source=quality)
    else:
        if -value.as_tuple().exponent > MAX_DECIMALS and value != value.quantize(Decimal("0.01")):
            c.add(f"{path}.value", "customs_cents", limit=MAX_DECIMALS, actual=value)
        qty = item.quantity if isinstance(item.quantity, int) and item.quantity > 0 else 1
        if value == 1 or value / qty == 1:
            c.add(f"{path}.value", "customs_placeholder_value", actual=value, source=quality)
    if not is_currency(item.currency or ""):
        c.add(f"{path}.currency", "customs_currency", actual=item.currency, source="ISO 4217")
    code = item.hs_code.strip()
    if code:
        if not hs.is_valid_format(code):
            c.add(f"{path}.hs_code", "customs_hs_format", limit="6, 8, 10", actual=code,
                  source="HS 2022")
        elif not hs.exists(code):
            c.add(f"{path}.hs_code", "customs_hs_unknown", actual=code, source="HS 2022",
                  severity="warning")
    elif commercial:
        c.add(f"{path}.hs_code", "customs_hs_required", source="UPU CN 23 (7)")
    origin = item.origin.strip().upper()
    if origin:
        if not countries.is_known(origin):
            c.add(f"{path}.origin", "unknown_country", limit="ISO 3166-1 alpha-2", actual=origin,
                  source="ISO 3166-1")
    elif commercial:
        c.add(f"{path}.origin", "customs_origin_required", source="UPU CN 23 (8)")


def check_shipment(shipment, *, settings: CustomsSettings | None = None,
                   sender_eori: str = "") -> list[Violation]:
    """A `ShipmentCheck` for `services.validation`: a declaration when one is needed, valid."""
    settings = settings or CustomsSettings.load()
    need = declaration_need(shipment.sender, shipment.recipient, shipment.service_id,
                            settings=settings)
    if not need.required:
        return []
    weight = shipment.parcel.weight_g if isinstance(shipment.parcel.weight_g, int) else None
    return validate_declaration(shipment.customs, gross_weight_g=weight,
                                service_id=shipment.service_id, sender_eori=sender_eori,
                                settings=settings)

