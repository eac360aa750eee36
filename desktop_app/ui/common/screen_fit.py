"""Windows that fit the screen they open on, at any text size.

Every screen fits 1366×768 at 150 % text (a 911×512 screen to Qt): windows never open larger
than the screen's free area (the taskbar left out), and what cannot shrink scrolls instead.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QStyle,
    QWidget,
)


def available_area(widget: QWidget) -> QRect:
    """The free area of the screen `widget` is on (or will open on)."""
    parent = widget.parentWidget()
    screen = (parent or widget).screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_allowance(window: QWidget) -> QSize:
    """The title bar and borders around `window` (guessed before it is first shown)."""
    extra = window.frameGeometry().size() - window.geometry().size()
    if extra.width() > 0 or extra.height() > 0:
        return QSize(extra.width(), extra.height())
    style = window.style()
    border = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth) * 2
    title = style.pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
    return QSize(border, title + border)


def largest_size(window: QWidget) -> QSize:
    """The largest size `window` can have with its frame still on the screen."""
    area = available_area(window).size()
    allowance = frame_allowance(window)
    return QSize(area.width() - allowance.width(), area.height() - allowance.height())


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to width×height, or as near as the screen allows."""
    largest = largest_size(window)
    window.resize(min(width, largest.width()), min(height, largest.height()))


def fit_on_screen(window: QWidget) -> None:
    """Shrink `window` to the screen's free area if needed, and move it wholly onto it."""
    largest = largest_size(window)
    if window.width() > largest.width() or window.height() > largest.height():
        window.resize(min(window.width(), largest.width()), min(window.height(), largest.height()))
    area = available_area(window)
    frame = window.frameGeometry()
    allowance = frame_allowance(window)
    width, height = window.width() + allowance.width(), window.height() + allowance.height()
    x = max(area.left(), min(frame.x(), area.right() + 1 - width))
    y = max(area.top(), min(frame.y(), area.bottom() + 1 - height))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def grow_to_show_all(window: QWidget) -> None:
    """Widen and heighten `window` so its scrolled parts need no scroll bars, as far as the
    screen allows (fit_on_screen then keeps it on the screen)."""
    wider = taller = 0
    for area in window.findChildren(QScrollArea):
        inner = area.widget()
        if inner is None or not area.isVisibleTo(window):
            continue
        needed = inner.minimumSizeHint().expandedTo(inner.sizeHint())
        wider = max(wider, needed.width() - area.viewport().width())
        taller = max(taller, needed.height() - area.viewport().height())
    if wider > 0 or taller > 0:
        largest = largest_size(window)
        window.resize(
            min(window.width() + max(wider, 0), largest.width()),
            min(window.height() + max(taller, 0), largest.height()),
        )


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a borderless area that scrolls when the window is too small for it."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(widget)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take the keyboard
    return area


class WrappingRow(QLayout):
    """Widgets side by side, going on to a new line when the row is too narrow for them all
    (a row of filters at 150 % text), instead of forcing the window wider."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, place: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = max(self.spacing(), 6)
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            size = item.sizeHint().expandedTo(item.minimumSize())
            width = min(size.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:
                x, y, line_height = area.x(), y + line_height + gap, 0
            if place:
                item.setGeometry(QRect(x, y, width, size.height()))
            x += width + gap * 2
            line_height = max(line_height, size.height())
        return y + line_height - rect.y() + margins.bottom()


class FittedDialog(QDialog):
    """A dialog that never opens larger than the screen, nor partly off it."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            grow_to_show_all(self)
            fit_on_screen(self)
