"""Lay out a business letter as a print-ready PDF (fpdf2), Letter or A4."""

from __future__ import annotations

from pathlib import Path

# A Unicode font from the system keeps accents and other scripts; without
# one, the PDF core font prints Latin-1 and the rest is transliterated.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)


def _font() -> Path | None:
    return next((Path(p) for p in FONT_CANDIDATES if Path(p).is_file()), None)


def _latin1(text: str) -> str:
    from anyascii import anyascii

    return "".join(ch if ord(ch) < 256 else anyascii(ch) for ch in text)


def letter_pdf(text: str, paper: str = "letter", title: str = "Letter") -> bytes:
    """Return the PDF bytes of a letter given as lines of text."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter" if paper == "letter" else "A4", unit="mm")
    pdf.set_title(title)
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    font = _font()
    if font is not None:
        pdf.add_font("Body", fname=str(font))
        pdf.set_font("Body", size=11)
    else:
        pdf.set_font("Helvetica", size=11)
        text = _latin1(text)
    for line in text.splitlines():
        if line:
            pdf.multi_cell(0, 5.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(5.5)
    return bytes(pdf.output())
