"""Raw TCP printing against a fake Zebra on 127.0.0.1: bytes recorded, `~HS` scripted."""

import socket
import threading
import time

import pytest

from desktop.devices.transports import TransportError, open_transport

READY = (b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n"
         b"\x02001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n")
PAPER_OUT = READY.replace(b"\x02030,0,0,", b"\x02030,1,0,", 1)
HEAD_OPEN_PAUSED = (b"\x02030,0,1,1245,000,0,0,0,000,0,0,0\x03\r\n"
                    b"\x02001,0,1,0,1,2,6,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n")
SILENT = None


class FakePrinter:
    """Accepts connections, records every byte, answers `~HS` with the next scripted reply
    (a bytes reply, a list of chunks sent with pauses, or SILENT)."""

    def __init__(self, replies=()):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.replies = list(replies)
        self.received: list[bytes] = []  # one entry per connection
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _serve(self):
        self.server.settimeout(0.05)
        while not self.closing.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        data = b""
        answered = False
        with conn:
            conn.settimeout(5)
            try:
                while chunk := conn.recv(65536):
                    data += chunk
                    if b"~HS" in data and not answered:
                        answered = True
                        self._answer(conn)
            except OSError:
                pass
        with self.lock:
            self.received.append(data)

    def _answer(self, conn):
        reply = self.replies.pop(0) if self.replies else READY
        if reply is SILENT:
            return  # like a Zebra with its head open: no answer at all
        for chunk in reply if isinstance(reply, list) else [reply]:
            conn.sendall(chunk)
            time.sleep(0.02)

    def close(self):
        self.closing.set()
        self.thread.join()
        self.server.close()

    def wait_received(self, count: int, timeout: float = 5) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.01)
        raise AssertionError(f"fake printer got {len(self.received)} connection(s)")


@pytest.fixture
def printer():
    fake = FakePrinter()
    yield fake
    fake.close()


def free_port() -> int:
    """A port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_job_arrives_byte_exact(printer):
    payload = b"^XA^CI28^FO50,50^A0N,40,40^FH^FD_C3_89mile_5E_7E^FS^XZ\r\n"
    where = open_transport(printer.url).send(payload, "LD123456789FR.zpl")
    # The job, then a ~HS on a second connection confirms the printer took it.
    assert where == f"127.0.0.1:{printer.port} (confirmed: printer ready)"
    assert sorted(printer.wait_received(2)) == sorted([payload, b"~HS"])


def test_large_batch_and_several_jobs_each_on_its_own_connection(printer):
    batch = b"".join(b"^XA^FO10,10^FD%05d^FS^XZ\n" % i for i in range(50_000))  # ~1.2 MB
    transport = open_transport(printer.url)
    transport.send(batch)
    transport.send(b"^XA^XZ")
    assert sorted(printer.wait_received(2), key=len) == [b"^XA^XZ", batch]


@pytest.mark.parametrize("reply, ready, detail", [
    (READY, True, "ready"),
    (PAPER_OUT, False, "paper out"),
    (HEAD_OPEN_PAUSED, False, "head open, paused"),
    # the reply trickles in over several segments, cut inside frames
    ([READY[:5], READY[5:40], READY[40:70], READY[70:]], True, "ready"),
    ([PAPER_OUT[:50], PAPER_OUT[50:]], False, "paper out"),
])
def test_status_asks_hs_and_parses_the_reply(reply, ready, detail):
    fake = FakePrinter([reply])
    try:
        status = open_transport(fake.url).status()
        assert (status.ready, status.detail) == (ready, detail)
        assert fake.wait_received(1) == [b"~HS"]  # exactly the query, nothing else
    finally:
        fake.close()


def test_silence_is_a_timeout_error_not_ready():
    fake = FakePrinter([SILENT, SILENT])
    try:
        transport = open_transport(fake.url + "?status_timeout=0.3")
        status = transport.status()
        assert status.ready is False
        assert status.detail.startswith("timeout")
        with pytest.raises(TransportError, match="timeout"):
            transport.query_host_status()
    finally:
        fake.close()


def test_two_strings_then_silence_is_still_a_status():
    fake = FakePrinter([READY[:READY.index(b"\x021234")]])  # an emulation without string 3
    try:
        status = open_transport(fake.url + "?status_timeout=0.3").status()
        assert status.ready is True
    finally:
        fake.close()


def test_garbage_reply_is_not_ready():
    fake = FakePrinter([b"\x02HELLO\x03\r\n\x02WORLD\x03\r\n\x02!\x03\r\n"])
    try:
        status = open_transport(fake.url).status()
        assert status.ready is False and "unreadable status reply" in status.detail
    finally:
        fake.close()


def test_reply_cut_by_the_printer_closing_is_not_ready():
    class Closing(FakePrinter):
        def _answer(self, conn):
            conn.sendall(READY[:20])
            conn.shutdown(socket.SHUT_RDWR)

    fake = Closing()
    try:
        status = open_transport(fake.url).status()
        assert status.ready is False
    finally:
        fake.close()


def test_nobody_listening_is_an_error_naming_the_printer():
    url = f"tcp://127.0.0.1:{free_port()}?connect_timeout=1"
    transport = open_transport(url)
    with pytest.raises(TransportError) as info:
        transport.send(b"^XA^XZ")
    assert url in str(info.value) and "unreachable" in str(info.value)
    status = transport.status()
    assert status.ready is False and "unreachable" in status.detail


def test_unknown_host_is_an_error():
    with pytest.raises(TransportError, match="unreachable"):
        open_transport("tcp://printer.invalid:9100?connect_timeout=1").send(b"x")


def test_printer_that_stops_reading_makes_send_time_out():
    """A listening socket that never accepts nor reads: the kernel buffers fill up."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        url = f"tcp://127.0.0.1:{server.getsockname()[1]}?timeout=0.5"
        with pytest.raises(TransportError, match="timed out after 0.5 s"):
            open_transport(url).send(b"\0" * (64 * 1024 * 1024))
