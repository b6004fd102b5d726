"""Test-side readers of our EPL2 and TSPL output: split a document into commands as a
printer would (binary graphics skipped by their declared length), read the quoted fields
back, and draw the bars, boxes and bitmaps into an image so barcodes can be decoded.

No offline EPL2/TSPL renderer exists to our knowledge, so these are ours; the ZPL is
rendered by an outside renderer (tools/zpl-render). Text is not drawn (fonts are the
printer's); only the fields are read back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image, ImageDraw

from desktop.printing import epl, mono_bitmap, tspl
from desktop.printing.barcodes import code128_pattern

EPL_COMMANDS = {"N", "I8", "q", "Q", "S", "D", "ZT", "OC", "OP", "A", "B", "LO", "X", "GW",
                "P1"}
TSPL_COMMANDS = {"SIZE", "GAP", "BLINE", "SPEED", "DENSITY", "SET", "DIRECTION", "REFERENCE",
                 "CODEPAGE", "CLS", "TEXT", "BARCODE", "BITMAP", "BAR", "BOX", "PRINT"}


@dataclass
class Command:
    name: str
    args: list[str]  # the comma-separated numbers/words before a quoted field
    field: bytes = b""  # the quoted field, quotes included (A, B, TEXT, BARCODE)
    data: bytes = b""  # binary graphic data (GW, BITMAP)


def _split_args(text: str) -> list[str]:
    return [a.strip() for a in text.split(",")] if text else []


def parse_epl(doc: bytes) -> list[Command]:
    out, i = [], 0
    while i < len(doc):
        end = doc.find(b"\n", i)
        line = doc[i:end if end >= 0 else len(doc)]
        if line.startswith(b"GW"):
            x, y, per_row, rows = (int(v) for v in line[2:].split(b",", 4)[:4])
            head = doc.index(b",", doc.index(b",", doc.index(b",", doc.index(b",", i) + 1) + 1) + 1)
            data = doc[head + 1:head + 1 + per_row * rows]
            out.append(Command("GW", [str(x), str(y), str(per_row), str(rows)], data=data))
            i = head + 1 + per_row * rows
            assert doc[i:i + 1] == b"\n", "GW data longer than declared"
            i += 1
            continue
        i = (end + 1) if end >= 0 else len(doc)
        if not line:
            continue
        m = re.match(rb"(I8|ZT|OC|OP|LO|GW|P1|[A-Za-z])(.*)$", line, re.S)
        name, rest = m.group(1).decode(), m.group(2)
        field = b""
        if name in ("A", "B"):
            q = rest.index(b'"')
            rest, field = rest[:q], rest[q:]
        out.append(Command(name, _split_args(rest.decode("ascii").strip(",")), field))
    return out


def parse_tspl(doc: bytes) -> list[Command]:
    out, i = [], 0
    while i < len(doc):
        if doc.startswith(b"BITMAP ", i):
            head_end = i
            for _ in range(5):
                head_end = doc.index(b",", head_end) + 1
            x, y, per_row, rows, mode = (int(v) for v in doc[i + 7:head_end - 1].split(b","))
            data = doc[head_end:head_end + per_row * rows]
            out.append(Command("BITMAP", [str(x), str(y), str(per_row), str(rows), str(mode)],
                               data=data))
            i = head_end + per_row * rows
            assert doc[i:i + 2] == b"\r\n", "BITMAP data longer than declared"
            i += 2
            continue
        end = doc.index(b"\r\n", i)
        line = doc[i:end]
        i = end + 2
        name, _, rest = line.partition(b" ")
        field = b""
        if name in (b"TEXT", b"BARCODE"):
            q = _first_field_quote(rest, name)
            rest, field = rest[:q], rest[q:]
        out.append(Command(name.decode(), _split_args(rest.decode("utf-8").rstrip(",")), field))
    return out


def _first_field_quote(rest: bytes, name: bytes) -> int:
    # TEXT x,y,"font",…,"content" / BARCODE x,y,"128",…,"content": the 2nd quoted string
    first = rest.index(b'"')
    second = rest.index(b'"', first + 1)
    return rest.index(b'"', second + 1)


def epl_texts(doc: bytes, encoding: str = "cp1252") -> list[str]:
    return [epl.unquote(c.field, encoding) for c in parse_epl(doc) if c.name == "A"]


def tspl_texts(doc: bytes) -> list[str]:
    return [tspl.unquote(c.field) for c in parse_tspl(doc) if c.name == "TEXT"]


def rasterise_epl(doc: bytes) -> Image.Image:
    cmds = parse_epl(doc)
    width = int(next(c for c in cmds if c.name == "q").args[0])
    height = int(next(c for c in cmds if c.name == "Q").args[0])
    img, draw = _canvas(width, height)
    for c in cmds:
        a = [int(v) for v in c.args if v.lstrip("-").isdigit()]
        if c.name == "B":
            x, y, _, _, narrow, _, h = (int(v) for v in c.args[:7])
            _bars(draw, x, y, narrow, h, epl.unquote(c.field, "ascii"))
        elif c.name == "LO":
            draw.rectangle([a[0], a[1], a[0] + a[2] - 1, a[1] + a[3] - 1], fill=0)
        elif c.name == "X":
            draw.rectangle([a[0], a[1], a[3] - 1, a[4] - 1], outline=0, width=a[2])
        elif c.name == "GW":
            _bitmap(img, a[0], a[1], a[2], a[3], c.data)
    return img


def rasterise_tspl(doc: bytes, dpmm: int) -> Image.Image:
    cmds = parse_tspl(doc)
    size = next(c for c in cmds if c.name == "SIZE").args
    width = round(float(size[0].split()[0]) * dpmm)
    height = round(float(size[1].split()[0]) * dpmm)
    img, draw = _canvas(width, height)
    for c in cmds:
        if c.name == "BARCODE":
            x, y = int(c.args[0]), int(c.args[1])
            assert c.args[2] == '"128"'
            h, narrow = int(c.args[3]), int(c.args[6])
            _bars(draw, x, y, narrow, h, tspl.unquote(c.field))
        elif c.name == "BAR":
            x, y, w, h = (int(v) for v in c.args)
            draw.rectangle([x, y, x + w - 1, y + h - 1], fill=0)
        elif c.name == "BOX":
            x, y, x2, y2, t = (int(v) for v in c.args)
            draw.rectangle([x, y, x2 - 1, y2 - 1], outline=0, width=t)
        elif c.name == "BITMAP":
            x, y, per_row, rows, _ = (int(v) for v in c.args)
            _bitmap(img, x, y, per_row, rows, c.data)
    return img


def _canvas(width: int, height: int):
    img = Image.new("L", (width, height), 255)
    return img, ImageDraw.Draw(img)


def _bars(draw, x: int, y: int, narrow: int, h: int, data: str) -> None:
    for i, bit in enumerate(code128_pattern(data)):
        if bit == "1":
            draw.rectangle([x + i * narrow, y, x + (i + 1) * narrow - 1, y + h - 1], fill=0)


def _bitmap(img: Image.Image, x: int, y: int, per_row: int, rows: int, data: bytes) -> None:
    for r, row in enumerate(mono_bitmap.unpack(per_row, rows, data)):
        for c, dot in enumerate(row):
            if dot and x + c < img.width and y + r < img.height:
                img.putpixel((x + c, y + r), 0)
