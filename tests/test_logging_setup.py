"""The log file is kept to a few files of about a megabyte, rotated when PeerLog starts."""

from __future__ import annotations

from pathlib import Path

from desktop_app.logging_setup import rotate_if_large


def test_a_small_log_is_left_alone(tmp_path: Path) -> None:
    log = tmp_path / "peerlog.log"
    log.write_text("started\n")
    rotate_if_large(log, max_bytes=100, keep=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["peerlog.log"]
    rotate_if_large(tmp_path / "missing.log", max_bytes=100, keep=3)  # no file: nothing to do


def test_a_large_log_moves_along_and_the_oldest_goes(tmp_path: Path) -> None:
    log = tmp_path / "peerlog.log"
    for generation in range(5):
        log.write_text(f"generation {generation}\n" + "x" * 200)
        rotate_if_large(log, max_bytes=100, keep=3)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["peerlog.log.1", "peerlog.log.2", "peerlog.log.3"]
    assert (tmp_path / "peerlog.log.1").read_text().startswith("generation 4")
    assert (tmp_path / "peerlog.log.3").read_text().startswith("generation 2")
