"""The one door for message boxes: every pop-up in PeerLog is made here.

Tests (and headless runs) call `headless()` so that no box blocks: each message is recorded
instead of shown, and questions get the answers queued up in advance.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from PySide6.QtWidgets import QWidget


class Shown(NamedTuple):  # (not dataclasses: this module loads with the start window)
    kind: str  # "information", "warning", "error" or "question"
    title: str
    text: str


class _Headless:
    def __init__(self, answers: list[bool | str]) -> None:
        self.answers = answers
        self.shown: list[Shown] = []

    def answer(self) -> bool | str:
        return self.answers.pop(0) if self.answers else False


_headless: _Headless | None = None


@contextlib.contextmanager
def headless(answers: Iterable[bool | str] = ()) -> Iterator[list[Shown]]:
    """Record messages instead of showing them; questions take `answers` in turn, then "No"
    (for `save_discard_or_stay`: "save", "discard" or "stay"; anything else is "stay")."""
    global _headless
    previous = _headless
    _headless = _Headless(list(answers))
    try:
        yield _headless.shown
    finally:
        _headless = previous


def _show(parent: QWidget | None, kind: str, title: str, text: str) -> None:
    if _headless is not None:
        _headless.shown.append(Shown(kind, title, text))
        return
    from PySide6.QtWidgets import QMessageBox  # its enums cost start-up time; boxes are rare

    icon = {
        "information": QMessageBox.Icon.Information,
        "warning": QMessageBox.Icon.Warning,
        "error": QMessageBox.Icon.Critical,
    }[kind]
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, "information", title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, "warning", title, text)


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """A problem the user can act on; `text` says what happened and what to do."""
    _show(parent, "error", title, text)


# Said when a record is deleted: a deletion can be undone for a while (services/recently_deleted).
UNDO = "You can put it back from Records → Recently deleted… for 30 days."


def confirm(
    parent: QWidget | None, title: str, text: str, yes_label: str, no_label: str = "Cancel"
) -> bool:
    """Ask before doing something that cannot be undone. "No" is the default button."""
    if _headless is not None:
        _headless.shown.append(Shown("question", title, text))
        return _headless.answer() is True
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    yes = box.addButton(yes_label, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(no_label, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setAccessibleName(title)
    box.exec()
    return box.clickedButton() is yes


def save_discard_or_stay(parent: QWidget | None, title: str, text: str) -> str:
    """Ask what to do with unsaved changes: "save", "discard" or "stay" (the default, also
    Escape)."""
    if _headless is not None:
        _headless.shown.append(Shown("question", title, text))
        answer = _headless.answer()
        return answer if answer in ("save", "discard") else "stay"
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    save = box.addButton("&Save changes", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard changes", QMessageBox.ButtonRole.DestructiveRole)
    stay = box.addButton("S&tay here", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.setAccessibleName(title)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "stay"
