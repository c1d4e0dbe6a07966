"""Encryption at rest: create this workstation's database key, put a recovery key back, and
say whether a database is encrypted (``chairlog.db.cipher`` holds the decisions).

Decisions: a database created after the key exists is encrypted (``init --encrypt`` creates
the key first). An existing plaintext database is converted by ``chairlog encrypt`` (close
chairlog first): SQLCipher's ``sqlcipher_export`` copies schema (guard triggers included) and
data into an encrypted file, which is checked (integrity, same audit head) and renamed into
place; the plaintext file is kept aside as ``<name>.plaintext-<stamp>`` (chairlog never deletes
a database) and the command says plainly that it, and the older backups, are still plaintext
and must be destroyed by the admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chairlog.db import cipher
from chairlog.db.migrate import sqlite_path
from chairlog.errors import StorageError, ValidationError
from chairlog.paths import data_dir, resolve_db_url
from chairlog.words import words


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
        raise ValidationError("--encrypt", "PostgreSQL", words("an SQLite database (PostgreSQL "
                                                               "encrypts on the server: use its "
                                                               "disk or tablespace encryption)"),
                              words("encrypt"))
    if path.exists() and path.stat().st_size > 0:
        raise StorageError(words("{path} already exists: encryption is chosen when a database is "
                                 "created. Nothing was changed.", path=path))
    home = data_dir()
    key = cipher.database_key(home) or cipher.new_key(home)
    return NewKey(cipher.grouped(key), cipher.backend(home))


def restore_key(text: str) -> str:
    """Put a recovery key back on this workstation; returns where it is kept."""
    home = data_dir()
    key = cipher.normalise(text)
    existing = cipher.database_key(home)
    if existing is not None and existing != key:
        raise StorageError(words("This workstation already holds another database key; nothing "
                                 "was changed."))
    cipher.store_key(home, key)
    return cipher.backend(home)


def is_encrypted(path: Path) -> bool:
    return cipher.is_encrypted(path)


@dataclass(frozen=True)
class Converted:
    database: Path
    plaintext_kept: tuple[Path, ...]
    key: NewKey | None  # None: the workstation already had a key (no new recovery key)


def encrypt_existing(url: str | None, *, stamp: str) -> Converted:
    """Convert the plaintext SQLite database at ``url`` in place (see the module's docstring)."""
    import os

    from chairlog.db.backup import fsync_dir, integrity_ok, private_file
    from chairlog.db.migrate import probe_write_lock

    path = sqlite_path(resolve_db_url(url))
    if path is None:
        raise ValidationError("--db", "PostgreSQL", words("an SQLite database file"),
                              words("database"))
    if not path.is_file() or path.stat().st_size == 0:
        raise StorageError(words("There is no database at {path}. Nothing was changed.", path=path))
    if cipher.is_encrypted(path):
        raise StorageError(words("{path} is already encrypted. Nothing was changed.", path=path))
    probe_write_lock(path)
    home = data_dir()
    existing = cipher.database_key(home)
    key = existing or cipher.new_key(home)
    tmp = path.with_name(path.name + ".encrypting")
    tmp.unlink(missing_ok=True)
    import sqlcipher3

    try:
        con = sqlcipher3.connect(str(path))
        try:
            head = con.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
            con.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key}'\"", (str(tmp),))
            con.execute("SELECT sqlcipher_export('enc')")
            con.execute("DETACH DATABASE enc")
        finally:
            con.close()
        private_file(tmp)
        ok, detail = integrity_ok(tmp)
        check = cipher.connect(tmp, encrypted=True)
        try:
            check.execute("PRAGMA journal_mode=WAL")
            same = check.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        finally:
            check.close()
        if not ok or tuple(same or ()) != tuple(head or ()):
            raise StorageError(words("The encrypted copy failed its checks ({detail}); nothing "
                                     "was changed.", detail=detail))
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        for leftover in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    kept = []
    for sfx in ("", "-wal", "-shm"):
        f = Path(str(path) + sfx)
        if f.exists():
            target = path.with_name(f"{path.name}.plaintext-{stamp}{sfx}")
            os.replace(f, target)
            kept.append(target)
    for sfx in ("-wal", "-shm"):
        side = Path(str(tmp) + sfx)
        if side.exists():
            os.replace(side, Path(str(path) + sfx))
    os.replace(tmp, path)
    fsync_dir(path.parent)
    new = None if existing else NewKey(cipher.grouped(key), cipher.backend(home))
    return Converted(path, tuple(kept), new)
