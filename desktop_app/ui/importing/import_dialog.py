"""The import wizard: choose a file, see every problem or what will change, then import with a
progress bar and Cancel. Checking and importing run off the GUI thread. Closing it while it
works cancels: the import stops and leaves the database as it was.

Open it from a menu with `ImportDialog(db, parent).exec()`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.importing.mapping import Mapping
from desktop_app.domain.importing.problems import shortened
from desktop_app.services.importing.template_files import write_template
from desktop_app.services.importing.template_import import (
    ImportCancelled,
    ImportRefused,
    ImportReport,
    preview_import,
    run_import,
)
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import file_dialogs
from desktop_app.ui.common.worker import Report, run_task
from desktop_app.ui.importing.mapping_dialog import MappingDialog
from desktop_app.ui.importing.progress import StageProgress, TaskDialog, reporting

INTRO = (
    "Bring in records from the PeerLog template: an Excel workbook (.xlsx), a .zip of CSV "
    "files, or a folder of CSV files. Everything is checked first, and nothing is saved until "
    "you say Import."
)
PROBLEM_HEADINGS = ("File or sheet", "Row", "Column", "Found", "What is expected")
COUNT_HEADINGS = ("Records", "Added", "Updated", "Already up to date")


class ImportDialog(TaskDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.source: Path | None = None
        self.mapping: Mapping | None = None  # for a spreadsheet that is not the template
        self.setWindowTitle("Import records")
        self.resize(820, 520)
        self.pages = QStackedWidget()
        self.choose_page = self._make_choose_page()
        self.working_page = self._make_working_page()
        self.problems_page = self._make_problems_page()
        self.preview_page = self._make_preview_page()
        self.done_page = self._make_done_page()
        for page in (
            self.choose_page,
            self.working_page,
            self.problems_page,
            self.preview_page,
            self.done_page,
        ):
            self.pages.addWidget(page)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch()
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addLayout(bottom)

    # Pages --------------------------------------------------------------------------------

    def _make_choose_page(self) -> QWidget:
        page = QWidget()
        intro = _wrapped(INTRO)
        self.file_button = QPushButton("Choose a &workbook or .zip file…")
        self.file_button.clicked.connect(self._ask_for_file)
        self.folder_button = QPushButton("Choose a &folder of CSV files…")
        self.folder_button.clicked.connect(self._ask_for_folder)
        self.other_button = QPushButton("Choose another &spreadsheet and match its columns…")
        self.other_button.clicked.connect(self._ask_for_other_spreadsheet)
        self.template_button = QPushButton("Save a &blank template…")
        self.template_button.clicked.connect(self._ask_where_to_save_template)
        self.template_note = _wrapped("")
        layout = QVBoxLayout(page)
        for widget in (
            intro,
            self.file_button,
            self.folder_button,
            self.other_button,
            self.template_button,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.template_note)
        layout.addStretch()
        return page

    def _make_working_page(self) -> QWidget:
        page = QWidget()
        self.stage_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Import progress")
        self.progress = StageProgress(self.stage_label, self.progress_bar)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(page)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.cancel_button, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addStretch()
        return page

    def _make_problems_page(self) -> QWidget:
        page = QWidget()
        self.problems_label = _wrapped("")
        self.problems_table = _table(PROBLEM_HEADINGS)
        self.check_again_button = QPushButton("Check &again")
        self.check_again_button.clicked.connect(self._check)
        another = QPushButton("Choose a&nother file")
        another.clicked.connect(self._start_again)
        self.match_button = QPushButton("&Match its columns…")
        self.match_button.clicked.connect(self._match_columns)
        layout = QVBoxLayout(page)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems_table)
        layout.addLayout(_row(another, self.match_button, self.check_again_button))
        return page

    def _make_preview_page(self) -> QWidget:
        page = QWidget()
        self.preview_label = _wrapped("")
        self.counts_table = _table(COUNT_HEADINGS)
        self.import_button = QPushButton("&Import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self._import)
        another = QPushButton("Choose a&nother file")
        another.clicked.connect(self._start_again)
        layout = QVBoxLayout(page)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.counts_table)
        layout.addLayout(_row(another, self.import_button))
        return page

    def _make_done_page(self) -> QWidget:
        page = QWidget()
        self.done_label = _wrapped("")
        another = QPushButton("Import a&nother file")
        another.clicked.connect(self._start_again)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_label)
        layout.addLayout(_row(another))
        layout.addStretch()
        return page

    # Choosing -----------------------------------------------------------------------------

    def _ask_for_file(self) -> None:
        chosen = file_dialogs.choose_open_file(
            self, "Choose the file to import", Path.home(), "Workbook or zip (*.xlsx *.zip)"
        )
        if chosen is not None:
            self.choose_source(chosen)

    def _ask_for_folder(self) -> None:
        chosen = file_dialogs.choose_folder(self, "Choose the folder of CSV files", Path.home())
        if chosen is not None:
            self.choose_source(chosen)

    def _ask_for_other_spreadsheet(self) -> None:
        chosen = file_dialogs.choose_open_file(
            self, "Choose the spreadsheet", Path.home(), "Spreadsheet (*.xlsx *.csv)"
        )
        if chosen is not None:
            self.source = chosen
            self._match_columns()

    def _match_columns(self) -> None:
        assert self.source is not None
        dialog = MappingDialog(self.db, self.source, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.choose_source(self.source, dialog.mapping())

    def _ask_where_to_save_template(self) -> None:
        chosen = file_dialogs.choose_save_file(
            self,
            "Save the blank template",
            Path.home() / "PeerLog template.xlsx",
            "Workbook (*.xlsx)",
        )
        if chosen is not None:
            self.save_template(chosen)

    def save_template(self, path: Path) -> None:
        written = write_template(path if path.suffix else path.with_suffix(".xlsx"))
        self.template_note.setText(
            f"The template was saved as {written}. Its Read me sheet lists every column."
        )

    def choose_source(self, source: Path, mapping: Mapping | None = None) -> None:
        """Check `source` (nothing is written) and show its problems or what would change.
        With a `mapping`, `source` is a spreadsheet that is not the template."""
        self.source = source
        self.mapping = mapping
        self._check()

    def _start_again(self) -> None:
        self.source = None
        self.mapping = None
        self.pages.setCurrentWidget(self.choose_page)

    # Working ------------------------------------------------------------------------------

    def _check(self) -> None:
        self._run(write=False)

    def _import(self) -> None:
        self._run(write=True)

    def _run(self, write: bool) -> None:
        assert self.source is not None
        self.progress.begin("Importing…" if write else "Checking the file…")
        self.cancel_button.setEnabled(True)
        self.pages.setCurrentWidget(self.working_page)
        db, source, mapping = self.db, self.source, self.mapping
        action = run_import if write else preview_import

        def task(report: Report) -> ImportReport:
            try:
                return action(db, source, reporting(report), self._cancel_requested, mapping)
            except ImportRefused as refused:
                return refused.report

        self.task = run_task(
            self,
            task,
            self._show_report,
            self._show_failure,
            self._show_progress,
            self._show_cancelled,
        )

    def _cancel_requested(self) -> bool:
        """Asked on the task's thread, between progress reports too (just before saving)."""
        task = self.task
        return task is not None and task.cancel_requested

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.stage_label.setText("Cancelling…")

    def _show_progress(self, done: int, total: int, stage: str) -> None:
        if self.task is not None and self.task.cancel_requested:
            return
        self.progress.show_step(done, total, stage)

    def _show_report(self, report: ImportReport) -> None:
        if not report.ok:
            self._show_problems(report)
        elif report.written:
            lines = "\n".join(report.summary()) or "There was nothing to import."
            self.done_label.setText(f"Imported.\n\n{lines}")
            self.pages.setCurrentWidget(self.done_page)
        else:
            self._show_preview(report)

    def _show_problems(self, report: ImportReport) -> None:
        count = len(report.problems) + report.more_problems
        more = f" The first {len(report.problems)} are listed." if report.more_problems else ""
        self.problems_label.setText(
            f"Nothing can be imported yet: {count} problem{'s' if count != 1 else ''} to fix."
            f"{more} Correct them in your file, save it, then choose Check again."
        )
        self.problems_table.setRowCount(len(report.problems))
        for row, problem in enumerate(report.problems):
            cells = (
                problem.source,
                "" if problem.row is None else str(problem.row),
                problem.column,
                shortened(problem.found),
                problem.expected,
            )
            for column, text in enumerate(cells):
                self.problems_table.setItem(row, column, _item(text))
        self.problems_table.resizeRowsToContents()
        assert self.source is not None
        self.match_button.setVisible(self.source.suffix.casefold() in (".xlsx", ".csv"))
        self.pages.setCurrentWidget(self.problems_page)

    def _show_preview(self, report: ImportReport) -> None:
        assert self.source is not None
        self.preview_label.setText(
            f"{self.source.name} is ready to import. Nothing has been saved yet: this is what "
            "Import will do."
        )
        self.counts_table.setRowCount(len(report.counts))
        for row, count in enumerate(report.counts):
            cells = (count.what, count.added, count.updated, count.unchanged)
            for column, value in enumerate(cells):
                self.counts_table.setItem(row, column, _item(str(value)))
        self.import_button.setEnabled(any(c.added or c.updated for c in report.counts))
        self.pages.setCurrentWidget(self.preview_page)

    def _show_cancelled(self) -> None:
        self.done_label.setText("Cancelled. Nothing was imported.")
        self.pages.setCurrentWidget(self.done_page)

    def _show_failure(self, error: StoreError) -> None:
        if isinstance(error, ImportCancelled):
            self._show_cancelled()
            return
        self.done_label.setText(str(error))
        self.pages.setCurrentWidget(self.done_page)


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch()
    for button in buttons:
        row.addWidget(button)
    return row


def _table(headings: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(list(headings))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(len(headings) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item
