"""Which source gives a shipment its tracking number: never Comptoir itself.

Each service lists its possible sources in the catalogue (docs/number-sources.md): the
carrier's web service at creation (`carrier_api`), the number printed on the carrier's
pre-paid form, scanned or typed (`form`), or a range the carrier assigned in writing
(`carrier_range`). With none of them available the shipment is refused, and the message says
what to configure.
"""

from __future__ import annotations

from desktop.domain.errors import Violation
from desktop.domain.messages import Text

CARRIER_API, FORM, CARRIER_RANGE = "carrier_api", "form", "carrier_range"


_WHAT = {CARRIER_API: Text("la clé API du transporteur (Paramètres → Transporteurs)",
                           "the carrier's API key (Settings → Carriers)"),
         FORM: Text("le n° du formulaire (scan)", "the form number (scan)"),
         CARRIER_RANGE: Text("une plage de numéros (Paramètres → Plages de numéros)",
                             "a number range (Settings → Number ranges)")}
# A number format as the clerk recognises it on the carrier's form.
FORMAT_NAMES = {
    "s10": Text("13 caractères, ex. CP123456785FR", "13 characters, e.g. CP123456785FR"),
    "colissimo13": Text("13 caractères, ex. 6A15984040331", "13 characters, e.g. 6A15984040331"),
    "novapost": Text("n° de la déclaration Nova Post", "Nova Post waybill number"),
}


def format_name(number_format: str) -> Text | str:
    return FORMAT_NAMES.get(number_format, number_format)


def _what(sources, lang: str) -> str:
    return " / ".join(_WHAT[s].fr if lang == "fr" else _WHAT[s].en for s in sources)


def form_first(service) -> bool:
    """The service's number is the one printed on the carrier's pre-paid form: it must be
    scanned before its label can print (Colissimo pré-affranchie [C 5.3])."""
    return tuple(getattr(service, "number_sources", ()) or ())[:1] == (FORM,)


def pick_source(service, *, scanned: bool, api_mode: str, has_range: bool
                ) -> str | Violation:
    """The source this shipment's number comes from, or the refusal naming what to set up.

    `api_mode` is the carrier's connector mode: "api" (its web service), "demo" (the
    in-process demo carrier: used only when nothing real is configured), anything else off.
    """
    sources = tuple(getattr(service, "number_sources", ()) or ())
    if scanned:
        return FORM
    for source in sources:
        if source == CARRIER_API and api_mode == "api":
            return CARRIER_API
        if source == CARRIER_RANGE and has_range:
            return CARRIER_RANGE
    if CARRIER_API in sources and api_mode == "demo" and sources[0] != FORM:
        return CARRIER_API  # the demo carrier: DEMO- numbers, SPECIMEN labels
    if FORM in sources and sources[0] == FORM:
        return Violation("tracking_number", "form_number_required",
                         limit=format_name(getattr(service, "number_format", "")),
                         source="[C 5.3]")
    return Violation("tracking_number", "number_source_missing",
                     limit=Text(_what(sources, "fr") or "un transporteur",
                                _what(sources, "en") or "a carrier"),
                     actual=Text(service.name("fr"), service.name("en"))
                     if hasattr(service, "name") else "")
