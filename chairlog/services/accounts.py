"""Clinic set-up, accounts and passwords (sign-in and lockout: ``signin``; physicians'
certificates: ``authority`` and ``keys``).

Decisions:
- Every change here needs a signed-in admin actor (``context.require_user``); only
  :func:`init_clinic` runs without one, and only on an empty database.
- ``init_clinic`` creates the clinic's signing authority with a passphrase chosen at set-up
  and names who holds it (``ca_holder``, e.g. the medical director). The passphrase is
  stored nowhere; its key is kept encrypted under it. The authority certificate is pinned in
  this workstation's data folder (``trust``).
- Two active accounts cannot share a printed name (full name + credentials, compared without
  case, accents' compatibility forms or extra spaces) unless an admin gives one a
  distinguishing ``qualifier``, printed after the name on records and certificates.
- A password reset revokes the physician's current certificate (recorded at once; the next
  CRL the authority signs lists it). Nothing here issues a key: that needs the authority's
  passphrase (``authority.issue_certificate``).
- Accounts are deactivated, never deleted.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from chairlog.db.models import Clinic, SigningKey, User
from chairlog.errors import AuthenticationError, NotFound, PermissionDenied, ValidationError
from chairlog.services import signin
from chairlog.services.context import (
    MAX_NAME,
    Chairlog,
    clinic_row,
    record,
    require_user,
    signed_in,
    text_field,
    user_info,
)
from chairlog.services.domain import ClinicInfo, Role, UserInfo
from chairlog.services.signin import (
    LockedAccount,
    locked_accounts,
    login,
    password_matches,
    reauthenticate,
    sign_out,
    unlock_user,
    verify_password,
)

if TYPE_CHECKING:  # imported where used: cryptography's x509 is ≈ 30 ms of start-up
    pass

__all__ = [
    "LockedAccount",
    "add_user",
    "change_password",
    "get_clinic",
    "init_clinic",
    "is_initialised",
    "list_users",
    "locked_accounts",
    "login",
    "password_matches",
    "reauthenticate",
    "reset_password",
    "set_active",
    "set_role",
    "sign_out",
    "unlock_user",
    "update_clinic",
    "verify_password",
]

MIN_PASSWORD = 8
MIN_PASSPHRASE = 12
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
    except (ZoneInfoNotFoundError, ValueError):
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
        ca_holder=c.ca_holder or "",
        lockout_attempts=c.lockout_attempts,
        tsa_url=c.tsa_url or "",
    )


def is_initialised(app: Chairlog) -> bool:
    with app.db.read() as s:
        return s.scalar(select(func.count()).select_from(Clinic)) != 0


def get_clinic(app: Chairlog) -> ClinicInfo:
    with app.db.read() as s:
        return clinic_info(clinic_row(s))


# ---- set-up --------------------------------------------------------------------------------


def _passphrase(value: object) -> str:
    if not isinstance(value, str) or not MIN_PASSPHRASE <= len(value) <= 256:
        raise ValidationError(
            "ca_passphrase",
            "***",
            f"at least {MIN_PASSPHRASE} characters",
            "signing authority passphrase",
        )
    return value


def init_clinic(
    app: Chairlog,
    *,
    clinic_name: str,
    timezone: str,
    admin_username: str,
    admin_full_name: str,
    admin_password: str,
    ca_passphrase: str,
    ca_holder: str = "",
    address: str = "",
    admin_credentials: str = "",
) -> UserInfo:
    """Create the clinic, its signing authority and the first admin, only on an empty database.

    ``ca_holder`` names who holds the authority's passphrase (default: the admin). Returns the
    first admin, signed in. The authority certificate is pinned in this workstation's data
    folder for this database (``trust.pin_authority``)."""
    from chairlog import pki
    from chairlog.services import authority, trust

    name = text_field(
        "clinic_name", clinic_name, required=True, max_chars=MAX_NAME, label="clinic name"
    )
    tz = _timezone(timezone)
    uname = _username(admin_username)
    full = text_field(
        "full_name", admin_full_name, required=True, max_chars=MAX_NAME, label="full name"
    )
    pw = _password(admin_password)
    passphrase = _passphrase(ca_passphrase)
    holder = text_field("ca_holder", ca_holder, max_chars=MAX_NAME, label="authority holder")
    holder = holder or full
    addr = text_field("address", address, max_chars=500)
    creds = text_field("credentials", admin_credentials, max_chars=40)
    if is_initialised(app):
        raise ValidationError("clinic_name", name, "an empty database (already set up)")
    ca = pki.create_clinic_ca(name, pki.passphrase_bytes(passphrase), now=app.now())
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
            ca_holder=holder,
        )
        s.add(clinic)
        admin = User(
            username=uname,
            full_name=full,
            credentials=creds,
            role=Role.ADMIN.value,
            password_hash=signin.HASHER.hash(pw),
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
            after={"name": name, "timezone": tz, "address": addr, "ca_holder": holder,
                   "ca_fingerprint": pki.cert_fingerprint(ca.cert_pem)},
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
        authority.publish_crl(app, s, clinic, passphrase)
        info = signed_in(admin)
    trust.pin_authority(app.db.url, ca.cert_pem)
    app.notify("clinic")
    return info


SETTINGS = {
    "name",
    "address",
    "timezone",
    "paper_size",
    "idle_lock_minutes",
    "late_entry_minutes",
    "lockout_attempts",
    "tsa_url",
    "tsa_cert_pem",
}


def _setting(key: str, value: object) -> object:
    if key not in SETTINGS:
        raise ValidationError(key, value, "one of " + ", ".join(sorted(SETTINGS)))
    if key == "name":
        return text_field("name", value, required=True, max_chars=MAX_NAME)
    if key == "address":
        return text_field("address", value, max_chars=500)
    if key == "timezone":
        return _timezone(value)
    if key == "paper_size" and value not in ("A4", "Letter"):
        raise ValidationError("paper_size", value, "A4 or Letter", "paper size")
    if key in ("idle_lock_minutes", "late_entry_minutes") and (
        isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120
    ):
        raise ValidationError(key, value, "a whole number of minutes, 1–120")
    if key == "lockout_attempts" and (
        isinstance(value, bool) or not isinstance(value, int) or not 3 <= value <= 20
    ):
        raise ValidationError(key, value, "a whole number of wrong passwords, 3–20",
                              "lockout after")
    if key == "tsa_cert_pem":
        if value in (None, b""):
            return None
        from chairlog.services import trust

        return trust.one_certificate(value if isinstance(value, bytes) else b"", ca=False)
    if key == "tsa_url":
        url = text_field("tsa_url", value, max_chars=500, label="timestamp service")
        if url and not url.startswith(("http://", "https://")):
            raise ValidationError("tsa_url", url, "an http:// or https:// address, or empty",
                                  "timestamp service")
        return url
    return value


def _shown(value: object) -> object:
    """Audit-friendly: a certificate as its fingerprint."""
    if isinstance(value, bytes):
        from chairlog.services import trust

        return "sha256:" + trust.fingerprint(value)
    return value


def update_clinic(app: Chairlog, actor: UserInfo, **changes: object) -> ClinicInfo:
    """Admin: clinic details and settings (name, address, timezone, paper size, idle lock,
    lockout after N wrong passwords, the RFC 3161 timestamp service's address)."""
    with app.db.write() as s:
        user = require_user(s, actor, {Role.ADMIN}, "change clinic settings")
        c = clinic_row(s)
        before = {k: _shown(getattr(c, k)) for k in sorted(SETTINGS)}
        for key, value in changes.items():
            setattr(c, key, _setting(key, value))
        after = {k: _shown(getattr(c, k)) for k in sorted(SETTINGS)}
        record(app, s, user, "settings.change", "clinic", c.id, before=before, after=after)
        info = clinic_info(c)
    app.notify("clinic")
    return info


def require_admin(app: Chairlog, actor: UserInfo, action: str) -> None:
    """Refuse unless ``actor`` is a signed-in admin (for checks outside a write)."""
    with app.db.read() as s:
        require_user(s, actor, {Role.ADMIN}, action)


# ---- users --------------------------------------------------------------------------------


def _name_key(full_name: str, credentials: str, qualifier: str) -> str:
    printed = f"{full_name} {credentials} {qualifier}"
    folded = unicodedata.normalize("NFKC", printed).casefold()
    return " ".join(folded.replace(",", " ").split())


def _refuse_same_printed_name(s: Session, u: User) -> None:
    key = _name_key(u.full_name, u.credentials, u.name_qualifier or "")
    for other in s.scalars(select(User).where(User.active.is_(True), User.id != (u.id or -1))):
        if _name_key(other.full_name, other.credentials, other.name_qualifier or "") == key:
            raise ValidationError(
                "full_name",
                u.full_name,
                f"a printed name no other active account has ({other.username} is already "
                "printed so): add a distinguishing --qualifier",
                "full name",
            )


def add_user(
    app: Chairlog,
    actor: UserInfo,
    *,
    username: str,
    full_name: str,
    role: Role | str,
    password: str,
    credentials: str = "",
    qualifier: str = "",
    must_change_password: bool | None = None,
) -> UserInfo:
    """Admin: create an account with an initial password.

    The admin chose that password, so a new physician must change it at first sign-in
    (default); a physician's certificate is issued only once the physician has a password of
    their own (``authority.issue_certificate``), so no admin ever knows the password that
    wraps a physician's key."""
    uname = _username(username)
    full = text_field("full_name", full_name, required=True, max_chars=MAX_NAME, label="full name")
    try:
        r = Role(role)
    except ValueError:
        raise ValidationError("role", role, "nurse, physician or admin") from None
    creds = text_field("credentials", credentials, max_chars=40)
    qual = text_field("qualifier", qualifier, max_chars=60)
    pw = _password(password)
    if must_change_password is None:
        must_change_password = r is Role.PHYSICIAN
    with app.db.write() as s:
        admin = require_user(s, actor, {Role.ADMIN}, "add users")
        if s.scalar(select(User.id).where(User.username == uname)) is not None:
            raise ValidationError("username", uname, "a username not already taken")
        u = User(
            username=uname,
            full_name=full,
            credentials=creds,
            role=r.value,
            password_hash=signin.HASHER.hash(pw),
            created_at=app.now(),
            must_change_password=must_change_password,
            name_qualifier=qual,
        )
        _refuse_same_printed_name(s, u)
        s.add(u)
        s.flush()
        record(
            app,
            s,
            admin,
            "user.create",
            "user",
            u.id,
            after={"username": uname, "full_name": full, "role": r.value, "credentials": creds,
                   "qualifier": qual},
        )
        info = user_info(u)
    app.notify("user", info.id)
    return info


def list_users(app: Chairlog, include_inactive: bool = True) -> list[UserInfo]:
    with app.db.read() as s:
        q = select(User).order_by(User.full_name)
        if not include_inactive:
            q = q.where(User.active.is_(True))
        return [user_info(u) for u in s.scalars(q)]


def find_user(app: Chairlog, username: str) -> UserInfo:
    with app.db.read() as s:
        u = s.scalars(select(User).where(User.username == str(username).strip().lower())).first()
        if u is None:
            raise NotFound(f"No user '{username}'.")
        return user_info(u)


def set_active(app: Chairlog, actor: UserInfo, user_id: int, active: bool, reason: str) -> UserInfo:
    why = text_field("reason", reason, required=True, max_chars=500)
    with app.db.write() as s:
        admin = require_user(s, actor, {Role.ADMIN}, "deactivate accounts")
        u = s.get(User, user_id)
        if u is None:
            raise NotFound(f"No user {user_id}.")
        if u.id == admin.id and not active:
            raise PermissionDenied("You cannot deactivate your own account.")
        if active and not u.active:
            _refuse_same_printed_name(s, u)
        before = {"active": u.active}
        u.active = active
        if active:
            u.failed_attempts = 0  # failures while deactivated must not lock out the return
            u.locked_until = None
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


def set_role(app: Chairlog, actor: UserInfo, user_id: int, role: Role | str) -> UserInfo:
    """Admin: change an account's role. Leaving the physician role revokes the certificate."""
    try:
        r = Role(role)
    except ValueError:
        raise ValidationError("role", role, "nurse, physician or admin") from None
    with app.db.write() as s:
        admin = require_user(s, actor, {Role.ADMIN}, "change roles")
        u = s.get(User, user_id)
        if u is None:
            raise NotFound(f"No user {user_id}.")
        if u.id == admin.id and r is not Role.ADMIN:
            raise PermissionDenied("You cannot remove your own admin role.")
        before = {"role": u.role}
        u.role = r.value
        revoked = _revoke_keys(app, s, u, "privilege_withdrawn") if r is not Role.PHYSICIAN else 0
        record(app, s, admin, "user.role_change", "user", u.id, before=before,
               after={"role": r.value, "certificates_revoked": revoked})
        info = user_info(u)
    app.notify("user", user_id)
    return info


def _revoke_keys(app: Chairlog, s: Session, u: User, reason: str) -> int:
    """Retire and mark revoked the user's live keys; the authority's next CRL lists them."""
    n = 0
    for key in s.scalars(
        select(SigningKey).where(SigningKey.user_id == u.id, SigningKey.retired_at.is_(None))
    ):
        key.retired_at = app.now()
        if key.revoked_at is None:
            key.revoked_at = app.now()
            key.revocation_reason = reason
        n += 1
    return n


def reset_password(app: Chairlog, actor: UserInfo, user_id: int, temporary_password: str) -> None:
    """Admin reset: a temporary password the user must change. The user's certificate is
    revoked (recorded now, listed by the authority's next CRL): the old key is wrapped under
    the old password, and no new one is issued without the authority's passphrase and the
    physician's own new password, so a reset never gives an admin a physician's signature."""
    pw = _password(temporary_password, "temporary_password")
    with app.db.write() as s:
        admin = require_user(s, actor, {Role.ADMIN}, "reset passwords")
        u = s.get(User, user_id)
        if u is None:
            raise NotFound(f"No user {user_id}.")
        u.password_hash = signin.HASHER.hash(pw)
        u.must_change_password = True
        u.failed_attempts = 0
        u.locked_until = None
        revoked = _revoke_keys(app, s, u, "affiliation_changed")
        record(
            app,
            s,
            admin,
            "user.password_reset",
            "user",
            u.id,
            after={"must_change_password": True, "certificates_revoked": revoked},
        )
    app.notify("user", user_id)


def change_password(
    app: Chairlog, actor: UserInfo, old_password: str, new_password: str
) -> UserInfo:
    """The user replaces their password (knowing the current one). A physician's key is
    re-wrapped under the new password; a key that does not open with the old one (after a
    reset) stays retired. No certificate is issued here."""
    from chairlog import pki
    from chairlog.services import keys

    new = _password(new_password, "new_password")
    if new == old_password:
        raise ValidationError(
            "new_password", "***", "a password different from the old one", "new password"
        )
    # the current password is checked with the sign-in's lockout, failures audited
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
        u.password_hash = signin.HASHER.hash(new)
        u.must_change_password = False
        key = keys.active_key(s, u.id)
        if key is not None:
            mat = keys.key_material(key)
            try:
                rewrapped = pki.rewrap_signer_key(mat, old_password, new)
                key.encrypted_key_pem = rewrapped.encrypted_key_pem
            except pki.WrongPassword:
                key.retired_at = app.now()
        record(app, s, u, "user.password_change", "user", u.id)
        info = replace(user_info(u), session=actor.session)  # still the same sign-in
    return info
