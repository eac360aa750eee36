"""A message shown right next to the field it is about, hidden while there is nothing to say."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6 import QtCore
from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #a4000f;"  # dark red, readable on light and dark grey backgrounds


class FieldError(QLabel):
    def __init__(self, about: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.setAccessibleName(f"Problem with {about}")
        self.problem = ""
        self.hide()

    def show_problem(self, problem: str | None) -> None:
        """Show `problem`, or hide the label when it is None or empty."""
        self.problem = problem or ""
        self.setText(self.problem)
        self.setAccessibleDescription(problem or "")
        self.setVisible(bool(problem))


class FieldProblem(Protocol):
    @property
    def field(self) -> str: ...

    @property
    def message(self) -> str: ...


class FieldErrors:
    """The error labels of one form, by field name ("held_on"), plus one for the rest.

    `show(problems)` puts each message beside its field; a problem with no label of its own
    goes to the general label, so nothing is ever hidden.
    """

    def __init__(self, general_about: str) -> None:
        self.general = FieldError(general_about)
        self._labels: dict[str, FieldError] = {}

    def label(self, field: str, about: str, also: Sequence[str] = ()) -> FieldError:
        """A label for `field`'s problems, and for those of the fields in `also`."""
        label = FieldError(about)
        for name in (field, *also):
            self._labels[name] = label
        return label

    def show(self, problems: Sequence[FieldProblem]) -> None:
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            field = problem.field if problem.field in self._labels else ""
            by_field.setdefault(field, []).append(problem.message)
        messages: dict[int, list[str]] = {}
        for field, label in self._labels.items():
            messages.setdefault(id(label), []).extend(by_field.get(field, []))
        for label in self._labels.values():
            label.show_problem(" ".join(messages[id(label)]) or None)
        self.general.show_problem(" ".join(by_field.get("", [])) or None)

    def clear(self) -> None:
        self.show([])

    def shown(self) -> dict[str, str]:
        """The messages on show, by field ("" for the general label)."""
        labels = {**self._labels, "": self.general}
        return {field: label.problem for field, label in labels.items() if label.problem}

    def first_with_problem(self) -> FieldError | None:
        return next((label for label in self._labels.values() if label.problem), None)
