"""Local fake carrier servers on 127.0.0.1 (http.server in a thread), following the API
shapes the connectors assume (docs/carrier-connectors.md).

Each fake keeps every request it received (method, path, query, headers, body) and answers
like the carrier would; `fail(...)` queues a fault for the next matching request: an HTTP
status with a body, a dropped connection (mid-response), a hang longer than the client's
timeout, or "create, then drop the connection" (the answer of a creation is lost).
"""

from __future__ import annotations

import base64
import itertools
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from desktop.domain.tracking import make_s10

# Label bytes with CR, LF, NUL and high bytes: any text round-trip would change them.
LABEL_PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\r\n1 0 obj<<>>endobj\r\n\x00\xff--not-a-boundary\r\n"
             b"trailer<<>>\n%%EOF\n")
LABEL_ZPL = b"^XA^FO50,50^A0N,40,40^FDCARRIER LABEL^FS^XZ\r\n"
CUSTOMS_PDF = b"%PDF-1.4\n% customs declaration CN23\n\xc3\xa9\r\n%%EOF\n"
INVOICE_PDF = b"%PDF-1.4\n% invoice\n%%EOF\n"
SLIP_PDF = b"%PDF-1.4\n% bordereau de depot\n%%EOF\n"


@dataclass
class Received:
    method: str
    path: str
    query: dict
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Fault:
    method: str
    path: str  # prefix of the path
    action: str  # "status", "drop", "hang", "delay", "create_then_drop"
    status: int = 500
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    seconds: float = 2.0


