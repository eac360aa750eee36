"""Registers on paper: build the register for a group's next session, write it as a PDF (it
holds names: personal data, said on the page), and log the session from the names ticked."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop_app.domain.problems import long_date
from desktop_app.domain.registers import Register, RegisterPerson, regulars_since
from desktop_app.domain.vocabularies import SESSION_KIND
from desktop_app.services import settings
from desktop_app.services.pdf_fonts import BOLD, FONT, register_fonts
from desktop_app.store.database import Database
from desktop_app.store.private_files import open_private
from desktop_app.store.records import registers as registers_repo

PERSONAL_DATA = (
    "This register holds names: it is personal data. Keep it out of sight during the session, "
    "log the session in PeerLog from it, then shred it."
)


def register_for(db: Database, kind: str, venue: str, held_on: date) -> Register:
    conn = db.connection()
    last = registers_repo.last_meeting(conn, kind, venue)
    return Register(
        organisation=settings.organisation_name(db),
        kind=kind,
        venue=venue,
        held_on=held_on,
        starts_at=last.starts_at if last is not None else None,
        facilitators=last.facilitators if last is not None else (),
        regulars=tuple(
            RegisterPerson(*row)
            for row in registers_repo.regulars(conn, kind, venue, regulars_since(held_on))
        ),
    )


def last_held_on(db: Database, kind: str, venue: str) -> date | None:
    last = registers_repo.last_meeting(db.connection(), kind, venue)
    return last.held_on if last is not None else None


def write_register_pdf(register: Register, out: Path) -> None:
    register_fonts()
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName=FONT, fontSize=10)
    small = ParagraphStyle("small", parent=body, fontSize=8, textColor=colors.dimgrey)
    title = ParagraphStyle("title", parent=styles["Title"], fontName=BOLD, fontSize=16)
    when = long_date(register.held_on)
    if register.starts_at is not None:
        when += f" at {register.starts_at:%H:%M}"
    heading = f"{SESSION_KIND.label(register.kind)}, {register.venue or 'no venue'}"
    story: list[Any] = [
        Paragraph(escape(f"Register: {heading}"), title),
        Paragraph(escape(f"{register.organisation} · {when}"), body),
        Paragraph(
            escape("Facilitators: " + (", ".join(register.facilitators) or "(write them here)")),
            body,
        ),
        Spacer(1, 4 * mm),
        _table(register, body),
        Spacer(1, 4 * mm),
        Paragraph(escape(PERSONAL_DATA), small),
    ]
    partial = out.with_name(f".{out.name}.partial")
    with open_private(partial) as f:
        SimpleDocTemplate(
            f,
            pagesize=A4,
            title=f"Register {register.held_on.isoformat()}",
            author=register.organisation,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=16 * mm,
        ).build(story)
    partial.replace(out)


def _table(register: Register, body: ParagraphStyle) -> Table:
    rows: list[list[Any]] = [["Here", "Name", "Reference", "Notes"]]
    rows += [["☐", Paragraph(escape(p.known_as), body), p.ref, ""] for p in register.regulars]
    rows += [["☐", "", "", ""] for _ in range(register.blank_lines)]
    table = Table(rows, colWidths=[14 * mm, 70 * mm, 28 * mm, 62 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("FONTSIZE", (0, 1), (0, -1), 14),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.whitesmoke]),
                ("TOPPADDING", (0, 1), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
            ]
        )
    )
    return table
