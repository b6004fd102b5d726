"""The PySide6 interface: the only package that imports Qt."""

from desktop.ui import qt_fixes

qt_fixes.install()
