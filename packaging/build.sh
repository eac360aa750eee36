#!/usr/bin/env bash
# Build PeerLog as a one-folder app: dist/PeerLog/PeerLog (and dist/PeerLog.app on macOS).
# `make package` runs this with the project's virtualenv; on Windows run the PyInstaller line
# by hand (README, Packaging).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/peerlog.spec
echo "Built dist/PeerLog in $(( $(date +%s) - start )) s; unpacked size $(du -sh dist/PeerLog | cut -f1)"
