"""Physician sign-off: check a record is complete, sign it (PAdES), lock it; addenda.

Decisions:
- Only a physician signs, and only with their password typed again (21 CFR Part 11
  §11.200); the password decrypts their personal key for this one signature, and the key is
  closed again before the call returns, whatever happens. Several records in one sitting:
  ``services.sitting`` (username and password once; the key open until the sitting ends),
  signing each with ``sign_unlocked`` — the same transaction, PDF and audit record as here.
- The order of refusals: a nurse or admin is refused before any password is checked
  (PermissionDenied); then an incomplete record (ValidationError listing what is missing);
  then a wrong password (AuthenticationError, audited as ``record.sign.refused``).
- The PDF is built and signed *inside* the write transaction that stores it, so the signed
  file shows exactly the database content and audit chain head of that moment. That holds
  the write lock for the build (~0.3 s); writes from other workstations wait (busy timeout
  5 s) rather than race. The audit head printed and stored is the head just before the
  ``record.sign`` row, which is appended in the same transaction and anchors it.
- The signature is a certification signature allowing no changes: a signed file can never
  be altered validly. Changes after signing go into an addendum: the session moves to
  AMENDING with ``record_version`` + 1, entries can be added and corrected, and signing again
  stores version N+1, stating "Addendum — supersedes version N: reason". Every signed
  version stays stored and retrievable (``get_signed_pdf``).
- Signing runs in the UI's single background worker; the service opens its own database
  sessions, so nothing here touches Qt.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata

from sqlalchemy.orm import Session

from chairlog.clinical.states import ACTIVE_STATES, SIGNABLE_STATES, SessionState
from chairlog.db import audit
from chairlog.db.models import InfusionSession, SignedRecord
from chairlog.domain import (
    EntryKind,
    Role,
    SessionView,
    SignedRecordInfo,
    UserInfo,
)
from chairlog.domain.payloads import dose_data
from chairlog.errors import AuthenticationError, NotFound, StateError, ValidationError
from chairlog.pki import UnlockedSigner, cert_fingerprint
from chairlog.present.times import local_time
from chairlog.reports.model import RecordData, SignatureBlock, record_id
from chairlog.reports.token import TokenKey
from chairlog.services import keys
from chairlog.services.context import (
    CHART_ROLES,
    Chairlog,
    clinic_row,
    record,
    require_user,
    text_field,
)
from chairlog.services.records import (
    export_record,
    get_signed_pdf,
    paper_size,
    record_data_in,
    verify_record_pdf,
)
from chairlog.services.sessions import session_for_write, snapshot, transition
from chairlog.services.views import get_session, load_view
from chairlog.words import joined, term, words

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_MEANING",
    "MEANINGS",
    "export_record",
    "get_signed_pdf",
    "open_addendum",
    "problems_of",
    "sign_for_demo",
    "sign_inputs",
    "sign_session",
    "sign_unlocked",
    "signing_problems",
    "verify_record_pdf",
]

DEFAULT_MEANING = "Reviewed and approved"
#: The meanings offered in the sign dialog (free text is accepted too).
MEANINGS = ("Reviewed and approved", "Reviewed — see comment", "Reviewed and approved (addendum)")
SIGNATURE_FIELD = "PhysicianSignature"


def problems_of(view: SessionView) -> list[str]:
    """What stops this record from being signed (empty: it can be signed)."""
    st = view.state
    if st is SessionState.SIGNED:
        return [words("Version {version} is already signed; open an addendum to change the "
                      "record.", version=view.record_version)]
    out: list[str] = []
    if view.returned is not None:
        out.append(words("{returned} — waiting for the nurse to mark it ready again.",
                         returned=view.returned.text))
    if st in (SessionState.CHECKED_IN, SessionState.PRE_INFUSION):
        out.append(words("The session has not ended: no infusion was given and it was not "
                         "stopped early."))
    if st in (SessionState.INFUSING, SessionState.PAUSED):
        out.append(words("The infusion has not been stopped."))
    if view.stopped_early_at is not None:
        # ended before any drug: the reason is all the record needs
        if not (view.stopped_early_reason or "").strip():
            out.append(words("No reason is recorded for stopping before the infusion."))
        return out
    if st in ACTIVE_STATES and st not in (SessionState.INFUSING, SessionState.PAUSED,
                                          SessionState.MONITORING):
        return out
    if view.baseline_vitals is None:
        out.append(words("Baseline vitals are missing."))
    doses = view.active_entries(EntryKind.DOSE)
    if not any(dose_data(e).get("dose_action") in ("start", "bolus") for e in doses):
        out.append(words("No ketamine dose is recorded."))
    if (view.infusion_started_at is not None and view.infusion_stopped_at is None
            and st not in (SessionState.INFUSING, SessionState.PAUSED)):
        out.append(words("The infusion has no stop time."))
    if view.discharged_at is None or not view.active_entries(EntryKind.DISCHARGE):
        out.append(words("The patient's discharge is not recorded."))
    open_alerts = view.open_alerts
    if open_alerts:
        listed = "; ".join(a.message for a in open_alerts[:3])
        more = (words(" (and {count} more)", count=len(open_alerts) - 3)
                if len(open_alerts) > 3 else "")
        out.append(words("{count} alert(s) not acknowledged: {listed}{more}.",
                         count=len(open_alerts), listed=listed, more=more))
    return out


def signing_problems(app: Chairlog, session_id: int) -> list[str]:
    """Why session ``session_id`` cannot be signed now (empty list: it can)."""
    return problems_of(get_session(app, session_id))


def _refuse_if_incomplete(view: SessionView) -> None:
    problems = problems_of(view)
    if problems:
        err = ValidationError("record", f"{len(problems)} problem(s)",
                              words("a complete record. {problems}",
                                    problems=joined(problems, " ")),
                              words("record {record}", record=record_id(view.id)))
        err.problems = problems  # type: ignore[attr-defined]
        raise err


def _latin1(text: str) -> str:
    """The visible stamp's PDF font shows Latin-1 only: transliterate the rest (Ž → Z)."""
    out = []
    for ch in text:
        try:
            ch.encode("latin-1")
            out.append(ch)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode()
            out.append(base or "?")
    return "".join(out)


