"""The readable PDF of a subject access export: every section of the JSON, in plain words, for
the person to read. Uses a font from resources/fonts when one is shipped (for names in any
script), else Helvetica."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop_app.domain.referrals.vocabulary import CLOSING_REASON, SOURCE_KIND
from desktop_app.domain.vocabularies import (
    CONCERN_KIND,
    CONSENT_METHOD,
    CONTACT_PREFERENCE,
    DELIVERY_MODE,
    DISABILITY,
    ETHNIC_GROUP,
    GENDER,
    REFERRAL_SOURCE,
    SESSION_KIND,
    Vocabulary,
)
from desktop_app.services.pdf_fonts import FONT, register_fonts
from desktop_app.store.files import written_in_place
from desktop_app.store.private_files import open_private

SECTIONS = (
    ("consent_history", "Consent: what you were told and what you agreed to"),
    ("attendances", "Sessions you came to"),
    ("outcomes", "Wellbeing and other measures you filled in"),
    ("case_studies", "Your stories (case studies)"),
    ("onward_referrals", "Referrals to other services"),
    ("referrals_received", "Referrals of you to this group, and what happened"),
    ("feedback_notes", "Notes sent back to whoever referred you"),
    ("safeguarding_concerns", "Safeguarding concerns about you, and what was done"),
    ("volunteering", "Your volunteering"),
    ("drafts", "Forms about you that were being filled in, not yet saved (drafts)"),
    ("recently_deleted", "Records about you deleted lately, kept for a while to put back"),
    ("audit_entries", "Who looked after your records, and when (audit trail)"),
)
INTRO = (
    "This is everything {organisation} holds about you in PeerLog, its records system. The "
    "same information is in the JSON file that comes with this document. The last part lists "
    "every record table that refers to you, in full, so that nothing is left out."
)


# Coded fields, shown by their words ("Woman", not "woman"; "Group peer support", not "group").
CODED: dict[str, Vocabulary] = {
    "gender": GENDER,
    "ethnic_group": ETHNIC_GROUP,
    "disability": DISABILITY,
    "referral_source": REFERRAL_SOURCE,
    "method": CONSENT_METHOD,
    "kind": SESSION_KIND,
    "mode": DELIVERY_MODE,
    "preferred_contact": CONTACT_PREFERENCE,
    "source_kind": SOURCE_KIND,
    "closed_reason": CLOSING_REASON,
    "kind_of_concern": CONCERN_KIND,
}
# A code that may be of either vocabulary: a session's kind, or a safeguarding concern's.
ALSO_CODED: dict[str, Vocabulary] = {"kind": CONCERN_KIND}


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _value(value: Any, key: str = "") -> str:
    for vocabulary in (CODED.get(key), ALSO_CODED.get(key)):
        if vocabulary is not None and value in vocabulary:
            return vocabulary.label(str(value))
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) or "-"
    return str(value)


def _fields(row: dict[str, Any], style: ParagraphStyle) -> Table:
    """One record as a two-column table: what, and its value."""
    cells = [
        [Paragraph(escape(_label(k)), style), Paragraph(escape(_value(v, k)), style)]
        for k, v in row.items()
        if not isinstance(v, dict)
    ]
    table = Table(cells or [["-", "-"]], colWidths=[50 * mm, 120 * mm])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
            ]
        )
    )
    return table


def _rows(rows: list[dict[str, Any]], body: ParagraphStyle) -> list[Any]:
    if not rows:
        return [Paragraph("Nothing is held.", body)]
    out: list[Any] = []
    for row in rows:
        flat = {k: v for k, v in row.items() if not isinstance(v, (dict, list))}
        out += [_fields(flat, body), Spacer(1, 3 * mm)]
        for key, value in row.items():
            if isinstance(value, dict):
                out += [_fields(value, body), Spacer(1, 3 * mm)]
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                out += [Paragraph(escape(_label(key)), body), *_rows(value, body)]
    return out


def write_pdf(data: dict[str, Any], out: Path) -> None:
    register_fonts()
    font = FONT
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName=font, fontSize=9)
    heading = ParagraphStyle("heading", parent=styles["Heading2"], fontName=font)
    title = ParagraphStyle("title", parent=styles["Title"], fontName=font)
    profile = data["profile"]
    story: list[Any] = [
        Paragraph(escape(f"Everything we hold about {profile['known_as']}"), title),
        Paragraph(escape(INTRO.format(organisation=data["organisation"] or "we")), body),
        Paragraph(escape(f"Made on {data['exported_at'][:10]}."), body),
        Paragraph("About you", heading),
        _fields(profile, body),
    ]
    for key, heading_text in SECTIONS:
        story += [Paragraph(escape(heading_text), heading), *_rows(data[key], body)]
    story.append(Paragraph("Every record that refers to you, in full", heading))
    for table, rows in data["linked_records"].items():
        story += [Paragraph(escape(_label(table)), heading), *_rows(rows, body)]
    with written_in_place(out) as partial, open_private(partial) as f:
        SimpleDocTemplate(
            f, pagesize=A4, title="Everything we hold", author=data["organisation"]
        ).build(story)
