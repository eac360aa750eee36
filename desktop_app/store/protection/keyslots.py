"""Key slots: the random data key, stored only wrapped, once per secret.

Each slot derives a key-encryption key from a secret (a user's passphrase or the recovery code)
with Argon2id, and wraps the 256-bit data key with AES-256-GCM. The database id, the slot's id and
kind, and (since format 2) its user and role are bound in as associated data, so a slot cannot be
moved to another database, relabelled or handed to another user. A short check value made from
the derived key tells a right secret whose slot was edited (damage) from a wrong secret.

Format 2 also seals the whole file under the data key: an HMAC over every slot and a save counter
that the database keeps too, so slots added, removed or edited by hand, and a database older than
its key file (a lost `-wal`), are noticed after unlocking. Format 1 files are read, and each slot
is rewritten in format 2 the next time it unlocks the database.

Only what PeerLog itself writes is accepted: its own Argon2id settings, salts and nonces of its
own lengths, at most `MAX_SLOTS` slots, no two alike. Anything else is a damaged key file, never a
long wait nor a traceback. The file is rewritten atomically (temp file, fsync, rename).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop_app.store.errors import (
    DamagedDatabase,
    TamperedKeyFile,
    WrongRecoveryCode,
    WrongSecret,
)
from desktop_app.store.files import write_atomically
from desktop_app.store.protection.recovery_code import normalise_recovery_code

FORMAT_1 = "peerlog.keyslots/1"
FORMAT = "peerlog.keyslots/2"
DATA_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
WRAPPED_BYTES = DATA_KEY_BYTES + 16
CHECK_BYTES = 16
MAC_BYTES = 32
MAX_SLOTS = 40  # users and the recovery code; each costs half a second when tried
MAX_FILE_BYTES = 256 * 1024
SlotKind = Literal["passphrase", "recovery"]

DAMAGED_KEY_FILE = (
    "The key file of this database (keyslots.json) is damaged. Restore the database from a backup."
)


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
        """OWASP's Argon2id floor (19 MiB, 2 passes): written only under PEERLOG_FAST_KDF=1."""
        return KdfParams(memory_kib=19 * 1024, iterations=2, lanes=1)

    @staticmethod
    def for_new_slots() -> KdfParams:
        """Standard, or the minimum when PEERLOG_FAST_KDF=1 (tests and the self-test only)."""
        return KdfParams.minimum() if _fast_kdf() else KdfParams.standard()

    @staticmethod
    def accepted() -> frozenset[KdfParams]:
        """Exactly the settings PeerLog has ever written: the standard and the earlier one
        (128 MiB, 4 passes), and the minimum while PEERLOG_FAST_KDF=1. A stored slot asking for
        anything else was changed by someone who could write the key file: less would weaken it,
        more could keep the computer busy for minutes before the passphrase is even checked.
        Add to this set when `standard()` changes: older slots must still open."""
        written = {KdfParams.standard(), KdfParams(128 * 1024, 4, 4)}
        if _fast_kdf():
            written.add(KdfParams.minimum())
        return frozenset(written)

    def is_acceptable(self) -> bool:
        return self in KdfParams.accepted()


def _fast_kdf() -> bool:
    return os.environ.get("PEERLOG_FAST_KDF") == "1"


def new_data_key() -> bytes:
    return os.urandom(DATA_KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object, length: int) -> bytes:
    """Base64 text of exactly `length` bytes (ValueError otherwise)."""
    if not isinstance(value, str) or len(value) > 4 * length:
        raise ValueError("not base64 text of the right length")
    data = base64.b64decode(value.encode("ascii"), validate=True)
    if len(data) != length:
        raise ValueError("wrong length")
    return data


def _get(data: object, key: str, kind: type, *, optional: bool = False) -> Any:
    """`data[key]`, refusing anything that is not a dict holding a `kind` there (ValueError)."""
    if not isinstance(data, dict):
        raise ValueError("not an object")
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{key}: wrong type")
    if isinstance(value, str) and len(value) > 64:
        raise ValueError(f"{key}: too long")
    return value


def derive_key(secret: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret.encode("utf-8"))


def _check_value(kek: bytes) -> bytes:
    return hmac.new(kek, b"peerlog-keyslot-check/2", hashlib.sha256).digest()[:CHECK_BYTES]


def subkey(data_key: bytes, purpose: str) -> bytes:
    """A key for one purpose (sealing the key file, authenticating a backup), from the data key."""
    return HKDF(hashes.SHA256(), 32, salt=None, info=purpose.encode()).derive(data_key)


