"""1-bit images for printer graphic commands (EPL2 `GW`, TSPL `BITMAP`).

Both languages print a dot for a 0 bit and leave paper white for a 1 bit, rows top to
bottom, most significant bit first, each row padded to whole bytes [EPL2 manual, GW;
TSPL/TSPL2 manual, BITMAP]. We draw the Data Matrix this way so every language prints the
very symbol our own encoder (`desktop.printing.datamatrix`) made.
"""

from __future__ import annotations

from collections.abc import Sequence


def pack(rows: Sequence[Sequence[int]], module: int) -> tuple[int, int, bytes]:
    """(bytes per row, rows of dots, data) of `rows` (1 = dark module) scaled by `module`."""
    width = len(rows[0]) * module
    per_row = (width + 7) // 8
    pad = per_row * 8 - width
    dark_dots = (1 << module) - 1
    out = bytearray()
    for row in rows:
        dots = 0  # 1 = dark, built as one integer, then inverted (1 = white on paper)
        for dark in row:
            dots = (dots << module) | (dark_dots if dark else 0)
        white = ~(dots << pad) & ((1 << (per_row * 8)) - 1)
        out += white.to_bytes(per_row, "big") * module
    return per_row, len(rows) * module, bytes(out)


def unpack(per_row: int, height: int, data: bytes) -> list[list[int]]:
    """Dots (1 = printed) of a packed image: the inverse of `pack`, for tests and previews."""
    return [[0 if data[r * per_row + b // 8] & (0x80 >> (b % 8)) else 1
             for b in range(per_row * 8)] for r in range(height)]
