"""Feedback to the referrer: a short printable note (PDF), only with the person's consent, and
each one in the audit trail. The note and its record are saved together or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from desktop_app.domain.outcomes.change import OutcomeRecord
from desktop_app.domain.protection.audit import Action
from desktop_app.domain.protection.roles import Permission
from desktop_app.domain.referrals.feedback import (
    FeedbackNote,
    Letter,
    ScoreLine,
    cleaned_note,
    letter,
    refusal,
    validate_note,
)
from desktop_app.domain.vocabularies import SESSION_KIND
from desktop_app.services import outcomes, settings
from desktop_app.services.access import change
from desktop_app.services.referrals.records import get_referral
from desktop_app.services.validation import refuse
from desktop_app.store.database import Database, utc_now
from desktop_app.store.records import referrals_repo


def new_note(db: Database, referral_id: str) -> FeedbackNote:
    """A note to start from: sessions attended, and the support they had in words."""
    row = get_referral(db, referral_id)
    kinds = referrals_repo.session_kinds_attended(db.connection(), referral_id)
    support = "; ".join(
        f"{SESSION_KIND.label(kind)} ({count} session{'s' if count != 1 else ''})"
        for kind, count in kinds
        if kind in SESSION_KIND
    )
    return FeedbackNote(
        referral_id=referral_id,
        written_on=date.today(),
        sessions_attended=row.progress.sessions_attended,
        support=support,
        scores_included=row.progress.referral.share_scores,
    )


def score_lines(db: Database, person_id: str, since: date) -> list[ScoreLine]:
    """Each measure's first and latest score taken on or after `since`."""
    by_measure: dict[str, list[OutcomeRecord]] = {}
    for record in outcomes.person_outcomes(db, person_id):
        if record.taken_on >= since and record.score.headline is not None:
            by_measure.setdefault(record.measure_code, []).append(record)
    lines = []
    for code, records in by_measure.items():
        records.sort(key=lambda r: r.taken_on)
        measure = outcomes.measure(db, code)
        first, last = records[0], records[-1]
        more = len(records) > 1
        lines.append(
            ScoreLine(
                measure=measure.name,
                first_on=first.taken_on,
                first=float(first.score.headline or 0),
                latest_on=last.taken_on if more else None,
                latest=float(last.score.headline or 0) if more else None,
                higher_is_better=measure.higher_is_better,
            )
        )
    return lines


def prepared(db: Database, note: FeedbackNote) -> tuple[FeedbackNote, Letter]:
    """The note as it will be kept, and what it will say. Refused (ValidationFailed) without
    the person's consent; scores only when the person agreed to share them."""
    row = get_referral(db, note.referral_id)
    referral = row.progress.referral
    no_consent = refusal(referral, row.person_name)
    if no_consent is not None:
        refuse([no_consent])
    n = replace(
        cleaned_note(note),
        sessions_attended=row.progress.sessions_attended,
        scores_included=note.scores_included and referral.share_scores,
    )
    refuse(validate_note(n, date.today()))
    scores: Sequence[ScoreLine] = ()
    if n.scores_included:
        scores = score_lines(db, referral.person_id, referral.received_on)
    words = letter(n, row.progress, row.person_name, settings.organisation_name(db), scores)
    return n, words


def write_feedback(db: Database, note: FeedbackNote, out: Path) -> FeedbackNote:
    """Write the note as a PDF at `out` and keep a record of it (what it said), with an audit
    entry. Refused without consent; on any failure neither the file nor the record is left."""
    from desktop_app.services.referrals.feedback_pdf import write_letter_pdf

    saved, words = prepared(db, note)
    written = False
    try:
        with change(db, Permission.LOG_RECORDS) as work:
            referrals_repo.insert_feedback(work.conn, saved, utc_now())
            work.record(Action.EXPORT, "feedback note", saved.id)
            write_letter_pdf(words, out)
            written = True
    except BaseException:
        if written:  # the record was not saved: the note it would have recorded goes too
            out.unlink(missing_ok=True)
        raise
    return saved


def feedback_notes(db: Database, referral_id: str) -> list[FeedbackNote]:
    return referrals_repo.feedback_notes(db.connection(), referral_id)
