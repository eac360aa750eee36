"""Viewing, filtering, exporting and checking the audit trail (coordinators only)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop_app.domain.audit import Action, AuditEntry, AuditFilter
from desktop_app.domain.listing import Page, Paged
from desktop_app.domain.roles import Permission
from desktop_app.domain.spreadsheet_text import csv_cell
from desktop_app.services.access import RECOVERY_USER_NAME, exporting, require
from desktop_app.store.database import Database
from desktop_app.store.files import plain_write_errors, write_atomically
from desktop_app.store.protection import audit_repo, users

CSV_COLUMNS = ("entry", "when (UTC)", "user", "action", "record kind", "record id", "hash")


def list_entries(
    db: Database, filter: AuditFilter | None = None, page: Page | None = None
) -> Paged[AuditEntry]:
    """One page of entries, newest first."""
    require(db, Permission.VIEW_AUDIT)
    return audit_repo.list_entries(db.connection(), filter or AuditFilter(), page or Page())


def user_names(db: Database) -> dict[str, str]:
    """user id -> name, including removed users, for showing entries."""
    names = {u.id: u.name for u in users.list_users(db.connection(), include_removed=True)}
    return {"": RECOVERY_USER_NAME, **names}


def chain_problems(db: Database) -> list[str]:
    """Where the chain is broken (empty when every entry is as it was written)."""
    return audit_repo.problems(db.connection())


def export_csv(db: Database, out: Path, filter: AuditFilter | None = None) -> int:
    """Write the matching entries (oldest first) to a CSV file; how many were written."""
    with exporting(db, Permission.VIEW_AUDIT, Action.EXPORT, "audit trail"):
        names = user_names(db)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        count = 0
        for e in audit_repo.matching_entries(db.connection(), filter or AuditFilter()):
            user = names.get(e.user_id, "Unknown user")
            row = [e.seq, e.at, user, e.action, e.record_kind, e.record_id, e.hash]
            writer.writerow([csv_cell(value) for value in row])
            count += 1
        with plain_write_errors(out):
            write_atomically(out, buffer.getvalue().encode("utf-8"))
    return count
