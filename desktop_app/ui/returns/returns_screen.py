"""Returns: choose a period and template, build the anonymised return off the GUI thread, read
the preview, pick approved stories, and export it as PDF, spreadsheet, CSV or JSON.

Only coordinators export returns: the window does not offer this section to a lead volunteer,
and should the screen ever be shown to one it explains instead of showing controls (the services
refuse them too).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.returns.protected_return import ProtectedReturn
from desktop_app.services.access import allowed
from desktop_app.services.returns.build import build_return, export_return
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.common.progress_dialog import run_with_progress
from desktop_app.ui.common.screen_fit import WrappingRow
from desktop_app.ui.common.text_styles import heading, note
from desktop_app.ui.common.worker import Report
from desktop_app.ui.returns.case_study_picker import CaseStudyPicker
from desktop_app.ui.returns.return_choices import Choices, ReturnChoices
from desktop_app.ui.returns.return_preview import ReturnPreview
from desktop_app.ui.shell.record_opener import RecordOpener

# format code: (button text, what the file is called in the save dialog, file filter, suffix)
EXPORTS = {
    "pdf": ("Export P&DF…", "PDF", "PDF documents (*.pdf)", ".pdf"),
    "xlsx": ("Export &spreadsheet…", "spreadsheet", "Excel spreadsheets (*.xlsx)", ".xlsx"),
    "csv": ("Export &CSV…", "CSV file", "CSV files (*.csv)", ".csv"),
    "json": ("Export &JSON…", "JSON file", "JSON files (*.json)", ".json"),
}
COORDINATORS_ONLY = (
    "Only a coordinator can build and export returns for funders. Returns hold figures about "
    "everyone the group supports, so PeerLog keeps them to coordinators. Ask your coordinator "
    "if a funder needs figures."
)
STALE = (
    "The preview is out of date: the choices or the records changed after it was built. "
    "Press Build to see the new return."
)
STALE_STYLE = "background-color: #fff1c2; color: #5c3b00; font-weight: bold; padding: 4px;"
READY = "This is exactly what will be exported. Check it, then choose a format below."


class ReturnsScreen(QWidget):
    def __init__(
        self,
        db: Database,
        opener: RecordOpener | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.protected: ProtectedReturn | None = None
        self.built_with: tuple[Choices, tuple[object, ...]] | None = None
        self.may_export = allowed(db, Permission.EXPORT_RETURNS)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Returns for funders"))
        if not self.may_export:
            self.explanation = note(COORDINATORS_ONLY)
            self.explanation.setAccessibleName(COORDINATORS_ONLY)
            layout.addWidget(self.explanation)
            layout.addStretch(1)
            self.export_buttons: dict[str, QPushButton] = {}
            return
        self._build_controls(layout, today or date.today())

    def _build_controls(self, layout: QVBoxLayout, today: date) -> None:
        self.choices = ReturnChoices(today, self.db)
        self.build_button = QPushButton("&Build the return")
        self.build_button.setAccessibleName("Build the return")
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.build)
        self.picker = CaseStudyPicker(self.db)
        self.preview = ReturnPreview()
        self.status = note("")
        self.status.setAccessibleName("About the preview")
        self.export_buttons = {}
        exports = WrappingRow()  # on two lines when the window is narrow
        for fmt, (text, _what, _filter, _suffix) in EXPORTS.items():
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _checked=False, f=fmt: self.export(f))
            exports.addWidget(button)
            self.export_buttons[fmt] = button

        choose = QGroupBox("What the return covers")
        choose_layout = QVBoxLayout(choose)
        choose_layout.addWidget(self.choices)
        choose_layout.addWidget(self.build_button)
        stories = QGroupBox("Stories to include")
        stories_layout = QVBoxLayout(stories)
        stories_layout.addWidget(
            note("Only stories people agreed to share. Read each one before it goes in.")
        )
        stories_layout.addWidget(self.picker, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(choose)
        left_layout.addWidget(stories, 1)
        scroll = QScrollArea()
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(
            left.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        )

        right = QVBoxLayout()
        right.addWidget(self.status)
        right.addWidget(self.preview, 1)
        right.addWidget(QLabel("Export what you see:"))
        right.addLayout(exports)
        body = QHBoxLayout()
        body.addWidget(scroll)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)

        self.choices.changed.connect(self._choices_changed)
        self.picker.approved_changed.connect(self._stories_changed)
        self._show_state()

    # Building ------------------------------------------------------------------------------

    @Slot()
    def build(self) -> None:
        choices = self.choices.choices()
        if choices is None:
            self.choices.period.start.setFocus()
            return
        stories = self.picker.chosen()
        db = self.db

        def work(report: Report) -> ProtectedReturn:
            report(0, 1, "Counting sessions, people and outcomes…")
            protected = build_return(
                db,
                choices.period,
                choices.template,
                choices.rules.threshold,
                choices.rules.round_to_five,
                stories,
                exact=not choices.rules.perturbed,
            )
            report(1, 1, "Protecting small numbers…")
            return protected

        def done(protected: ProtectedReturn) -> None:
            self.protected = protected
            self.built_with = (choices, stories)
            self.preview.show_return(protected)
            self._show_state()

        self.build_button.setEnabled(False)
        _dialog, task = run_with_progress(self, "Building the return", work, done)
        task.finished.connect(lambda _result: self.build_button.setEnabled(True))
        task.failed.connect(lambda _error: self.build_button.setEnabled(True))
        self.build_task = task

    def is_current(self) -> bool:
        """True when the preview shows the return the current choices would build."""
        return self.protected is not None and self.built_with == (
            self.choices.choices(),
            self.picker.chosen(),
        )

    def records_changed(self) -> None:
        """Records were saved elsewhere: list the stories again; the preview is out of date."""
        if not self.may_export:
            return
        self.built_with = None
        self.picker.refresh()
        self._show_state()

    @Slot()
    def _choices_changed(self) -> None:
        self._show_state()

    @Slot()
    def _stories_changed(self) -> None:
        """A story was approved or left out: rebuild at once so the preview shows it."""
        if self.protected is not None and self.choices.choices() is not None:
            self.build()
        self._show_state()

    def _show_state(self) -> None:
        current = self.is_current()
        for button in self.export_buttons.values():
            button.setEnabled(current)
        if self.protected is None:
            self.status.setText("")
            self.status.hide()
        else:
            self.status.setText(READY if current else STALE)
            self.status.setStyleSheet("" if current else STALE_STYLE)
            self.status.show()

    # Exporting -----------------------------------------------------------------------------

    def suggested_path(self, fmt: str) -> Path:
        assert self.protected is not None
        period = self.protected.period
        name = f"{self.protected.organisation} return {period.start} to {period.end}"
        safe = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", name).strip()
        return Path.home() / f"{safe}{EXPORTS[fmt][3]}"

    def export(self, fmt: str) -> None:
        protected = self.protected
        if protected is None or not self.is_current():
            return
        _text, what, file_filter, suffix = EXPORTS[fmt]
        path = file_dialogs.choose_save_file(
            self, f"Save the return as a {what}", self.suggested_path(fmt), file_filter
        )
        if path is None:
            return
        if path.suffix.casefold() != suffix:
            path = path.with_name(path.name + suffix)
        db = self.db

        def work(report: Report) -> Path:
            report(0, 1, f"Writing the {what}…")
            try:
                export_return(db, protected, fmt, path)
            except OSError as problem:
                raise StoreError(
                    f"The return could not be saved to {path}: {problem.strerror or problem}. "
                    "Choose another folder, or check there is space on the disk."
                ) from None
            return path

        def done(saved: Path) -> None:
            messages.inform(
                self, "Return exported", f"The return was saved as {saved.name} in {saved.parent}."
            )

        self.export_dialog, self.export_task = run_with_progress(
            self, f"Exporting the {what}", work, done
        )