def _audit_refusal(app: Chairlog, actor: UserInfo, session_id: int, why: str) -> None:
    log.warning("signing refused: session %s, user %s: %s", session_id, actor.id, why)
    with app.db.write() as s:
        user = require_user(s, actor)
        sess = s.get(InfusionSession, session_id)
        record(app, s, user, "record.sign.refused", "session", session_id,
               session_id=session_id, patient_id=sess.patient_id if sess else None, reason=why)


def _signed_pdf(data: RecordData, block: SignatureBlock, signer: UnlockedSigner | TokenKey,
                ca_pem: bytes, paper: str, crl_der: bytes | None = None,
                tsa_url: str = "", tsa_cert_pem: bytes | None = None) -> bytes:
    from chairlog.reports.record_pdf import render_record
    from chairlog.reports.signing import sign_pdf

    rendered = render_record(data, paper=paper, draft=False, signature=block)
    stamp = _latin1(block.stamp_text(data.words,
                                     local_time(block.signed_at, data.tz, with_date=True)))
    return sign_pdf(rendered.pdf, signer, ca_cert_pem=ca_pem, field_name=SIGNATURE_FIELD,
                    reason=block.meaning, location=data.clinic.name,
                    signing_time=block.signed_at, certify=True,
                    visible_box=rendered.signature_box, stamp_text=stamp,
                    crl_der=crl_der, tsa_url=tsa_url or None, tsa_cert_pem=tsa_cert_pem)


def _refuse_if_altered(s: Session, session_id: int) -> None:
    """Issue 10: a chart value changed in place (outside chairlog) is never signed."""
    from chairlog.db.binding import session_problems

    problems = session_problems(s, session_id)
    if problems:
        raise StateError(words("This record cannot be signed: its chart was changed outside "
                               "chairlog ({problems}). Run chairlog audit verify.",
                               problems=problems[0]))


def sign_session(app: Chairlog, actor: UserInfo, session_id: int, password: str, *,
                 meaning: str = DEFAULT_MEANING, comment: str = "",
                 paper: str | None = None) -> SignedRecordInfo:
    """Sign the session's current record version and lock it. Returns what was stored."""
    what, note, size = sign_inputs(app, actor, session_id, meaning, comment, paper)
    try:
        signer = keys.unlock_signing_key(app, actor, password)
    except AuthenticationError:
        _audit_refusal(app, actor, session_id, "wrong password")
        raise
    try:
        return sign_unlocked(app, actor, session_id, signer, what, note, size)
    finally:
        signer.close()


def sign_inputs(app: Chairlog, actor: UserInfo, session_id: int, meaning: str, comment: str,
                 paper: str | None) -> tuple[str, str, str]:
    """The checks before a key is touched: the meaning, the comment, the paper, the signer's
    role and a complete record (in this order of refusal)."""
    what = text_field("meaning", meaning, required=True, max_chars=120,
                      label=words("meaning of the signature"))
    note = text_field("comment", comment, max_chars=1000)
    size = paper_size(app, paper)
    with app.db.read() as s:
        require_user(s, actor, {Role.PHYSICIAN}, words("sign records"))
    _refuse_if_incomplete(get_session(app, session_id))
    return what, note, size


