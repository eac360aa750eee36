"""The people who use PeerLog on one database: each has a name, a role and their own passphrase."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.domain.identity import new_id
from desktop_app.domain.problems import Problem, required_text
from desktop_app.domain.protection.roles import Role

USER_NAME_MAX = 80


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    id: str = field(default_factory=new_id)
    created_at: str = ""
    removed_at: str | None = None  # set when removed; their passphrase no longer opens anything

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", Role(self.role))


def validate_user(user: User) -> list[Problem]:
    return required_text(" ".join(user.name.split()), "name", "The user's name", USER_NAME_MAX)
