"""Changing settings: coordinators only, and each change is in the audit trail (by name of the
setting; the value is not recorded). Simple settings that belong to no other service live here."""

from __future__ import annotations

from desktop_app.domain.alliance.org_id import OrgIdError, normalise_org_id
from desktop_app.domain.problems import Problem, optional_text
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.volunteers import DBS_RENEWAL_YEARS
from desktop_app.services.access import change
from desktop_app.services.validation import refuse
from desktop_app.store import settings_repo
from desktop_app.store.database import Database

ORGANISATION_SETTING = "organisation_name"
IDENTIFIER_SETTING = "organisation_identifier"
AUTO_LOCK_SETTING = "auto_lock_minutes"
DEFAULT_AUTO_LOCK_MINUTES = 5
ORGANISATION_NAME_MAX = 200
MAX_AUTO_LOCK_MINUTES = 120
DBS_YEARS_SETTING = "dbs_renewal_years"
MAX_DBS_YEARS = 10
HOURLY_RATE_SETTING = "volunteer_hourly_rate"
MAX_HOURLY_RATE = 1000.0


def change_setting(db: Database, key: str, value: str) -> None:
    with change(db, Permission.CHANGE_SETTINGS) as work:
        settings_repo.put(work.conn, key, value)
        work.record(Action.SETTING_CHANGE, "setting", key)


def organisation_name(db: Database) -> str:
    return db.setting(ORGANISATION_SETTING, "") or ""


def set_organisation_name(db: Database, name: str) -> None:
    cleaned = name.strip()
    if not cleaned:
        refuse([Problem("organisation_name", "Give the organisation a name, as on returns.")])
    refuse(optional_text(cleaned, "organisation_name", "The name", ORGANISATION_NAME_MAX))
    change_setting(db, ORGANISATION_SETTING, cleaned)


def organisation_identifier(db: Database) -> str:
    """The organisation's identifier written the org-id way (GB-CHC-1234567), or "" if unset."""
    return db.setting(IDENTIFIER_SETTING, "") or ""


def set_organisation_identifier(db: Database, identifier: str) -> None:
    """Set the identifier returns carry, so an alliance can tell its members apart; "" clears it."""
    value = ""
    if identifier.strip():
        try:
            value = normalise_org_id(identifier)
        except OrgIdError as exc:
            refuse([Problem("organisation_identifier", str(exc))])
    change_setting(db, IDENTIFIER_SETTING, value)


def stored_count(db: Database, key: str, most: int, default: int) -> int:
    """A whole-number setting from 1 to `most`; `default` when unset or out of range."""
    stored = db.setting(key)
    if stored and stored.isdigit() and 1 <= int(stored) <= most:
        return int(stored)
    return default


def change_count(db: Database, key: str, value: int, most: int, unit: str, field: str) -> None:
    """Set a whole-number setting from 1 to `most` (coordinators only)."""
    if not 1 <= value <= most:
        refuse([Problem(field, f"Choose from 1 to {most} {unit}; you entered {value}.")])
    change_setting(db, key, str(value))


def auto_lock_minutes(db: Database) -> int:
    """Idle minutes before PeerLog locks itself (5 unless changed)."""
    return stored_count(db, AUTO_LOCK_SETTING, MAX_AUTO_LOCK_MINUTES, DEFAULT_AUTO_LOCK_MINUTES)


def set_auto_lock_minutes(db: Database, minutes: int) -> None:
    change_count(
        db, AUTO_LOCK_SETTING, minutes, MAX_AUTO_LOCK_MINUTES, "minutes", "auto_lock_minutes"
    )


def dbs_renewal_years(db: Database) -> int:
    """How often DBS checks are renewed, in years (3 unless changed)."""
    return stored_count(db, DBS_YEARS_SETTING, MAX_DBS_YEARS, DBS_RENEWAL_YEARS)


def set_dbs_renewal_years(db: Database, years: int) -> None:
    change_count(db, DBS_YEARS_SETTING, years, MAX_DBS_YEARS, "years", "dbs_renewal_years")


def volunteer_hourly_rate(db: Database) -> float | None:
    """Pounds an hour used to value volunteer time on returns; None when not set."""
    stored = db.setting(HOURLY_RATE_SETTING)
    try:
        return float(stored) if stored else None
    except ValueError:
        return None


def set_volunteer_hourly_rate(db: Database, pounds: float | None) -> None:
    if pounds is not None and not 0 < pounds <= MAX_HOURLY_RATE:
        message = f"Give a rate from £0.01 to £{MAX_HOURLY_RATE:,.0f} an hour, or leave it empty."
        refuse([Problem("volunteer_hourly_rate", message)])
    change_setting(db, HOURLY_RATE_SETTING, "" if pounds is None else f"{pounds:.2f}")
