"""How a print job's bytes are kept: compressed while they may be reprinted (in their own
table, `print_job_bytes`, migration 0024), then purged to their SHA-256 (migration 0021).

zlib (stdlib) rather than zstd: measured on our labels (bench/print_storage.py) it already
brings ZPL/TSPL labels to a few hundred bytes; PDFs, already deflated inside, gain little
from any codec. The bytes are stored compressed only when that is smaller.
"""

from __future__ import annotations

import hashlib
import zlib

RAW, ZLIB, PURGED = "raw", "zlib", "purged"
LEVEL = 9  # labels are written once and read rarely: the smallest output wins


def encode(data: bytes) -> dict:
    """The column values for `data` as sent."""
    data = bytes(data)
    packed = zlib.compress(data, LEVEL)
    smaller = len(packed) < len(data)
    return {"payload": packed if smaller else data, "payload_encoding": ZLIB if smaller else RAW,
            "payload_sha256": hashlib.sha256(data).hexdigest(), "payload_size": len(data)}


def decode(stored: bytes | None, encoding: str) -> bytes:
    """The bytes as sent (b"" once purged)."""
    if encoding == PURGED or stored is None:
        return b""
    return zlib.decompress(stored) if encoding == ZLIB else bytes(stored)
