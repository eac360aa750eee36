"""What can be done from a person's record besides editing it: their whole story, their
wellbeing scores, recording a measure, their case studies and writing one, and (coordinators
only) "Export everything we hold…". Erasing is the record's own
Delete button, which goes through `services.erasure` (see `PersonDialog.delete`)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.domain.people import Person
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.story import Opens
from desktop_app.services.access import allowed
from desktop_app.services.outcomes import get_outcome
from desktop_app.services.protection import subject_access
from desktop_app.services.story import person_story
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.case_studies.person_case_studies import PersonCaseStudies, open_case_study
from desktop_app.ui.common import file_dialogs, messages, worker
from desktop_app.ui.forms.dialog_parts import show_child
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.outcomes.person_outcomes import PersonOutcomes, open_outcome_form
from desktop_app.ui.shell.record_opener import opener_above
from desktop_app.ui.story.story_window import LineOpener, StoryWindow

log = logging.getLogger(__name__)


class PersonActions(QWidget):
    recorded = Signal()  # a measure or a case study was recorded, corrected or deleted

    def __init__(self, db: Database, person: Person, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.person = db, person
        self.story_button = QPushButton("Their whole stor&y…")
        self.story_button.setToolTip(
            "Sessions, scores, case studies, consent and referrals, newest first"
        )
        self.story_button.clicked.connect(self.show_story)
        self.scores_button = QPushButton("&Measures over time…")
        self.scores_button.setToolTip("Their wellbeing scores as a chart and a table")
        self.scores_button.clicked.connect(self.show_scores)
        self.record_button = QPushButton("Record a meas&ure…")
        self.record_button.clicked.connect(self.record_measure)
        self.stories_button = QPushButton("Case stud&ies…")
        self.stories_button.setToolTip("Their stories: read, correct or delete them")
        self.stories_button.clicked.connect(self.show_case_studies)
        self.write_button = QPushButton("Write a case stu&dy…")
        self.write_button.clicked.connect(self.write_case_study)
        self.export_button = QPushButton("E&xport everything we hold…")
        self.export_button.setToolTip(
            "Subject access: every record about them, as a PDF and a JSON file"
        )
        self.export_button.clicked.connect(self.export_everything)
        self.export_button.setVisible(allowed(db, Permission.EXPORT_ALL))
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = (
            self.story_button,
            self.scores_button,
            self.record_button,
            self.stories_button,
            self.write_button,
            self.export_button,
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in buttons:
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addWidget(self.status, 1)

    @Slot()
    def show_story(self) -> StoryWindow:
        """Everything about them in one window; each line opens what it names."""
        db, person_id = self.db, self.person.id
        chart = QPushButton("Chart and table of their &scores…")
        opener = opener_above(self)
        openers: dict[Opens, LineOpener] = {
            "score": lambda record_id: self._correct_score(story, record_id),
            "case_study": lambda record_id: self._open_case_study(story, record_id),
        }
        if opener is not None:
            openers["session"] = opener.open_session
            openers["concern"] = opener.open_concern
        story = StoryWindow(
            self.person.known_as,
            lambda: person_story(db, person_id),
            openers,
            (chart,),
            self,
        )
        chart.clicked.connect(lambda: self._show_scores_from(story))
        show_child(story)
        return story

    def _correct_score(self, story: StoryWindow, record_id: str) -> None:
        form = OutcomeForm(self.db, self.person.id, story, existing=get_outcome(self.db, record_id))
        form.saved.connect(lambda _record: self._changed_from(story))
        form.deleted.connect(lambda _id: self._changed_from(story))
        show_child(form)

    def _open_case_study(self, story: StoryWindow, study_id: str) -> None:
        form = open_case_study(self.db, self.person.id, study_id, story)
        form.saved.connect(lambda _id: self._changed_from(story))

    def _show_scores_from(self, story: StoryWindow) -> None:
        scores = PersonOutcomes(self.db, self.person.id, self.person.known_as, story)
        scores.recorded.connect(lambda: self._changed_from(story))
        show_child(scores)

    def _changed_from(self, story: StoryWindow) -> None:
        story.refresh()
        self.recorded.emit()

    @Slot()
    def show_scores(self) -> None:
        dialog = PersonOutcomes(self.db, self.person.id, self.person.known_as, self)
        dialog.recorded.connect(self.recorded)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    @Slot()
    def record_measure(self) -> None:
        form = open_outcome_form(self.db, self.person.id, self)
        form.saved.connect(lambda _record: self.recorded.emit())
        form.finished.connect(lambda _result: form.deleteLater())

    @Slot()
    def show_case_studies(self) -> None:
        dialog = PersonCaseStudies(self.db, self.person.id, self.person.known_as, self)
        dialog.changed.connect(self.recorded)
        show_child(dialog)

    @Slot()
    def write_case_study(self) -> None:
        form = open_case_study(self.db, self.person.id, None, self)
        form.saved.connect(lambda _id: self.recorded.emit())

    @Slot()
    def export_everything(self) -> None:
        folder = file_dialogs.choose_folder(
            self, "Choose a folder for everything we hold about them", Path.home()
        )
        if folder is None:
            return
        db, person_id = self.db, self.person.id
        self.export_button.setEnabled(False)
        self.status.setText("Writing the PDF and JSON files…")
        worker.run_task(
            self,
            lambda _report: subject_access.export_subject_access(db, person_id, folder),
            self._exported,
            self._export_failed,
        )

    def _exported(self, files: subject_access.SubjectAccessFiles) -> None:
        self.export_button.setEnabled(True)
        self.status.setText("")
        messages.inform(
            self,
            "Everything we hold has been exported",
            f"Written to {files.pdf_file.parent}:\n{files.pdf_file.name}\n{files.json_file.name}"
            "\n\nThese files are not encrypted. Hand them over safely and delete them after.",
        )

    def _export_failed(self, error: StoreError) -> None:
        self.export_button.setEnabled(True)
        self.status.setText("")
        messages.show_error(self, "The export was not written", str(error))
