"""Locking PeerLog by itself: after N idle minutes (no key, mouse, wheel or touch anywhere in
the application), and when Qt reports the application suspended.

Qt has no signal for "the operating system session locked". What it offers is
`QGuiApplication.applicationStateChanged`; `ApplicationSuspended` (reported on platforms that
suspend applications, and by some when the session is locked or the machine sleeps) locks at
once. `ApplicationInactive` is not used: it also means the user switched to another window.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

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

    lock_now = Signal(str)  # why: "idle" or "suspended"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_override_ms: int | None = None  # tests use a short interval
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(lambda: self._fire("idle"))
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.installEventFilter(self)
            app.applicationStateChanged.connect(self._state_changed)

    @property
    def active(self) -> bool:
        return self.timer.isActive()

    def start(self, minutes: int) -> None:
        ms = self.interval_override_ms or minutes * 60_000
        self.timer.setInterval(ms)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()  # restarts the idle countdown
        return False

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended and self.timer.isActive():
            self._fire("suspended")

    def _fire(self, why: str) -> None:
        self.timer.stop()
        log.info("Locking by itself (%s)", why)
        self.lock_now.emit(why)
