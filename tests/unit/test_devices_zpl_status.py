"""ZPL II `~HS` replies → printer status, on replies shaped like real printers send them."""

import pytest

from desktop.devices.printers.zpl_status import (
    ZplStatusError,
    complete_frames,
    parse_host_status,
    split_frames,
)
from desktop.domain.printing import PrinterStatus


def hs(line1: str, line2: str, line3: str = "1234,0") -> bytes:
    """A reply framed as a Zebra frames it: STX … ETX CR LF, three times."""
    return b"".join(b"\x02" + s.encode() + b"\x03\r\n" for s in (line1, line2, line3))


READY_TT = hs("030,0,0,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000")
READY_DT = hs("030,0,0,0959,000,0,0,0,000,0,0,0", "000,0,0,0,0,2,4,0,00000000,1,000")


def test_ready_thermal_transfer_printer():
    status = parse_host_status(READY_TT)
    assert (status.paper_out, status.paused, status.head_up, status.ribbon_out) == (
        False, False, False, False)
    assert status.label_length_dots == 1245
    assert status.formats_in_buffer == 0
    assert status.thermal_transfer is True
    assert status.print_mode == "tear-off"
    assert status.labels_remaining == 0
    assert status.to_printer_status().ready is True
    assert status.to_printer_status().detail == "ready"


@pytest.mark.parametrize("line1, line2, detail", [
    ("030,1,0,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", "paper out"),
    ("030,0,1,1245,000,0,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", "paused"),
    ("030,0,0,1245,000,0,0,0,000,0,0,0", "001,0,1,0,1,2,6,0,00000000,1,000", "head open"),
    ("030,0,0,1245,000,0,0,0,000,0,0,0", "001,0,0,1,1,2,6,0,00000000,1,000", "ribbon out"),
    ("030,0,0,1245,012,1,0,0,000,0,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", "buffer full"),
    ("030,0,0,1245,000,0,0,0,000,0,1,0", "001,0,0,0,1,2,6,0,00000000,1,000",
     "under temperature"),
    ("030,0,0,1245,000,0,0,0,000,0,0,1", "001,0,0,0,1,2,6,0,00000000,1,000",
     "over temperature"),
    ("030,0,0,1245,000,0,0,0,000,1,0,0", "001,0,0,0,1,2,6,0,00000000,1,000", "corrupt RAM"),
])
def test_each_flag_stops_the_printer_with_its_reason(line1, line2, detail):
    status = parse_host_status(hs(line1, line2)).to_printer_status()
    assert status.ready is False
    assert status.detail == detail


def test_several_problems_are_all_reported_most_urgent_first():
    reply = hs("030,1,1,1245,000,0,0,0,000,0,0,0", "001,0,1,0,1,2,6,0,00000000,1,000")
    assert parse_host_status(reply).to_printer_status().detail == "head open, paper out, paused"


def test_direct_thermal_printer_raising_ribbon_out_is_still_ready():
    # Quirk: a direct-thermal printer (q = 0) has no ribbon; some still set p = 1.
    reply = hs("030,0,0,0346,000,0,0,0,000,0,0,0", "000,0,0,1,0,2,4,0,00000000,1,012")
    status = parse_host_status(reply)
    assert status.ribbon_out is True and status.thermal_transfer is False
    assert status.to_printer_status().ready is True


def test_formats_waiting_and_batch_progress_are_reported_when_ready():
    reply = hs("030,0,0,1245,003,0,0,0,000,0,0,0", "001,0,0,0,1,1,6,1,00000042,1,000")
    status = parse_host_status(reply)
    assert status.formats_in_buffer == 3
    assert status.print_mode == "peel-off"
    assert status.label_waiting is True
    assert status.labels_remaining == 42
    assert status.to_printer_status() == PrinterStatus(
        True, "ready, 3 format(s) in buffer, 42 label(s) to print, label waiting to be taken",
        formats_in_buffer=3, labels_remaining=42, language="zpl")


def test_reply_without_stx_etx_framing_is_accepted():
    reply = b"030,0,0,0346,000,0,0,0,000,0,0,0\r\n000,0,1,0,0,2,4,0,00000000,1,012\r\n1234,0\r\n"
    assert parse_host_status(reply).head_up is True


def test_two_strings_are_enough_and_spaces_are_tolerated():
    reply = b"\x02014, 1 ,0,0000,000,0,0,0,000,0,0,0\x03\r\n\x02000,0,0,0\x03\r\n"
    status = parse_host_status(reply)
    assert status.paper_out is True
    assert status.thermal_transfer is None  # an old firmware that stops at p


@pytest.mark.parametrize("reply", [
    b"",
    b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n",  # only one string
    b"\x02030,0,0\x03\r\n\x02001,0,0,0\x03\r\n",  # line 1 truncated
    b"\x02030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0\x03\r\n",  # line 2 truncated
    b"\x02030,X,0,1245,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0\x03\r\n",  # flag not 0/1
    b"\x02030,0,0,12a5,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0,0\x03\r\n",  # length not a number
    b"\x06\x15",  # TSPL/ESC-POS style single-byte status
    b"PRINTER STATUS\r\nERRORS: 0 00000000 00000000\r\n",  # ~HQES, another command's reply
])
def test_garbled_or_foreign_replies_are_refused(reply):
    with pytest.raises(ZplStatusError):
        parse_host_status(reply)


def test_frames_are_counted_as_they_arrive():
    assert complete_frames(READY_DT[:10]) == 0
    assert complete_frames(READY_DT[:40]) == 1
    assert complete_frames(READY_DT) == 3
    assert split_frames(READY_DT) == ["030,0,0,0959,000,0,0,0,000,0,0,0",
                                      "000,0,0,0,0,2,4,0,00000000,1,000", "1234,0"]
