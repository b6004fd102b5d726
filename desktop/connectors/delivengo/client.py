"""MyDelivengo v2.4 over HTTP: the thin client. Field names and shapes are in `mapper`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from desktop.connectors.delivengo import mapper
from desktop.connectors.http import CarrierHttp, parse_answer
from desktop.domain.connectors import (
    CANCEL,
    CREATE,
    DELIVENGO,
    DEPOSIT_SLIP,
    LOOKUP,
    CarrierError,
    CarrierRef,
    ConnectionCheck,
    Created,
    CreateRequest,
    Document,
    ErrorKind,
    LabelMedia,
    PickupPoint,
    PickupQuery,
    Quote,
    Tracking,
    unsupported,
)
from desktop.domain.shipment import Shipment


class DelivengoConnector:
    carrier = DELIVENGO
    # No tracking (La Poste's tracking is a separate API), no pick-up points, no price quote
    # (prices come from the contract tables).
    capabilities = frozenset({CREATE, CANCEL, DEPOSIT_SLIP, LOOKUP})

    def __init__(self, http: CarrierHttp, api_key: Callable[[], str], *,
                 untracked_product_id: int | None = None, simulate: bool = False):
        self._http = http
        self._key = api_key
        self._untracked = untracked_product_id
        self._simulate = simulate

    def _headers(self, accept: str = "application/json") -> dict:
        key = self._key()
        if not key:
            raise CarrierError(DELIVENGO, ErrorKind.CONFIG, "no API key")
        return {mapper.AUTH_HEADER: key, "Accept": accept}

    def create(self, request: CreateRequest) -> Created:
        product = mapper.product_id(request.shipment.service_id, self._untracked)
        if product is None:
            raise CarrierError(DELIVENGO, ErrorKind.CONFIG,
                               f"no Delivengo product id for {request.shipment.service_id}")
        headers = self._headers(mapper.accept(request.media))
        simulate = request.simulate or self._simulate
        if simulate:
            headers[mapper.SIMULATION_HEADER[0]] = mapper.SIMULATION_HEADER[1]
        response = self._http.check(
            self._http.send("POST", "envois", params=mapper.create_params(request.media),
                            json=mapper.create_body(request, product), headers=headers,
                            creates=not simulate),
            mapper.parse_errors, creates=not simulate)
        created = parse_answer(DELIVENGO, lambda: mapper.parse_created(
            response.json(), replace(request, simulate=simulate)), creates=not simulate)
        if (request.shipment.customs is not None and not simulate
                and request.media.media_type == "application/zpl"
                and not any(d.kind == "customs" for d in created.documents)):
            # A ZPL answer carries no customs documents: fetch them again as PDF.
            again = self._get_json(f"envois/{created.ref.carrier_id}",
                                   params={"support": mapper.SUPPORTS[LabelMedia.PDF_10X15]},
                                   accept="application/pdf")
            extra = parse_answer(DELIVENGO, lambda: mapper.customs_documents(again))
            created = replace(created, documents=created.documents + tuple(extra))
        return created

    def find_by_reference(self, reference: str, media: LabelMedia = LabelMedia.PDF_10X15,
                          day: date | None = None) -> Created | None:
        body = self._get_json("envois", params=mapper.search_params(reference, day))
        ref = mapper.find_by_key(body, reference)
        if ref is None:
            return None
        response = self._http.check(
            self._http.send("GET", f"plis/{ref.parcel_id}", params=mapper.label_params(media),
                            headers=self._headers(mapper.accept(media))), mapper.parse_errors)
        label = parse_answer(DELIVENGO, lambda: mapper.label_bytes(
            response.content, response.headers.get("Content-Type", "")))
        return Created(ref, Document("label", media.media_type, label))

    def cancel(self, ref: CarrierRef) -> None:
        if not ref.carrier_id:
            raise CarrierError(DELIVENGO, ErrorKind.PERMANENT, "no envoi id to cancel")
        self._http.check(self._http.send("DELETE", f"envois/{ref.carrier_id}",
                                         headers=self._headers()), mapper.parse_errors)

    def track(self, tracking_number: str) -> Tracking:
        raise unsupported(DELIVENGO, "tracking")

    def deposit_slip(self, day: date) -> Document:
        """The day's deposit slip (bordereau de dépôt) as PDF, creating it if none exists."""
        ids = mapper.depot_ids(self._get_json("depots", params=mapper.depots_params(day)))
        if not ids:
            created = self._http.check(
                self._http.send("POST", "depots", json=mapper.depot_create_body(day),
                                headers=self._headers()), mapper.parse_errors)
            ids = [parse_answer(DELIVENGO, lambda: str(created.json()["data"]["id"]))]
        response = self._http.check(
            self._http.send("GET", f"depots/{ids[0]}", headers=self._headers("application/pdf")),
            mapper.parse_errors)
        return Document("deposit_slip", "application/pdf", response.content)

    def pickup_points(self, query: PickupQuery) -> list[PickupPoint]:
        raise unsupported(DELIVENGO, "pick-up points")

    def quote(self, shipment: Shipment, pickup_point_id: str = "") -> Quote:
        raise unsupported(DELIVENGO, "price quote")

    def test_connection(self) -> ConnectionCheck:
        try:
            body = self._get_json("utilisateurs/0")
        except CarrierError as exc:
            return ConnectionCheck(False, DELIVENGO, exc.describe("en"))
        return ConnectionCheck(True, DELIVENGO, mapper.account_name(body))

    def _get_json(self, path: str, params=None, accept: str = "application/json") -> dict:
        response = self._http.check(self._http.send("GET", path, params=params,
                                                     headers=self._headers(accept)),
                                    mapper.parse_errors)
        return parse_answer(DELIVENGO, response.json)

