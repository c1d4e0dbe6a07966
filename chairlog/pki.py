"""The clinic's signing keys and certificates (pure ``cryptography``; no pyHanko here).

Trust model
-----------
Each clinic has its own small certificate authority, the *signing authority*
(:func:`create_clinic_ca`). Its certificate is the one trust root against which chairlog
verifies a signed record; its private key is kept encrypted under a clinic passphrase and
is only needed to issue physician certificates.

Each physician has a key pair and a certificate issued by that authority
(:func:`issue_signer`), or brought from the clinic's own PKI as a PKCS#12 file
(:func:`import_pkcs12`). The physician's private key is stored **encrypted under the
physician's own password** and is decrypted only for the moment of signing
(:func:`unlock_signer`), which is why signing asks for the password again
(21 CFR Part 11 §11.200).

An administrator can reset a user's *login* password, but that does not give anyone the
old signing password, so an administrator can never sign as a physician. The flip side:
after an administrator reset the old key is unusable (nobody can decrypt it) and a new key
and certificate must be issued with :func:`issue_signer`. Records signed with the old
certificate stay verifiable, because verification needs only certificates, never keys.
When the physician changes their own password (knowing the old one),
:func:`rewrap_signer_key` re-encrypts the same key and the certificate stays.

Key storage format
------------------
Keys are stored as standard PKCS#8 ``ENCRYPTED PRIVATE KEY`` PEM (PBES2, AES-256-CBC).
``cryptography``'s ``BestAvailableEncryption`` uses PBKDF2 with only 2048 iterations,
which is far too cheap against an offline guess of a human password, so this module
builds the PBES2 structure itself with the memory-hard **scrypt** KDF
(N=2**15, r=8, p=1: 32 MiB, about 0.1 s on an idle machine — the same order of cost as the
argon2id hash kept for the same password, so the key is not the cheaper target). Any PKCS#8
reader that honours the parameters (``cryptography``; OpenSSL with its scrypt memory limit
raised) decrypts it with the password alone; nothing else needs to be stored.

Python cannot guarantee that key material is wiped from memory: the decrypted key lives
inside OpenSSL/Rust objects and immutable ``bytes`` that the garbage collector frees when
it likes. :meth:`UnlockedSigner.close` drops our reference so the key is not kept longer
than needed; that is all a Python program can promise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from types import TracebackType

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from chairlog.pki_keystore import CertificateProblem as CertificateProblem
from chairlog.pki_keystore import SigningKey as SigningKey
from chairlog.pki_keystore import WrongPassword as WrongPassword
from chairlog.pki_keystore import decrypt_key as _decrypt_key
from chairlog.pki_keystore import encrypt_key as _encrypt_key
from chairlog.pki_keystore import passphrase_bytes as passphrase_bytes
from chairlog.pki_keystore import password_bytes as _password_bytes

RSA_KEY_BITS = 3072
CA_VALIDITY = dt.timedelta(days=20 * 365 + 5)
SIGNER_VALIDITY = dt.timedelta(days=10 * 365 + 3)
CLOCK_SKEW = dt.timedelta(hours=1)
"""Certificates start this much before "now", so a workstation whose clock is a little
behind another's still accepts a fresh certificate."""

@dataclass(frozen=True)
class CAMaterial:
    """The clinic signing authority: its certificate and its encrypted private key."""

    cert_pem: bytes
    encrypted_key_pem: bytes


@dataclass(frozen=True)
class SignerMaterial:
    """A physician's certificate and private key, the key encrypted under their password.

    ``chain_pem`` holds intermediate certificates from an imported PKCS#12 file (empty for
    certificates issued by the clinic's own signing authority). ``fingerprint_sha256`` is
    the lowercase hex SHA-256 of the certificate's DER encoding.
    """

    cert_pem: bytes
    encrypted_key_pem: bytes
    serial: int
    fingerprint_sha256: str
    chain_pem: bytes = b""


class UnlockedSigner:
    """A decrypted signing key with its certificate, for one signing operation.

    Use it as a context manager, or call :meth:`close` as soon as the signature is made.
    Closing drops the reference to the key object; Python cannot guarantee that the key's
    bytes are zeroed in memory (see the module docstring).
    """

    def __init__(
        self,
        private_key: SigningKey,
        cert: x509.Certificate,
        chain: tuple[x509.Certificate, ...] = (),
    ) -> None:
        self._key: SigningKey | None = private_key
        self.cert = cert
        self.chain = chain

    @property
    def private_key(self) -> SigningKey:
        """The key; raises ``RuntimeError`` once the signer has been closed."""
        if self._key is None:
            raise RuntimeError("this signer has been closed; unlock it again to sign")
        return self._key

    @property
    def closed(self) -> bool:
        return self._key is None

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def subject_name(self) -> str:
        """The printed name on the certificate (its common name)."""
        return _common_name(self.cert)

    def close(self) -> None:
        """Forget the private key. Safe to call more than once."""
        self._key = None

    wipe = close

    def __enter__(self) -> UnlockedSigner:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "unlocked"
        return f"<UnlockedSigner {self.subject_name!r} ({state})>"


