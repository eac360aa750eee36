"""Open every screen and every dialog of PeerLog and report what does not fit the screen.

Run in a process of its own (the screen and scale are fixed when Qt starts):

    QT_SCALE_FACTOR=1.5 QT_QPA_PLATFORM=offscreen:configfile=screen.json \
        python -m tests.ui.screen_fit.fit_check OUT.json

It writes a JSON object: "checked" (every window looked at) and "problems" (what is off the
screen, cut or squashed). Dialogs are found generically: every QDialog subclass in
desktop_app.ui must have a way to open it in `DIALOGS`, so a new dialog cannot go unchecked.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
    QWizard,
)

import desktop_app.ui
from desktop_app.domain.sync.report import HeldBatch, LaptopChanges, SyncReport
from desktop_app.services import people, sessions, volunteers
from desktop_app.services.demo.builder import create_demo_database
from desktop_app.services.demo.identity import DEMO_PASSPHRASE
from desktop_app.store.database import Database
from desktop_app.ui.common import messages, worker
from desktop_app.ui.shell.app import make_application
from desktop_app.ui.shell.main_window import MainWindow, sections

WAIT_S = 20.0


def wait_until(condition: Callable[[], object], seconds: float = WAIT_S) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("PeerLog did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()
        time.sleep(0.01)


def _inside_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def window_problems(window: QWidget, name: str) -> list[str]:
    """What a person could not see or reach in `window` as shown."""
    problems = []
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    if not screen.contains(frame):
        problems.append(
            f"{name}: the window ({frame.width()}×{frame.height()} at {frame.x()},{frame.y()}) "
            f"is not within the screen ({screen.width()}×{screen.height()})"
        )
    inside = QRect(QPoint(0, 0), window.size())
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        scrolls = _inside_scroll_area(widget, window)  # then reached by scrolling
        if isinstance(widget, QAbstractButton):
            where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            shown = widget.visibleRegion().boundingRect()
            if not scrolls and (not inside.contains(where) or shown.size() != widget.size()):
                problems.append(f"{name}: the button {widget.text()!r} is cut or off the window")
            if isinstance(widget, QPushButton) and widget.width() < widget.sizeHint().width():
                problems.append(f"{name}: the button {widget.text()!r} is too narrow for its text")
        elif isinstance(widget, QAbstractSpinBox | QComboBox):
            if widget.width() < widget.minimumSizeHint().width():
                label = widget.accessibleName() or type(widget).__name__
                problems.append(f"{name}: {label!r} is too narrow to show its value")
        elif (
            isinstance(widget, QLineEdit)
            and not widget.isReadOnly()
            and not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)
        ):
            if widget.width() < widget.fontMetrics().averageCharWidth() * 8:
                label = widget.accessibleName() or widget.placeholderText()
                problems.append(f"{name}: the box {label!r} is squashed to {widget.width()} px")
        elif isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            inner = widget.widget()  # a whole window's fields: a person must scroll sideways
            problems.append(
                f"{name}: scrolls sideways ({type(inner).__name__} needs "
                f"{inner.minimumSizeHint().width()} px, has {widget.viewport().width()})"
            )
    return problems


@dataclass
class Context:
    window: MainWindow
    db: Database
    folder: Path
    files: Path

    @property
    def parent(self) -> QWidget:
        assert self.window.workspace is not None
        return self.window.workspace


def _first_person(ctx: Context) -> tuple[str, str, str]:
    row = people.list_people(ctx.db).rows[0]
    person = people.get_person(ctx.db, row.id)
    return person.id, person.known_as, person.ref


def _spreadsheet(ctx: Context) -> Path:
    path = ctx.files / "members.csv"
    path.write_text("Name,Gender,Postcode\nAlex Example,Woman,AB1 2CD\n", encoding="utf-8")
    return path


def _busy_sync() -> SyncReport:
    """A sync that brought in everything a report can show."""
    counts = {"people": 12, "sessions": 3, "attendance ticks": 41, "outcome scores": 7}
    return SyncReport(
        sent=5,
        received=(
            LaptopChanges("a", "Lead's laptop at the Riverside venue", counts, counts, counts),
            LaptopChanges("b", "Drop-in laptop", {"people": 1}),
        ),
        new_conflicts=2,
        skipped=(
            "A change file from Drop-in laptop is not complete yet (the sync service may still "
            "be copying it). It will be tried again next time.",
        ),
        held=(HeldBatch("b", "Drop-in laptop", 4, 120, 300),),
    )


def _dialogs() -> dict[str, list[Callable[[Context], QDialog]]]:
    """How to open each dialog class (by class name), one or more ways."""
    from desktop_app.domain.case_studies import CaseStudy
    from desktop_app.services.referrals.records import list_referrals
    from desktop_app.services.safeguarding import list_concerns
    from desktop_app.services.story import person_story
    from desktop_app.ui.alliance.combine_dialog import CombineDialog, TemplateQuestions
    from desktop_app.ui.case_studies.case_study_dialog import CaseStudyDialog
    from desktop_app.ui.case_studies.person_case_studies import PersonCaseStudies
    from desktop_app.ui.importing.export_all_dialog import ExportAllDialog
    from desktop_app.ui.importing.import_dialog import ImportDialog
    from desktop_app.ui.importing.mapping_dialog import MappingDialog
    from desktop_app.ui.outcomes.outcome_form import OutcomeForm
    from desktop_app.ui.outcomes.person_outcomes import PersonOutcomes
    from desktop_app.ui.people.erase_dialog import ErasePersonDialog
    from desktop_app.ui.people.person_dialog import PersonDialog
    from desktop_app.ui.referrals.feedback_dialog import FeedbackDialog
    from desktop_app.ui.referrals.referral_dialog import ReferralDialog
    from desktop_app.ui.returns.case_study_picker import RedactionPreview
    from desktop_app.ui.safeguarding.concern_dialog import ConcernDialog
    from desktop_app.ui.sessions.register_dialog import RegisterDialog
    from desktop_app.ui.sessions.session_dialog import SessionDialog
    from desktop_app.ui.settings.settings_dialogs import (
        AuditDialog,
        ChangePassphraseDialog,
        CustomMeasureDialog,
        ItemWordingDialog,
        RecoveryCodeDialog,
    )
    from desktop_app.ui.settings.users_dialog import UsersDialog
    from desktop_app.ui.shell.about_dialog import AboutDialog
    from desktop_app.ui.shell.crash_dialog import CrashDialog
    from desktop_app.ui.shell.find_window import FindWindow
    from desktop_app.ui.shell.help_window import HelpWindow
    from desktop_app.ui.shell.recently_deleted_window import RecentlyDeletedWindow
    from desktop_app.ui.start.first_run_wizard import FirstRunWizard
    from desktop_app.ui.start.recovery_dialog import RecoveryDialog
    from desktop_app.ui.start.restore_dialog import RestoreDialog
    from desktop_app.ui.story.story_window import StoryWindow
    from desktop_app.ui.sync.report_dialog import SyncReportDialog
    from desktop_app.ui.sync.review_dialog import ChangesToCheckDialog
    from desktop_app.ui.volunteers.hours_dialog import HoursDialog
    from desktop_app.ui.volunteers.volunteer_dialog import VolunteerDialog

    def session_id(ctx: Context) -> str:
        return str(sessions.list_sessions(ctx.db).rows[0].id)

    def volunteer_id(ctx: Context) -> str:
        return volunteers.list_volunteers(ctx.db)[0].id

    story = CaseStudy(
        person_id="", written_on=date.today(), title="A story", text="It helped. " * 80
    )
    return {
        "SessionDialog": [
            lambda c: SessionDialog(c.db, None, c.parent),
            lambda c: SessionDialog(c.db, session_id(c), c.parent),
        ],
        "PersonDialog": [
            lambda c: PersonDialog(c.db, None, c.parent),
            lambda c: PersonDialog(c.db, _first_person(c)[0], c.parent),
        ],
        "VolunteerDialog": [
            lambda c: VolunteerDialog(c.db, None, c.parent),
            lambda c: VolunteerDialog(c.db, volunteer_id(c), c.parent),
        ],
        "HoursDialog": [lambda c: HoursDialog(c.db, None, c.parent)],
        "OutcomeForm": [lambda c: OutcomeForm(c.db, _first_person(c)[0], c.parent)],
        "PersonOutcomes": [
            lambda c: PersonOutcomes(c.db, _first_person(c)[0], _first_person(c)[1], c.parent)
        ],
        "ErasePersonDialog": [lambda c: ErasePersonDialog(c.db, *_first_person(c), c.parent)],
        "ItemWordingDialog": [lambda c: ItemWordingDialog(c.db, c.parent)],
        "CustomMeasureDialog": [lambda c: CustomMeasureDialog(c.db, c.parent)],
        "ChangePassphraseDialog": [lambda c: ChangePassphraseDialog(c.db, c.parent)],
        "RecoveryCodeDialog": [
            lambda c: RecoveryCodeDialog("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ", c.parent)
        ],
        "AuditDialog": [lambda c: AuditDialog(c.db, c.parent)],
        "UsersDialog": [lambda c: UsersDialog(c.db, c.parent)],
        "ImportDialog": [lambda c: ImportDialog(c.db, c.window)],
        "MappingDialog": [lambda c: MappingDialog(c.db, _spreadsheet(c), c.window)],
        "ExportAllDialog": [lambda c: ExportAllDialog(c.db, c.window)],
        "RedactionPreview": [lambda c: RedactionPreview(story, c.parent)],
        "AboutDialog": [lambda c: AboutDialog(c.window)],
        "CrashDialog": [lambda c: CrashDialog("Traceback (most recent call last):\n" * 30)],
        "FirstRunWizard": [lambda c: FirstRunWizard(c.window.start)],
        "RecoveryDialog": [lambda c: RecoveryDialog(c.folder, c.window.start)],
        "CaseStudyDialog": [lambda c: CaseStudyDialog(c.db, _first_person(c)[0], None, c.parent)],
        "PersonCaseStudies": [
            lambda c: PersonCaseStudies(c.db, _first_person(c)[0], _first_person(c)[1], c.parent)
        ],
        "FindWindow": [lambda c: FindWindow(c.db, lambda _found: None, c.parent)],
        "HelpWindow": [lambda c: HelpWindow()],
        "RegisterDialog": [lambda c: RegisterDialog(c.db, c.window.workspace, c.parent)],
        "RecentlyDeletedWindow": [lambda c: RecentlyDeletedWindow(c.db, print, c.parent)],
        "StoryWindow": [
            lambda c: StoryWindow(
                _first_person(c)[1],
                lambda: person_story(c.db, _first_person(c)[0]),
                {},
                (),
                c.parent,
            )
        ],
        "CombineDialog": [lambda c: CombineDialog(c.window)],
        "TemplateQuestions": [lambda c: TemplateQuestions(c.window)],
        "ReferralDialog": [lambda c: ReferralDialog(c.db, None, c.parent)],
        "ConcernDialog": [
            lambda c: ConcernDialog(c.db, None, c.parent, session_id=session_id(c)),
            lambda c: ConcernDialog(c.db, list_concerns(c.db).rows[0].concern.id, c.parent),
        ],
        "FeedbackDialog": [
            lambda c: FeedbackDialog(
                c.db,
                next(
                    r.progress.referral.id
                    for r in list_referrals(c.db, open_only=False).rows
                    if r.progress.referral.consent_to_feedback
                ),
                c.parent,
            )
        ],
        "TaskDialog": [lambda c: ImportDialog(c.db, c.window)],  # the base of import and export
        "SyncReportDialog": [lambda c: SyncReportDialog(c.db, _busy_sync(), None, c.parent)],
        "ChangesToCheckDialog": [lambda c: ChangesToCheckDialog(c.db, c.parent)],
        "RestoreDialog": [
            lambda c: RestoreDialog(c.files / "missing.peerlog-backup", c.folder, c.window.start)
        ],
    }


def dialog_classes() -> set[str]:
    """Every QDialog subclass defined in PeerLog's user interface."""
    for module in pkgutil.walk_packages(desktop_app.ui.__path__, "desktop_app.ui."):
        importlib.import_module(module.name)
    found: set[str] = set()
    pending: list[type] = [QDialog]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            shared = ".common." in sub.__module__ or ".forms." in sub.__module__  # base classes
            if sub.__module__.startswith("desktop_app.ui.") and not shared:
                found.add(sub.__name__)
    return found


