"""Log a session (Ctrl+N), or open one to change or delete it.

Made for the weekly group: the date is today, kind, venue, time and facilitators start as they
were at the last session of that kind, attendees are added by typing part of a name and
pressing Enter, and Ctrl+Enter saves. Problems are shown beside the fields they are about.
A facilitator nobody has entered yet (as on a new database) is added by name, as a new
volunteer, in the same save; a group or one-to-one session with no facilitator is saved only
after a warning.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.people import Person
from desktop_app.domain.problems import long_date
from desktop_app.domain.sessions import (
    LARGEST_HEADCOUNT,
    LONGEST_SESSION_MINUTES,
    OnwardReferral,
    Session,
    facilitator_missing,
    validate_session,
)
from desktop_app.domain.vocabularies import DELIVERY_MODE, SESSION_KIND
from desktop_app.domain.volunteers import MAX_HOURS_A_DAY, Volunteer, exact_hours
from desktop_app.services import safeguarding, sessions
from desktop_app.store.database import Database
from desktop_app.ui.common import messages
from desktop_app.ui.common.value_text import clock_time
from desktop_app.ui.forms.date_fields import DateBox
from desktop_app.ui.forms.dialog_parts import show_child
from desktop_app.ui.forms.form_rows import add_row
from desktop_app.ui.forms.record_dialog import RecordDialog, plain_button
from desktop_app.ui.forms.record_picker import Choice, RecordPicker
from desktop_app.ui.forms.vocabulary_combo import VocabularyCombo
from desktop_app.ui.outcomes.outcome_form import OutcomeForm
from desktop_app.ui.safeguarding.concern_dialog import ConcernDialog
from desktop_app.ui.sessions.session_choices import (
    facilitator_search,
    parse_start_time,
    people_search,
    person_choices,
    volunteer_choices,
)
from desktop_app.ui.shell.record_opener import opener_above


class SessionDialog(RecordDialog):
    def __init__(
        self, db: Database, session_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("session", session_id is not None, parent)
        self.db = db
        self.existing: Session | None = None
        self.setWindowTitle("Change a session" if session_id else "Log a session")
        self._build_fields(editing=session_id is not None)
        self._build_layout()
        if session_id is None:
            self._apply_defaults()
            self.kind.currentIndexChanged.connect(self._apply_defaults)
            self.attendees.setFocus()
        else:
            self._load(session_id)
            self.date.setFocus()
        self.size_for(150, 40)

    # Building ------------------------------------------------------------------------------

    def _build_fields(self, editing: bool) -> None:
        e = self.errors
        self.date = DateBox("Session date")
        self.date_error = e.label("held_on", "the date")
        self.kind = VocabularyCombo(SESSION_KIND, "Kind of session")
        self.kind_error = e.label("kind", "the kind of session")
        self.mode = VocabularyCombo(DELIVERY_MODE, "How it was held")
        self.mode_error = e.label("mode", "how it was held")
        self.start_time = QLineEdit()
        self.start_time.setAccessibleName("Start time")
        self.start_time.setPlaceholderText("For example 10:30 (optional)")
        self.start_error = e.label("starts_at", "the start time")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, LONGEST_SESSION_MINUTES)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(" minutes")
        self.minutes.setAccessibleName("Length in minutes")
        self.minutes_error = e.label("minutes", "the length")
        self.venue = QComboBox()
        self.venue.setEditable(True)
        self.venue.addItems(["", *sessions.venues(self.db)])
        self.venue.setAccessibleName("Venue")
        self.venue_error = e.label("venue", "the venue")
        self.facilitators = RecordPicker(
            "facilitators", facilitator_search(self.db), new_label="volunteer"
        )
        self.facilitators.chosen.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.facilitators_error = e.label(
            "facilitator_ids", "the facilitators", also=("new_facilitators.name",)
        )
        self.record_hours = QCheckBox("Record their time as volunteer &hours:")
        self.record_hours.setAccessibleName("Record facilitators' time as volunteer hours")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.25, MAX_HOURS_A_DAY)
        self.hours.setSingleStep(0.25)
        self.hours.setSuffix(" hours each")
        self.hours.setAccessibleName("Hours for each facilitator")
        self.hours_error = e.label("facilitator_hours", "the facilitators' hours")
        self.record_hours.setVisible(not editing)
        self.hours.setVisible(not editing)
        self.record_hours.toggled.connect(self.hours.setEnabled)
        self.hours.setEnabled(False)
        self.minutes.valueChanged.connect(lambda m: self.hours.setValue(round(m / 60 * 4) / 4))
        self.minutes.setValue(Session(held_on=date.today(), kind="group").minutes)

        self.attendees = RecordPicker("attendees", people_search(self.db), new_label="person")
        self.attendees_error = e.label(
            "attendee_ids", "the attendees", also=("new_people.known_as", "new_people.ref")
        )
        self.same_as_last = plain_button("Same people as &last time")
        self.same_as_last.setAccessibleName("Add the people who came last time")
        self.same_as_last.clicked.connect(self.add_last_attendees)
        self.same_as_last.setVisible(not editing)
        self.measure_button = plain_button("Record a &measure for the selected attendee…")
        self.measure_button.setToolTip("A wellbeing form for the attendee chosen in the list")
        self.measure_button.clicked.connect(self.record_measure)
        self.measure_button.setVisible(editing)
        self.headcount = QSpinBox()
        self.headcount.setToolTip(
            "People who came but whom you do not record by name (at a drop-in, say). They count "
            "in attendances, not as people."
        )
        self.headcount.setRange(0, LARGEST_HEADCOUNT)
        self.headcount.setAccessibleName("People who came without a record")
        self.headcount_error = e.label("anonymous_headcount", "the headcount")

        self.topics = QLineEdit()
        self.topics.setAccessibleName("Topics")
        self.topics.setPlaceholderText("Separate topics with commas")
        self.topics_error = e.label("topics", "the topics")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.notes_error = e.label("notes", "the notes")
        self.referrals = QLineEdit()
        self.referrals.setAccessibleName("Referred on to")
        self.referrals.setPlaceholderText("Services people were referred to, separated by commas")
        self.referrals_error = e.label("onward_referrals", "the referrals")
        self.raise_concern_button = plain_button(
            "Raise a safeguarding &concern…"
            if editing
            else "Save the session and raise a safeguarding &concern…"
        )
        self.raise_concern_button.setToolTip(
            "Record a concern about this session, or someone at it, in the safeguarding log"
        )
        self.raise_concern_button.clicked.connect(self.raise_concern)
        self.concerns_note = QLabel()
        self.concerns_note.setWordWrap(True)
        self.concerns_note.setAccessibleName("Safeguarding concerns about this session")
        self._raise_after_saving = False

    def _build_layout(self) -> None:
        left = QFormLayout()
        add_row(left, "&Date:", self.date, self.date_error)
        add_row(left, "&Kind:", self.kind, self.kind_error)
        add_row(left, "&In person, phone or online:", self.mode, self.mode_error)
        add_row(left, "Start &time:", self.start_time, self.start_error)
        add_row(left, "Len&gth:", self.minutes, self.minutes_error)
        add_row(left, "&Venue:", self.venue, self.venue_error)
        hours_row = QHBoxLayout()
        hours_row.addWidget(self.record_hours)
        hours_row.addWidget(self.hours, 1)
        add_row(left, "&Facilitators:", self.facilitators, self.facilitators_error, hours_row)
        left.addRow("", self.hours_error)

        attendees_label = QLabel("&Attendees: type part of a name or reference, then Enter")
        attendees_label.setWordWrap(True)  # never wider than the column
        attendees_label.setBuddy(self.attendees.search_box)
        headcount = QFormLayout()
        add_row(headcount, "Came &without a record:", self.headcount, self.headcount_error)
        right = QVBoxLayout()
        right.addWidget(attendees_label)
        right.addWidget(self.attendees, 1)
        right.addWidget(self.attendees_error)
        right.addWidget(self.same_as_last)
        right.addWidget(self.measure_button)
        right.addLayout(headcount)

        more = QFormLayout()
        add_row(more, "T&opics:", self.topics, self.topics_error)
        add_row(more, "&Notes:", self.notes, self.notes_error)
        add_row(more, "&Referred on to:", self.referrals, self.referrals_error)
        concern_row = QHBoxLayout()
        concern_row.addWidget(self.raise_concern_button)
        concern_row.addWidget(self.concerns_note, 1)
        more.addRow("Safeguarding:", concern_row)

        self.lay_out_columns(left, right, more, weights=(5, 4))

    # Defaults and loading ------------------------------------------------------------------

    @Slot()
    def _apply_defaults(self) -> None:
        kind = self.kind.code() or "group"
        defaults = sessions.last_session_defaults(self.db, kind)
        if defaults is None:
            return
        self.mode.set_code(defaults.mode)
        self.venue.setEditText(defaults.venue)
        self.start_time.setText(clock_time(defaults.starts_at))
        self.minutes.setValue(defaults.minutes)
        self.facilitators.set_choices(volunteer_choices(self.db, defaults.facilitator_ids))

    @Slot()
    def add_last_attendees(self) -> None:
        defaults = sessions.last_session_defaults(self.db, self.kind.code() or "group")
        if defaults is None:
            self.attendees_error.show_problem(f"There is no earlier {self._kind_label()} yet.")
            return
        for choice in person_choices(self.db, defaults.attendee_ids):
            self.attendees.add(choice)
        self.attendees.setFocus()

    @Slot()
    def record_measure(self) -> None:
        """A wellbeing form for the chosen attendee, dated the day of the session."""
        choice = self.attendees.current_choice()
        if choice is None or choice.id is None:
            self.attendees_error.show_problem("Choose an attendee in the list first.")
            return
        self.attendees_error.show_problem(None)
        form = OutcomeForm(self.db, choice.id, self, taken_on=self.date.value())
        form.finished.connect(lambda _result: form.deleteLater())
        form.open()

    def _kind_label(self) -> str:
        return SESSION_KIND.label(self.kind.code() or "group").lower()

    def _load(self, session_id: str) -> None:
        detail = sessions.session_detail(self.db, session_id)
        s = self.existing = detail.session
        self.date.set_value(s.held_on)
        self.kind.set_code(s.kind)
        self.mode.set_code(s.mode)
        self.start_time.setText(clock_time(s.starts_at))
        self.minutes.setValue(s.minutes)
        self.venue.setEditText(s.venue)
        self.facilitators.set_choices([Choice(v.id, v.name, v.ref) for v in detail.facilitators])
        self.attendees.set_choices([Choice(p.id, p.known_as, p.ref) for p in detail.attendees])
        self.headcount.setValue(s.anonymous_headcount)
        self.topics.setText(", ".join(s.topics))
        self.notes.setPlainText(s.notes)
        self.referrals.setText(", ".join(r.destination for r in s.onward_referrals))
        self._show_concerns()

    # Saving --------------------------------------------------------------------------------

    def session_from_fields(self) -> Session | None:
        """The session as entered, or None when a field cannot even be read (shown beside it)."""
        starts_at, time_problem = parse_start_time(self.start_time.text())
        self.errors.clear()
        if time_problem:
            self.start_error.show_problem(time_problem)
            self.start_time.setFocus()
            return None
        base = self.existing or Session(held_on=self.date.value(), kind="group")
        return replace(
            base,
            held_on=self.date.value(),
            kind=self.kind.code() or "",
            mode=self.mode.code() or "",
            starts_at=starts_at,
            minutes=self.minutes.value(),
            venue=self.venue.currentText(),
            facilitator_ids=tuple(self.facilitators.chosen_ids()),
            attendee_ids=tuple(self.attendees.chosen_ids()),
            anonymous_headcount=self.headcount.value(),
            topics=tuple(t for t in self.topics.text().split(",") if t.strip()),
            notes=self.notes.toPlainText(),
            onward_referrals=self._referrals(base),
        )

    def _referrals(self, base: Session) -> tuple[OnwardReferral, ...]:
        """Referrals from the text, keeping the records (and who) of those already saved."""
        kept = {r.destination.casefold(): r for r in base.onward_referrals}
        destinations = [" ".join(d.split()) for d in self.referrals.text().split(",")]
        return tuple(
            kept.get(d.casefold(), OnwardReferral(d)) for d in dict.fromkeys(destinations) if d
        )

    @Slot()
    def save(self) -> None:
        session = self.session_from_fields()
        if session is None:
            return
        new_people = [Person(known_as=name) for name in self.attendees.new_names()]
        leading = [Volunteer(name=name) for name in self.facilitators.new_names()]
        if self._needs_a_word_on_facilitators(session, leading) and not self._no_facilitator_ok():
            return
        if not new_people and not self._saving_a_copy_is_meant(session):
            return
        if self.existing is not None:
            updated = self.attempt(
                lambda: sessions.update_session(self.db, session, new_people, leading)
            )
            if updated is not None:
                self.finish(updated.id)
            return
        hours = exact_hours(self.hours.value()) if self.record_hours.isChecked() else None
        logged = self.attempt(
            lambda: sessions.log_session(self.db, session, new_people, hours, leading)
        )
        if logged is not None:
            self.finish(logged.session.id)
            if self._raise_after_saving:
                self._open_concern_after(logged.session.id)

    # Safeguarding -------------------------------------------------------------------------

    def _show_concerns(self) -> None:
        """How many concerns about the session the user can see, and how many are open."""
        if self.existing is None:
            return
        rows = safeguarding.list_concerns(self.db, session_id=self.existing.id).rows
        still_open = sum(1 for r in rows if r.concern.is_open)
        self.concerns_note.setText(
            f"{len(rows)} raised about this session, {still_open} open." if rows else ""
        )

    @Slot()
    def raise_concern(self) -> None:
        """A concern about this session in the safeguarding log. A new session is saved first
        (nothing typed in either form is lost: if it cannot be saved, it stays open)."""
        if self.existing is None:
            self._raise_after_saving = True
            try:
                self.save()
            finally:
                self._raise_after_saving = False
            return
        dialog = ConcernDialog(self.db, None, self, session_id=self.existing.id)
        dialog.saved.connect(lambda _id: self._show_concerns())
        show_child(dialog)

    def _open_concern_after(self, session_id: str) -> None:
        opener = opener_above(self)
        if opener is not None:
            opener.raise_concern(session_id=session_id)
            return
        parent = self.parentWidget()
        show_child(ConcernDialog(self.db, None, parent, session_id=session_id))

    def _saving_a_copy_is_meant(self, session: Session) -> bool:
        """True unless it looks like a session already saved and the user does not go on."""
        if validate_session(session, date.today()):
            return True  # not savable as it is: the problems are shown first, not this question
        twin = sessions.likely_duplicate(self.db, session)
        if twin is None:
            return True
        kind = SESSION_KIND.label(twin.kind).lower()
        at = f" at {clock_time(twin.starts_at)}" if twin.starts_at else ""
        venue = f" at {twin.venue}" if twin.venue else ""
        return messages.confirm(
            self,
            "Save this session again?",
            f"A {kind} session on {long_date(twin.held_on)}{at}{venue} with the same people "
            "is already saved. Saving this one as well counts everyone twice in returns.\n\n"
            "Save it only if there really were two sessions.",
            "Save it as well",
        )

    def _needs_a_word_on_facilitators(self, session: Session, leading: list[Volunteer]) -> bool:
        """Nobody leads a session of a kind someone leads, and nothing else stops it saving
        (those problems are shown first, beside their fields)."""
        if leading or not facilitator_missing(session):
            return False
        joining = tuple(f"new {n}" for n in range(len(self.attendees.new_names())))
        with_new = replace(session, attendee_ids=(*session.attendee_ids, *joining))
        return not validate_session(with_new, date.today())

    def _no_facilitator_ok(self) -> bool:
        """Ask before saving a session of a kind someone leads with nobody named as leading it;
        on "Cancel", back to the facilitators."""
        kind = self._kind_label()
        if messages.confirm(
            self,
            "Save with no facilitator?",
            f"Nobody is named as facilitating this {kind} session, so nobody is credited with "
            "leading it or with its hours. To add someone, type their name under "
            "Facilitators and press Enter (someone new is added as a volunteer). Or save it "
            "without a facilitator.",
            "Save without a facilitator",
        ):
            return True
        self.facilitators.setFocus()
        return False

    @Slot()
    def delete(self) -> None:
        s = self.existing
        if s is None:
            return
        what = f"the {SESSION_KIND.label(s.kind).lower()} session on {long_date(s.held_on)}"
        if self.confirm_and_delete(
            "Delete this session?",
            f"Delete {what}? Its attendance, referrals and the volunteer hours recorded "
            "against it are deleted too. You can put it all back from Records → Recently "
            "deleted… for 30 days.",
            lambda: sessions.delete_session(self.db, s.id),
        ):
            self.finish(s.id, "deleted")
