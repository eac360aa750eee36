"""A person's case studies: the list (Enter opens one to read, correct or delete it) and
"Write a case study…". Opened from the person's record."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.listing import Page
from desktop_app.services import case_studies
from desktop_app.store.database import Database
from desktop_app.ui.case_studies.case_study_dialog import CaseStudyDialog
from desktop_app.ui.common.dialog_parts import show_child
from desktop_app.ui.common.value_text import short_date

ID_ROLE = Qt.ItemDataRole.UserRole
MOST_LISTED = 500


def study_label(study: CaseStudy) -> str:
    shared = "agreed to share" if study.consent_to_share else "not to be shared"
    return f"{study.title} (written {short_date(study.written_on)}; {shared})"


def open_case_study(
    db: Database, person_id: str, study_id: str | None, parent: QWidget
) -> CaseStudyDialog:
    """The case study form, shown; deleted again when closed, the keyboard given back."""
    dialog = CaseStudyDialog(db, person_id, study_id, parent)
    show_child(dialog)
    return dialog


class PersonCaseStudies(QDialog):
    changed = Signal()  # a story was written, corrected or deleted

    def __init__(self, db: Database, person_id: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.person_id = db, person_id
        self.setWindowTitle(f"Case studies: {name}")
        self.list = QListWidget()
        self.list.setAccessibleName("Their case studies")
        self.list.itemActivated.connect(lambda _item: self.open_chosen())
        self.empty = QLabel("No case studies yet. “Write a case study…” adds the first.")
        self.empty.setWordWrap(True)
        self.write_button = QPushButton("&Write a case study…")
        self.write_button.clicked.connect(self.write)
        self.open_button = QPushButton("&Open…")
        self.open_button.setToolTip("Read, correct or delete the chosen story (Enter)")
        self.open_button.clicked.connect(self.open_chosen)
        close = QPushButton("&Close")
        close.clicked.connect(self.accept)
        for button in (self.write_button, self.open_button, close):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 80, metrics.lineSpacing() * 18)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        studies = case_studies.list_case_studies(
            self.db, self.person_id, page=Page(limit=MOST_LISTED)
        ).rows
        self.list.clear()
        for study in studies:
            item = QListWidgetItem(study_label(study))
            item.setData(ID_ROLE, study.id)
            self.list.addItem(item)
        self.list.setVisible(bool(studies))
        self.empty.setVisible(not studies)
        self.open_button.setEnabled(bool(studies))
        if studies:
            self.list.setCurrentRow(0)
            self.list.setFocus()
        else:
            self.write_button.setFocus()

    @Slot()
    def write(self) -> None:
        self._open(None)

    @Slot()
    def open_chosen(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._open(str(item.data(ID_ROLE)))

    def _open(self, study_id: str | None) -> None:
        dialog = open_case_study(self.db, self.person_id, study_id, self)
        dialog.saved.connect(lambda _id: self._after_change())

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()
