"""The window's start skips importing every sub-command; everything else parses fully."""

import pytest

from desktop.cli import _wants_gui


@pytest.mark.parametrize("argv, gui", [
    ("", True), ("gui", True), ("gui --demo", True), ("--lang en", True),
    ("--lang=en gui --demo", True), ("--database sqlite:///x.db gui", True),
    ("deposit LD000000014FR --json", False), ("ship f.json", False), ("--help", False),
    ("gui --help", False), ("--version", False), ("history --lang en", False),
])
def test_gui_fast_path_only_for_the_window(argv, gui):
    assert _wants_gui(argv.split()) is gui
