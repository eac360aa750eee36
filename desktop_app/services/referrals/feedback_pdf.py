"""The feedback note as a one-page PDF: a title, then each heading with its paragraphs. Written
to a hidden partial file and renamed into place, so there is the whole note or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from desktop_app.domain.referrals.feedback import Letter
from desktop_app.services.pdf_fonts import BOLD, FONT, register_fonts
from desktop_app.store.private_files import open_private

FOOTER = (
    "This note is confidential. It was written for the person who made the referral, with the "
    "agreement of the person it is about."
)


def write_letter_pdf(letter: Letter, out: Path) -> None:
    register_fonts()
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName=FONT, fontSize=11)
    small = ParagraphStyle("small", parent=body, fontSize=9)
    heading = ParagraphStyle("heading", parent=styles["Heading2"], fontName=BOLD, fontSize=13)
    title = ParagraphStyle("title", parent=styles["Title"], fontName=BOLD, fontSize=16)
    story: list[Any] = [Paragraph(escape(letter.title), title)]
    for head, paragraphs in letter.sections:
        story.append(Paragraph(escape(head), heading))
        story += [Paragraph(escape(text).replace("\n", "<br/>"), body) for text in paragraphs]
    story += [Spacer(1, 8 * mm), Paragraph(escape(FOOTER), small)]
    partial = out.with_name(f".{out.name}.partial")
    try:
        with open_private(partial) as f:
            SimpleDocTemplate(
                f,
                pagesize=A4,
                title="Feedback to the referrer",
                leftMargin=20 * mm,
                rightMargin=20 * mm,
                topMargin=20 * mm,
                bottomMargin=20 * mm,
            ).build(story)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
