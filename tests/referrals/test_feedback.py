"""Feedback to the referrer: refused without the person's consent; with it, a PDF under the
standard's headings (read back with pypdf), wellbeing scores only when they agreed, a record of
each note and an audit entry; a failed write leaves neither file nor record."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.domain.outcomes.change import Stage
from desktop_app.domain.people import Person
from desktop_app.services import outcomes, settings
from desktop_app.services.referrals import feedback
from desktop_app.services.referrals import records as referrals
from desktop_app.services.validation import ValidationFailed
from desktop_app.store.database import Database
from desktop_app.store.protection import audit_repo
from tests.conftest import file_mode
from tests.referrals.conftest import attend, referral_for

RECEIVED = date(2026, 4, 2)


def _text(path: Path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(path).pages)


def _audited(db: Database, kind: str) -> list[str]:
    entries = audit_repo.all_entries(db.connection())
    return [e.record_id for e in entries if e.record_kind == kind]


def test_no_note_without_consent(db: Database, amara: Person, tmp_path: Path) -> None:
    row = referrals.add_referral(db, referral_for(amara.id, RECEIVED))
    note = feedback.new_note(db, row.progress.referral.id)
    folder = tmp_path / "notes"
    folder.mkdir()
    with pytest.raises(ValidationFailed) as failed:
        feedback.write_feedback(db, note, folder / "note.pdf")
    assert "Amara K. has not agreed" in failed.value.messages_for("consent_to_feedback")[0]
    assert list(folder.iterdir()) == []
    assert feedback.feedback_notes(db, row.progress.referral.id) == []
    assert _audited(db, "feedback note") == []


def test_a_note_with_consent_under_the_standard_headings(
    db: Database, amara: Person, tmp_path: Path, permissive_umask: None
) -> None:
    settings.set_organisation_name(db, "Brightside Peer Support")
    row = referrals.add_referral(
        db, referral_for(amara.id, RECEIVED, consent_to_feedback=True, share_scores=False)
    )
    attend(db, amara.id, date(2026, 4, 9), date(2026, 4, 16))
    outcomes.record_outcome_total(db, amara.id, "SWEMWBS", Stage.BASELINE, date(2026, 4, 9), 17)
    note = replace(
        feedback.new_note(db, row.progress.referral.id),
        what_changed="She says she looks forward to Thursdays.",
        scores_included=True,  # asked for, but she did not agree: left out
    )
    assert note.support == "Group peer support (2 sessions)"
    out = tmp_path / "feedback.pdf"
    saved = feedback.write_feedback(db, note, out)
    text = _text(out)
    for heading in (
        "Feedback from Brightside Peer Support",
        "Did they attend?",
        "What support they had",
        "What changed for them",
        "Where things stand",
    ):
        assert heading in text
    assert "Yes: 2 sessions since the referral, the first on 9 April 2026." in text
    assert "Riverside surgery (Link worker)" in text
    assert "looks forward to Thursdays" in text
    assert "Wellbeing" not in text and "SWEMWBS" not in text
    assert file_mode(out) == 0o600
    kept = feedback.feedback_notes(db, row.progress.referral.id)
    assert kept == [replace(saved, created_at=kept[0].created_at)]
    assert not kept[0].scores_included and kept[0].sessions_attended == 2
    assert _audited(db, "feedback note") == [saved.id]


def test_scores_only_when_the_person_agreed(db: Database, amara: Person, tmp_path: Path) -> None:
    row = referrals.add_referral(
        db, referral_for(amara.id, RECEIVED, consent_to_feedback=True, share_scores=True)
    )
    outcomes.record_outcome_total(db, amara.id, "SWEMWBS", Stage.BASELINE, date(2026, 4, 9), 17)
    outcomes.record_outcome_total(db, amara.id, "SWEMWBS", Stage.REVIEW, date(2026, 6, 4), 24)
    note = feedback.new_note(db, row.progress.referral.id)
    assert note.scores_included
    out = tmp_path / "feedback.pdf"
    feedback.write_feedback(db, note, out)
    text = _text(out)
    assert "Wellbeing scores (shared with their agreement)" in text
    assert "9 April 2026" in text and "4 June 2026" in text and "higher is better" in text
    assert "Not yet: they have not come to a session" in text


@pytest.mark.parametrize("failing", ["the PDF", "the audit entry"])
def test_a_failed_write_leaves_nothing(
    db: Database, amara: Person, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    row = referrals.add_referral(db, referral_for(amara.id, RECEIVED, consent_to_feedback=True))
    from desktop_app.services.referrals import feedback_pdf
    from desktop_app.store.protection import audit_repo as audit_store

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    if failing == "the PDF":
        monkeypatch.setattr(feedback_pdf, "write_letter_pdf", broken)
    else:  # the PDF is written, then saving the record fails: the PDF goes
        monkeypatch.setattr(audit_store, "append", broken)
    folder = tmp_path / "notes"
    folder.mkdir()
    note = feedback.new_note(db, row.progress.referral.id)
    with pytest.raises(OSError):
        feedback.write_feedback(db, note, folder / "note.pdf")
    monkeypatch.undo()
    assert list(folder.iterdir()) == []
    assert feedback.feedback_notes(db, row.progress.referral.id) == []
    assert _audited(db, "feedback note") == []
