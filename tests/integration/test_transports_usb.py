"""USB printer class transport, with a FIFO standing in for /dev/usb/lp0."""

import os
import sys
import threading

import pytest

from desktop.devices.transports import TransportError, open_transport
from desktop.devices.transports.usb import decode_lp_status
from desktop.domain.printing import PrinterState

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")


@posix_only
def test_job_is_written_as_a_byte_stream_to_the_device(tmp_path):
    device = tmp_path / "lp0"
    os.mkfifo(device)  # like a character device: a stream, read by the "printer"
    received = []

    def printer():
        with open(device, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=printer)
    reader.start()
    payload = b"^XA^FO50,50^FDLD123456789FR^FS^XZ" * 5000
    assert open_transport(f"usb://{device}").send(payload, "x.zpl") == str(device)
    reader.join(5)
    assert received == [payload]


@posix_only
def test_concurrent_jobs_to_one_device_never_interleave(tmp_path):
    device = tmp_path / "lp0"
    os.mkfifo(device)
    received = []
    reader_ready = threading.Event()

    def printer():
        # Keep one reader open for the whole test, as the printer is always there.
        fd = os.open(device, os.O_RDONLY | os.O_NONBLOCK)
        keep = os.open(device, os.O_WRONLY)  # no EOF between jobs
        os.set_blocking(fd, True)
        reader_ready.set()
        data = b""
        while len(data) < 8 * 200_000:
            data += os.read(fd, 65536)
        received.append(data)
        os.close(keep)
        os.close(fd)

    reader = threading.Thread(target=printer)
    reader.start()
    assert reader_ready.wait(5)
    jobs = [bytes([65 + i]) * 200_000 for i in range(8)]  # bigger than a pipe buffer
    senders = [threading.Thread(target=open_transport(f"usb://{device}").send, args=(job,))
               for job in jobs]
    for t in senders:
        t.start()
    for t in senders:
        t.join(10)
    reader.join(10)
    [data] = received
    chunks = [data[i:i + 200_000] for i in range(0, len(data), 200_000)]
    assert sorted(chunks) == jobs  # each job arrived whole, in one piece


def test_missing_device_is_not_created(tmp_path):
    device = tmp_path / "lp7"
    transport = open_transport(f"usb://{device}")
    with pytest.raises(TransportError) as info:
        transport.send(b"^XA^XZ")
    assert "not connected" in str(info.value) and transport.url in str(info.value)
    assert not device.exists()  # never turned into a regular file
    status = transport.status()
    assert status.ready is False and "does not exist" in status.detail


def test_device_that_is_not_a_printer_reports_unknown_state(tmp_path):
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    status = open_transport(f"usb://{device}").status()
    assert status.state is PrinterState.UNKNOWN and status.ready is False
    assert "state unknown" in status.detail


@pytest.mark.parametrize("byte, ready, detail", [
    (0x18, True, "ready"),  # selected + not error
    (0x38, False, "paper out"),
    (0x08, False, "off line"),
    (0x10, False, "printer error"),
    (0xD8, True, "ready"),  # busy/ack lines do not matter
])
def test_port_status_byte(byte, ready, detail):
    status = decode_lp_status(byte)
    assert (status.ready, status.detail) == (ready, detail)
