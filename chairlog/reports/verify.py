"""Verify a signed record's PDF (pyHanko), offline, against a given trust anchor.

Decisions:
- Exactly the given roots are trusted (the clinic authority pinned outside the database, or
  a file the reader passes); certificates and CRLs embedded in the file (its DSS) are used
  as validation data, never as trust anchors.
- A record is accepted only if every signature is intact, cryptographically valid, issued
  by a trusted authority, not revoked at the time used, and the last one covers the whole
  file, or is followed only by PAdES validation data and document timestamps (B-LTA).
- Time: by default the signatures are checked *now*. If the signer's certificate has since
  expired, they are checked at the signing time instead, and the result says which time was
  used and why it is trusted: an RFC 3161 signature timestamp whose authority is trusted,
  else the signer-reported time (which the caller may confirm from the record's audit-chain
  anchor, see ``services.records``). ``validation_time`` checks at exactly that time.
- Any unreadable, truncated or odd input gives a one-line reason, never an exception, and
  pyHanko's own logging is silenced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import (
    read_certification_data,
    validate_pdf_signature,
    validate_pdf_timestamp,
)
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from chairlog.reports.signing import _to_asn1, quiet_pyhanko

REASON_OK = "valid"
REASON_NO_SIGNATURE = "no signature"
REASON_UNREADABLE = "not a readable PDF file"
REASON_MODIFIED = "document modified after signing"
REASON_NOT_WHOLE_FILE = "signature does not cover the whole file"
REASON_UNTRUSTED = "certificate not issued by the clinic's signing authority"
REASON_CERT_TIME = "signer's certificate was expired or not yet valid"
REASON_REVOKED = "signer's certificate was revoked"
REASON_INVALID = "signature invalid"
REASON_CONTAINER = "signature container altered"

TIME_NOW = "now"
TIME_GIVEN = "the time asked for"
TIME_TIMESTAMP = "the signing time from the signature's RFC 3161 timestamp"
TIME_CLAIMED = "the signing time the signer's software recorded (no timestamp)"

# Later updates that may follow an earlier signature without invalidating it: only further
# signatures (form filling covers "a signature field was filled in").
_ALLOWED_AFTER_EARLIER_SIGNATURE = (
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
)
_TIME_PROBLEMS = {"EXPIRED", "NOT_YET_VALID", "OUT_OF_BOUNDS_NO_POE"}
_REVOKED = {"REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"}


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
    signer_username: str | None = None
    cert_serial: int | None = None
    cert_not_before: dt.datetime | None = None
    cert_not_after: dt.datetime | None = None
    #: the time the certificates were checked at, and why that time
    validated_at: dt.datetime | None = None
    time_basis: str = ""
    timestamp_time: dt.datetime | None = None
    timestamp_trusted: bool = False
    #: PAdES level seen: B-B, B-T, B-LT, B-LTA
    level: str = ""
    document_timestamps: int = 0


def verify_pdf(
    pdf_bytes: bytes,
    *,
    trusted_ca_pem: bytes,
    validation_time: dt.datetime | None = None,
    now: dt.datetime | None = None,
    tsa_roots_pem: bytes = b"",
) -> VerificationResult:
    """Verify every signature in ``pdf_bytes`` against ``trusted_ca_pem`` (one or more PEM
    certificates), offline. ``tsa_roots_pem``: trusted timestamp authorities.

    ``validation_time``: check at exactly that time. Otherwise check at ``now`` (default:
    the real time), falling back to the signing time for a certificate expired since."""
    quiet_pyhanko()
    try:
        roots = [_to_asn1(c) for c in x509.load_pem_x509_certificates(trusted_ca_pem)]
        tsa_roots = (
            [_to_asn1(c) for c in x509.load_pem_x509_certificates(tsa_roots_pem)]
            if tsa_roots_pem.strip()
            else []
        )
    except ValueError:
        return VerificationResult(ok=False, reason="the trusted authority file is not a PEM "
                                  "certificate")
    try:
        return _verify(bytes(pdf_bytes), roots, tsa_roots, validation_time, now)
    except Exception:  # any damage pyHanko trips over: one line, no traceback
        return VerificationResult(ok=False, reason=REASON_UNREADABLE)


def _verify(
    pdf_bytes: bytes,
    roots: list[asn1_x509.Certificate],
    tsa_roots: list[asn1_x509.Certificate],
    validation_time: dt.datetime | None,
    now: dt.datetime | None,
) -> VerificationResult:
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes))
        signatures = list(reader.embedded_regular_signatures)
        doc_timestamps = list(reader.embedded_timestamp_signatures)
        certified = read_certification_data(reader) is not None
        dss = DocumentSecurityStore.read_dss(reader) if "/DSS" in reader.root else None
    except Exception:
        return VerificationResult(ok=False, reason=REASON_UNREADABLE)
    if not signatures:
        return VerificationResult(ok=False, reason=REASON_NO_SIGNATURE)

    failures: list[str] = []
    if doc_timestamps:
        problem = _last_timestamp_problem(doc_timestamps[-1], roots, tsa_roots, dss)
        if problem is None and not _ends_at_last_revision(pdf_bytes):
            problem = REASON_NOT_WHOLE_FILE
        if problem is not None:
            failures.append(problem)
    all_intact = all_trusted = True
    last: VerificationResult | None = None
    for index, embedded in enumerate(signatures):
        is_last = index == len(signatures) - 1
        described = _check_one(embedded, roots, tsa_roots, dss, validation_time, now, is_last,
                               bool(doc_timestamps))
        if not described.ok:
            failures.append(described.reason)
        all_intact = all_intact and described.intact
        all_trusted = all_trusted and described.trusted
        last = described

    assert last is not None
    level = _level(last, dss, doc_timestamps)
    return replace(
        last,
        ok=not failures,
        reason=failures[0] if failures else REASON_OK,
        intact=all_intact,
        trusted=all_trusted,
        certified=certified,
        signature_count=len(signatures),
        level=level,
        document_timestamps=len(doc_timestamps),
    )


def _context(
    roots: list[asn1_x509.Certificate],
    dss: DocumentSecurityStore | None,
    moment: dt.datetime | None,
) -> ValidationContext:
    kwargs: dict[str, Any] = {
        "trust_roots": roots,
        "allow_fetching": False,
        "moment": moment,
        "revocation_mode": "soft-fail",
    }
    if dss is not None:
        return dss.as_validation_context(kwargs)
    return ValidationContext(**kwargs)


def _status(
    embedded: EmbeddedPdfSignature,
    roots: list[asn1_x509.Certificate],
    tsa_roots: list[asn1_x509.Certificate],
    dss: DocumentSecurityStore | None,
    moment: dt.datetime | None,
) -> PdfSignatureStatus:
    ts_context = _context(tsa_roots or roots, dss, moment)
    return validate_pdf_signature(
        embedded,
        signer_validation_context=_context(roots, dss, moment),
        ts_validation_context=ts_context,
        key_usage_settings=KeyUsageConstraints(
            key_usage={"non_repudiation", "digital_signature"},
            match_all_key_usages=False,
        ),
    )


def _check_one(
    embedded: EmbeddedPdfSignature,
    roots: list[asn1_x509.Certificate],
    tsa_roots: list[asn1_x509.Certificate],
    dss: DocumentSecurityStore | None,
    validation_time: dt.datetime | None,
    now: dt.datetime | None,
    is_last: bool,
    lta_follows: bool,
) -> VerificationResult:
    basis, at = (TIME_GIVEN, validation_time) if validation_time else (TIME_NOW, now)
    try:
        status = _status(embedded, roots, tsa_roots, dss, at)
    except Exception:
        return VerificationResult(ok=False, reason=REASON_INVALID, field_name=_field(embedded))
    indication = getattr(status.trust_problem_indic, "name", "")
    if validation_time is None and not status.trusted and indication in _TIME_PROBLEMS:
        # the certificate expired since: check at the signing time, saying which and why
        ts = status.timestamp_validity
        if ts is not None and ts.intact and ts.valid and ts.trusted:
            basis, at = TIME_TIMESTAMP, ts.timestamp
        else:
            basis, at = TIME_CLAIMED, status.signer_reported_dt
        if at is not None:
            try:
                status = _status(embedded, roots, tsa_roots, dss, at)
            except Exception:
                return VerificationResult(ok=False, reason=REASON_INVALID,
                                          field_name=_field(embedded))
    problem = _problem(status, is_last, lta_follows) or _container_problem(
        embedded, status, roots, dss
    )
    described = _describe(embedded, status, problem)
    ts = status.timestamp_validity
    return replace(
        described,
        validated_at=at or dt.datetime.now(dt.UTC),
        time_basis=basis,
        timestamp_time=ts.timestamp if ts is not None else None,
        timestamp_trusted=bool(ts is not None and ts.trusted and ts.intact and ts.valid),
    )


def _ends_at_last_revision(pdf_bytes: bytes) -> bool:
    """Nothing but line ends after the last revision's ``startxref N %%EOF`` (pyHanko, like
    most readers, tolerates trailing bytes; a record must not carry any)."""
    import re

    return re.search(rb"startxref\s+\d+\s+%%EOF\Z", pdf_bytes.rstrip(b"\r\n")) is not None


def _last_timestamp_problem(
    embedded: EmbeddedPdfSignature,
    roots: list[asn1_x509.Certificate],
    tsa_roots: list[asn1_x509.Certificate],
    dss: DocumentSecurityStore | None,
) -> str | None:
    """The newest document timestamp (B-LTA) must be intact and cover the whole file, or be
    followed only by validation data (the DSS update for its own certificates)."""
    try:
        status = validate_pdf_timestamp(
            embedded, validation_context=_context(tsa_roots or roots, dss, None)
        )
    except Exception:
        return REASON_MODIFIED
    if not (status.intact and status.valid):
        return REASON_MODIFIED
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return None
    if status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and (
        status.modification_level in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
    ):
        return None
    return REASON_MODIFIED if status.coverage == SignatureCoverageLevel.ENTIRE_REVISION \
        else REASON_NOT_WHOLE_FILE


def _level(last: VerificationResult, dss: DocumentSecurityStore | None,
           doc_timestamps: list[Any]) -> str:
    has_revinfo = dss is not None and bool(dss.crls or dss.ocsps)
    if doc_timestamps and has_revinfo:
        return "B-LTA"
    if has_revinfo:
        return "B-LT"
    return "B-T" if last.timestamp_time is not None else "B-B"


def _problem(status: PdfSignatureStatus, is_last: bool, lta_follows: bool) -> str | None:
    """The first thing wrong with one signature, or ``None``."""
    if not status.intact:
        return REASON_MODIFIED
    if not status.valid:
        return REASON_INVALID
    coverage = status.coverage
    if is_last and coverage != SignatureCoverageLevel.ENTIRE_FILE:
        # only PAdES validation data and document timestamps may follow the last signature
        lta_only = lta_follows and status.modification_level in (
            ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)
        if not (coverage == SignatureCoverageLevel.ENTIRE_REVISION and lta_only):
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
        if indication in _TIME_PROBLEMS:
            return REASON_CERT_TIME
        if indication in _REVOKED:
            return REASON_REVOKED
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
    dss: DocumentSecurityStore | None,
) -> str | None:
    """Check the parts of /Contents that no signature covers.

    The CMS certificate set, the unsigned attributes (a signature timestamp) and the zero
    padding after the CMS object are not signed. Accept only certificates on the validated
    path (or a trusted root, byte for byte) and zeros, so that no byte of a good file can
    change without the verdict changing."""
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
    validity = cert["tbs_certificate"]["validity"]
    return VerificationResult(
        ok=problem is None,
        reason=problem or REASON_OK,
        signer_name=str(signer_name),
        signing_time=status.signer_reported_dt,
        meaning=str(reason) if reason is not None else None,
        field_name=_field(embedded),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        signer_username=str(names["user_id"]) if names.get("user_id") else None,
        cert_serial=int(cert.serial_number),
        cert_not_before=validity["not_before"].native,
        cert_not_after=validity["not_after"].native,
    )


def _field(embedded: EmbeddedPdfSignature) -> str | None:
    try:
        return str(embedded.field_name)
    except Exception:
        return None
