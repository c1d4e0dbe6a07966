"""Interoperable exports: a session as a FHIR R4 Bundle (and who may take data out).

Decisions:
- Who may export: a session's FHIR Bundle and a patient's series report, any active nurse,
  physician or admin (they see the same record in the window); the clinic-wide CSV set, a
  physician or an admin only (bulk data). The actor is the signed-in user returned by
  ``accounts.login``; every export writes one audit row (``export.fhir``, ``export.csv``,
  ``export.series``) in its own write transaction: who, which session / range / patient,
  how many resources or rows, the SHA-256 of what was handed out.
- The DocumentReference describes the exact bytes ``chairlog export`` writes for the session
  (``records.export_record``: the stored signed PDF, else the unsigned draft); ``version=N``
  describes signed version N instead (``records.get_signed_pdf``). The clinical resources are
  always the record's current content; earlier signed versions appear as superseded
  DocumentReferences (hash and size, no data) that the current one ``replaces``.
- Unknown sessions, versions, patients: ``NotFound`` (the CLI prints one line, exit 2).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select

from chairlog.db.models import InfusionSession, SignedRecord, User
from chairlog.domain import Role, SessionView, UserInfo
from chairlog.errors import NotFound, ValidationError
from chairlog.reports.model import record_id
from chairlog.services import records
from chairlog.services.accounts import clinic_info
from chairlog.services.context import Chairlog, clinic_row, record, require_user
from chairlog.services.fhir import build_bundle
from chairlog.services.fhir_base import DocumentInfo, FhirInput, Person, devices_of
from chairlog.services.views import load_view
from chairlog.words import words

EXPORT_ROLES = frozenset({Role.NURSE, Role.PHYSICIAN, Role.ADMIN})
BULK_ROLES = frozenset({Role.PHYSICIAN, Role.ADMIN})


@dataclass(frozen=True)
class FhirExport:
    """A finished Bundle: its JSON bytes (UTF-8) and what is in it."""

    session_id: int
    record_id: str
    data: bytes
    resources: int
    document_version: int | None
    document_signed: bool


def _session_id(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError("session_id", value, words("a session number (1 or more)"),
                              words("session"))
    return value


def _people(app: Chairlog, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    with app.db.read() as s:
        rows = s.execute(select(User.id, User.username, User.full_name, User.credentials,
                                User.role).where(User.id.in_(ids)))
        return {r.id: Person(r.id, r.username, r.full_name, r.credentials, r.role)
                for r in rows}


def _signed_versions(app: Chairlog, session_id: int) -> list[tuple[int, int, object, str]]:
    with app.db.read() as s:
        return [(r.record_version, r.signer_id, r.signed_at, r.meaning) for r in s.execute(
            select(SignedRecord.record_version, SignedRecord.signer_id, SignedRecord.signed_at,
                   SignedRecord.meaning)
            .where(SignedRecord.session_id == session_id)
            .order_by(SignedRecord.record_version))]


def _documents(app: Chairlog, view: SessionView, version: int | None
               ) -> tuple[DocumentInfo, tuple[DocumentInfo, ...], set[int]]:
    signed = _signed_versions(app, view.id)
    signers = {int(sid) for _v, sid, _a, _m in signed}

    def info(v: int, sid: int, at: object, meaning: str) -> DocumentInfo:
        from datetime import datetime

        pdf = records.get_signed_pdf(app, view.id, v)
        return DocumentInfo(v, pdf, True, sid, at if isinstance(at, datetime) else None, meaning)

    if version is not None:
        chosen = [row for row in signed if row[0] == version]
        if not chosen:
            records.get_signed_pdf(app, view.id, version)  # raises the one-line NotFound
        current = info(*chosen[0])
        earlier = tuple(info(*row) for row in signed if row[0] < version)
        return current, earlier, signers
    pdf = records.export_record(app, view.id)
    digest = hashlib.sha256(pdf).hexdigest()
    match = [row for row in signed if records_sha(app, view.id, row[0]) == digest]
    if match:
        current = info(*match[-1])
        earlier = tuple(info(*row) for row in signed if row[0] < current.version)
    else:
        current = DocumentInfo(view.record_version, pdf, False)
        earlier = tuple(info(*row) for row in signed)
    return current, earlier, signers


def records_sha(app: Chairlog, session_id: int, version: int) -> str:
    with app.db.read() as s:
        return str(s.scalar(select(SignedRecord.sha256).where(
            SignedRecord.session_id == session_id, SignedRecord.record_version == version)))


def fhir_input(app: Chairlog, session_id: int, version: int | None = None) -> FhirInput:
    """Everything the Bundle is built from (read-only; no audit row)."""
    session_id = _session_id(session_id)
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)
                                or version < 1):
        raise ValidationError("version", version, words("a record version (1 or more)"),
                              words("version"))
    with app.db.read() as s:
        sess = s.get(InfusionSession, session_id)
        if sess is None:
            raise NotFound(words("No session {session_id}.", session_id=session_id))
        view = load_view(s, sess)
        clinic = clinic_info(clinic_row(s))
        nurse_id = sess.nurse_id
    doc, earlier, signers = _documents(app, view, version)
    ids = {nurse_id} | signers
    for e in view.entries:
        ids.add(e.user_id)
        if e.checked_by_id is not None:  # an override's second clinician (a performer)
            ids.add(e.checked_by_id)
    return FhirInput(clinic=clinic, view=view, people=_people(app, ids), nurse_id=nurse_id,
                     document=doc, earlier=earlier, as_of=app.now(), devices=devices_of(view))


def export_fhir(app: Chairlog, actor: UserInfo, session_id: int, *,
                version: int | None = None) -> FhirExport:
    """The session's record as one FHIR R4 Bundle (type collection), audited."""
    with app.db.read() as s:
        require_user(s, actor, EXPORT_ROLES, words("export a record"))
    inp = fhir_input(app, session_id, version)
    rid = record_id(inp.view.id)
    bundle = build_bundle(inp, rid, app.now())
    data = (json.dumps(bundle, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    count = len(bundle["entry"])
    doc = inp.document
    with app.db.write() as s:
        user = require_user(s, actor, EXPORT_ROLES, words("export a record"))
        record(app, s, user, "export.fhir", "session", inp.view.id,
               after={"record": rid, "format": "FHIR R4 Bundle", "resources": count,
                      "document_version": doc.version if doc else None,
                      "document_signed": bool(doc and doc.signed),
                      "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)},
               session_id=inp.view.id, patient_id=inp.view.patient.id)
    return FhirExport(inp.view.id, rid, data, count, doc.version if doc else None,
                      bool(doc and doc.signed))
