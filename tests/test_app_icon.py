"""The application icon in every form the three systems ask for, as Qt reads them back."""

from __future__ import annotations

from PySide6.QtGui import QImageReader
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from desktop_app.resources import resource_path
from desktop_app.ui.shell.app_icon import PNG_SIZES, app_icon


def sizes_in(file_name: str) -> set[int]:
    reader = QImageReader(str(resource_path("icons", file_name)))
    sizes = set()
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), f"{file_name} image {index}: {reader.errorString()}"
        assert image.width() == image.height()
        sizes.add(image.width())
    return sizes


def test_windows_and_macos_icon_files_hold_every_size(qtbot: QtBot) -> None:
    assert sizes_in("peerlog.ico") == {16, 24, 32, 48, 64, 128, 256}
    assert sizes_in("peerlog.icns") == {16, 32, 64, 128, 256, 512, 1024}


def test_app_icon_has_a_drawn_picture_at_each_size(qtbot: QtBot) -> None:
    icon = app_icon()
    assert {size.width() for size in icon.availableSizes()} == set(PNG_SIZES)
    for size in PNG_SIZES:
        image = icon.pixmap(size, size).toImage()
        centre = image.pixelColor(size // 2, size // 2)
        assert centre.alpha() == 255  # the bubbles cover the middle
    for svg in ("peerlog.svg", "peerlog-small.svg"):
        assert QSvgRenderer(str(resource_path("icons", svg))).isValid()
