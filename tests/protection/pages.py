"""Reading what an SQLCipher file really holds, page by page: every page decrypted with the data
key, including free pages and stale WAL frames that no query would show. (SQLCipher 4 defaults:
4096-byte pages, AES-256-CBC, 80 reserved bytes per page holding the IV and HMAC; a raw key is
used as it is.)"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
IV = 16
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(page: bytes, number: int, key: bytes) -> bytes:
    start = SALT if number == 1 else 0
    iv = page[PAGE - RESERVE : PAGE - RESERVE + IV]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE - RESERVE]) + decryptor.finalize()


def decrypted_database(data: bytes, key: bytes) -> bytes:
    """Every page of a database file's bytes, decrypted and joined."""
    pages = [data[i : i + PAGE] for i in range(0, len(data) - PAGE + 1, PAGE)]
    return b"".join(_decrypt_page(page, n, key) for n, page in enumerate(pages, start=1))


def decrypted_wal(data: bytes, key: bytes) -> bytes:
    """Every frame of a WAL file, decrypted and joined (stale frames too)."""
    out = []
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE <= len(data):
        number = int.from_bytes(data[offset : offset + 4], "big")
        page = data[offset + FRAME_HEADER : offset + FRAME_HEADER + PAGE]
        out.append(_decrypt_page(page, number, key))
        offset += FRAME_HEADER + PAGE
    return b"".join(out)


def plaintext_of_folder(folder: Path, key: bytes) -> bytes:
    """The decrypted bytes of a database folder's file and its WAL."""
    db = (folder / "peerlog.db").read_bytes()
    wal_path = folder / "peerlog.db-wal"
    wal = wal_path.read_bytes() if wal_path.exists() else b""
    return decrypted_database(db, key) + decrypted_wal(wal, key)


def contains(data: bytes, needle: str) -> bool:
    return needle.encode("utf-8") in data or needle.encode("utf-16-le") in data
