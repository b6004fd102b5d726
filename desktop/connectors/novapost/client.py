"""Nova Post Europe API v1.0 over HTTP: JWT session, one re-login on 401, divisions cache."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from desktop.connectors.http import CarrierHttp, parse_answer
from desktop.connectors.novapost import mapper
from desktop.domain.connectors import (
    CANCEL,
    CREATE,
    LOOKUP,
    NOVAPOST,
    PICKUP_POINTS,
    QUOTE,
    TRACK,
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

if TYPE_CHECKING:
    import httpx

# The JWT lasts about an hour; renewing before that avoids a 401 on most calls.
JWT_LIFETIME_S = 50 * 60
# Branches and lockers change rarely; six hours keeps the counter fast (our choice).
DIVISIONS_TTL_S = 6 * 3600


class NovaPostConnector:
    carrier = NOVAPOST
    capabilities = frozenset({CREATE, CANCEL, TRACK, PICKUP_POINTS, QUOTE, LOOKUP})

    def __init__(self, http: CarrierHttp, api_key: Callable[[], str], *,
                 clock: Callable[[], float] = time.monotonic,
                 divisions_ttl_s: float = DIVISIONS_TTL_S):
        self._http = http
        self._key = api_key
        self._clock = clock
        self._ttl = divisions_ttl_s
        self._jwt = ""
        self._jwt_at = 0.0
        self._lock = threading.Lock()
        self._divisions: dict[tuple, tuple[float, list[PickupPoint]]] = {}

    @property
    def jwt(self) -> str:  # for the exchange log's redaction only
        return self._jwt

    def _login(self) -> str:
        key = self._key()
        if not key:
            raise CarrierError(NOVAPOST, ErrorKind.CONFIG, "no API key")
        response = self._http.check(
            self._http.send("GET", mapper.LOGIN_PATH, params=mapper.login_params(key)),
            mapper.parse_errors)
        self._jwt = parse_answer(NOVAPOST, lambda: mapper.parse_jwt(response.json()))
        self._jwt_at = self._clock()
        return self._jwt

    def _token(self) -> str:
        with self._lock:
            if not self._jwt or self._clock() - self._jwt_at > JWT_LIFETIME_S:
                return self._login()
            return self._jwt

    def _call(self, method: str, path: str, *, creates: bool = False, **kw) -> httpx.Response:
        """One request with the session token; on 401 exactly one re-login and one retry."""
        headers = {"Accept": "application/json", **kw.pop("headers", {})}
        response = self._http.send(method, path, headers={**headers,
                                                          **mapper.auth_headers(self._token())},
                                   creates=creates, **kw)
        if response.status_code == 401:
            with self._lock:
                token = self._login()
            response = self._http.send(method, path,
                                       headers={**headers, **mapper.auth_headers(token)},
                                       creates=creates, **kw)
        return self._http.check(response, mapper.parse_errors, creates=creates)

    def create(self, request: CreateRequest) -> Created:
        if request.simulate:
            raise unsupported(NOVAPOST, "simulation")
        response = self._call("POST", "shipments", json=mapper.create_body(request),
                              creates=True)
        ref = parse_answer(NOVAPOST, lambda: mapper.parse_created(response.json(), request),
                           creates=True)
        label = self._print(ref.tracking_number, "marking", request.media)
        documents = ()
        if request.shipment.customs is not None:
            documents = (self._print(ref.tracking_number, "invoice", request.media,
                                     kind="invoice"),)
        return Created(ref, label, documents)

    def _print(self, number: str, what: str, media: LabelMedia, kind: str = "label") -> Document:
        response = self._call("GET", "shipments/print",
                              params=mapper.print_params(number, what, media),
                              headers={"Accept": "application/pdf"})
        return Document(kind, "application/pdf", response.content)

    def find_by_reference(self, reference: str, media: LabelMedia = LabelMedia.PDF_10X15,
                          day: date | None = None) -> Created | None:
        response = self._call("GET", "shipments", params=mapper.find_params(reference))
        ref = parse_answer(NOVAPOST, lambda: mapper.find_by_key(response.json(), reference))
        if ref is None:
            return None
        return Created(ref, self._print(ref.tracking_number, "marking", media))

    def cancel(self, ref: CarrierRef) -> None:
        shipment_id = ref.carrier_id
        if not shipment_id:
            response = self._call("GET", "shipments",
                                  params=mapper.find_number_params(ref.tracking_number))
            shipment_id = parse_answer(NOVAPOST, lambda: mapper.id_of_number(
                response.json(), ref.tracking_number))
        if not shipment_id:
            raise CarrierError(NOVAPOST, ErrorKind.PERMANENT,
                               f"shipment {ref.tracking_number} not found")
        self._call("DELETE", f"shipments/{shipment_id}")

    def track(self, tracking_number: str) -> Tracking:
        response = self._call("GET", "shipments/tracking",
                              params=mapper.tracking_params(tracking_number))
        found = parse_answer(NOVAPOST, lambda: mapper.parse_tracking(response.json(),
                                                                     tracking_number))
        if found is None:
            raise CarrierError(NOVAPOST, ErrorKind.PERMANENT,
                               f"{tracking_number} unknown to Nova Post", status=404)
        return found

    def deposit_slip(self, day: date) -> Document:
        raise unsupported(NOVAPOST, "deposit slip")

    def pickup_points(self, query: PickupQuery) -> list[PickupPoint]:
        key = (query.country, query.postcode, query.city, query.latitude, query.longitude,
               query.kinds, query.limit)
        now = self._clock()
        cached = self._divisions.get(key)
        if cached and now - cached[0] < self._ttl:
            return list(cached[1])
        response = self._call("GET", "divisions", params=mapper.division_params(query))
        points = parse_answer(NOVAPOST, lambda: mapper.parse_divisions(response.json(),
                                                                       query.country))
        self._divisions[key] = (now, points)
        return list(points)

    def quote(self, shipment: Shipment, pickup_point_id: str = "") -> Quote:
        response = self._call("POST", "shipments/calculations",
                              json=mapper.quote_body(shipment, pickup_point_id))
        return parse_answer(NOVAPOST, lambda: mapper.parse_quote(response.json()))

    def test_connection(self) -> ConnectionCheck:
        try:
            with self._lock:
                self._login()
        except CarrierError as exc:
            return ConnectionCheck(False, NOVAPOST, exc.describe("en"))
        return ConnectionCheck(True, NOVAPOST, "API key accepted (session token received)")
