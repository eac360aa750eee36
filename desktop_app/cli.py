"""`peerlog`: the command line, a second front end over the same services as the GUI.

Exit codes: 0 success; 1 a problem the user can fix (one or two lines on stderr, no traceback);
2 wrong usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_app import __version__
from desktop_app.cli_secrets import NEW_PASSPHRASE, PASSPHRASE, RECOVERY_CODE, ask_secret
from desktop_app.logging_setup import setup_logging
from desktop_app.services import databases
from desktop_app.store.database import Database, Unlocker, passphrase_unlocker, recovery_unlocker
from desktop_app.store.errors import StoreError

log = logging.getLogger(__name__)
Command = Callable[[argparse.Namespace], int]


def _unlocker_from_environment_or_prompt() -> Unlocker:
    """The recovery code when PEERLOG_RECOVERY_CODE is set, else the passphrase."""
    import os

    if os.environ.get(RECOVERY_CODE):
        return recovery_unlocker(os.environ[RECOVERY_CODE])
    return passphrase_unlocker(ask_secret(PASSPHRASE, "Passphrase: "))


def cmd_init(args: argparse.Namespace) -> int:
    passphrase = ask_secret(PASSPHRASE, "Choose a passphrase: ", confirm=True)
    created = databases.create_database(args.db, args.organisation, passphrase)
    folder = created.database.folder
    created.database.close()
    print(f"Created {folder}")
    print()
    print("Your recovery code (write it down and keep it somewhere safe, away from the laptop):")
    print()
    print(f"    {created.recovery_code}")
    print()
    print("It is shown only this once. With it you can set a new passphrase if you forget yours.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    problems = databases.check_database(args.db, _unlocker_from_environment_or_prompt())
    if problems:
        print("The database is damaged. Restore it from a backup.", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("The database passed every check.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    db = Database.open_with(
        databases.database_folder(args.db), _unlocker_from_environment_or_prompt()
    )
    try:
        databases.backup_database(db, args.out)
    finally:
        db.close()
    print(f"Backup written to {args.out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    replaced = databases.restore_database(
        args.backup, args.db, _unlocker_from_environment_or_prompt()
    )
    print(f"Restored {args.backup} into {databases.database_folder(args.db)}")
    if replaced:
        print(f"The database it replaced is kept in {replaced}")
    return 0


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    current = ask_secret(PASSPHRASE, "Current passphrase: ")
    db = databases.open_database(args.db, current)
    try:
        new = ask_secret(NEW_PASSPHRASE, "New passphrase: ", confirm=True)
        databases.change_passphrase(db, current, new)
    finally:
        db.close()
    print("Passphrase changed. The old one no longer opens this database.")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    code = ask_secret(RECOVERY_CODE, "Recovery code: ")
    new = ask_secret(NEW_PASSPHRASE, "New passphrase: ", confirm=True)
    db = databases.reset_passphrase_with_recovery_code(args.db, code, new)
    db.close()
    print("New passphrase set. The recovery code still works; keep it safe.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.services.demo import DEMO_PASSPHRASE, create_demo_database

    def show_progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\rWriting the demo records: {done * 100 // total}%", end="", file=sys.stderr)

    created = create_demo_database(args.db, args.size, args.seed, show_progress)
    folder = created.database.folder
    created.database.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Created the demo database {folder}")
    print(f"Its passphrase is: {DEMO_PASSPHRASE}")
    print("Every person, volunteer and session in it is invented.")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop_app.ui.app import run_gui

    return run_gui(database=args.db, demo=args.demo)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peerlog",
        description="PeerLog: encrypted records and anonymised returns for peer support groups. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"PeerLog {__version__}")
    parser.add_argument("--db", type=Path, help="database to open in the app")
    parser.add_argument("--demo", action="store_true", help="open the app on the demo database")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this copy of PeerLog works (in a temporary folder), then exit",
    )
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Command, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        return p

    p = command("init", cmd_init, "create a new encrypted database")
    p.add_argument("--db", type=Path, required=True, help="folder to create (Name.peerlog)")
    p.add_argument("--organisation", required=True, help="organisation name")

    p = command("check", cmd_check, "run the full integrity checks")
    p.add_argument("--db", type=Path, required=True)

    p = command("backup", cmd_backup, "write an encrypted backup file")
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True, help="backup file to write")

    p = command("restore", cmd_restore, "replace a database with a backup")
    p.add_argument("--backup", type=Path, required=True)
    p.add_argument("--db", type=Path, required=True)

    p = command("change-passphrase", cmd_change_passphrase, "change your passphrase")
    p.add_argument("--db", type=Path, required=True)

    p = command("recover", cmd_recover, "set a new passphrase using the recovery code")
    p.add_argument("--db", type=Path, required=True)

    p = command("demo", cmd_demo, "create a demo database of invented records")
    p.add_argument("--db", type=Path, required=True, help="folder to create (Name.peerlog)")
    p.add_argument(
        "--size",
        choices=("small", "stress"),
        default="small",
        help="small: a year and a half of one group's records; stress: ten busy years "
        "(100,000 sessions) for measuring speed",
    )
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same records")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on wrong usage
    if args.self_test:
        from desktop_app.self_test import run_self_test

        return run_self_test()  # before setup_logging: it logs into its own temporary folder
    setup_logging()
    try:
        result: int = args.handler(args)
        return result
    except StoreError as exc:
        log.info("Command failed: %s", type(exc).__name__)
        print(f"peerlog: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("peerlog: cancelled.", file=sys.stderr)
        return 1
