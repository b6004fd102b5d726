"""Printer URLs → transports; job names → safe file names; the memory printer."""

import threading

import pytest

from desktop.devices.transports import (
    CupsTransport,
    FileTransport,
    MemoryTransport,
    SerialTransport,
    TcpTransport,
    TransportError,
    UsbTransport,
    memory_printer,
    open_transport,
    reset_memory_printers,
)
from desktop.devices.transports.base import split_job_name
from desktop.domain.printing import LabelFormat, PrinterStatus
from tests.url_checks import assert_refused


@pytest.fixture(autouse=True)
def _fresh_memory_printers():
    reset_memory_printers()
    yield
    reset_memory_printers()


@pytest.mark.parametrize("url, kind", [
    ("file:///var/spool/comptoir", FileTransport),
    ("tcp://10.0.0.5:9100", TcpTransport),
    ("TCP://printer.local", TcpTransport),
    ("serial:///dev/ttyUSB0?baudrate=9600", SerialTransport),
    ("loop://", SerialTransport),
    ("socket://127.0.0.1:9999", SerialTransport),
    ("usb:///dev/usb/lp0", UsbTransport),
    ("cups://Zebra_GK420d", CupsTransport),
    ("memory://demo", MemoryTransport),
])
def test_scheme_chooses_the_transport(url, kind):
    transport = open_transport(url)
    assert isinstance(transport, kind)
    assert transport.url == url


def test_tcp_defaults_to_port_9100_and_reads_options():
    t = open_transport("tcp://10.0.0.5")
    assert (t.host, t.port, t.address) == ("10.0.0.5", 9100, "10.0.0.5:9100")
    t = open_transport("tcp://[fe80::1]:6101?timeout=2.5&connect_timeout=1&status_timeout=0.5")
    assert (t.port, t.send_timeout, t.connect_timeout, t.status_timeout) == (6101, 2.5, 1, 0.5)
    assert t.address == "[fe80::1]:6101"


def test_serial_options_and_pyserial_urls():
    t = open_transport("serial:///dev/ttyS1?baudrate=19200&parity=E&bytesize=7&rtscts=yes")
    assert t.port_url == "/dev/ttyS1"
    assert t.settings == {"baudrate": 19200, "bytesize": 7, "parity": "E", "stopbits": 1,
                          "rtscts": True}
    assert open_transport("serial:///COM3").port_url == "COM3"
    t = open_transport("loop://?logging=debug&baudrate=115200")
    assert t.port_url == "loop://?logging=debug"  # pyserial's own option passes through
    assert t.settings["baudrate"] == 115200


def test_file_extension_comes_from_the_format_when_the_job_name_has_none():
    assert open_transport("file:///tmp/x", LabelFormat.PDF)._default_ext == "pdf"
    assert open_transport("file:///tmp/x", LabelFormat.ZPL203)._default_ext == "zpl"


@pytest.mark.parametrize("url", ["system:", "system://Brother_HL"])
def test_system_printer_is_left_to_the_ui(url):
    with pytest.raises(ValueError, match="user interface") as info:
        open_transport(url)
    assert url in str(info.value)


@pytest.mark.parametrize("url, words", [
    ("ipp://printer/ipp/print", "unknown scheme 'ipp'"),
    ("/tmp/spool", "no scheme"),
    ("", "empty"),
    ("   ", "empty"),
    ("tcp://", "missing host"),
    ("tcp://h:port", "port must be a number"),
    ("tcp://h:70000", "port must be a number"),
    ("tcp://h/queue", "no path"),
    ("tcp://h?timeout=0", "positive"),
    ("tcp://h?timeout=soon", "timeout='soon'"),
    ("tcp://h?retries=3", "unknown option 'retries'"),
    ("file://spool", "local absolute path"),
    ("file:///tmp/x?sync=1", "no options"),
    ("serial://ttyUSB0", "serial:///dev/ttyUSB0"),
    ("serial:///dev/ttyUSB0?baudrate=fast", "baudrate='fast'"),
    ("serial:///dev/ttyUSB0?status=hs", "status must be"),
    ("serial:///dev/ttyUSB0?rtscts=maybe", "rtscts='maybe'"),
    ("usb://lp0", "usb:///dev/usb/lp0"),
    ("cups://", "queue name"),
    ("cups://My Queue", "queue name"),
    ("memory://demo/x", "memory://name"),
])
def test_bad_urls_are_refused_naming_the_url(url, words):
    assert_refused(open_transport, url, words)


@pytest.mark.parametrize("job_name, stem, ext", [
    ("LD123456789FR.zpl", "LD123456789FR", "zpl"),
    ("LD123456789FR-cn23.PDF", "LD123456789FR-cn23", "pdf"),
    ("", "job", "bin"),
    ("no-extension", "no-extension", "bin"),
    ("../../etc/passwd", "passwd", "bin"),
    ("..\\..\\boot.ini", "boot", "ini"),
    ("a/b/../.hidden.zpl", "hidden", "zpl"),
    ("Émile: «colis» #1?.zpl", "mile_colis_1", "zpl"),
    ("CON.zpl", "CON", "zpl"),
    ("name.tar.gz", "name.tar", "gz"),
    ("label.ext with space", "label.ext with space".replace(" ", "_"), "bin"),
])
def test_job_names_become_safe_file_names(job_name, stem, ext):
    assert split_job_name(job_name, "bin") == (stem, ext)


def test_long_job_names_are_cut():
    stem, ext = split_job_name("x" * 1000 + ".zpl", "bin")
    assert len(stem) == 120 and ext == "zpl"


def test_memory_printer_records_jobs_and_is_shared_by_name():
    printer = open_transport("memory://demo")
    assert printer.send(b"^XA^XZ", "A.zpl") == "memory://demo#1"
    assert printer.send(b"%PDF", "B.pdf") == "memory://demo#2"
    assert memory_printer("demo") is printer
    assert memory_printer("memory://demo") is printer
    assert memory_printer("other") is not printer
    assert printer.payloads == [b"^XA^XZ", b"%PDF"]
    assert [j.job_name for j in printer.jobs] == ["A.zpl", "B.pdf"]


def test_memory_printer_scripted_status_and_failures():
    printer = memory_printer("bench")
    assert printer.status().ready
    printer.queue_status(PrinterStatus(False, "paper out"), PrinterStatus(False, "head open"))
    printer.set_status(PrinterStatus(True, "ok again"))
    assert [printer.status().detail for _ in range(4)] == [
        "paper out", "head open", "ok again", "ok again"]
    printer.fail_next("cable cut", times=2)
    for _ in range(2):
        with pytest.raises(TransportError, match="memory://bench: cable cut"):
            printer.send(b"x")
    assert printer.send(b"y") == "memory://bench#1"
    assert printer.payloads == [b"y"]
    printer.clear()
    assert printer.jobs == [] and printer.status().ready


def test_memory_printer_is_thread_safe():
    printer = memory_printer("threads")
    threads = [threading.Thread(target=lambda i=i: [printer.send(bytes([i]) * 3)
                                                    for _ in range(250)]) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    payloads = printer.payloads
    assert len(payloads) == 1000
    assert sorted(set(payloads)) == [bytes([i]) * 3 for i in range(4)]
