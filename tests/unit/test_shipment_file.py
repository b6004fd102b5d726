import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain.errors import ValidationFailed
from desktop.services.shipment_file import (
    load_shipment_file,
    parse_shipment,
    parse_shipment_json,
    shipment_to_dict,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example(name="colissimo-france.json") -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def refused(data) -> set[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as err:
        parse_shipment(data)
    return {(v.field, v.rule) for v in err.value.violations}


def test_examples_parse_with_nf_slots_from_lines():
    s = load_shipment_file(EXAMPLES / "colissimo-france.json")
    assert s.recipient.complement == "Appt 12, 3e étage"
    assert s.recipient.street == "12 rue de l'Église"
    assert s.parcel.weight_g == 1250 and s.parcel.dimensions_mm == (300, 200, 100)
    customs = load_shipment_file(EXAMPLES / "delivengo-usa.json").customs
    assert customs.items[0].value == Decimal("59.80") and customs.total_value == Decimal("59.80")


def test_round_trip_through_the_dict_form():
    s = load_shipment_file(EXAMPLES / "delivengo-usa.json")
    data = shipment_to_dict(s)
    for key in ("id", "status"):
        data.pop(key)
    assert parse_shipment(data) == s


def test_unknown_keys_are_errors_at_every_level():
    data = example()
    data["weigth_g"] = 1
    data["recipient"]["zip"] = "75016"
    data["parcel"]["weight_kg"] = 1.2
    found = refused(data)
    assert {("weigth_g", "unknown_key"), ("recipient.zip", "unknown_key"),
            ("parcel.weight_kg", "unknown_key")} <= found


@pytest.mark.parametrize("weight,rule", [(0, "positive"), (-3, "positive"), ("12a", "wrong_type"),
                                         ("480", "wrong_type"), (1.5, "wrong_type"),
                                         (True, "wrong_type"), (10 ** 30, "max_value"),
                                         (None, "required")])
def test_bad_weights(weight, rule):
    data = example()
    data["parcel"]["weight_g"] = weight
    assert ("parcel.weight_g", rule) in refused(data)


def test_values_must_be_decimal_strings_not_floats():
    data = example("delivengo-usa.json")
    data["customs"]["items"][0]["value"] = 59.8
    assert ("customs.items[0].value", "wrong_type") in refused(data)


def test_broken_json_names_line_and_column():
    with pytest.raises(ValidationFailed) as err:
        parse_shipment_json('{"service": "x",\n  "parcel": }')
    v = err.value.violations[0]
    assert v.rule == "invalid_json" and "line 2" in v.actual


def test_lines_and_street_together_are_ambiguous():
    data = example()
    data["recipient"]["street"] = "1 rue X"
    assert ("recipient.lines", "wrong_type") in refused(data)
