"""Work-around for a reference-count bug of PySide6 6.12.0.

`SignalInstance.emit()` returns `True` without taking a reference to it, so every signal
emitted from Python (scale readings 5 times a second, task results…) steals one reference
from `True`; after some hours the interpreter frees `True` and aborts ("bool_dealloc").
The fix is installed only when a probe shows the bug, so a fixed PySide6 is left alone.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def emit_steals_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()  # a statement: the returned reference is released at once
    lost = sys.getrefcount(True) < before
    if lost:
        _incref(True)  # give back the probe's own loss
    return lost


def install() -> bool:
    """Patches `SignalInstance.emit` if needed; True when the fix is active."""
    if getattr(SignalInstance.emit, "comptoir_fixed", False):
        return True
    if not emit_steals_true():
        return False
    original = SignalInstance.emit

    def emit(self, *args):
        result = original(self, *args)
        if result is True:
            _incref(True)  # the reference emit() should have taken
        return result

    emit.comptoir_fixed = True  # type: ignore[attr-defined]
    SignalInstance.emit = emit
    return True
