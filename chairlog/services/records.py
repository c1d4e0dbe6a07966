"""Session records as PDF: assemble what the record shows, export it, fetch signed versions,
and verify a record file.

Decisions:
- A signed version is stored as its exact PDF bytes (``SignedRecord``) and is never rebuilt:
  exporting a signed session returns those bytes, identical every time.
- While the current version is not signed (a running or discharged session, or an open
  addendum), export builds an UNSIGNED DRAFT, reproducible byte for byte.
- Verification trusts only the clinic's signing authority; the record id and version come
  from the PDF's /Subject, and the file is also looked up (by SHA-256) among the stored
  signed versions.
- reportlab and pyHanko are imported only inside the functions that need them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.clinical.states import SessionState
from chairlog.db.models import InfusionSession, SignedRecord, StateTransition, User
from chairlog.domain import SessionView
from chairlog.domain.describe import ACTIONS, SIDE_EFFECTS
from chairlog.errors import NotFound, ValidationError
from chairlog.reports.model import PAPER_SIZES, AddendumInfo, RecordData, Vocabulary, record_id
from chairlog.reports.pdfinfo import RecordLabel
from chairlog.services import accounts
from chairlog.services.context import Chairlog, clinic_row
from chairlog.services.views import load_view
from chairlog.words import words

__all__ = [
    "RecordVerification",
    "export_draft",
    "export_record",
    "get_signed_pdf",
    "read_label",
    "record_data",
    "record_id",
    "verify_record_pdf",
    "verify_record_pdf_with_ca",
]


@dataclass(frozen=True)
class RecordVerification:
    """The verdict on a record file. ``ok`` means: every signature intact, the last one
    covering the whole file, and the signer's certificate issued by the trusted authority."""

    ok: bool
    reason: str
    signer_name: str | None
    signing_time: datetime | None
    meaning: str | None
    record_id: str | None
    record_version: int | None
    covers_whole_file: bool
    intact: bool
    trusted: bool
    certified: bool
    #: (session id, version) of the stored signed version with these exact bytes, if any
    stored_as: tuple[int, int] | None = None
    signer_username: str | None = None
    cert_serial: int | None = None
    cert_issued_at: datetime | None = None
    #: who unlocked the authority to issue the certificate (from this database, if known)
    cert_issued_by: str | None = None
    validated_at: datetime | None = None
    #: which time the certificates were checked at and why that time is trusted
    time_basis: str = ""
    level: str = ""
    timestamp_time: datetime | None = None


def _vocabulary(view: SessionView) -> Vocabulary:
    """The labels the record prints; discharge criteria as the session's protocol named them."""
    return Vocabulary(side_effects=dict(SIDE_EFFECTS), actions=dict(ACTIONS),
                      discharge_criteria={c.key: c.label
                                          for c in view.protocol.discharge_criteria})


def _names(s: Session) -> dict[int, str]:
    rows = s.execute(select(User.id, User.full_name, User.credentials))
    return {r.id: (f"{r.full_name}, {r.credentials}" if r.credentials else r.full_name)
            for r in rows}


def addenda(s: Session, session_id: int, names: dict[int, str]) -> tuple[AddendumInfo, ...]:
    """Every addendum opened on the session (SIGNED → AMENDING transitions), oldest first."""
    rows = s.scalars(select(StateTransition)
                     .where(StateTransition.session_id == session_id,
                            StateTransition.to_state == SessionState.AMENDING.value)
                     .order_by(StateTransition.at, StateTransition.id))
    return tuple(AddendumInfo(version=i + 2, supersedes_version=i + 1, reason=t.reason or "",
                              opened_by=names.get(t.user_id, "?"), opened_at=t.at)
                 for i, t in enumerate(rows))


def record_data_in(s: Session, sess: InfusionSession) -> RecordData:
    """The record's content as of this database session (used inside the signing write)."""
    from chairlog.services.accounts import clinic_info
    from chairlog.services.deviations import ceiling_refusals, session_deviations

    names = _names(s)
    clinic = clinic_info(clinic_row(s))
    view = load_view(s, sess)
    end = view.discharged_at or view.stopped_early_at or view.checked_in_at
    devs = session_deviations(view, ZoneInfo(clinic.timezone), max(end, _last_time(view)),
                              ceiling_refusals(s, sess.id))
    return RecordData(clinic=clinic, session=view, user_names=names,
                      addenda=addenda(s, sess.id, names), vocab=_vocabulary(view),
                      deviations=tuple(devs))


