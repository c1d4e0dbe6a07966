"""The trust anchor: the signing authority's certificate pinned outside the database.

Decisions:
- ``init`` (and ``demo``) pins the authority certificate in this workstation's data folder,
  one file per database (named from a hash of the database URL without its password), so a
  demo database and the clinic's own never mix. Other workstations of the same clinic pin it
  from the exported file (``chairlog ca pin FILE``).
- ``verify`` trusts the pinned certificate (or ``--ca FILE``), never the database's row. A
  database whose authority differs from the pinned one makes ``verify`` and ``check`` fail,
  saying so; so does a database without a pin on this workstation (pin it first).
- Pinning a certificate over a different pinned one is refused: unpinning is a deliberate
  act on the file itself (the authority changes only when a clinic re-installs).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from chairlog import paths
from chairlog.errors import ChairlogError, ValidationError
from chairlog.words import words

PIN_DIR = "trust"


class TrustProblem(ChairlogError):
    """The database's authority is not the pinned one (or nothing is pinned)."""


def _url_key(db_url: str) -> str:
    from sqlalchemy.engine import make_url

    resolved = paths.resolve_db_url(db_url)
    try:
        u = make_url(resolved)
        text = u.set(password=None).render_as_string(hide_password=False)
    except Exception:
        text = resolved
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def pin_path(db_url: str) -> Path:
    return paths.data_dir() / PIN_DIR / f"{_url_key(db_url)}.pem"


def one_certificate(pem: bytes, *, ca: bool = True) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    try:
        if pem.lstrip().startswith(b"-----"):
            certs = x509.load_pem_x509_certificates(pem)
        else:
            certs = [x509.load_der_x509_certificate(pem)]
    except ValueError:
        raise ValidationError(
            "ca", "(file)", words("a PEM or DER certificate file"), words("authority")
        ) from None
    if len(certs) != 1:
        raise ValidationError("ca", f"{len(certs)} certificates", words("exactly one certificate"))
    try:
        basic = certs[0].extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        basic = None
    if ca and (basic is None or not basic.ca):
        raise ValidationError("ca", "(file)", words("a certificate authority's certificate"),
                              words("authority"))
    return certs[0].public_bytes(serialization.Encoding.PEM)


def pin_authority(db_url: str, cert_pem: bytes) -> Path:
    """Pin ``cert_pem`` for ``db_url`` on this workstation (idempotent; a different pin is
    refused)."""
    pem = one_certificate(cert_pem)
    path = pin_path(db_url)
    if path.exists():
        if path.read_bytes() == pem:
            return path
        raise TrustProblem(
            words("a different signing authority is already pinned for this database ({path}); "
                  "remove that file deliberately if the clinic really changed its authority",
                  path=path)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(pem)
    os.replace(tmp, path)
    return path


def tsa_pin_path(db_url: str) -> Path:
    return paths.data_dir() / PIN_DIR / f"{_url_key(db_url)}.tsa.pem"


def pin_tsa(db_url: str, cert_pem: bytes) -> Path:
    """Trust this timestamp authority's certificate for this database on this workstation
    (replaces a previous one: a clinic may change its timestamp service)."""
    pem = one_certificate(cert_pem, ca=False)
    path = tsa_pin_path(db_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(pem)
    os.replace(tmp, path)
    return path


def pinned_tsa(db_url: str) -> bytes:
    try:
        return tsa_pin_path(db_url).read_bytes()
    except FileNotFoundError:
        return b""


def unpin_authority(db_url: str) -> None:
    """Forget the pinned authority for ``db_url`` (demo and benchmark databases only)."""
    pin_path(db_url).unlink(missing_ok=True)


def pinned_authority(db_url: str) -> bytes | None:
    path = pin_path(db_url)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def fingerprint(pem: bytes) -> str:
    from chairlog import pki

    return pki.cert_fingerprint(pem)


def mismatch(db_url: str, db_ca_pem: bytes | None) -> str | None:
    """Why the database's authority cannot be trusted on this workstation, or None."""
    pinned = pinned_authority(db_url)
    if pinned is None:
        return (
            "no signing authority is pinned for this database on this workstation: pin the "
            "clinic's exported certificate with 'chairlog ca pin FILE' (or verify with --ca FILE)"
        )
    if db_ca_pem is None:
        return "the database has no signing authority, but one is pinned on this workstation"
    if fingerprint(db_ca_pem) != fingerprint(pinned):
        return (
            "the database's signing authority differs from the one pinned on this workstation "
            f"(database {fingerprint(db_ca_pem)[:16]}…, pinned {fingerprint(pinned)[:16]}…): "
            "the database's authority was replaced"
        )
    return None
