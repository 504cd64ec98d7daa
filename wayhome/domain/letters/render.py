"""Print letters to one PDF with fpdf2: each letter starts on a new page.

Text is shaped with HarfBuzz (``uharfbuzz``, through fpdf2's ``set_text_shaping``), which
Thai, Lao, Khmer and Myanmar need: stacked vowels and tone marks, Khmer subscript
consonants and Myanmar medials are placed by the font's OpenType tables. Each letter is
printed in its language's font; any character it does not cover (a Latin dash in a
Khmer letter, a Thai organisation name in an English one) falls back to the first
packaged font that does. A character no packaged font covers raises
:class:`LetterRenderError` rather than printing an empty box in an official letter.

A small footer line on every page names the template and its review mark.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .fonts import FONT_NAMES, coverage, static_font
from .model import Letter, LetterRenderError

if TYPE_CHECKING:
    from fpdf import FPDF

PT = 25.4 / 72  # mm per point
BODY_PT = 10.5
FOOTER_PT = 7.5
MARGIN_MM = 22.0
BULLET = "•"
SIGNATURE_SPACE_MM = 16.0
DRAFT_RGB = (170, 0, 0)  # the draft notice, in dark red

#: (size in points, bold, space after in mm, grey level or None) per block kind.
_STYLE: dict[str, tuple[float, bool, float, int | None]] = {
    "draft_notice": (BODY_PT, True, 5.0, None),
    "organisation": (13.0, True, 1.5, None),
    "meta": (9.5, False, 0.5, None),
    "version": (8.5, False, 5.0, 110),
    "addressee": (BODY_PT, False, 2.5, None),
    "subject": (BODY_PT, True, 4.0, None),
    "salutation": (BODY_PT, False, 2.5, None),
    "heading": (BODY_PT, True, 1.5, None),
    "paragraph": (BODY_PT, False, 2.5, None),
    "item": (BODY_PT, False, 1.5, None),
    "valediction": (BODY_PT, False, SIGNATURE_SPACE_MM, None),
    "signature": (BODY_PT, False, 1.0, None),
    "signatory": (BODY_PT, False, 6.0, None),
    "references_heading": (8.5, True, 1.0, 90),
    "reference": (8.0, False, 0.8, 90),
}


def _printable(text: str) -> set[str]:
    """The characters of `text` that need a glyph (not spaces, controls or format marks)."""
    return {c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")}


@dataclass(frozen=True, slots=True)
class _Fonts:
    primary: str
    fallbacks: tuple[str, ...]


def _fonts_for(letter: Letter) -> _Fonts:
    """The letter's font, and the fallback fonts its text needs; refuses uncoverable text."""
    if letter.font not in FONT_NAMES:
        raise LetterRenderError(f"letter ({letter.language}): unknown font {letter.font!r}")
    chars = set().union(*(_printable(t) for t in _texts(letter)))
    missing = {c for c in chars if ord(c) not in coverage(letter.font)}
    fallbacks: list[str] = []
    for name in FONT_NAMES:
        if not missing or name == letter.font:
            continue
        covered = {c for c in missing if ord(c) in coverage(name)}
        if covered:
            fallbacks.append(name)
            missing -= covered
    if missing:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in sorted(missing)[:10])
        raise LetterRenderError(
            f"letter ({letter.language}): no packaged font can print {shown}; "
            "write the organisation, authority and reference in a Latin or Southeast Asian script"
        )
    return _Fonts(letter.font, tuple(fallbacks))


def _texts(letter: Letter) -> Iterable[str]:
    yield letter.footer
    yield BULLET
    yield "0123456789."
    for block in letter.blocks:
        yield block.text


@functools.cache
def _pdf_class() -> type[FPDF]:
    """fpdf2 is imported on first use only (it takes about half a second to import)."""
    from fpdf import FPDF

    class LetterPDF(FPDF):
        footer_text = ""

        def footer(self) -> None:
            self.set_y(-13)
            self.set_font("latin", "", FOOTER_PT)
            self.set_text_color(110)
            height = FOOTER_PT * PT * 1.4
            self.cell(self.epw - 12, height, self.footer_text, align="L")
            self.cell(12, height, str(self.page_no()), align="R")
            self.set_text_color(0)

    return LetterPDF


def render_pdf(letters: Sequence[Letter]) -> bytes:
    """One PDF with each letter from a new page, in the order given."""
    if not letters:
        raise LetterRenderError("letters: nothing to render")
    plans = [(letter, _fonts_for(letter)) for letter in letters]

    pdf = _pdf_class()(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN_MM, 20, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_creator("Wayhome")
    pdf.set_title(letters[0].title)
    pdf.set_lang(letters[0].language)
    try:
        pdf.set_text_shaping(True)
    except Exception as exc:  # fpdf2 raises FPDFException without uharfbuzz
        raise LetterRenderError(f"pdf: text shaping is not available ({exc})") from None

    added: set[tuple[str, str]] = set()

    def add(name: str, style: str) -> None:
        if (name, style) not in added:
            pdf.add_font(name, style, str(static_font(name, style)))
            added.add((name, style))

    add("latin", "")  # the footer
    for letter, fonts in plans:
        for name in (fonts.primary, *fonts.fallbacks):
            add(name, "")
            add(name, "B")

    for letter, fonts in plans:
        pdf.set_fallback_fonts(list(fonts.fallbacks), exact_match=True)
        pdf.add_page()  # prints the previous page's footer first
        pdf.footer_text = letter.footer  # type: ignore[attr-defined]
        _draw(pdf, letter, fonts.primary)
    return bytes(pdf.output())


def _draw(pdf: FPDF, letter: Letter, family: str) -> None:
    from fpdf.enums import Align, XPos, YPos

    # Justified lines stretch the spaces, and Thai, Lao, Khmer and Myanmar put spaces only
    # between phrases: those letters are set ragged right.
    align = Align.J if family == "latin" else Align.L
    heading = 0
    for block in letter.blocks:
        size, bold, after, grey = _STYLE[block.kind]
        line = size * PT * letter.line_height
        text = block.text
        if block.kind == "heading":
            heading += 1
            text = f"{heading}. {text}"
            if pdf.get_y() + 4 * line > pdf.page_break_trigger:
                pdf.add_page()  # keep a heading with the lines that follow it
        elif block.kind == "references_heading" and pdf.get_y() + 3 * line > pdf.page_break_trigger:
            pdf.add_page()
        elif (block.kind == "valediction"
              and pdf.get_y() + SIGNATURE_SPACE_MM + 4 * line > pdf.page_break_trigger):
            pdf.add_page()  # keep the valediction with the signature block
        pdf.set_font(family, "B" if bold else "", size)
        if block.kind == "draft_notice":
            pdf.set_text_color(*DRAFT_RGB)
        else:
            pdf.set_text_color(grey if grey is not None else 0)
        if block.kind in ("item", "reference"):
            indent = 5.0
            pdf.set_x(pdf.l_margin)
            pdf.cell(indent, line, BULLET if block.kind == "item" else "")
            pdf.multi_cell(pdf.epw - indent, line, text, align=align,
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.multi_cell(0, line, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(after)
    pdf.set_text_color(0)