class FakeCarrierServer:
    prefix = ""

    def __init__(self):
        self.requests: list[Received] = []
        self.faults: list[Fault] = []
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                path = parts.path[len(owner.prefix):] if parts.path.startswith(owner.prefix) \
                    else parts.path
                received = Received(self.command, path, parse_qs(parts.query),
                                    {k.lower(): v for k, v in self.headers.items()}, body)
                with owner.lock:
                    owner.requests.append(received)
                    fault = owner._take_fault(received)
                if fault and fault.action == "hang":
                    time.sleep(fault.seconds)
                    return self._close()
                if fault and fault.action == "delay":  # a slow carrier that does answer
                    time.sleep(fault.seconds)
                if fault and fault.action == "drop":
                    return self._drop()
                if fault and fault.action == "status":
                    return self._reply(fault.status, fault.body,
                                       {"Content-Type": "application/json", **fault.headers})
                status, payload, headers = owner.handle(received)
                if fault and fault.action == "create_then_drop":
                    return self._drop()
                self._reply(status, payload, headers)

            def _reply(self, status, payload, headers):
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _drop(self):
                # A status line and half the headers, then the connection is cut.
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"da")
                self.wfile.flush()
                self._close()

            def _close(self):
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

            do_GET = do_POST = do_DELETE = do_PUT = _serve

        self._handler = Handler
        self._listen(0)

    def _listen(self, port: int) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def down(self) -> None:
        """The carrier goes away: nothing listens on its port (connection refused)."""
        self._port = self.server.server_address[1]
        self.close()

    def up(self) -> None:
        """Back on the same port, with everything it knew."""
        self._listen(self._port)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{self.prefix}/"

    def fail(self, method: str, path: str, action: str = "status", **kw) -> None:
        self.faults.append(Fault(method, path, action, **kw))

    def _take_fault(self, r: Received) -> Fault | None:
        for i, f in enumerate(self.faults):
            if f.method == r.method and r.path.startswith(f.path):
                return self.faults.pop(i)
        return None

    def of(self, method: str, path: str) -> list[Received]:
        return [r for r in self.requests if r.method == method and r.path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def handle(self, r: Received) -> tuple[int, bytes, dict]:  # pragma: no cover - abstract
        raise NotImplementedError


def _json(status: int, data) -> tuple[int, bytes, dict]:
    return status, json.dumps(data).encode(), {"Content-Type": "application/json"}


class DelivengoServer(FakeCarrierServer):
    """MyDelivengo v2.4: `API-Authorization` raw key, envois with plis, depots."""

    prefix = "/api/v2.4"

    def __init__(self, api_key: str = "dlv-key-123456"):
        self.api_key = api_key
        self.envois: dict[int, dict] = {}
        self.depots: dict[int, str] = {}
        self.ids = itertools.count(1001)
        self.serials = itertools.count(37_508_760)
        super().__init__()

    def handle(self, r):
        if r.headers.get("api-authorization") != self.api_key:
            return _json(401, {"error": {"code": 401, "message": "Clé API invalide"}})
        if r.method == "POST" and r.path == "/envois":
            return self._create(r)
        if r.method == "GET" and r.path == "/envois":
            return _json(200, {"data": list(self.envois.values()),
                               "recordsFiltered": len(self.envois),
                               "recordsTotal": len(self.envois)})
        if r.path.startswith("/envois/"):
            envoi = self.envois.get(int(r.path.split("/")[2]))
            if envoi is None:
                return _json(404, {"error": {"code": 404, "message": "Envoi introuvable"}})
            if r.method == "DELETE":
                del self.envois[envoi["id"]]
                return _json(200, {"data": {"id": envoi["id"]}})
            return _json(200, {"data": {**envoi, "documents_douaniers":
                                        base64.b64encode(CUSTOMS_PDF).decode()}})
        if r.method == "GET" and r.path.startswith("/plis/"):
            accept = r.headers.get("accept", "")
            return 200, LABEL_ZPL if "zpl" in accept else LABEL_PDF, {"Content-Type": accept}
        if r.path == "/depots" and r.method == "GET":
            day = r.query.get("date[from]", [""])[0]
            return _json(200, {"data": [{"id": k} for k, d in self.depots.items() if d == day]})
        if r.path == "/depots" and r.method == "POST":
            new = next(self.ids)
            self.depots[new] = r.json()["data"]["date"]
            return _json(201, {"data": {"id": new}})
        if r.path.startswith("/depots/"):
            return 200, SLIP_PDF, {"Content-Type": "application/pdf"}
        if r.path == "/utilisateurs/0":
            return _json(200, {"data": {"raison_sociale": "Atelier Dupont", "nom": "Dupont"}})
        return _json(404, {"error": {"code": 404, "message": "Route inconnue"}})

    def _create(self, r):
        body = r.json()["data"]
        pli = body["plis"][0]
        details = {}
        if not pli["destinataire"]["code_postal_commune"].strip():
            details["plis[0].destinataire.code_postal_commune"] = ["Le code postal est obligatoire"]
        if pli["poids"] > 2000:
            details["plis[0].poids"] = "Poids maximum 2000 g"
        if details:
            return _json(400, {"error": {"code": 400, "message": "Données invalides",
                                         "description": "Vérifiez les champs",
                                         "details": details}})
        zpl = "zpl" in r.headers.get("accept", "")
        customs = "documents_douaniers" in pli
        if r.headers.get("api-creation-mode") == "simulation":
            return _json(200, {"data": {"id": 0, "plis": [{"id": 0, "numero": ""}],
                                        "documents_supports": None,
                                        "documents_douaniers": None, "factures": None}})
        envoi_id = next(self.ids)
        numero = make_s10("LD", next(self.serials), "FR")
        envoi = {"id": envoi_id, "descriptif": body["descriptif"],
                 "plis": [{"id": f"P{envoi_id}", "numero": numero,
                           "reference": pli["reference"]}]}
        self.envois[envoi_id] = envoi
        return _json(200, {"data": {
            "id": envoi_id, "plis": envoi["plis"],
            "documents_supports": base64.b64encode(LABEL_ZPL if zpl else LABEL_PDF).decode(),
            "documents_douaniers": base64.b64encode(CUSTOMS_PDF).decode()
            if customs and not zpl else None,
            "factures": None}})


# Nova Post divisions near Kyiv (the fake answers those of the asked categories).
DIVISIONS = [
    {"id": 7001, "number": "12", "name": "Kyiv Postomat 12",
     "divisionCategory": "Postomat", "countryCode": "UA",
     "addressParts": {"postCode": "01001", "city": "Kyiv", "street": "Khreshchatyk",
                      "building": "22"}, "maxWeightPlaceRecipient": 30,
     "distance": 420},
    {"id": 7002, "number": "3", "name": "Kyiv Branch 3",
     "divisionCategory": "PostBranch", "countryCode": "UA",
     "addressParts": {"postCode": "01004", "city": "Kyiv", "street": "Basseina",
                      "building": "1"}, "maxWeightPlaceRecipient": 1000,
     "distance": 1350},
    {"id": 7003, "number": "8", "name": "Kyiv Branch 8", "divisionCategory": "PostBranch",
     "countryCode": "UA", "addressParts": {"postCode": "01004", "city": "Kyiv",
                                      "street": "Velyka Vasylkivska", "building": "5"},
     "maxWeightPlaceRecipient": 1000, "distance": 2100}]




class NovaPostServer(FakeCarrierServer):
    """Nova Post Europe v1.0: JWT from `clients/authorization`, shipments, divisions."""

    prefix = "/v.1.0"

    def __init__(self, api_key: str = "np-key-abcdef"):
        self.api_key = api_key
        self.logins = 0
        self.jwt = ""
        self.shipments: dict[int, dict] = {}
        self.ids = itertools.count(501)
        self.serials = itertools.count(4009860665)
        super().__init__()

    def expire(self) -> None:
        """The session token ends (as after an hour): the next call gets 401."""
        self.jwt = "expired"

    def handle(self, r):
        if r.path == "/clients/authorization":
            if r.query.get("apiKey", [""])[0] != self.api_key:
                return _json(401, {"errors": {"apiKey": "Invalid API key"}})
            self.logins += 1
            self.jwt = f"eyJhbGciOi.session{self.logins}.sig"
            return _json(200, {"jwt": self.jwt})
        if not self.jwt or r.headers.get("authorization") != self.jwt:
            return _json(401, {"errors": {"authorization": "Unauthorized"}})
        if r.method == "POST" and r.path == "/shipments":
            body = r.json()
            errors = {}
            if not body["recipient"].get("phone"):
                errors["recipient.phone"] = "Phone is required"
            if body["parcels"][0]["actualWeight"] <= 0:
                errors["parcels.0.actualWeight"] = "Must be greater than 0"
            if errors:
                return _json(422, {"errors": errors})
            new = next(self.ids)
            shipment = {"id": new, "number": f"SHLT{next(self.serials)}",
                        "clientOrder": body["clientOrder"], "status": "ReadyToShip"}
            self.shipments[new] = shipment
            return _json(201, {**shipment, "scheduledDeliveryDate": "2026-12-04", "cost": 14.5})
        if r.method == "GET" and r.path == "/shipments":
            wanted = r.query.get("clientOrder", [None])[0]
            numbers = r.query.get("numbers[]", [])
            items = [s for s in self.shipments.values()
                     if (wanted is None or s["clientOrder"] == wanted)
                     and (not numbers or s["number"] in numbers)]
            return _json(200, {"items": items})
        if r.method == "GET" and r.path == "/shipments/print":
            return 200, (INVOICE_PDF if r.query["type"] == ["invoice"] else LABEL_PDF), \
                {"Content-Type": "application/pdf"}
        if r.method == "GET" and r.path == "/shipments/tracking":
            number = r.query["numbers[]"][0]
            if number not in {s["number"] for s in self.shipments.values()}:
                return _json(200, [])
            return _json(200, [{"number": number, "statusCode": "7", "status": "At the branch",
                                "history": [{"date": "2026-12-01T09:30:00Z", "statusCode": "1",
                                             "status": "Ready to ship", "location": "Paris"},
                                            {"date": "2026-12-03T15:00:00Z", "statusCode": "7",
                                             "status": "At the branch",
                                             "location": "Kyiv 12"}]}])
        if r.method == "DELETE" and r.path.startswith("/shipments/"):
            self.shipments.pop(int(r.path.split("/")[2]), None)
            return 204, b"", {}
        if r.method == "GET" and r.path == "/divisions":
            wanted = set(r.query.get("divisionCategories[]", []))
            return _json(200, {"items": [d for d in DIVISIONS
                                         if not wanted or d["divisionCategory"] in wanted]})
        if r.method == "POST" and r.path == "/shipments/calculations":
            weight = r.json()["parcels"][0]["actualWeight"]
            return _json(200, {"cost": 9.9 + weight // 1000, "currencyCode": "EUR"})
        return _json(404, {"errors": {"path": "Not found"}})


class ColissimoServer(FakeCarrierServer):
    """SLS REST 2.0 generateLabel: the answer is multipart, a JSON part then the label."""

    prefix = "/sls-ws/SlsServiceWSRest/2.0"
    boundary = "uuid:7c1e2e4e-4b6c-4e5e-9d1f-000000000001"

    def __init__(self, contract: str = "123456", password: str = "cs-password-789"):
        self.contract, self.password = contract, password
        self.serials = itertools.count(5984040331)
        super().__init__()

    def handle(self, r):
        body = r.json()
        if body.get("contractNumber") != self.contract or body.get("password") != self.password:
            return _json(400, {"messages": [{"id": "30000", "type": "ERROR",
                                             "messageContent": "Identifiant ou mot de passe "
                                                               "incorrect"}]})
        letter = body["letter"]
        if not letter["addressee"]["address"]["zipCode"]:
            return _json(400, {"messages": [{"id": "30108", "type": "ERROR",
                                             "messageContent": "Le code postal du destinataire "
                                                               "n'est pas renseigné"}]})
        if r.path == "/checkGenerateLabel":
            return _json(200, {"messages": [{"id": "0", "type": "SUCCESS",
                                             "messageContent": "La requête a été traitée"}]})
        number = f"6A{next(self.serials):011d}"
        zpl = body["outputFormat"]["outputPrintingType"].startswith("ZPL")
        label = LABEL_ZPL if zpl else LABEL_PDF
        meta = json.dumps({"messages": [{"id": "0", "type": "SUCCESS",
                                         "messageContent": "La requête a été traitée"}],
                           "labelV2Response": {"parcelNumber": number}}).encode()
        parts = [(b"application/json", b"<jsonInfos>", meta),
                 (b"application/octet-stream", b"<label>", label)]
        if "customsDeclarations" in letter:
            parts.append((b"application/octet-stream", b"<cn23>", CUSTOMS_PDF))
        b = self.boundary.encode()
        payload = b"".join(b"--" + b + b"\r\nContent-Type: " + t + b"\r\nContent-ID: " + cid
                           + b"\r\nContent-Transfer-Encoding: binary\r\n\r\n" + data + b"\r\n"
                           for t, cid, data in parts) + b"--" + b + b"--\r\n"
        return 200, payload, {"Content-Type": f'multipart/mixed; boundary="{self.boundary}"'}
