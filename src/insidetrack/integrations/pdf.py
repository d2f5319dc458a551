"""Lay out a business letter as a print-ready PDF (fpdf2), Letter or A4.

Every character prints: the body font (DejaVu Sans where installed) is helped by the
system's other fonts, found through fontconfig, for the letters it lacks (王伟 in a CJK
font); a letter no installed font has is transliterated (Wang Wei), and the note says so.
"""

from __future__ import annotations

import functools
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A Unicode font from the system keeps accents and other scripts; without one, the PDF
# core font prints Latin-1 and the rest is transliterated.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)
LINE_MM = 5.5
SIGNATURE_LINES = 4  # room to sign by hand between the closing and the typed name
_FORMATS = ("TrueType", "CFF")  # what fpdf2 embeds; TrueType first


@dataclass(frozen=True)
class Printed:
    """A laid-out letter, and what the user should know about how it printed."""

    data: bytes
    notes: tuple[str, ...] = ()


@dataclass
class _Fonts:
    """The fonts a letter prints in, and the letters none of them has."""

    body: Path | None
    fallbacks: list[tuple[str, int]] = field(default_factory=list)  # (file, index in a .ttc)
    missing: str = ""
    looked: bool = True  # whether fontconfig could be asked


def _body_font() -> Path | None:
    found = next((Path(p) for p in FONT_CANDIDATES if Path(p).is_file()), None)
    if found is None:
        listed = _fc(["fc-match", "--format", "%{file}", "sans-serif:fontformat=TrueType"])
        found = Path(listed) if listed and Path(listed).is_file() else None
    return found


def _fc(command: list[str]) -> str | None:
    """Run a fontconfig program; None when it is not installed."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


@functools.lru_cache(maxsize=8)
def _cmap(path: Path, index: int = 0) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def _uncovered(text: str, cmap: frozenset[int] | set[int]) -> str:
    """Return the characters of the text a font lacks, once each, in order of appearance."""
    return "".join(dict.fromkeys(ch for ch in text if not ch.isspace() and ord(ch) not in cmap))


def _charset(ranges: str) -> list[tuple[int, int]]:
    """Read fontconfig's charset ('20-7e a0-17f 4e00'): ranges of code points."""
    spans = []
    for part in ranges.split():
        low, _, high = part.partition("-")
        try:
            spans.append((int(low, 16), int(high or low, 16)))
        except ValueError:
            continue
    return spans


def _installed() -> list[tuple[str, int, list[tuple[int, int]]]] | None:
    """Every font fontconfig knows that fpdf2 can embed, with what it covers."""
    listed = _fc(["fc-list", "--format", "%{file}\t%{index}\t%{fontformat}\t%{charset}\n"])
    if listed is None:
        return None
    fonts = []
    for line in listed.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[2] in _FORMATS and parts[1].isdigit():
            fonts.append((parts[0], int(parts[1]), _charset(parts[3]), _FORMATS.index(parts[2])))
    fonts.sort(key=lambda f: (f[3], f[0], f[1]))
    return [(file, index, spans) for file, index, spans, _ in fonts]


def _covers(spans: list[tuple[int, int]], ch: str) -> bool:
    return any(low <= ord(ch) <= high for low, high in spans)


def choose_fonts(text: str) -> _Fonts:
    """Pick the body font and, for the letters it lacks, the fewest installed fonts that have them."""
    body = _body_font()
    if body is None:
        return _Fonts(None, missing=_uncovered(text, set(range(256))))
    missing = _uncovered(text, _cmap(body))
    if not missing:
        return _Fonts(body)
    installed = _installed()
    fonts = _Fonts(body, missing=missing, looked=installed is not None)
    while fonts.missing and installed:
        file, index, spans = max(installed, key=lambda f: sum(_covers(f[2], c) for c in fonts.missing))
        if not any(_covers(spans, c) for c in fonts.missing):
            break
        fonts.fallbacks.append((file, index))
        fonts.missing = "".join(c for c in fonts.missing if not _covers(spans, c))
        installed = [f for f in installed if (f[0], f[1]) != (file, index)]
    return fonts


def _ascii(ch: str) -> str:
    from anyascii import anyascii

    return anyascii(ch).strip() or "?"



