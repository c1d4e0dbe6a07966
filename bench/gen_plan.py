"""One generated session, planned as timed events (what the services would have written).

Decisions:
- A session fits a 110-minute chair slot: check-in and checklist, baseline vitals and pain,
  a 40–50 min infusion with vitals every 5 min, 35–40 min of monitoring, discharge. That
  gives ≈ 40 entries per session (≈ 19 vitals, 2–6 dose events, 9 checklist items,
  3–4 assessments, 1 side effect, discharge, sometimes a rescue medication or a note).
- Rare events happen at realistic rates: alerts (≈ 3 % of sessions), late entries (3 % of
  vitals), corrections (1 %), entries marked in error (0.5 %), early stops at check-in (1 %).
- Everything after ``now`` is left out, so today's sessions are live on the board: their
  state, timestamps, unacknowledged alerts and unresolved side effects are what a nurse
  would see mid-session.
- Entry values are the services' column values; ``gen_db`` turns each event into its rows
  and its audit row (same action names and payloads as the services).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from bench.names import NOTES
from chairlog.clinical.dosing import RateUnit, convert_rate
from chairlog.clinical.protocol import ProtocolValues
from chairlog.clinical.vitals import Vitals, evaluate_vitals
from chairlog.services.charting import DISCHARGE_CRITERIA

MIN = 60
SLOT_MIN = 110
SIDE_EFFECTS = (("dissociation", 41), ("dizziness", 29), ("nausea", 28), ("sedation", 23),
                ("headache", 20), ("hypertension", 10), ("vomiting", 9), ("blurred_vision", 8),
                ("agitation", 6), ("numbness", 5))
SE_ACTIONS = (("none", 45), ("reassurance", 15), ("rate_reduced", 12), ("paused", 12),
              ("rescue_med", 12), ("physician_notified", 4))
RESCUE = {"nausea": ("ondansetron", 4.0, "IV"), "vomiting": ("ondansetron", 4.0, "IV"),
          "agitation": ("midazolam", 1.0, "IV"), "hypertension": ("labetalol", 10.0, "IV")}
INSTRUCTIONS = "No driving for 24 h; no alcohol or sedatives today."


@dataclass(frozen=True)
class Person:
    id: int
    username: str


@dataclass(frozen=True)
class Proto:
    id: int
    key: str
    name: str
    version: int
    values: ProtocolValues
    snapshot_json: str


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


class SessionPlan:
    """Plans one session into ``sink`` (a callable ``(at, kind, payload)``) and keeps its row."""

    def __init__(self, sink: Any, rng: random.Random, now: int, *, sid: int, patient_id: int,
                 chair: tuple[int, str], proto: Proto, weight: float, nurse: Person,
                 doctor: Person, start: int, escort: str,
                 ts: Any, iso: Any) -> None:
        self.sink, self.rng, self.now, self.ts, self.iso = sink, rng, now, ts, iso
        self.sid, self.patient_id, self.proto, self.weight = sid, patient_id, proto, weight
        self.nurse, self.doctor, self.escort = nurse, doctor, escort
        self.chair_name = chair[1]
        self.cur = "checked_in"
        self.version = 1
        self.row: dict[str, Any] = {
            "id": sid, "patient_id": patient_id, "chair_id": chair[0], "protocol_id": proto.id,
            "protocol_snapshot": proto.snapshot_json, "weight_kg": weight, "nurse_id": nurse.id,
            "state": "checked_in", "checked_in_at": ts(start), "pre_infusion_at": ts(start),
            "infusion_started_at": None, "infusion_stopped_at": None, "discharged_at": None,
            "stopped_early_at": None, "stopped_early_reason": None, "signed_at": None,
            "record_version": 1, "version": 1, "imported_from_paper": False,
        }
        self.start = start
        self.sink(start, "create", self)
        self.state(start, "pre_infusion", nurse)

    # ---- primitives --------------------------------------------------------------------
    def state(self, at: int, to: str, user: Person, reason: str | None = None) -> bool:
        if at > self.now:
            return False
        self.sink(at, "state", (self, self.cur, to, user, reason))
        self.cur = self.row["state"] = to
        self.version += 1
        return True

    def entry(self, at: int, kind: str, user: Person | None = None, *, late: int = 0,
              **values: Any) -> dict[str, Any] | None:
        recorded = at + late
        if recorded > self.now:
            return None
        e = {"id": None, "session_id": self.sid, "kind": kind, "charted_at": self.ts(at),
             "recorded_at": self.ts(recorded), "user_id": (user or self.nurse).id, **values}
        self.sink(recorded, "entry", (self, e, user or self.nurse, at, values))
        self.version += 1
        return e

    def alerts(self, at: int, e: dict[str, Any], findings: list[Any], ack: str) -> None:
        for f in findings:
            a: dict[str, Any] = {"id": None, "session_id": self.sid, "entry_id": e,
                                 "code": f.code, "message": f.message, "raised_at": self.ts(at),
                                 "acknowledged_at": None, "acknowledged_by_id": None,
                                 "action_taken": None, "recheck_at": None, "version": 1}
            self.sink(at, "alert", (self, a, self.nurse))
            ack_at = at + self.rng.randint(60, 240)
            if ack_at <= self.now:
                a.update(acknowledged_at=self.ts(ack_at), acknowledged_by_id=self.nurse.id,
                         action_taken=ack, version=2)
                self.sink(ack_at, "ack", (self, a, self.nurse))
                self.version += 1

    def dose(self, at: int, action: str, rate: float | None = None, *, bolus: float | None = None,
             text: str | None = None) -> dict[str, Any] | None:
        cols: dict[str, Any] = {"dose_action": action, "override_reason": None, "text": text}
        if rate is not None:
            r = convert_rate(rate, RateUnit.MG_PER_KG_H, self.weight,
                             self.proto.values.concentration_mg_per_ml)
            cols |= {"rate_mg_per_kg_h": r.mg_per_kg_h, "rate_mg_per_h": r.mg_per_h,
                     "rate_ml_per_h": r.ml_per_h, "entered_unit": RateUnit.MG_PER_KG_H.value}
        if bolus is not None:
            cols["bolus_mg"] = bolus
        return self.entry(at, "dose", **cols)

    def vitals(self, at: int, v: Vitals, *, baseline: bool = False, late: int = 0
               ) -> dict[str, Any] | None:
        return self.entry(at, "vitals", late=late, is_baseline=baseline, hr=v.hr, sbp=v.sbp,
                          dbp=v.dbp, spo2=v.spo2, rr=v.rr, etco2=v.etco2, temp_c=v.temp_c,
                          rhythm=v.rhythm)

    def assess(self, at: int, scale: str, score: int, *, items: list[int] | None = None,
               phase: str) -> dict[str, Any] | None:
        return self.entry(at, "assessment", scale=scale, score=score, items_json=items,
                          phase=phase, text=None)

    # ---- the session -------------------------------------------------------------------
    def run(self, *, stop_early: bool = False, force_pause: bool = False) -> None:
        try:
            self._run(stop_early, force_pause)
        finally:
            self.row["version"] = self.version

    def _run(self, stop_early: bool, force_pause: bool) -> None:
        rng, s, p = self.rng, self.start, self.proto.values
        for i, item in enumerate(p.checklist):
            skip = item.key == "monitor" and rng.random() < 0.02
            self.entry(s + 30 + 40 * i, "checklist", item_key=item.key, label=item.label,
                       done=not skip, text="Monitor unavailable; pulse oximetry only" if skip
                       else None)
        etco2 = rng.randint(33, 40) if rng.random() < 0.3 else None
        base = Vitals(hr=rng.randint(60, 88), sbp=rng.randint(108, 136), dbp=rng.randint(66, 86),
                      spo2=rng.randint(95, 99), rr=rng.randint(12, 17), etco2=etco2,
                      temp_c=round(rng.uniform(36.2, 37.2), 1) if rng.random() < 0.5 else None)
        if stop_early:
            high = Vitals(hr=base.hr + 12, sbp=rng.randint(182, 196), dbp=rng.randint(111, 118),
                          spo2=base.spo2, rr=base.rr)
            e = self.vitals(s + 7 * MIN, high, baseline=True)
            if e is not None:
                self.alerts(s + 7 * MIN, e, evaluate_vitals(high, p.thresholds, pre_dose=True),
                            "Physician informed; rest and recheck")
            self.state(s + 16 * MIN, "stopped_early", self.nurse,
                       "BP still above 180/110 after rest; physician advised rescheduling")
            if self.cur == "stopped_early":
                self.row["stopped_early_at"] = self.ts(s + 16 * MIN)
                self.row["stopped_early_reason"] = "BP above 180/110 at check-in"
                self.sign(s + 16 * MIN)
            return
        self.vitals(s + 7 * MIN, base, baseline=True)
        pain0 = rng.randint(5, 9)
        self.assess(s + 8 * MIN, "pain_nrs", pain0, phase="baseline")
        self._infusion(base, pain0, force_pause)

    def _infusion(self, base: Vitals, pain0: int, force_pause: bool) -> None:
        rng, s, p = self.rng, self.start, self.proto.values
        rate_mode = p.dose_mode.value == "rate"
        t0 = s + 12 * MIN
        dur = (int(p.fixed_dose_minutes or 40) if not rate_mode else 50) * MIN
        stop = t0 + dur
        if rate_mode and p.max_bolus_mg_per_kg and rng.random() < 0.3:
            mg = round(self.weight * rng.uniform(0.15, p.max_bolus_mg_per_kg))
            self.dose(s + 11 * MIN, "bolus", bolus=float(mg))
        rate = p.start_rate_mg_per_kg_h
        if self.dose(t0, "start", rate) is None:
            return
        self.state(t0, "infusing", self.nurse)
        self.row["infusion_started_at"] = self.ts(t0)
        if rate_mode:
            rate = p.target_rate_mg_per_kg_h
            self.dose(t0 + 10 * MIN, "rate_change", rate, text="Tolerating well; titrated")
            if rng.random() < 0.5 and rate + 0.25 <= p.max_rate_mg_per_kg_h:
                rate += 0.25
                self.dose(t0 + 25 * MIN, "rate_change", rate, text="Pain still 5/10")
        paused = self._side_effect(t0, stop, rate, rate_mode, force_pause)
        spike_at = t0 + 30 * MIN if rng.random() < 0.03 else None
        correct = rng.random() < 0.01
        for k in range(1, dur // (5 * MIN) + 1):
            at = t0 + k * 5 * MIN - rng.randint(0, 40)
            rise = max(0, 18 - abs(k * 5 - 40) // 2)
            v = Vitals(hr=base.hr + rng.randint(0, 9), sbp=base.sbp + rise + rng.randint(-4, 4),
                       dbp=base.dbp + rise // 2 + rng.randint(-3, 3), spo2=rng.randint(94, 99),
                       rr=base.rr + rng.randint(-2, 2), etco2=base.etco2)
            if spike_at is not None and abs(at - spike_at) < 150:
                v = Vitals(hr=v.hr + 8, sbp=base.sbp + rng.randint(42, 55),
                           dbp=base.dbp + rng.randint(18, 27), spo2=v.spo2, rr=v.rr,
                           etco2=v.etco2)
                e = self.vitals(at, v)
                if e is not None:
                    self.alerts(at, e, evaluate_vitals(v, p.thresholds, base),
                                "Rate reduced; physician notified")
                continue
            late = rng.randint(12, 25) * MIN if rng.random() < 0.03 else 0
            e = self.vitals(at, v, late=late)
            if e is not None and correct and k == 4:
                self._correct(at + late + 2 * MIN, e, v, at)
        if rng.random() < 0.5:
            score = 5 if rng.random() < 0.7 else (4 if rng.random() < 0.93 else 3)
            e = self.assess(t0 + 20 * MIN, "moaas", score, phase="during")
            if e is not None and score < (p.thresholds.moaas_min or 0):
                self.alerts(t0 + 20 * MIN, e, [_Finding("moaas_low", f"MOAA/S {score}: deeper "
                            f"sedation than intended (alert at ≤ {p.thresholds.moaas_min - 1})")],
                            "Rate reduced; verbal stimulation, responds")
        else:
            items = [rng.randint(0, 3) for _ in range(6)]
            self.assess(t0 + 20 * MIN, "cadss6", sum(items), items=items, phase="during")
        if rate_mode and not paused:
            self.dose(stop - 10 * MIN, "rate_change", max(rate - 0.25, p.start_rate_mg_per_kg_h),
                      text="Weaning before stop")
        if self.dose(stop, "stop") is None:
            return
        self.state(stop, "monitoring", self.nurse)
        self.row["infusion_stopped_at"] = self.ts(stop)
        self._monitoring(base, pain0, stop)

    def _side_effect(self, t0: int, stop: int, rate: float, rate_mode: bool,
                     force_pause: bool) -> bool:
        rng = self.rng
        effect = _pick(rng, SIDE_EFFECTS)
        action = "paused" if force_pause else _pick(rng, SE_ACTIONS)
        if action == "rescue_med" and effect not in RESCUE:
            action = "reassurance"
        if action == "rate_reduced" and not rate_mode:
            action = "none"
        at = t0 + (20 if force_pause else rng.randint(12, 32)) * MIN
        sev = "mild" if rng.random() < 0.75 else ("moderate" if rng.random() < 0.9 else "severe")
        se = self.entry(at, "side_effect", effect_type=effect, severity=sev, action_taken=action,
                        text=None)
        if se is None:
            return False
        if action == "rescue_med":
            drug, amount, route = RESCUE[effect]
            self.entry(at + 2 * MIN, "medication", drug=drug, dose_amount=amount, dose_unit="mg",
                       route=route, treats_entry_id=se, text=None)
        elif action == "rate_reduced":
            self.dose(at + MIN, "rate_change", max(rate / 2, 0.1), text=f"{effect.capitalize()}")
        paused = False
        if action == "paused":
            reason = f"{effect.capitalize()} ({sev})"
            if self.dose(at + MIN, "pause", text=reason) is not None:
                paused = self.state(at + MIN, "paused", self.nurse, reason)
                resume = at + (rng.randint(8, 12) + (25 if force_pause else 0)) * MIN
                if resume < stop - 2 * MIN and self.dose(resume, "resume") is not None:
                    self.state(resume, "infusing", self.nurse)
                    paused = False
        resolved = at + rng.randint(10, 30) * MIN
        if rng.random() < 0.9 and resolved <= self.now:
            se.update(resolved_at=self.ts(resolved), resolved_by_id=self.nurse.id, version=2)
            self.sink(resolved, "resolve", (self, se, self.nurse, resolved))
            self.version += 1
        return paused

    def _correct(self, at: int, old: dict[str, Any], v: Vitals, charted: int) -> None:
        if at > self.now:
            return
        fixed = {"hr": v.hr - 10 if v.hr > 70 else v.hr + 10}
        reason = "Wrong value typed: read from the neighbouring monitor"
        old.update(status="corrected", invalidated_at=self.ts(at),
                   invalidated_by_id=self.nurse.id, invalidation_reason=reason, version=2)
        self.sink(at, "correct", (self, old, fixed, reason, self.nurse, charted))
        self.version += 1

    def _monitoring(self, base: Vitals, pain0: int, stop: int) -> None:
        rng = self.rng
        mon = (40 if self.proto.values.dose_mode.value == "fixed" else 35) * MIN
        for k in range(1, mon // (5 * MIN) + 1):
            at = stop + k * 5 * MIN - rng.randint(0, 40)
            v = Vitals(hr=base.hr + rng.randint(-3, 5), sbp=base.sbp + rng.randint(-4, 8),
                       dbp=base.dbp + rng.randint(-3, 5), spo2=rng.randint(95, 99), rr=base.rr,
                       etco2=base.etco2)
            self.vitals(at, v)
        end = stop + mon
        if rng.random() < 0.2:
            self.entry(self.start + rng.randint(20, 60) * MIN, "note", text=rng.choice(NOTES))
        if rng.random() < 0.005:
            note = self.entry(end - 5 * MIN, "note", text="Patient reports nausea settled.")
            if note is not None and end - 3 * MIN <= self.now:
                why = "Charted on the wrong patient"
                note.update(status="entered_in_error", invalidated_at=self.ts(end - 3 * MIN),
                            invalidated_by_id=self.nurse.id, invalidation_reason=why, version=2)
                self.sink(end - 3 * MIN, "in_error", (self, note, why, self.nurse))
                self.version += 1
        self.assess(end + MIN, "pain_nrs", max(0, pain0 - rng.randint(1, 5)), phase="after")
        if rng.random() < 0.4:
            self.assess(end + 2 * MIN, "aldrete", 10, items=[2, 2, 2, 2, 2], phase="discharge")
        d = self.entry(end + 3 * MIN, "discharge", criteria_json=dict.fromkeys(DISCHARGE_CRITERIA,
                       True), escort_name=self.escort, instructions_given=True, text=INSTRUCTIONS)
        if d is None:
            return
        self.state(end + 3 * MIN, "discharged", self.nurse)
        self.row["discharged_at"] = self.ts(end + 3 * MIN)
        self.sign(end + 3 * MIN)

    def sign(self, after: int) -> None:
        """The physician signs 2–50 h after discharge; later than now: awaiting signature."""
        at = after + self.rng.randint(2 * 3600, 50 * 3600)
        if at <= self.now:
            self.sink(at, "sign", (self, self.cur, self.doctor, at))
            self.cur = self.row["state"] = "signed"
            self.row["signed_at"] = self.ts(at)
            self.version += 1


@dataclass(frozen=True)
class _Finding:
    code: str
    message: str
