"""The clinic's signing authority: issuing, renewing and revoking physicians' certificates.

Decisions (separation of duties, 21 CFR Part 11 §11.100, §11.300):
- The authority's key is stored only encrypted under a passphrase chosen at set-up and held
  by the person named then (``Clinic.ca_holder``, e.g. the medical director). The passphrase
  is stored nowhere: every issuance, renewal and revocation needs it typed again.
- Issuing needs the physician present: their current sign-in password is checked (with the
  sign-in's lockout) and wraps the new key. A physician whose password an admin chose (new
  account or reset) must first replace it with their own (sign in and change it), so no
  admin ever knows the password that wraps a physician's key.
- Each issuance, renewal and revocation is audited with who unlocked the authority (the
  named holder); a wrong passphrase is audited too (``ca.unlock_failed``). A physician is
  shown each certificate issued in their name at their next sign-in (``keys.notices``).
- The authority signs a fresh CRL every time it is unlocked (issuance, renewal, revocation,
  or ``refresh_crl``); revocations recorded while it is locked (a password reset, a role
  change, a physician's flag) are listed by the next one. The CRL is kept in the database
  and embedded in each signature (PAdES B-LT), so a verifier needs no network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.db.models import Clinic, SigningKey, User
from chairlog.domain import Role
from chairlog.errors import AuthenticationError, NotFound, PermissionDenied, ValidationError
from chairlog.services.context import Chairlog, clinic_row, record, text_field
from chairlog.words import words

if TYPE_CHECKING:  # imported where used: cryptography's x509 is ≈ 30 ms of start-up
    from chairlog.pki import CAMaterial

WRONG_PASSPHRASE = words("The signing authority's passphrase is wrong: nothing was changed.")
REVOCATION_REASONS = (
    "key_compromise",
    "affiliation_changed",
    "superseded",
    "cessation_of_operation",
    "privilege_withdrawn",
    "unspecified",
)


@dataclass(frozen=True)
class CertificateInfo:
    username: str
    serial: str
    fingerprint: str
    issued_at: datetime
    not_after: datetime
    issued_by: str
    action: str  # issued | renewed | revoked


def _ca(c: Clinic) -> CAMaterial:
    from chairlog import pki

    if c.ca_cert_pem is None or c.ca_key_encrypted is None:
        raise NotFound(words("This clinic has no signing authority."))
    return pki.CAMaterial(cert_pem=c.ca_cert_pem, encrypted_key_pem=c.ca_key_encrypted)


def _unlock(app: Chairlog, passphrase: str, what: str, username: str) -> tuple[CAMaterial, bytes]:
    """Check the passphrase (slow: scrypt) outside any transaction; audit a wrong one."""
    from chairlog import pki

    with app.db.read() as s:
        ca = _ca(clinic_row(s))
    try:
        secret = pki.passphrase_bytes(passphrase if isinstance(passphrase, str) else "")
        pki.check_ca_passphrase(ca, secret)
    except pki.WrongPassword:
        with app.db.write() as s:
            record(app, s, None, "ca.unlock_failed", "clinic", clinic_row(s).id,
                   username="authority", reason=f"{what} {username}"[:200])
        raise AuthenticationError(WRONG_PASSPHRASE) from None
    return ca, secret


def _secret(passphrase: str) -> bytes:
    from chairlog import pki

    return pki.passphrase_bytes(passphrase)


def _physician(s: Session, username: str) -> User:
    u = s.scalars(select(User).where(User.username == str(username).strip().lower())).first()
    if u is None:
        raise NotFound(words("No user '{username}'.", username=username))
    if Role(u.role) is not Role.PHYSICIAN:
        raise PermissionDenied(words("'{username}' is not a physician: only physicians sign.",
                                     username=u.username))
    if not u.active:
        raise PermissionDenied(words("'{username}' is deactivated.", username=u.username))
    return u


def _info(k: SigningKey, username: str, action: str) -> CertificateInfo:
    from chairlog import pki

    cert = pki.load_certificate(k.cert_pem)
    return CertificateInfo(username, k.serial, k.fingerprint_sha256,
                           cert.not_valid_before_utc, cert.not_valid_after_utc,
                           k.issued_by, action)


def issue_certificate(
    app: Chairlog, username: str, ca_passphrase: str, physician_password: str
) -> CertificateInfo:
    """Issue a new key and certificate for physician ``username``: the holder types the
    authority's passphrase, the physician their own password (which wraps the key)."""
    from chairlog import pki
    from chairlog.services import keys, signin

    with app.db.read() as s:
        u = _physician(s, username)
        if u.must_change_password:
            raise PermissionDenied(
                words("'{username}' still has a password an admin chose: the physician must sign "
                      "in and choose their own before a certificate is issued (in the window, "
                      "or: chairlog user passwd {username} --password-stdin).", username=u.username)
            )
    ca, secret = _unlock(app, ca_passphrase, "issue", username)
    error: str | None = None
    with app.db.write() as s:
        u = _physician(s, username)
        error = signin.check_password_of(
            app, s, u, physician_password if isinstance(physician_password, str) else "",
            words("The password of '{username}' is wrong: no certificate was issued.",
                  username=u.username))
        if error is not None:
            record(app, s, None, "signing_key.issue_refused", "user", u.id,
                   username="authority", reason="physician's password wrong")
        full, uname, creds, qual = u.full_name, u.username, u.credentials, u.name_qualifier
    if error is not None:
        raise AuthenticationError(error)
    mat = pki.issue_signer(ca, secret, full_name=full, username=uname, credentials=creds,
                           user_password=physician_password, now=app.now(), qualifier=qual)
    with app.db.write() as s:
        c = clinic_row(s)
        u = _physician(s, username)
        key = keys.store_key(app, s, u, mat, "clinic_ca", issued_by=c.ca_holder or "authority")
        publish_crl(app, s, c, secret)
        info = _info(key, u.username, "issued")
    app.notify("user", None)
    return info


