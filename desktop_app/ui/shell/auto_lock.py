"""Locking PeerLog by itself: after N idle minutes (no key, mouse, wheel or touch anywhere in
the application), and when Qt reports the application suspended.

Qt has no signal for "the operating system session locked". What it offers is
`QGuiApplication.applicationStateChanged`; `ApplicationSuspended` (reported on platforms that
suspend applications, and by some when the session is locked or the machine sleeps) locks at
once. `ApplicationInactive` is not used: it also means the user switched to another window.
"""

from __future__ import annotations

import logging

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent

log = logging.getLogger(__name__)

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleLock(QObject):
    """Emits `lock_now` after the idle time, or when the application is suspended."""

    lock_now = Signal(str)  # why: "idle", "suspended" or "keys" (Ctrl+L inside a form)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_override_ms: int | None = None  # tests use a short interval
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self._fire("idle"))
        app = QGuiApplication.instance()
        self._app = app if isinstance(app, QGuiApplication) else None
        self._watching = False

    @property
    def active(self) -> bool:
        return self.timer.isActive()

    def start(self, minutes: int) -> None:
        ms = self.interval_override_ms or minutes * 60_000
        self.timer.setInterval(ms)
        self.timer.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
        self.timer.start()
        self._watch(True)

    def stop(self) -> None:
        self.timer.stop()
        self._watch(False)

    def _watch(self, on: bool) -> None:
        """Watch every event of the application, and its state, only while a database is open:
        on the start window there is nothing to lock, each event passed to Python costs time,
        and the first of Qt's enums PySide meets (a state, a timer type) makes it build them
        all, which the start window need not wait for."""
        if self._app is None or on == self._watching:
            return
        if on:
            self._app.installEventFilter(self)
            self._app.applicationStateChanged.connect(self._state_changed)
        else:
            self._app.removeEventFilter(self)
            self._app.applicationStateChanged.disconnect(self._state_changed)
        self._watching = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in ACTIVITY or not self.timer.isActive():
            return False
        if isinstance(event, QKeyEvent) and _is_lock_keys(event):
            # Ctrl+L reaches here only when no shortcut took it: a form open in front of the
            # window blocks the window's own Lock action. Lock all the same.
            self._fire("keys")
            return True
        self.timer.start()  # restarts the idle countdown
        return False

    def _state_changed(self, state: QtCore.Qt.ApplicationState) -> None:
        if state == QtCore.Qt.ApplicationState.ApplicationSuspended and self.timer.isActive():
            self._fire("suspended")

    def _fire(self, why: str) -> None:
        self.stop()
        log.info("Locking by itself (%s)", why)
        self.lock_now.emit(why)


def _is_lock_keys(event: QKeyEvent) -> bool:
    qt = QtCore.Qt
    return event.key() == qt.Key.Key_L and event.modifiers() == qt.KeyboardModifier.ControlModifier
