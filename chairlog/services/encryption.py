"""Encryption at rest: create this workstation's database key, put a recovery key back, and
say whether a database is encrypted (``chairlog.db.cipher`` holds the decisions).

Decision: only a database created after the key exists is encrypted (``init --encrypt``
creates the key first). Converting an existing plaintext database is not offered yet: its
earlier backups would stay plaintext anyway; make a new encrypted database instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chairlog.db import cipher
from chairlog.db.migrate import sqlite_path
from chairlog.errors import StorageError, ValidationError
from chairlog.paths import data_dir, resolve_db_url


@dataclass(frozen=True)
class NewKey:
    #: shown once: 64 hex digits in groups of eight
    recovery_key: str
    #: where the key is kept, in words (the OS keyring, or a file where there is none)
    kept_in: str


def create_key_for(url: str | None) -> NewKey:
    """Before ``init --encrypt``: the database must not exist yet; the key is created and
    stored, and returned once as the recovery key."""
    path = sqlite_path(resolve_db_url(url))
    if path is None:
        raise ValidationError("--encrypt", "PostgreSQL", "an SQLite database (PostgreSQL "
                              "encrypts on the server: use its disk or tablespace encryption)",
                              "encrypt")
    if path.exists() and path.stat().st_size > 0:
        raise StorageError(f"{path} already exists: encryption is chosen when a database is "
                           "created. Nothing was changed.")
    home = data_dir()
    key = cipher.database_key(home) or cipher.new_key(home)
    return NewKey(cipher.grouped(key), cipher.backend(home))


def restore_key(text: str) -> str:
    """Put a recovery key back on this workstation; returns where it is kept."""
    home = data_dir()
    key = cipher.normalise(text)
    existing = cipher.database_key(home)
    if existing is not None and existing != key:
        raise StorageError("This workstation already holds another database key; nothing "
                           "was changed.")
    cipher.store_key(home, key)
    return cipher.backend(home)


def is_encrypted(path: Path) -> bool:
    return cipher.is_encrypted(path)