def issue_token_certificate(
    app: Chairlog, username: str, ca_passphrase: str, pin: str, *, module: str,
    token_label: str, key_label: str = "",
) -> CertificateInfo:
    """Issue a certificate for a key generated now on the physician's smart card or USB token
    (PKCS#11): the holder types the authority's passphrase, the physician the token's PIN. The
    private key never leaves the token; signing then asks for the PIN instead of the
    password."""
    from chairlog import pki
    from chairlog.reports.token import TokenRef, WrongPin, generate_key
    from chairlog.services import keys

    label = text_field("token_label", token_label, required=True, max_chars=100,
                       label=words("token label"))
    with app.db.read() as s:
        u = _physician(s, username)
        full, uname, creds, qual = u.full_name, u.username, u.credentials, u.name_qualifier
    ca, secret = _unlock(app, ca_passphrase, "issue on token", username)
    import secrets

    ref = TokenRef(str(module), label, key_label or f"chairlog-{uname}-{secrets.token_hex(4)}")
    try:
        public_key = generate_key(ref, pin if isinstance(pin, str) else "")
    except WrongPin:
        with app.db.write() as s:
            record(app, s, None, "signing_key.issue_refused", "user", u.id,
                   username="authority", reason="token PIN wrong")
        raise
    cert_pem = pki.issue_certificate_for(ca, secret, public_key, full_name=full,
                                         username=uname, credentials=creds, now=app.now(),
                                         qualifier=qual)
    cert = pki.load_certificate(cert_pem)
    mat = pki.SignerMaterial(cert_pem=cert_pem, encrypted_key_pem=b"",
                             serial=cert.serial_number,
                             fingerprint_sha256=pki.cert_fingerprint(cert_pem))
    with app.db.write() as s:
        c = clinic_row(s)
        u = _physician(s, username)
        key = keys.store_key(app, s, u, mat, "pkcs11", issued_by=c.ca_holder or "authority")
        key.token_ref = ref.dumps()
        publish_crl(app, s, c, secret)
        info = _info(key, u.username, "issued")
    app.notify("user", None)
    return info


