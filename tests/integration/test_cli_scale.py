"""`comptoir scale read|probe|watch` against scales speaking their protocol on a pty."""

from __future__ import annotations

import json
import sys
import threading

import pytest

from tests.integration.cli_helpers import run, run_in_process
from tests.integration.scale_devices import PolledPtyScale, StreamPtyScale, byte_commands

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@pytest.fixture
def devices():
    made = []
    yield made
    for d in made:
        d.close()


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPTOIR_HOME", str(tmp_path / "home"))


def test_read_waits_for_the_stable_reading_and_prints_json(devices, capsys):
    dev = PolledPtyScale({b"SI": [b"S D     0.990 kg\r\n", b"S D     1.010 kg\r\n",
                                  b"S S     1.000 kg\r\n"]})
    devices.append(dev)
    code, out, err = run_in_process(capsys, "scale", "read", "--device", dev.path,
                                    "--protocol", "mt-sics", "--json", "--timeout", "5")
    assert code == 0, err
    data = json.loads(out)
    assert (data["grams"], data["stable"], data["state"], data["raw"]) == (
        1000, True, "ok", "S S     1.000 kg")
    assert dev.commands == [b"SI"] * 3  # the two moving readings were not taken


def test_read_text_with_toledo_url(devices, capsys):
    dev = PolledPtyScale({b"W": [b"\x02?A\r", b"\x0202.500\r"]}, split=byte_commands)
    devices.append(dev)
    code, out, _ = run_in_process(capsys, "scale", "read", "--device",
                                  f"toledo://{dev.path}?bytesize=8&parity=N", "--lang", "en")
    assert code == 0
    assert out.startswith("2500 g  stable")


def test_silent_scale_is_a_clear_timeout(devices, capsys):
    dev = PolledPtyScale({})
    devices.append(dev)
    code, out, err = run_in_process(capsys, "scale", "read", "--device",
                                    f"mtsics://{dev.path}?timeout=0.2", "--timeout", "0.5",
                                    "--lang", "en")
    assert code == 1
    assert "did not answer within 0.5 s" in err and "no reply to SI" in err
    assert "Traceback" not in err


def test_moving_scale_never_gives_a_reading(devices, capsys):
    dev = PolledPtyScale({b"SI": [b"S D     0.990 kg\r\n"]})
    devices.append(dev)
    code, out, err = run_in_process(capsys, "scale", "read", "--device", dev.path,
                                    "--protocol", "mt-sics", "--timeout", "0.6")
    assert code == 1 and out == ""
    assert "Aucune pesée stable en 0.6 s" in err and "en mouvement" in err


@pytest.mark.parametrize("argv, words", [
    (["scale", "read", "--device", "/dev/ttyUSB0"], "which protocol"),
    (["scale", "read", "--device", "ftp://x", "--protocol", "toledo"], "unknown scheme"),
    (["scale", "read", "--device", "toledo:///dev/ttyUSB0?parity=Q"], "parity"),
    (["scale", "read", "--device", "ascii:///dev/ttyUSB0?regex=(", "--timeout", "1"], "regex"),
    (["scale", "read", "--device", "simulated://", "--timeout", "-1"], "--timeout"),
    (["scale", "watch", "--device", "simulated://", "--count", "0"], "--count"),
])
def test_bad_arguments_exit_2_with_a_message(capsys, argv, words):
    code, out, err = run_in_process(capsys, *argv)
    assert code == 2
    assert words in err and "Traceback" not in err


def test_unknown_protocol_choice_is_argparse_exit_2(tmp_path):
    result = run(tmp_path, "scale", "read", "--device", "/dev/null", "--protocol", "nope")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_probe_finds_a_toledo_scale(devices, capsys):
    dev = PolledPtyScale({b"W": [b"\x02001.25\r"]}, split=byte_commands)
    devices.append(dev)
    # This machine's ptys refuse 7-bit framing, so the Toledo preset (7E1) cannot be set
    # on them: the probe is run with the links forced to 8N1, as a real adapter would read.
    from desktop.devices.scales import probe as probe_module
    from desktop.devices.scales.links import SerialLink
    from desktop.devices.scales.protocols import SerialSettings

    def eight_bits(target, settings):
        return SerialLink(target, SerialSettings(settings.baudrate))
    results = probe_module.probe_port(dev.path, listen_s=0.3, link_factory=eight_bits)
    assert [(r.protocol, r.url) for r in results] == [("toledo", f"toledo://{dev.path}")]
    assert dev.commands[0] == b"S"  # MT-SICS "SI\r\n" was tried first, then W
    assert results[0].reading.weight_g == 1250


def test_probe_command_finds_a_continuous_stream(devices, capsys):
    dev = StreamPtyScale()
    devices.append(dev)
    stop = threading.Event()

    def indicator():
        while not stop.wait(0.05):
            dev.send(b"ST,+00250.0  g\r\n")
    thread = threading.Thread(target=indicator, daemon=True)
    thread.start()
    try:
        code, out, err = run_in_process(capsys, "scale", "probe", "--device", dev.path)
    finally:
        stop.set()
        thread.join(5)
    assert code == 0, err
    assert out.split()[:2] == ["ascii", f"ascii://{dev.path}?preset=and"]


def test_probe_with_nothing_answering(devices, capsys):
    dev = PolledPtyScale({})
    devices.append(dev)
    from desktop.devices.scales.probe import probe_port
    assert probe_port(dev.path, listen_s=0.2, timeout_s=0.2,
                      protocols=("mt-sics", "ohaus")) == []


def test_watch_prints_each_reading(devices, capsys):
    dev = PolledPtyScale({b"SI": [b"S D     0.500 kg\r\n", b"S S     0.510 kg\r\n"]})
    devices.append(dev)
    code, out, _ = run_in_process(capsys, "scale", "watch", "--device", f"mtsics://{dev.path}",
                                  "--count", "2", "--json")
    assert code == 0
    assert [(d["grams"], d["stable"]) for d in map(json.loads, out.splitlines())] == [
        (500, False), (510, True)]
