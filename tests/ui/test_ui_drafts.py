"""Every input of every form survives a lock.

Each form is filled by walking its widgets (tests/ui/form_filling.py: every input gets a value
other than the one it opened with), PeerLog locks, the database is unlocked again, and every
widget must show the same value; the form is then saved and what was stored is read back
through the services. A widget added to a form later without draft support fails here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

import desktop_app.ui
from desktop_app.domain.people import Person
from desktop_app.domain.vocabularies import CONCERN_KIND
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import (
    databases,
    drafts,
    outcomes,
    people,
    safeguarding,
    sessions,
    settings,
    volunteers,
)
from desktop_app.services.protection import auto_backup, consent, retention, users
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import messages
from desktop_app.ui.forms.field_error import FieldError
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.people.erase_dialog import ErasePersonDialog
from desktop_app.ui.people.person_dialog import PersonDialog
from desktop_app.ui.returns.returns_screen import ReturnsScreen
from desktop_app.ui.safeguarding.concern_dialog import ConcernDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.settings.settings_dialogs import CustomMeasureDialog, ItemWordingDialog
from desktop_app.ui.settings.settings_screen import SettingsScreen
from desktop_app.ui.settings.users_dialog import UsersDialog
from desktop_app.ui.shell.draft_forms import DRAFT_NOTE, KEPT_FORMS, NOT_KEPT
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.volunteers.hours_dialog import HoursDialog
from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog
from tests.conftest import PASSPHRASE
from tests.ui.conftest import unlock
from tests.ui.form_filling import fill_all, snapshot

WEEK_AGO = date.today() - timedelta(days=7)
SCREENS: dict[type[QWidget], str] = {SettingsScreen: "Settings", ReturnsScreen: "Returns"}


class Ids(NamedTuple):
    amara: Person
    priya: Volunteer
    dev: Volunteer


def _records(db: Database, backups: Path) -> Ids:
    amara = people.add_person(db, Person("Amara Okafor"))
    priya = volunteers.add_volunteer(db, Volunteer("Priya Shah"))
    dev = volunteers.add_volunteer(db, Volunteer("Dev Patel"))
    auto_backup.choose_backup_folder(db, backups, 10)
    return Ids(amara, priya, dev)


def _unlocked_with_records(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase, tmp_path: Path
) -> Ids:
    ids = _records(created.database, tmp_path / "backups")
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    return ids


def _open_form(window: MainWindow, kind: type[QWidget]) -> QWidget:
    """The one visible form of `kind` (or the Settings screen)."""
    assert window.workspace is not None
    if kind in SCREENS:
        return window.workspace.screen_at(_section(window, SCREENS[kind]))
    (form,) = [d for d in window.workspace.findChildren(kind) if d.isVisible()]
    return form


def _section(window: MainWindow, title: str) -> int:
    assert window.workspace is not None
    return [s.title for s in window.workspace.sections].index(title)


def _dialog(window: MainWindow) -> Any:
    assert window.workspace is not None
    (dialog,) = window.workspace.open_dialogs()
    return dialog


def _from_person(window: MainWindow, ids: Ids, then: Callable[[PersonDialog], None]) -> None:
    assert window.workspace is not None
    window.workspace.open_person(ids.amara.id)
    dialog = _dialog(window)
    assert isinstance(dialog, PersonDialog)
    then(dialog)


def _from_settings(window: MainWindow, then: Callable[[SettingsScreen], None]) -> None:
    assert window.workspace is not None
    window.workspace.show_section(_section(window, "Settings"))
    screen = _open_form(window, SettingsScreen)
    assert isinstance(screen, SettingsScreen)
    then(screen)


@dataclass
class Case:
    kind: type[QWidget]
    open: Callable[[MainWindow, Ids], None]
    save: Callable[[Any], None]
    check: Callable[[Database, Ids, dict[str, Any]], None]
    overrides: dict[str, Any]


# Reading back what was stored -------------------------------------------------------------


def _check_session(db: Database, ids: Ids, shown: dict[str, Any]) -> None:
    (row,) = sessions.list_sessions(db).rows
    detail = sessions.session_detail(db, row.id)
    s = detail.session
    assert [p.known_as for p in detail.attendees] == ["Amara Okafor", "Newcomer"]
    assert [v.id for v in detail.facilitators] == [ids.priya.id]
    assert s.starts_at is not None and s.starts_at.strftime("%H:%M") == "10:30"
    assert s.venue == "Typed Venue" and s.held_on == WEEK_AGO
    assert (s.notes, s.topics) == ("Typed Notes", ("Typed Topics",))
    assert [r.destination for r in s.onward_referrals] == ["Typed Referred on to"]
    assert s.anonymous_headcount == 1 and shown["Length in minutes"] == f"{s.minutes} minutes"
    (given,) = volunteers.list_hours(db, ids.priya.id).rows
    assert shown["Hours for each facilitator"].startswith(f"{given.hours:g}")


def _check_concern(db: Database, ids: Ids, shown: dict[str, Any]) -> None:
    (row,) = safeguarding.list_concerns(db).rows
    c = row.concern
    assert (c.person_id, c.raised_on, c.session_id) == (ids.amara.id, WEEK_AGO, None)
    assert CONCERN_KIND.label(c.kind) == shown["Kind of concern"][1]
    assert (c.what_happened, c.passed_to) == ("Typed What happened", "Typed Passed to")
    assert [(a.taken_on, a.what, a.by_whom) for a in c.actions] == [
        (WEEK_AGO, "Typed What was done", "Typed Done by")
    ]


def _check_person(db: Database, ids: Ids, shown: dict[str, Any]) -> None:
    (p,) = [p for p in people.list_people(db).rows if p.known_as == "Typed Name they are known by"]
    stored = people.get_person(db, p.id)
    assert (stored.ref, stored.year_of_birth, stored.postcode_district) == ("P-7777", 1980, "BB1")
    assert stored.notes == "Typed Notes" and stored.first_contact == WEEK_AGO
    assert "" not in (stored.gender, stored.ethnic_group, stored.disability)
    assert stored.consent is not None and stored.consent.recorded_on == WEEK_AGO
    assert stored.consent.keep_data and stored.consent.be_contacted and stored.consent.share_story
    assert (stored.contact.phone, stored.contact.email) == ("07700 900123", "typed@example.org")
    assert stored.contact.preferred != ""


def _check_volunteer(db: Database, ids: Ids, shown: dict[str, Any]) -> None:
    (v,) = [v for v in volunteers.list_volunteers(db, include_ended=True) if v.name == "Typed Name"]
    stored = volunteers.get_volunteer(db, v.id)
    assert stored.roles == ("Typed Roles",) and stored.lived_experience
    assert (stored.started_on, stored.ended_on, stored.dbs_checked_on) == (WEEK_AGO,) * 3
    assert sorted(t.course for t in stored.training) == ["First aid", "Typed Course"]
    assert (stored.contact.phone, stored.contact.email) == ("+44 20 7946 0001", "typed@example.org")
    assert stored.contact.preferred != ""


def _check_hours(db: Database, ids: Ids, shown: dict[str, Any]) -> None:
    (given,) = volunteers.list_hours(db).rows
    assert shown["Volunteer"][1].startswith(volunteers.get_volunteer(db, given.volunteer_id).name)
    assert (given.worked_on, given.hours, given.activity) == (WEEK_AGO, 1.25, "Typed Activity")


def _check_outcome(db: Database, ids: Ids, shown: dict[str, Any]) -> None:
    (record,) = outcomes.person_outcomes(db, ids.amara.id)
    assert outcomes.measure(db, record.measure_code).name == shown["Measure"][1]
    assert record.taken_on == WEEK_AGO and record.stage.label == shown["Stage"][1]
    assert set(record.score.items) == {3}


def _check_erasure(db: Database, ids: Ids, shown: dict[str, Any]) -> None:
    with pytest.raises(StoreError):
        people.get_person(db, ids.amara.id)


def _check_measure(db: Database, ids: Ids, shown: dict[str, Any]) -> None:
    (m,) = [m for m in outcomes.measures(db) if m.custom]
    assert m.name == "Typed Name of the measure"
    assert [item.label for item in m.items] == ["Typed Items, one a line"]
    assert (m.item_min, m.item_max, m.higher_is_better, m.threshold) == (2, 6, False, 4)


def _check_wording(db: Database, ids: Ids, shown: dict[str, Any]) -> None:
    m = next(m for m in outcomes.measures(db) if m.name == shown["Measure"][1])
    assert [i.wording for i in m.items] == [f"Typed Wording of item {i.number}" for i in m.items]


def _check_user(db: Database, ids: Ids, shown: dict[str, Any]) -> None:
    (added,) = [u for u in users.list_users(db) if u.name == "Typed New user's name"]
    assert added.role.label == shown["New user's role"][1]


def _check_settings(db: Database, ids: Ids, shown: dict[str, Any]) -> None:
    assert settings.organisation_name(db) == "Typed Organisation name"
    assert consent.privacy_notice_version(db) == "Typed Privacy notice version"
    assert settings.organisation_identifier(db) == "GB-CHC-1234567"
    assert settings.volunteer_hourly_rate(db) == 1
    stored = {
        "Renew DBS checks every": settings.dbs_renewal_years(db),
        "Review after": outcomes.review_weeks(db),
        "Keep records for": retention.retention_years(db),
        "Lock after": settings.auto_lock_minutes(db),
        "Backups to keep": auto_backup.backups_to_keep(db),
    }
    assert stored == {name: int(shown[name].split()[0]) for name in stored}
    assert stored["Backups to keep"] == 11


def _add_user(dialog: UsersDialog) -> None:
    dialog.passphrase.setText("a long enough passphrase for them")  # never kept in a draft
    dialog.add_button.click()


CASES = {
    "session": Case(
        SessionDialog,
        lambda w, ids: w.log_session(),
        lambda form: form.save(),
        _check_session,
        {
            "Attendees": ["Amara", "Newcomer"],
            "Facilitators": ["Priya"],
            "Kind of session": "Drop-in",
            "Start time": "10:30",
            "Session date": WEEK_AGO,
        },
    ),
    "concern": Case(
        ConcernDialog,
        lambda w, ids: w.workspace.open_concern(None),  # type: ignore[union-attr]
        lambda form: form.save(),
        _check_concern,
        {"The person it is about": ["Amara"], "Date raised|Action taken on": WEEK_AGO},
    ),
    "person": Case(
        PersonDialog,
        lambda w, ids: w.workspace.open_person(None),  # type: ignore[union-attr]
        lambda form: form.save(),
        _check_person,
        {
            "Reference": "P-7777",
            "Year of birth": 1980,
            "Postcode district": "BB1",
            "Phone": "07700 900123",
            "Email": "typed@example.org",
        },
    ),
    "volunteer": Case(
        VolunteerDialog,
        lambda w, ids: w.workspace.open_volunteer(None),  # type: ignore[union-attr]
        lambda form: form.save(),
        _check_volunteer,
        {"Phone": "+44 20 7946 0001", "Email": "typed@example.org"},
    ),
    "hours": Case(
        HoursDialog,
        lambda w, ids: w.workspace.record_hours(None),  # type: ignore[union-attr]
        lambda form: form.save(),
        _check_hours,
        {"Hours": 1.25},
    ),
    "outcome": Case(
        OutcomeForm,
        lambda w, ids: _from_person(w, ids, lambda d: d.record_actions.record_measure()),  # type: ignore[union-attr]
        lambda form: form.save_button.click(),
        _check_outcome,
        {r"Item \d+": 3},
    ),
    "erasure": Case(
        ErasePersonDialog,
        lambda w, ids: _from_person(w, ids, lambda d: d.delete()),
        lambda form: form.erase_button.click(),
        _check_erasure,
        {"Type their reference to confirm": "their reference"},
    ),
    "custom measure": Case(
        CustomMeasureDialog,
        lambda w, ids: _from_settings(w, lambda s: s.custom_measures.add_measure()),
        lambda form: form.save(),
        _check_measure,
        {},
    ),
    "item wording": Case(
        ItemWordingDialog,
        lambda w, ids: _from_settings(w, lambda s: s.edit_wording()),
        lambda form: form.save(),
        _check_wording,
        {},
    ),
    "users": Case(
        UsersDialog,
        lambda w, ids: _from_settings(w, lambda s: s.show_users()),
        _add_user,
        _check_user,
        {},
    ),
    "settings": Case(
        SettingsScreen,
        lambda w, ids: _from_settings(w, lambda s: None),
        lambda screen: screen.save(),
        _check_settings,
        {"Value of a volunteer hour": 1.0, "Organisation identifier": "GB-CHC-1234567"},
    ),
}


def _filled_locked_and_unlocked(
    qtbot: QtBot, window: MainWindow, kind: type[QWidget], overrides: dict[str, Any]
) -> tuple[Any, list[tuple[str, str, Any]]]:
    """Fill every input of the open form of `kind`, lock, unlock: the form again, and what
    was filled (each input must come back the same)."""
    form = _open_form(window, kind)
    opened = snapshot(form)
    not_shown = fill_all(qtbot, form, overrides)
    filled = snapshot(form)
    assert filled
    untouched = [f for f in filled if f in opened and f[1] not in not_shown]
    assert untouched == [], "every input shown was given a new value"
    assert window.db is not None
    folder = window.db.folder
    window.lock()
    assert window.db is None
    unlock(qtbot, window, folder)
    again = _open_form(window, kind)
    assert snapshot(again) == filled
    assert window.db is not None and drafts.my_drafts(window.db) == []
    if isinstance(again, QDialog):
        assert again.windowTitle().endswith(DRAFT_NOTE)
    return again, filled


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_every_input_of_the_form_survives_a_lock_and_is_saved(
    case: Case, qtbot: QtBot, window: MainWindow, created: CreatedDatabase, tmp_path: Path
) -> None:
    ids = _unlocked_with_records(qtbot, window, created, tmp_path)
    overrides = {
        name: ids.amara.ref if value == "their reference" else value
        for name, value in case.overrides.items()
    }
    case.open(window, ids)
    again, filled = _filled_locked_and_unlocked(qtbot, window, case.kind, overrides)
    assert window.db is not None
    shown = {name: value for _kind, name, value in filled}
    case.save(again)
    problems = [e.problem for e in again.findChildren(FieldError) if e.problem]
    assert problems == []
    case.check(window.db, ids, shown)


def test_the_choices_for_a_return_survive_a_lock(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase
) -> None:
    created.database.close()
    unlock(qtbot, window, created.database.folder)
    assert window.workspace is not None
    window.go_actions[_section(window, "Returns")].trigger()
    again, _filled = _filled_locked_and_unlocked(qtbot, window, ReturnsScreen, {})
    assert window.workspace is not None
    assert window.workspace.screen_at(window.workspace.current_index) is again


def test_a_session_holding_only_attendees_is_kept(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase, tmp_path: Path
) -> None:
    ids = _unlocked_with_records(qtbot, window, created, tmp_path)
    window.log_session()
    form = _dialog(window)
    qtbot.keyClicks(form.attendees.search_box, "Amara")
    qtbot.keyClick(form.attendees.search_box, Qt.Key.Key_Return)
    window.lock()
    unlock(qtbot, window, created.database.folder)
    again = _dialog(window)
    assert isinstance(again, SessionDialog)
    assert again.attendees.chosen_ids() == [ids.amara.id]
    assert again.attendees.count.text() == "1 attendee"


def test_a_session_with_attendees_open_when_peerlog_locks_is_finished_after_unlocking(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase, tmp_path: Path
) -> None:
    """The journey: attendees typed in, Ctrl+L, unlock, one more attendee, Ctrl+Enter."""
    db = created.database
    other = people.add_person(db, Person("Ben Tran"))
    ids = _unlocked_with_records(qtbot, window, created, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = _dialog(window)
    assert isinstance(form, SessionDialog)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    for typed in ("Amara", "Sunita Rao"):  # someone known, and someone new
        qtbot.keyClicks(form.attendees.search_box, typed)
        qtbot.keyClick(form.attendees.search_box, Qt.Key.Key_Return)
    qtbot.keyClicks(form.venue, "Church hall")

    qtbot.keyClick(form.attendees.search_box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.db is None
    unlock(qtbot, window, db.folder)
    again = _dialog(window)
    assert isinstance(again, SessionDialog)
    assert [c.name for c in again.attendees.choices()] == ["Amara Okafor", "Sunita Rao"]
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    qtbot.keyClicks(again.attendees.search_box, "Ben")
    qtbot.keyClick(again.attendees.search_box, Qt.Key.Key_Return)
    with messages.headless([True]) as asked:  # "Save with no facilitator?" Yes
        qtbot.keyClick(
            again.attendees.search_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        qtbot.waitUntil(lambda: not again.isVisible())
    assert [m.title for m in asked] == ["Save with no facilitator?"]

    assert window.db is not None
    (row,) = sessions.list_sessions(window.db).rows
    detail = sessions.session_detail(window.db, row.id)
    assert sorted(p.known_as for p in detail.attendees) == [
        "Amara Okafor",
        "Ben Tran",
        "Sunita Rao",
    ]
    assert {ids.amara.id, other.id} < set(detail.session.attendee_ids)
    assert detail.session.venue == "Church hall"


def _dialog_classes() -> set[type[QDialog]]:
    found: set[type[QDialog]] = set()
    for module in pkgutil.walk_packages(desktop_app.ui.__path__, "desktop_app.ui."):
        loaded = importlib.import_module(module.name)
        for _name, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__.startswith("desktop_app."):
                found.add(value)
    return found


def test_every_dialog_is_kept_in_a_lock_or_says_why_not() -> None:
    """A new dialog must be added to KEPT_FORMS (kept as a draft when PeerLog locks) or to
    NOT_KEPT with the reason (see ui/shell/draft_forms.py)."""
    kept = {kept.form_type for kept in KEPT_FORMS}
    neither = sorted(
        c.__name__
        for c in _dialog_classes()
        if not any(issubclass(c, k) for k in kept) and c.__name__ not in NOT_KEPT
    )
    assert neither == []


def test_a_choice_comes_back_by_name_when_the_list_changed_while_locked(
    qtbot: QtBot, window: MainWindow, created: CreatedDatabase, tmp_path: Path
) -> None:
    """Hours for Priya; while locked someone adds Aaron, who comes first in the list."""
    ids = _unlocked_with_records(qtbot, window, created, tmp_path)
    assert window.workspace is not None
    window.workspace.record_hours(ids.priya.id)
    form = _dialog(window)
    form.hours.setValue(2.5)
    window.lock()
    other = databases.open_database(created.database.folder, PASSPHRASE)
    try:
        volunteers.add_volunteer(other, Volunteer("Aaron Abbott"))
    finally:
        other.close()
    unlock(qtbot, window, created.database.folder)
    again = _dialog(window)
    assert isinstance(again, HoursDialog)
    assert again.volunteer.currentData() == ids.priya.id
    assert again.hours.value() == 2.5