def check_dialog(dialog: QDialog, name: str) -> list[str]:
    dialog.show()
    settle()
    problems = window_problems(dialog, name)
    if isinstance(dialog, QWizard):  # every page, as Next shows them
        page = 1
        while (
            dialog.currentId() != -1
            and not dialog.button(QWizard.WizardButton.FinishButton).isVisible()
        ):
            before = dialog.currentId()
            dialog.next()
            settle()
            if dialog.currentId() == before:
                break  # a page waiting for input: the rest is checked by the first-run test
            page += 1
            problems += window_problems(dialog, f"{name}, page {page}")
    dialog.hide()
    dialog.deleteLater()
    settle()
    return problems


def _home_tabs(window: MainWindow, checked: list[str]) -> list[str]:
    """Home's two tabs (needs attention; the last twelve months as charts and as a table) each
    fit without Home scrolling."""
    from desktop_app.ui.home.home_screen import ATTENTION_TAB, MONTHS_TAB, HomeScreen

    window.go_to(0)
    assert window.workspace is not None
    home = window.workspace.findChild(HomeScreen)
    assert home is not None
    problems = []
    for shown, tab, as_table in [
        ("needs attention", ATTENTION_TAB, False),
        ("last 12 months as charts", MONTHS_TAB, False),
        ("last 12 months as a table", MONTHS_TAB, True),
    ]:
        home.tabs.setCurrentIndex(tab)
        home.charts.table_box.setChecked(as_table)
        settle()
        name = f"Home screen, {shown}"
        checked.append(name)
        problems += window_problems(window, name)
        scroll = home.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        if isinstance(scroll, QScrollArea) and scroll.verticalScrollBar().isVisible():
            problems.append(f"{name}: Home scrolls up and down")
    home.charts.table_box.setChecked(False)
    home.tabs.setCurrentIndex(ATTENTION_TAB)
    return problems


