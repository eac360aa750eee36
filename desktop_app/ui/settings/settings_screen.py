"""Settings (coordinators only): the organisation, outcome measures, keeping data safe, users,
the audit trail, passphrase and recovery code. The services check the role again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.problems import Problem
from desktop_app.services import databases, outcomes, settings
from desktop_app.services.protection import auto_backup, consent, retention
from desktop_app.services.referrals import records as referrals
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import file_dialogs, messages
from desktop_app.ui.common.action_button import action_button
from desktop_app.ui.common.screen_fit import WrappingRow, scrolling
from desktop_app.ui.common.text_styles import heading, note
from desktop_app.ui.forms.field_error import FieldErrors
from desktop_app.ui.forms.form_rows import add_row
from desktop_app.ui.forms.form_state import (
    edited_values,
    is_changed,
    remember_opening_state,
    restore,
)
from desktop_app.ui.outcomes.custom_measures_panel import CustomMeasuresPanel
from desktop_app.ui.settings.settings_dialogs import (
    AuditDialog,
    ChangePassphraseDialog,
    ItemWordingDialog,
    RecoveryCodeDialog,
)
from desktop_app.ui.settings.users_dialog import UsersDialog
from desktop_app.ui.shell.record_opener import RecordOpener
from desktop_app.ui.sync.share_settings import SharePanel


def _spin(name: str, low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    box.setAccessibleName(name)
    return box


class SettingsScreen(QWidget):
    settings_saved = Signal()  # the window re-reads what it uses (auto-lock minutes, title)

    def __init__(self, db: Database, opener: RecordOpener, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.errors = e = FieldErrors("saving the settings")
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Organisation name")
        self.identifier = QLineEdit()
        self.identifier.setAccessibleName("Organisation identifier")
        self.identifier.setPlaceholderText("e.g. GB-CHC-1234567")
        self.identifier.setToolTip(
            "Your charity, company, OSCR or Northern Ireland number, written the org-id way, so "
            "that an alliance can tell its members' returns apart"
        )
        self.notice_version = QLineEdit()
        self.notice_version.setAccessibleName("Privacy notice version")
        self.hourly_rate = QDoubleSpinBox()
        self.hourly_rate.setRange(0, settings.MAX_HOURLY_RATE)
        self.hourly_rate.setPrefix("£")
        self.hourly_rate.setSpecialValueText("Not set")
        self.hourly_rate.setSuffix(" an hour")
        self.hourly_rate.setToolTip("What an hour of volunteer time is worth, for returns")
        self.hourly_rate.setAccessibleName("Value of a volunteer hour")
        self.dbs_years = _spin("Renew DBS checks every", 1, settings.MAX_DBS_YEARS, " years")
        self.overdue_days = _spin(
            "Referrals overdue after", 1, referrals.MAX_OVERDUE_DAYS, " working days"
        )
        self.overdue_days.setToolTip(
            "A referral not answered within this many working days is overdue, and shown on Home"
        )
        self.review_weeks = _spin("Review after", 1, outcomes.MAX_REVIEW_WEEKS, " weeks")
        self.retention_years = _spin("Keep records for", 1, 100, " years")
        self.auto_lock = _spin("Lock after", 1, settings.MAX_AUTO_LOCK_MINUTES, " minutes idle")
        self.backup_keep = _spin("Backups to keep", 1, 1000, " backups")
        self.backup_folder = QLabel()
        self.backup_folder.setWordWrap(True)
        self.custom_measures = CustomMeasuresPanel(db, self._open)
        self.sharing = SharePanel(db, e)

        organisation = QFormLayout()
        add_row(
            organisation,
            "Organisation &name:",
            self.organisation,
            e.label("organisation_name", "the name"),
        )
        add_row(
            organisation,
            "Organisation identifier:",
            self.identifier,
            e.label("organisation_identifier", "the identifier"),
        )
        add_row(
            organisation,
            "Privacy notice &version:",
            self.notice_version,
            e.label("privacy_notice_version", "the version"),
        )
        add_row(
            organisation,
            "Value of a volunteer &hour:",
            self.hourly_rate,
            e.label("volunteer_hourly_rate", "the rate"),
        )
        add_row(
            organisation,
            "Renew DBS checks ever&y:",
            self.dbs_years,
            e.label("dbs_renewal_years", "the years"),
        )
        add_row(
            organisation,
            "Ma&ximum wait for a referral:",
            self.overdue_days,
            e.label("referral_overdue_days", "the working days"),
        )
        measures = QFormLayout()
        add_row(
            measures, "Review &due after:", self.review_weeks, e.label("review_weeks", "the weeks")
        )
        add_row(measures, "&Custom measures:", self.custom_measures)
        wording_row = QHBoxLayout()
        wording_row.addWidget(action_button("WEMWBS/SWEMWBS &wording…", self.edit_wording))
        wording_row.addStretch(1)
        measures.addRow("", wording_row)
        safety = QFormLayout()
        add_row(
            safety,
            "&Keep records for:",
            self.retention_years,
            e.label("retention_years", "the years"),
        )
        add_row(
            safety,
            "&Lock PeerLog after:",
            self.auto_lock,
            e.label("auto_lock_minutes", "the minutes"),
        )
        add_row(
            safety,
            "Backup folder:",
            self.backup_folder,
            e.label("backup_folder", "the folder"),
            action_button("Choose backup f&older…", self.choose_backup_folder),
        )
        add_row(safety, "Number of &backups to keep:", self.backup_keep)

        access_row = WrappingRow()  # on two lines when the window is narrow
        access_row.addWidget(
            action_button("&Users…", self.show_users, "Who can open this database")
        )
        access_row.addWidget(action_button("&Audit trail…", self.show_audit))
        access_row.addWidget(action_button("Change my &passphrase…", self.change_passphrase))
        access_row.addWidget(action_button("New r&ecovery code…", self.new_recovery_code))

        self.save_button = action_button("&Save settings", self.save)
        save_row = QHBoxLayout()
        save_row.addWidget(e.general, 1)
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(_group("Organisation", organisation))
        left_layout.addWidget(_group("Outcome measures", measures))
        columns = WrappingRow()  # side by side, or one under the other on a narrow window
        columns.addWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(_group("Keeping data safe", safety))
        right_layout.addWidget(self.sharing)
        right_layout.addStretch(1)
        columns.addWidget(right)
        body = QWidget()
        fields = QVBoxLayout(body)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(heading("Settings"))
        fields.addWidget(note("Only coordinators see this screen. Changes are saved with Save."))
        fields.addLayout(columns)
        fields.addWidget(heading("Users and access", 2))
        fields.addLayout(access_row)
        fields.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)  # Save stays in view below
        layout.addLayout(save_row)
        self.setFocusProxy(self.organisation)
        self.load()

    def load(self) -> None:
        self.organisation.setText(settings.organisation_name(self.db))
        self.identifier.setText(settings.organisation_identifier(self.db))
        self.notice_version.setText(consent.privacy_notice_version(self.db))
        self.hourly_rate.setValue(settings.volunteer_hourly_rate(self.db) or 0)
        self.review_weeks.setValue(outcomes.review_weeks(self.db))
        self.dbs_years.setValue(settings.dbs_renewal_years(self.db))
        self.overdue_days.setValue(referrals.overdue_working_days(self.db))
        self.retention_years.setValue(retention.retention_years(self.db))
        self.auto_lock.setValue(settings.auto_lock_minutes(self.db))
        self.backup_keep.setValue(auto_backup.backups_to_keep(self.db))
        folder = auto_backup.backup_folder(self.db)
        self.backup_folder.setText(str(folder) if folder else "None chosen: no automatic backups")
        self.custom_measures.load()
        self.sharing.load()
        remember_opening_state(self)  # what is saved: changes since are kept when PeerLog locks

    def records_changed(self) -> None:
        self.reload_keeping_edits()

    def reload_keeping_edits(self) -> None:
        """Show what is saved now (a dialog of this screen changed it), with the changes not
        yet saved still in their fields."""
        edited = edited_values(self)
        self.load()
        restore(self, edited)

    # Unsaved changes (the window asks before another section is shown) ----------------------

    def has_unsaved_changes(self) -> bool:
        return is_changed(self)

    def discard_changes(self) -> None:
        self.errors.clear()
        self.load()

    # Saving --------------------------------------------------------------------------------

    @Slot()
    def save(self) -> bool:
        """Save what changed; each problem is shown beside its field. True when all saved."""
        db = self.db
        rate = self.hourly_rate.value() or None
        steps: list[tuple[bool, Callable[[], None]]] = [
            (
                self.organisation.text().strip() != settings.organisation_name(db),
                lambda: settings.set_organisation_name(db, self.organisation.text()),
            ),
            (
                self.identifier.text().strip() != settings.organisation_identifier(db),
                lambda: settings.set_organisation_identifier(db, self.identifier.text()),
            ),
            (
                self.notice_version.text().strip() != consent.privacy_notice_version(db),
                lambda: consent.set_privacy_notice_version(db, self.notice_version.text()),
            ),
            (
                rate != settings.volunteer_hourly_rate(db),
                lambda: settings.set_volunteer_hourly_rate(db, rate),
            ),
            (
                self.review_weeks.value() != outcomes.review_weeks(db),
                lambda: outcomes.set_review_weeks(db, self.review_weeks.value()),
            ),
            (
                self.retention_years.value() != retention.retention_years(db),
                lambda: retention.set_retention_years(db, self.retention_years.value()),
            ),
            (
                self.auto_lock.value() != settings.auto_lock_minutes(db),
                lambda: settings.set_auto_lock_minutes(db, self.auto_lock.value()),
            ),
            (
                self.dbs_years.value() != settings.dbs_renewal_years(db),
                lambda: settings.set_dbs_renewal_years(db, self.dbs_years.value()),
            ),
            (
                self.overdue_days.value() != referrals.overdue_working_days(db),
                lambda: referrals.set_overdue_working_days(db, self.overdue_days.value()),
            ),
            (self._keep_changed(), self._save_keep),
            (self.sharing.name_changed(), self.sharing.save_name),
        ]
        problems: list[Problem] = []
        for changed, step in steps:
            if not changed:
                continue
            try:
                step()
            except ValidationFailed as failed:
                problems += failed.problems
            except StoreError as error:
                problems.append(Problem("", str(error)))
        self.errors.show(problems)
        if problems:  # the edits stay on screen to be corrected
            return False
        self.load()
        self.settings_saved.emit()
        messages.inform(self, "Settings saved", "The settings were saved.")
        return True

    def _keep_changed(self) -> bool:
        return self.backup_keep.value() != auto_backup.backups_to_keep(self.db)

    def _save_keep(self) -> None:
        folder = auto_backup.backup_folder(self.db)
        if folder is None:
            raise ValidationFailed(
                [Problem("backup_folder", "Choose a backup folder first, then how many to keep.")]
            )
        auto_backup.choose_backup_folder(self.db, folder, self.backup_keep.value())

    # Other windows -------------------------------------------------------------------------

    @Slot()
    def choose_backup_folder(self) -> None:
        start = auto_backup.backup_folder(self.db) or Path.home()
        folder = file_dialogs.choose_folder(self, "Choose a folder for automatic backups", start)
        if folder is None:
            return
        try:
            auto_backup.choose_backup_folder(self.db, folder, self.backup_keep.value())
        except StoreError as error:
            self.errors.show([Problem("backup_folder", str(error))])
            return
        self.errors.clear()
        self.reload_keeping_edits()

    def _open(self, dialog: QDialog) -> QDialog:
        def closed() -> None:
            self.reload_keeping_edits()
            dialog.deleteLater()

        dialog.finished.connect(closed)
        dialog.open()
        return dialog

    @Slot()
    def edit_wording(self) -> None:
        self._open(ItemWordingDialog(self.db, self))

    @Slot()
    def show_users(self) -> None:
        self._open(UsersDialog(self.db, self))

    @Slot()
    def show_audit(self) -> None:
        self._open(AuditDialog(self.db, self))

    @Slot()
    def change_passphrase(self) -> None:
        self._open(ChangePassphraseDialog(self.db, self))

    @Slot()
    def new_recovery_code(self) -> None:
        if not messages.confirm(
            self,
            "Make a new recovery code?",
            "The current recovery code will stop working. The new one is shown only once.",
            "Make a new code",
        ):
            return
        try:
            code = databases.regenerate_recovery_code(self.db)
        except StoreError as error:
            messages.show_error(self, "No new recovery code", str(error))
            return
        self._open(RecoveryCodeDialog(code, self))


def _group(title: str, form: QFormLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(form)
    return box
