"""Encryption at rest (optional): SQLCipher through the ``sqlcipher3`` wheel.

Decisions:
- One database key per workstation data folder, chosen at ``chairlog init --encrypt``: every
  database this workstation creates from then on is encrypted with it, and so is every backup
  (a backup is a page copy under the same key). A file is recognised as encrypted when it does
  not start with SQLite's plaintext header; it is then opened with the key (a raw 256-bit key,
  ``PRAGMA key = "x'…'"``, so no slow passphrase derivation on each connection).
- The key is kept in the OS keyring through ``keyring`` (service ``chairlog``, one entry per
  data folder). Where no keyring exists (a headless Linux without a Secret Service, or
  ``CHAIRLOG_KEYRING=file``, which the tests set), it is kept in ``<data>/keys/database.key``
  (0600) instead, and ``init`` says so plainly: that file protects the data only as well as the
  OS account does.
- The key is shown once at ``init --encrypt`` as the recovery key (64 hex digits in groups);
  ``chairlog key restore --stdin`` puts it back on a workstation (or an auditor's machine).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
from pathlib import Path
from typing import Any, cast

from chairlog.errors import StorageError

SQLITE_MAGIC = b"SQLite format 3\x00"


def _errors() -> tuple[type[BaseException], ...]:
    try:
        import sqlcipher3
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, sqlcipher3.Error)


#: what a raw connection may raise, plain or encrypted
DB_ERRORS: tuple[type[BaseException], ...] = _errors()


def errors(*extra: type[BaseException]) -> tuple[type[BaseException], ...]:
    """:data:`DB_ERRORS` and ``extra``, for an ``except`` clause."""
    return DB_ERRORS + extra
SERVICE = "chairlog"
FILE_NAME = "database.key"


def _entry(home: Path) -> str:
    return "database-key:" + hashlib.sha256(str(home.resolve()).encode()).hexdigest()[:16]


def _keyring() -> Any | None:
    """The OS keyring, or None where there is none (or ``CHAIRLOG_KEYRING=file``)."""
    if os.environ.get("CHAIRLOG_KEYRING") == "file":
        return None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    ring = keyring.get_keyring()
    return None if isinstance(ring, fail.Keyring) else keyring


def backend(home: Path) -> str:
    """Where the key lives, in words for the admin."""
    ring = _keyring()
    if ring is not None:
        return f"the OS keyring ({type(ring.get_keyring()).__name__})"
    return (f"the file {home / 'keys' / FILE_NAME} (no OS keyring on this computer: the key "
            "is only as safe as this OS account)")


def database_key(home: Path) -> str | None:
    """This workstation's database key (64 hex digits), or None: databases are not encrypted."""
    ring = _keyring()
    if ring is not None:
        value = ring.get_password(SERVICE, _entry(home))
        return str(value) if value else None
    path = home / "keys" / FILE_NAME
    try:
        return path.read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        return None


def store_key(home: Path, key: str) -> None:
    from chairlog.db.workstation import private_folder

    key = normalise(key)
    ring = _keyring()
    if ring is not None:
        ring.set_password(SERVICE, _entry(home), key)
        return
    path = private_folder(home / "keys") / FILE_NAME
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")


def new_key(home: Path) -> str:
    """Create and store this workstation's database key; returns it (the recovery key)."""
    if database_key(home) is not None:
        raise StorageError("This workstation already has a database key; nothing was changed.")
    key = secrets.token_hex(32)
    store_key(home, key)
    return key


def normalise(text: str) -> str:
    """A recovery key as typed (groups, spaces, dashes, any case) → 64 lowercase hex digits."""
    key = "".join(ch for ch in text.lower() if ch in "0123456789abcdef")
    if len(key) != 64 or len("".join(text.split()).replace("-", "")) != 64:
        from chairlog.errors import ValidationError

        raise ValidationError("key", "(hidden)", "64 hexadecimal digits (the recovery key)",
                              "recovery key")
    return key


def grouped(key: str) -> str:
    return "-".join(key[i : i + 8] for i in range(0, 64, 8))


def is_encrypted(path: Path) -> bool:
    """A non-empty file without SQLite's plaintext header (SQLCipher encrypts page 1 too)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return bool(head) and head != SQLITE_MAGIC


def file_of(target: str) -> Path:
    """The file a connect target names (a path, or a ``file:…?mode=ro`` URI)."""
    if target.startswith("file:"):
        from urllib.parse import unquote

        return Path(unquote(target[5:].split("?", 1)[0]))
    return Path(target)


def connect(target: str | Path, *, home: Path | None = None, encrypted: bool | None = None,
            **kw: Any) -> sqlite3.Connection:
    """``sqlite3.connect`` for a chairlog file, plain or encrypted: an encrypted file (or a new
    one, with ``encrypted=True``) is opened through SQLCipher with this workstation's key."""
    from chairlog.paths import data_dir

    text = str(target)
    enc = is_encrypted(file_of(text)) if encrypted is None else encrypted
    if not enc:
        return cast(sqlite3.Connection, sqlite3.connect(text, **kw))
    key = database_key(home or data_dir())
    if key is None:
        raise StorageError(f"{file_of(text)} is encrypted (or is not a database), and this "
                           "workstation has no database key: chairlog key restore --stdin "
                           "puts the recovery key back.")
    import sqlcipher3

    con = sqlcipher3.connect(text, **kw)
    con.execute(f"PRAGMA key = \"x'{key}'\"")
    return cast(sqlite3.Connection, con)  # the same DB-API (pysqlite's fork)


def wants_encryption(path: Path, home: Path) -> bool:
    """An encrypted file, or a new (missing or empty) one on a workstation that has a key."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if size:
        return is_encrypted(path)
    return database_key(home) is not None


def engine_url(path: Path, home: Path) -> Any:
    """The ``sqlite+pysqlcipher`` URL for an encrypted file: the raw key as the passphrase."""
    from sqlalchemy.engine import URL

    key = database_key(home)
    if key is None:
        raise StorageError(f"{path} is encrypted (or is not a database), and this workstation "
                           "has no database key: chairlog key restore --stdin puts the "
                           "recovery key back.")
    return URL.create("sqlite+pysqlcipher", password=f"x'{key}'", database=str(path))
