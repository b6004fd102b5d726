"""Every printer language from the one label layout: byte-exact golden files per language
and resolution (generic and model profiles), and the settings each profile sends.

Regenerate the golden files only on purpose: scripts/update-golden
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.domain.label_layout import shipping_label
from desktop.domain.printer_profile import load_profiles
from desktop.domain.printing import LabelFormat
from desktop.printing.render import LabelRenderer, render_label
from desktop.printing.samples import SAMPLES
from desktop.printing.zpl import parse_commands, render_zpl
from tests.label_interpreters import parse_epl, parse_tspl

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "labels"
UPDATE = os.environ.get("COMPTOIR_UPDATE_GOLDEN") == "1"
PROFILES = load_profiles()
GENERIC = ["generic-zpl-600", "generic-epl2-203", "generic-epl2-300", "generic-tspl-203",
           "generic-tspl-300"]
MODELS = ["zebra-gk420d", "zebra-zd421-300", "zebra-zd421-peel", "tsc-te200",
          "tsc-da210-blackmark", "honeywell-pc42t-epl", "honeywell-pc42t-epl-cyrillic",
          "brother-td4550dnwb-zpl"]


def _label(name: str):
    return shipping_label(*SAMPLES[name]())


def _golden(path: Path, out: bytes) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out)
    assert path.exists(), f"missing golden file {path}; run scripts/update-golden"
    assert out == path.read_bytes(), f"{path.name} differs: run scripts/update-golden " \
                                     f"only if the change is meant"


@pytest.mark.parametrize("pid", GENERIC)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_generic_profiles_match_their_golden_files(name, pid):
    profile = PROFILES[pid]
    fmt = profile.label_format
    _golden(GOLDEN / f"{name}-{fmt.value}.{fmt.extension}", render_label(_label(name), profile))


@pytest.mark.parametrize("pid", MODELS)
def test_model_profiles_match_their_golden_files(pid):
    profile = PROFILES[pid]
    _golden(GOLDEN / f"hostile-text--{pid}.{profile.label_format.extension}",
            render_label(_label("hostile-text"), profile))


@pytest.mark.parametrize("fmt,dpi", [(LabelFormat.ZPL203, 203), (LabelFormat.ZPL300, 300)])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_historical_formats_still_give_the_same_bytes(name, fmt, dpi):
    spec = _label(name)
    assert LabelRenderer().render(spec, fmt) == render_zpl(spec, dpi) == \
        (GOLDEN / f"{name}-{dpi}.zpl").read_bytes()


def test_zpl_profile_sends_media_finish_speed_and_darkness():
    cmds = parse_commands(render_label(_label("domestic-private"), PROFILES["zebra-zd421-peel"]))
    assert cmds[:9] == [("^XA", ""), ("^CI", "28"), ("^PW", "800"), ("^LL", "1200"),
                        ("^LH", "0,0"), ("^MN", "Y"), ("^MM", "P"), ("^PR", "3"),
                        ("~SD", "20")]
    fonts = {a.split(",")[-1] for c, a in cmds if c.startswith("^A")}
    assert fonts == {"E:TT0003M_.TTF"}  # the profile's Unicode font on every text field


def test_epl_header_follows_the_profile():
    cmds = parse_epl(render_label(_label("domestic-private"), PROFILES["honeywell-pc42t-epl"]))
    head = [(c.name, ",".join(c.args)) for c in cmds[:8]]
    assert head == [("N", ""), ("I8", "A,001"), ("q", "800"), ("Q", "1200,24"), ("S", "4"),
                    ("D", "10"), ("ZT", ""), ("A", "24,24,0,4,2,2,N")]
    cyr = parse_epl(render_label(_label("domestic-private"),
                                 PROFILES["honeywell-pc42t-epl-cyrillic"]))
    assert (cyr[1].name, cyr[1].args) == ("I8", ["C", "001"])


def test_tspl_header_follows_the_profile():
    cmds = parse_tspl(render_label(_label("domestic-private"), PROFILES["tsc-da210-blackmark"]))
    head = [(c.name, ",".join(c.args)) for c in cmds[:9]]
    assert head == [("SIZE", "100 mm,150 mm"), ("BLINE", "3 mm,0 mm"), ("SPEED", "4"),
                    ("DENSITY", "8"), ("SET", "TEAR ON"), ("DIRECTION", "0"),
                    ("REFERENCE", "0,0"), ("CODEPAGE", "UTF-8"), ("CLS", "")]


@pytest.mark.parametrize("pid", sorted(PROFILES))
def test_every_shipped_profile_renders_every_sample(pid):
    for name in SAMPLES:
        assert render_label(_label(name), PROFILES[pid])


def test_the_renderer_port_uses_its_profile_only_for_the_profile_format():
    spec = _label("domestic-private")
    r = LabelRenderer(profile=PROFILES["tsc-te200"])
    assert r.render(spec, LabelFormat.TSPL203) == render_label(spec, PROFILES["tsc-te200"])
    assert r.render(spec, LabelFormat.TSPL300) == render_label(spec,
                                                               PROFILES["generic-tspl-300"])
    assert r.render(spec, LabelFormat.ZPL203) == render_zpl(spec, 203)


def test_bitmap_packing_round_trips_with_zero_bits_printed():
    from desktop.printing import mono_bitmap

    rows = [[1, 0, 1], [0, 1, 1]]
    per_row, height, data = mono_bitmap.pack(rows, 3)
    assert (per_row, height) == (2, 6)
    assert data[:2] == bytes([0b00011100, 0b01111111])  # dark first module: 0 bits, pad white
    dots = mono_bitmap.unpack(per_row, height, data)
    assert [row[:9] for row in dots[::3]] == [[1, 1, 1, 0, 0, 0, 1, 1, 1],
                                              [0, 0, 0, 1, 1, 1, 1, 1, 1]]
    assert all(row[9:] == [0] * 7 for row in dots)  # padding never prints
