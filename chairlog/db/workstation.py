"""The workstation's audit key: an Ed25519 key kept in the data folder, never in the database.

Every audit record is signed with the key of the workstation that wrote it; checking needs
only public keys, which travel in the chain (a ``workstation.register`` record, itself signed
by the key it registers) and in the anchor journal beside the data. Someone with a copy of
the database but not this file cannot append a record that verifies.

Decisions:
- One key per workstation (per OS account's data folder), shared by every database that
  workstation writes; created on first use as ``<data>/keys/audit-ed25519.pem`` (PKCS#8, no
  passphrase: it must sign unattended, e.g. the nightly backup record) with mode 0600 in a
  0700 folder. An attacker holding the OS account holds this key: that limit is in README.
- ``key_id`` is the first 16 hex digits of SHA-256 of the raw public key.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

KEY_FILE = "audit-ed25519.pem"


def key_id_of(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and parents) and make it 0700 on POSIX."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    return folder


@dataclass(frozen=True)
class WorkstationKey:
    private: Ed25519PrivateKey
    public_b64: str
    key_id: str

    def sign(self, message: bytes) -> str:
        return base64.b64encode(self.private.sign(message)).decode()

    @classmethod
    def load_or_create(cls, home: Path) -> WorkstationKey:
        path = home / "keys" / KEY_FILE
        if path.exists():
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError(f"{path} is not an Ed25519 key")
        else:
            private_folder(path.parent)
            key = Ed25519PrivateKey.generate()
            pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            tmp = path.with_name(path.name + ".partial")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, pem)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, path)
        raw = key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return cls(key, base64.b64encode(raw).decode(), key_id_of(raw))


@functools.lru_cache(maxsize=64)
def _public_key(public_b64: str) -> Ed25519PublicKey:
    """A public key decoded once (``audit verify --full`` checks millions of signatures
    against a handful of keys)."""
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64))


def verify(public_b64: str, signature_b64: str | None, message: bytes) -> bool:
    """True if ``signature_b64`` is the Ed25519 signature of ``message`` by that key."""
    if not signature_b64:
        return False
    try:
        public = _public_key(public_b64)
        public.verify(base64.b64decode(signature_b64), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