@dataclass(frozen=True)
class KeySlot:
    id: str
    kind: SlotKind
    user_id: str | None
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    role: str | None = None
    binding: int = 2  # 1: format 1's associated data (without user and role), no check value
    check: bytes | None = None
    # The derived key, kept only on a format-1 slot that just unlocked, to rewrite it in format 2.
    kek: bytes | None = field(default=None, compare=False, repr=False)

    def associated_data(self, database_id: str) -> bytes:
        if self.binding == 1:
            return f"peerlog-keyslot/1|{database_id}|{self.id}|{self.kind}".encode()
        return (
            f"peerlog-keyslot/2|{database_id}|{self.id}|{self.kind}|{self.user_id or ''}|"
            f"{self.role or ''}"
        ).encode()

    def unwrap(self, secret: str, database_id: str) -> bytes | None:
        """The data key, or None when `secret` is not this slot's. TamperedKeyFile when the
        secret is right but the slot was edited (its user or role changed)."""
        kek = derive_key(secret, self.salt, self.kdf)
        if self.check is not None and not hmac.compare_digest(_check_value(kek), self.check):
            return None
        try:
            key = AESGCM(kek).decrypt(
                self.nonce, self.wrapped_key, self.associated_data(database_id)
            )
        except InvalidTag:
            if self.check is not None:
                raise TamperedKeyFile(DAMAGED_KEY_FILE) from None
            return None
        return key

    def unwrap_keeping_kek(self, secret: str, database_id: str) -> tuple[bytes, KeySlot] | None:
        key = self.unwrap(secret, database_id)
        if key is None:
            return None
        if self.binding == 1:
            return key, replace(self, kek=derive_key(secret, self.salt, self.kdf))
        return key, self

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
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
            "binding": self.binding,
        }
        if self.binding == 2:
            data["role"] = self.role
            data["check"] = _b64(self.check or b"")
        return data

    @staticmethod
    def from_json(data: object, file_format: str) -> KeySlot:
        """A slot as PeerLog writes it, or ValueError."""
        kdf = _get(data, "kdf", dict)
        kind = _get(data, "kind", str)
        if _get(kdf, "algorithm", str) != "argon2id" or kind not in ("passphrase", "recovery"):
            raise ValueError("unknown key slot kind or algorithm")
        params = KdfParams(
            _get(kdf, "memory_kib", int), _get(kdf, "iterations", int), _get(kdf, "lanes", int)
        )
        binding = 1 if file_format == FORMAT_1 else _get(data, "binding", int)
        if binding not in (1, 2):
            raise ValueError("unknown binding")
        return KeySlot(
            id=_get(data, "id", str),
            kind=kind,
            user_id=_get(data, "user_id", str, optional=True),
            kdf=params,
            salt=_unb64(kdf.get("salt"), SALT_BYTES),
            nonce=_unb64(_get(data, "nonce", str), NONCE_BYTES),
            wrapped_key=_unb64(_get(data, "wrapped_key", str), WRAPPED_BYTES),
            role=None if binding == 1 else _get(data, "role", str, optional=True),
            binding=binding,
            check=None if binding == 1 else _unb64(_get(data, "check", str), CHECK_BYTES),
        )


def _wrap(data_key: bytes, kek: bytes, shell: KeySlot, database_id: str) -> KeySlot:
    slot = replace(shell, nonce=os.urandom(NONCE_BYTES), check=_check_value(kek), binding=2)
    wrapped = AESGCM(kek).encrypt(slot.nonce, data_key, slot.associated_data(database_id))
    return replace(slot, wrapped_key=wrapped, kek=None)


def make_slot(
    data_key: bytes,
    secret: str,
    kind: SlotKind,
    database_id: str,
    user_id: str | None = None,
    kdf: KdfParams | None = None,
    role: str | None = None,
) -> KeySlot:
    params = kdf or KdfParams.for_new_slots()
    shell = KeySlot(
        id=str(uuid.uuid4()),
        kind=kind,
        user_id=user_id,
        kdf=params,
        salt=os.urandom(SALT_BYTES),
        nonce=b"",
        wrapped_key=b"",
        role=role,
    )
    return _wrap(data_key, derive_key(secret, shell.salt, params), shell, database_id)


def upgraded_slot(slot: KeySlot, data_key: bytes, database_id: str, role: str | None) -> KeySlot:
    """A format-1 slot that has just unlocked (so knows its derived key), rewritten in format 2
    with its user and role bound in. Same secret, same id."""
    if slot.kek is None:
        raise ValueError("only a slot that has just unlocked can be upgraded")
    return _wrap(data_key, slot.kek, replace(slot, role=role), database_id)