def run(out: Path) -> None:
    app = make_application()
    files = Path(tempfile.mkdtemp(prefix="peerlog-fit-"))
    folder = files / "Fit check.peerlog"
    create_demo_database(folder, "small", 1).database.close()
    checked: list[str] = []
    problems: list[str] = []
    with messages.headless():
        window = MainWindow()
        window.show()
        settle()
        checked.append("start screen (welcome)")
        problems += window_problems(window, "start screen (welcome)")
        window.open_folder(folder)
        settle()
        checked.append("start screen (unlock)")
        problems += window_problems(window, "start screen (unlock)")
        field = window.start.unlock_panel.passphrase
        field.setText(DEMO_PASSPHRASE)
        window.start.unlock_panel.unlock()
        wait_until(lambda: window.db is not None)
        assert window.db is not None and window.workspace is not None
        for index, section in enumerate(sections()):
            window.go_to(index)
            settle()
            name = f"{section.title} screen"
            checked.append(name)
            problems += window_problems(window, name)
        problems += _home_tabs(window, checked)
        ctx = Context(window, window.db, folder, files)
        known = _dialogs()
        for missing in sorted(dialog_classes() - set(known)):
            problems.append(
                f"{missing}: no way to open it in tests/ui/screen_fit/fit_check.py (_dialogs): "
                "add one so its fit is checked"
            )
        for name, openers in known.items():
            for number, opener in enumerate(openers, 1):
                label = name if len(openers) == 1 else f"{name} ({number})"
                checked.append(label)
                problems += check_dialog(opener(ctx), label)
        worker.wait_for_tasks()
        window.close()
    app.processEvents()
    out.write_text(json.dumps({"checked": checked, "problems": problems}, indent=1))


if __name__ == "__main__":
    os.environ.setdefault("PEERLOG_FAST_KDF", "1")
    run(Path(sys.argv[1]))
