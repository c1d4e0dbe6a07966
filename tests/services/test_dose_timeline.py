"""The one timeline rule (issue 15): live charting and corrections judged alike, against the
whole timeline they would leave; limits with a second clinician's check and a hard ceiling."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from chairlog.errors import (
    AuthenticationError,
    CeilingExceeded,
    LimitExceeded,
    PermissionDenied,
    StateError,
    ValidationError,
)
from chairlog.services import charting, corrections, doses, views
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse
from tests.reliability.helpers.dbs import counts

CHECK = ("omar", PASSWORDS["omar"])  # the second nurse checks an override


def at(c: Clinic, minutes: float) -> Any:
    return c.clock.now() + timedelta(minutes=minutes)


def timeline_session(c: Clinic) -> tuple[Any, dict[str, int], Any]:
    """Start +5, rate change +20 (100 mg/h), pause +30, resume +40, stop +60 (80 kg)."""
    s = ready_to_infuse(c)
    app, n = c.app, c.nurse
    t0 = c.clock.now()
    ids: dict[str, int] = {}
    c.clock.set(t0 + timedelta(minutes=5))
    ids["start"] = doses.start_infusion(app, n, s.id, 0.5).entry.id
    c.clock.set(t0 + timedelta(minutes=20))
    ids["rate"] = doses.change_rate(app, n, s.id, 100, "mg/h").entry.id
    c.clock.set(t0 + timedelta(minutes=30))
    ids["pause"] = doses.pause_infusion(app, n, s.id, "nausea").entry.id
    c.clock.set(t0 + timedelta(minutes=40))
    ids["resume"] = doses.resume_infusion(app, n, s.id).entry.id
    c.clock.set(t0 + timedelta(minutes=60))
    ids["stop"] = doses.stop_infusion(app, n, s.id).entry.id
    c.clock.set(t0 + timedelta(minutes=70))
    return s, ids, t0


def test_a_rate_change_while_paused_is_refused_and_no_drug_runs_in_the_pause(
        clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    app, n, t0 = clinic.app, clinic.nurse, clinic.clock.now()
    clinic.clock.set(t0 + timedelta(minutes=1))
    doses.start_infusion(app, n, s.id, 40, "mg/h")
    clinic.clock.set(t0 + timedelta(minutes=31))
    doses.pause_infusion(app, n, s.id, "nausea")
    clinic.clock.set(t0 + timedelta(minutes=41))
    before = counts(app)
    with pytest.raises(StateError, match="resume at the new rate"):
        doses.change_rate(app, n, s.id, 60, "mg/h")
    assert counts(app) == before
    v = views.get_session(app, s.id)
    assert v.current_rate_mg_per_h(clinic.clock.now()) == 0
    clinic.clock.set(t0 + timedelta(minutes=61))
    doses.resume_infusion(app, n, s.id, 60, "mg/h")
    clinic.clock.set(t0 + timedelta(minutes=91))
    v = doses.stop_infusion(app, n, s.id).session
    assert v.cumulative_mg(clinic.clock.now()) == pytest.approx(50.0)
    assert v.cumulative_mg(t0 + timedelta(minutes=300)) == pytest.approx(50.0)


REORDERINGS = [
    ("stop", 35, "stop moved before the resume"),
    ("stop", 15, "stop moved before the rate change"),
    ("pause", 45, "pause moved after the resume"),
    ("resume", 25, "resume moved before the pause"),
    ("start", 65, "start moved after the stop"),
    ("rate", 65, "rate change moved after the stop"),
    ("resume", 65, "resume moved after the stop"),
    ("rate", 35, "rate change moved into the pause"),
]


@pytest.mark.parametrize(("which", "minute", "what"), REORDERINGS,
                         ids=[r[2] for r in REORDERINGS])
def test_a_correction_cannot_reorder_the_dose_timeline(
        clinic: Clinic, which: str, minute: int, what: str) -> None:
    s, ids, t0 = timeline_session(clinic)
    app = clinic.app
    given = views.get_session(app, s.id).cumulative_mg(at(clinic, 300))
    before = counts(app)
    with pytest.raises(ValidationError) as e:
        corrections.correct_entry(app, clinic.nurse, ids[which], "x",
                                  charted_at=t0 + timedelta(minutes=minute))
    assert e.value.field == "charted_at"
    assert counts(app) == before
    v = views.get_session(app, s.id)
    assert v.state.value == "monitoring"
    assert v.cumulative_mg(at(clinic, 300)) == pytest.approx(given)
    assert v.current_rate_mg_per_h(at(clinic, 300)) == 0


def test_a_legal_time_correction_is_accepted_and_counted(clinic: Clinic) -> None:
    s, ids, t0 = timeline_session(clinic)
    app = clinic.app
    # stop 10 minutes later: 10 more minutes at 100 mg/h
    v0 = views.get_session(app, s.id).cumulative_mg(at(clinic, 0))
    r = corrections.correct_entry(app, clinic.nurse, ids["stop"], "stopped later",
                                  charted_at=t0 + timedelta(minutes=70))
    assert r.session.cumulative_mg(at(clinic, 0)) == pytest.approx(v0 + 100 / 6)
    assert r.session.infusion_stopped_at == t0 + timedelta(minutes=70)


def test_a_corrected_rate_meets_the_same_limits(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)  # chronic pain: max 2 mg/kg/h, ceiling 4
    app, n = clinic.app, clinic.nurse
    start = doses.start_infusion(app, n, s.id, 0.5).entry.id
    clinic.clock.advance(minutes=5)
    before = counts(app)
    with pytest.raises(LimitExceeded) as e:
        corrections.correct_entry(app, n, start, "typo", rate=3.0, unit="mg/kg/h")
    assert e.value.field == "rate" and e.value.value == 3.0 and e.value.limit == 2.0
    with pytest.raises(ValidationError) as e2:  # a reason alone is not enough
        corrections.correct_entry(app, n, start, "typo", rate=3.0, unit="mg/kg/h",
                                  override_reason="Physician order")
    assert e2.value.field == "checked_by"
    with pytest.raises(CeilingExceeded) as e3:
        corrections.correct_entry(app, n, start, "typo", rate=5.0, unit="mg/kg/h",
                                  override_reason="Physician order", checked_by=CHECK)
    assert e3.value.field == "rate" and e3.value.limit == 4.0
    assert counts(app) == before
    r = corrections.correct_entry(app, n, start, "typo", rate=3.0, unit="mg/kg/h",
                                  override_reason="Physician order", checked_by=CHECK)
    assert r.entry.checked_by_name == "Omar Øster, RN"
    # a correction back down needs no override; one no higher than the overridden value neither
    r2 = corrections.correct_entry(app, n, r.entry.id, "typo again", rate=2.5, unit="mg/kg/h")
    assert r2.entry.data["rate_mg_per_kg_h"] == 2.5


def test_resume_without_a_rate_meets_the_projected_total(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)  # 80 kg: max total 6 mg/kg = 480 mg over 240 min planned
    app, n = clinic.app, clinic.nurse
    doses.start_infusion(app, n, s.id, 1.5)  # projected 480 mg: at the maximum, not over
    clinic.clock.advance(minutes=10)
    doses.pause_infusion(app, n, s.id, "dizzy")
    doses.give_bolus(app, n, s.id, 20)  # while paused, the projection is what was given
    clinic.clock.advance(minutes=1)
    for rate in (None, 1.5):
        with pytest.raises(LimitExceeded) as e:
            doses.resume_infusion(app, n, s.id, rate)
        assert e.value.field == "total"
        assert "projected" in str(e.value)
    r = doses.resume_infusion(app, n, s.id, override_reason="Dr Lee: full dose",
                              checked_by=CHECK)
    assert r.entry.data["rate_mg_per_kg_h"] == 1.5  # the resume stores the rate it resumes at


def test_refusals_name_the_field_that_is_over(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)  # 80 kg: bolus max 0.35 mg/kg = 28 mg; total max 480 mg
    app, n = clinic.app, clinic.nurse
    doses.start_infusion(app, n, s.id, 0.5)
    clinic.clock.advance(minutes=5)
    with pytest.raises(LimitExceeded) as e:
        doses.give_bolus(app, n, s.id, 0.4 * 80)
    assert e.value.field == "bolus_mg" and e.value.value == 32.0 and e.value.limit == 28.0
    assert "at most 28 mg" in str(e.value)
    doses.give_bolus(app, n, s.id, 0.1 * 80)
    doses.change_rate(app, n, s.id, 2.5, override_reason="Dr Lee", checked_by=CHECK)
    clinic.clock.advance(minutes=5)
    # during the overridden rate the projection is over the maximum total: a small bolus that
    # raises it further is refused for the total (not as "rate"), the value being the total
    with pytest.raises(LimitExceeded) as e2:
        doses.give_bolus(app, n, s.id, 0.1 * 80)
    assert e2.value.field == "total" and e2.value.limit == 480.0
    assert e2.value.value > 480
    with pytest.raises(LimitExceeded) as e3:  # 2.4 is over the maximum rate
        doses.change_rate(app, n, s.id, 2.4)
    assert e3.value.field == "rate" and e3.value.value == 2.4
    with pytest.raises(LimitExceeded) as e4:  # higher than the overridden 2.5: a new override
        doses.change_rate(app, n, s.id, 2.6)
    assert e4.value.field == "rate"
    doses.change_rate(app, n, s.id, 0.5)  # a reduction is never refused for a limit
    clinic.clock.advance(minutes=1)
    with pytest.raises(LimitExceeded) as e5:  # back up: within the rate, over the total
        doses.change_rate(app, n, s.id, 1.9)
    assert e5.value.field == "total"


def test_the_hard_ceiling_refuses_whatever_the_override(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    app, n = clinic.app, clinic.nurse
    doses.start_infusion(app, n, s.id, 0.5)
    clinic.clock.advance(minutes=5)
    before = counts(app)
    for rate, unit in ((45, "mg/kg/h"), (5000, "mg/h")):
        with pytest.raises(CeilingExceeded) as e:
            doses.change_rate(app, n, s.id, rate, unit, override_reason="Physician order",
                              checked_by=CHECK)
        assert e.value.field == "rate"
        assert "e+" not in str(e.value)
    assert "5000 mg/h" not in str(e.value) or "62.5 mg/kg/h" in str(e.value)
    assert counts(app) == before  # nothing charted; the attempts are in the audit trail
    with pytest.raises(CeilingExceeded) as e3:
        doses.give_bolus(app, n, s.id, 60, override_reason="order", checked_by=CHECK)
    assert e3.value.field == "bolus_mg" and e3.value.limit == 56.0


def test_the_checker_is_someone_else_with_their_own_password(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    app, n = clinic.app, clinic.nurse
    doses.start_infusion(app, n, s.id, 0.5)
    clinic.clock.advance(minutes=5)
    with pytest.raises(AuthenticationError):
        doses.change_rate(app, n, s.id, 2.5, override_reason="o", checked_by=("omar", "wrong"))
    with pytest.raises(AuthenticationError):
        doses.change_rate(app, n, s.id, 2.5, override_reason="o", checked_by=("nobody", "x"))
    with pytest.raises(PermissionDenied):
        doses.change_rate(app, n, s.id, 2.5, override_reason="o",
                          checked_by=("nina", PASSWORDS["nina"]))
    with pytest.raises(PermissionDenied):
        doses.change_rate(app, n, s.id, 2.5, override_reason="o",
                          checked_by=("admin", PASSWORDS["admin"]))
    r = doses.change_rate(app, n, s.id, 2.5, override_reason="o",
                          checked_by=("drlee", PASSWORDS["drlee"]))
    assert r.entry.checked_by_name == "Lee Žukauskas, MD"


def test_the_state_machines_counterexample(clinic: Clinic) -> None:
    """start 0.3, pause, note, resume, the start's rate corrected to 0.1, one minute passes:
    the resume gave 0.3 mg/kg/h, the rate it showed and stored."""
    s = ready_to_infuse(clinic)
    app, n = clinic.app, clinic.nurse
    start = doses.start_infusion(app, n, s.id, 0.3).entry.id
    doses.pause_infusion(app, n, s.id, "nausea")
    charting.add_note(app, n, s.id, "settled")
    doses.resume_infusion(app, n, s.id)
    corrections.correct_entry(app, n, start, "Wrong rate charted", rate=0.1)
    clinic.clock.advance(minutes=1)
    v = views.get_session(app, s.id)
    assert v.cumulative_mg(clinic.clock.now()) == pytest.approx(0.3 * 80 / 60)


def test_a_late_bolus_between_earlier_events_is_accepted(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    app, n, t0 = clinic.app, clinic.nurse, clinic.clock.now()
    doses.start_infusion(app, n, s.id, 0.5)
    clinic.clock.set(t0 + timedelta(minutes=20))
    doses.change_rate(app, n, s.id, 1.0)
    clinic.clock.set(t0 + timedelta(minutes=25))
    r = doses.give_bolus(app, n, s.id, 10, charted_at=t0 + timedelta(minutes=10))
    assert r.entry.is_late is False or r.entry.charted_at == t0 + timedelta(minutes=10)
    # a pause charted before the rate change would put the rate change inside the pause
    with pytest.raises(ValidationError) as e:
        doses.pause_infusion(app, n, s.id, "late", charted_at=t0 + timedelta(minutes=15))
    assert e.value.field == "charted_at"


def test_a_bolus_in_error_lowers_the_total_even_above_the_maximum(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    app, n = clinic.app, clinic.nurse
    doses.start_infusion(app, n, s.id, 0.5)
    b = doses.give_bolus(app, n, s.id, 40, override_reason="order", checked_by=CHECK)
    clinic.clock.advance(minutes=1)
    r = corrections.mark_entered_in_error(app, n, b.entry.id, "charted twice")
    assert r.session.cumulative_mg(clinic.clock.now()) == pytest.approx(40 / 60)


def test_rates_are_greater_than_zero(clinic: Clinic) -> None:
    s = ready_to_infuse(clinic)
    app, n = clinic.app, clinic.nurse
    with pytest.raises(ValidationError) as e:
        doses.start_infusion(app, n, s.id, 0)
    assert e.value.field == "rate"
    start = doses.start_infusion(app, n, s.id, 0.5).entry.id
    with pytest.raises(ValidationError):
        corrections.correct_entry(app, n, start, "typo", rate=0)
    assert views.get_session(app, s.id).state.value == "infusing"
