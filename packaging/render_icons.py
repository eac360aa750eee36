"""Render PeerLog's icon from its hand-drawn SVGs into the PNGs, .ico and .icns that ship.

Run after changing resources/icons/peerlog*.svg, then commit the results:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

Sizes up to 32 pixels come from peerlog-small.svg (bolder, no tile), larger ones from peerlog.svg.
The .ico (Windows) and .icns (macOS) hold PNG images, which every supported system reads; they
are written here by hand so that no extra imaging library is needed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# macOS icon types holding PNG data, by pixel size (the @2x types reuse the same pixels).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"ic11", 32),
    (b"icp5", 32),
    (b"ic12", 64),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)
SMALL_UP_TO = 32


def render_png(size: int) -> bytes:
    source = ICONS / ("peerlog-small.svg" if size <= SMALL_UP_TO else "peerlog.svg")
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"Qt could not read {source.name}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICONDIR, one ICONDIRENTRY per size (0 means 256), then the PNG images."""
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    entries = b""
    images = b""
    offset = len(header) + 16 * len(ICO_SIZES)
    for size in ICO_SIZES:
        png = pngs[size]
        side = 0 if size == 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(images))
        images += png
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    pngs = {size: render_png(size) for size in sizes}
    png_dir = ICONS / "png"
    png_dir.mkdir(exist_ok=True)
    for size in PNG_SIZES:
        (png_dir / f"peerlog-{size}.png").write_bytes(pngs[size])
    (ICONS / "peerlog.ico").write_bytes(ico_bytes(pngs))
    (ICONS / "peerlog.icns").write_bytes(icns_bytes(pngs))
    print(f"Wrote {len(PNG_SIZES)} PNGs, peerlog.ico and peerlog.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
