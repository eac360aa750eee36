"""What `peerlog check` can find wrong, each problem with its kind, so that what to do about it
never depends on how its words begin."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ProblemKind(Enum):
    DAMAGED = "damaged"  # the file fails an integrity check or cannot be opened: restore a backup
    AUDIT_TRAIL = "audit trail"  # the records passed; the audit trail's chain is broken


@dataclass(frozen=True)
class CheckProblem:
    kind: ProblemKind
    text: str  # in words, for the report