def _last_time(view: SessionView) -> datetime:
    """The record's own "now": its newest charted time (a draft is reproducible byte for
    byte, so nothing in it may depend on the wall clock)."""
    return max((e.charted_at for e in view.entries), default=view.checked_in_at)


def record_data(app: Chairlog, session_id: int) -> RecordData:
    with app.db.read() as s:
        sess = s.get(InfusionSession, session_id)
        if sess is None:
            raise NotFound(words("No session {session_id}.", session_id=session_id))
        return record_data_in(s, sess)


def paper_size(app: Chairlog, paper: str | None) -> str:
    """The requested paper size, else the clinic's setting."""
    chosen = paper or accounts.get_clinic(app).paper_size or "A4"
    for known in PAPER_SIZES:
        if chosen.lower() == known.lower():
            return known
    raise ValidationError("paper", paper, words("A4 or Letter"), words("paper size"))


def export_draft(app: Chairlog, session_id: int, *, paper: str | None = None) -> bytes:
    """An UNSIGNED DRAFT of the session's current content (reproducible byte for byte)."""
    from chairlog.reports.record_pdf import build_record_pdf

    size = paper_size(app, paper)
    return build_record_pdf(record_data(app, session_id), paper=size, draft=True,
                            signature=None)


def export_record(app: Chairlog, session_id: int, *, paper: str | None = None) -> bytes:
    """The stored signed PDF (identical bytes) when the current version is signed, else an
    unsigned draft. ``paper`` applies to drafts only: a signed file is never rebuilt."""
    with app.db.read() as s:
        sess = s.get(InfusionSession, session_id)
        if sess is None:
            raise NotFound(words("No session {session_id}.", session_id=session_id))
        if SessionState(sess.state) is SessionState.SIGNED:
            row = _signed_row(s, session_id, sess.record_version)
            if row is not None:
                return row.pdf_bytes
    return export_draft(app, session_id, paper=paper)


def _signed_row(s: Session, session_id: int, version: int | None) -> SignedRecord | None:
    q = select(SignedRecord).where(SignedRecord.session_id == session_id)
    if version is not None:
        q = q.where(SignedRecord.record_version == version)
    return s.scalars(q.order_by(SignedRecord.record_version.desc()).limit(1)).first()


def get_signed_pdf(app: Chairlog, session_id: int, version: int | None = None) -> bytes:
    """A signed version's exact bytes (the newest signed version when ``version`` is None)."""
    with app.db.read() as s:
        if s.get(InfusionSession, session_id) is None:
            raise NotFound(words("No session {session_id}.", session_id=session_id))
        row = _signed_row(s, session_id, version)
        if row is None:
            which = (words("version {version} of record", version=version) if version
                     else words("record"))
            raise NotFound(words("No signed {which} {record}.",
                                 which=which, record=record_id(session_id)))
        return row.pdf_bytes


def read_label(pdf_bytes: bytes) -> RecordLabel | None:
    """The record id, version and signed/draft marking printed into a record PDF's metadata
    (None for other files). Not proof of anything: use ``verify_record_pdf`` for that."""
    from chairlog.reports.pdfinfo import read_record_label

    return read_record_label(bytes(pdf_bytes))


REASON_SEVERAL = "several signatures: a chairlog record carries exactly one"


def verify_record_pdf_with_ca(
    pdf_bytes: bytes, ca_pem: bytes, *, at: datetime | None = None,
    now: datetime | None = None, tsa_roots_pem: bytes = b"",
) -> RecordVerification:
    """Verify a record file against the given signing authority certificate(s), offline.

    ``at``: check at exactly that time; else now (``now``, for a controlled clock), or at the
    signing time if the certificate has expired since (``time_basis`` says which)."""
    from chairlog.reports.pdfinfo import read_record_label
    from chairlog.reports.verify import verify_pdf

    if not isinstance(pdf_bytes, bytes | bytearray) or not pdf_bytes:
        return refused("empty file: not a PDF")
    if at is not None and at.tzinfo is None:
        raise ValidationError("at", at, words("a date and time with a time zone"), words("--at"))
    result = verify_pdf(bytes(pdf_bytes), trusted_ca_pem=ca_pem, validation_time=at, now=now,
                        tsa_roots_pem=tsa_roots_pem)
    try:
        label = read_record_label(bytes(pdf_bytes)) if result.signature_count else None
    except Exception:
        label = None
    ok, reason = result.ok, result.reason
    if result.signature_count > 1:
        ok, reason = False, REASON_SEVERAL
    basis = result.time_basis
    return RecordVerification(
        ok=ok, reason=reason, signer_name=result.signer_name,
        signing_time=result.signing_time, meaning=result.meaning,
        record_id=label.record_id if label else None,
        record_version=label.version if label else None,
        covers_whole_file=result.covers_whole_file, intact=result.intact,
        trusted=result.trusted, certified=result.certified,
        signer_username=result.signer_username, cert_serial=result.cert_serial,
        cert_issued_at=result.cert_not_before, validated_at=result.validated_at,
        time_basis=basis, level=result.level, timestamp_time=result.timestamp_time)


