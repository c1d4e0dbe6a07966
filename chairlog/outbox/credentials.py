"""The offline credential cache: who signed in on this workstation, kept so that a window
started while the server is down can let them sign in and chart into the outbox
(``outbox.offline``).

One SQLite file in the data folder (``credentials.sqlite3``), opened as the outbox file is
(``store.open_durable``: 0600, WAL, ``synchronous=FULL``, one committed transaction per
change). Per database (the outbox's label) and account: the user id, username, display name,
role, the password verifier exactly as the server stores it (argon2id), its fingerprint
(SHA-256 of the verifier string, ``services.offline_credentials.fingerprint``) and when it was
kept; the offline sign-in failures per username; the clinic's idle-lock minutes.

Decisions:
- Written after a successful ONLINE sign-in in the window (the sign-in dialog, "switch user",
  the lock screen's unlock), on the same worker thread as the password check, never on the UI
  thread (:func:`remember_sign_in`). A cache that cannot be written never stops a sign-in
  (logged). The password itself is never stored, nor anything derived from it but the
  server's own verifier.
- Only accounts whose role charts (nurse, physician) are kept: an admin's verifier — the
  most valuable one to guess — never sits in a workstation file, and an admin could chart
  nothing offline anyway. Each online sign-in also shows the server the other accounts kept
  here (their fingerprints) and drops those deactivated, no longer charting, or whose
  password changed since (``services.offline_credentials.stale_credentials``).
- 14 days: an account kept more than :data:`MAX_AGE` ago cannot sign in offline ("signed in
  on this workstation within 14 days"). Long enough for a nurse's weekly rota; short enough
  that a nurse who left, or whose password was reset elsewhere, does not linger.
- Lockout: :data:`MAX_FAILURES` (5) wrong passwords in a row lock the offline sign-in of that
  username on this workstation for :data:`LOCK_FOR` (5 minutes); the count and the lock are
  kept in this file, so a restart does not reset them. A right password (offline or online)
  clears the count. Wall-clock time (UTC) is compared, the only clock that survives a restart.
- What someone with the workstation's OS account can do with this file (TRUST.md): read it,
  and try to guess a nurse's password against her verifier off-line, exactly as with a copy
  of the server's database (argon2id makes each guess cost what a sign-in costs; the
  lockout does not apply to a copied file). They can also forge an entry with a verifier of a
  password they chose and sign in offline as that nurse; what they chart then stays in the
  outbox: its replay needs her to sign in on the server here, and is refused as a conflict
  because the entry's verifier fingerprint is not her verifier's on the server
  (``gateway.OFFLINE_MISMATCH``). Nothing forged reaches her chart unseen. (The same OS
  account can also write the outbox file directly; that is not new, and the replay shows
  each conflict to the nurse who signs in.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from chairlog.domain import Role, UserInfo
from chairlog.paths import data_dir
from chairlog.services import Chairlog, accounts, offline_credentials
from chairlog.services.offline_credentials import Credential

from .gateway import database_label
from .store import open_durable

log = logging.getLogger(__name__)

FILE_NAME = "credentials.sqlite3"
SCHEMA_VERSION = 1
MAX_AGE = timedelta(days=14)
MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=5)
DEFAULT_IDLE_MINUTES = 5

_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    database TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    verifier TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    cached_at TEXT NOT NULL,
    PRIMARY KEY (database, user_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS ix_accounts_name ON accounts (database, username);
CREATE TABLE IF NOT EXISTS failures (
    database TEXT NOT NULL,
    username TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    last_failed_at TEXT,
    locked_until TEXT,
    PRIMARY KEY (database, username)
);
CREATE TABLE IF NOT EXISTS clinic (
    database TEXT PRIMARY KEY,
    idle_lock_minutes INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Cached:
    """One account as this workstation keeps it."""

    database: str
    user_id: int
    username: str
    display_name: str
    role: Role
    verifier: str
    fingerprint: str
    cached_at: datetime

    def usable_at(self, now: datetime) -> bool:
        """Signed in online on this workstation within :data:`MAX_AGE` before ``now``."""
        return now - self.cached_at <= MAX_AGE


@dataclass(frozen=True)
class Failures:
    count: int
    locked_until: datetime | None


def _utc(text: str | None) -> datetime | None:
    if not text:
        return None
    at = datetime.fromisoformat(text)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def normal(username: str) -> str:
    """A username as the server compares it (trimmed, lower case)."""
    return str(username).strip().lower()


class CredentialCache:
    """The cache file; safe to use from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._con = open_durable(path)
        self._con.executescript(_SCHEMA)
        self._con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @classmethod
    def here(cls, folder: Path | None = None) -> CredentialCache:
        """The cache in ``folder`` (the data folder by default)."""
        return cls((folder or data_dir()) / FILE_NAME)

    @contextmanager
    def _tx(self) -> Iterator[None]:
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
            self._con.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._con.close()

    # ---- accounts -----------------------------------------------------------------------

    def keep(self, database: str, cred: Credential, at: datetime) -> None:
        """Keep (or refresh) one account after its online sign-in at ``at``."""
        with self._tx():
            self._con.execute("DELETE FROM accounts WHERE database=? AND (user_id=? OR "
                              "username=?)", (database, cred.user_id, normal(cred.username)))
            self._con.execute(
                "INSERT INTO accounts (database, user_id, username, display_name, role, "
                "verifier, fingerprint, cached_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (database, cred.user_id, normal(cred.username), cred.display_name,
                 cred.role.value, cred.verifier, cred.fingerprint,
                 at.astimezone(UTC).isoformat()))

    def drop(self, database: str, user_id: int) -> None:
        with self._tx():
            self._con.execute("DELETE FROM accounts WHERE database=? AND user_id=?",
                              (database, user_id))

    def _row(self, row: object) -> Cached:
        d = dict(row)  # type: ignore[call-overload]
        at = _utc(d["cached_at"])
        assert at is not None
        return Cached(d["database"], int(d["user_id"]), d["username"], d["display_name"],
                      Role(d["role"]), d["verifier"], d["fingerprint"], at)

    def account(self, database: str, username: str) -> Cached | None:
        with self._lock:
            row = self._con.execute("SELECT * FROM accounts WHERE database=? AND username=?",
                                    (database, normal(username))).fetchone()
        return self._row(row) if row is not None else None

    def accounts(self, database: str) -> list[Cached]:
        with self._lock:
            rows = self._con.execute("SELECT * FROM accounts WHERE database=? ORDER BY "
                                     "username", (database,)).fetchall()
        return [self._row(r) for r in rows]

    # ---- failures -----------------------------------------------------------------------

    def failures(self, database: str, username: str) -> Failures:
        with self._lock:
            row = self._con.execute("SELECT failures, locked_until FROM failures WHERE "
                                    "database=? AND username=?",
                                    (database, normal(username))).fetchone()
        if row is None:
            return Failures(0, None)
        return Failures(int(row["failures"]), _utc(row["locked_until"]))

    def fail(self, database: str, username: str, now: datetime) -> Failures:
        """Count one wrong password; lock at :data:`MAX_FAILURES` (the count starts again
        after the lock)."""
        name, at = normal(username), now.astimezone(UTC)
        with self._tx():
            row = self._con.execute("SELECT failures FROM failures WHERE database=? AND "
                                    "username=?", (database, name)).fetchone()
            count = (int(row["failures"]) if row is not None else 0) + 1
            until = at + LOCK_FOR if count >= MAX_FAILURES else None
            self._con.execute(
                "INSERT INTO failures (database, username, failures, last_failed_at, "
                "locked_until) VALUES (?, ?, ?, ?, ?) ON CONFLICT (database, username) DO "
                "UPDATE SET failures=excluded.failures, last_failed_at=excluded.last_failed_at, "
                "locked_until=excluded.locked_until",
                (database, name, 0 if until else count, at.isoformat(),
                 until.isoformat() if until else None))
        return Failures(count, until)

    def clear_failures(self, database: str, username: str) -> None:
        with self._tx():
            self._con.execute("DELETE FROM failures WHERE database=? AND username=?",
                              (database, normal(username)))

    # ---- the clinic's idle lock ---------------------------------------------------------

    def set_idle_minutes(self, database: str, minutes: int, at: datetime) -> None:
        with self._tx():
            self._con.execute(
                "INSERT INTO clinic (database, idle_lock_minutes, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (database) DO UPDATE SET idle_lock_minutes=excluded."
                "idle_lock_minutes, updated_at=excluded.updated_at",
                (database, int(minutes), at.astimezone(UTC).isoformat()))

    def idle_minutes(self, database: str) -> int:
        """The clinic's idle-lock minutes as last read here, else :data:`DEFAULT_IDLE_MINUTES`."""
        with self._lock:
            row = self._con.execute("SELECT idle_lock_minutes FROM clinic WHERE database=?",
                                    (database,)).fetchone()
        return int(row[0]) if row is not None and int(row[0]) > 0 else DEFAULT_IDLE_MINUTES


