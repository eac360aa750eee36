"""The preview of a return: every section, figure and text exactly as the files will hold them,
with hidden counts marked so nobody is surprised by a "<5" in the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.notices import EXACT_WARNING, perturbation_notice
from desktop_app.domain.returns.protected_return import Figure, ProtectedReturn, Section
from desktop_app.services.returns.formats.display import display

HIDDEN_STYLE = "background-color: #fff1c2; color: #5c3b00; font-weight: bold;"
PERTURBED_STYLE = "background-color: #dcebf2; color: #123c4d;"
WARNING_STYLE = "color: #9c2b1b; font-weight: bold;"
EMPTY_TEXT = (
    "Choose the period and template, then press Build. The return will appear here exactly "
    "as it will be exported."
)


@dataclass(frozen=True)
class PreviewRow:
    """One figure as the preview shows it (for tests and screen readers alike)."""

    section: str  # the section heading
    table: str  # the table title, "" for a figure on its own
    label: str
    shown: str  # "1,234", "£3,815.63", "<5"
    suppressed: bool
    perturbed: bool = False  # a count of people adjusted through the perturbation table


def legend(rules: DisclosureRules) -> str:
    rounding = " Counts of people are rounded to the nearest 5." if rules.round_to_five else ""
    if rules.perturbed:
        return (
            f"{_marked('12', PERTURBED_STYLE)} marks a count of people adjusted slightly to "
            "protect privacy: the same people always give the same number, so a table may not "
            "add up to its total, and a 0 may stand for a few people. "
            f"{_marked(rules.marker)} marks another small count hidden; "
            f"{_marked(rules.mean_marker)} an average based on fewer than {rules.threshold} "
            f"people.{rounding} Counts of sessions and hours are shown as they are."
        )
    return (
        f'<span style="{WARNING_STYLE}">{escape(EXACT_WARNING)}.</span> '
        f"{_marked(rules.marker)} marks a count of people hidden because it is below "
        f"{rules.threshold} (or because it could be worked out from the others); "
        f"{_marked(rules.mean_marker)} marks an average based on fewer than {rules.threshold} "
        f"people.{rounding} Counts of sessions and hours are shown as they are."
    )


def _marked(marker: str, style: str = HIDDEN_STYLE) -> str:
    return f'<span style="{style}">&nbsp;{escape(marker)}&nbsp;</span>'


class ReturnPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QTextBrowser()
        self.document.setAccessibleName("Preview of the return")
        self.document.setOpenLinks(False)
        self.document.setTabChangesFocus(True)  # Tab moves on, as everywhere else
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAccessibleName("What the marks in the preview mean")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.document, 1)
        layout.addWidget(self.legend)
        self.rows: list[PreviewRow] = []
        self.clear()

    def clear(self) -> None:
        self.rows = []
        self.document.setPlainText(EMPTY_TEXT)
        self.legend.hide()

    def show_return(self, protected: ProtectedReturn) -> None:
        self.rows = []
        parts = [
            f"<h2>{escape(protected.organisation)}</h2>",
            f"<p>{escape(protected.template)}: {escape(protected.period.label)}</p>",
            f'<p style="{"" if protected.rules.perturbed else WARNING_STYLE}">'
            f"{escape(perturbation_notice(protected.rules))}</p>",
        ]
        for section in protected.sections:
            parts.append(self._section(section, protected.rules))
        self.document.setHtml("".join(parts))
        self.legend.setText(legend(protected.rules))
        self.legend.show()

    def _section(self, section: Section, rules: DisclosureRules) -> str:
        parts = [f"<h3>{escape(section.heading)}</h3>"]
        if section.figures:
            parts.append(self._table(section.heading, "", section.figures, rules))
        for table in section.tables:
            rows = table.rows + ((table.total,) if table.total is not None else ())
            parts.append(f"<p><b>{escape(table.title)}</b></p>")
            parts.append(self._table(section.heading, table.title, rows, rules))
        for block in section.texts:
            parts.append(f"<p><b>{escape(block.title)}</b><br>{_paragraphs(block.text)}</p>")
        if len(parts) == 1:
            parts.append("<p><i>Nothing in this section for this return.</i></p>")
        return "".join(parts)

    def _table(
        self, heading: str, title: str, figures: tuple[Figure, ...], rules: DisclosureRules
    ) -> str:
        cells = []
        for figure in figures:
            shown = display(figure, rules)
            self.rows.append(
                PreviewRow(
                    heading, title, figure.label, shown, figure.value is None, figure.perturbed
                )
            )
            style = ""  # as in the legend
            if figure.value is None:
                style = f' style="{HIDDEN_STYLE}"'
            elif figure.perturbed:
                style = f' style="{PERTURBED_STYLE}"'

            cells.append(
                f"<tr><td>{escape(figure.label)}</td>"
                f'<td width="30%" align="right"{style}>{escape(shown)}</td></tr>'
            )
        return (
            '<table width="100%" border="1" cellspacing="0" cellpadding="4" '
            'style="border-collapse: collapse; border-color: #999999;">'
            + "".join(cells)
            + "</table>"
        )

    def text(self) -> str:
        return self.document.toPlainText()


def _paragraphs(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())