def renew_certificate(app: Chairlog, username: str, ca_passphrase: str) -> CertificateInfo:
    """A new certificate for the physician's current key (same key, still wrapped under
    their password; the previous certificate is retired as superseded)."""
    from chairlog import pki
    from chairlog.services import keys

    with app.db.read() as s:
        u = _physician(s, username)
        k = keys.active_key(s, u.id)
        if k is None or k.source not in ("clinic_ca", "pkcs11"):
            raise NotFound(words("'{username}' has no current certificate from this authority to "
                                 "renew: issue a new one.", username=u.username))
        old_pem = k.cert_pem
    ca, secret = _unlock(app, ca_passphrase, "renew", username)
    cert_pem = pki.renew_signer(ca, secret, old_pem, now=app.now())
    with app.db.write() as s:
        c = clinic_row(s)
        u = _physician(s, username)
        k = keys.active_key(s, u.id)
        if k is None or k.cert_pem != old_pem:
            raise ValidationError("username", username, words("a certificate not changed "
                                                              "meanwhile"))
        mat = pki.SignerMaterial(cert_pem=cert_pem, encrypted_key_pem=k.encrypted_key_pem,
                                 serial=pki.load_certificate(cert_pem).serial_number,
                                 fingerprint_sha256=pki.cert_fingerprint(cert_pem))
        token_ref = k.token_ref
        key = keys.store_key(app, s, u, mat, k.source, issued_by=c.ca_holder or "authority",
                             action="signing_key.renew")
        key.token_ref = token_ref
        publish_crl(app, s, c, secret)
        info = _info(key, u.username, "renewed")
    return info


def revoke_certificate(
    app: Chairlog, username: str, ca_passphrase: str, reason: str = "unspecified"
) -> CertificateInfo:
    """Revoke the physician's current certificate and publish a CRL listing it."""
    from chairlog.services import keys

    why = text_field("reason", reason, required=True, max_chars=40)
    if why not in REVOCATION_REASONS:
        raise ValidationError("reason", why, words("one of {choices}",
                                                   choices=", ".join(REVOCATION_REASONS)))
    with app.db.read() as s:
        u = _physician(s, username)
        if keys.active_key(s, u.id) is None:
            raise NotFound(words("'{username}' has no current certificate to revoke.",
                                 username=u.username))
    _unlock(app, ca_passphrase, "revoke", username)
    secret = _secret(ca_passphrase)
    with app.db.write() as s:
        c = clinic_row(s)
        u = _physician(s, username)
        k = keys.active_key(s, u.id)
        if k is None:
            raise NotFound(words("'{username}' has no current certificate to revoke.",
                                 username=u.username))
        now = app.now()
        k.retired_at = now
        k.revoked_at = now
        k.revocation_reason = why
        record(app, s, None, "signing_key.revoke", "user", u.id, username="authority",
               after={"serial": k.serial, "fingerprint": k.fingerprint_sha256, "reason": why,
                      "unlocked_by": c.ca_holder})
        publish_crl(app, s, c, secret)
        info = _info(k, u.username, "revoked")
    app.notify("user", None)
    return info


def refresh_crl(app: Chairlog, ca_passphrase: str) -> int:
    """Sign a new CRL now (e.g. after a password reset revoked a certificate). Returns its
    number."""
    _ca_material, secret = _unlock(app, ca_passphrase, "crl", "")
    with app.db.write() as s:
        c = clinic_row(s)
        publish_crl(app, s, c, secret)
        record(app, s, None, "ca.crl_publish", "clinic", c.id, username="authority",
               after={"crl_number": c.crl_number, "unlocked_by": c.ca_holder})
        return c.crl_number


def publish_crl(app: Chairlog, s: Session, c: Clinic, passphrase: bytes | str) -> None:
    """Inside a write transaction, with the passphrase already checked: a new CRL listing
    every revoked certificate this authority issued."""
    from chairlog import pki

    secret = pki.passphrase_bytes(passphrase) if isinstance(passphrase, str) else passphrase
    ca = _ca(c)
    revoked = [
        pki.Revoked(int(k.serial), k.revoked_at, k.revocation_reason or "unspecified")
        for k in s.scalars(select(SigningKey).where(
            SigningKey.revoked_at.is_not(None), SigningKey.source.in_(("clinic_ca", "pkcs11"))))
        if k.revoked_at is not None
    ]
    c.crl_number = (c.crl_number or 0) + 1
    c.crl_der = pki.make_crl(ca, secret, revoked, number=c.crl_number, now=app.now())


def current_crl(app: Chairlog) -> bytes | None:
    with app.db.read() as s:
        return clinic_row(s).crl_der
