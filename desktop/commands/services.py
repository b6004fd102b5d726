"""`comptoir services [--json]`: the carrier services with their stable ids and limits."""

from __future__ import annotations

from desktop.commands._common import EXIT_OK, print_json
from desktop.domain.carriers.catalogue import default_catalogue


def register(sub) -> None:
    parser = sub.add_parser("services", help="list the carrier services and their limits")
    parser.add_argument("--json", action="store_true", help="machine-readable list")
    parser.set_defaults(func=_services)


def service_dict(s, lang: str) -> dict:
    return {
        "id": s.id, "carrier": s.carrier, "carrier_name": s.carrier_name, "name": s.name(lang),
        "tracked": s.tracked, "max_weight_g": s.max_weight_g, "destinations": list(s.destinations),
        "workdays": s.workdays, "options": list(s.options), "required": list(s.required),
        "limits": [{"rule": x.rule, "value": x.value, "source": x.source} for x in s.limits],
        "claim_months": s.claim_months, "source": s.source,
        "holding": ({"min_days": s.holding_days_min or s.holding_days, "max_days": s.holding_days,
                     "source": s.holding_source} if s.holding_days else None),
    }


def _services(args) -> int:
    lang = args.lang or "fr"
    services = default_catalogue().all()
    if args.json:
        print_json({"services": [service_dict(s, lang) for s in services]})
        return EXIT_OK
    for s in services:
        print(f"{s.id:40} {s.name(lang)}")
        for x in s.limits:
            print(f"    {x.rule:26} {x.value:>9}  {x.source}")
        if s.holding_days:
            days = (f"{s.holding_days_min}–{s.holding_days}" if s.holding_days_min
                    else str(s.holding_days))
            label = "instance (jours)" if lang == "fr" else "holding (days)"
            print(f"    {label:26} {days:>9}  {s.holding_source}")
        if s.options:
            label = "options" if lang == "en" else "options"
            print(f"    {label:26} {', '.join(s.options)}")
    return EXIT_OK
