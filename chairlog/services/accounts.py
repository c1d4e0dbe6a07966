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
from contextlib import AbstractContextManager
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chairlog.db.models import Clinic, SigningKey, User
from chairlog.domain import Role, UserInfo
from chairlog.errors import AuthenticationError, NotFound, PermissionDenied, ValidationError
from chairlog.services import conflicts, signin
from chairlog.services.account_fields import (
    _password,
    _username,
)
from chairlog.services.clinic_setup import (
    SETTINGS,
    clinic_info,
    get_clinic,
    init_clinic,
    is_initialised,
    update_clinic,
)
from chairlog.services.context import (
    MAX_NAME,
    Chairlog,
    clinic_row,
    record,
    require_user,
    text_field,
    user_info,
)
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
from chairlog.words import words

__all__ = [
    "SETTINGS",
    "LockedAccount",
    "add_user",
    "change_password",
    "clinic_info",
    "get_clinic",
    "get_user",
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
                words("a printed name no other active account has ({username} is already printed "
                      "so): add a distinguishing --qualifier", username=other.username),
                words("full name"),
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
    wraps a physician's key. For a physician the result's ``key_note`` says so: who issues
    the key, how, and whether this workstation can (it trusts the clinic's authority only
    if it is pinned here)."""
    uname = _username(username)
    full = text_field("full_name", full_name, required=True, max_chars=MAX_NAME, label=words("full "
                                                                                             "name"))
    try:
        r = Role(role)
    except ValueError:
        raise ValidationError("role", role, words("nurse, physician or admin")) from None
    creds = text_field("credentials", credentials, max_chars=40)
    qual = text_field("qualifier", qualifier, max_chars=60)
    pw = _password(password)
    if must_change_password is None:
        must_change_password = r is Role.PHYSICIAN
    try:
        with app.db.write() as s:
            admin = require_user(s, actor, {Role.ADMIN}, words("add users"))
            if s.scalar(select(User.id).where(User.username == uname)) is not None:
                raise ValidationError("username", uname, words("a username not already taken"))
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
            if r is Role.PHYSICIAN:
                info = replace(info, key_note=key_issuance_note(app, uname, clinic_row(s)))
    except IntegrityError:  # the same username added on another workstation meanwhile
        raise ValidationError("username", uname, words("a username not already taken")) from None
    app.notify("user", info.id)
    return info


def key_issuance_note(app: Chairlog, username: str, clinic: Clinic) -> str:
    """What a new physician's account still lacks, and how it is issued: by the authority's
    holder, with the physician present and their own password; on a workstation that trusts
    the clinic's authority (this one, if it is pinned here)."""
    from chairlog.services import trust

    holder = clinic.ca_holder or "the signing authority's holder"
    note = (f"'{username}' has no signing key yet: {holder} issues it with {username} present, "
            f"once {username} has signed in and chosen their own password "
            f"(chairlog ca issue {username} --password-stdin: the authority's passphrase, then "
            f"{username}'s password")
    problem = trust.mismatch(app.db.url, clinic.ca_cert_pem)
    if problem is None:
        return note + "; this workstation can do it)."
    return (note + "). This workstation cannot: " + problem
            + " — or issue it on the workstation where the clinic was set up.")


def list_users(app: Chairlog, include_inactive: bool = True) -> list[UserInfo]:
    with app.db.read() as s:
        q = select(User).order_by(User.full_name)
        if not include_inactive:
            q = q.where(User.active.is_(True))
        return [user_info(u) for u in s.scalars(q)]


def get_user(app: Chairlog, user_id: int) -> UserInfo:
    """One account by id, with its current ``version`` (for ``expected_version``)."""
    with app.db.read() as s:
        u = s.get(User, user_id)
        if u is None:
            raise NotFound(words("No user {user_id}.", user_id=user_id))
        return user_info(u)


def find_user(app: Chairlog, username: str) -> UserInfo:
    with app.db.read() as s:
        u = s.scalars(select(User).where(User.username == str(username).strip().lower())).first()
        if u is None:
            raise NotFound(words("No user '{username}'.", username=username))
        return user_info(u)


def _account_for_write(s: Session, user_id: int, expected_version: int) -> User:
    """The account row, locked; a version other than the one the admin saw is refused."""
    u = s.get(User, user_id, with_for_update=True)
    if u is None:
        raise NotFound(words("No user {user_id}.", user_id=user_id))
    if u.version != expected_version:
        raise conflicts.stale()
    return u


def _worded(app: Chairlog, user_id: int) -> AbstractContextManager[None]:
    def label() -> str:
        with app.db.read() as r:
            name = r.scalar(select(User.username).where(User.id == user_id))
        return words("The account '{name}'", name=name) if name else words("This account")

    return conflicts.worded(app, "user", [user_id], label)


def set_active(app: Chairlog, actor: UserInfo, user_id: int, active: bool, reason: str, *,
               expected_version: int | None = None) -> UserInfo:
    """Admin: deactivate or reactivate an account; ``expected_version`` is the account's
    version as listed (``UserInfo.version``): a change made meanwhile is refused, naming it."""
    why = text_field("reason", reason, required=True, max_chars=500)
    version = conflicts.require_version(expected_version)
    with _worded(app, user_id), app.db.write() as s:
        admin = require_user(s, actor, {Role.ADMIN}, words("deactivate accounts"))
        u = _account_for_write(s, user_id, version)
        if u.id == admin.id and not active:
            raise PermissionDenied(words("You cannot deactivate your own account."))
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


def set_role(app: Chairlog, actor: UserInfo, user_id: int, role: Role | str, *,
             expected_version: int | None = None) -> UserInfo:
    """Admin: change an account's role. Leaving the physician role revokes the certificate.
    ``expected_version``: the account's version as listed (refused if changed meanwhile)."""
    try:
        r = Role(role)
    except ValueError:
        raise ValidationError("role", role, words("nurse, physician or admin")) from None
    version = conflicts.require_version(expected_version)
    with _worded(app, user_id), app.db.write() as s:
        admin = require_user(s, actor, {Role.ADMIN}, words("change roles"))
        u = _account_for_write(s, user_id, version)
        if u.id == admin.id and r is not Role.ADMIN:
            raise PermissionDenied(words("You cannot remove your own admin role."))
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


def reset_password(app: Chairlog, actor: UserInfo, user_id: int, temporary_password: str, *,
                   expected_version: int | None = None) -> None:
    """Admin reset: a temporary password the user must change. The user's certificate is
    revoked (recorded now, listed by the authority's next CRL): the old key is wrapped under
    the old password, and no new one is issued without the authority's passphrase and the
    physician's own new password, so a reset never gives an admin a physician's signature.
    ``expected_version``: the account's version as listed; two admins resetting the same
    account at once would hand out two passwords of which only one works, so the second is
    refused."""
    pw = _password(temporary_password, "temporary_password")
    version = conflicts.require_version(expected_version)
    with _worded(app, user_id), app.db.write() as s:
        admin = require_user(s, actor, {Role.ADMIN}, words("reset passwords"))
        u = _account_for_write(s, user_id, version)
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
    reset) stays retired. No certificate is issued here. Last writer wins (no
    ``expected_version``): only the account's owner, who proves the current password, can do
    this, and the later change is the password they mean to keep."""
    from chairlog import pki
    from chairlog.services import keys

    new = _password(new_password, "new_password")
    if new == old_password:
        raise ValidationError(
            "new_password", "***", words("a password different from the old one"),
            words("new password")
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
            raise AuthenticationError(words("The current password is wrong."))
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
