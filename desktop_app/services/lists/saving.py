"""Saving a shown list as a file, and recording that it left PeerLog.

The file is written under a hidden name beside the one chosen and renamed once complete, so a
failed save (a full disk, a folder PeerLog may not write to) leaves nothing half-written, and
the user is told in words they can act on. Every list holding personal data that is saved or
printed is recorded in the audit trail ("People list (CSV)"): never its rows, nor its filters
(a search may be someone's name)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from desktop_app.domain.protection.audit import Action
from desktop_app.services.access import record
from desktop_app.services.lists.list_csv import write_csv
from desktop_app.services.lists.list_pdf import write_pdf
from desktop_app.services.lists.shown_list import ShownList
from desktop_app.store.database import Database
from desktop_app.store.errors import CannotWriteFile
from desktop_app.store.files import written_in_place
from desktop_app.store.private_files import open_private

log = logging.getLogger(__name__)

ListFormat = Literal["pdf", "csv"]
HOW = {"pdf": "PDF", "csv": "CSV", "printed": "printed"}


def save_list(
    db: Database,
    shown: ShownList,
    path: Path,
    format: ListFormat,
    on_page: Callable[[int], None] | None = None,
) -> Path:
    """Write `shown` to `path` as a PDF or a CSV file; returns the path written. `on_page` is
    told of each PDF page as it is laid out."""
    try:
        with written_in_place(path) as partial:
            if format == "pdf":
                with open_private(partial) as f:
                    write_pdf(shown, f, on_page)
            else:
                with open_private(partial, "w", encoding="utf-8-sig", newline="") as text:
                    write_csv(shown, text)
    except CannotWriteFile:
        raise
    except OSError as exc:  # a folder that has gone, a name the system refuses
        raise CannotWriteFile(
            f"PeerLog could not save {path.name} in {path.parent} ({exc.strerror or exc}). "
            "Nothing was saved. Choose another folder or name, and try again."
        ) from exc
    log.info("Saved a list as %s (%d rows)", format.upper(), len(shown.rows))
    audit_list_out(db, shown, format)
    return path


def audit_list_out(db: Database, shown: ShownList, how: Literal["pdf", "csv", "printed"]) -> None:
    """Record that a list holding personal data left PeerLog (a list without any is not)."""
    if shown.personal:
        record(db, Action.EXPORT, f"{shown.name} list ({HOW[how]})")
