"""Who sent what and when: the same table on the PDF's page, the spreadsheet's first sheet and
the window's preview."""

from __future__ import annotations

from datetime import UTC

from desktop_app.domain.alliance.alliance_return import AllianceReturn
from desktop_app.domain.problems import long_date

HEADER = ("Member", "Identifier", "File", "Made", "PeerLog", "Return version")


def who_sent_what(alliance: AllianceReturn) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [HEADER]
    for member in alliance.members:
        made = "not said"
        if member.made is not None:
            when = member.made if member.made.tzinfo else member.made.replace(tzinfo=UTC)
            made = f"{long_date(when.date())} {when.astimezone(UTC):%H:%M} UTC"
        rows.append(
            (
                member.name,
                member.identifier or "not given",
                member.source,
                made,
                member.peerlog_version or "before 0.1",
                str(member.schema_version),
            )
        )
    return rows


def period_words(alliance: AllianceReturn) -> str:
    start, end = alliance.period
    return f"{long_date(start)} to {long_date(end)}"
