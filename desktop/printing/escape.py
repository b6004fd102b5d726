"""ZPL II field-data escaping: user text can never become a printer command.

Every `^FD` we write is preceded by `^FH` (hex escape indicator `_`, the default), and the
data below contains no `^` and no `~`: those, the escape character itself and the backslash
(`\\&` is a line break inside `^FB`) are written as `_5E`, `_7E`, `_5F`, `_5C`; with `^CI28`
every non-ASCII character is written as its UTF-8 bytes (`é` → `_C3_A9`). Control
characters are dropped. [ZPL II Programming Guide: ^FH, ^CI, ^FB]
"""

from __future__ import annotations

import unicodedata

_MUST_ESCAPE = frozenset("^~_\\")  # command prefixes, the ^FH indicator, ^FB's line break
_BARCODE_PLAIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -.")
_DATAMATRIX_PLAIN = _BARCODE_PLAIN | frozenset("|%/:,+#()'&@*")  # no meaning to ^BX


def _hex(ch: str) -> str:
    return "".join(f"_{b:02X}" for b in ch.encode("utf-8"))


def _printable(ch: str) -> bool:
    return unicodedata.category(ch) not in ("Cc", "Cs", "Cf", "Zl", "Zp")


def field_text(text: str) -> str:
    """Text for `^FH^FD…^FS`: printable ASCII as is, everything else escaped or dropped."""
    out = []
    for ch in text:
        if not _printable(ch):
            continue
        if " " <= ch <= "~" and ch not in _MUST_ESCAPE:
            out.append(ch)
        else:
            out.append(_hex(ch))
    return "".join(out)


def field_barcode(data: str) -> str:
    """Barcode data: only letters, digits, space, `-` and `.` stay plain, so neither the
    Code 128 invocation character `>` nor anything else is read as a control sequence."""
    return "".join(ch if ch in _BARCODE_PLAIN else _hex(ch) for ch in data if _printable(ch))


def field_datamatrix(data: str) -> str:
    """Data Matrix (`^BX…,200`) data: `~` is that command's escape character, so a literal
    tilde is sent as the escape `~d126` (decimal code), itself hex-escaped."""
    out = []
    for ch in data:
        if ch == "~":
            out.append(_hex("~") + "d126")
        elif ch in _DATAMATRIX_PLAIN:
            out.append(ch)
        elif _printable(ch):
            out.append(_hex(ch))
    return "".join(out)


def unescape(data: str) -> str:
    """The text a printer reads from `^FH` field data (for tests and the ZPL preview)."""
    raw = bytearray()
    i = 0
    while i < len(data):
        if data[i] == "_" and _is_hex(data[i + 1:i + 3]):
            raw.append(int(data[i + 1:i + 3], 16))
            i += 3
        else:
            raw += data[i].encode("utf-8")
            i += 1
    return raw.decode("utf-8")


def _is_hex(pair: str) -> bool:
    return len(pair) == 2 and all(c in "0123456789abcdefABCDEF" for c in pair)