def refused(reason: str) -> RecordVerification:
    """A verdict of "not valid" before any signature was looked at."""
    return RecordVerification(ok=False, reason=reason, signer_name=None, signing_time=None,
                              meaning=None, record_id=None, record_version=None,
                              covers_whole_file=False, intact=False, trusted=False,
                              certified=False)


def verify_record_pdf(
    app: Chairlog, pdf_bytes: bytes, *, at: datetime | None = None, tsa_roots_pem: bytes = b""
) -> RecordVerification:
    """Verify against the signing authority pinned on this workstation for this database
    (never the database's own row: a database whose authority differs from the pinned one
    is refused, saying so). Adds what this database knows: who unlocked the authority for
    the certificate, a revocation recorded before the signing, whether it holds these exact
    bytes, and whether its audit chain confirms the signing time."""
    from dataclasses import replace

    from chairlog.db.models import AuditLog
    from chairlog.services import keys, trust

    with app.db.read() as s:
        db_pem = clinic_row(s).ca_cert_pem
    problem = trust.mismatch(app.db.url, db_pem)
    pinned = trust.pinned_authority(app.db.url)
    if problem is not None or pinned is None:
        return refused(problem or "no pinned signing authority")
    result = verify_record_pdf_with_ca(pdf_bytes, pinned, at=at, now=app.now(),
                                       tsa_roots_pem=tsa_roots_pem
                                       or trust.pinned_tsa(app.db.url))
    if result.cert_serial is not None:
        known = keys.certificate_by_serial(app, result.cert_serial)
        if known is not None:
            _user, issued_by, _at, revoked_at, why = known
            result = replace(result, cert_issued_by=issued_by or None)
            when = result.signing_time
            if result.ok and revoked_at is not None and when is not None and when >= revoked_at:
                result = replace(result, ok=False, reason=(
                    f"signer's certificate was revoked ({why.replace('_', ' ')}) on "
                    f"{revoked_at:%Y-%m-%d %H:%M} UTC, before this signature"))
    digest = hashlib.sha256(bytes(pdf_bytes)).hexdigest()
    with app.db.read() as s:
        row = s.scalars(select(SignedRecord).where(SignedRecord.sha256 == digest).limit(1)).first()
        if row is None:
            return result
        stored = (row.session_id, row.record_version)
        anchor = s.get(AuditLog, row.audit_head_seq)
        anchored = anchor is not None and anchor.hash == row.audit_head_hash
        signed_at = row.signed_at
    result = replace(result, stored_as=stored)
    if result.time_basis.startswith("the signing time the signer") and anchored:
        result = replace(result, time_basis=(
            f"the signing time, {signed_at:%Y-%m-%d %H:%M} UTC, confirmed by this database: "
            f"it holds these exact bytes, and the audit-chain anchor the record carries "
            f"(entry {row.audit_head_seq}) is in its audit trail"))
    return result


def add_archive_timestamp(
    app: Chairlog, pdf_bytes: bytes, *, tsa_roots_pem: bytes = b"", tsa_url: str | None = None
) -> bytes:
    """A verified record with a document timestamp (and its validation data) appended:
    PAdES B-LTA, from the clinic's timestamp service (or ``tsa_url``). Refused unless the
    record verifies now."""
    from chairlog.reports.signing import add_archive_timestamp as stamp
    from chairlog.services import trust

    url = tsa_url or accounts.get_clinic(app).tsa_url
    if not url:
        raise ValidationError("tsa_url", "", words("a timestamp service: set one with 'chairlog "
                                                   "clinic set --tsa-url URL'"),
                              words("timestamp service"))
    result = verify_record_pdf(app, pdf_bytes, tsa_roots_pem=tsa_roots_pem)
    if not result.ok:
        raise ValidationError("file", "(record)", words("a valid signed record ({reason})",
                                                        reason=result.reason),
                              words("record"))
    pinned = trust.pinned_authority(app.db.url) or b""
    with app.db.read() as s:
        crl = clinic_row(s).crl_der
    return stamp(bytes(pdf_bytes), tsa_url=url, ca_cert_pem=pinned, crl_der=crl,
                 tsa_roots_pem=tsa_roots_pem or trust.pinned_tsa(app.db.url))
