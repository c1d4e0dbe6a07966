"""Signing in: the only way to get an actor, password checks, lockout.

Decisions:
- An actor exists only as the result of :func:`login` (or ``init_clinic`` for the first
  admin): it carries a random session token registered in this process, and every service
  refuses any other ``UserInfo`` (``context.require_user``).
- Passwords are argon2id hashes, rehashed when the parameters change.
- Guessing: after ``Clinic.lockout_attempts`` wrong passwords in a row (5 by default, a
  clinic setting) the account locks for :data:`LOCK_MINUTES` minutes or until an admin
  unlocks it (:func:`unlock_user`). Each failure, the lock and the unlock are audited;
  admins see locked accounts on the board (:func:`locked_accounts`). Sign-in, the lock
  screen and the signing dialog share the counter.
- Enumeration: an unknown username costs one argon2 verification like a known one (against
  a dummy hash made with the current parameters) and gets the same answer.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.db.models import User
from chairlog.domain import Role, UserInfo
from chairlog.errors import AuthenticationError, NotFound, PermissionDenied
from chairlog.services.context import (
    Chairlog,
    clinic_row,
    record,
    require_user,
    sign_out,
    signed_in,
    user_info,
)
from chairlog.words import words

__all__ = [
    "HASHER",
    "LOCK_MINUTES",
    "LockedAccount",
    "locked_accounts",
    "login",
    "password_matches",
    "reauthenticate",
    "sign_out",
    "unlock_user",
    "verify_password",
]

HASHER = PasswordHasher()
LOCK_MINUTES = 15
DEFAULT_LOCKOUT_ATTEMPTS = 5
WRONG = words("Wrong username or password.")
_dummy: tuple[PasswordHasher, str] | None = None


@dataclass(frozen=True)
class LockedAccount:
    user: UserInfo
    failed_attempts: int
    locked_until: datetime


def password_matches(u: User, password: str) -> bool:
    try:
        return bool(HASHER.verify(u.password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def _dummy_verify(password: str) -> None:
    """Spend the time of a real verification (same parameters) for an unknown account."""
    global _dummy
    if _dummy is None or _dummy[0] is not HASHER:
        _dummy = (HASHER, HASHER.hash(secrets.token_urlsafe(16)))
    with contextlib.suppress(VerificationError, InvalidHashError):
        HASHER.verify(_dummy[1], password)


def _limit(s: Session) -> int:
    try:
        return int(clinic_row(s).lockout_attempts or DEFAULT_LOCKOUT_ATTEMPTS)
    except NotFound:
        return DEFAULT_LOCKOUT_ATTEMPTS


def _locked(u: User, now: datetime) -> datetime | None:
    """When the lock ends, or None; an expired lock is cleared (with its count)."""
    if u.locked_until is None:
        return None
    if now >= u.locked_until:
        u.locked_until = None
        u.failed_attempts = 0
        return None
    return u.locked_until


def _lock_message(until: datetime) -> str:
    return (
        words("This account is locked after too many wrong passwords until {until:%H:%M} UTC (or "
              "until an admin unlocks it).", until=until)
    )


def _fail(app: Chairlog, s: Session, u: User, now: datetime) -> str | None:
    """Count one wrong password; lock the account at the limit. Returns a lock message."""
    u.failed_attempts += 1
    u.last_failed_at = now
    limit = _limit(s)
    if u.failed_attempts >= limit:
        u.locked_until = now + timedelta(minutes=LOCK_MINUTES)
        record(
            app,
            s,
            None,
            "user.locked",
            "user",
            u.id,
            username=u.username,
            after={"failed_attempts": u.failed_attempts,
                   "locked_until": u.locked_until.isoformat()},
            reason=f"{u.failed_attempts} wrong passwords",
        )
        return _lock_message(u.locked_until)
    return None


def login(app: Chairlog, username: str, password: str) -> UserInfo:
    """Check a username and password; return the signed-in actor. Audits success and failure.

    A deactivated account fails like a wrong password (the audit row says why). A locked
    account is refused with when the lock ends, after the same password-hash work."""
    if not isinstance(username, str) or not isinstance(password, str):
        raise AuthenticationError(WRONG)
    error: str | None = None
    with app.db.write() as s:
        u = s.scalars(select(User).where(User.username == username.strip().lower())).first()
        now = app.now()
        if u is None:
            _dummy_verify(password)
            error, reason = WRONG, "bad credentials"
        else:
            until = _locked(u, now)
            matches = password_matches(u, password)
            if until is not None:
                error, reason = _lock_message(until), "locked"
            elif not u.active:
                error, reason = WRONG, "deactivated"
            elif not matches:
                error, reason = WRONG, "bad credentials"
        if error is not None:
            record(
                app,
                s,
                None,
                "login.failed",
                "user",
                u.id if u else "",
                username=username[:64],
                reason=reason,
            )
            if u is not None and reason in ("bad credentials", "deactivated"):
                error = _fail(app, s, u, now) or error
        else:
            assert u is not None
            if HASHER.check_needs_rehash(u.password_hash):
                u.password_hash = HASHER.hash(password)
            u.failed_attempts = 0
            record(app, s, u, "login", "user", u.id)
            info = signed_in(u)
    if error is not None:
        raise AuthenticationError(error)
    return info


def reauthenticate(
    app: Chairlog,
    actor: UserInfo,
    password: str,
    *,
    wrong: str = words("Wrong password."),
    action: str = "reauth.failed",
) -> None:
    """Check the signed-in user's password again (unlock, signing), without a sign-in record.

    Shares the sign-in's failure counter and lockout; failures are audited as ``action``.
    Raises AuthenticationError (or PermissionDenied for a deactivated or forged actor)."""
    if not isinstance(password, str):
        raise AuthenticationError(wrong)
    error: str | None = None
    with app.db.write() as s:
        u = require_user(s, actor)
        now = app.now()
        until = _locked(u, now)
        matches = password_matches(u, password)
        if until is not None:
            error = _lock_message(until)
            record(app, s, u, action, "user", u.id, reason="locked")
        elif not matches:
            error = wrong
            record(app, s, u, action, "user", u.id, reason="wrong password")
            error = _fail(app, s, u, now) or error
        elif u.failed_attempts:
            u.failed_attempts = 0
    if error is not None:
        raise AuthenticationError(error)


def password_attempt(
    app: Chairlog, actor: UserInfo, ok: bool, *, wrong: str, action: str
) -> None:
    """Record the outcome of a password check made elsewhere (the signing key's own
    unwrapping, which proves the password without a second hash): the same lockout and audit
    as :func:`reauthenticate`. Raises AuthenticationError unless ``ok`` and not locked."""
    error: str | None = None
    with app.db.write() as s:
        u = require_user(s, actor)
        now = app.now()
        until = _locked(u, now)
        if until is not None:
            error = _lock_message(until)
            record(app, s, u, action, "user", u.id, reason="locked")
        elif not ok:
            record(app, s, u, action, "user", u.id, reason="wrong password")
            error = _fail(app, s, u, now) or wrong
        elif u.failed_attempts:
            u.failed_attempts = 0
    if error is not None:
        raise AuthenticationError(error)


def verify_password(app: Chairlog, actor: UserInfo, password: str) -> bool:
    """Re-authentication as a yes/no (see :func:`reauthenticate`, which says why not)."""
    try:
        reauthenticate(app, actor, password)
    except (AuthenticationError, PermissionDenied):
        return False
    return True


def check_password_of(
    app: Chairlog, s: Session, u: User, password: str, wrong: str
) -> str | None:
    """Inside a write transaction: check the password of ``u`` (not the actor), with the
    lockout. Returns why it failed (the counters are updated: commit, then raise), or None.

    Used when a second person must be present (a physician at certificate issuance)."""
    now = app.now()
    until = _locked(u, now)
    matches = password_matches(u, password)
    if until is not None:
        return _lock_message(until)
    if not matches:
        return _fail(app, s, u, now) or wrong
    u.failed_attempts = 0
    return None


def unlock_user(app: Chairlog, actor: UserInfo, user_id: int) -> UserInfo:
    """Admin: lift a lockout (audited). Last writer wins (no ``expected_version``): lifting a
    lockout twice, or after the lockout ran out, loses nothing."""
    with app.db.write() as s:
        admin = require_user(s, actor, {Role.ADMIN}, words("unlock accounts"))
        u = s.get(User, user_id)
        if u is None:
            raise NotFound(words("No user {user_id}.", user_id=user_id))
        before = {"failed_attempts": u.failed_attempts, "locked": u.locked_until is not None}
        u.locked_until = None
        u.failed_attempts = 0
        record(app, s, admin, "user.unlock", "user", u.id, before=before,
               after={"failed_attempts": 0, "locked": False})
        info = user_info(u)
    app.notify("user", user_id)
    return info


def locked_accounts(app: Chairlog, actor: UserInfo) -> list[LockedAccount]:
    """Admin: accounts locked now (for the board)."""
    with app.db.read() as s:
        require_user(s, actor, {Role.ADMIN}, words("see locked accounts"))
        now = app.now()
        rows = s.scalars(select(User).where(User.locked_until.is_not(None))).all()
        return [
            LockedAccount(user_info(u), u.failed_attempts, u.locked_until)
            for u in rows
            if u.locked_until is not None and u.locked_until > now
        ]