def _runs(text: str, missing: str) -> list[str]:
    """Return the stretches of text made of missing letters: '王伟' in 'Dear 王伟:'."""
    runs, current = [], ""
    for ch in text:
        if ch in missing or (current and ch == " "):
            current += ch
        elif current:
            runs.append(current.strip())
            current = ""
    if current.strip():
        runs.append(current.strip())
    return list(dict.fromkeys(r for r in runs if r))


def notes_for(text: str, fonts: _Fonts) -> tuple[str, ...]:
    """Say, in one line, which letters print transliterated and how to print them as written."""
    if not fonts.missing:
        return ()
    shown = ", ".join(f"{r!r} as {_replace_missing(r, fonts.missing)!r}"
                      for r in _runs(text, fonts.missing)[:5])
    if fonts.body is None:
        return (f"No Unicode font is installed, so this PDF prints {shown}; install one "
                f"(on Debian: apt install fonts-dejavu-core) to print every letter as written.",)
    why = "No installed font has" if fonts.looked else "fontconfig (fc-list) is not installed " \
                                                      "to find a font with"
    return (f"{why} the letters {fonts.missing[:20]!r}, so this PDF prints {shown}; install a "
            f"font that has them (on Debian: apt install fonts-noto-cjk for Chinese, Japanese "
            f"and Korean) to print them as written.",)


def _wide(ch: str) -> bool:
    """Tell a character that is a syllable or a word of its own (王), spelled apart (Wang)."""
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


def _replace_missing(text: str, missing: str) -> str:
    """Spell the missing letters in Latin letters: 'Dear 王伟:' prints 'Dear Wang Wei:'."""
    if not missing:
        return text
    out: list[str] = []
    for n, ch in enumerate(text):
        if ch not in missing:
            out.append(ch)
            continue
        spelled = _ascii(ch)
        if n and _wide(ch) and text[n - 1] in missing and _wide(text[n - 1]):
            spelled = " " + spelled
        out.append(spelled)
    return "".join(out)


def _signature_room(lines: list[str], signer: str) -> list[str]:
    """Leave about four lines to sign by hand above the last line that types the signer's name."""
    if not signer.strip():
        return lines
    at = max((n for n, line in enumerate(lines) if line.strip() == signer.strip()), default=0)
    if at == 0:
        return lines
    closing = at - 1
    while closing > 0 and not lines[closing].strip():
        closing -= 1
    return lines[:closing + 1] + [""] * SIGNATURE_LINES + lines[at:]


def _setup(pdf: Any, fonts: _Fonts, text: str) -> _Fonts:
    """Load the fonts into the PDF; return them as loaded (a font fpdf2 refuses is skipped)."""
    if fonts.body is None:
        pdf.set_font("Helvetica", size=11)
        return fonts
    pdf.add_font("Body", fname=str(fonts.body))
    loaded: list[tuple[str, int]] = []
    covered = set(_cmap(fonts.body))
    for file, index in fonts.fallbacks:
        name = f"Fallback{len(loaded)}"
        try:
            pdf.add_font(name, fname=file, collection_font_number=index)
        except Exception:  # any font file fpdf2 cannot embed: print with the others
            continue
        loaded.append((file, index))
        covered |= set(pdf.fonts[name.lower()].cmap)
    pdf.set_font("Body", size=11)
    if loaded:
        pdf.set_fallback_fonts([f"Fallback{n}" for n in range(len(loaded))])
    if loaded == fonts.fallbacks:
        return fonts
    return _Fonts(fonts.body, loaded, _uncovered(text, covered), fonts.looked)


def letter_pdf(text: str, paper: str = "letter", title: str = "Letter",
               signer: str = "") -> Printed:
    """Return the PDF of a letter given as lines of text, and notes on how it printed."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter" if paper == "letter" else "A4", unit="mm")
    pdf.set_title(title)
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    fonts = _setup(pdf, choose_fonts(text), text)
    notes = notes_for(text, fonts)
    text = _replace_missing(text, fonts.missing)
    for line in _signature_room(text.splitlines(), _replace_missing(signer, fonts.missing)):
        if line:
            pdf.multi_cell(0, LINE_MM, line, align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(LINE_MM)
    return Printed(bytes(pdf.output()), notes)
