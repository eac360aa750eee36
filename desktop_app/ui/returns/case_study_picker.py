"""Choosing the stories that go in a return.

Only stories whose person agreed to share them are listed, by title and date. Before one is
included, the user reads it as the return will hold it (names of everyone in PeerLog replaced by
"[name]") and approves it; only that approved, redacted text is ever handed to the return. A
story can be opened to edit it from here (or from the preview); an edited story must be read
and approved again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.listing import Page
from desktop_app.domain.returns.figures import CaseStudy
from desktop_app.services import case_studies
from desktop_app.services.returns.build import shareable_case_study
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.case_studies.case_study_dialog import CaseStudyDialog
from desktop_app.ui.case_studies.person_case_studies import open_case_study
from desktop_app.ui.common import messages
from desktop_app.ui.common.text_styles import heading, note
from desktop_app.ui.common.value_text import short_date

ID_ROLE = Qt.ItemDataRole.UserRole
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
WRITTEN_ROLE = Qt.ItemDataRole.UserRole + 2
MOST_LISTED = 500
INCLUDED = "Included: "


class RedactionPreview(QDialog):
    """The story exactly as the return will hold it; "Include this story" approves it."""

    def __init__(self, study: CaseStudy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Read this story before it goes in the return")
        self.setAccessibleName("Read this story before it goes in the return")
        explanation = note(
            "This is the story as the return will show it. Names of people in PeerLog are "
            'replaced by "[name]". Read it all: if anything else could identify someone (a '
            "nickname, a street, someone's job), leave it out and edit the story first."
        )
        self.story = QPlainTextEdit(f"{study.title}\n\n{study.text}")
        self.story.setReadOnly(True)
        self.story.setAccessibleName("The story as the return will show it")
        buttons = QDialogButtonBox()
        self.include = buttons.addButton(
            "&Include this story", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.leave_out = buttons.addButton("&Leave it out", QDialogButtonBox.ButtonRole.RejectRole)
        self.wants_edit = False
        self.edit = buttons.addButton(
            "&Edit the story first…", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.edit.setToolTip("Leave it out for now and open the story to change it")
        self.edit.clicked.connect(self._edit_first)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(study.title, 2))
        layout.addWidget(explanation)
        layout.addWidget(self.story, 1)
        layout.addWidget(buttons)
        self.story.setFocus()
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 80, metrics.height() * 24)

    @Slot()
    def _edit_first(self) -> None:
        self.wants_edit = True
        self.reject()


class CaseStudyPicker(QWidget):
    """The shareable stories, and the approved ones that will go in the next build."""

    approved_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.approved: dict[str, CaseStudy] = {}  # by case study id, redacted and approved
        self.list = QListWidget()
        self.list.setAccessibleName("Stories people agreed to share")
        self.list.itemActivated.connect(lambda _item: self.read_and_approve())
        self.read_button = QPushButton("Read and &approve…")
        self.read_button.setAccessibleName("Read and approve the chosen story")
        self.read_button.clicked.connect(self.read_and_approve)
        self.remove_button = QPushButton("Lea&ve out")
        self.remove_button.setAccessibleName("Leave the chosen story out of the return")
        self.remove_button.clicked.connect(self.leave_out)
        self.edit_button = QPushButton("Edit the stor&y…")
        self.edit_button.setAccessibleName("Edit the chosen story")
        self.edit_button.clicked.connect(self.edit_story)
        self.empty = QLabel("No stories can be shared: nobody has agreed to share theirs yet.")
        self.empty.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.refresh()

    def refresh(self) -> None:
        """List the shareable stories again (forgetting approvals of any no longer shareable)."""
        studies = case_studies.list_case_studies(
            self.db, shareable_only=True, page=Page(limit=MOST_LISTED)
        ).rows
        shareable = {study.id for study in studies}
        self.approved = {i: s for i, s in self.approved.items() if i in shareable}
        self.list.clear()
        for study in studies:
            item = QListWidgetItem()
            item.setData(ID_ROLE, study.id)
            item.setData(TITLE_ROLE, study.title)
            item.setData(WRITTEN_ROLE, short_date(study.written_on))
            self.list.addItem(item)
            self._label(item)
        self.empty.setVisible(not studies)
        self.list.setVisible(bool(studies))
        if studies:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def chosen(self) -> tuple[CaseStudy, ...]:
        """The approved stories, in the order they are listed."""
        ids = [self.list.item(row).data(ID_ROLE) for row in range(self.list.count())]
        return tuple(self.approved[i] for i in ids if i in self.approved)

    @Slot()
    def read_and_approve(self) -> None:
        study_id = self._current_id()
        if study_id is None:
            return
        try:
            redacted = shareable_case_study(self.db, study_id)
        except StoreError as problem:
            messages.show_error(self, "This story cannot be included", str(problem))
            return
        dialog = RedactionPreview(redacted, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.approve(study_id, redacted)
        elif dialog.wants_edit:
            self.edit_story()

    @Slot()
    def edit_story(self) -> CaseStudyDialog | None:
        """Open the chosen story to change it; once saved (or deleted) it is listed afresh and
        must be read and approved again."""
        study_id = self._current_id()
        if study_id is None:
            return None
        try:
            person_id = case_studies.get_case_study(self.db, study_id).person_id
        except StoreError as problem:
            messages.show_error(self, "This story cannot be opened", str(problem))
            return None
        dialog = open_case_study(self.db, person_id, study_id, self)
        dialog.saved.connect(lambda _id: self._edited(study_id))
        return dialog

    def _edited(self, study_id: str) -> None:
        self.approved.pop(study_id, None)  # the approved text is not the story any more
        self.refresh()
        self.approved_changed.emit()

    def approve(self, study_id: str, redacted: CaseStudy) -> None:
        """Include `redacted` (the text the user read and approved)."""
        self.approved[study_id] = redacted
        self._relabel()
        self.approved_changed.emit()

    @Slot()
    def leave_out(self) -> None:
        study_id = self._current_id()
        if study_id is None or self.approved.pop(study_id, None) is None:
            return
        self._relabel()
        self.approved_changed.emit()

    def _relabel(self) -> None:
        for row in range(self.list.count()):
            self._label(self.list.item(row))
        self._update_buttons()

    def _label(self, item: QListWidgetItem) -> None:
        included = INCLUDED if item.data(ID_ROLE) in self.approved else ""
        item.setText(f"{included}{item.data(TITLE_ROLE)} (written {item.data(WRITTEN_ROLE)})")

    def _update_buttons(self) -> None:
        study_id = self._current_id()
        self.read_button.setEnabled(study_id is not None)
        self.edit_button.setEnabled(study_id is not None)
        self.remove_button.setEnabled(study_id in self.approved)

    def _current_id(self) -> str | None:
        row = self.list.currentRow()
        return None if row < 0 else str(self.list.item(row).data(ID_ROLE))
