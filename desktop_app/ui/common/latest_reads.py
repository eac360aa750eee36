"""Background reads where only the newest answer of each kind counts.

A dialog that reads a file again whenever the user changes a choice may ask for one read after
another, and their answers arrive when each read ends, not in the order they were asked for.
An answer is handed on only if no newer read of its kind was asked for since, so an old answer
never overwrites a newer one. `busy_changed` says when the dialog starts and stops waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.store.errors import StoreError
from desktop_app.ui.common.worker import run_task

log = logging.getLogger(__name__)


class LatestReads(QObject):
    busy_changed = Signal(bool)

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self._owner = owner
        self._asked: dict[str, int] = {}  # kind -> the number of its newest read
        self._waiting: dict[str, Hashable] = {}  # kind -> what its newest, unanswered read is for
        self._shown_busy = False

    @property
    def busy(self) -> bool:
        return bool(self._waiting)

    def start(
        self,
        kind: str,
        read: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[StoreError], None],
        what: Hashable = None,
    ) -> None:
        """Run `read()` on the task pool. A read of `kind` for the same `what` as the one
        already under way is not started again: its answer is on its way."""
        if kind in self._waiting and self._waiting[kind] == what:
            return
        number = self._asked.get(kind, 0) + 1
        self._asked[kind] = number
        self._waiting[kind] = what

        def answered(hand_on: Callable[[], None]) -> None:
            if self._asked.get(kind) != number:
                log.debug("An older %s read was answered after a newer one; dropped", kind)
                return
            del self._waiting[kind]
            try:
                hand_on()
            finally:
                self._update()

        run_task(
            self._owner,
            lambda _report: read(),
            lambda result: answered(lambda: on_done(result)),
            lambda error: answered(lambda: on_error(error)),
        )
        self._update()

    def forget(self) -> None:
        """Drop every answer still on its way (the dialog has closed, say)."""
        for kind in self._asked:
            self._asked[kind] += 1
        self._waiting.clear()
        self._update()

    def _update(self) -> None:
        if self.busy != self._shown_busy:
            self._shown_busy = self.busy
            self.busy_changed.emit(self._shown_busy)