# ---------------------------------------------------------------- certificates


def create_clinic_ca(
    clinic_name: str, passphrase: bytes, *, now: dt.datetime | None = None
) -> CAMaterial:
    """Create the clinic's self-signed signing authority (RSA 3072, SHA-256, 20 years).

    The private key is returned only encrypted under ``passphrase``.
    """
    clinic_name = _required_text(clinic_name, "clinic name")
    start = _aware(now) - CLOCK_SKEW
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_BITS)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{clinic_name} Signing Authority"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, clinic_name),
        ]
    )
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .add_extension(ski, critical=False)
        .sign(key, hashes.SHA256())
    )
    return CAMaterial(
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        encrypted_key_pem=_encrypt_key(key, passphrase),
    )


def issue_signer(
    ca: CAMaterial,
    ca_passphrase: bytes,
    *,
    full_name: str,
    username: str,
    credentials: str,
    user_password: str,
    now: dt.datetime | None = None,
    qualifier: str = "",
) -> SignerMaterial:
    """Issue a new key pair and certificate for a physician, signed by the clinic CA.

    ``qualifier`` (chosen by an admin when two people share a printed name) is added to the
    printed name in brackets: ``"Ada Lovelace, MD (Cardiology)"``.

    The certificate's common name is the printed name, e.g. ``"Ada Lovelace, MD"``; key
    usage is digitalSignature + contentCommitment (non-repudiation), no extended key usage
    (poppler/NSS and pyHanko accept that for document signing). Valid 10 years, never
    beyond the CA. The new key is encrypted under ``user_password``.
    Raises :class:`WrongPassword` if ``ca_passphrase`` does not open the CA key.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_BITS)
    cert = load_certificate(issue_certificate_for(
        ca, ca_passphrase, key.public_key(), full_name=full_name, username=username,
        credentials=credentials, now=now, qualifier=qualifier))
    return _material(cert, _encrypt_key(key, _password_bytes(user_password)))


def issue_certificate_for(
    ca: CAMaterial,
    ca_passphrase: bytes,
    public_key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey,
    *,
    full_name: str,
    username: str,
    credentials: str,
    now: dt.datetime | None = None,
    qualifier: str = "",
) -> bytes:
    """A physician's certificate (PEM) for a public key whose private key is held elsewhere
    (a smart card or USB token: the key never leaves it)."""
    full_name = _required_text(full_name, "full name")
    username = _required_text(username, "username")
    credentials = credentials.strip()
    ca_cert = load_certificate(ca.cert_pem)
    ca_key = _decrypt_key(ca.encrypted_key_pem, ca_passphrase)
    start = _aware(now) - CLOCK_SKEW
    end = min(start + SIGNER_VALIDITY, ca_cert.not_valid_after_utc)
    printed = f"{full_name}, {credentials}" if credentials else full_name
    if qualifier.strip():
        printed = f"{printed} ({qualifier.strip()})"
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, printed)]
    orgs = ca_cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    if orgs:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, str(orgs[0].value)))
    attributes.append(x509.NameAttribute(NameOID.USER_ID, username))
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attributes))
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(digital_signature=True, content_commitment=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    del ca_key
    return cert.public_bytes(serialization.Encoding.PEM)


def check_ca_passphrase(ca: CAMaterial, passphrase: bytes) -> None:
    """Raise :class:`WrongPassword` unless ``passphrase`` opens the authority's key."""
    _decrypt_key(ca.encrypted_key_pem, passphrase)


def renew_signer(
    ca: CAMaterial, ca_passphrase: bytes, cert_pem: bytes, *, now: dt.datetime | None = None
) -> bytes:
    """A new certificate (new serial and validity) for the same subject and public key.

    The physician's private key is not needed: it stays wrapped under their password."""
    ca_cert = load_certificate(ca.cert_pem)
    ca_key = _decrypt_key(ca.encrypted_key_pem, ca_passphrase)
    old = load_certificate(cert_pem)
    start = _aware(now) - CLOCK_SKEW
    end = min(start + SIGNER_VALIDITY, ca_cert.not_valid_after_utc)
    builder = (
        x509.CertificateBuilder()
        .subject_name(old.subject)
        .issuer_name(ca_cert.subject)
        .public_key(old.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
    )
    for ext in old.extensions:
        builder = builder.add_extension(ext.value, ext.critical)
    cert = builder.sign(ca_key, hashes.SHA256())
    del ca_key
    return cert.public_bytes(serialization.Encoding.PEM)


@dataclass(frozen=True)
class Revoked:
    serial: int
    revoked_at: dt.datetime
    reason: str  # an RFC 5280 reason name: key_compromise, superseded, affiliation_changed ...


def make_crl(
    ca: CAMaterial,
    ca_passphrase: bytes,
    revoked: list[Revoked],
    *,
    number: int,
    now: dt.datetime | None = None,
) -> bytes:
    """The authority's certificate revocation list (DER), signed by the authority itself.

    The authority is offline (its key opens only with the holder's passphrase), so it cannot
    promise a next CRL on a schedule: ``nextUpdate`` is the end of the authority's own
    validity, and a newer CRL (a higher number) is published with every issuance, renewal
    and revocation."""
    ca_cert = load_certificate(ca.cert_pem)
    ca_key = _decrypt_key(ca.encrypted_key_pem, ca_passphrase)
    start = _aware(now) - dt.timedelta(minutes=1)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(start)
        .next_update(max(ca_cert.not_valid_after_utc, start + dt.timedelta(days=1)))
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
            ),
            critical=False,
        )
    )
    for r in revoked:
        entry = (
            x509.RevokedCertificateBuilder()
            .serial_number(r.serial)
            .revocation_date(_aware(r.revoked_at))
            .add_extension(x509.CRLReason(x509.ReasonFlags[r.reason]), critical=False)
            .build()
        )
        builder = builder.add_revoked_certificate(entry)
    crl = builder.sign(ca_key, hashes.SHA256())
    del ca_key
    return crl.public_bytes(serialization.Encoding.DER)


