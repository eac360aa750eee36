"""Refusing invalid input: the one error a form shows field by field."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.domain.problems import Problem
from desktop_app.store.errors import StoreError


class ValidationFailed(StoreError):
    """The input cannot be saved as it is; nothing was written. `problems` says what to fix,
    field by field; `str(error)` says it all in one message for front ends without fields."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        lines = " ".join(p.message for p in self.problems)
        super().__init__(f"Nothing was saved. {lines}")

    def messages_for(self, field: str) -> list[str]:
        return [p.message for p in self.problems if p.field == field]


def refuse(problems: Sequence[Problem]) -> None:
    if problems:
        raise ValidationFailed(problems)
