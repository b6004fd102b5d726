"""Colissimo SLS generateLabel over HTTP (contract holders): the thin client."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop.connectors.colissimo import mapper
from desktop.connectors.http import CarrierHttp, parse_answer
from desktop.domain.connectors import (
    COLISSIMO,
    CREATE,
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

Credentials = Callable[[], tuple[str, str, str]]  # (contract number, password, API key)


class ColissimoConnector:
    carrier = COLISSIMO
    # generateLabel only: no cancel (an unused Colissimo label is simply not deposited), no
    # look-up by reference, so a creation whose answer was lost needs the clerk.
    capabilities = frozenset({CREATE})

    def __init__(self, http: CarrierHttp, credentials: Credentials,
                 today: Callable[[], date] = date.today):
        self._http = http
        self._credentials = credentials
        self._today = today

    def _auth(self) -> tuple[dict, dict]:
        contract, password, api_key = self._credentials()
        if api_key:
            return {}, {mapper.API_KEY_HEADER: api_key}
        if contract and password:
            return mapper.credentials(contract, password), {}
        raise CarrierError(COLISSIMO, ErrorKind.CONFIG, "no contract number and password")

    def create(self, request: CreateRequest) -> Created:
        body_auth, headers = self._auth()
        path = mapper.CHECK if request.simulate else mapper.GENERATE
        creates = not request.simulate
        response = self._http.send(
            "POST", path, json=mapper.create_body(request, self._today(), body_auth),
            headers={"Accept": "multipart/mixed, application/json", **headers}, creates=creates)
        content_type = response.headers.get("Content-Type", "")
        self._http.check(response, lambda status, content: mapper.parse_errors(
            status, content, content_type), creates=creates)
        if request.simulate:
            return Created(CarrierRef(COLISSIMO, "", reference=request.idempotency_key), None,
                           simulated=True)
        return parse_answer(COLISSIMO, lambda: mapper.parse_created(
            response.content, content_type, request), creates=True)

    def find_by_reference(self, reference: str, media: LabelMedia = LabelMedia.PDF_10X15,
                          day: date | None = None) -> Created | None:
        raise unsupported(COLISSIMO, "look-up by reference")

    def cancel(self, ref: CarrierRef) -> None:
        raise unsupported(COLISSIMO, "cancel")

    def track(self, tracking_number: str) -> Tracking:
        raise unsupported(COLISSIMO, "tracking")

    def deposit_slip(self, day: date) -> Document:
        raise unsupported(COLISSIMO, "deposit slip")

    def pickup_points(self, query: PickupQuery) -> list[PickupPoint]:
        raise unsupported(COLISSIMO, "pick-up points")

    def quote(self, shipment: Shipment, pickup_point_id: str = "") -> Quote:
        raise unsupported(COLISSIMO, "price quote")

    def test_connection(self) -> ConnectionCheck:
        """checkGenerateLabel on a sample parcel: validates the credentials, creates nothing."""
        from desktop.connectors.samples import sample_request

        try:
            self.create(sample_request("colissimo-domicile-france", simulate=True))
        except CarrierError as exc:
            return ConnectionCheck(False, COLISSIMO, exc.describe("en"))
        return ConnectionCheck(True, COLISSIMO, "credentials accepted (checkGenerateLabel)")