def remember_sign_in(app: Chairlog, actor: UserInfo, folder: Path | None = None) -> bool:
    """After ``actor`` signed in on the server in this window: keep (or drop) their
    credential, drop the kept accounts the server no longer vouches for, note the clinic's
    idle-lock minutes. Runs on the worker thread that checked the password; never raises
    (a cache that cannot be written is logged, the sign-in goes on). False when nothing
    could be kept."""
    try:
        cache = CredentialCache.here(folder)
    except Exception as exc:
        log.warning("the offline credential cache cannot be opened: %s", exc)
        return False
    try:
        database = database_label(app.db.url)
        now = app.now()
        cred = offline_credentials.own_credential(app, actor)
        if cred.charts:
            cache.keep(database, cred, now)
        else:
            cache.drop(database, cred.user_id)
        cache.clear_failures(database, cred.username)
        others = {c.user_id: c.fingerprint for c in cache.accounts(database)
                  if c.user_id != cred.user_id}
        for uid, why in offline_credentials.stale_credentials(app, actor, others).items():
            log.info("offline credential of user %s dropped (%s)", uid, why)
            cache.drop(database, uid)
        cache.set_idle_minutes(database, accounts.get_clinic(app).idle_lock_minutes, now)
        return cred.charts
    except Exception as exc:
        log.warning("the offline credential cache was not updated: %s", exc)
        return False
    finally:
        cache.close()
