"""The division search behind the counter's picker: which kinds a Nova Post service and its
variant need, the query it makes, and the cache in front of the carrier."""

from __future__ import annotations

from desktop.connectors.fake import FakeCarrier
from desktop.domain.address import Address
from desktop.domain.carriers.catalogue import default_catalogue
from desktop.services.pickup_points import CACHE_TTL_S, PickupPointService

KYIV = Address(name="Olena", street="Khreshchatyk 1", postcode="01001", city="Kyiv",
               country="UA")


class CountingCarrier(FakeCarrier):
    def __init__(self):
        super().__init__(lambda *_a: b"%PDF")
        self.queries = []

    def pickup_points(self, query):
        self.queries.append(query)
        return super().pickup_points(query)


def service(now):
    carrier = CountingCarrier()
    return PickupPointService(default_catalogue(), lambda _c: carrier,
                              clock=lambda: now[0]), carrier


def test_kinds_follow_the_service_and_its_variant():
    svc, _ = service([0.0])
    assert svc.kinds_needed("novapost-parcel", {"novapost_variant": "address-address"}) == ()
    assert svc.kinds_needed("novapost-parcel", {"novapost_variant": "branch-locker"}) == (
        "locker",)
    assert svc.kinds_needed("novapost-parcel", {"novapost_variant": "address-pickup"}) == (
        "pickup_point",)
    # Cargo is delivered at a branch only: a division is needed before a variant is chosen.
    assert svc.kinds_needed("novapost-cargo", {}) == ("branch", "cargo_branch")
    assert svc.kinds_needed("colissimo-domicile-france", {"novapost_variant": "x-locker"}) == ()
    assert svc.kinds_needed("", {}) == ()


def test_query_uses_the_typed_text_or_the_recipient_and_the_cache_holds_for_a_while():
    now = [0.0]
    svc, carrier = service(now)
    options = {"novapost_variant": "address-locker", "locker_country": "FR"}
    query = svc.query("novapost-parcel", KYIV, options)
    assert (query.country, query.postcode, query.city, query.kinds) == (
        "FR", "01001", "KYIV", ("locker",))  # the locker's country wins
    assert svc.query("novapost-parcel", KYIV, options, " lyon ").city == "LYON"
    assert svc.query("novapost-parcel", KYIV, options, "69003").postcode == "69003"

    points = svc.search("novapost-parcel", KYIV, {"novapost_variant": "address-locker"})
    assert [p.kind for p in points] == ["locker"] * 3
    assert [p.distance_m for p in points] == sorted(p.distance_m for p in points)
    svc.search("novapost-parcel", KYIV, {"novapost_variant": "address-locker"})
    assert len(carrier.queries) == 1 and svc.asked == 1  # the second answer: the cache
    now[0] = CACHE_TTL_S + 1
    svc.search("novapost-parcel", KYIV, {"novapost_variant": "address-locker"})
    assert len(carrier.queries) == 2
    assert svc.search("novapost-parcel", KYIV, {"novapost_variant": "address-address"}) == []
