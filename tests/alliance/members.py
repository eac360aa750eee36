"""Three invented members of an alliance, as the JSON returns they would send, small enough to
add up by hand. Red Kite shows everything; Heron hides small figures; Otter's counts of people
are adjusted (perturbed). All use cell key perturbation with threshold 5 and the same template."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

PERTURBED_NOTE = "Counts of people have been adjusted slightly to protect privacy."
PEOPLE = [
    "/participants/unique",
    "/participants/new",
    "/breakdowns/gender/woman",
    "/breakdowns/gender/man",
    "/breakdowns/gender/non_binary",
    "/outcomes/wemwbs/people",
    "/outcomes/wemwbs/improved",
]


def member(
    name: str,
    identifier: str | None,
    *,
    made: str = "2025-04-10T09:00:00Z",
    sessions: tuple[int, int, int] = (10, 6, 4),  # total, group, one_to_one
    hours: float = 15.0,
    months: tuple[int | None, int | None] = (6, 4),
    attendances: tuple[int | None, int | None] = (50, 10),  # registered, anonymous
    people: tuple[int, int] = (20, 10),
    gender: tuple[int, int, int] = (10, 10, 0),
    wemwbs: tuple[int, float | None, int] = (10, 3.0, 5),  # people, mean change, improved
    referrals: dict[str, int | None] | None = None,
    concerns: int | None = 0,
    districts: dict[str, int] | None = None,
) -> dict[str, Any]:
    referrals = {"debt_advice": 5, "talking_therapies": 5} if referrals is None else referrals
    doc: dict[str, Any] = {
        "schema": "peerlog.return/2",
        "publisher": {"identifier": identifier, "name": name},
        "made": made,
        "peerlog_version": "0.1.0",
        "organisation": name,
        "template": "Our alliance",
        "template_version": "2025.1",
        "period": {"from": "2024-04-01", "to": "2024-05-31"},
        "threshold": 5,
        "rounding": "none",
        "disclosure": {
            "method": "cell_key_perturbation",
            "ptable": "peerlog-5",
            "threshold": 5,
            "base": 5,
            "note": PERTURBED_NOTE,
        },
        "sessions": {
            "total": sessions[0],
            "hours_delivered": hours,
            "by_kind": {"group": sessions[1], "one_to_one": sessions[2], "drop_in": 0},
            "by_mode": {"in_person": sessions[0], "phone": 0, "online": 0},
            "per_month": {"2024-04": months[0], "2024-05": months[1]},
        },
        "attendances": {
            "registered": attendances[0],
            "anonymous": attendances[1],
            "total": None if None in attendances else sum(attendances),  # type: ignore[arg-type]
            "per_month": {"2024-04": 30, "2024-05": 30},
        },
        "participants": {"unique": people[0], "new": people[1]},
        "breakdowns": {
            "gender": {
                "woman": gender[0],
                "man": gender[1],
                "non_binary": gender[2],
                "self_described": 0,
                "not_stated": 0,
            },
        },
        "outcomes": {
            "wemwbs": {
                "people": wemwbs[0],
                "mean_baseline": 40.0 if wemwbs[1] is not None else None,
                "mean_follow_up": 43.0 if wemwbs[1] is not None else None,
                "mean_change": wemwbs[1],
                "improved": wemwbs[2],
                "worse": 0,
                "no_change": 5,
            }
        },
        "onward_referrals": {
            "total": None if None in referrals.values() else sum(referrals.values()),  # type: ignore[arg-type]
            "by_destination": referrals,
        },
        "safeguarding": {"concerns": concerns},
        "case_studies": [],
        "rules": [{"title": "How", "text": "By the rules."}],
        "suppressed": [],
        "perturbed": list(PEOPLE),
    }
    if districts is not None:
        doc["breakdowns"]["postcode_district"] = districts
    doc["suppressed"] = sorted(_nulls(doc))
    return doc


def _nulls(doc: dict[str, Any], at: str = "") -> list[str]:
    found: list[str] = []
    for key, value in doc.items():
        if key in ("publisher", "disclosure", "period"):
            continue
        if isinstance(value, dict):
            found += _nulls(value, f"{at}/{key}")
        elif value is None and at:
            found.append(f"{at}/{key}")
    return found


def red_kite() -> dict[str, Any]:
    return member("Red Kite Peers", "GB-CHC-1111111", districts={"LS1": 12, "LS2": 8})


def heron() -> dict[str, Any]:
    """Hides: a small month of sessions, the anonymous headcount, a referral destination, its
    safeguarding concerns, and its mean change (from fewer than 5 people)."""
    return member(
        "Heron Wellbeing",
        "GB-SC-SC012345",
        sessions=(7, 7, 0),
        hours=10.5,
        months=(None, None),
        attendances=(40, None),
        people=(15, 5),
        gender=(5, 10, 0),
        wemwbs=(5, None, 5),
        referrals={"debt_advice": None, "talking_therapies": 6},
        concerns=None,
        districts={"LS1": 15},
    )


def otter() -> dict[str, Any]:
    """Counts of people adjusted through the ptable: 0 for a few people, 5s and 10s."""
    return member(
        "Otter Café",
        "GB-COH-01234567",
        sessions=(3, 0, 3),
        hours=4.5,
        months=(0, 3),
        attendances=(12, 8),
        people=(10, 5),
        gender=(5, 0, 5),
        wemwbs=(10, 1.0, 5),
        referrals={"debt_advice": 0, "talking_therapies": 0},
        districts={"LS2": 10},
    )


def version_1(doc: dict[str, Any]) -> dict[str, Any]:
    """The same return as PeerLog wrote it before perturbation: exact counts, no envelope."""
    old = copy.deepcopy(doc)
    for key in ("publisher", "made", "peerlog_version", "template_version", "disclosure"):
        old.pop(key)
    old["perturbed"] = []
    old.pop("perturbed")
    old["schema"] = "peerlog.return/1"
    return old


def write(folder: Path, name: str, doc: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


def write_members(folder: Path) -> list[Path]:
    return [
        write(folder, "red-kite.json", red_kite()),
        write(folder, "heron.json", heron()),
        write(folder, "otter.json", otter()),
    ]
