"""An acknowledgement that says "repeat in N min" moves the vitals countdown (issue 13, point 5):
the next set is due by then if that is sooner than the protocol's interval, until a set is
charted after the acknowledgement."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chairlog.clinical.clock import SessionTimes, read_clock
from chairlog.errors import ValidationError
from chairlog.services import charting, doses, views
from tests.conftest import Clinic, ready_to_infuse

HIGH_HR = {"hr": 130, "sbp": 126, "dbp": 80, "spo2": 97, "rr": 16}
NORMAL = {"hr": 80, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def due_at(c: Clinic, sid: int) -> datetime | None:
    v = views.get_session(c.app, sid)
    return read_clock(v.clock_inputs, c.clock.now()).next_vitals_due_at


def alerted(c: Clinic) -> tuple[int, Any]:
    s = ready_to_infuse(c)
    doses.start_infusion(c.app, c.nurse, s.id, 0.5)
    c.clock.advance(minutes=15)
    saved = charting.record_vitals(c.app, c.nurse, s.id, HIGH_HR)
    assert saved.alerts
    return s.id, saved.alerts[0]


def test_repeat_in_five_minutes_moves_the_countdown_until_the_next_set(clinic: Clinic) -> None:
    sid, alert = alerted(clinic)
    regular = due_at(clinic, sid)
    assert regular == clinic.clock.now() + timedelta(minutes=15)
    clinic.clock.advance(minutes=2)
    acked = charting.acknowledge_alert(clinic.app, clinic.nurse, alert.id,
                                       "Rechecked — repeat in 5 min", recheck_in_min=5)
    assert acked.recheck_at == acked.acknowledged_at + timedelta(minutes=5)
    assert due_at(clinic, sid) == clinic.clock.now() + timedelta(minutes=5)
    clinic.clock.advance(minutes=5)
    charting.record_vitals(clinic.app, clinic.nurse, sid, NORMAL)  # the recheck is answered
    assert due_at(clinic, sid) == clinic.clock.now() + timedelta(minutes=15)


def test_an_acknowledgement_without_a_recheck_leaves_the_countdown(clinic: Clinic) -> None:
    sid, alert = alerted(clinic)
    before = due_at(clinic, sid)
    acked = charting.acknowledge_alert(clinic.app, clinic.nurse, alert.id, "Physician notified")
    assert acked.recheck_at is None and due_at(clinic, sid) == before


@pytest.mark.parametrize("minutes", [0, 61, -5, True, "5", 2.5, float("nan")])
def test_a_bad_recheck_is_refused_and_the_alert_stays_open(clinic: Clinic, minutes: Any) -> None:
    sid, alert = alerted(clinic)
    with pytest.raises(ValidationError) as e:
        charting.acknowledge_alert(clinic.app, clinic.nurse, alert.id, "Rechecked",
                                   recheck_in_min=minutes)
    assert e.value.field == "recheck_in_min"
    assert [a.id for a in views.get_session(clinic.app, sid).open_alerts] == [alert.id]


def _times(**kw: Any) -> SessionTimes:
    base: dict[str, Any] = dict(infusion_started_at=T0, infusion_stopped_at=None,
                                planned_duration_min=240, min_monitoring_min=60,
                                vitals_interval_min=15, vitals_interval_after_min=15,
                                last_vitals_at=T0 + timedelta(minutes=30))
    return SessionTimes(**(base | kw))


@pytest.mark.sqlite_only
def test_a_recheck_only_ever_brings_the_set_forward() -> None:
    now = T0 + timedelta(minutes=32)
    regular = read_clock(_times(), now).next_vitals_due_at
    assert regular == T0 + timedelta(minutes=45)
    sooner = read_clock(_times(recheck_at=T0 + timedelta(minutes=37)), now).next_vitals_due_at
    assert sooner == T0 + timedelta(minutes=37)
    later = read_clock(_times(recheck_at=T0 + timedelta(minutes=50)), now).next_vitals_due_at
    assert later == regular
    # no countdown (before the start): a recheck does not invent one
    idle = _times(infusion_started_at=None, last_vitals_at=None, vitals_interval_min=0)
    assert read_clock(replace(idle, recheck_at=T0), now).next_vitals_due_at is None
