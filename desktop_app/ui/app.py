"""Starting the GUI."""

from pathlib import Path


def run_gui(database: Path | None, demo: bool) -> int:
    print("PeerLog's windows are being built. For now, use the commands: peerlog --help")
    return 0
