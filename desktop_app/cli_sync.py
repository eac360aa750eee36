"""`peerlog sync`: send and receive changes through a shared folder, say how far behind each
laptop is, or join this laptop from a backup of another's database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop_app.cli_secrets import PASSPHRASE, ask_secret

Command = Callable[[argparse.Namespace], int]


def cmd_sync(args: argparse.Namespace) -> int:
    from desktop_app.domain.sync.report import SyncProblem
    from desktop_app.services import databases, sync
    from desktop_app.store.database import passphrase_unlocker

    passphrase = ask_secret(PASSPHRASE, "Passphrase: ")
    if args.join:
        if databases.database_folder(args.db).exists():
            print(
                f"peerlog: {args.db} already exists. To join, give a new database path.",
                file=sys.stderr,
            )
            return 1
        databases.restore_database(args.join, args.db, passphrase_unlocker(passphrase))
        print(f"Made {args.db} from the backup: it joins as a new laptop.")
    db = databases.open_database(args.db, passphrase)
    try:
        if args.status:
            _print_status(sync.status(db, args.folder))
            return 0
        report = sync.sync_now(db, _print_progress, args.folder)
        if sync.share_folder(db) is None:
            sync.set_share_folder(db, args.folder)
    except SyncProblem as problem:
        print(f"peerlog: {problem}", file=sys.stderr)
        return 1
    finally:
        db.close()
    _print_report(report)
    return 0


def _print_progress(done: int, total: int, what: str) -> None:
    del done, total, what  # quiet on the command line; the report says what happened


def _print_report(report: Any) -> None:
    print(f"Sent {report.sent} change{'s' if report.sent != 1 else ''}.")
    for laptop in report.received:
        parts = [
            f"{verb} " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
            for verb, counts in (
                ("added", laptop.added),
                ("updated", laptop.updated),
                ("removed", laptop.removed),
            )
            if counts
        ]
        print(f"From {laptop.laptop_name}: " + "; ".join(parts) + ".")
    if report.new_conflicts:
        print(
            f"{report.new_conflicts} field(s) were changed on two laptops: review them in "
            "PeerLog, under “Changes to check”."
        )
    for held in report.held:
        print(
            f"Held: changes from {held.laptop_name} would remove {held.removals} of "
            f"{held.records} records. A coordinator must confirm them in PeerLog first."
        )
    for sentence in report.skipped:
        print(sentence)


def _print_status(status: Any) -> None:
    print(f"Shared folder: {status.folder}")
    for laptop in status.laptops:
        when = laptop.last_synced.strftime("%d %b %Y %H:%M") if laptop.last_synced else "never"
        mark = " (this laptop)" if laptop.this_laptop else ""
        behind = "" if laptop.this_laptop else f", {laptop.behind} of this laptop's changes to go"
        print(f"{laptop.laptop_name}{mark}: last synced {when}{behind}")


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "sync",
        help="send and receive changes through a shared folder",
        description="Send this laptop's changes and apply other laptops' through a shared "
        "folder (OneDrive, Dropbox, a USB stick...).",
    )
    p.set_defaults(handler=cmd_sync)
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--folder", type=Path, required=True, help="the shared folder")
    p.add_argument("--status", action="store_true", help="say how far behind each laptop is")
    p.add_argument(
        "--join",
        type=Path,
        metavar="BACKUP",
        help="make --db from another laptop's backup file, then sync as a new laptop",
    )
