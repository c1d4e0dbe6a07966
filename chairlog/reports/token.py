"""Signing keys on a smart card or USB token, through PKCS#11 (python-pkcs11 + pyHanko).

The key pair is generated on the token and the private key never leaves it (it is created
sensitive and not extractable); chairlog keeps only the certificate and where the key is
(:class:`TokenRef`: the PKCS#11 module's path, the token's label, the key's label). Signing
opens a session with the token's PIN, for one signature, and closes it again.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from types import TracebackType
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from chairlog.errors import AuthenticationError, ChairlogError

TOKEN_KEY_BITS = 3072


class TokenProblem(ChairlogError):
    """The token or its module cannot be used (not found, no such key, locked PIN …)."""


class WrongPin(AuthenticationError):
    """The token refused the PIN."""


@dataclass(frozen=True)
class TokenRef:
    module: str
    token_label: str
    key_label: str

    def dumps(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def loads(cls, text: str) -> TokenRef:
        data = json.loads(text)
        return cls(str(data["module"]), str(data["token_label"]), str(data["key_label"]))


def _open(ref: TokenRef, pin: str, *, rw: bool = False) -> Any:
    import pkcs11
    from pkcs11 import exceptions as pk_exc

    if not os.path.isfile(ref.module):
        raise TokenProblem(f"the PKCS#11 module {ref.module} is not installed on this computer")
    try:
        lib = pkcs11.lib(ref.module)
        token = lib.get_token(token_label=ref.token_label)
    except (pk_exc.NoSuchToken, pk_exc.MultipleTokensReturned):
        raise TokenProblem(f"the token '{ref.token_label}' is not connected") from None
    except pk_exc.PKCS11Error as exc:
        raise TokenProblem(f"the token cannot be used ({type(exc).__name__})") from None
    try:
        return token.open(user_pin=pin, rw=rw)
    except (pk_exc.PinIncorrect, pk_exc.PinLenRange, pk_exc.ArgumentsBad):
        raise WrongPin("The token refused the PIN.") from None
    except pk_exc.PinLocked:
        raise TokenProblem("the token's PIN is locked: unblock it with the token's tools") \
            from None


def generate_key(ref: TokenRef, pin: str) -> rsa.RSAPublicKey:
    """A new RSA key pair on the token (private part sensitive, never extractable)."""
    from pkcs11 import Attribute, KeyType, ObjectClass

    with _open(ref, pin, rw=True) as session:
        if list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY,
                                     Attribute.LABEL: ref.key_label})):
            raise TokenProblem(f"the token already holds a key labelled '{ref.key_label}'")
        pub, _priv = session.generate_keypair(
            KeyType.RSA, TOKEN_KEY_BITS, label=ref.key_label, store=True,
            private_template={Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False},
        )
        n = int.from_bytes(pub[Attribute.MODULUS], "big")
        e = int.from_bytes(pub[Attribute.PUBLIC_EXPONENT], "big")
    return rsa.RSAPublicNumbers(e, n).public_key()


class TokenKey:
    """An open token session for one signature; use as a context manager or ``close()``."""

    def __init__(self, ref: TokenRef, pin: str, cert: x509.Certificate) -> None:
        self.ref = ref
        self.cert = cert
        self.chain: tuple[x509.Certificate, ...] = ()
        self._session: Any = _open(ref, pin)

    @property
    def subject_name(self) -> str:
        names = self.cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        return str(names[0].value) if names else self.cert.subject.rfc4514_string()

    @property
    def cert_pem(self) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def closed(self) -> bool:
        return self._session is None

    def pyhanko_signer(self, extra_certs: list[x509.Certificate]) -> Any:
        """A pyHanko signer that has the token sign (the key stays on it)."""
        from asn1crypto import x509 as asn1_x509
        from cryptography.hazmat.primitives import serialization
        from pyhanko.sign.pkcs11 import PKCS11Signer

        if self._session is None:
            raise RuntimeError("this token session is closed; open it again to sign")
        der = serialization.Encoding.DER
        return PKCS11Signer(
            self._session,
            key_label=self.ref.key_label,
            signing_cert=asn1_x509.Certificate.load(self.cert.public_bytes(der)),
            ca_chain=[asn1_x509.Certificate.load(c.public_bytes(der)) for c in extra_certs],
            embed_roots=True,
        )

    def close(self) -> None:
        if self._session is not None:
            try:
                self._session.close()
            finally:
                self._session = None

    def __enter__(self) -> TokenKey:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
