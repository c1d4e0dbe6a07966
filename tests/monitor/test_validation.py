"""The nurse's validation: a pending set becomes a normal vitals entry (record_vitals), or is
rejected with a reason; older sets cleared in one audited action; roles."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from chairlog.errors import NotFound, PermissionDenied, StateError, ValidationError
from chairlog.services import accounts, audit_log, views
from chairlog.services import monitor as mon
from chairlog.services.monitor_ingest import receive
from tests.conftest import PASSWORDS
from tests.monitor import samples as S
from tests.monitor.conftest import Bedside, hl7_time

DEV = "080019FFFE0B4020"


def pending(b: Bedside, *, hr: str = "80", ago_s: int = 30, control: str = "M1") -> int:
    if not any(d.device == DEV for d in mon.list_devices(b.app)):
        receive(b.app, S.ge_b40(control="PROBE", when=hl7_time(b.now())))
        mon.bind_device(b.app, b.admin, DEV, b.chair_id)
    out = receive(b.app, S.ge_b40(control=control, hr=hr,
                                  when=hl7_time(b.now() - timedelta(seconds=ago_s))))
    assert out.code == "AA", out.text
    assert out.pending_id is not None
    return out.pending_id


def test_validate_as_is_charts_at_observed_time_by_the_nurse(bedside: Bedside) -> None:
    b = bedside
    pid = pending(b, ago_s=40)
    b.c.clock.advance(minutes=20)  # validated 20 min later: a late entry
    res = mon.validate_pending(b.app, b.nurse, pid)
    e = res.entry
    assert e.charted_at == b.now() - timedelta(minutes=20, seconds=40)
    assert e.recorded_at == b.now() and e.is_late
    assert e.user_name.startswith("Nina Nurse")
    assert (e.data["hr"], e.data["sbp"], e.data["dbp"], e.data["spo2"], e.data["rr"],
            e.data["etco2"], e.data["temp_c"]) == (80, 122, 85, 98, 16, 43, 37.3)
    assert "source: monitor 080019FFFE0B4020, control id M1" in e.summary
    [p] = mon.list_pending(b.app)
    assert p.state == "validated" and p.entry_id == e.id and p.edited is None
    rows = audit_log.list_audit(b.app, b.admin, limit=20)
    actions = [r.action for r in rows]
    assert "monitor.validate" in actions and "entry.create.vitals" in actions
    create = next(r for r in rows if r.action == "entry.create.vitals")
    assert create.after is not None and create.after["text"].startswith("monitor 080019FFFE0B4020")
    with pytest.raises(StateError):
        mon.validate_pending(b.app, b.nurse, pid)
    assert len([x for x in views.get_session(b.app, b.session.id).entries
                if x.kind.value == "vitals"]) == 2  # the baseline and this one


def test_edited_values_are_nurse_entered_with_the_device_value_kept(bedside: Bedside) -> None:
    b = bedside
    pid = pending(b)
    res = mon.validate_pending(b.app, b.nurse, pid, {"hr": "76", "temp_c": None,
                                                     "rhythm": "sinus"})
    d = res.entry.data
    assert d["hr"] == 76 and d["temp_c"] is None and d["rhythm"] == "sinus"
    assert "nurse-entered: hr 76 (monitor: 80), temp_c blank (monitor: 37.3)" in d["text"]
    [p] = mon.list_pending(b.app)
    assert p.values["hr"] == 80  # what the monitor sent stays
    assert p.edited == {"hr": {"monitor": 80, "nurse": "76"},
                        "temp_c": {"monitor": 37.3, "nurse": None}}


def test_validation_goes_through_record_vitals_rules(bedside: Bedside) -> None:
    b = bedside
    pid = pending(b, hr="190")  # beyond the protocol's alert threshold: saved, alerted on charting
    assert views.get_session(b.app, b.session.id).alerts == ()
    with pytest.raises(ValidationError) as e:  # plausibility of the nurse's edit
        mon.validate_pending(b.app, b.nurse, pid, {"hr": "400"})
    assert e.value.field == "hr"
    with pytest.raises(ValidationError) as e:
        mon.validate_pending(b.app, b.nurse, pid, {"temp": "37"})
    assert e.value.field == "temp"
    assert mon.list_pending(b.app)[0].state == "pending"  # nothing written by the refusals
    res = mon.validate_pending(b.app, b.nurse, pid)
    assert [a.code for a in res.alerts] == ["hr_high"]


def test_missing_required_value_filled_by_the_nurse(bedside: Bedside) -> None:
    b = bedside
    receive(b.app, S.mindray_pds())
    key = "bed:ICU&1&3232237756&4601&&1"
    mon.bind_device(b.app, b.nurse, key, b.chair_id)
    b.c.clock.advance(minutes=6)
    raw = S.mindray_pds().replace(b"20260302144010", b"20260302151010")
    pid = receive(b.app, raw).pending_id
    assert pid is not None
    with pytest.raises(ValidationError) as e:
        mon.validate_pending(b.app, b.nurse, pid)
    assert e.value.field == "rr"
    res = mon.validate_pending(b.app, b.nurse, pid, {"rr": 14})
    assert res.entry.data["rr"] == 14 and "rr 14 (monitor: none)" in res.entry.data["text"]


def test_reject_with_reason_and_roles(bedside: Bedside) -> None:
    b = bedside
    pid = pending(b)
    with pytest.raises(ValidationError):
        mon.reject_pending(b.app, b.nurse, pid, "  ")
    with pytest.raises(PermissionDenied):
        mon.reject_pending(b.app, b.admin, pid, "artefact")
    with pytest.raises(PermissionDenied):
        mon.validate_pending(b.app, b.admin, pid)
    info = mon.reject_pending(b.app, b.nurse, pid, "patient moving: artefact")
    assert info.state == "rejected" and info.reason == "patient moving: artefact"
    with pytest.raises(StateError):
        mon.validate_pending(b.app, b.nurse, pid)
    with pytest.raises(NotFound):
        mon.reject_pending(b.app, b.nurse, 999_999, "x")
    doc = accounts.login(b.app, "drlee", PASSWORDS["drlee"])
    pid2 = pending(b, control="M2")
    assert mon.validate_pending(b.app, doc, pid2).entry.user_name.startswith("Lee")
    rows = audit_log.list_audit(b.app, b.admin, limit=50)
    rej = next(r for r in rows if r.action == "monitor.reject")
    assert rej.reason == "patient moving: artefact" and rej.user_id == b.nurse.id


def test_clear_older_keeps_the_newest_in_one_audited_action(bedside: Bedside) -> None:
    b = bedside
    ids = [pending(b, control=f"C{i}", ago_s=50 - i * 10) for i in range(4)]
    assert mon.clear_older_pending(b.app, b.nurse, b.chair_id) == 3
    by_id = {p.id: p for p in mon.list_pending(b.app)}
    assert by_id[ids[3]].state == "pending"
    assert all(by_id[i].state == "rejected" for i in ids[:3])
    clears = [r for r in audit_log.list_audit(b.app, b.admin, limit=50)
              if r.action == "monitor.clear"]
    assert len(clears) == 1 and clears[0].before is not None
    assert sorted(clears[0].before["ids"]) == sorted(ids[:3])
    assert mon.clear_older_pending(b.app, b.nurse, b.chair_id) == 0


def test_bind_unbind_audited_and_unbound_refused(bedside: Bedside) -> None:
    b = bedside
    pending(b)
    with pytest.raises(ValidationError):
        mon.bind_device(b.app, b.nurse, "never-seen", b.chair_id)
    with pytest.raises(ValidationError):
        mon.bind_device(b.app, b.nurse, DEV, 999)
    with pytest.raises(StateError):
        mon.bind_device(b.app, b.nurse, DEV, b.chair_id)
    doc = accounts.login(b.app, "drlee", PASSWORDS["drlee"])
    with pytest.raises(PermissionDenied):
        mon.bind_device(b.app, doc, DEV, b.c.chairs[1].id)
    mon.unbind_device(b.app, b.nurse, DEV)
    with pytest.raises(StateError):
        mon.unbind_device(b.app, b.nurse, DEV)
    out = receive(b.app, S.ge_b40(control="AFTER", when=hl7_time(b.now())))
    assert out.code == "AE"
    assert len(mon.list_pending(b.app)) == 1
    acts = [r.action for r in audit_log.list_audit(b.app, b.admin, limit=50)]
    assert acts.count("monitor.bind") == 1 and acts.count("monitor.unbind") == 1


def test_ended_session_refuses_new_messages_but_its_sets_can_be_charted(bedside: Bedside) -> None:
    """A set observed while the session ran may still be validated (like any entry charted
    late, inside the session's window); the monitor's next message is refused."""
    from chairlog.services import sessions

    b = bedside
    pid = pending(b)
    sessions.stop_early(b.app, b.nurse, b.session.id, "patient asked to stop")
    res = mon.validate_pending(b.app, b.nurse, pid)
    assert res.entry.charted_at < res.session.stopped_early_at
    # no running session on the chair any more: the monitor's next message is refused
    out = receive(b.app, S.ge_b40(control="LATE", when=hl7_time(b.now())))
    assert out.code == "AE" and out.text == "no running session on Chair 1"


def test_list_pending_filters(bedside: Bedside) -> None:
    b = bedside
    pending(b)
    assert len(mon.list_pending(b.app, chair_id=b.chair_id)) == 1
    assert mon.list_pending(b.app, chair_id=b.c.chairs[1].id) == []
    assert len(mon.list_pending(b.app, session_id=b.session.id, state="pending")) == 1
    with pytest.raises(ValidationError):
        mon.list_pending(b.app, state="done")
    with pytest.raises(ValidationError):
        mon.list_pending(b.app, chair_id=0)


def test_record_pdf_shows_the_source_and_never_a_pending_set(bedside: Bedside,
                                                             tmp_path: Path) -> None:
    from chairlog.services import records
    from tests.record_helpers import flat, pdf_text

    b = bedside
    pid = pending(b, hr="88", control="PDF1")
    pending(b, hr="133", control="PDF2")  # stays pending: never in the record
    mon.validate_pending(b.app, b.nurse, pid)
    text = flat(pdf_text(records.export_record(b.app, b.session.id), tmp_path))
    assert "HR 88" in text and "monitor 080019FFFE0B4020, control id PDF1" in text
    assert "HR 133" not in text and "PDF2" not in text