def sign_unlocked(app: Chairlog, actor: UserInfo, session_id: int,
                  signer: UnlockedSigner | TokenKey, what: str, note: str, size: str,
                  sitting: str | None = None) -> SignedRecordInfo:
    """Sign with a key already opened by the physician's password (``sign_session``, or a
    signing sitting: ``services.sitting``). The caller closes the key."""
    issued = keys.certificate_by_serial(app, signer.cert.serial_number)
    with app.db.write() as s:
        user = require_user(s, actor, {Role.PHYSICIAN}, words("sign records"))
        _refuse_if_altered(s, session_id)  # before this transaction changes anything
        sess = session_for_write(s, session_id, None, chartable=False)
        if SessionState(sess.state) not in SIGNABLE_STATES:
            raise StateError(words("A record that is {label} cannot be signed.",
                                   label=term(SessionState(sess.state).label.lower())))
        data = record_data_in(s, sess)
        _refuse_if_incomplete(data.session)  # again, inside the transaction
        clinic = clinic_row(s)
        ca_pem = clinic.ca_cert_pem
        if ca_pem is None:
            raise NotFound(words("This clinic has no signing authority."))
        head_seq, head_hash = audit.current_head(s)
        now = app.now()
        block = SignatureBlock(signer_name=user.full_name, credentials=user.credentials,
                               signed_at=now, meaning=what, comment=note,
                               audit_head_seq=head_seq, audit_head_hash=head_hash,
                               certificate_fingerprint=cert_fingerprint(signer.cert_pem),
                               username=user.username, qualifier=user.name_qualifier,
                               certificate_serial=str(signer.cert.serial_number),
                               certificate_issued_at=signer.cert.not_valid_before_utc,
                               certificate_issued_by=issued[1] if issued else "")
        pdf = _signed_pdf(data, block, signer, ca_pem, size, clinic.crl_der,
                          clinic.tsa_url or "", clinic.tsa_cert_pem)
        digest = hashlib.sha256(pdf).hexdigest()
        add = data.current_addendum
        before = snapshot(sess)
        s.add(SignedRecord(session_id=sess.id, record_version=sess.record_version,
                           pdf_bytes=pdf, sha256=digest, signer_id=user.id, meaning=what,
                           comment=note, signed_at=now,
                           supersedes_version=add.supersedes_version if add else None,
                           addendum_reason=add.reason if add else None,
                           audit_head_seq=head_seq, audit_head_hash=head_hash))
        transition(app, s, user, sess, SessionState.SIGNED, what)
        sess.signed_at = now
        after = {"record_version": sess.record_version, "sha256": digest,
                 "meaning": what, "comment": note, "audit_head_seq": head_seq,
                 "audit_head_hash": head_hash, "bytes": len(pdf)}
        if sitting is not None:
            after["sitting"] = sitting
        record(app, s, user, "record.sign", "session", sess.id, session_id=sess.id,
               patient_id=sess.patient_id, before=before, after=after)
        info = SignedRecordInfo(session_id=sess.id, record_version=sess.record_version,
                                sha256=digest, signer_name=user.full_name, meaning=what,
                                comment=note, signed_at=now,
                                supersedes_version=add.supersedes_version if add else None,
                                addendum_reason=add.reason if add else None)
    log.info("record signed: session %s version %s by user %s", info.session_id,
             info.record_version, actor.id)
    app.notify("session", session_id)
    return info


def open_addendum(app: Chairlog, actor: UserInfo, session_id: int, reason: str,
                  expected_version: int | None = None) -> SessionView:
    """Reopen a signed record for an addendum (nurse or physician). The signed version stays
    stored unchanged; new entries belong to version N+1, which must be signed again."""
    why = text_field("reason", reason, required=True, max_chars=1000,
                     label=words("reason for the addendum"))
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("open an addendum"))
        sess = session_for_write(s, session_id, expected_version, chartable=False)
        state = SessionState(sess.state)
        if state is SessionState.AMENDING:
            raise StateError(words("An addendum is already open on this record; sign it first."))
        if state is not SessionState.SIGNED:
            raise StateError(words("Only a signed record takes an addendum; this one is {label} "
                                   "and can still be charted directly.",
                                   label=term(state.label.lower())))
        before = snapshot(sess)
        transition(app, s, user, sess, SessionState.AMENDING, why)
        sess.record_version += 1
        record(app, s, user, "record.addendum.open", "session", sess.id, session_id=sess.id,
               patient_id=sess.patient_id, before=before,
               after={"record_version": sess.record_version, "supersedes_version":
                      sess.record_version - 1}, reason=why)
        s.flush()
        view = load_view(s, sess)
    app.notify("session", session_id)
    return view


def sign_for_demo(app: Chairlog, actor: UserInfo, session_id: int,
                  password: str) -> SignedRecordInfo:
    """The demo data's signer (``demo.fill_demo(app, sign=sign_for_demo)``)."""
    return sign_session(app, actor, session_id, password, meaning=DEFAULT_MEANING,
                        comment="Demo record, signed when the demo clinic was created.")
