"""How text looks: headings and quieter notes, always scaled from the system font.

No widget in PeerLog sets a font size in pixels or points; sizes are multiples of the
application font, so text follows the user's system setting.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

HEADING_SCALE = {1: 1.6, 2: 1.25, 3: 1.1}


def scaled_font(base: QFont, scale: float, bold: bool = False) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:
        font.setPixelSize(round(font.pixelSize() * scale))
    font.setBold(bold)
    return font


def heading(text: str, level: int = 1, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setFont(scaled_font(label.font(), HEADING_SCALE[level], bold=True))
    label.setAccessibleName(text)
    label.setWordWrap(True)
    return label


def note(text: str, parent: QWidget | None = None) -> QLabel:
    """A wrapped explanation under a heading or a field, in the normal text colour (grey text
    is too faint for many readers)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label
