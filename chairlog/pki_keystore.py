"""How chairlog stores a signing key: PKCS#8 ``ENCRYPTED PRIVATE KEY`` PEM with PBES2 under the
memory-hard scrypt KDF (N=2**15, r=8, p=1) and AES-256-CBC (RFC 8018, RFC 7914), and the errors
of key material. See ``chairlog.pki`` for why (``cryptography``'s own PKCS#8 encryption uses
PBKDF2 with 2048 iterations, far too cheap against an offline guess of a human password).

Decision: the DER of the PBES2 parameters is written here (about 20 lines): ``cryptography``
offers no scrypt PBES2 writer and ``asn1crypto`` (installed for pyHanko) knows no scrypt KDF
identifier; reading needs nothing of ours (``cryptography`` decrypts it).
"""

from __future__ import annotations

import base64
import os
import unicodedata

from cryptography.hazmat.primitives import padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from chairlog.errors import AuthenticationError, ChairlogError

SigningKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
"""Key types chairlog signs with (RSA PKCS#1 v1.5 or ECDSA, both verified by poppler)."""

_SCRYPT_LOG2_N = 15
_SCRYPT_R = 8
_SCRYPT_P = 1


class WrongPassword(AuthenticationError):
    """The password does not decrypt the key (or the stored key is damaged)."""


class CertificateProblem(ChairlogError):
    """A certificate or key file cannot be used for signing (wrong kind, mismatched, ...)."""


def passphrase_bytes(passphrase: str) -> bytes:
    """The authority passphrase as key-encryption bytes (NFC-normalised UTF-8)."""
    return password_bytes(passphrase)


def password_bytes(password: str) -> bytes:
    """UTF-8 of the NFC-normalised password, so the same typed password always matches."""
    if not password:
        raise WrongPassword("a password is required")
    return unicodedata.normalize("NFC", password).encode("utf-8")


def decrypt_key(pem: bytes, password: bytes) -> SigningKey:
    try:
        key = serialization.load_pem_private_key(pem, password=password)
    except (ValueError, TypeError) as exc:
        raise WrongPassword("wrong password (or the stored key is damaged)") from exc
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise CertificateProblem("only RSA and elliptic-curve signing keys are supported")
    return key


# PKCS#8 EncryptedPrivateKeyInfo with PBES2(scrypt, AES-256-CBC), RFC 8018 / RFC 7914.
# DER-encoded object identifiers:
_OID_PBES2 = bytes.fromhex("06092a864886f70d01050d")  # 1.2.840.113549.1.5.13
_OID_SCRYPT = bytes.fromhex("06092b06010401da47040b")  # 1.3.6.1.4.1.11591.4.11
_OID_AES256_CBC = bytes.fromhex("060960864801650304012a")  # 2.16.840.1.101.3.4.1.42


def encrypt_key(key: SigningKey, password: bytes) -> bytes:
    if not password:
        raise ValueError("a key cannot be encrypted under an empty password")
    plain = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    salt, iv = os.urandom(16), os.urandom(16)
    n = 2**_SCRYPT_LOG2_N
    kek = Scrypt(salt=salt, length=32, n=n, r=_SCRYPT_R, p=_SCRYPT_P).derive(password)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(kek), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(padded) + encryptor.finalize()
    del plain, padded, kek
    scrypt_params = _seq(_octets(salt), _int(n), _int(_SCRYPT_R), _int(_SCRYPT_P), _int(32))
    algorithm = _seq(
        _OID_PBES2,
        _seq(
            _seq(_OID_SCRYPT, scrypt_params),
            _seq(_OID_AES256_CBC, _octets(iv)),
        ),
    )
    der = _seq(algorithm, _octets(ciphertext))
    body = base64.b64encode(der)
    lines = b"\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    return (
        b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        + lines
        + b"\n-----END ENCRYPTED PRIVATE KEY-----\n"
    )


def _tlv(tag: int, body: bytes) -> bytes:
    size = len(body)
    if size < 0x80:
        length = bytes([size])
    else:
        raw = size.to_bytes((size.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + length + body


def _seq(*parts: bytes) -> bytes:
    return _tlv(0x30, b"".join(parts))


def _octets(value: bytes) -> bytes:
    return _tlv(0x04, value)


def _int(value: int) -> bytes:
    return _tlv(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))
