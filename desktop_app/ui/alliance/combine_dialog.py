"""File → Combine returns for an alliance…: choose members' returns (files or a folder), see any
problems and the combined tables, and save the alliance return as PDF, spreadsheet, CSV or JSON.

No database is needed (members' returns hold no personal data), so it works from the start
screen too, while PeerLog is locked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.returns.templates import TemplateError
from desktop_app.services.alliance.combine import Combined, combine_returns, write_alliance
from desktop_app.services.alliance.member_template import write_member_template
from desktop_app.ui.alliance.alliance_preview import EMPTY_TEXT, alliance_html, problems_html
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.common.action_button import action_button
from desktop_app.ui.common.progress_dialog import run_with_progress
from desktop_app.ui.common.screen_fit import FittedDialog
from desktop_app.ui.common.text_styles import note
from desktop_app.ui.common.worker import Report

TITLE = "Combine returns for an alliance"
FORMATS = {
    "PDF (.pdf)": ("pdf", "PDF files (*.pdf)"),
    "Spreadsheet (.xlsx)": ("xlsx", "Spreadsheets (*.xlsx)"),
    "Tidy CSV for a database (.csv)": ("csv", "CSV files (*.csv)"),
    "JSON (.json)": ("json", "JSON files (*.json)"),
}


class CombineDialog(FittedDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.chosen: list[Path] = []
        self.combined: Combined | None = None
        self.files = QListWidget()
        self.files.setAccessibleName("Returns chosen")
        self.files.setMaximumHeight(self.fontMetrics().height() * 5)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("The combined return")
        self.preview.setPlainText(EMPTY_TEXT)
        self.format_box = QComboBox()
        self.format_box.addItems(list(FORMATS))
        self.format_box.setAccessibleName("Format")
        self.save_button = action_button("&Save the alliance return…", self.save)
        self.save_button.setEnabled(False)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)

        choose = QHBoxLayout()
        choose.addWidget(action_button("Add &files…", self.add_files))
        choose.addWidget(action_button("Add a f&older…", self.add_folder))
        choose.addWidget(action_button("Start &again", self.clear))
        choose.addStretch(1)
        choose.addWidget(
            action_button(
                "Make a &template for members…",
                self.make_member_template,
                "Write the template file members load, so every return has the same shape",
            )
        )
        save = QHBoxLayout()
        format_label = QLabel("Fo&rmat:")
        format_label.setBuddy(self.format_box)
        save.addWidget(format_label)
        save.addWidget(self.format_box)
        save.addWidget(self.save_button)
        save.addStretch(1)
        save.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                "Add the .json returns your members sent. Nothing here needs a database or a "
                "passphrase: returns hold no personal data. Members' returns must be for the "
                "same period, made with the alliance's template, protected the same way."
            )
        )
        layout.addLayout(choose)
        layout.addWidget(self.files)
        layout.addWidget(self.preview, 1)
        layout.addLayout(save)
        screen = self.screen().availableGeometry()  # never larger than the screen (150 % text)
        self.resize(min(1100, screen.width() * 9 // 10), min(640, screen.height() * 9 // 10))

    # Choosing --------------------------------------------------------------------------------

    def add_files(self) -> None:
        chosen = file_dialogs.choose_open_files(
            self, "Choose members' returns", Path.home(), "PeerLog returns (*.json)"
        )
        if chosen:
            self.add(chosen)

    def add_folder(self) -> None:
        chosen = file_dialogs.choose_folder(
            self, "Choose a folder of members' returns", Path.home()
        )
        if chosen is not None:
            self.add([chosen])

    def clear(self) -> None:
        self.chosen = []
        self.files.clear()
        self.combined = None
        self.save_button.setEnabled(False)
        self.preview.setPlainText(EMPTY_TEXT)

    def add(self, paths: list[Path]) -> None:
        """Add returns or folders, then combine everything chosen (off the window's thread)."""
        for path in paths:
            if path not in self.chosen:
                self.chosen.append(path)
                self.files.addItem(str(path))
        chosen = list(self.chosen)

        def work(report: Report) -> Combined:
            return combine_returns(chosen, report)

        run_with_progress(self, "Reading the returns", work, self._show)

    def _show(self, combined: object) -> None:
        assert isinstance(combined, Combined)
        self.combined = combined
        if combined.alliance is None:
            self.preview.setHtml(problems_html(combined.problems))
        else:
            self.preview.setHtml(alliance_html(combined.alliance))
        self.save_button.setEnabled(combined.alliance is not None)

    def make_member_template(self) -> None:
        """Ask the alliance's name and the template's version, then write the file to send."""
        asked = TemplateQuestions(self)
        if asked.exec() != QDialog.DialogCode.Accepted:
            return
        name, version = asked.name.text(), asked.version.text()
        path = file_dialogs.choose_save_file(
            self,
            "Save the template for members",
            Path.home() / f"{name.strip() or 'Alliance'} template.json",
            "Return templates (*.json)",
        )
        if path is None:
            return
        try:
            write_member_template(path, name, version)
        except TemplateError as problem:
            messages.show_error(self, "This template cannot be made", str(problem))
            return
        except OSError as exc:
            messages.show_error(self, TITLE, f"The template could not be saved: {exc.strerror}.")
            return
        messages.inform(
            self,
            TITLE,
            f"The template was saved as {path}. Send it to your members: on the Returns "
            "screen they choose “Use our alliance's template…”.",
        )

    # Saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        if self.combined is None or self.combined.alliance is None:
            return
        alliance = self.combined.alliance
        fmt, file_filter = FORMATS[self.format_box.currentText()]
        start, _ = alliance.period
        suggested = Path.home() / f"Alliance return {start:%Y-%m}.{fmt}"
        path = file_dialogs.choose_save_file(
            self, "Save the alliance return", suggested, file_filter
        )
        if path is None:
            return
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")

        def work(report: Report) -> str | None:
            report(0, 1, f"Writing {path.name}")
            try:
                write_alliance(alliance, fmt, path)
            except OSError as exc:  # a folder that cannot be written: said, nothing left behind
                return f"The alliance return could not be saved as {path}: {exc.strerror}."
            report(1, 1, "")
            return None

        def done(problem: object) -> None:
            if problem:
                messages.show_error(self, TITLE, str(problem))
            else:
                messages.inform(self, TITLE, f"The alliance return was saved as {path}.")

        run_with_progress(self, "Saving the alliance return", work, done)


class TemplateQuestions(FittedDialog):
    """The alliance's name and the template's version, for the template members load."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make a template for members")
        self.name = QLineEdit()
        self.name.setAccessibleName("Alliance's name")
        self.version = QLineEdit(date.today().strftime("%Y-%m"))
        self.version.setAccessibleName("Template version")
        self.version.setToolTip("Change it when you change the template, e.g. 2026-04")
        form = QFormLayout(self)
        form.addRow(note("Every section, in fixed codes, so members' returns can be added up."))
        form.addRow("Alliance's &name:", self.name)
        form.addRow("&Version:", self.version)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
