"""The smaller windows the Settings screen opens: licensed item wording, a custom measure (new
or corrected), changing one's passphrase, a new recovery code (shown once) and the audit trail."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.outcomes.measures import Measure, scores_recorded_text
from desktop_app.services import databases, outcomes
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common import file_dialogs
from desktop_app.ui.common.field_error import FieldError, FieldErrors
from desktop_app.ui.common.secret_field import secret_line_edit
from desktop_app.ui.common.text_styles import note, scaled_font
from desktop_app.ui.common.unsaved import AsksBeforeDiscarding
from desktop_app.ui.settings.audit_viewer import AuditViewer
from desktop_app.ui.start.passphrase_fields import NewPassphraseFields


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setAutoDefault(False)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class ItemWordingDialog(AsksBeforeDiscarding):
    """Type the WEMWBS or SWEMWBS item wording from the organisation's own licence copy."""

    discard_question = "Discard the wording you typed?"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Item wording from your licence")
        self.measure = QComboBox()
        self.measure.setAccessibleName("Measure")
        for m in outcomes.measures(db):
            if m.wording_is_licensed:
                self.measure.addItem(m.name, m.code)
        self.items: list[QLineEdit] = []
        self.items_area = QScrollArea()
        self.items_area.setWidgetResizable(True)
        self.problem = FieldError("the wording")
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                "PeerLog does not ship the wording of these scales. Type each item as it is in "
                "your organisation's licence copy; leave one empty to show “Item N”."
            )
        )
        form = QFormLayout()
        form.addRow("&Measure:", self.measure)
        layout.addLayout(form)
        layout.addWidget(self.items_area, 1)
        layout.addWidget(self.problem)
        buttons = _buttons(self, "Save wording")
        buttons.accepted.disconnect()
        buttons.accepted.connect(self.save)
        layout.addWidget(buttons)
        self.measure.currentIndexChanged.connect(self._show_items)
        self._show_items()
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.lineSpacing() * 30)

    @Slot()
    def _show_items(self) -> None:
        m = outcomes.measure(self.db, self.measure.currentData())
        area = QWidget()
        form = QFormLayout(area)
        self.items = []
        for item in m.items:
            edit = QLineEdit(item.wording if item.wording else "")
            edit.setAccessibleName(f"Wording of item {item.number}")
            edit.setPlaceholderText(f"Item {item.number}")
            form.addRow(f"{item.number}.", edit)
            self.items.append(edit)
        self.items_area.setWidget(area)

    @Slot()
    def save(self) -> None:
        wording = {n: edit.text().strip() for n, edit in enumerate(self.items, start=1)}
        try:
            outcomes.set_item_wording(self.db, self.measure.currentData(), wording)
        except StoreError as error:
            self.problem.show_problem(str(error))
            return
        self.accept()


