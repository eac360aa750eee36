"""Changing settings: coordinators only, and each change is in the audit trail (by name of the
setting; the value is not recorded)."""

from __future__ import annotations

from desktop_app.domain.audit import Action
from desktop_app.domain.roles import Permission
from desktop_app.services.access import change
from desktop_app.store import settings_repo
from desktop_app.store.database import Database


def change_setting(db: Database, key: str, value: str) -> None:
    with change(db, Permission.CHANGE_SETTINGS) as work:
        settings_repo.put(work.conn, key, value)
        work.record(Action.SETTING_CHANGE, "setting", key)
