"""Home: this month at a glance, and the things that need attention (each opens with Enter)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.outcomes.change import ReviewDue
from desktop_app.domain.overview import Attention, PeriodFigures
from desktop_app.domain.people import PersonSummary
from desktop_app.domain.problems import long_date
from desktop_app.domain.renewals import ATTENTION_WINDOW_DAYS
from desktop_app.domain.vocabularies import SESSION_KIND
from desktop_app.domain.volunteers import describe_due
from desktop_app.services import home, outcomes, people
from desktop_app.services.outcomes import short_measure_names
from desktop_app.services.protection.home_summary import ProtectionAttention, protection_attention
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common.latest_reads import LatestReads
from desktop_app.ui.common.list_out import ListSource, list_out_button
from desktop_app.ui.common.paged_table_model import Column
from desktop_app.ui.common.text_styles import heading, note, scaled_font
from desktop_app.ui.common.value_text import hours_text, short_date
from desktop_app.ui.home.protection_panel import ProtectionPanel
from desktop_app.ui.referrals.referral_text import waited_text
from desktop_app.ui.shell.record_opener import RecordOpener
from desktop_app.ui.shell.workspace import ShowsRecords

ACTION_ROLE = Qt.ItemDataRole.UserRole  # an index into HomeScreen._actions


@dataclass(frozen=True)
class SlowChecks:
    due: list[ReviewDue]
    summaries: Sequence[PersonSummary]
    protection: ProtectionAttention


# Home is a to-do list, not a report: a long list is cut short with a count of the rest.
LONGEST_LIST = 20


class FigureTile(QFrame):
    """One number with what it counts underneath."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = caption
        self.number = QLabel("0")
        self.number.setFont(scaled_font(self.font(), 2.2, bold=True))
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label = QLabel(caption)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(label)

    def set_value(self, text: str) -> None:
        self.number.setText(text)
        self.setAccessibleName(f"{self.caption}: {text}")


