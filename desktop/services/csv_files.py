"""Reading and writing CSV files from spreadsheets and shop back-offices, safely.

Reading (docs/csv-import.md):
- size bounds first: at most MAX_FILE_BYTES, MAX_ROWS data rows, MAX_FIELD characters per
  cell — a bigger file is refused with its figure, never half-read;
- encoding: a BOM wins (UTF-8, UTF-16); else strict UTF-8; else the best of the Windows and
  ISO Western encodings per `charset-normalizer` (Excel's "CSV" is cp1252);
- separator: `csv.Sniffer` over the first lines (`;` `,` tab `|`), else the header's most
  frequent one;
- quotes and newlines inside quoted fields are the csv module's (RFC 4180).

Writing: cells that a spreadsheet would run as a formula (starting with = + - @, tab or
carriage return) are prefixed with a quote, per OWASP's "CSV Injection" rule; `;` and a
UTF-8 BOM by default so that Excel in French opens the file as columns.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from desktop.domain.errors import ValidationFailed, Violation

MAX_FILE_BYTES = 64 * 1024 * 1024  # 64 MiB: 200 000 rows of a wide shop export fit
MAX_ROWS = 200_000  # data rows; split bigger files (docs/csv-import.md)
MAX_FIELD = 10_000  # characters in one cell; an address cell is < 300
SNIFF_BYTES = 64 * 1024
DELIMITERS = ";,\t|"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV Injection


@dataclass
class CsvTable:
    """A decoded file: its header and a row iterator (rows are read lazily, bounded)."""

    encoding: str
    delimiter: str
    header: list[str]
    text: str

    def check_size(self) -> int:
        """Counts the data rows (a fast pass of the C parser) and refuses more than MAX_ROWS
        before any row is checked: a too-big file fails in a second, not after a minute."""
        reader = csv.reader(io.StringIO(self.text), delimiter=self.delimiter, strict=True)
        count = -1  # the header
        with _field_limit(MAX_FIELD):
            try:
                for _ in reader:
                    count += 1
                    if count > MAX_ROWS:
                        raise _refused("file", "csv_too_many_rows", limit=MAX_ROWS)
            except csv.Error:
                pass  # rows() reports it with its line
        return max(count, 0)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number as a spreadsheet shows it, cells); the header is line 1."""
        reader = csv.reader(io.StringIO(self.text), delimiter=self.delimiter, strict=True)
        count = 0
        with _field_limit(MAX_FIELD):
            while True:
                start = reader.line_num + 1  # a quoted cell may span several lines
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    rule, details = _csv_error(exc)
                    raise _refused(f"line {start}", rule, **details) from None
                if start == 1 or not any(c.strip() for c in cells):
                    continue
                count += 1
                if count > MAX_ROWS:
                    raise _refused("file", "csv_too_many_rows", limit=MAX_ROWS)
                yield start, cells


def _csv_error(exc: csv.Error) -> tuple[str, dict]:
    if "field larger than field limit" in str(exc):
        return "csv_field_too_long", {"limit": MAX_FIELD}
    return "csv_malformed", {"actual": str(exc)}


def _refused(field: str, rule: str, **kw) -> ValidationFailed:
    return ValidationFailed([Violation(field, rule, **kw)])


@contextmanager
def _field_limit(limit: int):
    # The csv module's limit is process-wide: set ours for the read, then put it back.
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) or a refusal naming the problem."""
    if len(data) > MAX_FILE_BYTES:
        raise _refused("file", "csv_too_big", limit=MAX_FILE_BYTES, actual=len(data))
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name).lstrip("\ufeff"), name
            except UnicodeDecodeError:
                raise _refused("file", "csv_encoding") from None
    if b"\x00" in data[:SNIFF_BYTES]:
        raise _refused("file", "csv_binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:SNIFF_BYTES * 4],
                      cp_isolation=["cp1252", "iso8859_15", "latin_1", "mac_roman"]).best()
    if best is None:
        raise _refused("file", "csv_encoding")
    try:
        return data.decode(best.encoding), best.encoding
    except UnicodeDecodeError:
        raise _refused("file", "csv_encoding") from None


def sniff_delimiter(text: str) -> str:
    sample = text[:SNIFF_BYTES]
    lines = sample.splitlines()
    sample = "\n".join(lines[:-1] if len(lines) > 1 else lines)  # the last may be cut
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = lines[0] if lines else ""
        return max(DELIMITERS, key=first.count) if first else ";"


def read_table(data: bytes) -> CsvTable:
    text, encoding = decode(data)
    if not text.strip():
        raise _refused("file", "csv_empty")
    delimiter = sniff_delimiter(text)
    with _field_limit(MAX_FIELD):
        try:
            header = next(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True), [])
        except csv.Error as exc:
            rule, details = _csv_error(exc)
            raise _refused("line 1", rule, **details) from None
    header = [h.strip() for h in header]
    if not any(header):
        raise _refused("line 1", "csv_empty")
    return CsvTable(encoding=encoding, delimiter=delimiter, header=header, text=text)


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text, never runs (OWASP CSV Injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(out, header: Iterable[str], rows: Iterable[Iterable[object]],
              delimiter: str = ";") -> int:
    """Writes to a text stream; returns the number of data rows."""
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    n = 0
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
        n += 1
    return n
