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
from typing import TYPE_CHECKING

from desktop_app import __version__
from desktop_app.cli_arguments import iso_date
from desktop_app.cli_secrets import (
    BACKUP_PASSPHRASE,
    NEW_PASSPHRASE,
    PASSPHRASE,
    RECOVERY_CODE,
    ask_secret,
)
from desktop_app.logging_setup import setup_logging
from desktop_app.store.errors import StoreError

if TYPE_CHECKING:
    from desktop_app.store.database import Database, Unlocker

log = logging.getLogger(__name__)
Command = Callable[[argparse.Namespace], int]


def _unlocker_from_environment_or_prompt() -> Unlocker:
    """The recovery code when PEERLOG_RECOVERY_CODE is set, else the passphrase."""
    import os

    from desktop_app.store.database import passphrase_unlocker, recovery_unlocker

    if os.environ.get(RECOVERY_CODE):
        return recovery_unlocker(os.environ[RECOVERY_CODE])
    return passphrase_unlocker(ask_secret(PASSPHRASE, "Passphrase: "))


def cmd_init(args: argparse.Namespace) -> int:
    from desktop_app.services import databases

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
    from desktop_app.domain.protection.integrity import ProblemKind
    from desktop_app.services import databases

    problems = databases.check_database(args.db, _unlocker_from_environment_or_prompt())
    if problems and all(p.kind is ProblemKind.AUDIT_TRAIL for p in problems):
        print(
            "The audit trail's chain is broken: entries were changed or removed outside "
            "PeerLog. The records themselves passed every check.",
            file=sys.stderr,
        )
        for problem in problems[:20]:
            print(f"  {problem.text}", file=sys.stderr)
        return 1
    if problems:
        print("The database is damaged. Restore it from a backup.", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem.text}", file=sys.stderr)
        return 1
    print("The database passed every check.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop_app.services import databases

    db = _open_for_command(args.db)
    try:
        databases.backup_database(db, args.out)
    finally:
        db.close()
    print(f"Backup written to {args.out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    import os

    from desktop_app.services import databases
    from desktop_app.store.database import passphrase_unlocker

    current = _unlocker_from_environment_or_prompt()  # a coordinator's of the database replaced
    backup_passphrase = os.environ.get(BACKUP_PASSPHRASE)
    backup = passphrase_unlocker(backup_passphrase) if backup_passphrase else current
    replaced = databases.restore_database(args.backup, args.db, backup, current_unlock=current)
    print(f"Restored {args.backup} into {databases.database_folder(args.db)}")
    if replaced:
        print(f"The database it replaced is kept in {replaced}")
    return 0


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    from desktop_app.services import databases

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
    from desktop_app.services import databases

    code = ask_secret(RECOVERY_CODE, "Recovery code: ")
    new = ask_secret(NEW_PASSPHRASE, "New passphrase: ", confirm=True)
    db = databases.reset_passphrase_with_recovery_code(args.db, code, new)
    db.close()
    print("New passphrase set. The recovery code still works; keep it safe.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.services.demo.builder import DEMO_PASSPHRASE, create_demo_database

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


def _open_for_command(path: Path) -> Database:
    from desktop_app.services import databases
    from desktop_app.services.sync.exchange import settle_identity
    from desktop_app.store.database import Database

    db = Database.open_with(databases.database_folder(path), _unlocker_from_environment_or_prompt())
    settle_identity(db)
    return db


def cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.services.importing.template_import import (
        ImportRefused,
        preview_import,
        run_import,
    )

    db = _open_for_command(args.db)
    try:
        if args.dry_run:
            report = preview_import(db, args.source, progress=_progress_line)
        else:
            report = run_import(db, args.source, progress=_progress_line)
    except ImportRefused as refused:
        report = refused.report
    finally:
        _end_progress_line()
        db.close()
    if not report.ok:
        count = len(report.problems) + report.more_problems
        print(f"Nothing was imported: {count:,} problem(s) to fix first.", file=sys.stderr)
        for problem in report.problems:
            print(f"  {problem.describe()}", file=sys.stderr)
        if report.more_problems:
            print(f"  ... and {report.more_problems:,} more.", file=sys.stderr)
        return 1
    print("Checked; nothing was written (dry run):" if args.dry_run else "Imported:")
    for line in report.summary() or ["nothing to import"]:
        print(f"  {line}")
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from desktop_app.services.importing.template_files import write_template

    print(f"Template written to {write_template(args.out)}")
    return 0


def cmd_export_all(args: argparse.Namespace) -> int:
    from desktop_app.services.importing.export_all import export_all

    db = _open_for_command(args.db)
    try:
        written = export_all(db, args.out, progress=_progress_line, format=args.format)
    finally:
        _end_progress_line()
        db.close()
    print(f"Every record was written to {written}")
    print("This is personal data: keep it encrypted or locked away, and delete it when done.")
    return 0


def _progress_line(progress: object) -> None:
    from desktop_app.services.importing.template_import import ImportProgress

    if sys.stderr.isatty() and isinstance(progress, ImportProgress):
        share = f" {progress.done * 100 // progress.total}%" if progress.total else ""
        print(f"\r{progress.stage}{share}\033[K", end="", file=sys.stderr)


def _end_progress_line() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def cmd_return(args: argparse.Namespace) -> int:
    from desktop_app.domain.returns.disclosure import DisclosureRules, DisclosureSettingsError
    from desktop_app.domain.returns.periods import Period, PeriodError
    from desktop_app.domain.returns.templates import TemplateError
    from desktop_app.services.returns.build import build_return, export_return
    from desktop_app.services.returns.templates import DEFAULT_TEMPLATE, find_template

    try:
        period = Period(args.start, args.end)
        # Refuse a bad threshold before the passphrase.
        DisclosureRules(args.threshold, args.round, exact=True)
        template = find_template(args.template or DEFAULT_TEMPLATE)
        db = _open_for_command(args.db)
        try:
            protected = build_return(
                db, period, template, args.threshold, args.round, exact=args.exact
            )
            export_return(db, protected, args.format, args.out)
        finally:
            db.close()
    except (PeriodError, TemplateError, DisclosureSettingsError) as exc:
        print(f"peerlog: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"peerlog: could not write {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Return for {period.label} written to {args.out}")
    return 0


def cmd_combine(args: argparse.Namespace) -> int:
    """Combine members' returns into the alliance return; no database, no passphrase."""
    from desktop_app.services.alliance.combine import combine_returns, write_alliance

    result = combine_returns(args.returns)
    for note in result.notes:
        print(f"Note: {note}", file=sys.stderr)
    if result.alliance is None:
        count = len(result.problems)
        print(f"Nothing was combined: {count} problem(s) to fix first.", file=sys.stderr)
        for problem in result.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    try:
        write_alliance(result.alliance, args.format, args.out)
    except OSError as exc:
        print(f"peerlog: could not write {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Alliance return of {len(result.alliance.members)} members written to {args.out}")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop_app.ui.shell.app import run_gui

    return run_gui(database=args.db, demo=args.demo)


# Opening the app (no command) builds only the app's own options: the commands' parsers, and
# the modules they need, cost start-up time the window does not need.
def needs_commands(arguments: Sequence[str]) -> bool:
    """Whether these arguments could name a command, or ask for help (which lists the commands).
    Only `--db FOLDER`, `--demo`, `--version` and `--self-test` open the app without them."""
    for before, argument in zip(["", *arguments], arguments, strict=False):
        if argument in ("-h", "--help"):
            return True
        if not argument.startswith("-") and before != "--db":
            return True  # a command, or a mistyped one: the full parser names the choices
    return False


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
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
    if with_commands:
        _add_commands(parser)
    return parser


def _add_commands(parser: argparse.ArgumentParser) -> None:
    from desktop_app import cli_protection, cli_sync

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

    p = command("import", cmd_import, "import records from the PeerLog template")
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("source", type=Path, help="an .xlsx workbook, a .zip of CSV files or a folder")
    p.add_argument(
        "--dry-run", action="store_true", help="check and say what would change; write nothing"
    )

    p = command("template", cmd_template, "write the blank import template (.xlsx)")
    p.add_argument("--out", type=Path, required=True, help="workbook to write")

    p = command("export-all", cmd_export_all, "write every record to the template (personal data)")
    p.add_argument("--db", type=Path, required=True)
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        help="a .xlsx file, a new folder for CSV files, or an existing folder to write into",
    )
    p.add_argument(
        "--format", choices=("xlsx", "csv"), default="xlsx", help="when --out is a folder"
    )

    p = command("return", cmd_return, "write an anonymised return for a period")
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--from", dest="start", type=iso_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=iso_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument(
        "--template",
        help='"Alliance return" (the default), "Funder summary", or a template .json file',
    )
    p.add_argument(
        "--threshold",
        type=int,
        default=5,
        metavar="K",
        help="hide counts of people below K (3 to 10; default 5)",
    )
    p.add_argument("--round", action="store_true", help="round every count of people to 5")
    p.add_argument(
        "--exact",
        action="store_true",
        help="exact counts of people instead of slightly adjusted ones: they may identify "
        "people; only for a funder with a data sharing agreement (the file says so)",
    )
    p.add_argument("--format", choices=("pdf", "xlsx", "csv", "json"), required=True)
    p.add_argument("--out", type=Path, required=True, help="file to write")

    p = command("combine", cmd_combine, "combine member organisations' returns for an alliance")
    p.add_argument("--format", choices=("pdf", "xlsx", "csv", "json"), required=True)
    p.add_argument("--out", type=Path, required=True, help="file to write")
    p.add_argument(
        "returns",
        type=Path,
        nargs="+",
        metavar="RETURN_OR_FOLDER",
        help="members' .json returns, or folders of them",
    )

    cli_protection.add_commands(sub)
    cli_sync.add_commands(sub)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(with_commands=needs_commands(arguments))
    args = parser.parse_args(arguments)  # exits 2 on wrong usage
    if args.self_test:
        from desktop_app.self_test import run_self_test

        return run_self_test(main)  # before setup_logging: it logs into its own temporary folder
    setup_logging()
    from desktop_app import app_dirs
    from desktop_app.store.scratch import private_scratch

    try:
        with private_scratch(app_dirs.scratch_dir()):
            result: int = args.handler(args)
        return result
    except StoreError as exc:
        log.info("Command failed: %s", type(exc).__name__)
        print(f"peerlog: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("peerlog: cancelled.", file=sys.stderr)
        return 1
