"""Asking before typed input is thrown away.

Escape, Cancel or the close button of a changed form asks first ("Discard the changes to this
session?"), with "Keep editing" as the default (Enter or Escape keeps the form open). A form
nobody changed closes at once. When PeerLog locks, every form closes without asking: changed
ones are kept as drafts first (ui/shell/draft_forms.py).

A dialog asks by deriving from `AsksBeforeDiscarding` (instead of QDialog) and setting
`discard_question`; "changed" means changed since it was first shown (or since
`form_state.remember_opening_state` was last called on it).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.ui.common import messages
from desktop_app.ui.common.form_state import has_opening_state, is_changed, remember_opening_state

LOST_TEXT = "What you typed or chose in this window will be lost."
DISCARD, KEEP_EDITING = "&Discard changes", "&Keep editing"

_closing_all = False


@contextlib.contextmanager
def closing_without_asking() -> Iterator[None]:
    """While PeerLog locks or quits: forms close without a question (drafts keep them)."""
    global _closing_all
    previous, _closing_all = _closing_all, True
    try:
        yield
    finally:
        _closing_all = previous


def may_discard(form: QWidget, question: str) -> bool:
    """True when `form` may close: nothing would be lost, or the user chose to discard."""
    if _closing_all or not form.isVisible() or not is_changed(form):
        return True
    # the question in the text too: not every desktop shows a message box's title
    text = f"{question}\n\n{LOST_TEXT}"
    return messages.confirm(form, question, text, DISCARD, no_label=KEEP_EDITING)


class AsksBeforeDiscarding(QDialog):
    discard_question = "Discard the changes in this window?"

    def showEvent(self, event: QShowEvent) -> None:
        if not has_opening_state(self):
            remember_opening_state(self)
        super().showEvent(event)

    def reject(self) -> None:
        if may_discard(self, self.discard_question):
            super().reject()
