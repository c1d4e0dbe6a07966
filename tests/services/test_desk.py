"""The physician's desk (issue 13 point 8): records returned to the nurse, signing sittings
(username and password once, each record signed on its own) and deviation counts."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from chairlog.clinical.states import SessionState
from chairlog.db.models import AuditLog, SignedRecord
from chairlog.errors import AuthenticationError, PermissionDenied, StateError, ValidationError
from chairlog.services import charting, deviations, records, returns, signoff, sitting, views
from tests.conftest import PASSWORDS, Clinic
from tests.record_helpers import discharged_session

DOC_PW = PASSWORDS["drlee"]


def _audit(c: Clinic, action: str) -> list[AuditLog]:
    with c.app.db.read() as s:
        rows = list(s.scalars(select(AuditLog).where(AuditLog.action == action)
                              .order_by(AuditLog.seq)))
        s.expunge_all()
        return rows


def test_return_to_nurse_and_back_to_the_queue(clinic: Clinic) -> None:
    app = clinic.app
    sid = discharged_session(clinic)
    assert [q.id for q in views.signing_queue(app)] == [sid]
    with pytest.raises(PermissionDenied):
        returns.return_to_nurse(app, clinic.nurse, sid, "Pain score missing")
    with pytest.raises(ValidationError):
        returns.return_to_nurse(app, clinic.physician, sid, "   ")
    view = returns.return_to_nurse(app, clinic.physician, sid, "Post-infusion pain score missing")
    assert view.returned is not None
    assert view.returned.text == "Returned by Lee Žukauskas, MD: Post-infusion pain score missing"
    assert view.state is SessionState.DISCHARGED  # still chartable by the nurse
    assert views.signing_queue(app) == []
    assert [r.note.session_id for r in returns.open_returns(app)] == [sid]
    assert returns.open_returns(app)[0].chair_id == clinic.chairs[0].id
    problems = signoff.signing_problems(app, sid)
    assert any("Returned by Lee Žukauskas" in p for p in problems)
    with pytest.raises(ValidationError):
        signoff.sign_session(app, clinic.physician, sid, DOC_PW)
    with pytest.raises(StateError):
        returns.return_to_nurse(app, clinic.physician, sid, "again")
    # the nurse adds what was asked and marks it ready
    charting.record_assessment(app, clinic.nurse, sid, "pain_nrs", 3, phase="after")
    back = returns.mark_ready(app, clinic.nurse, sid, "Pain score added")
    assert back.returned is None
    assert [q.id for q in views.signing_queue(app)] == [sid]
    assert returns.open_returns(app) == []
    with pytest.raises(StateError):
        returns.mark_ready(app, clinic.nurse, sid)
    sent, ready = _audit(clinic, "record.return"), _audit(clinic, "record.return.ready")
    assert len(sent) == 1 and sent[0].reason == "Post-infusion pain score missing"
    assert sent[0].username == "drlee" and sent[0].session_id == sid
    assert len(ready) == 1 and ready[0].username == "nina"
    assert json.loads(ready[0].after_json or "{}")["note"] == "Pain score added"
    signoff.sign_session(app, clinic.physician, sid, DOC_PW)
    assert views.get_session(app, sid).state is SessionState.SIGNED


def test_only_a_record_awaiting_signature_is_returned(clinic: Clinic) -> None:
    from tests.conftest import ready_to_infuse

    s = ready_to_infuse(clinic)
    with pytest.raises(StateError):
        returns.return_to_nurse(clinic.app, clinic.physician, s.id, "Not finished")


def test_a_sitting_signs_several_records_with_one_password(clinic: Clinic) -> None:
    app = clinic.app
    a = discharged_session(clinic, chair=0, extras=False)
    b = discharged_session(clinic, patient=clinic.patient2, chair=1, extras=False)
    with pytest.raises(AuthenticationError):
        sitting.open_sitting(app, clinic.physician, "nina", DOC_PW)
    with pytest.raises(AuthenticationError):
        sitting.open_sitting(app, clinic.physician, "drlee", "wrong-password")
    with pytest.raises(PermissionDenied):
        sitting.open_sitting(app, clinic.nurse, "nina", PASSWORDS["nina"])
    sit = sitting.open_sitting(app, clinic.physician, " DrLee ", DOC_PW)
    first = sitting.sign_in_sitting(app, sit, a, comment="First")
    clinic.clock.advance(minutes=9)
    second = sitting.sign_in_sitting(app, sit, b)
    assert (first.session_id, second.session_id) == (a, b)
    assert first.signed_at != second.signed_at
    for sid in (a, b):
        pdf = records.get_signed_pdf(app, sid)
        result = records.verify_record_pdf(app, pdf)
        assert result.ok and result.signer_name == "Lee Žukauskas, MD", result.reason
    with app.db.read() as s:
        assert len(list(s.scalars(select(SignedRecord)))) == 2
    signs = _audit(clinic, "record.sign")
    assert [r.session_id for r in signs] == [a, b]
    assert {json.loads(r.after_json or "{}")["sitting"] for r in signs} == {sit.id}
    opened = _audit(clinic, "record.sign.sitting.open")
    assert [json.loads(r.after_json or "{}")["sitting"] for r in opened] == [sit.id]
    refused = _audit(clinic, "record.sign.sitting.refused")
    assert len(refused) == 1 and refused[0].reason == "username is not the signed-in physician's"
    sitting.end_sitting(app, sit)
    sitting.end_sitting(app, sit)  # once is audited
    ended = _audit(clinic, "record.sign.sitting.end")
    assert len(ended) == 1 and json.loads(ended[0].after_json or "{}")["signed"] == [a, b]


def test_a_sitting_ends_after_ten_idle_minutes_and_on_close(clinic: Clinic) -> None:
    app = clinic.app
    a = discharged_session(clinic, chair=0, extras=False)
    b = discharged_session(clinic, patient=clinic.patient2, chair=1, extras=False)
    sit = sitting.open_sitting(app, clinic.physician, "drlee", DOC_PW)
    sitting.sign_in_sitting(app, sit, a)
    clinic.clock.advance(minutes=10, seconds=1)
    with pytest.raises(PermissionDenied, match="sitting has ended"):
        sitting.sign_in_sitting(app, sit, b)
    assert views.get_session(app, b).state is SessionState.DISCHARGED
    sit2 = sitting.open_sitting(app, clinic.physician, "drlee", DOC_PW)
    sit2.close()  # the screen locked
    with pytest.raises(PermissionDenied):
        sitting.sign_in_sitting(app, sit2, b)


def test_a_refused_record_does_not_end_the_sitting(clinic: Clinic) -> None:
    app = clinic.app
    a = discharged_session(clinic, chair=0, extras=False)
    b = discharged_session(clinic, patient=clinic.patient2, chair=1, extras=False)
    returns.return_to_nurse(app, clinic.physician, a, "Escort's name is wrong")
    sit = sitting.open_sitting(app, clinic.physician, "drlee", DOC_PW)
    with pytest.raises(ValidationError):
        sitting.sign_in_sitting(app, sit, a)
    assert sitting.sign_in_sitting(app, sit, b).session_id == b
    sitting.end_sitting(app, sit)


def test_deviation_counts_per_kind(clinic: Clinic) -> None:
    sid = discharged_session(clinic)
    counts = deviations.deviation_counts(clinic.app, [sid])[sid]
    devs = deviations.get_deviations(clinic.app, sid)
    assert sum(counts.values()) == len(devs)
    assert counts["correction"] == 1 and counts["entered_in_error"] == 1
    assert counts["late_entry"] == 1 and counts["alert"] >= 1
    text = deviations.counts_text(counts)
    assert "Correction ×1" in text and "Late entry ×1" in text
    assert deviations.counts_text({}) == "no deviations"
