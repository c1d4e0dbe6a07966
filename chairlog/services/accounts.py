"""Clinic set-up, accounts, sign-in and passwords (physicians' signing keys: ``keys``).

Passwords are argon2id hashes (rehashed when the parameters change). Repeated failed sign-ins
are audited and slowed down: after 3 failures the account refuses attempts for a growing
delay (2, 4, 8 … 60 s). Accounts are deactivated, never deleted.
"""

from __future__ import annotations

import math
import secrets
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from chairlog import paths
from chairlog.db.models import Clinic, SigningKey, User
from chairlog.errors import AuthenticationError, NotFound, PermissionDenied, ValidationError
from chairlog.services.context import (
    MAX_NAME,
    Chairlog,
    clinic_row,
    record,
    require_user,
    text_field,
    user_info,
)
from chairlog.services.domain import ClinicInfo, Role, UserInfo

if TYPE_CHECKING:  # imported where used: cryptography's x509 is ≈ 30 ms of start-up
    pass

HASHER = PasswordHasher()
MIN_PASSWORD = 8
FREE_ATTEMPTS = 3
MAX_DELAY_S = 60
USERNAME_OK = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


def _password(value: object, name: str = "password") -> str:
    if not isinstance(value, str) or len(value) < MIN_PASSWORD or len(value) > 256:
        raise ValidationError(name, "***", f"at least {MIN_PASSWORD} characters", name)
    return value


def _username(value: object) -> str:
    if not isinstance(value, str) or not (2 <= len(value) <= 64) or set(value) - USERNAME_OK:
        raise ValidationError(
            "username", value, "2–64 lower-case letters, digits, '.', '_' or '-'", "username"
        )
    return value


