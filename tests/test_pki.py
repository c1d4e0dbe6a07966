"""The clinic signing authority, physician certificates and encrypted keys (chairlog.pki)."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from chairlog import pki
from chairlog.errors import AuthenticationError

NOW = dt.datetime(2025, 3, 4, 12, 0, tzinfo=dt.UTC)
CA_PASS = b"clinic ca passphrase"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def ca() -> pki.CAMaterial:
    return pki.create_clinic_ca("Lakeside Pain Clinic", CA_PASS, now=NOW)


@pytest.fixture(scope="module")
def signer(ca: pki.CAMaterial) -> pki.SignerMaterial:
    return pki.issue_signer(
        ca,
        CA_PASS,
        full_name="Ada Lovelace",
        username="alovelace",
        credentials="MD",
        user_password=PASSWORD,
        now=NOW,
    )


def _cert(pem: bytes) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem)


def _pem_body(pem: bytes) -> bytes:
    lines = [line for line in pem.splitlines() if not line.startswith(b"-----")]
    return base64.b64decode(b"".join(lines))


def test_ca_is_a_self_signed_signing_authority(ca: pki.CAMaterial) -> None:
    cert = _cert(ca.cert_pem)
    assert pki.cert_subject_name(ca.cert_pem) == "Lakeside Pain Clinic Signing Authority"
    assert cert.issuer == cert.subject
    cert.verify_directly_issued_by(cert)
    basic = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical and basic.value.ca
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign
    assert not usage.content_commitment
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc).days / 365.25
    assert 19.9 < years < 20.1
    assert cert.not_valid_before_utc <= NOW
    assert isinstance(cert.public_key(), rsa.RSAPublicKey)
    assert cert.public_key().key_size == 3072
    assert isinstance(cert.signature_hash_algorithm, hashes.SHA256)


def test_ca_key_is_only_stored_encrypted(ca: pki.CAMaterial) -> None:
    assert b"BEGIN ENCRYPTED PRIVATE KEY" in ca.encrypted_key_pem
    assert b"BEGIN PRIVATE KEY" not in ca.encrypted_key_pem
    with pytest.raises((TypeError, ValueError)):
        serialization.load_pem_private_key(ca.encrypted_key_pem, password=None)
    key = serialization.load_pem_private_key(ca.encrypted_key_pem, password=CA_PASS)
    assert key.public_key() == _cert(ca.cert_pem).public_key()


def test_physician_certificate(ca: pki.CAMaterial, signer: pki.SignerMaterial) -> None:
    cert = _cert(signer.cert_pem)
    ca_cert = _cert(ca.cert_pem)
    cert.verify_directly_issued_by(ca_cert)
    assert pki.cert_subject_name(signer.cert_pem) == "Ada Lovelace, MD"
    uid = cert.subject.get_attributes_for_oid(NameOID.USER_ID)
    assert [a.value for a in uid] == ["alovelace"]
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    assert not usage.key_cert_sign
    with pytest.raises(x509.ExtensionNotFound):
        cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc).days / 365.25
    assert 9.9 < years < 10.1
    assert signer.serial == cert.serial_number
    assert signer.fingerprint_sha256 == cert.fingerprint(hashes.SHA256()).hex()
    assert signer.fingerprint_sha256 == pki.cert_fingerprint(signer.cert_pem)
    assert signer.chain_pem == b""


@pytest.mark.real_crypto
def test_physician_key_is_encrypted_with_scrypt(signer: pki.SignerMaterial) -> None:
    pem = signer.encrypted_key_pem
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    assert b"BEGIN PRIVATE KEY" not in pem
    der = _pem_body(pem)
    scrypt_oid = bytes.fromhex("06092b06010401da47040b")  # 1.3.6.1.4.1.11591.4.11
    assert scrypt_oid in der
    assert bytes.fromhex("0203008000") in der  # N = 2**15
    # A standard PKCS#8 reader opens it with the password alone.
    key = serialization.load_pem_private_key(pem, password=PASSWORD.encode())
    assert key.public_key() == _cert(signer.cert_pem).public_key()


def test_unlock_with_the_right_password(signer: pki.SignerMaterial) -> None:
    with pki.unlock_signer(signer, PASSWORD) as unlocked:
        assert unlocked.subject_name == "Ada Lovelace, MD"
        assert unlocked.private_key.public_key() == unlocked.cert.public_key()
        assert unlocked.cert_pem == signer.cert_pem
    assert unlocked.closed
    with pytest.raises(RuntimeError):
        _ = unlocked.private_key
    assert "closed" in repr(unlocked)


@pytest.mark.parametrize("password", ["wrong", PASSWORD.upper(), ""])
def test_wrong_password_is_refused(signer: pki.SignerMaterial, password: str) -> None:
    with pytest.raises(pki.WrongPassword):
        pki.unlock_signer(signer, password)
    assert issubclass(pki.WrongPassword, AuthenticationError)
    assert issubclass(pki.WrongPassword, Exception)


def test_wrong_ca_passphrase_cannot_issue(ca: pki.CAMaterial) -> None:
    with pytest.raises(pki.WrongPassword):
        pki.issue_signer(
            ca,
            b"not the passphrase",
            full_name="Mallory",
            username="mallory",
            credentials="",
            user_password="x",
        )


def test_password_change_rewraps_the_same_key(signer: pki.SignerMaterial) -> None:
    changed = pki.rewrap_signer_key(signer, PASSWORD, "a new passphrase ünïcode")
    assert changed.cert_pem == signer.cert_pem
    assert changed.fingerprint_sha256 == signer.fingerprint_sha256
    assert changed.encrypted_key_pem != signer.encrypted_key_pem
    with pytest.raises(pki.WrongPassword):
        pki.unlock_signer(changed, PASSWORD)
    # NFC and NFD spellings of the same typed password both work.
    decomposed = "a new passphrase u\u0308ni\u0308code"
    with pki.unlock_signer(changed, decomposed) as unlocked:
        assert unlocked.private_key.public_key() == unlocked.cert.public_key()
    with pytest.raises(pki.WrongPassword):
        pki.rewrap_signer_key(signer, "not it", "whatever")


def test_signer_validity_never_exceeds_the_ca(ca: pki.CAMaterial) -> None:
    late = NOW + dt.timedelta(days=365 * 15)
    material = pki.issue_signer(
        ca,
        CA_PASS,
        full_name="Grace Hopper",
        username="ghopper",
        credentials="",
        user_password="pw",
        now=late,
    )
    cert, ca_cert = _cert(material.cert_pem), _cert(ca.cert_pem)
    assert cert.not_valid_after_utc == ca_cert.not_valid_after_utc
    assert pki.cert_subject_name(material.cert_pem) == "Grace Hopper"


def test_naive_time_and_empty_names_are_refused(ca: pki.CAMaterial) -> None:
    with pytest.raises(ValueError):
        pki.create_clinic_ca("Clinic", CA_PASS, now=dt.datetime(2025, 1, 1))
    with pytest.raises(ValueError):
        pki.create_clinic_ca("  ", CA_PASS)
    with pytest.raises(ValueError):
        pki.issue_signer(
            ca, CA_PASS, full_name=" ", username="u", credentials="", user_password="pw"
        )


def _p12(
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
    cert: x509.Certificate,
    extra: list[x509.Certificate],
    password: bytes,
) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        b"physician", key, cert, extra, serialization.BestAvailableEncryption(password)
    )


def test_pkcs12_import_round_trip(ca: pki.CAMaterial, signer: pki.SignerMaterial) -> None:
    original = pki.unlock_signer(signer, PASSWORD)
    ca_cert = _cert(ca.cert_pem)
    data = _p12(original.private_key, original.cert, [ca_cert], b"p12 pass")
    imported = pki.import_pkcs12(data, b"p12 pass", "physician pw")
    assert imported.cert_pem == signer.cert_pem
    assert imported.fingerprint_sha256 == signer.fingerprint_sha256
    assert imported.serial == signer.serial
    assert _cert(imported.chain_pem) == ca_cert
    assert b"BEGIN ENCRYPTED PRIVATE KEY" in imported.encrypted_key_pem
    with pki.unlock_signer(imported, "physician pw") as unlocked:
        assert unlocked.chain == (ca_cert,)
        assert unlocked.private_key.public_key() == original.cert.public_key()
    with pytest.raises(pki.WrongPassword):
        pki.import_pkcs12(data, b"wrong", "physician pw")


def test_pkcs12_with_a_ca_certificate_is_refused(ca: pki.CAMaterial) -> None:
    ca_key = serialization.load_pem_private_key(ca.encrypted_key_pem, CA_PASS)
    assert isinstance(ca_key, rsa.RSAPrivateKey)
    data = _p12(ca_key, _cert(ca.cert_pem), [], b"pw")
    with pytest.raises(pki.CertificateProblem):
        pki.import_pkcs12(data, b"pw", "user pw")


def test_pkcs12_with_an_ec_key_is_accepted() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    data = _p12(key, _self_signed(key), [], b"pw")
    imported = pki.import_pkcs12(data, b"pw", "user pw")
    assert pki.cert_subject_name(imported.cert_pem) == "EC Physician, DO"
    with pki.unlock_signer(imported, "user pw") as unlocked:
        assert isinstance(unlocked.private_key, ec.EllipticCurvePrivateKey)


def test_pkcs12_without_a_key_is_refused(signer: pki.SignerMaterial) -> None:
    data = pkcs12.serialize_key_and_certificates(
        b"cert only",
        None,
        _cert(signer.cert_pem),
        None,
        serialization.BestAvailableEncryption(b"pw"),
    )
    with pytest.raises(pki.CertificateProblem):
        pki.import_pkcs12(data, b"pw", "user pw")


def test_pkcs12_with_a_malformed_rsa_key_is_refused() -> None:
    """A stored key is decrypted without OpenSSL's RSA key check (``pki_keystore.decrypt_key``):
    the check must happen where a key comes in from outside."""
    from asn1crypto import keys as asn1_keys

    good = rsa.generate_private_key(65537, 2048)
    n = good.private_numbers()
    bad_der = asn1_keys.RSAPrivateKey({
        "version": 0, "modulus": n.public_numbers.n, "public_exponent": n.public_numbers.e,
        "private_exponent": n.d + 2, "prime1": n.p, "prime2": n.q, "exponent1": n.dmp1,
        "exponent2": n.dmq1, "coefficient": n.iqmp}).dump()
    bad = serialization.load_der_private_key(bad_der, None, unsafe_skip_rsa_key_validation=True)
    assert isinstance(bad, rsa.RSAPrivateKey)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bad Key, MD")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(good.public_key()).serial_number(7).not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=30)).sign(good, hashes.SHA256()))
    with pytest.raises(pki.WrongPassword):  # the PKCS#12 reader's key check refuses it
        pki.import_pkcs12(_p12(bad, cert, [], b"pw"), b"pw", "user pw")


def _self_signed(key: ec.EllipticCurvePrivateKey) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "EC Physician, DO")])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW)
        .not_valid_after(NOW + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
