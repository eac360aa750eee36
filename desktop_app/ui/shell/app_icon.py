"""PeerLog's application icon as one QIcon, built from PNG renders rather than the SVG so that
window and taskbar sizes (16 to 32 pixels) get the bolder drawing made for them.

packaging/render_icons.py renders the PNGs, the .ico and the .icns from the two SVGs.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from desktop_app.resources import resource_path

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in PNG_SIZES:
        icon.addFile(str(resource_path("icons", "png", f"peerlog-{size}.png")))
    return icon
