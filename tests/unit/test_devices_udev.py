"""packaging/udev/60-comptoir.rules: every known scale, the USB-serial adapters and the USB
printer class, well formed."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "packaging" / "udev" / "60-comptoir.rules"

# USB ids of the HID postal scales (docs/scales.md, "USB HID postal scales").
SCALES = {
    ("0922", "8003"), ("0922", "8004"), ("0922", "8009"),  # DYMO M10, M25, S180
    ("0eb8", "f000"),  # Mettler Toledo
    ("1446", "6a73"), ("2474", "0550"), ("2474", "3550"),  # Stamps.com
    ("0b67", "555e"),  # Fairbanks
    ("7b7c", "0100"),  # USPS / Elane
}
# USB-serial adapters (Linux kernel USB serial drivers' id tables).
SERIAL_ADAPTERS = {
    ("0403", "6001"), ("0403", "6010"), ("0403", "6011"), ("0403", "6014"),
    ("0403", "6015"),  # FTDI
    ("067b", "2303"),  # Prolific
    ("1a86", "7523"), ("1a86", "5523"),  # WCH CH340/CH341
    ("10c4", "ea60"), ("10c4", "ea70"), ("10c4", "ea71"),  # Silicon Labs CP210x
}
# KEY{attr}=="value" | KEY=="value" | KEY+="value" … (udev(7) rule syntax)
TOKEN = re.compile(r'^(?P<key>[A-Z]+)(\{(?P<attr>[A-Za-z_]+)\})?(?P<op>==|!=|\+=|-=|:=|=)'
                   r'"(?P<value>[^"]*)"$')


def rules() -> list[list[dict]]:
    parsed = []
    for line in RULES.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        tokens = []
        for raw in line.split(", "):
            match = TOKEN.match(raw.strip())
            assert match, f"malformed udev token {raw!r} in: {line}"
            tokens.append(match.groupdict())
        parsed.append(tokens)
    return parsed


def as_dict(rule: list[dict]) -> dict[str, str]:
    return {(t["key"] + (f"{{{t['attr']}}}" if t["attr"] else "")): t["value"] for t in rule}


def test_every_rule_is_well_formed_and_grants_a_group():
    granting = [as_dict(r) for r in rules() if any(t["key"] == "GROUP" for t in r)]
    assert granting
    for rule in granting:
        # serial ports: the distributions' "dialout" group; USB/HID nodes: "plugdev"
        assert rule["GROUP"] == ("dialout" if rule["SUBSYSTEM"] == "tty" else "plugdev")
        assert rule["MODE"] == "0660"  # group read/write, never world-writable


@pytest.mark.parametrize("vendor, product", sorted(SCALES))
def test_each_scale_has_a_usb_and_a_hidraw_rule(vendor, product):
    found = {d.get("SUBSYSTEM") for d in map(as_dict, rules())
             if (d.get("ATTR{idVendor}", d.get("ATTRS{idVendor}")),
                 d.get("ATTR{idProduct}", d.get("ATTRS{idProduct}"))) == (vendor, product)}
    assert found == {"usb", "hidraw"}


@pytest.mark.parametrize("vendor, product", sorted(SERIAL_ADAPTERS))
def test_each_serial_adapter_has_a_tty_rule_hidden_from_modemmanager(vendor, product):
    found = [d for d in map(as_dict, rules()) if d.get("SUBSYSTEM") == "tty"
             and (d.get("ATTRS{idVendor}"), d.get("ATTRS{idProduct}")) == (vendor, product)]
    assert len(found) == 1
    assert found[0]["ENV{ID_MM_DEVICE_IGNORE}"] == "1"


def test_no_unknown_device_ids():
    ids = {(d.get("ATTR{idVendor}") or d.get("ATTRS{idVendor}"),
            d.get("ATTR{idProduct}") or d.get("ATTRS{idProduct}"))
           for d in map(as_dict, rules()) if "ATTR{idVendor}" in d or "ATTRS{idVendor}" in d}
    assert ids == SCALES | SERIAL_ADAPTERS
    assert all(re.fullmatch(r"[0-9a-f]{4}", v) and re.fullmatch(r"[0-9a-f]{4}", p)
               for v, p in ids)  # udev compares sysfs text: lowercase hex


def test_usb_printer_class_nodes_are_covered():
    printers = [d for d in map(as_dict, rules()) if d.get("SUBSYSTEM") == "usbmisc"]
    assert printers == [{"SUBSYSTEM": "usbmisc", "KERNEL": "lp[0-9]*", "MODE": "0660",
                         "GROUP": "plugdev", "TAG": "uaccess"}]


def test_goto_has_its_label():
    text = RULES.read_text()
    gotos = set(re.findall(r'GOTO="([^"]+)"', text))
    labels = set(re.findall(r'LABEL="([^"]+)"', text))
    assert gotos and gotos <= labels


@pytest.mark.skipif(shutil.which("udevadm") is None, reason="udevadm not installed")
def test_udevadm_verify_accepts_the_file():
    result = subprocess.run(["udevadm", "verify", str(RULES)], capture_output=True, text=True)
    if result.returncode != 0 and "verify" in result.stderr and "nknown" in result.stderr:
        pytest.skip("udevadm too old for 'verify' (systemd < 253)")
    assert result.returncode == 0, result.stderr


def test_the_driver_knows_every_scale_the_rules_grant():
    from desktop.devices.scales.hid_report import KNOWN_SCALES

    assert {(f"{v:04x}", f"{p:04x}") for v, p in KNOWN_SCALES} == SCALES
