"""ZPL II output: byte-exact golden files, skeleton, geometry at 203 and 300 dpi.

Regenerate the golden files only on purpose: COMPTOIR_UPDATE_GOLDEN=1 pytest tests/unit/test_zpl.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.domain.label import Code128, DataMatrix, LabelSpec, Text, code128_modules
from desktop.domain.label_layout import shipping_label
from desktop.domain.printing import LabelFormat
from desktop.printing.render import LabelRenderer
from desktop.printing.samples import SAMPLES
from desktop.printing.zpl import parse_commands as commands
from desktop.printing.zpl import render_zpl

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "labels"
UPDATE = os.environ.get("COMPTOIR_UPDATE_GOLDEN") == "1"
DPMM = {203: 8, 300: 12}


def _label(name: str) -> LabelSpec:
    shipment, service = SAMPLES[name]()
    return shipping_label(shipment, service)


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_matches_the_golden_file_byte_for_byte(name, dpi):
    path = GOLDEN / f"{name}-{dpi}.zpl"
    out = render_zpl(_label(name), dpi)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out)
    assert path.exists(), f"missing golden file {path}; run with COMPTOIR_UPDATE_GOLDEN=1"
    assert out == path.read_bytes()


@pytest.mark.parametrize("dpi, width, height", [(203, 800, 1200), (300, 1200, 1800)])
def test_skeleton_and_label_size(dpi, width, height):
    cmds = commands(render_zpl(_label("domestic-private"), dpi))
    assert cmds[:5] == [("^XA", ""), ("^CI", "28"), ("^PW", str(width)), ("^LL", str(height)),
                        ("^LH", "0,0")]
    assert cmds[-2:] == [("^PQ", "1"), ("^XZ", "")]


def test_renderer_port_dispatches_on_the_format():
    spec = _label("domestic-private")
    r = LabelRenderer()
    assert r.render(spec, LabelFormat.ZPL203) == render_zpl(spec, 203)
    assert r.render(spec, LabelFormat.ZPL300) == render_zpl(spec, 300)
    assert r.render(spec, LabelFormat.PDF).startswith(b"%PDF-")
    with pytest.raises(ValueError):
        render_zpl(spec, 150)


def _fields(cmds):
    """Field groups: the commands between one ^FO and its ^FS."""
    group = []
    for name, params in cmds:
        if name == "^FO":
            group = [(name, params)]
        elif group:
            group.append((name, params))
            if name == "^FS":
                yield group
                group = []


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_field_stays_on_the_label(name, dpi):
    zpl = render_zpl(_label(name), dpi)
    width, height = 100 * DPMM[dpi], 150 * DPMM[dpi]
    for group in _fields(commands(zpl)):
        x, y = map(int, group[0][1].split(","))
        assert 0 <= x < width and 0 <= y < height
        params = dict(group[1:])
        if "^A0" in params:
            h = int(params["^A0"].split(",")[1])
            block = int(params["^FB"].split(",")[0])
            assert params["^FB"].split(",")[1] == "1"  # one line per field: no printer wrap
            assert x + block <= width and y + h <= height
        if "^GB" in params:
            w, h = map(int, params["^GB"].split(",")[:2])
            assert x + w <= width and y + h <= height


@pytest.mark.parametrize("dpi", [203, 300])
def test_code128_module_height_and_quiet_zone_in_dots(dpi):
    spec = _label("business-abroad")
    [bar] = [e for e in spec.elements if isinstance(e, Code128)]
    cmds = commands(render_zpl(spec, dpi))
    i = [n for n, _ in cmds].index("^BC")
    x, _ = map(int, cmds[i - 2][1].split(","))
    module, _, height = map(int, cmds[i - 1][1].split(","))
    assert cmds[i][1] == f"N,{height},N,N,N,A"
    dpmm = DPMM[dpi]
    assert 0.33 <= module / dpmm <= 0.51  # UPU S10 (CUSTOMS.md §5)
    assert height / dpmm >= 12.5
    bars = code128_modules(bar.data) * module
    assert x - 10 * module >= 0 and x + bars + 10 * module <= 100 * dpmm
    # centred where the layout put it, within a dot
    assert abs((x + bars / 2) / dpmm - (bar.x_mm + bar.width_mm / 2)) <= 1 / dpmm


@pytest.mark.parametrize("dpi", [203, 300])
def test_datamatrix_fits_its_square(dpi):
    from desktop.printing.datamatrix import symbol_size

    spec = _label("business-abroad")
    [dm] = [e for e in spec.elements if isinstance(e, DataMatrix)]
    cmds = commands(render_zpl(spec, dpi))
    i = [n for n, _ in cmds].index("^BX")
    module = int(cmds[i][1].split(",")[1])
    assert cmds[i][1] == f"N,{module},200"
    assert module * symbol_size(dm.data) <= dm.size_mm * DPMM[dpi]
    assert module / DPMM[dpi] >= 0.33


def test_long_text_wraps_into_separate_one_line_fields_and_is_cut():
    words = "mot " * 60
    spec = LabelSpec(100, 150, (Text(5, 5, 50, 4, words, max_lines=3),))
    cmds = commands(render_zpl(spec, 203))
    lines = [p for n, p in cmds if n == "^FD"]
    ys = [int(p.split(",")[1]) for n, p in cmds if n == "^FO"]
    assert len(lines) == 3 and lines[-1].endswith("...")
    assert ys == [40, 40 + 38, 40 + 2 * 38]  # 4 mm × 1.2 pitch at 8 dots/mm


def test_a_unicode_printer_font_can_replace_font_0_but_nothing_else_gets_in():
    spec = LabelSpec(100, 150, (Text(5, 5, 50, 4, "Київ"),))
    cmds = commands(render_zpl(spec, 203, font="E:TT0003M_.TTF"))
    assert ("^A@", "N,32,32,E:TT0003M_.TTF") in cmds
    assert LabelRenderer("E:TT0003M_.TTF").render(spec, LabelFormat.ZPL203) == \
        render_zpl(spec, 203, font="E:TT0003M_.TTF")
    for bad in ("^XA", "E:X.TTF^FS~JR", "", "00", "e:tt.ttf"):
        with pytest.raises(ValueError):
            render_zpl(spec, 203, font=bad)
