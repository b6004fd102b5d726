"""Data Matrix ECC 200 encoder (ISO/IEC 16022), square symbols 10×10 to 132×132.

Pure Python because reportlab's encoder draws only one 44×44 C40 size and pylibdmtx needs a
system library. ASCII encodation only (digit pairs compacted, bytes ≥ 128 with Upper Shift):
shipping payloads are short ASCII, where the denser C40/Text modes gain little.
"""

from __future__ import annotations

from functools import cache, lru_cache

# ISO/IEC 16022 Table 7 (square ECC 200): size, data region side, regions per side,
# data codewords, error-correction codewords, interleaved blocks.
SYMBOLS = (
    (10, 8, 1, 3, 5, 1), (12, 10, 1, 5, 7, 1), (14, 12, 1, 8, 10, 1),
    (16, 14, 1, 12, 12, 1), (18, 16, 1, 18, 14, 1), (20, 18, 1, 22, 18, 1),
    (22, 20, 1, 30, 20, 1), (24, 22, 1, 36, 24, 1), (26, 24, 1, 44, 28, 1),
    (32, 14, 2, 62, 36, 1), (36, 16, 2, 86, 42, 1), (40, 18, 2, 114, 48, 1),
    (44, 20, 2, 144, 56, 1), (48, 22, 2, 174, 68, 1), (52, 24, 2, 204, 84, 2),
    (64, 14, 4, 280, 112, 2), (72, 16, 4, 368, 144, 4), (80, 18, 4, 456, 192, 4),
    (88, 20, 4, 576, 224, 4), (96, 22, 4, 696, 272, 4), (104, 24, 4, 816, 336, 6),
    (120, 18, 6, 1050, 408, 6), (132, 20, 6, 1304, 496, 8),
)
_PAD, _UPPER_SHIFT, _DIGIT_PAIR_BASE = 129, 235, 130  # ISO/IEC 16022 §5.2.3


def encode_ascii(data: bytes) -> list[int]:
    out: list[int] = []
    i = 0
    while i < len(data):
        a = data[i]
        if 48 <= a <= 57 and i + 1 < len(data) and 48 <= data[i + 1] <= 57:
            out.append(_DIGIT_PAIR_BASE + (a - 48) * 10 + (data[i + 1] - 48))
            i += 2
            continue
        if a >= 128:
            out += [_UPPER_SHIFT, a - 128 + 1]
        else:
            out.append(a + 1)
        i += 1
    return out


def symbol_for(n_codewords: int) -> tuple[int, int, int, int, int, int]:
    for symbol in SYMBOLS:
        if symbol[3] >= n_codewords:
            return symbol
    raise ValueError(f"{n_codewords} codewords exceed the largest supported Data Matrix")


def symbol_size(data: str | bytes) -> int:
    """Side in modules of the symbol that `data` needs (no quiet zone)."""
    return symbol_for(len(encode_ascii(_as_bytes(data))))[0]


def _as_bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _pad(codewords: list[int], capacity: int) -> list[int]:
    out = list(codewords)
    if len(out) < capacity:
        out.append(_PAD)
    while len(out) < capacity:  # 253-state randomising of the following pads (§5.2.3)
        pseudo = ((149 * (len(out) + 1)) % 253) + 1
        value = _PAD + pseudo
        out.append(value if value <= 254 else value - 254)
    return out


# --- Reed-Solomon over GF(256), prime polynomial x^8+x^5+x^3+x^2+1 (ISO/IEC 16022 §5.7) ----

@lru_cache(maxsize=1)
def _gf_tables() -> tuple[list[int], list[int]]:
    exp, log = [0] * 512, [0] * 256
    x = 1
    for i in range(255):
        exp[i] = x
        log[x] = i
        x <<= 1
        if x & 0x100:
            x ^= 0x12D
    for i in range(255, 512):
        exp[i] = exp[i - 255]
    return exp, log


@cache
def _generator(n: int) -> tuple[int, ...]:
    exp, log = _gf_tables()
    poly = [1]
    for i in range(1, n + 1):  # product of (x - a^i), i = 1..n
        nxt = [0] * (len(poly) + 1)
        for j, c in enumerate(poly):
            nxt[j] ^= c
            if c:
                nxt[j + 1] ^= exp[log[c] + i]
        poly = nxt
    return tuple(poly)


def _ecc(data: list[int], n: int) -> list[int]:
    exp, log = _gf_tables()
    gen = _generator(n)
    rem = [0] * n
    for d in data:
        factor = d ^ rem[0]
        rem = rem[1:] + [0]
        if factor:
            lf = log[factor]
            for j in range(n):
                g = gen[j + 1]
                if g:
                    rem[j] ^= exp[lf + log[g]]
    return rem


