"""Physicians' signing keys: issued by the clinic's signing authority (``authority``, with
the holder's passphrase and the physician present) or imported from the clinic's own PKI as
PKCS#12, stored encrypted under the physician's password, and opened only with it, for one
signature at a time.

An admin's password reset never yields a usable key: it revokes the certificate, and a new
one needs the authority's passphrase and the physician's own new password.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from chairlog.db.models import SigningKey, User
from chairlog.domain import Role, UserInfo
from chairlog.errors import AuthenticationError, NotFound, PermissionDenied, ValidationError
from chairlog.services import accounts
from chairlog.services.context import Chairlog, clinic_row, record, require_user
from chairlog.words import words

if TYPE_CHECKING:  # imported where used: cryptography's x509 is ≈ 30 ms of start-up
    from chairlog import pki
    from chairlog.reports.token import TokenKey



def active_key(s: object, user_id: int) -> SigningKey | None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    return s.scalars(
        select(SigningKey)
        .where(SigningKey.user_id == user_id, SigningKey.retired_at.is_(None))
        .order_by(SigningKey.id.desc())
    ).first()


def key_material(k: SigningKey) -> pki.SignerMaterial:
    from chairlog import pki

    return pki.SignerMaterial(
        cert_pem=k.cert_pem,
        encrypted_key_pem=k.encrypted_key_pem,
        serial=int(k.serial),
        fingerprint_sha256=k.fingerprint_sha256,
        chain_pem=k.chain_pem,
    )


def store_key(
    app: Chairlog,
    s: object,
    u: User,
    mat: pki.SignerMaterial,
    source: str,
    *,
    issued_by: str = "",
    action: str = "signing_key.issue",
) -> SigningKey:
    """Store a new certificate (and wrapped key) as the user's current one, retiring the
    previous one (superseded); audited with who unlocked the authority."""
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    for old in s.scalars(
        select(SigningKey).where(SigningKey.user_id == u.id, SigningKey.retired_at.is_(None))
    ):
        old.retired_at = app.now()
    key = SigningKey(
        user_id=u.id,
        cert_pem=mat.cert_pem,
        encrypted_key_pem=mat.encrypted_key_pem,
        chain_pem=mat.chain_pem,
        serial=str(mat.serial),
        fingerprint_sha256=mat.fingerprint_sha256,
        source=source,
        created_at=app.now(),
        issued_by=issued_by,
        # a physician importing their own file has seen it; an issuance is shown at sign-in
        seen_at=app.now() if source == "pkcs12" else None,
    )
    s.add(key)
    s.flush()
    record(
        app,
        s,
        None if issued_by else u,
        action,
        "user",
        u.id,
        username="authority" if issued_by else None,
        after={
            "username": u.username,
            "serial": str(mat.serial),
            "fingerprint": mat.fingerprint_sha256,
            "source": source,
            "unlocked_by": issued_by,
        },
    )
    return key


@dataclass(frozen=True)
class CertificateNotice:
    """A certificate issued in the physician's name that they have not been shown yet."""

    key_id: int
    serial: str
    fingerprint: str
    issued_at: datetime
    issued_by: str
    source: str


def notices(app: Chairlog, actor: UserInfo) -> list[CertificateNotice]:
    """Certificates issued (or renewed) in the actor's name since they last acknowledged:
    shown at sign-in so a physician learns of any issuance they did not ask for."""
    with app.db.read() as s:
        require_user(s, actor)
        rows = s.scalars(
            select(SigningKey)
            .where(SigningKey.user_id == actor.id, SigningKey.seen_at.is_(None))
            .order_by(SigningKey.id)
        ).all()
        return [
            CertificateNotice(k.id, k.serial, k.fingerprint_sha256, k.created_at,
                              k.issued_by or "unknown", k.source)
            for k in rows
        ]


def acknowledge(app: Chairlog, actor: UserInfo, key_ids: list[int], *, flag: bool = False) -> None:
    """The physician has seen these issuances. ``flag``: "this was not me": each is audited
    (``signing_key.flagged``), the certificate stops signing at once and is revoked
    (key compromise; listed by the authority's next CRL)."""
    with app.db.write() as s:
        u = require_user(s, actor)
        now = app.now()
        for k in s.scalars(select(SigningKey).where(SigningKey.id.in_(list(key_ids)))):
            if k.user_id != u.id:
                raise PermissionDenied(words("You can only acknowledge your own certificates."))
            k.seen_at = k.seen_at or now
            if flag:
                k.flagged_at = now
                k.retired_at = k.retired_at or now
                if k.revoked_at is None:
                    k.revoked_at = now
                    k.revocation_reason = "key_compromise"
                record(app, s, u, "signing_key.flagged", "user", u.id,
                       after={"serial": k.serial, "issued_by": k.issued_by},
                       reason="the physician did not ask for this certificate")
            else:  # seeing the notice is part of the trail too (every row change is audited)
                record(app, s, u, "signing_key.seen", "user", u.id,
                       after={"serial": k.serial, "issued_by": k.issued_by})
    app.notify("user", actor.id)