class CustomMeasureDialog(AsksBeforeDiscarding):
    """Define the organisation's own measure, or correct `measure`: its name and wording always,
    its scoring only while no scores have been recorded with it."""

    discard_question = "Discard the changes to this measure?"

    def __init__(
        self, db: Database, parent: QWidget | None = None, measure: Measure | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.measure = measure
        self.setWindowTitle(
            "Add a custom measure" if measure is None else "Change a custom measure"
        )
        self.errors = FieldErrors("saving the measure")
        self.name = QLineEdit()
        self.name.setAccessibleName("Name of the measure")
        self.items = QPlainTextEdit()
        self.items.setAccessibleName("Items, one a line")
        self.items.setTabChangesFocus(True)
        self.item_min, self.item_max = QSpinBox(), QSpinBox()
        for box, name, value in ((self.item_min, "Lowest", 1), (self.item_max, "Highest", 5)):
            box.setRange(0, 100)
            box.setValue(value)
            box.setAccessibleName(f"{name} score of an item")
        self.higher_is_better = QCheckBox("&Higher scores are better")
        self.higher_is_better.setChecked(True)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.5, 100)
        self.threshold.setValue(3)
        self.threshold.setAccessibleName("Meaningful change")
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("", self.errors.label("name", "the name"))
        form.addRow("&Items, one a line:", self.items)
        form.addRow("&Lowest item score:", self.item_min)
        form.addRow("Highest item s&core:", self.item_max)
        form.addRow("", self.higher_is_better)
        form.addRow("Meaningful &change:", self.threshold)
        layout = QVBoxLayout(self)
        self.scoring_fixed = note("")
        self.scoring_fixed.hide()
        layout.addWidget(self.scoring_fixed)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        buttons = _buttons(self, "Add measure" if measure is None else "Save changes")
        buttons.accepted.disconnect()
        buttons.accepted.connect(self.save)
        layout.addWidget(buttons)
        if measure is not None:
            self._fill(measure)

    def _fill(self, measure: Measure) -> None:
        self.name.setText(measure.name)
        self.items.setPlainText("\n".join(item.label for item in measure.items))
        self.item_min.setValue(measure.item_min)
        self.item_max.setValue(measure.item_max)
        self.higher_is_better.setChecked(measure.higher_is_better)
        self.threshold.setValue(measure.threshold)
        count = outcomes.scores_recorded(self.db, measure.code)
        if count:
            self.scoring_fixed.setText(
                f"{scores_recorded_text(count)} with this measure, so you can correct its name "
                "and the wording of its items, but not add or take away items or change how it "
                "is scored: that would change what those scores mean. To score "
                "differently, add a new measure and stop offering this one."
            )
            self.scoring_fixed.show()
            for field in (self.item_min, self.item_max, self.higher_is_better, self.threshold):
                field.setEnabled(False)

    @Slot()
    def save(self) -> None:
        lines = [line.strip() for line in self.items.toPlainText().splitlines() if line.strip()]
        self.errors.clear()
        scoring = (
            lines,
            self.item_min.value(),
            self.item_max.value(),
            self.higher_is_better.isChecked(),
            self.threshold.value(),
        )
        try:
            if self.measure is None:
                outcomes.add_custom_measure(self.db, self.name.text(), *scoring)
            else:
                outcomes.edit_custom_measure(self.db, self.measure.code, self.name.text(), *scoring)
        except ValidationFailed as failed:
            self.errors.show(failed.problems)
            return
        except StoreError as error:
            self.errors.general.show_problem(str(error))
            return
        self.accept()


class ChangePassphraseDialog(QDialog):
    """Change the passphrase of the user who unlocked the database."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Change my passphrase")
        self.current = secret_line_edit("Current passphrase")
        self.current_error = FieldError("the current passphrase")
        self.new = NewPassphraseFields()
        form = QFormLayout()
        form.addRow("C&urrent passphrase:", self.current)
        form.addRow("", self.current_error)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.new)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 70, self.sizeHint().height())
        buttons = _buttons(self, "Change passphrase")
        buttons.accepted.disconnect()
        buttons.accepted.connect(self.save)
        layout.addWidget(buttons)

    @Slot()
    def save(self) -> None:
        new = self.new.validate()
        if new is None:
            return
        try:
            databases.change_passphrase(self.db, self.current.text(), new)
        except StoreError as error:
            self.current_error.show_problem(str(error))
            self.current.setFocus()
            return
        self.current.clear()
        self.new.clear()
        self.accept()


class RecoveryCodeDialog(QDialog):
    """A new recovery code, shown this once (the old one has stopped working)."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your new recovery code")
        self.code = QLabel(code)
        self.code.setFont(
            scaled_font(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont), 1.8, True)
        )
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAccessibleName("Recovery code")
        self.kept = QCheckBox("&I have written down the new code and put it somewhere safe")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setEnabled(False)
        self.kept.toggled.connect(close.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                "The old recovery code no longer works. This new one is shown only this once: "
                "write it down and keep it somewhere safe and private, away from this laptop."
            )
        )
        layout.addWidget(self.code)
        layout.addWidget(self.kept)
        layout.addWidget(buttons)

    def reject(self) -> None:
        self.code.clear()  # never left on screen
        super().reject()


class AuditDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Audit trail")
        self.viewer = AuditViewer(db, self._ask_save_path)
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewer)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 140, metrics.lineSpacing() * 32)

    def _ask_save_path(self) -> Path | None:
        return file_dialogs.choose_save_file(
            self, "Export the audit trail", Path.home() / "PeerLog audit trail.csv", "*.csv"
        )
