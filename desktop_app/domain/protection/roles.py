"""Who may do what. PeerLog enforces roles in its services; the encryption does not know about
them: anyone with a valid passphrase and the database folder could read everything with other
SQLCipher tools. Roles stop mistakes and keep to agreed ways of working; they are not a lock."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    COORDINATOR = "coordinator"
    LEAD = "lead"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {Role.COORDINATOR: "Coordinator", Role.LEAD: "Peer support lead"}


class Permission(StrEnum):
    LOG_RECORDS = "log sessions, people, volunteers, hours and outcomes"
    EXPORT_RETURNS = "export returns for funders"
    EXPORT_ALL = "export records (everything, or all we hold about one person)"
    ERASE = "erase or anonymise people"
    MANAGE_USERS = "add and remove users"
    CHANGE_SETTINGS = "change settings"
    VIEW_AUDIT = "view and export the audit trail"
    RESTORE = "replace the database with a backup"
    SEE_ALL_CONCERNS = "see and change safeguarding concerns raised by others"


_LEAD_MAY = frozenset({Permission.LOG_RECORDS})


def may(role: Role, permission: Permission) -> bool:
    """Coordinators may do everything; peer support leads log the everyday records."""
    return role is Role.COORDINATOR or permission in _LEAD_MAY


def refusal_message(role: Role, permission: Permission) -> str:
    return (
        f"A {role.label.lower()} cannot {permission.value}. Ask a coordinator to do this, "
        "or to change your role."
    )
