"""Sign a record's PDF (pyHanko; imported only when needed); verification: ``verify``.

Signing makes a PAdES (``ETSI.CAdES.detached``) signature with the physician's key. By
default it is a *certification* signature whose DocMDP permission is "no changes", so any
later incremental update other than validation data and document timestamps (which
PAdES allows) invalidates it. The signer's certificate and the clinic authority's
certificate are embedded; with the authority's CRL (``crl_der``) the certificates and the
CRL also go into the document security store in the signed revision itself (PAdES B-LT,
one revision, so pdfsig still reports the whole document signed). With a timestamp
service (``tsa_url``, RFC 3161 over HTTP) the signature carries a signature timestamp
(B-T; B-LT with the CRL). Nothing else touches the network: no revocation look-ups, no
certificate fetching.

Verification trusts exactly one root, the clinic's signing authority, and accepts a
record only if every signature is intact, cryptographically valid, issued by that
authority, and the last one covers the whole file (earlier ones may only be followed by
later signatures their DocMDP level allows).
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import TYPE_CHECKING, Any

from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, PdfTimeStamper, Signer
from pyhanko.sign.signers.pdf_signer import (
    DSSContentSettings,
    PdfSigningSession,
    SigDSSPlacementPreference,
)
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from chairlog.errors import SignatureError

if TYPE_CHECKING:  # imported where used
    from chairlog.reports.token import TokenKey
from chairlog.pki import CertificateProblem, UnlockedSigner

__all__ = ["sign_pdf"]

Box = tuple[float, float, float, float]
RESERVED_BYTES = 12288
RESERVED_WITH_TIMESTAMP = 20480

# ---------------------------------------------------------------- signing


class _KeyObjectSigner(Signer):
    """A pyHanko signer that signs with the ``cryptography`` key object directly, so the
    decrypted key is never serialised to bytes (as ``SimpleSigner`` would need)."""

    def __init__(self, unlocked: UnlockedSigner, extra_certs: list[x509.Certificate]) -> None:
        others: list[x509.Certificate] = []
        for cert in (*unlocked.chain, *extra_certs):
            if cert != unlocked.cert and cert not in others:
                others.append(cert)
        registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
        registry.register_multiple([_to_asn1(c) for c in others])
        super().__init__(
            signing_cert=_to_asn1(unlocked.cert),
            cert_registry=registry,
            embed_roots=True,
        )
        self._key = unlocked.private_key

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        digest = get_pyca_cryptography_hash(digest_algorithm)
        key = self._key
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, PKCS1v15(), digest)
        if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(digest))
        raise SigningError(f"unsupported signature mechanism {mechanism!r}")


class _FixedTimePdfSigner(PdfSigner):
    """``PdfSigner`` whose signing time (the /M entry and the stamp) is given, not "now"."""

    def __init__(self, *args: Any, signing_time: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(
        self, pdf_out: Any, existing_fields_only: bool = False
    ) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signing_time
        return session


def sign_pdf(
    pdf_bytes: bytes,
    signer: UnlockedSigner | TokenKey,
    *,
    ca_cert_pem: bytes,
    field_name: str = "PhysicianSignature",
    reason: str,
    location: str,
    signing_time: dt.datetime,
    certify: bool = True,
    visible_box: tuple[int, Box] | None = None,
    stamp_text: str | None = None,
    crl_der: bytes | None = None,
    tsa_url: str | None = None,
    tsa_cert_pem: bytes | None = None,
    tsa_timeout_s: float = 10.0,
) -> bytes:
    """Sign ``pdf_bytes`` and return the signed file (an incremental update of the input).

    ``reason`` is the meaning of the signature (e.g. "Reviewed and approved"), ``location``
    the clinic. ``signing_time`` must be timezone-aware; it is written as the signature's
    /M time. With ``certify`` (the default) the signature is a certification signature
    that forbids every later change (signing such a file again raises ``SignatureError``).
    A certificate that is not valid at ``signing_time`` raises ``CertificateProblem``.

    ``visible_box`` = ``(page_index, (x1, y1, x2, y2))`` in PDF points adds a visible stamp
    showing ``stamp_text`` (default: meaning, name and time). The stamp uses the PDF's
    built-in Courier font, which shows Latin-1 characters only (others become "?"); the
    record's own signature block is ordinary page text.
    """
    if signing_time.tzinfo is None:
        raise ValueError("signing_time must be timezone-aware")
    cert = signer.cert
    if not cert.not_valid_before_utc <= signing_time <= cert.not_valid_after_utc:
        raise CertificateProblem(
            f"the signing certificate of {signer.subject_name} is valid only from "
            f"{cert.not_valid_before_utc:%Y-%m-%d} to {cert.not_valid_after_utc:%Y-%m-%d}; "
            "a new certificate must be issued"
        )
    quiet_pyhanko()
    ca_cert = x509.load_pem_x509_certificate(ca_cert_pem)
    context = None
    if crl_der is not None:
        tsa_roots = x509.load_pem_x509_certificates(tsa_cert_pem) if tsa_cert_pem else []
        context = ValidationContext(
            trust_roots=[_to_asn1(c) for c in (ca_cert, *tsa_roots)],
            crls=[asn1_crl.CertificateList.load(crl_der)],
            allow_fetching=False,
            moment=signing_time,
            revocation_mode="soft-fail",
        )
    metadata = PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        name=signer.subject_name,
        certify=certify,
        docmdp_permissions=MDPPerm.NO_CHANGES,
        subfilter=SigSeedSubFilter.PADES,
        embed_validation_info=context is not None,
        validation_context=context,
        dss_settings=DSSContentSettings(
            placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE, include_vri=False
        ),
    )
    timestamper = UrllibTimeStamper(tsa_url, tsa_timeout_s) if tsa_url else None
    field_spec = None
    stamp_style: Any = None
    if visible_box is not None:
        page_index, box = visible_box
        x1, y1, x2, y2 = (round(v) for v in box)
        field_spec = SigFieldSpec(
            sig_field_name=field_name, on_page=page_index, box=(x1, y1, x2, y2)
        )
        text = stamp_text
        if text is None:
            text = f"{reason}\n{signer.subject_name}\n{signing_time.isoformat(' ', 'minutes')}"
        stamp_style = _stamp_style(text)
    from chairlog.reports.token import TokenKey

    pdf_signer = _FixedTimePdfSigner(
        metadata,
        signer.pyhanko_signer([ca_cert]) if isinstance(signer, TokenKey)
        else _KeyObjectSigner(signer, [ca_cert]),
        stamp_style=stamp_style,
        new_field_spec=field_spec,
        signing_time=signing_time,
        timestamper=timestamper,
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes))
    output = BytesIO()
    try:
        # a fixed reservation spares pyHanko a trial signature to size the container
        reserved = RESERVED_WITH_TIMESTAMP if timestamper else RESERVED_BYTES
        pdf_signer.sign_pdf(writer, output=output, bytes_reserved=reserved)
    except SigningError as exc:  # e.g. the file is already certified: no changes allowed
        raise SignatureError(f"this PDF cannot be signed: {exc}") from exc
    except TimestampRequestError as exc:
        raise SignatureError(f"the timestamp service did not answer properly: {exc}") from exc
    return output.getvalue()


class UrllibTimeStamper(TimeStamper):
    """An RFC 3161 client over HTTP(S) with the standard library (no extra dependency)."""

    def __init__(self, url: str, timeout_s: float = 10.0) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.url = url
        self.timeout_s = timeout_s

    async def async_request_tsa_response(self, req: Any) -> Any:
        import asyncio
        import urllib.error
        import urllib.request

        from asn1crypto import tsp

        def post() -> bytes:
            request = urllib.request.Request(
                self.url,
                data=req.dump(),
                headers={"Content-Type": "application/timestamp-query"},
                method="POST",
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                    if response.headers.get("Content-Type") != "application/timestamp-reply":
                        raise TimestampRequestError("not a timestamp reply")
                    return bytes(response.read())
            except (urllib.error.URLError, OSError) as exc:
                raise TimestampRequestError(f"{self.url}: {exc}") from exc

        raw = await asyncio.get_running_loop().run_in_executor(None, post)
        return tsp.TimeStampResp.load(raw)


def add_archive_timestamp(
    pdf_bytes: bytes, *, tsa_url: str, ca_cert_pem: bytes, crl_der: bytes | None,
    tsa_roots_pem: bytes = b"",
) -> bytes:
    """Append a document timestamp (and the validation data it needs) to a signed record:
    PAdES B-LTA. Run it again before the last timestamp's certificate expires."""
    quiet_pyhanko()
    roots = [_to_asn1(c) for c in x509.load_pem_x509_certificates(ca_cert_pem + tsa_roots_pem)]
    context = ValidationContext(
        trust_roots=roots,
        crls=[asn1_crl.CertificateList.load(crl_der)] if crl_der else [],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    output = BytesIO()
    stamper = PdfTimeStamper(UrllibTimeStamper(tsa_url))
    try:
        stamper.update_archival_timestamp_chain(
            PdfFileReader(BytesIO(pdf_bytes)), context, in_place=False, output=output
        )
    except (SigningError, TimestampRequestError) as exc:
        raise SignatureError(f"no archive timestamp could be added: {exc}") from exc
    return output.getvalue()


def quiet_pyhanko() -> None:
    """pyHanko logs validation troubles (with tracebacks) on stderr; chairlog reports its own
    one-line verdict instead."""
    import logging

    for name in ("pyhanko", "pyhanko_certvalidator", "pyhanko.sign", "asyncio"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL + 1)
        logger.propagate = False


def _stamp_style(text: str) -> TextStampStyle:
    box_style = TextBoxStyle(font_size=9)
    text = text.encode("latin-1", "replace").decode("latin-1")
    # pyHanko %-formats the stamp text; escape so the text is shown literally.
    return TextStampStyle(
        stamp_text=text.replace("%", "%%"), text_box_style=box_style, border_width=1
    )


def _to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