def _timezone(value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError("timezone", value, "an IANA time zone such as Europe/London")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: tzdata's files (too long,
        # a folder such as "America")
        raise ValidationError(
            "timezone",
            value,
            "an IANA time zone such as Europe/London or America/New_York",
            "time zone",
        ) from None
    return value


def clinic_info(c: Clinic) -> ClinicInfo:
    return ClinicInfo(
        c.id,
        c.name,
        c.address,
        c.timezone,
        c.paper_size,
        c.idle_lock_minutes,
        c.late_entry_minutes,
        c.ca_cert_pem is not None,
    )


def is_initialised(app: Chairlog) -> bool:
    with app.db.read() as s:
        return s.scalar(select(func.count()).select_from(Clinic)) != 0


def get_clinic(app: Chairlog) -> ClinicInfo:
    with app.db.read() as s:
        return clinic_info(clinic_row(s))


# ---- the clinic's signing authority -------------------------------------------------------


def ca_secret_path(ca_cert_pem: bytes) -> Path:
    """Where this workstation keeps the passphrase of the clinic CA's (encrypted) key.

    It lives outside the database, so a copy of the database alone cannot issue certificates.
    """
    import hashlib

    return paths.data_dir() / "ca" / (hashlib.sha256(ca_cert_pem).hexdigest()[:32] + ".secret")


def _write_secret(path: Path, secret: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.parent.chmod(0o700)
    path.write_bytes(secret)
    path.chmod(0o600)


def init_clinic(
    app: Chairlog,
    *,
    clinic_name: str,
    timezone: str,
    admin_username: str,
    admin_full_name: str,
    admin_password: str,
    address: str = "",
    admin_credentials: str = "",
) -> UserInfo:
    """Create the clinic, its signing authority and the first admin. Only on an empty database."""
    from chairlog import pki

    name = text_field(
        "clinic_name", clinic_name, required=True, max_chars=MAX_NAME, label="clinic name"
    )
    tz = _timezone(timezone)
    uname = _username(admin_username)
    full = text_field(
        "full_name", admin_full_name, required=True, max_chars=MAX_NAME, label="full name"
    )
    pw = _password(admin_password)
    addr = text_field("address", address, max_chars=500)
    creds = text_field("credentials", admin_credentials, max_chars=40)
    secret = secrets.token_urlsafe(32).encode()
    ca = pki.create_clinic_ca(name, secret, now=app.now())
    with app.db.write() as s:
        if s.scalar(select(func.count()).select_from(Clinic)):
            raise ValidationError("clinic_name", name, "an empty database (already set up)")
        now = app.now()
        clinic = Clinic(
            name=name,
            address=addr,
            timezone=tz,
            created_at=now,
            ca_cert_pem=ca.cert_pem,
            ca_key_encrypted=ca.encrypted_key_pem,
        )
        s.add(clinic)
        admin = User(
            username=uname,
            full_name=full,
            credentials=creds,
            role=Role.ADMIN.value,
            password_hash=HASHER.hash(pw),
            created_at=now,
        )
        s.add(admin)
        s.flush()
        record(
            app,
            s,
            admin,
            "clinic.init",
            "clinic",
            clinic.id,
            after={"name": name, "timezone": tz, "address": addr},
        )
        record(
            app,
            s,
            admin,
            "user.create",
            "user",
            admin.id,
            after={"username": uname, "full_name": full, "role": "admin"},
        )
        _write_secret(ca_secret_path(ca.cert_pem), secret)
    app.notify("clinic")
    return user_info(admin)


def update_clinic(app: Chairlog, actor: UserInfo, **changes: object) -> ClinicInfo:
    """Admin: clinic details and settings (name, address, timezone, paper size, idle lock…)."""
    allowed = {
        "name",
        "address",
        "timezone",
        "paper_size",
        "idle_lock_minutes",
        "late_entry_minutes",
    }
    with app.db.write() as s:
        user = require_user(s, actor, {Role.ADMIN}, "change clinic settings")
        c = clinic_row(s)
        before = {k: getattr(c, k) for k in allowed}
        for key, value in changes.items():
            if key not in allowed:
                raise ValidationError(key, value, "one of " + ", ".join(sorted(allowed)))
            if key == "name":
                value = text_field("name", value, required=True, max_chars=MAX_NAME)
            elif key == "address":
                value = text_field("address", value, max_chars=500)
            elif key == "timezone":
                value = _timezone(value)
            elif key == "paper_size" and value not in ("A4", "Letter"):
                raise ValidationError("paper_size", value, "A4 or Letter", "paper size")
            elif key in ("idle_lock_minutes", "late_entry_minutes") and (
                isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120
            ):
                raise ValidationError(key, value, "a whole number of minutes, 1–120")
            setattr(c, key, value)
        after = {k: getattr(c, k) for k in allowed}
        record(app, s, user, "settings.change", "clinic", c.id, before=before, after=after)
        info = clinic_info(c)
    app.notify("clinic")
    return info


# ---- users --------------------------------------------------------------------------------


def add_user(
    app: Chairlog,
    actor: UserInfo | None,
    *,
    username: str,
    full_name: str,
    role: Role | str,
    password: str,
    credentials: str = "",
    must_change_password: bool = False,
) -> UserInfo:
    """Create an account. ``actor`` None means the local command line (a trusted operator,
    typically the physician typing their own password).

    When an admin creates a physician, the admin chose the password, so the physician must
    change it before a signing key is issued: a key is only ever encrypted under a password
    that its owner alone chose, so no admin can produce a physician's signature.
    """
    from chairlog.services import keys

    uname = _username(username)
    full = text_field("full_name", full_name, required=True, max_chars=MAX_NAME, label="full name")
    try:
        r = Role(role)
    except ValueError:
        raise ValidationError("role", role, "nurse, physician or admin") from None
    creds = text_field("credentials", credentials, max_chars=40)
    pw = _password(password)
    with app.db.write() as s:
        admin = require_user(s, actor, {Role.ADMIN}, "add users") if actor else None
        if admin is not None and r is Role.PHYSICIAN:
            must_change_password = True
        if s.scalar(select(User.id).where(User.username == uname)) is not None:
            raise ValidationError("username", uname, "a username not already taken")
        u = User(
            username=uname,
            full_name=full,
            credentials=creds,
            role=r.value,
            password_hash=HASHER.hash(pw),
            created_at=app.now(),
            must_change_password=must_change_password,
        )
        s.add(u)
        s.flush()
        record(
            app,
            s,
            admin,
            "user.create",
            "user",
            u.id,
            username="cli" if admin is None else None,
            after={"username": uname, "full_name": full, "role": r.value, "credentials": creds},
        )
        if r is Role.PHYSICIAN and not must_change_password:
            keys.issue_key(app, s, u, pw)
        info = user_info(u)
    app.notify("user", info.id)
    return info


def list_users(app: Chairlog, include_inactive: bool = True) -> list[UserInfo]:
    with app.db.read() as s:
        q = select(User).order_by(User.full_name)
        if not include_inactive:
            q = q.where(User.active.is_(True))
        return [user_info(u) for u in s.scalars(q)]


def set_active(app: Chairlog, actor: UserInfo, user_id: int, active: bool, reason: str) -> UserInfo:
    why = text_field("reason", reason, required=True, max_chars=500)
    with app.db.write() as s:
        admin = require_user(s, actor, {Role.ADMIN}, "deactivate accounts")
        u = s.get(User, user_id)
        if u is None:
            raise NotFound(f"No user {user_id}.")
        if u.id == admin.id and not active:
            raise PermissionDenied("You cannot deactivate your own account.")
        before = {"active": u.active}
        u.active = active
        if active:
            u.failed_attempts = 0  # failures while deactivated must not lock out the return
        record(
            app,
            s,
            admin,
            "user.activate" if active else "user.deactivate",
            "user",
            u.id,
            before=before,
            after={"active": active},
            reason=why,
        )
        info = user_info(u)
    app.notify("user", user_id)
    return info


def reset_password(app: Chairlog, actor: UserInfo, user_id: int, temporary_password: str) -> None:
    """Admin reset: a temporary password the user must change. The old signing key is retired:
    it is encrypted under the old password, which the admin never knows, so a reset can never
    give an admin the use of a physician's key. A new key (a new fingerprint) is issued when the
    user replaces the temporary password with their own (:func:`change_password`)."""
    pw = _password(temporary_password, "temporary_password")
    with app.db.write() as s:
        admin = require_user(s, actor, {Role.ADMIN}, "reset passwords")
        u = s.get(User, user_id)
        if u is None:
            raise NotFound(f"No user {user_id}.")
        u.password_hash = HASHER.hash(pw)
        u.must_change_password = True
        u.failed_attempts = 0
        for key in s.scalars(
            select(SigningKey).where(SigningKey.user_id == u.id, SigningKey.retired_at.is_(None))
        ):
            key.retired_at = app.now()
        record(
            app,
            s,
            admin,
            "user.password_reset",
            "user",
            u.id,
            after={"must_change_password": True, "signing_key": "retired"},
        )
    app.notify("user", user_id)


def change_password(
    app: Chairlog, actor: UserInfo, old_password: str, new_password: str
) -> UserInfo:
    from chairlog import pki
    from chairlog.services import keys

    new = _password(new_password, "new_password")
    if new == old_password:
        raise ValidationError(
            "new_password", "***", "a password different from the old one", "new password"
        )
    # the current password is checked with the sign-in's slowdown, failures audited
    reauthenticate(
        app,
        actor,
        old_password,
        wrong="The current password is wrong.",
        action="password_change.failed",
    )
    with app.db.write() as s:
        u = require_user(s, actor)
        if not password_matches(u, old_password):
            raise AuthenticationError("The current password is wrong.")
        u.password_hash = HASHER.hash(new)
        u.must_change_password = False
        key = keys.active_key(s, u.id)
        if key is not None:
            mat = keys.key_material(key)
            try:
                rewrapped = pki.rewrap_signer_key(mat, old_password, new)
                key.encrypted_key_pem = rewrapped.encrypted_key_pem
            except pki.WrongPassword:
                key.retired_at = app.now()
        if Role(u.role) is Role.PHYSICIAN and keys.active_key(s, u.id) is None:
            keys.issue_key(app, s, u, new)
        record(app, s, u, "user.password_change", "user", u.id)
        info = user_info(u)
    return info


def password_matches(u: User, password: str) -> bool:
    try:
        return bool(HASHER.verify(u.password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def _wait_s(u: User, now: datetime) -> float:
    """Seconds this account must still wait before another password attempt (0: none).

    The first ``FREE_ATTEMPTS`` failures cost nothing; then each further failure doubles the
    wait (2, 4, 8 … ``MAX_DELAY_S`` s) counted from the last failure."""
    if u.failed_attempts < FREE_ATTEMPTS or u.last_failed_at is None:
        return 0.0
    wait = min(2 ** (u.failed_attempts - FREE_ATTEMPTS + 1), MAX_DELAY_S)
    return max(0.0, (u.last_failed_at + timedelta(seconds=wait) - now).total_seconds())


def _too_many(wait_s: float) -> str:
    return f"Too many failed attempts: wait {math.ceil(wait_s)} s and try again."


def login(app: Chairlog, username: str, password: str) -> UserInfo:
    """Check a username and password. Audits success and failure; slows repeated failures.

    An attempt refused because the account must still wait is audited too (``login.failed``,
    reason "too many attempts"), without lengthening the wait. A deactivated account fails
    like a wrong password (the audit row says why)."""
    from chairlog.services import keys

    if not isinstance(username, str) or not isinstance(password, str):
        raise AuthenticationError("Wrong username or password.")
    error: str | None = None
    with app.db.write() as s:
        u = s.scalars(select(User).where(User.username == username.strip().lower())).first()
        now = app.now()
        wait = _wait_s(u, now) if u is not None else 0.0
        if u is not None and wait > 0:
            error = _too_many(wait)
            reason = "too many attempts"
        elif u is None or not u.active or not password_matches(u, password):
            if u is not None:
                u.failed_attempts += 1
                u.last_failed_at = now
            error = "Wrong username or password."
            reason = "deactivated" if (u is not None and not u.active) else "bad credentials"
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
        else:
            assert u is not None
            if HASHER.check_needs_rehash(u.password_hash):
                u.password_hash = HASHER.hash(password)
            u.failed_attempts = 0
            if (
                Role(u.role) is Role.PHYSICIAN
                and not u.must_change_password
                and keys.active_key(s, u.id) is None
            ):
                keys.issue_key(app, s, u, password)
            record(app, s, u, "login", "user", u.id)
            info = user_info(u)
    if error is not None:
        raise AuthenticationError(error)
    return info


def reauthenticate(
    app: Chairlog,
    actor: UserInfo,
    password: str,
    *,
    wrong: str = "Wrong password.",
    action: str = "reauth.failed",
) -> None:
    """Check the signed-in user's password again (unlock, signing), without a sign-in record.

    Shares the sign-in's failure counter and slowdown, so a locked workstation or the signing
    dialog cannot be used to guess a password at full speed; failures are audited as
    ``action``. Raises AuthenticationError (or PermissionDenied for a deactivated account)."""
    if not isinstance(password, str):
        raise AuthenticationError(wrong)
    error: str | None = None
    with app.db.write() as s:
        u = require_user(s, actor)
        now = app.now()
        wait = _wait_s(u, now)
        if wait > 0:
            error = _too_many(wait)
            record(app, s, u, action, "user", u.id, reason="too many attempts")
        elif not password_matches(u, password):
            u.failed_attempts += 1
            u.last_failed_at = now
            error = wrong
            record(app, s, u, action, "user", u.id, reason="wrong password")
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