class HomeScreen(QWidget):
    def __init__(self, db: Database, opener: RecordOpener, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.opener = opener
        self.title = heading("")
        self.period = note("")
        self.tiles = {
            "sessions": FigureTile("sessions"),
            "attendances": FigureTile("attendances (including people without a record)"),
            "people": FigureTile("different people came"),
            "hours": FigureTile("volunteer hours"),
        }
        self.attention = QListWidget()
        self.attention.setAccessibleName("Things that need attention")
        self.attention.itemActivated.connect(self._open_item)
        # What Enter on each line does. Kept here, with only its index on the item: PySide6
        # mishandles None stored in item data (reading it back often enough crashed the app).
        self._actions: list[Callable[[], None] | None] = []
        self._slow_reads = LatestReads(self)  # the slow checks, on a worker
        log_button = QPushButton("&Log a session… (Ctrl+N)")
        log_button.setToolTip("Log a session (Ctrl+N, from anywhere)")
        log_button.clicked.connect(lambda: opener.open_session(None))
        self.protection = ProtectionPanel(db)
        self.protection.changed.connect(self._protection_changed)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(log_button)
        top.addWidget(list_out_button(self, db, self.list_source))
        grid = QGridLayout()
        for column, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0, column)
        attention_label = heading("Needs &attention", 2)
        attention_label.setBuddy(self.attention)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(heading("This month", 2))
        layout.addWidget(self.period)
        layout.addLayout(grid)
        layout.addSpacing(self.fontMetrics().lineSpacing())
        layout.addWidget(self.protection)
        layout.addWidget(attention_label)
        layout.addWidget(
            note(
                f"DBS checks and training running out within {ATTENTION_WINDOW_DAYS} days, "
                "people with no consent recorded, people due a wellbeing review, referrals "
                "waiting too long for an answer, and safeguarding concerns not yet resolved. "
                "Select one and press Enter to open it."
            )
        )
        layout.addWidget(self.attention, 1)
        self.setFocusProxy(self.attention)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """The month's figures and quick reminders at once; reviews due and records past their
        retention period follow from a worker (they read every outcome and attendance, seconds
        on ten years of records)."""
        self.title.setText(self.db.setting("organisation_name", "") or "Home")
        self.show_figures(home.month_figures(self.db))
        self.show_attention(home.attention(self.db))
        db = self.db

        def slow_checks() -> SlowChecks:
            due = outcomes.people_due_review(db)
            shown = list(dict.fromkeys(review.person_id for review in due))[:LONGEST_LIST]
            summaries = people.people_summaries(db, shown)
            return SlowChecks(due, summaries, protection_attention(db))

        def show(checks: SlowChecks) -> None:
            if self.db.is_open:  # not an answer arriving after Lock
                self._show_slow_checks(checks)

        self._slow_reads.forget()  # an older refresh's answer, or failure, is out of date
        self._slow_reads.start("slow checks", slow_checks, show, self._slow_checks_failed)

    @property
    def checking(self) -> bool:
        """Whether the slow checks are still running on a worker."""
        return self._slow_reads.busy

    def _show_slow_checks(self, checks: SlowChecks) -> None:
        self.show_reviews_due(checks.due, checks.summaries)
        past = self.protection.show_state(checks.protection).past_retention
        for person in past[:LONGEST_LIST]:
            self._add_item(
                f"Past the retention period: {person.known_as} ({person.ref}), last contact "
                f"{long_date(person.last_contact)}",
                partial(self.opener.open_person, person.person_id),
            )
        if len(past) > LONGEST_LIST:
            self._add(f"…and {len(past) - LONGEST_LIST:,} more people past the retention period")

    def _slow_checks_failed(self, error: StoreError) -> None:
        self._add(f"PeerLog could not check for reviews due: {error}")

    def _protection_changed(self) -> None:
        opener = self.opener
        if isinstance(opener, ShowsRecords):
            opener.records_changed()
        else:
            self.refresh()

    def show_reviews_due(self, due: list[ReviewDue], summaries: Sequence[PersonSummary]) -> None:
        """People whose baseline is older than the review interval, with no review since: one
        line a person, however many measures are due."""
        if not due:
            return
        names = short_measure_names(self.db)
        by_person: dict[str, list[ReviewDue]] = {}
        for review in due:
            by_person.setdefault(review.person_id, []).append(review)
        for person in summaries:
            reviews = by_person[person.id]
            measures = ", ".join(names.get(r.measure_code, r.measure_code) for r in reviews)
            weeks = max(r.weeks_since for r in reviews)
            self._add_item(
                f"Wellbeing review due for {person.known_as} ({person.ref}): {measures} "
                f"(baseline {weeks} weeks ago)",
                partial(self.opener.open_person, person.id),
            )
        if len(by_person) > LONGEST_LIST:
            self._add(f"…and {len(by_person) - LONGEST_LIST:,} more people due a review")

    def _add_item(self, text: str, action: Callable[[], None]) -> None:
        """Add to the list, replacing "Nothing needs attention" if that is all it shows."""
        if self.attention.count() == 1 and self._action_of(self.attention.item(0)) is None:
            self._clear()
        self._add(text, action)
        if self.attention.currentRow() < 0:
            self.attention.setCurrentRow(0)

    def records_changed(self) -> None:
        self.refresh()

    def list_source(self) -> ListSource:
        """What needs attention, line by line as shown (a long kind is cut short with a count
        of the rest, as on screen)."""
        lines = [self.attention.item(row).text() for row in range(self.attention.count())]
        column: Column[str] = Column("Needs attention", lambda line: line, width=100)
        return ListSource(
            "Needs attention",
            (),
            (column,),
            lambda offset, limit: (lines[offset : offset + limit], len(lines)),
        )

    def show_figures(self, figures: PeriodFigures) -> None:
        self.period.setText(f"{long_date(figures.start)} to {long_date(figures.end)}")
        self.tiles["sessions"].set_value(f"{figures.sessions:,}")
        self.tiles["attendances"].set_value(f"{figures.attendances:,}")
        self.tiles["people"].set_value(f"{figures.people:,}")
        self.tiles["hours"].set_value(hours_text(figures.volunteer_hours))

    def show_attention(self, attention: Attention) -> None:
        self._clear()
        if attention.is_empty:
            self._add("Nothing needs attention at the moment.")
            return
        today = date.today()
        for concern in attention.open_concerns:
            kind = SESSION_KIND.label(concern.kind)
            where = f" at {concern.venue}" if concern.venue else ""
            self._add(
                f"Safeguarding concern not yet resolved: {kind}, {short_date(concern.held_on)}"
                f"{where}",
                partial(self.opener.open_session, concern.session_id),
            )
        for referral in attention.overdue_referrals:
            self._add(
                f"Referral of {referral.person_name} ({referral.person_ref}) not answered: "
                f"{waited_text(referral.progress, today).lower()}",
                partial(self.opener.open_referral, referral.progress.referral.id),
            )
        for dbs in attention.dbs_due:
            self._add(
                f"DBS check for {dbs.name}: renewal {describe_due(dbs.due_on, today)}",
                partial(self.opener.open_volunteer, dbs.volunteer_id),
            )
        for training in attention.training_due:
            ran_out = training.expires_on < today
            expiry = f"{'ran' if ran_out else 'runs'} out on {long_date(training.expires_on)}"
            self._add(
                f"Training for {training.name}: {training.course} {expiry}",
                partial(self.opener.open_volunteer, training.volunteer_id),
            )
        for person in attention.people_without_consent:
            self._add(
                f"No consent recorded for {person.known_as} ({person.ref})",
                partial(self.opener.open_person, person.id),
            )
        more = attention.people_without_consent_total - len(attention.people_without_consent)
        if more > 0:
            self._add(f"…and {more:,} more people with no consent recorded")
        self.attention.setCurrentRow(0)

    def _clear(self) -> None:
        self.attention.clear()
        self._actions.clear()

    def _add(self, text: str, action: Callable[[], None] | None = None) -> None:
        item = QListWidgetItem(text)
        item.setData(ACTION_ROLE, len(self._actions))
        self._actions.append(action)
        self.attention.addItem(item)

    def _action_of(self, item: QListWidgetItem) -> Callable[[], None] | None:
        index = item.data(ACTION_ROLE)
        return self._actions[index] if isinstance(index, int) else None

    @Slot(QListWidgetItem)
    def _open_item(self, item: QListWidgetItem) -> None:
        action = self._action_of(item)
        if action is not None:
            action()
