"""Physicians' signing keys: issued by the clinic's signing authority when the physician
chooses their own password (or imported from the clinic's own PKI as PKCS#12), stored
encrypted under that password, and opened only with it, for one signature at a time.

An admin's password reset never yields a usable key: the new key is issued when the physician
next sets a password of their own (``accounts``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from chairlog.db.models import SigningKey, User
from chairlog.errors import AuthenticationError, NotFound, PermissionDenied, ValidationError
from chairlog.services import accounts
from chairlog.services.context import Chairlog, clinic_row, record, require_user
from chairlog.services.domain import Role, UserInfo

if TYPE_CHECKING:  # imported where used: cryptography's x509 is ≈ 30 ms of start-up
    from chairlog import pki



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


def issue_key(app: Chairlog, s: object, u: User, password: str) -> bool:
    """Issue a key pair and certificate from the clinic CA, if this workstation holds its secret."""
    from sqlalchemy.orm import Session

    from chairlog import pki

    assert isinstance(s, Session)
    c = clinic_row(s)
    if c.ca_cert_pem is None or c.ca_key_encrypted is None:
        return False
    secret_file = accounts.ca_secret_path(c.ca_cert_pem)
    if not secret_file.exists():
        return False
    ca = pki.CAMaterial(cert_pem=c.ca_cert_pem, encrypted_key_pem=c.ca_key_encrypted)
    mat = pki.issue_signer(
        ca,
        secret_file.read_bytes(),
        full_name=u.full_name,
        username=u.username,
        credentials=u.credentials,
        user_password=password,
        now=app.now(),
    )
    store_key(app, s, u, mat, "clinic_ca")
    return True


def store_key(app: Chairlog, s: object, u: User, mat: pki.SignerMaterial, source: str) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    for old in s.scalars(
        select(SigningKey).where(SigningKey.user_id == u.id, SigningKey.retired_at.is_(None))
    ):
        old.retired_at = app.now()
    s.add(
        SigningKey(
            user_id=u.id,
            cert_pem=mat.cert_pem,
            encrypted_key_pem=mat.encrypted_key_pem,
            chain_pem=mat.chain_pem,
            serial=str(mat.serial),
            fingerprint_sha256=mat.fingerprint_sha256,
            source=source,
            created_at=app.now(),
        )
    )
    record(
        app,
        s,
        u,
        "signing_key.issue",
        "user",
        u.id,
        after={"serial": str(mat.serial), "fingerprint": mat.fingerprint_sha256, "source": source},
    )


def import_pkcs12(
    app: Chairlog, actor: UserInfo, data: bytes, p12_password: str, password: str
) -> None:
    """A physician imports their own key and certificate from the clinic's own PKI."""
    from chairlog import pki

    with app.db.write() as s:
        u = require_user(s, actor, {Role.PHYSICIAN}, "import a signing certificate")
        if not accounts.password_matches(u, password):
            raise AuthenticationError("Your password is wrong.")
        try:
            mat = pki.import_pkcs12(data, p12_password.encode(), password)
        except Exception as exc:  # malformed file or wrong file password
            raise ValidationError("pkcs12", "(file)", "a PKCS#12 file and its password") from exc
        store_key(app, s, u, mat, "pkcs12")


def unlock_signing_key(app: Chairlog, actor: UserInfo, password: str) -> pki.UnlockedSigner:
    """The physician's private key, opened with their password (checked with the sign-in's
    slowdown; a wrong password is audited as ``signing.auth_failed``)."""
    from chairlog import pki

    with app.db.read() as s:
        require_user(s, actor, {Role.PHYSICIAN}, "sign records")
    accounts.reauthenticate(
        app,
        actor,
        password,
        wrong="Wrong password: the record was not signed.",
        action="signing.auth_failed",
    )
    with app.db.read() as s:
        key = active_key(s, actor.id)
        if key is None:
            raise PermissionDenied(
                "You have no signing certificate yet. Sign in on the clinic's "
                "administration workstation once, or import a PKCS#12 file."
            )
        material = key_material(key)
    try:
        return pki.unlock_signer(material, password)
    except pki.WrongPassword as exc:
        raise AuthenticationError("Your signing key does not open with this password.") from exc


def clinic_ca_pem(app: Chairlog) -> bytes:
    with app.db.read() as s:
        c = clinic_row(s)
        if c.ca_cert_pem is None:
            raise NotFound("This clinic has no signing authority.")
        return c.ca_cert_pem
