"""The new forms survive PeerLog locking with them open, like the others: a case study being
written, and forms correcting a saved story, score or hours entry come back after unlocking
and, saved, correct the same record (never add a second one)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.outcomes.change import Stage
from desktop_app.domain.people import Person
from desktop_app.domain.volunteers import Volunteer, VolunteerHours
from desktop_app.services import case_studies, drafts, outcomes, people, volunteers
from desktop_app.store.database import CreatedDatabase
from desktop_app.ui.case_studies.case_study_dialog import CaseStudyDialog
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.outcomes.person_outcomes import PersonOutcomes
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.volunteers.hours_dialog import HoursDialog
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog
from tests.ui.conftest import unlock

DAY = date.today() - timedelta(days=3)


def visible(window: MainWindow, kind: type[QWidget]) -> list[QWidget]:
    return [d for d in window.findChildren(kind) if d.isVisible()]


def test_new_and_correcting_forms_come_back_after_a_lock(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    db = created.database
    amara = people.add_person(db, Person("Amara Okoye"))
    story = case_studies.add_case_study(db, CaseStudy(amara.id, DAY, "Walks", "First version."))
    score = outcomes.record_outcome(db, amara.id, "UCLA3", Stage.BASELINE, DAY, [1, 2, 3])
    robin = volunteers.add_volunteer(db, Volunteer("Robin Ashworth"))
    hours = volunteers.record_hours(db, VolunteerHours(robin.id, DAY, 2, "Outreach"))
    db.close()
    unlock(qtbot, window, db.folder)
    assert window.workspace is not None and window.db is not None

    window.workspace.open_person(amara.id)
    (record,) = window.workspace.open_dialogs()
    assert isinstance(record, PersonDialog) and record.record_actions is not None
    record.record_actions.write_case_study()
    (writing,) = visible(window, CaseStudyDialog)
    assert isinstance(writing, CaseStudyDialog)
    writing.title.setText("A new story")
    writing.story.setPlainText("Written before the lock.")
    editing = CaseStudyDialog(window.db, amara.id, story.id, record)
    editing.open()
    editing.story.setPlainText("Second version.")
    scores = PersonOutcomes(window.db, amara.id, amara.known_as, record)
    scores.open()
    correcting_score = scores.correct_chosen()
    assert correcting_score is not None
    correcting_score.boxes[2].setValue(1)
    window.workspace.open_volunteer(robin.id)
    volunteer = next(d for d in window.workspace.open_dialogs() if isinstance(d, VolunteerDialog))
    assert volunteer.hours is not None
    correcting_hours = volunteer.hours.open_chosen()
    assert correcting_hours is not None
    correcting_hours.hours.setValue(2.75)

    window.lock()
    assert window.db is None
    unlock(qtbot, window, db.folder)
    assert window.workspace is not None and window.db is not None
    db = window.db
    assert drafts.my_drafts(db) == [], "each draft was offered again"
    stories = visible(window, CaseStudyDialog)
    assert sorted(s.title.text() for s in stories) == ["A new story", "Walks"]  # type: ignore[attr-defined]
    for form in stories:
        assert isinstance(form, CaseStudyDialog) and "draft" in form.windowTitle()
        form.save()
    (score_form,) = visible(window, OutcomeForm)
    assert isinstance(score_form, OutcomeForm) and score_form.existing is not None
    assert score_form.answers() == [1, 2, 1]
    score_form.save_button.click()
    (hours_form,) = visible(window, HoursDialog)
    assert isinstance(hours_form, HoursDialog) and hours_form.existing is not None
    assert hours_form.hours.value() == 2.75
    hours_form.save()

    saved = {s.title: s.text for s in case_studies.list_case_studies(db, amara.id).rows}
    assert saved == {"A new story": "Written before the lock.", "Walks": "Second version."}
    (only_score,) = outcomes.person_outcomes(db, amara.id)
    assert only_score.id == score.id and only_score.score.items == (1, 2, 1)
    (only_hours,) = volunteers.list_hours(db, robin.id).rows
    assert only_hours.id == hours.id and only_hours.hours == 2.75
