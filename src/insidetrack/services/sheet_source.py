"""Open a spreadsheet file as text, row by row, as many times as reading it takes."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from insidetrack.domain.errors import InputError

_BREAK = re.compile(r"\r\n|\r|\n")  # the line ends the csv module counts
_CHUNK = 1 << 20

# Opens the text again from its start; each reading pass closes what it opened.
Opener = Callable[[], IO[str]]


def decode(data: bytes) -> str:
    """Read UTF-8 (with or without a BOM), else Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _binary(head: bytes) -> bool:
    """Tell a file that is not text (a workbook, a PDF, an image) by its control bytes."""
    controls = sum(b < 32 and b not in b"\t\n\r\f" for b in head)
    return b"\x00" in head or controls * 20 > len(head)


def _decodes(path: Path, encoding: str) -> bool:
    """Tell whether the whole file reads in an encoding, a chunk at a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _encoding(path: Path) -> str:
    """Return the encoding `decode` would choose, without holding the file in memory."""
    return next((e for e in ("utf-8-sig", "cp1252") if _decodes(path, e)), "latin-1")


def opener(source: bytes | Path) -> Opener:
    """Return how to open a sheet's text: a file read from disk, or bytes already here."""
    if isinstance(source, Path):
        with source.open("rb") as file:
            head = file.read(4096)
    else:
        head = source[:4096]
    if _binary(head):
        raise InputError("file", "this is not a CSV text file (it holds binary data); save the "
                         "spreadsheet as CSV and import that")
    if isinstance(source, Path):
        path, encoding = source, _encoding(source)
        return lambda: path.open(encoding=encoding, newline="")
    text = decode(source)
    return lambda: io.StringIO(text, newline="")


def _lines_in(cell: str) -> int:
    return cell.count("\n") if "\r" not in cell else len(_BREAK.findall(cell))


def _breaks(record: dict[str, Any]) -> int:
    """Count the line breaks inside a record's cells: the lines it spans beyond its first."""
    found = 0
    for value in record.values():
        if isinstance(value, str):
            found += _lines_in(value)
        elif isinstance(value, list):
            found += sum(_lines_in(c) for c in value if isinstance(c, str))
    return found


def records(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield each record that holds something, with its row number as a spreadsheet shows it.

    A cell of several lines is one row; a blank line between records is a row too.
    """
    try:
        reader.fieldnames  # the header: rows count from the line after it  # noqa: B018
        row, end = 1, reader.line_num
        for record in reader:
            start = reader.line_num - _breaks(record)
            row += start - end
            end = reader.line_num
            if any((v or "").strip() for v in record.values() if isinstance(v, str)):
                yield row, record
    except csv.Error as exc:
        raise InputError("file", f"line {reader.line_num} cannot be read as CSV: {exc}") from exc
