"""`peerlog users ...` and `peerlog audit ...`: managing users and reading the audit trail from
the command line. Each opens the database with PEERLOG_PASSPHRASE (or asks for it): what the
command may do follows the role of the user whose passphrase it is."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli_secrets import NEW_PASSPHRASE, PASSPHRASE, ask_secret
from desktop_app.domain.protection.roles import Role

if TYPE_CHECKING:
    from desktop_app.domain.protection.audit import AuditFilter
    from desktop_app.store.database import Database

Command = Callable[[argparse.Namespace], int]


def _open(args: argparse.Namespace) -> Database:
    from desktop_app.services import databases

    return databases.open_database(args.db, ask_secret(PASSPHRASE, "Your passphrase: "))


def cmd_users_list(args: argparse.Namespace) -> int:
    from desktop_app.services.protection import users

    db = _open(args)
    try:
        for user in users.list_users(db, include_removed=args.all):
            removed = f"  (removed {user.removed_at[:10]})" if user.removed_at else ""
            print(f"{user.id}  {user.role.label:<18}  {user.name}{removed}")
        print()
        print(users.ROLES_ARE_NOT_ENCRYPTION)
    finally:
        db.close()
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    from desktop_app.services.protection import users

    db = _open(args)
    try:
        passphrase = ask_secret(NEW_PASSPHRASE, f"Passphrase for {args.name}: ", confirm=True)
        user = users.add_user(db, args.name, Role(args.role), passphrase)
    finally:
        db.close()
    print(f"Added {user.name} as {user.role.label.lower()} ({user.id}).")
    print("Their passphrase now opens this database. Tell it to them in person.")
    return 0


def cmd_users_remove(args: argparse.Namespace) -> int:
    from desktop_app.services.protection import users

    db = _open(args)
    try:
        users.remove_user(db, args.user)
    finally:
        db.close()
    print("User removed. Their passphrase no longer opens this database.")
    return 0


def _filter(args: argparse.Namespace) -> AuditFilter:
    from desktop_app.domain.protection.audit import AuditFilter

    return AuditFilter(
        start=args.start,
        end=args.end,
        actions=tuple(args.action or ()),
        record_id=args.record,
    )


def cmd_audit_list(args: argparse.Namespace) -> int:
    from desktop_app.domain.listing import Page
    from desktop_app.services.protection import audit

    db = _open(args)
    try:
        names = audit.user_names(db)
        paged = audit.list_entries(db, _filter(args), Page(limit=args.limit))
        for e in paged.rows:
            user = names.get(e.user_id, "Unknown user")
            print(f"{e.seq:>6}  {e.at}  {user:<24}  {e.action:<18}  {e.record_kind} {e.record_id}")
        print(f"{len(paged.rows)} of {paged.total} entries, newest first.")
    finally:
        db.close()
    return 0


def cmd_audit_export(args: argparse.Namespace) -> int:
    from desktop_app.services.protection import audit

    db = _open(args)
    try:
        count = audit.export_csv(db, args.out, _filter(args))
    finally:
        db.close()
    print(f"Wrote {count} entries to {args.out}")
    return 0


def add_commands(sub: Any) -> None:
    """Add the `users` and `audit` commands to the main parser's subcommands."""
    from desktop_app.cli_arguments import iso_date

    def group(name: str, help_text: str) -> Any:
        parser = sub.add_parser(name, help=help_text, description=help_text)
        return parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    def command(parent: Any, name: str, handler: Command, help_text: str) -> Any:
        p = parent.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        p.add_argument("--db", type=Path, required=True)
        return p

    people = group("users", "list, add and remove the users of a database")
    p = command(people, "list", cmd_users_list, "list users and their roles")
    p.add_argument("--all", action="store_true", help="include removed users")
    p = command(people, "add", cmd_users_add, "add a user with their own passphrase")
    p.add_argument("--name", required=True)
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.LEAD.value)
    p = command(people, "remove", cmd_users_remove, "remove a user (their passphrase stops)")
    p.add_argument("--user", required=True, help="the user's id, from `peerlog users list`")

    trail = group("audit", "read and export the audit trail (coordinators)")
    for name, handler, help_text in (
        ("list", cmd_audit_list, "show audit entries, newest first"),
        ("export", cmd_audit_export, "write audit entries to a CSV file"),
    ):
        p = command(trail, name, handler, help_text)
        p.add_argument("--start", type=iso_date, help="first day (YYYY-MM-DD)")
        p.add_argument("--end", type=iso_date, help="last day (YYYY-MM-DD)")
        p.add_argument("--action", action="append", help="only this action (may repeat)")
        p.add_argument("--record", help="only entries about this record id")
        if name == "list":
            p.add_argument("--limit", type=int, default=50)
        else:
            p.add_argument("--out", type=Path, required=True, help="CSV file to write")
