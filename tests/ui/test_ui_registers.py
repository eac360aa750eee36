"""Registers on paper: the regulars of a group, the PDF read back, and a session logged from the
names ticked, read back from the database."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.people import Person
from desktop_app.domain.registers import next_meeting
from desktop_app.domain.sessions import Session
from desktop_app.domain.volunteers import Volunteer
from desktop_app.services import people, registers, sessions, volunteers
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.ui.sessions.register_dialog import RegisterDialog
from desktop_app.ui.sessions.session_dialog import SessionDialog
from desktop_app.ui.sessions.sessions_screen import SessionsScreen
from desktop_app.ui.shell.main_window import MainWindow
from tests.returns.return_readback import pdf_text
from tests.ui.conftest import FileDialogAnswers, unlock

TODAY = date.today()
HALL = "Riverside Hall"


def _group(db: Database) -> dict[str, str]:
    """A weekly group at the Hall: Ada and Ben came lately, Cy only long ago, Dee is archived,
    Eve came to a different group; Robin facilitates."""
    made = {
        name: people.add_person(db, Person(known_as=name)).id
        for name in ("Ada", "Ben", "Cy", "Dee", "Eve")
    }
    robin = volunteers.add_volunteer(db, Volunteer(name="Robin")).id
    made["Robin"] = robin

    def log(days_ago: int, who: tuple[str, ...], venue: str = HALL, kind: str = "group") -> None:
        sessions.log_session(
            db,
            Session(
                held_on=TODAY - timedelta(days=days_ago),
                kind=kind,
                venue=venue,
                facilitator_ids=(robin,),
                attendee_ids=tuple(made[n] for n in who),
            ),
        )

    log(120, ("Cy", "Ada"))
    log(14, ("Ada", "Dee"))
    log(7, ("Ben", "Ada"))
    log(3, ("Eve",), venue="Library")
    people.archive_person(db, made["Dee"])
    return made


def test_the_register_lists_the_groups_regulars(db: Database, tmp_path: Path) -> None:
    made = _group(db)
    held_on = next_meeting(registers.last_held_on(db, "group", HALL), TODAY)
    assert held_on == TODAY  # a week after the last one, which was a week ago
    register = registers.register_for(db, "group", "riverside hall", held_on)
    assert [p.known_as for p in register.regulars] == ["Ada", "Ben"]  # not Cy, Dee or Eve
    assert [p.id for p in register.regulars] == [made["Ada"], made["Ben"]]
    assert register.facilitators == ("Robin",)

    out = tmp_path / "register.pdf"
    registers.write_register_pdf(register, out)
    text = pdf_text(out)
    assert "Register: Group peer support, riverside hall" in text
    assert "Ada" in text and "Ben" in text and "Cy" not in text
    assert "Robin" in text and "personal data" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".*partial"))


def test_a_session_logged_from_the_ticks_on_the_register(
    qtbot: QtBot,
    window: MainWindow,
    created: CreatedDatabase,
    file_answers: FileDialogAnswers,
    tmp_path: Path,
) -> None:
    made = _group(created.database)
    folder = created.database.folder
    created.database.close()
    unlock(qtbot, window, folder)
    assert window.workspace is not None
    window.workspace.show_section(1)
    screen = window.workspace.screen_at(1)
    assert isinstance(screen, SessionsScreen)
    screen.print_register()
    (dialog,) = screen.findChildren(RegisterDialog)
    dialog.venue.setCurrentText(HALL)
    assert dialog.expected.count() == 2
    assert "Robin" in dialog.summary.text()

    file_answers.answers.append(tmp_path / "hall")
    dialog.save_pdf.click()
    assert "Ada" in pdf_text(tmp_path / "hall.pdf")

    ada = dialog.expected.item(0)
    assert ada.text().startswith("Ada")
    ada.setCheckState(Qt.CheckState.Checked)  # Ben did not come this week
    dialog.log_button.click()
    assert not dialog.isVisible()
    (form,) = window.workspace.open_dialogs()
    assert isinstance(form, SessionDialog)
    assert form.attendees.chosen_ids() == [made["Ada"]]
    assert form.venue.currentText() == HALL
    assert form.facilitators.chosen_ids() == [made["Robin"]]
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not form.isVisible())

    db = window.db
    assert db is not None
    (stored,) = sessions.list_sessions(db).rows[:1]
    session = sessions.get_session(db, stored.id)
    assert session.held_on == TODAY and session.venue == HALL and session.kind == "group"
    assert session.attendee_ids == (made["Ada"],)
