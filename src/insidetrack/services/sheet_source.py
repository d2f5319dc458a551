"""Open a spreadsheet file as text, row by row, as many times as reading it takes."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import IO, Any, TypeVar

from insidetrack.domain.errors import InputError

_BREAK = re.compile(r"\r\n|\r|\n")  # the line ends the csv module counts
_CHUNK = 1 << 20

# Opens the text again from its start; each reading pass closes what it opened.
Opener = Callable[[], IO[str]]
T = TypeVar("T")


# Tried in this order; Latin-1 reads any bytes, so the last one always reads the file.
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


def _binary(head: bytes) -> bool:
    """Tell a file that is not text (a workbook, a PDF, an image) by its control bytes."""
    controls = sum(b < 32 and b not in b"\t\n\r\f" for b in head)
    return b"\x00" in head or controls * 20 > len(head)


def _openers(source: bytes | Path) -> list[Opener]:
    """Return how to open a sheet's text in each encoding of ENCODINGS, a file read from disk
    or bytes already here."""
    if isinstance(source, Path):
        with source.open("rb") as file:
            head = file.read(4096)
    else:
        head = source[:4096]
    if _binary(head):
        raise InputError("file", "this is not a CSV text file (it holds binary data); save the "
                         "spreadsheet as CSV and import that")
    if isinstance(source, Path):
        return [partial(source.open, encoding=e, newline="") for e in ENCODINGS]
    return [partial(_text_of, source, e) for e in ENCODINGS]


def _text_of(data: bytes, encoding: str) -> IO[str]:
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")


def delimiter_of(text: str) -> str:
    """Tell what separates a sheet's cells (comma, semicolon or tab) from its start."""
    head = text[:4096]
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t").delimiter
    except csv.Error:
        first = head.splitlines()[0] if head else ""
        return ";" if first.count(";") > first.count(",") else ","


def _reads_whole(source: Opener) -> bool:
    """Tell whether the whole text reads in the encoding it is opened with."""
    try:
        with source() as text:
            while text.read(_CHUNK):
                pass
    except UnicodeDecodeError:
        return False
    return True


def read_whole(source: bytes | Path, read: Callable[[Opener], T]) -> T:
    """Run a first pass over a sheet's text in the first encoding of ENCODINGS the whole file
    reads in (UTF-8 with or without a BOM, else Windows-1252, else Latin-1), and return
    what it returns.

    `read` must read the text to its end: the encoding is checked as it goes, not in a
    reading of its own. A failure in an encoding the file turns out not to be in gives way
    to the next encoding, so what is said is what reading in the right one says.
    """
    *tentative, last = _openers(source)
    for text in tentative:
        try:
            return read(text)
        except UnicodeDecodeError:
            continue
        except InputError:
            if _reads_whole(text):
                raise
    return read(last)


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
            # A record read from the one line after the last holds no line break: most do.
            start = end + 1 if reader.line_num == end + 1 else reader.line_num - _breaks(record)
            row += start - end
            end = reader.line_num
            if any((v or "").strip() for v in record.values() if isinstance(v, str)):
                yield row, record
    except csv.Error as exc:
        raise InputError("file", f"line {reader.line_num} cannot be read as CSV: {exc}") from exc