@dataclass(frozen=True)
class KeySlots:
    database_id: str
    slots: tuple[KeySlot, ...] = field(default_factory=tuple)
    saves: int = 0  # how many times the database was saved (see `Database.save_point`)
    seal: bytes | None = None  # HMAC under the data key; None only in a format-1 file

    # Reading and writing -------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        if self.seal is None:
            return {
                "format": FORMAT_1,
                "database_id": self.database_id,
                "slots": [slot.to_json() for slot in self.slots],
            }
        return {**self._sealed_content(), "seal": _b64(self.seal)}

    def _sealed_content(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "database_id": self.database_id,
            "slots": [slot.to_json() for slot in self.slots],
            "saves": self.saves,
        }

    def _mac(self, data_key: bytes) -> bytes:
        content = json.dumps(self._sealed_content(), sort_keys=True, separators=(",", ":"))
        key = subkey(data_key, "peerlog-keyslots-seal/2")
        return hmac.new(key, content.encode("utf-8"), hashlib.sha256).digest()

    def sealed(self, data_key: bytes, saves: int | None = None) -> KeySlots:
        """This set in format 2, sealed under the data key (with `saves` when given)."""
        updated = replace(self, saves=self.saves if saves is None else saves)
        return replace(updated, seal=updated._mac(data_key))

    def seal_is_sound(self, data_key: bytes) -> bool:
        """True for a format-1 file (nothing to check) or a seal made with this data key."""
        return self.seal is None or hmac.compare_digest(self.seal, self._mac(data_key))

    def require_sound_seal(self, data_key: bytes) -> None:
        if not self.seal_is_sound(data_key):
            raise TamperedKeyFile(DAMAGED_KEY_FILE)

    @staticmethod
    def from_json(data: object) -> KeySlots:
        """A key slot file as PeerLog writes it, or ValueError (TamperedKeyFile for key settings
        PeerLog never writes)."""
        file_format = _get(data, "format", str)
        if file_format not in (FORMAT_1, FORMAT):
            raise ValueError("not a PeerLog key slot file")
        raw_slots = _get(data, "slots", list)
        if len(raw_slots) > MAX_SLOTS:
            raise ValueError("too many slots")
        slots = tuple(KeySlot.from_json(s, file_format) for s in raw_slots)
        if not all(slot.kdf.is_acceptable() for slot in slots):
            raise TamperedKeyFile()
        _refuse_repeats(slots)
        if file_format == FORMAT_1:
            return KeySlots(database_id=_get(data, "database_id", str), slots=slots)
        saves = _get(data, "saves", int)
        if not 0 <= saves < 2**62:
            raise ValueError("saves out of range")
        return KeySlots(
            database_id=_get(data, "database_id", str),
            slots=slots,
            saves=saves,
            seal=_unb64(_get(data, "seal", str), MAC_BYTES),
        )

    @staticmethod
    def parse(text: bytes | str) -> KeySlots:
        """Key slot file content, or DamagedDatabase (TamperedKeyFile) with a plain message."""
        if len(text) > MAX_FILE_BYTES:
            raise DamagedDatabase(DAMAGED_KEY_FILE)
        try:
            return KeySlots.from_json(json.loads(text, parse_constant=_no_constant))
        except (ValueError, KeyError, TypeError, RecursionError, OverflowError) as exc:
            raise DamagedDatabase(DAMAGED_KEY_FILE) from exc

    @staticmethod
    def load(path: Path) -> KeySlots:
        with path.open("rb") as f:
            text = f.read(MAX_FILE_BYTES + 1)
        return KeySlots.parse(text)

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
        """False when any slot's key derivation is not one PeerLog writes (see `accepted`)."""
        return all(slot.kdf.is_acceptable() for slot in self.slots)

    def _first_unwrap(
        self, secret: str, candidates: Iterable[KeySlot], error: WrongSecret
    ) -> tuple[bytes, KeySlot]:
        if not self.all_acceptable():
            raise TamperedKeyFile()
        for slot in candidates:  # each slot once: `from_json` refused repeats
            found = slot.unwrap_keeping_kek(secret, self.database_id)
            if found is not None:
                return found
        raise error

    # Changing (each returns a new set; the caller seals and saves it) ------------------------

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


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in a key file")


def _refuse_repeats(slots: tuple[KeySlot, ...]) -> None:
    """PeerLog writes each slot id, salt and wrapped key once, one recovery slot and one
    passphrase slot per user: repeats would only make unlocking slower (ValueError)."""
    owners = [(s.kind, s.user_id) for s in slots if s.kind == "passphrase"]
    recovery = [s for s in slots if s.kind == "recovery"]
    for values in (
        [s.id for s in slots],
        [s.salt for s in slots],
        [s.wrapped_key for s in slots],
        owners,
    ):
        if len(set(values)) != len(values):
            raise ValueError("repeated key slots")
    if len(recovery) > 1:
        raise ValueError("more than one recovery slot")
