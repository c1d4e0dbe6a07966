"""Sign a record's PDF and verify it again (pyHanko; imported only when needed).

Signing makes a PAdES (``ETSI.CAdES.detached``) signature with the physician's key. By
default it is a *certification* signature whose DocMDP permission is "no changes", so any
later incremental update, even one a viewer would otherwise accept, invalidates it. The
signer's certificate and the clinic authority's certificate are embedded. Nothing touches
the network: no timestamp server, no revocation look-ups, no certificate fetching.

Verification trusts exactly one root, the clinic's signing authority, and accepts a
record only if every signature is intact, cryptographically valid, issued by that
authority, and the last one covers the whole file (earlier ones may only be followed by
later signatures their DocMDP level allows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, Signer
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.sign.validation import read_certification_data, validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from chairlog.errors import SignatureError
from chairlog.pki import CertificateProblem, UnlockedSigner

__all__ = ["VerificationResult", "sign_pdf", "verify_pdf"]

Box = tuple[float, float, float, float]

REASON_OK = "valid"
REASON_NO_SIGNATURE = "no signature"
REASON_UNREADABLE = "not a readable PDF file"
REASON_MODIFIED = "document modified after signing"
REASON_NOT_WHOLE_FILE = "signature does not cover the whole file"
REASON_UNTRUSTED = "certificate not issued by the clinic's signing authority"
REASON_CERT_TIME = "signer's certificate was expired or not yet valid"
REASON_INVALID = "signature invalid"
REASON_CONTAINER = "signature container altered"

# Later updates that may follow an earlier signature without invalidating it: only further
# signatures (form filling covers "a signature field was filled in").
_ALLOWED_AFTER_EARLIER_SIGNATURE = (
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
)


@dataclass(frozen=True)
class VerificationResult:
    """What :func:`verify_pdf` found. ``ok`` is the only verdict; the rest explains it.

    With several signatures, ``ok``/``intact``/``trusted`` cover all of them, ``reason``
    names the first failure, and the signer fields describe the last signature.
    """

    ok: bool
    reason: str
    signer_name: str | None = None
    signing_time: dt.datetime | None = None
    meaning: str | None = None
    field_name: str | None = None
    covers_whole_file: bool = False
    intact: bool = False
    trusted: bool = False
    certified: bool = False
    signature_count: int = 0


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
    signer: UnlockedSigner,
    *,
    ca_cert_pem: bytes,
    field_name: str = "PhysicianSignature",
    reason: str,
    location: str,
    signing_time: dt.datetime,
    certify: bool = True,
    visible_box: tuple[int, Box] | None = None,
    stamp_text: str | None = None,
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
    ca_cert = x509.load_pem_x509_certificate(ca_cert_pem)
    metadata = PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        name=signer.subject_name,
        certify=certify,
        docmdp_permissions=MDPPerm.NO_CHANGES,
        subfilter=SigSeedSubFilter.PADES,
        embed_validation_info=False,
    )
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
    pdf_signer = _FixedTimePdfSigner(
        metadata,
        _KeyObjectSigner(signer, [ca_cert]),
        stamp_style=stamp_style,
        new_field_spec=field_spec,
        signing_time=signing_time,
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes))
    output = BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=output)
    except SigningError as exc:  # e.g. the file is already certified: no changes allowed
        raise SignatureError(f"this PDF cannot be signed: {exc}") from exc
    return output.getvalue()


def _stamp_style(text: str) -> TextStampStyle:
    box_style = TextBoxStyle(font_size=9)
    text = text.encode("latin-1", "replace").decode("latin-1")
    # pyHanko %-formats the stamp text; escape so the text is shown literally.
    return TextStampStyle(
        stamp_text=text.replace("%", "%%"), text_box_style=box_style, border_width=1
    )


# ---------------------------------------------------------------- verification


def verify_pdf(
    pdf_bytes: bytes,
    *,
    trusted_ca_pem: bytes,
    validation_time: dt.datetime | None = None,
) -> VerificationResult:
    """Verify every signature in ``pdf_bytes`` against the clinic authority, offline.

    ``trusted_ca_pem`` may hold one or more PEM certificates (e.g. the current and a
    previous signing authority). ``validation_time`` defaults to now.
    """
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes))
        signatures = list(reader.embedded_regular_signatures)
        certified = read_certification_data(reader) is not None
    except Exception:
        return VerificationResult(ok=False, reason=REASON_UNREADABLE)
    if not signatures:
        return VerificationResult(ok=False, reason=REASON_NO_SIGNATURE)

    roots = [_to_asn1(c) for c in x509.load_pem_x509_certificates(trusted_ca_pem)]
    failures: list[str] = []
    all_intact = all_trusted = True
    last: VerificationResult | None = None
    for index, embedded in enumerate(signatures):
        is_last = index == len(signatures) - 1
        context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=validation_time)
        try:
            status = validate_pdf_signature(
                embedded,
                signer_validation_context=context,
                key_usage_settings=KeyUsageConstraints(
                    key_usage={"non_repudiation", "digital_signature"},
                    match_all_key_usages=False,
                ),
            )
        except Exception:
            failures.append(REASON_INVALID)
            all_intact = all_trusted = False
            last = VerificationResult(ok=False, reason=REASON_INVALID, field_name=_field(embedded))
            continue
        problem = _problem(status, is_last) or _container_problem(embedded, status, roots)
        if problem is not None:
            failures.append(problem)
        all_intact = all_intact and bool(status.intact and status.valid)
        all_trusted = all_trusted and bool(status.trusted)
        last = _describe(embedded, status, problem)

    assert last is not None
    return VerificationResult(
        ok=not failures,
        reason=failures[0] if failures else REASON_OK,
        signer_name=last.signer_name,
        signing_time=last.signing_time,
        meaning=last.meaning,
        field_name=last.field_name,
        covers_whole_file=last.covers_whole_file,
        intact=all_intact,
        trusted=all_trusted,
        certified=certified,
        signature_count=len(signatures),
    )


def _problem(status: PdfSignatureStatus, is_last: bool) -> str | None:
    """The first thing wrong with one signature, or ``None``."""
    if not status.intact:
        return REASON_MODIFIED
    if not status.valid:
        return REASON_INVALID
    coverage = status.coverage
    if is_last and coverage != SignatureCoverageLevel.ENTIRE_FILE:
        if coverage == SignatureCoverageLevel.ENTIRE_REVISION:
            return REASON_MODIFIED
        return REASON_NOT_WHOLE_FILE
    if not is_last:
        if coverage != SignatureCoverageLevel.ENTIRE_REVISION:
            return REASON_NOT_WHOLE_FILE
        if status.docmdp_ok is not True or (
            status.modification_level not in _ALLOWED_AFTER_EARLIER_SIGNATURE
        ):
            return REASON_MODIFIED
    if status.docmdp_ok is False:
        return REASON_MODIFIED
    if not status.trusted:
        indication = getattr(status.trust_problem_indic, "name", "")
        if indication in {"EXPIRED", "NOT_YET_VALID", "OUT_OF_BOUNDS_NO_POE"}:
            return REASON_CERT_TIME
        if indication in {"", "NO_CERTIFICATE_CHAIN_FOUND", "CERTIFICATE_CHAIN_GENERAL_FAILURE"}:
            return REASON_UNTRUSTED
        return f"{REASON_UNTRUSTED} ({indication.replace('_', ' ').lower()})"
    if not status.bottom_line:
        return REASON_INVALID
    return None


def _container_problem(
    embedded: EmbeddedPdfSignature,
    status: PdfSignatureStatus,
    roots: list[asn1_x509.Certificate],
) -> str | None:
    """Check the parts of /Contents that no signature covers.

    The CMS certificate set and the zero padding after it are not signed. Accept only
    certificates on the validated path (or a trusted root, byte for byte) and zeros, so
    that no byte of a good file can change without the verdict changing.
    """
    content = bytes(embedded.pkcs7_content)
    size = _der_size(content)
    if size is None or content[size:].strip(b"\x00"):
        return REASON_CONTAINER
    allowed = {root.dump() for root in roots}
    allowed.add(status.signing_cert.dump())
    if status.validation_path is not None:
        allowed.update(cert.dump() for cert in status.validation_path.iter_certs(True))
    for choice in embedded.signed_data["certificates"] or ():
        if choice.name != "certificate" or choice.chosen.dump() not in allowed:
            return REASON_CONTAINER
    return None


def _der_size(content: bytes) -> int | None:
    """Length of the DER object at the start of ``content`` (header included)."""
    if len(content) < 2 or content[0] != 0x30:
        return None
    if content[1] < 0x80:
        return 2 + content[1]
    count = content[1] & 0x7F
    if count == 0 or count > 4 or len(content) < 2 + count:
        return None
    return 2 + count + int.from_bytes(content[2 : 2 + count], "big")


def _describe(
    embedded: EmbeddedPdfSignature, status: PdfSignatureStatus, problem: str | None
) -> VerificationResult:
    cert = status.signing_cert
    names = cert.subject.native
    signer_name = names.get("common_name") or cert.subject.human_friendly
    reason = embedded.sig_object.get("/Reason")
    when = status.signer_reported_dt
    return VerificationResult(
        ok=problem is None,
        reason=problem or REASON_OK,
        signer_name=str(signer_name),
        signing_time=when,
        meaning=str(reason) if reason is not None else None,
        field_name=_field(embedded),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
    )


def _field(embedded: EmbeddedPdfSignature) -> str | None:
    try:
        return str(embedded.field_name)
    except Exception:
        return None


def _to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