def _with_ecc(data: list[int], n_ecc: int, blocks: int) -> list[int]:
    out = data + [0] * n_ecc
    per_block = n_ecc // blocks
    for b in range(blocks):
        ecc = _ecc(data[b::blocks], per_block)
        for j, value in enumerate(ecc):
            out[len(data) + j * blocks + b] = value
    return out


# --- module placement (ISO/IEC 16022 Annex F) ----------------------------------------------

def _place(codewords: list[int], nrow: int, ncol: int) -> list[list[int]]:
    grid: list[list[int | None]] = [[None] * ncol for _ in range(nrow)]

    def module(r: int, c: int, cw: int, bit: int) -> None:
        if r < 0:
            r += nrow
            c += 4 - ((nrow + 4) % 8)
        if c < 0:
            c += ncol
            r += 4 - ((ncol + 4) % 8)
        value = codewords[cw] if cw < len(codewords) else 0
        grid[r][c] = (value >> (8 - bit)) & 1

    def utah(r: int, c: int, cw: int) -> None:
        for bit, (dr, dc) in enumerate(((-2, -2), (-2, -1), (-1, -2), (-1, -1), (-1, 0),
                                        (0, -2), (0, -1), (0, 0)), start=1):
            module(r + dr, c + dc, cw, bit)

    def corner(cw: int, cells: tuple[tuple[int, int], ...]) -> None:
        for bit, (r, c) in enumerate(cells, start=1):
            module(r, c, cw, bit)

    n, m = nrow, ncol
    corners = {
        1: ((n - 1, 0), (n - 1, 1), (n - 1, 2), (0, m - 2), (0, m - 1), (1, m - 1), (2, m - 1),
            (3, m - 1)),
        2: ((n - 3, 0), (n - 2, 0), (n - 1, 0), (0, m - 4), (0, m - 3), (0, m - 2), (0, m - 1),
            (1, m - 1)),
        3: ((n - 3, 0), (n - 2, 0), (n - 1, 0), (0, m - 2), (0, m - 1), (1, m - 1), (2, m - 1),
            (3, m - 1)),
        4: ((n - 1, 0), (n - 1, m - 1), (0, m - 3), (0, m - 2), (0, m - 1), (1, m - 3),
            (1, m - 2), (1, m - 1)),
    }
    cw, row, col = 0, 4, 0
    while True:
        if row == n and col == 0:
            corner(cw, corners[1])
            cw += 1
        elif row == n - 2 and col == 0 and m % 4:
            corner(cw, corners[2])
            cw += 1
        elif row == n - 2 and col == 0 and m % 8 == 4:
            corner(cw, corners[3])
            cw += 1
        elif row == n + 4 and col == 2 and m % 8 == 0:
            corner(cw, corners[4])
            cw += 1
        while True:  # sweep up and to the right
            if row < n and col >= 0 and grid[row][col] is None:
                utah(row, col, cw)
                cw += 1
            row -= 2
            col += 2
            if not (row >= 0 and col < m):
                break
        row += 1
        col += 3
        while True:  # sweep down and to the left
            if row >= 0 and col < m and grid[row][col] is None:
                utah(row, col, cw)
                cw += 1
            row += 2
            col -= 2
            if not (row < n and col >= 0):
                break
        row += 3
        col += 1
        if not (row < n or col < m):
            break
    if grid[n - 1][m - 1] is None:  # fixed pattern in the unused corner
        grid[n - 1][m - 1] = grid[n - 2][m - 2] = 1
        grid[n - 1][m - 2] = grid[n - 2][m - 1] = 0
    return [[v or 0 for v in r] for r in grid]


@lru_cache(maxsize=64)
def encode(data: str | bytes) -> tuple[tuple[int, ...], ...]:
    """Rows of the symbol, top row first; 1 = dark module. No quiet zone."""
    codewords = encode_ascii(_as_bytes(data))
    size, region, per_side, n_data, n_ecc, blocks = symbol_for(len(codewords))
    stream = _with_ecc(_pad(codewords, n_data), n_ecc, blocks)
    mapping = _place(stream, region * per_side, region * per_side)
    rows: list[tuple[int, ...]] = []
    for y in range(size):
        ry, ly = divmod(y, region + 2)
        row = []
        for x in range(size):
            rx, lx = divmod(x, region + 2)
            if ly == region + 1 or lx == 0:  # solid L finder: bottom and left edges
                row.append(1)
            elif ly == 0:  # alternating top edge, dark first
                row.append(1 if lx % 2 == 0 else 0)
            elif lx == region + 1:  # alternating right edge
                row.append(1 if ly % 2 == 1 else 0)
            else:
                row.append(mapping[ry * region + ly - 1][rx * region + lx - 1])
        rows.append(tuple(row))
    return tuple(rows)
