"""Splitting a multipart answer (multipart/mixed, or MTOM multipart/related) into its parts.

Written here rather than through `email`: the stdlib parser is built for mail and round-trips
binary bodies through text, and the label bytes must come out exactly as the carrier sent
them [D 13.3]. RFC 2046 §5.1.1: parts are separated by CRLF "--" boundary, the last one
followed by "--"; each part is headers, an empty line, then the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Part:
    headers: dict[str, str]  # lower-case names
    body: bytes = field(repr=False)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def content_id(self) -> str:
        return self.headers.get("content-id", "").strip().strip("<>")


def boundary_of(content_type: str) -> str:
    for param in content_type.split(";")[1:]:
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "boundary":
            return value.strip().strip('"')
    raise ValueError("multipart answer without a boundary")


def split(body: bytes, content_type: str) -> list[Part]:
    delimiter = b"--" + boundary_of(content_type).encode("ascii")
    chunks = body.split(b"\r\n" + delimiter)
    first = chunks[0]
    if first.startswith(delimiter):  # no preamble
        chunks[0] = first[len(delimiter):]
    else:
        chunks = chunks[1:]  # the preamble is ignored
    parts = []
    for chunk in chunks:
        if chunk.startswith(b"--"):
            break  # close delimiter
        chunk = chunk.split(b"\r\n", 1)[1] if b"\r\n" in chunk else b""  # rest of the line
        head, sep, payload = chunk.partition(b"\r\n\r\n")
        if not sep:
            head, payload = b"", chunk[2:] if chunk.startswith(b"\r\n") else chunk
        headers = {}
        for line in head.decode("latin-1").split("\r\n"):
            name, colon, value = line.partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        parts.append(Part(headers, payload))
    if not parts:
        raise ValueError("multipart answer without parts")
    return parts
