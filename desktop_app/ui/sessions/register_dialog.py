"""Print a register (Sessions → Print a register…): choose the group (kind and venue) and the
date; the regulars are listed with tick boxes. Save the register as a PDF or print it for the
room; afterwards tick who came and log the session from the same list in one step."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app import app_dirs
from desktop_app.domain.problems import long_date
from desktop_app.domain.registers import Register, next_meeting
from desktop_app.domain.vocabularies import SESSION_KIND
from desktop_app.services import registers, sessions
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.common.action_button import action_button
from desktop_app.ui.common.date_fields import DateBox
from desktop_app.ui.common.form_rows import add_row
from desktop_app.ui.common.record_picker import Choice
from desktop_app.ui.common.vocabulary_combo import VocabularyCombo
from desktop_app.ui.shell.record_opener import RecordOpener

TITLE = "Print a register"


class RegisterDialog(QDialog):
    def __init__(self, db: Database, opener: RecordOpener, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.opener = opener
        self.setWindowTitle(TITLE)
        self.kind = VocabularyCombo(SESSION_KIND, "Kind of session")
        self.venue = QComboBox()
        self.venue.setEditable(True)
        self.venue.setAccessibleName("Venue")
        self.venue.addItems(sessions.venues(db))
        self._start_on_the_latest_group()
        self.held_on = DateBox("Date of the session", allow_future=True)
        form = QFormLayout()
        add_row(form, "&Kind:", self.kind)
        add_row(form, "&Venue:", self.venue)
        add_row(form, "&Date:", self.held_on)
        self.expected = QListWidget()
        self.expected.setAccessibleName("Who is expected: tick who came")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        expected_label = QLabel("&Who is expected (tick who came, then Log this session):")
        expected_label.setBuddy(self.expected)
        buttons = QDialogButtonBox()
        self.save_pdf = action_button("&Save as PDF…", self.save_as_pdf)
        self.print_button = action_button("&Print…", self.print_register)
        self.log_button = action_button("&Log this session…", self.log_session)
        for button in (self.save_pdf, self.print_button, self.log_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(expected_label)
        layout.addWidget(self.expected, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._choose_date)
        self.venue.currentTextChanged.connect(self._choose_date)
        self.held_on.dateChanged.connect(self._refresh)
        self._choose_date()
        metrics = self.fontMetrics()
        screen = self.screen().availableGeometry()
        self.resize(
            min(metrics.averageCharWidth() * 80, screen.width() * 9 // 10),
            min(metrics.height() * 30, screen.height() * 9 // 10),
        )

    def _start_on_the_latest_group(self) -> None:
        """The group that met last: the kind and venue of the latest group session."""
        latest = sessions.last_session_defaults(self.db, "group")
        if latest is not None and latest.venue:
            self.venue.setCurrentText(latest.venue)

    # The register --------------------------------------------------------------------------

    def register(self) -> Register:
        return registers.register_for(
            self.db,
            self.kind.code() or "group",
            self.venue.currentText().strip(),
            self.held_on.value(),
        )

    def _choose_date(self) -> None:
        kind, venue = self.kind.code() or "group", self.venue.currentText().strip()
        last = registers.last_held_on(self.db, kind, venue)
        self.held_on.set_value(next_meeting(last, date.today()))
        self._refresh()

    def _refresh(self) -> None:
        register = self.register()
        self.expected.clear()
        for person in register.regulars:
            item = QListWidgetItem(f"{person.known_as} ({person.ref})")
            item.setData(Qt.ItemDataRole.UserRole, Choice(person.id, person.known_as, person.ref))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.expected.addItem(item)
        count = len(register.regulars)
        self.summary.setText(
            f"{count} regular{'s' if count != 1 else ''} (came in the last 8 weeks), and "
            f"{register.blank_lines} blank lines for newcomers. Facilitators: "
            f"{', '.join(register.facilitators) or 'none recorded yet'}."
            if register.venue
            else "Choose or type the venue of the group."
        )

    def ticked(self) -> list[Choice]:
        return [
            self.expected.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.expected.count())
            if self.expected.item(row).checkState() == Qt.CheckState.Checked
        ]

    # Paper ---------------------------------------------------------------------------------

    def save_as_pdf(self) -> None:
        register = self.register()
        name = f"Register {register.held_on.isoformat()} {register.venue}".strip()
        safe = "".join(c if c.isalnum() or c in " -_" else " " for c in name)
        out = file_dialogs.choose_save_file(
            self,
            "Save the register as a PDF",
            app_dirs.default_database_dir().parent / f"{safe}.pdf",
            "PDF files (*.pdf)",
        )
        if out is None:
            return
        if out.suffix.casefold() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        try:
            registers.write_register_pdf(register, out)
        except (OSError, StoreError) as error:
            messages.show_error(self, TITLE, _could_not_write(out, error))
            return
        messages.inform(
            self,
            TITLE,
            f"The register is saved as {out.name}. It holds names: {registers.PERSONAL_DATA}",
        )

    def print_register(self) -> None:
        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        register_document(self.register()).print_(printer)

    # Logging from the ticks ----------------------------------------------------------------

    def log_session(self) -> None:
        """A new session form with the group's date, kind, venue and the people ticked."""
        register = self.register()
        dialog = self.opener.log_session_with(
            register.held_on, register.kind, register.venue, self.ticked()
        )
        if dialog is not None:
            self.accept()


def register_document(register: Register) -> QTextDocument:
    """The register as a printable document (the PDF's content, laid out by Qt)."""
    rows = (
        "".join(
            f"<tr><td>&#9744;</td><td>{html.escape(p.known_as)}</td><td>{html.escape(p.ref)}</td>"
            "<td></td></tr>"
            for p in register.regulars
        )
        + "<tr><td>&#9744;</td><td></td><td></td><td></td></tr>" * register.blank_lines
    )
    when = long_date(register.held_on)
    document = QTextDocument()
    document.setHtml(
        f"<h2>Register: {html.escape(SESSION_KIND.label(register.kind))}, "
        f"{html.escape(register.venue)}</h2>"
        f"<p>{html.escape(register.organisation)} · {when}<br>Facilitators: "
        f"{html.escape(', '.join(register.facilitators) or '(write them here)')}</p>"
        '<table border="1" cellpadding="6" cellspacing="0" width="100%">'
        "<tr><th>Here</th><th>Name</th><th>Reference</th><th>Notes</th></tr>"
        f"{rows}</table><p><small>{html.escape(registers.PERSONAL_DATA)}</small></p>"
    )
    return document


def _could_not_write(out: Path, error: Exception) -> str:
    detail = str(error) if isinstance(error, StoreError) else "the folder could not be written to"
    return f"The register could not be saved as {out.name}: {detail}. Choose another folder."
