"""The sealed file format laptops leave for each other in the shared folder (change files and
each laptop's state file).

    PEERLOG-SEALED 1\\n
    <header: one line of JSON, readable without the key: what the file is, which database,
     which laptop, which sequence, the format version, the nonce>\\n
    <AES-GCM ciphertext of the zlib-compressed content; the two lines above are its associated
     data, so a changed header fails authentication like changed content>

The header holds no personal data. A file cut short, half-synced, a cloud placeholder or edited
fails authentication: `Unreadable`, never partial content.
"""

from __future__ import annotations

import json
import os
import zlib
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"PEERLOG-SEALED 1\n"
_NONCE_BYTES = 12
# A change file holds one laptop's changes since its last sync: even a year of a busy group
# compresses to a few megabytes. Anything far larger is not ours.
MAX_CONTENT_BYTES = 512 * 1024 * 1024


class Unreadable(Exception):
    """Not a whole, authentic sealed file (yet): skip it and try again next time."""


def seal(key: bytes, header: dict[str, Any], content: bytes) -> bytes:
    nonce = os.urandom(_NONCE_BYTES)
    head = MAGIC + _header_line({**header, "nonce": nonce.hex()})
    return head + AESGCM(key).encrypt(nonce, zlib.compress(content, 6), head)


def read_header(data: bytes) -> dict[str, Any]:
    """The header, unauthenticated (for choosing what to do before opening)."""
    if not data.startswith(MAGIC):
        raise Unreadable("not a PeerLog sealed file")
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        raise Unreadable("the file is cut short")
    try:
        header = json.loads(data[len(MAGIC) : end])
    except ValueError as exc:
        raise Unreadable("the header is damaged") from exc
    if not isinstance(header, dict):
        raise Unreadable("the header is damaged")
    return header


def open_sealed(key: bytes, data: bytes) -> tuple[dict[str, Any], bytes]:
    header = read_header(data)
    end = data.find(b"\n", len(MAGIC)) + 1
    try:
        nonce = bytes.fromhex(str(header.get("nonce", "")))
        packed = AESGCM(key).decrypt(nonce, data[end:], data[:end])
        inflater = zlib.decompressobj()
        content = inflater.decompress(packed, MAX_CONTENT_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise Unreadable("the content is too large or cut short")
    except (InvalidTag, ValueError, zlib.error) as exc:
        raise Unreadable("the file is incomplete or was changed") from exc
    return header, content


def _header_line(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode() + b"\n"
