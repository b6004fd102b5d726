"""Status before every job, per language, against fake printers on 127.0.0.1 answering
scripted replies byte for byte; a printer that does not take the job is never "sent"."""

from __future__ import annotations

import pytest

from desktop.devices.transports import DeliveryUnconfirmed, TransportError, open_transport
from desktop.domain.printing import LabelFormat, PrinterState
from tests.fake_printers import (
    EPL_STATES,
    SILENT,
    TSPL_STATES,
    ZPL_STATES,
    FakePrinter,
)

FAST = {"status_timeout": 0.3, "linger": 0.3}


@pytest.fixture
def fake():
    printers = []

    def make(*args, **kwargs):
        printers.append(FakePrinter(*args, **kwargs))
        return printers[-1]

    yield make
    for p in printers:
        p.close()


@pytest.mark.parametrize("state", sorted(ZPL_STATES))
def test_zpl_hs_states(fake, state):
    printer = fake([ZPL_STATES[state]])
    status = open_transport(printer.url(**FAST)).status()
    assert printer.queries == [b"~HS"]
    if state in ("ready", "one in buffer"):
        assert status.ready and status.state is PrinterState.READY
    else:
        assert not status.ready and status.problems == (state,)
        assert status.state is PrinterState.NOT_READY
    assert status.language == "zpl" and status.raw == ZPL_STATES[state]


@pytest.mark.parametrize("state", sorted(TSPL_STATES))
def test_tspl_status_byte(fake, state):
    printer = fake([TSPL_STATES[state]])
    status = open_transport(printer.url(status="tspl", **FAST)).status()
    assert printer.queries == [b"\x1b!?"]
    assert status.ready is (state in ("ready", "printing"))
    if not status.ready:
        assert status.problems == (state,)
    assert status.language == "tspl"


@pytest.mark.parametrize("state", sorted(EPL_STATES))
def test_epl_error_report(fake, state):
    printer = fake([EPL_STATES[state]])
    status = open_transport(printer.url(status="epl2", **FAST)).status()
    assert printer.queries == [b"\r\n^ee\r\n"]
    assert status.ready is (state in ("ready", "printing", "syntax error"))
    if state == "paper out, labels waiting":
        assert status.detail == "paper or ribbon out, 3 label(s) waiting"
    if state == "syntax error":
        assert "last error 01" in status.detail


@pytest.mark.parametrize("language", ["zpl", "tspl", "epl2"])
def test_silence_is_offline_never_ready(fake, language):
    printer = fake([SILENT])
    status = open_transport(printer.url(status=language, **FAST)).status()
    assert not status.ready and status.state is PrinterState.OFFLINE
    assert "timeout" in status.detail


@pytest.mark.parametrize("language,garbage", [("tspl", b"\x40"), ("tspl", b"OK\r\n"),
                                              ("epl2", b"hello\r\n"),
                                              ("zpl", b"\x02x\x03\x02y\x03\x02z\x03")])
def test_a_garbled_reply_is_not_ready(fake, language, garbage):
    printer = fake([garbage])
    status = open_transport(printer.url(status=language, **FAST)).status()
    assert not status.ready and "unreadable" in status.detail


def test_a_printer_without_status_is_unknown_not_ready(fake):
    printer = fake()
    status = open_transport(printer.url(status="none", **FAST)).status()
    assert status.state is PrinterState.UNKNOWN and not status.ready
    assert printer.wait_connections(1) == [b""]


@pytest.mark.parametrize("behaviour", ["slam", "reset", "half"])
def test_a_printer_that_does_not_read_the_job_is_never_sent(fake, behaviour):
    """Issue 9: 6 of 6 runs used to report 'printed' with 0 bytes received."""
    printer = fake(behaviour=behaviour)
    transport = open_transport(printer.url(confirm=0, **FAST))
    job = b"^XA" + b"^FO10,10^FDx^FS" * 20_000 + b"^XZ"  # 300 kB: more than one read
    for _ in range(6):
        with pytest.raises(TransportError, match="did not take the job"):
            transport.send(job, "LD1.zpl")
    assert all(len(d) < len(job) for d in printer.wait_connections(6))


def test_a_job_is_confirmed_by_the_status_after_it(fake):
    printer = fake([ZPL_STATES["one in buffer"]])
    transport = open_transport(printer.url(**FAST))
    where = transport.send(b"^XA^FDx^FS^XZ", "LD1.zpl")
    assert where.endswith("(confirmed: 1 format(s) in the printer's buffer)")
    assert transport.last_confirmation.status.formats_in_buffer == 1
    assert printer.jobs == [b"^XA^FDx^FS^XZ"]


def test_no_answer_after_the_job_is_unconfirmed_not_failed(fake):
    printer = fake([SILENT])
    transport = open_transport(printer.url(**FAST))
    with pytest.raises(DeliveryUnconfirmed) as err:
        transport.send(b"^XA^FDx^FS^XZ", "LD1.zpl")
    assert err.value.maybe_printed
    assert printer.jobs == [b"^XA^FDx^FS^XZ"]  # it did arrive: do not resend blindly


def test_paper_out_after_the_job_still_counts_as_taken(fake):
    printer = fake([ZPL_STATES["paper out"]])
    where = open_transport(printer.url(**FAST)).send(b"^XA^XZ")
    assert "taken; printer reports paper out" in where


def test_tspl_job_then_status(fake):
    printer = fake([TSPL_STATES["printing"]])
    where = open_transport(printer.url(status="tspl", **FAST)).send(b"CLS\r\nPRINT 1,1\r\n")
    assert where.endswith("(confirmed: printer ready)")
    assert printer.jobs == [b"CLS\r\nPRINT 1,1\r\n"]


def test_unknown_status_language_is_refused_at_once():
    with pytest.raises(ValueError, match="unknown printer status protocol 'dpl'"):
        open_transport("tcp://127.0.0.1:9100?status=dpl")


@pytest.mark.parametrize("fmt,query", [(LabelFormat.TSPL203, b"\x1b!?"),
                                       (LabelFormat.EPL203, b"\r\n^ee\r\n"),
                                       (LabelFormat.ZPL300, b"~HS"), (None, b"~HS")])
def test_the_job_language_picks_the_status_query_when_the_url_does_not(fake, fmt, query):
    printer = fake()
    assert open_transport(printer.url(**FAST), fmt).status().ready
    assert printer.queries == [query]


def test_a_raw_pdf_printer_is_never_sent_a_label_language_query(fake):
    printer = fake()
    status = open_transport(printer.url(**FAST), LabelFormat.PDF).status()
    assert status.state is PrinterState.UNKNOWN
    assert printer.wait_connections(1) == [b""] and printer.queries == []