def certificate_by_serial(app: Chairlog, serial: int) -> tuple[str, str, datetime,
                                                                 datetime | None, str] | None:
    """(username, issued_by, issued_at, revoked_at, revocation reason) of a certificate this
    database issued or imported, or None."""
    with app.db.read() as s:
        k = s.scalars(select(SigningKey).where(SigningKey.serial == str(serial))).first()
        if k is None:
            return None
        u = s.get(User, k.user_id)
        return (u.username if u else "?", k.issued_by or "", k.created_at, k.revoked_at,
                k.revocation_reason or "")


def import_pkcs12(
    app: Chairlog, actor: UserInfo, data: bytes, p12_password: str, password: str
) -> None:
    """A physician imports their own key and certificate from the clinic's own PKI."""
    from chairlog import pki

    with app.db.write() as s:
        u = require_user(s, actor, {Role.PHYSICIAN}, words("import a signing certificate"))
        if not accounts.password_matches(u, password):
            raise AuthenticationError(words("Your password is wrong."))
        try:
            mat = pki.import_pkcs12(data, p12_password.encode(), password)
        except Exception as exc:  # malformed file or wrong file password
            raise ValidationError("pkcs12", "(file)",
                                  words("a PKCS#12 file and its password")) from exc
        store_key(app, s, u, mat, "pkcs12")


def uses_token(app: Chairlog, actor: UserInfo) -> bool:
    """Whether the actor's current key is on a smart card or USB token (sign with its PIN)."""
    with app.db.read() as s:
        require_user(s, actor)
        key = active_key(s, actor.id)
        return key is not None and key.source == "pkcs11"


def unlock_signing_key(
    app: Chairlog, actor: UserInfo, password: str
) -> pki.UnlockedSigner | TokenKey:
    """The physician's private key, opened with their password. Unwrapping the key (scrypt)
    is itself the password check, so no second hash is computed; it shares the sign-in's
    lockout, and a wrong password is audited as ``signing.auth_failed``."""
    from chairlog import pki
    from chairlog.services import signin

    wrong = words("Wrong password: the record was not signed.")
    with app.db.read() as s:
        u = require_user(s, actor, {Role.PHYSICIAN}, words("sign records"))
        locked = u.locked_until is not None and u.locked_until > app.now()
        pending_failures = u.failed_attempts > 0
        key = active_key(s, actor.id)
        if key is None or key.revoked_at is not None:
            raise PermissionDenied(
                words("You have no valid signing certificate: the holder of the clinic's signing "
                      "authority must issue one with you present (chairlog ca issue), or import "
                      "a PKCS#12 file.")
            )
        material = key_material(key)
        token_ref = key.token_ref if key.source == "pkcs11" else None
    if locked or not isinstance(password, str) or not password:
        signin.password_attempt(app, actor, False, wrong=wrong, action="signing.auth_failed")
    if token_ref is not None:
        return _open_token(app, actor, token_ref, material, password, pending_failures)
    try:
        signer = pki.unlock_signer(material, password)
    except pki.WrongPassword:
        signin.password_attempt(app, actor, False, wrong=wrong, action="signing.auth_failed")
        raise AuthenticationError(wrong) from None  # password_attempt raised already
    if pending_failures:
        signin.password_attempt(app, actor, True, wrong=wrong, action="signing.auth_failed")
    return signer


def _open_token(app: Chairlog, actor: UserInfo, token_ref: str, material: pki.SignerMaterial,
                pin: str, pending_failures: bool) -> TokenKey:
    """The key on the token, opened with its PIN (a wrong PIN counts like a wrong password;
    the token keeps its own retry counter too)."""
    from chairlog import pki
    from chairlog.reports.token import TokenKey, TokenRef, WrongPin
    from chairlog.services import signin

    wrong = words("Wrong token PIN: the record was not signed.")
    try:
        handle = TokenKey(TokenRef.loads(token_ref), pin, pki.load_certificate(material.cert_pem))
    except WrongPin:
        signin.password_attempt(app, actor, False, wrong=wrong, action="signing.auth_failed")
        raise AuthenticationError(wrong) from None
    if pending_failures:
        signin.password_attempt(app, actor, True, wrong=wrong, action="signing.auth_failed")
    return handle


def clinic_ca_pem(app: Chairlog) -> bytes:
    with app.db.read() as s:
        c = clinic_row(s)
        if c.ca_cert_pem is None:
            raise NotFound(words("This clinic has no signing authority."))
        return c.ca_cert_pem
