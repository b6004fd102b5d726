"""Which source gives a shipment its tracking number: never Comptoir itself.

Each service lists its possible sources in the catalogue (docs/number-sources.md): the
carrier's web service at creation (`carrier_api`), the number printed on the carrier's
pre-paid form, scanned or typed (`form`), or a range the carrier assigned in writing
(`carrier_range`). With none of them available the shipment is refused, and the message says
what to configure.
"""

from __future__ import annotations

from desktop.domain.errors import Violation

CARRIER_API, FORM, CARRIER_RANGE = "carrier_api", "form", "carrier_range"


_WHAT = {CARRIER_API: "API key (carriers set-key)", FORM: "form number (scan)",
         CARRIER_RANGE: "Number ranges"}


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
                         limit=getattr(service, "number_format", ""), source="[C 5.3]")
    return Violation("tracking_number", "number_source_missing",
                     limit=" / ".join(_WHAT[s] for s in sources) or "a carrier",
                     actual=getattr(service, "id", ""))