def import_pkcs12(data: bytes, p12_password: bytes, user_password: str) -> SignerMaterial:
    """Take a physician's key and certificate from the clinic's own PKI (a .p12/.pfx file).

    The key is re-encrypted under ``user_password``; extra certificates are kept in
    ``chain_pem`` (the root must still be configured as the clinic's trusted authority).
    Raises :class:`WrongPassword` for a wrong file password and
    :class:`CertificateProblem` for a file that cannot sign.
    """
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, p12_password)
    except ValueError as exc:
        raise WrongPassword(
            "could not open the certificate file: wrong password or not a PKCS#12 file"
        ) from exc
    if key is None or cert is None:
        raise CertificateProblem(
            "the certificate file must hold one private key and its certificate"
        )
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise CertificateProblem("only RSA and elliptic-curve signing keys are supported")
    if key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ) != cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ):
        raise CertificateProblem("the private key does not belong to the certificate")
    _check_signing_cert(cert)
    chain = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in extra)
    return _material(cert, _encrypt_key(key, _password_bytes(user_password)), chain)


def unlock_signer(material: SignerMaterial, user_password: str) -> UnlockedSigner:
    """Decrypt the physician's key for signing. Raises :class:`WrongPassword`."""
    key = _decrypt_key(material.encrypted_key_pem, _password_bytes(user_password))
    cert = load_certificate(material.cert_pem)
    chain = tuple(x509.load_pem_x509_certificates(material.chain_pem)) if material.chain_pem else ()
    return UnlockedSigner(key, cert, chain)


def rewrap_signer_key(
    material: SignerMaterial, old_password: str, new_password: str
) -> SignerMaterial:
    """Re-encrypt the same key under a new password (the physician's own password change).

    Raises :class:`WrongPassword` if ``old_password`` is wrong. The certificate is unchanged.
    """
    key = _decrypt_key(material.encrypted_key_pem, _password_bytes(old_password))
    rewrapped = _encrypt_key(key, _password_bytes(new_password))
    del key
    return replace(material, encrypted_key_pem=rewrapped)


def load_certificate(cert_pem: bytes) -> x509.Certificate:
    """Load one PEM (or DER) certificate."""
    if cert_pem.lstrip().startswith(b"-----"):
        return x509.load_pem_x509_certificate(cert_pem)
    return x509.load_der_x509_certificate(cert_pem)


def cert_subject_name(cert_pem: bytes) -> str:
    """The certificate's common name (the printed name), or its full subject if it has none."""
    return _common_name(load_certificate(cert_pem))


def cert_fingerprint(cert_pem: bytes) -> str:
    """Lowercase hex SHA-256 fingerprint of the certificate's DER encoding."""
    return load_certificate(cert_pem).fingerprint(hashes.SHA256()).hex()


# ---------------------------------------------------------------- helpers


def _material(
    cert: x509.Certificate, encrypted_key_pem: bytes, chain: bytes = b""
) -> SignerMaterial:
    return SignerMaterial(
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        encrypted_key_pem=encrypted_key_pem,
        serial=cert.serial_number,
        fingerprint_sha256=cert.fingerprint(hashes.SHA256()).hex(),
        chain_pem=chain,
    )


def _common_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def _check_signing_cert(cert: x509.Certificate) -> None:
    try:
        basic = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        if basic.ca:
            raise CertificateProblem("a CA certificate cannot be used to sign records")
    except x509.ExtensionNotFound:
        pass
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise CertificateProblem("the certificate's key usage does not allow signing")


def _key_usage(
    *,
    digital_signature: bool = False,
    content_commitment: bool = False,
    key_cert_sign: bool = False,
    crl_sign: bool = False,
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=content_commitment,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=key_cert_sign,
        crl_sign=crl_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _aware(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(dt.UTC)


def _required_text(value: str, label: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError(f"{label} must not be empty")
    return value
