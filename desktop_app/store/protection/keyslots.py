"""Key slots: the random data key, stored only wrapped, once per secret.

Each slot derives a key-encryption key from a secret (a user's passphrase or the recovery code)
with Argon2id, and wraps the 256-bit data key with AES-256-GCM. The slot's id, kind and the
database id are bound in as associated data, so a slot cannot be moved to another database or
relabelled. The file is rewritten atomically (temp file, fsync, rename), so a crash at any moment
leaves either the old or the new set of slots in place.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from desktop_app.store.errors import (
    DamagedDatabase,
    TamperedKeyFile,
    WrongRecoveryCode,
    WrongSecret,
)
from desktop_app.store.files import write_atomically
from desktop_app.store.protection.recovery_code import normalise_recovery_code

FORMAT = "peerlog.keyslots/1"
DATA_KEY_BYTES = 32
SlotKind = Literal["passphrase", "recovery"]


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    iterations: int
    lanes: int

    @staticmethod
    def standard() -> KdfParams:
        """About half a second on a laptop of a few years old."""
        return KdfParams(memory_kib=128 * 1024, iterations=3, lanes=4)

    @staticmethod
    def minimum() -> KdfParams:
        """The least PeerLog accepts (OWASP's Argon2id floor): 19 MiB, 2 passes."""
        return KdfParams(memory_kib=19 * 1024, iterations=2, lanes=1)

    @staticmethod
    def for_new_slots() -> KdfParams:
        """Standard, or the minimum when PEERLOG_FAST_KDF=1 (tests and the self-test only)."""
        return KdfParams.minimum() if _fast_kdf() else KdfParams.standard()

    @staticmethod
    def floor() -> KdfParams:
        """The least a stored slot may ask for. PeerLog has only ever written 128 MiB with 3 or 4
        passes, so a slot asking for less was lowered by someone who could write the key file.
        Under PEERLOG_FAST_KDF=1 the floor is the minimum, which that mode writes.
        Keep this when `standard()` is raised: older slots must still open."""
        return KdfParams.minimum() if _fast_kdf() else KdfParams(128 * 1024, 3, 1)

    def is_acceptable(self) -> bool:
        """At or above the floor in memory and passes (lanes share out the same work), and at
        or below the ceiling: a key file asking for more could exhaust the computer's memory,
        or keep it busy for hours, before the passphrase was even checked."""
        floor, ceiling = KdfParams.floor(), KdfParams.ceiling()
        return (
            floor.memory_kib <= self.memory_kib <= ceiling.memory_kib
            and floor.iterations <= self.iterations <= ceiling.iterations
            and 1 <= self.lanes <= ceiling.lanes
        )

    @staticmethod
    def ceiling() -> KdfParams:
        """The most a stored slot may ask for: far above anything PeerLog writes (128 MiB, 3
        passes, 4 lanes), so that raising `standard()` later leaves room."""
        return KdfParams(memory_kib=2 * 1024 * 1024, iterations=20, lanes=16)


def _fast_kdf() -> bool:
    return os.environ.get("PEERLOG_FAST_KDF") == "1"


def new_data_key() -> bytes:
    return os.urandom(DATA_KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive_key(secret: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret.encode("utf-8"))


@dataclass(frozen=True)
class KeySlot:
    id: str
    kind: SlotKind
    user_id: str | None
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes

    def associated_data(self, database_id: str) -> bytes:
        return f"peerlog-keyslot/1|{database_id}|{self.id}|{self.kind}".encode()

    def unwrap(self, secret: str, database_id: str) -> bytes | None:
        kek = derive_key(secret, self.salt, self.kdf)
        try:
            return AESGCM(kek).decrypt(
                self.nonce, self.wrapped_key, self.associated_data(database_id)
            )
        except InvalidTag:
            return None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "user_id": self.user_id,
            "kdf": {
                "algorithm": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
                "salt": _b64(self.salt),
            },
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> KeySlot:
        kdf = data["kdf"]
        if kdf["algorithm"] != "argon2id" or data["kind"] not in ("passphrase", "recovery"):
            raise ValueError("unknown key slot kind or algorithm")
        return KeySlot(
            id=str(data["id"]),
            kind=data["kind"],
            user_id=data.get("user_id"),
            kdf=KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"])),
            salt=_unb64(kdf["salt"]),
            nonce=_unb64(data["nonce"]),
            wrapped_key=_unb64(data["wrapped_key"]),
        )


def make_slot(
    data_key: bytes,
    secret: str,
    kind: SlotKind,
    database_id: str,
    user_id: str | None = None,
    kdf: KdfParams | None = None,
) -> KeySlot:
    params = kdf or KdfParams.for_new_slots()
    shell = KeySlot(
        id=str(uuid.uuid4()),
        kind=kind,
        user_id=user_id,
        kdf=params,
        salt=os.urandom(16),
        nonce=os.urandom(12),
        wrapped_key=b"",
    )
    kek = derive_key(secret, shell.salt, params)
    wrapped = AESGCM(kek).encrypt(shell.nonce, data_key, shell.associated_data(database_id))
    return replace(shell, wrapped_key=wrapped)


@dataclass(frozen=True)
class KeySlots:
    database_id: str
    slots: tuple[KeySlot, ...] = field(default_factory=tuple)

    # Reading and writing -------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "database_id": self.database_id,
            "slots": [slot.to_json() for slot in self.slots],
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> KeySlots:
        if data.get("format") != FORMAT:
            raise ValueError("not a PeerLog key slot file")
        slots = tuple(KeySlot.from_json(s) for s in data["slots"])
        return KeySlots(database_id=str(data["database_id"]), slots=slots)

    @staticmethod
    def load(path: Path) -> KeySlots:
        try:
            return KeySlots.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise
        except (ValueError, KeyError, TypeError) as exc:
            raise DamagedDatabase(
                "The key file of this database (keyslots.json) is damaged. Restore the database "
                "from a backup."
            ) from exc

    def save(self, path: Path) -> None:
        write_atomically(path, json.dumps(self.to_json(), indent=2).encode("utf-8"))

    # Unlocking -----------------------------------------------------------------------------

    def unlock_with_passphrase(
        self, passphrase: str, user_id: str | None = None
    ) -> tuple[bytes, KeySlot]:
        candidates = [
            s
            for s in self.slots
            if s.kind == "passphrase" and (user_id is None or s.user_id == user_id)
        ]
        return self._first_unwrap(passphrase, candidates, WrongSecret())

    def unlock_with_recovery_code(self, typed_code: str) -> tuple[bytes, KeySlot]:
        code = normalise_recovery_code(typed_code)
        if not code:
            raise WrongRecoveryCode(
                "A recovery code is 24 letters and numbers in 6 groups of 4, like "
                "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01. Check it against the printed copy."
            )
        candidates = [s for s in self.slots if s.kind == "recovery"]
        return self._first_unwrap(code, candidates, WrongRecoveryCode())

    def all_acceptable(self) -> bool:
        """False when any slot's key derivation is below the floor (see `KdfParams.floor`)."""
        return all(slot.kdf.is_acceptable() for slot in self.slots)

    def _first_unwrap(
        self, secret: str, candidates: Iterable[KeySlot], error: WrongSecret
    ) -> tuple[bytes, KeySlot]:
        if not self.all_acceptable():
            raise TamperedKeyFile()
        for slot in candidates:
            key = slot.unwrap(secret, self.database_id)
            if key is not None:
                return key, slot
        raise error

    # Changing (each returns a new set; the caller saves it) -----------------------------------

    def with_slot(self, slot: KeySlot) -> KeySlots:
        return replace(self, slots=(*self.slots, slot))

    def without_slot(self, slot_id: str) -> KeySlots:
        return replace(self, slots=tuple(s for s in self.slots if s.id != slot_id))

    def replacing(self, old_slot_id: str, new_slot: KeySlot) -> KeySlots:
        return replace(
            self, slots=tuple(new_slot if s.id == old_slot_id else s for s in self.slots)
        )

    def with_recovery_code(self, data_key: bytes, code: str) -> KeySlots:
        """Replace any recovery slot by one for `code`: the old code stops working."""
        kept = tuple(s for s in self.slots if s.kind != "recovery")
        new_slot = make_slot(data_key, code, "recovery", self.database_id)
        return replace(self, slots=(*kept, new_slot))

    def passphrase_slot_for(self, user_id: str | None) -> KeySlot | None:
        for slot in self.slots:
            if slot.kind == "passphrase" and slot.user_id == user_id:
                return slot
        return None
