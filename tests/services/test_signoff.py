"""Physician sign-off: who may sign, what a complete record is, the signed PDF (verified by
chairlog and by poppler's pdfsig), the lock after signing, addenda, and the demo data."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from chairlog.clinical.states import SessionState
from chairlog.db import audit
from chairlog.db.models import AuditLog, SignedRecord
from chairlog.domain import EntryKind
from chairlog.errors import AuthenticationError, PermissionDenied, StateError, ValidationError
from chairlog.reports.model import local_time, record_id
from chairlog.services import (
    charting,
    corrections,
    doses,
    keys,
    records,
    sessions,
    signoff,
    views,
)
from tests import template_steps
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse
from tests.record_helpers import discharged_session, flat, flip, nss_db, pdf_text, poppler

needs_poppler = pytest.mark.skipif(
    shutil.which("pdfsig") is None or shutil.which("certutil") is None,
    reason="poppler-utils (pdfsig) and libnss3-tools (certutil) are needed")

DOC_PW = PASSWORDS["drlee"]


def _sign_one(clinic: Clinic) -> tuple[int, Any]:
    sid = discharged_session(clinic)
    clinic.clock.advance(hours=1)
    info = signoff.sign_session(clinic.app, clinic.physician, sid, DOC_PW,
                                comment="Uneventful session; continue series.")
    return sid, info


#: the clinic after ``_sign_one``, copied from a template made once per process
signed = template_steps.fixture("signed", _sign_one)


def test_sign_verifies_with_chairlog(clinic: Clinic, signed: tuple[int, Any]) -> None:
    sid, info = signed
    assert info.record_version == 1 and info.signer_name == "Lee Žukauskas"
    assert info.meaning == signoff.DEFAULT_MEANING
    pdf = records.get_signed_pdf(clinic.app, sid)
    result = records.verify_record_pdf(clinic.app, pdf)
    assert result.ok, result.reason
    assert result.intact and result.trusted and result.covers_whole_file and result.certified
    assert result.signer_name == "Lee Žukauskas, MD"
    assert result.meaning == signoff.DEFAULT_MEANING
    assert result.signing_time == info.signed_at
    assert (result.record_id, result.record_version) == (record_id(sid), 1)
    assert result.stored_as == (sid, 1)
    view = views.get_session(clinic.app, sid)
    assert view.state is SessionState.SIGNED and view.signed_at == info.signed_at
    assert [r.sha256 for r in view.signed_records] == [info.sha256]


@needs_poppler
def test_pdfsig_reports_valid_whole_document_trusted(clinic: Clinic, signed: tuple[int, Any],
                                                     tmp_path: Path) -> None:
    sid, _ = signed
    pdf = records.get_signed_pdf(clinic.app, sid)
    db = nss_db(tmp_path, keys.clinic_ca_pem(clinic.app))
    out = poppler("pdfsig", pdf, tmp_path, "-nssdir", f"sql:{db}")
    assert "Signature Validation: Signature is Valid." in out
    assert "Certificate Validation: Certificate is Trusted." in out
    assert "Total document signed" in out and "Not total document signed" not in out
    assert "Signature Type: ETSI.CAdES.detached" in out


@needs_poppler
def test_one_changed_byte_fails_chairlog_and_pdfsig(clinic: Clinic, signed: tuple[int, Any],
                                                    tmp_path: Path) -> None:
    sid, _ = signed
    pdf = records.get_signed_pdf(clinic.app, sid)
    db = nss_db(tmp_path, keys.clinic_ca_pem(clinic.app))
    for position in (len(pdf) // 3, len(pdf) - 10):
        bad = flip(pdf, position)
        assert not records.verify_record_pdf(clinic.app, bad).ok
        out = poppler("pdfsig", bad, tmp_path, "-nssdir", f"sql:{db}")
        assert "Signature Validation: Signature is Valid." not in out


def test_pdf_text_shows_signature_block(clinic: Clinic, signed: tuple[int, Any],
                                        tmp_path: Path) -> None:
    sid, info = signed
    text = flat(pdf_text(records.get_signed_pdf(clinic.app, sid), tmp_path))
    when = local_time(info.signed_at, records.record_data(clinic.app, sid).tz, with_date=True)
    assert "Lee Žukauskas, MD" in text
    assert when in text and when.endswith("+01:00")
    assert "Reviewed and approved" in text
    assert "Uneventful session; continue series." in text
    assert f"{record_id(sid)}, version 1" in text
    assert "UNSIGNED DRAFT" not in text
    with clinic.app.db.read() as s:
        row = s.scalars(select(SignedRecord)).one()
    assert f"entry {row.audit_head_seq}, {row.audit_head_hash}" in text


def test_signed_record_is_stored_with_audit_head_and_reexports_identically(
        clinic: Clinic, signed: tuple[int, Any]) -> None:
    sid, info = signed
    stored = records.get_signed_pdf(clinic.app, sid)
    assert records.export_record(clinic.app, sid) == stored
    assert records.export_record(clinic.app, sid, paper="Letter") == stored
    with clinic.app.db.read() as s:
        row = s.scalars(select(SignedRecord)).one()
        sign_row = s.scalars(select(AuditLog).where(AuditLog.action == "record.sign")).one()
        report = audit.verify_chain(s)
    import hashlib

    assert row.sha256 == hashlib.sha256(stored).hexdigest() == info.sha256
    assert sign_row.seq > row.audit_head_seq  # the head before the sign row, anchored
    assert report.ok, report.problem


def test_signed_session_refuses_entries_and_corrections(clinic: Clinic,
                                                        signed: tuple[int, Any]) -> None:
    sid, _ = signed
    app, nurse = clinic.app, clinic.nurse
    entry = views.get_session(app, sid).active_entries(EntryKind.VITALS)[0]
    with pytest.raises(StateError):
        charting.record_vitals(app, nurse, sid, {"hr": 70, "sbp": 120, "dbp": 70, "spo2": 98,
                                                 "rr": 14})
    with pytest.raises(StateError):
        charting.add_note(app, nurse, sid, "late thought")
    with pytest.raises(StateError):
        corrections.correct_entry(app, nurse, entry.id, "typo", hr=80)
    with pytest.raises(StateError):
        corrections.mark_entered_in_error(app, nurse, entry.id, "wrong patient")
    with pytest.raises(ValidationError):  # "already signed" is a problem, not a crash
        signoff.sign_session(app, clinic.physician, sid, DOC_PW)


def test_only_physicians_sign(clinic: Clinic) -> None:
    sid = discharged_session(clinic, extras=False)
    for who, pw in ((clinic.nurse, PASSWORDS["nina"]), (clinic.admin, PASSWORDS["admin"])):
        with pytest.raises(PermissionDenied):
            signoff.sign_session(clinic.app, who, sid, pw)
    assert views.get_session(clinic.app, sid).state is SessionState.DISCHARGED


def test_wrong_password_cannot_sign_and_is_audited(clinic: Clinic) -> None:
    sid = discharged_session(clinic, extras=False)
    with pytest.raises(AuthenticationError):
        signoff.sign_session(clinic.app, clinic.physician, sid, "not-my-password")
    assert views.get_session(clinic.app, sid).state is SessionState.DISCHARGED
    with clinic.app.db.read() as s:
        assert s.scalars(select(SignedRecord)).first() is None
        refused = s.scalars(select(AuditLog).where(AuditLog.action == "record.sign.refused")).one()
    assert refused.reason == "wrong password" and refused.session_id == sid


def test_incomplete_records_list_their_problems(clinic: Clinic) -> None:
    app, nurse = clinic.app, clinic.nurse
    s = ready_to_infuse(clinic)
    assert "no infusion was given" in signoff.signing_problems(app, s.id)[0]
    doses.start_infusion(app, nurse, s.id, 0.5)
    clinic.clock.advance(minutes=30)
    res = charting.record_vitals(app, nurse, s.id, {"hr": 130, "sbp": 125, "dbp": 80,
                                                    "spo2": 97, "rr": 14})
    problems = signoff.signing_problems(app, s.id)
    assert "The infusion has not been stopped." in problems
    assert "The patient's discharge is not recorded." in problems
    assert any("1 alert(s) not acknowledged: Heart rate 130" in p for p in problems)
    with pytest.raises(ValidationError) as err:
        signoff.sign_session(app, clinic.physician, s.id, DOC_PW)
    assert err.value.problems == problems  # type: ignore[attr-defined]
    assert "The infusion has not been stopped." in str(err.value)
    doses.stop_infusion(app, nurse, s.id)
    clinic.clock.advance(minutes=60)
    charting.record_assessment(app, nurse, s.id, "aldrete", items=[2, 2, 2, 2, 1])
    charting.discharge(app, nurse, s.id, criteria={k: True for k in charting.DISCHARGE_CRITERIA},
                       escort_name="Tom", instructions_given=True)
    assert signoff.signing_problems(app, s.id) == [
        "1 alert(s) not acknowledged: Heart rate 130 > 120/min."]
    charting.acknowledge_alert(app, nurse, res.alerts[0].id, "Rechecked: 96, anxious")
    assert signoff.signing_problems(app, s.id) == []


def test_stopped_early_needs_only_the_reason(clinic: Clinic) -> None:
    app = clinic.app
    s = sessions.start_session(app, clinic.nurse, patient_id=clinic.patient2.id,
                               chair_id=clinic.chairs[1].id,
                               protocol_id=clinic.protocols["chronic-pain-titrated"].id,
                               weight_kg=70)
    charting.record_vitals(app, clinic.nurse, s.id, {"hr": 96, "sbp": 188, "dbp": 114,
                                                     "spo2": 97, "rr": 16})
    sessions.stop_early(app, clinic.nurse, s.id, "BP 188/114: rescheduled")
    assert signoff.signing_problems(app, s.id) == []  # unacknowledged alerts do not block
    info = signoff.sign_session(app, clinic.physician, s.id, DOC_PW)
    assert records.verify_record_pdf(app, records.get_signed_pdf(app, s.id)).ok
    assert info.record_version == 1


def test_addendum_signs_version_two_and_keeps_version_one(clinic: Clinic,
                                                          signed: tuple[int, Any],
                                                          tmp_path: Path) -> None:
    sid, first = signed
    app = clinic.app
    v1 = records.get_signed_pdf(app, sid)
    with pytest.raises(StateError):
        charting.add_note(app, clinic.nurse, sid, "too late")
    view = signoff.open_addendum(app, clinic.nurse, sid, "Escort's phone number was missing")
    assert view.state is SessionState.AMENDING and view.record_version == 2
    with pytest.raises(StateError):
        signoff.open_addendum(app, clinic.nurse, sid, "again")
    clinic.clock.advance(minutes=10)
    note = charting.add_note(app, clinic.nurse, sid, "Escort phone: +49 30 1234567")
    assert note.entry.record_version == 2
    draft = records.export_record(app, sid)
    label = records.read_label(draft)
    assert label is not None and label.version == 2 and not label.signed
    clinic.clock.advance(minutes=5)
    second = signoff.sign_session(app, clinic.physician, sid, DOC_PW,
                                  meaning="Reviewed and approved (addendum)")
    assert (second.record_version, second.supersedes_version) == (2, 1)
    assert second.addendum_reason == "Escort's phone number was missing"
    v2 = records.get_signed_pdf(app, sid)
    assert records.export_record(app, sid) == v2 != v1
    assert records.get_signed_pdf(app, sid, version=1) == v1
    for pdf, version in ((v1, 1), (v2, 2)):
        result = records.verify_record_pdf(app, pdf)
        assert result.ok and result.record_version == version
    text = flat(pdf_text(v2, tmp_path))
    assert "Addendum — supersedes version 1: Escort's phone number was missing" in text
    assert "Escort phone: +49 30 1234567" in text and "addendum (version 2)" in text
    assert "Earlier signed versions of this record" in text
    assert "Signed version 1: Reviewed and approved Lee Žukauskas, MD" in text
    assert first.sha256[:32] in text and first.sha256[32:] in text
    assert "Addendum" not in flat(pdf_text(v1, tmp_path))
    assert views.get_session(app, sid).state is SessionState.SIGNED


def test_admin_cannot_open_addendum(clinic: Clinic, signed: tuple[int, Any]) -> None:
    sid, _ = signed
    with pytest.raises(PermissionDenied):
        signoff.open_addendum(clinic.app, clinic.admin, sid, "admin edit")
    with pytest.raises(ValidationError):
        signoff.open_addendum(clinic.app, clinic.nurse, sid, "   ")


def test_demo_data_has_one_signed_verifiable_session(app: Any) -> None:
    from chairlog.services import demo
    from chairlog.services.views import list_sessions

    demo.fill_demo(app, sign=signoff.sign_for_demo)
    signed_rows = [r for r in list_sessions(app) if r.state is SessionState.SIGNED]
    assert len(signed_rows) == 1
    pdf = records.export_record(app, signed_rows[0].id)
    result = records.verify_record_pdf(app, pdf)
    assert result.ok and result.signer_name == "Chiamaka Okafor, MD"
