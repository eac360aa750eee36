"""Key slots: passphrases, recovery codes, and what a wrong secret does (and does not) do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.services import databases
from desktop_app.store import layout
from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.store.errors import TamperedKeyFile, WrongRecoveryCode, WrongSecret
from desktop_app.store.protection.keyslots import KdfParams, KeySlots
from desktop_app.store.protection.pending_audit import PENDING_FILE
from desktop_app.store.protection.recovery_code import normalise_recovery_code
from tests.conftest import PASSPHRASE
from tests.store.helpers import snapshot


def test_new_database_opens_with_passphrase_and_recovery_code(created: CreatedDatabase) -> None:
    folder = created.database.folder
    created.database.close()
    db = Database.open(folder, PASSPHRASE)
    assert db.setting("organisation_name") == "Test Group"
    db.close()
    db = Database.open_with_recovery_code(folder, created.recovery_code)
    assert db.setting("organisation_name") == "Test Group"
    db.close()


def test_wrong_passphrase_is_typed_and_changes_no_byte(created: CreatedDatabase) -> None:
    """Only the note of a failed unlock (for the audit trail) is written, beside the database."""
    folder = created.database.folder
    created.database.close()
    before = snapshot(folder)
    with pytest.raises(WrongSecret) as caught:
        Database.open(folder, "not the passphrase at all")
    assert "passphrase is not right" in str(caught.value)
    assert "not a database" not in str(caught.value)
    after = snapshot(folder)
    assert b"failed unlock" in after.pop(PENDING_FILE)
    assert after == before


def test_wrong_recovery_code_is_typed_and_changes_no_byte(created: CreatedDatabase) -> None:
    folder = created.database.folder
    created.database.close()
    before = snapshot(folder)
    wrong = "0000-0000-0000-0000-0000-0000"
    with pytest.raises(WrongRecoveryCode):
        Database.open_with_recovery_code(folder, wrong)
    with pytest.raises(WrongRecoveryCode, match="6 groups of 4"):
        Database.open_with_recovery_code(folder, "not a code")
    after = snapshot(folder)
    assert after.pop(PENDING_FILE).count(b"failed unlock") == 2
    assert after == before


def test_recovery_code_tolerates_case_spaces_and_confusable_letters() -> None:
    assert normalise_recovery_code("abcd efgh 0123 4567 89jk mnpq") == (
        "ABCD-EFGH-0123-4567-89JK-MNPQ"
    )
    assert normalise_recovery_code("O1IL-0000-0000-0000-0000-0000") == (
        "0111-0000-0000-0000-0000-0000"
    )
    assert normalise_recovery_code("ABCD-EFGH") == ""
    assert normalise_recovery_code("UUUU-0000-0000-0000-0000-0000") == ""


def test_slots_store_argon2id_parameters_at_or_above_the_minimum(created: CreatedDatabase) -> None:
    data = json.loads(layout.slots_file(created.database.folder).read_text())
    assert {s["kind"] for s in data["slots"]} == {"passphrase", "recovery"}
    for slot in data["slots"]:
        assert slot["kdf"]["algorithm"] == "argon2id"
        assert slot["kdf"]["memory_kib"] >= 19 * 1024
        assert slot["kdf"]["iterations"] >= 2
    assert KdfParams.standard().is_acceptable()


def test_change_passphrase_retires_the_old_one(created: CreatedDatabase) -> None:
    db = created.database
    databases.change_passphrase(db, PASSPHRASE, "a brand new passphrase")
    folder = db.folder
    db.close()
    with pytest.raises(WrongSecret):
        Database.open(folder, PASSPHRASE)
    Database.open(folder, "a brand new passphrase").close()
    Database.open_with_recovery_code(folder, created.recovery_code).close()


def test_change_passphrase_needs_the_current_one_and_a_good_new_one(db: Database) -> None:
    before = layout.slots_file(db.folder).read_bytes()
    with pytest.raises(WrongSecret):
        databases.change_passphrase(db, "wrong current passphrase", "another good passphrase")
    with pytest.raises(databases.InvalidInput, match="at least 10 characters"):
        databases.change_passphrase(db, PASSPHRASE, "short")
    assert layout.slots_file(db.folder).read_bytes() == before


def test_regenerated_recovery_code_replaces_the_old_one(created: CreatedDatabase) -> None:
    db = created.database
    new_code = db.regenerate_recovery_code()
    assert new_code != created.recovery_code
    folder = db.folder
    db.close()
    with pytest.raises(WrongRecoveryCode):
        Database.open_with_recovery_code(folder, created.recovery_code)
    Database.open_with_recovery_code(folder, new_code).close()
    Database.open(folder, PASSPHRASE).close()


def test_recover_sets_a_new_passphrase(created: CreatedDatabase) -> None:
    folder = created.database.folder
    created.database.close()
    db = databases.reset_passphrase_with_recovery_code(
        folder, created.recovery_code, "my new remembered phrase"
    )
    db.close()
    with pytest.raises(WrongSecret):
        Database.open(folder, PASSPHRASE)
    Database.open(folder, "my new remembered phrase").close()


def test_a_slot_copied_from_another_database_does_not_open_it(tmp_path: Path) -> None:
    a = databases.create_database(tmp_path / "A", "Group A", PASSPHRASE)
    b = databases.create_database(tmp_path / "B", "Group B", "another passphrase!")
    a.database.close()
    b.database.close()
    slots_a = KeySlots.load(layout.slots_file(a.database.folder))
    slots_b = KeySlots.load(layout.slots_file(b.database.folder))
    forged = KeySlots(slots_b.database_id, slots_a.slots)
    # the passphrase is right for the slot, the slot wrong for the database: damage, not a typo
    with pytest.raises(TamperedKeyFile, match=r"keyslots\.json"):
        forged.unlock_with_passphrase(PASSPHRASE)
