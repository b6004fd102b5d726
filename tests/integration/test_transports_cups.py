"""CUPS raw queues with fake `lp` / `lpstat` scripts on PATH."""

import shutil
import sys
from pathlib import Path

import pytest

from desktop.devices.transports import TransportError, open_transport

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="shell scripts as commands")

FAKE_LP = """#!/bin/sh
# Records its arguments and stdin like lp would spool them.
printf '%s\\n' "$@" > "{log}/args"
{cat} > "{log}/stdin"
echo "request id is {queue}-42 (0 file(s))"
"""
REFUSING_LP = """#!/bin/sh
{cat} > /dev/null
echo "lp: The printer or class does not exist." >&2
exit 1
"""
LPSTAT = """#!/bin/sh
printf '%s\\n' "$@" > "{log}/lpstat-args"
{body}
"""


CAT = shutil.which("cat")  # resolved before PATH is narrowed to the fakes


def install(bin_dir: Path, name: str, text: str) -> None:
    script = bin_dir / name
    script.write_text(text.replace("{cat}", CAT))
    script.chmod(0o755)


@pytest.fixture
def fake_bin(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}")  # only our fakes: no real CUPS interferes
    return bin_dir


def test_job_goes_to_lp_raw_on_stdin(fake_bin, tmp_path):
    install(fake_bin, "lp", FAKE_LP.format(log=tmp_path, queue="Zebra", cat="{cat}"))
    payload = b"^XA^FO50,50^FH^FD_C3_89mile^FS^XZ\r\n\x00\xff"
    where = open_transport("cups://Zebra").send(payload, "LD123456789FR.zpl")
    assert where == "Zebra (Zebra-42)"
    assert (tmp_path / "stdin").read_bytes() == payload
    assert (tmp_path / "args").read_text().splitlines() == [
        "-d", "Zebra", "-o", "raw", "-t", "LD123456789FR.zpl"]


def test_server_option_and_hostile_job_title(fake_bin, tmp_path):
    install(fake_bin, "lp", FAKE_LP.format(log=tmp_path, queue="Q", cat="{cat}"))
    open_transport("cups://Q?server=cups.local:631").send(b"x", "; rm -rf ~ #.zpl")
    args = (tmp_path / "args").read_text().splitlines()
    assert args[:6] == ["-d", "Q", "-o", "raw", "-h", "cups.local:631"]
    assert args[6:] == ["-t", "rm_-rf.zpl"]


def test_missing_lp_is_a_clear_error(fake_bin):
    with pytest.raises(TransportError) as info:
        open_transport("cups://Zebra").send(b"^XA^XZ")
    message = str(info.value)
    assert "cups://Zebra" in message and "'lp' command was not found" in message
    assert "cups-client" in message


def test_lp_refusal_is_reported_with_its_message(fake_bin):
    install(fake_bin, "lp", REFUSING_LP)
    with pytest.raises(TransportError) as info:
        open_transport("cups://Nope").send(b"^XA^XZ")
    assert "exit 1" in str(info.value) and "does not exist" in str(info.value)


@pytest.mark.parametrize("body, ready, detail", [
    ('echo "printer Zebra is idle.  enabled since Mon 06 Jan 2025 09:00:00 CET"',
     True, "queue Zebra idle"),
    ('echo "printer Zebra now printing Zebra-41.  enabled since Mon 06 Jan 2025"',
     True, "queue Zebra printing"),
    ('printf "printer Zebra disabled since Mon 06 Jan 2025 -\\n\\tPaused\\n"',
     False, "queue Zebra disabled: Paused"),
    ('echo "lpstat: Invalid destination name in list \\"Zebra\\"." >&2; exit 1',
     False, 'lpstat: Invalid destination name in list "Zebra".'),
    ('printf "printer Zebra is idle.  enabled since Mon 06 Jan 2025\\nZebra not accepting '
     'requests since Mon 06 Jan 2025 -\\n\\tRejecting Jobs\\n"',
     False, "queue Zebra not accepting jobs"),
])
def test_status_from_lpstat(fake_bin, tmp_path, body, ready, detail):
    install(fake_bin, "lpstat", LPSTAT.format(log=tmp_path, body=body))
    status = open_transport("cups://Zebra").status()
    assert (status.ready, status.detail) == (ready, detail)
    assert (tmp_path / "lpstat-args").read_text().splitlines() == ["-p", "Zebra", "-a", "Zebra"]


def test_status_without_lpstat_is_not_ready(fake_bin):
    status = open_transport("cups://Zebra").status()
    assert status.ready is False and "'lpstat' command was not found" in status.detail
