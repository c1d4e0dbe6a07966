"""Bedside policy is protocol data (issue 12): discharge criteria, rescue-medication presets and
the board's two warning thresholds come from the session's protocol, are validated like every
other protocol value, and old protocols and sessions read with the defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chairlog.clinical.policy import (
    DEFAULT_DISCHARGE_CRITERIA,
    DEFAULT_RESCUE_MEDS,
    Criterion,
    RescueMed,
    rescue_preset,
)
from chairlog.clinical.protocol import ProtocolValues
from chairlog.errors import ValidationError
from chairlog.services import charting, doses, handover, protocols, records, sessions, views
from tests.conftest import Clinic, ready_to_infuse
from tests.record_helpers import pdf_text

VITALS = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}
OWN = {
    "discharge_criteria": [{"key": "ride_home", "label": "Ride home confirmed by phone"},
                           {"key": "eats", "label": "Has eaten and kept it down"}],
    "rescue_meds": [{"name": "Metoclopramide", "dose": 10, "unit": "mg", "route": "IV"}],
    "vitals_due_soon_min": 5,
    "dose_near_pct": 50,
    "min_monitoring_min": 0,
}


def own_protocol(c: Clinic) -> Any:
    base = c.protocols["chronic-pain-titrated"].values.to_dict()
    proto = protocols.save_protocol(c.app, c.admin, base | OWN | {"name": "Clinic policy"})
    c.protocols[proto.key] = proto
    return proto


def monitored_session(c: Clinic, proto: Any) -> int:
    s = ready_to_infuse(c, protocol=proto.key)
    c.clock.advance(minutes=5)
    doses.start_infusion(c.app, c.nurse, s.id, 0.5)
    c.clock.advance(minutes=15)
    charting.record_vitals(c.app, c.nurse, s.id, VITALS)
    doses.stop_infusion(c.app, c.nurse, s.id)
    c.clock.advance(minutes=5)
    charting.record_assessment(c.app, c.nurse, s.id, "aldrete", items=[2, 2, 2, 2, 2],
                               phase="discharge")
    return s.id


def test_a_protocol_carries_its_policy_into_the_session(clinic: Clinic) -> None:
    proto = own_protocol(clinic)
    sid = monitored_session(clinic, proto)
    p = views.get_session(clinic.app, sid).protocol
    assert p.discharge_criteria == (Criterion("ride_home", "Ride home confirmed by phone"),
                                    Criterion("eats", "Has eaten and kept it down"))
    assert p.rescue_meds == (RescueMed("Metoclopramide", 10.0, "mg", "IV"),)
    assert (p.vitals_due_soon_min, p.dose_near_pct) == (5, 50)
    assert rescue_preset(p.rescue_meds, "  metoclopramide ") == p.rescue_meds[0]
    assert rescue_preset(p.rescue_meds, "ondansetron") is None


def test_discharge_asks_the_sessions_protocol_criteria(clinic: Clinic, tmp_path: Path) -> None:
    app, n = clinic.app, clinic.nurse
    sid = monitored_session(clinic, own_protocol(clinic))
    with pytest.raises(ValidationError) as e:  # the default criteria are not this protocol's
        charting.discharge(app, n, sid, criteria=dict.fromkeys(charting.DISCHARGE_CRITERIA, True),
                           escort_name="Tom", instructions_given=True)
    assert e.value.field == "criteria" and "ride_home" in str(e.value)
    with pytest.raises(ValidationError) as e:  # one unmet, no explanation
        charting.discharge(app, n, sid, criteria={"ride_home": True}, escort_name="Tom",
                           instructions_given=True)
    assert "Has eaten and kept it down" in str(e.value)
    done = charting.discharge(app, n, sid, criteria={"ride_home": True, "eats": True},
                              escort_name="Tom", instructions_given=True)
    assert done.session.state.value == "discharged"
    text = " ".join(pdf_text(records.export_draft(app, sid), tmp_path).split())
    assert "Ride home confirmed by phone" in text and "Walks steadily" not in text


def test_a_session_on_a_default_protocol_keeps_the_default_policy(clinic: Clinic) -> None:
    s = sessions.start_session(clinic.app, clinic.nurse, patient_id=clinic.patient.id,
                               chair_id=clinic.chairs[0].id,
                               protocol_id=clinic.protocols["chronic-pain-titrated"].id,
                               weight_kg=80)
    p = views.get_session(clinic.app, s.id).protocol
    assert p.discharge_criteria == DEFAULT_DISCHARGE_CRITERIA
    assert p.rescue_meds == DEFAULT_RESCUE_MEDS
    assert (p.vitals_due_soon_min, p.dose_near_pct) == (2, 90)


@pytest.mark.sqlite_only
def test_an_old_snapshot_without_policy_reads_with_the_defaults() -> None:
    old = ProtocolValues(name="Old", indication="").to_dict()
    for key in ("discharge_criteria", "rescue_meds", "vitals_due_soon_min", "dose_near_pct"):
        del old[key]
    values = ProtocolValues.from_dict(old)
    assert values.discharge_criteria == DEFAULT_DISCHARGE_CRITERIA
    assert values.rescue_meds == DEFAULT_RESCUE_MEDS
    assert ProtocolValues.from_dict(values.to_dict()) == values


@pytest.mark.parametrize(("change", "field"), [
    ({"discharge_criteria": []}, "discharge_criteria"),
    ({"discharge_criteria": "steady"}, "discharge_criteria"),
    ({"discharge_criteria": [{"key": "Bad Key", "label": "x"}]}, "discharge_criteria"),
    ({"discharge_criteria": [{"key": "a", "label": " "}]}, "discharge_criteria"),
    ({"discharge_criteria": [{"key": "a", "label": "x"}, {"key": "a", "label": "y"}]},
     "discharge_criteria"),
    ({"discharge_criteria": [{"key": "a", "label": "x", "extra": 1}]}, "discharge_criteria"),
    ({"discharge_criteria": [{"key": "a", "label": "x" * 201}]}, "discharge_criteria"),
    ({"rescue_meds": [{"name": "x", "dose": 0, "unit": "mg", "route": "IV"}]}, "rescue_meds"),
    ({"rescue_meds": [{"name": "x", "dose": float("nan"), "unit": "mg", "route": "IV"}]},
     "rescue_meds"),
    ({"rescue_meds": [{"name": "x", "dose": True, "unit": "mg", "route": "IV"}]}, "rescue_meds"),
    ({"rescue_meds": [{"name": "x", "dose": 1, "unit": "kg", "route": "IV"}]}, "rescue_meds"),
    ({"rescue_meds": [{"name": "x", "dose": 1, "unit": "mg", "route": "nasal"}]}, "rescue_meds"),
    ({"rescue_meds": [{"name": "X", "dose": 1, "unit": "mg", "route": "IV"},
                      {"name": "x ", "dose": 2, "unit": "mg", "route": "IV"}]}, "rescue_meds"),
    ({"rescue_meds": None}, "rescue_meds"),
    ({"vitals_due_soon_min": 61}, "vitals_due_soon_min"),
    ({"vitals_due_soon_min": -1}, "vitals_due_soon_min"),
    ({"vitals_due_soon_min": "2"}, "vitals_due_soon_min"),
    ({"dose_near_pct": 49}, "dose_near_pct"),
    ({"dose_near_pct": 101}, "dose_near_pct"),
    ({"dose_near_pct": float("inf")}, "dose_near_pct"),
    ({"dose_near_pct": False}, "dose_near_pct"),
])
def test_bad_policy_is_refused_naming_the_field(clinic: Clinic, change: dict[str, Any],
                                                 field: str) -> None:
    base = clinic.protocols["chronic-pain-titrated"].values.to_dict()
    before = len(protocols.list_protocols(clinic.app))
    with pytest.raises(ValidationError) as e:
        protocols.save_protocol(clinic.app, clinic.admin, base | change | {"name": "Bad"})
    assert e.value.field == field
    assert len(protocols.list_protocols(clinic.app)) == before  # nothing written


def test_handover_warns_dose_near_at_the_protocols_percentage(clinic: Clinic) -> None:
    proto = own_protocol(clinic)  # dose near at 50 % of 6 mg/kg: 3 mg/kg
    s = ready_to_infuse(clinic, protocol=proto.key)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 1.0)
    clinic.clock.advance(minutes=150)  # 2.5 mg/kg so far: not near
    assert not any("Dose limit near" in line for line in _handover_lines(clinic, s.id))
    clinic.clock.advance(minutes=40)  # about 3.2 mg/kg: past 50 % (at 90 % it would not be)
    assert any("Dose limit near" in line for line in _handover_lines(clinic, s.id))


def _handover_lines(c: Clinic, session_id: int) -> list[str]:
    row = next(r for r in handover.handover(c.app).rows if r.session_id == session_id)
    return list(row.open_items)
