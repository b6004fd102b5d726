"""Issue 10 §4: every screen (counter FR / CH with customs / US, history, address book,
products, settings) fits 1366×768 and 1920×1080, at 100 % and 200 % scale: no visible label
or button narrower than its size hint, no word-wrapped text cut short, no sideways
scrollbar, the window no larger than the screen. Each scale runs in its own process
(QT_SCALE_FACTOR is read when Qt starts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.parametrize("scale", ["1", "2"])
def test_every_screen_fits(scale, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": scale,
           "COMPTOIR_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.ui.scenes", "--check"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    problems = json.loads(done.stdout)
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


def test_layout_check_sees_a_clipped_label(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

    from tests.ui.layout_check import clipped

    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    label = QLabel("Destinataire", window)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    row.addWidget(label)
    window.resize(30, 30)
    window.show()
    qtbot.waitExposed(window)
    assert any("Destinataire" in p for p in clipped(window))


def test_counter_columns_survive_a_garbage_collection(window):
    """Scroll areas built into a layout before it sits on a widget must stay owned by Qt."""
    import gc

    import shiboken6

    gc.collect()
    counter = window.counter
    for widget in (counter.contents_box, counter.shipment_box, counter.parcel_panel,
                   counter.customs, counter.recipient, counter.options_panel):
        assert shiboken6.isValid(widget)
