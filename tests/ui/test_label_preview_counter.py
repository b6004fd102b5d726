"""The counter's preview (Ctrl+Shift+P): the draft's label drawn off the GUI thread at the
printer profile's resolution; a draft the operation would refuse says why."""

from __future__ import annotations

import zxingcpp
from PIL import Image

from desktop.domain.draft import draft_from_shipment
from desktop.services.shipment_file import load_shipment_file
from tests.integration.cli_helpers import EXAMPLES


def test_preview_of_the_counter_draft(qtbot, window, idle):
    dialog = window.counter.open_preview()  # the empty counter: refused, with the reasons
    qtbot.waitUntil(lambda: "aperçu" in dialog.message.text(), timeout=10_000)
    assert dialog.isVisible() and dialog.preview.image() is None

    example = load_shipment_file(EXAMPLES / "delivengo-usa.json")
    dialog.show_draft(draft_from_shipment(example, None, contents_confirmed=True))
    qtbot.waitUntil(lambda: dialog.preview.image() is not None, timeout=10_000)
    image = dialog.preview.image()
    assert (image.width(), image.height()) == (800, 1200)  # 10 × 15 cm at 8 dots/mm
    blacks = sum(image.pixelColor(x, y).value() < 128 for x in range(0, 800, 8)
                 for y in range(0, 1200, 8))
    assert 0 < blacks < 150 * 100  # something drawn, not a black page

    # A pre-paid Colissimo form: what `ship` prints, the form's variable fields on its stock
    # (150 × 100 mm), no barcode of ours (the form carries La Poste's).
    form = load_shipment_file(EXAMPLES / "colissimo-france.json")
    dialog.show_draft(draft_from_shipment(form, None, contents_confirmed=True))
    qtbot.waitUntil(lambda: dialog.preview.image() is not None
                    and dialog.preview.image().width() == 1200, timeout=10_000)
    image = dialog.preview.image()
    assert (image.width(), image.height()) == (1200, 800)
    shot = Image.frombytes("L", (1200, 800), bytes(image.convertToFormat(
        image.Format.Format_Grayscale8).constBits()), "raw", "L",
        image.convertToFormat(image.Format.Format_Grayscale8).bytesPerLine())
    assert zxingcpp.read_barcodes(shot) == []
    assert shot.getextrema() == (0, 255)  # its text is drawn
    dialog.close()
    idle(window)
