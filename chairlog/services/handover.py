"""The shift-change handover: every chair on one page (issue 13 point 6).

Decisions:
- One row per occupied chair: patient (name, MRN), chair, protocol, state, time in the chair,
  the current rate, the cumulative dose (mg and mg/kg), the last vitals and when, when the next
  set is due, what is open (side effects not resolved, alerts not acknowledged, a dose near
  its limit) and what is pending (checklist items, baseline vitals, the discharge when the
  minimum monitoring is reached). Free chairs are listed by name; records waiting for the
  physician's signature and records returned to the nurse are counted and named at the foot.
- Every figure is the board's: the same session views (``views.board``), the same clock
  (``clinical.clock.read_clock``), the same dose timeline and the same number rule
  (``present.numbers.fmt``); times in the clinic's zone with its offset.
- The handover is a working paper, not the record: it is not signed, carries the time it was
  printed and "not part of the medical record", and is reproducible byte for byte for the
  same data and time (reportlab's invariant mode), like an unsigned record.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from chairlog.clinical.clock import read_clock
from chairlog.clinical.readouts import dose_near
from chairlog.clinical.states import SessionState
from chairlog.clinical.vitals import alert_words
from chairlog.domain import EntryKind, SessionView
from chairlog.domain.describe import SEVERITY_WORDS, SIDE_EFFECTS
from chairlog.domain.handover import Handover, HandoverRow
from chairlog.domain.payloads import checklist_data, side_effect_data, vitals_data
from chairlog.present.numbers import fmt
from chairlog.present.times import duration_text, local_time
from chairlog.services import accounts, protocols, returns, views
from chairlog.services.context import Chairlog
from chairlog.words import term, words

__all__ = ["handover", "handover_pdf", "handover_row"]


def _rate(v: SessionView, now: datetime) -> str:
    if v.state in (SessionState.CHECKED_IN, SessionState.PRE_INFUSION):
        return words("not started (planned {rate} mg/kg/h)",
                     rate=fmt(v.protocol.start_rate_mg_per_kg_h))
    if v.state is SessionState.PAUSED:
        return words("PAUSED")
    if v.state is SessionState.MONITORING:
        return words("stopped")
    mg_h = v.current_rate_mg_per_h(now)
    return (f"{fmt(mg_h / v.weight_kg)} mg/kg/h ({fmt(mg_h)} mg/h, "
            f"{fmt(mg_h / v.protocol.concentration_mg_per_ml)} mL/h)")


def handover_row(v: SessionView, now: datetime, tz: ZoneInfo) -> HandoverRow:
    """One chair's line (pure: the session view and the time)."""
    p = v.protocol
    clock = read_clock(v.clock_inputs, now)
    mg = v.cumulative_mg(now)
    mg_kg = mg / v.weight_kg
    last = v.latest_vitals
    if last is None:
        vitals = words("none yet")
    else:
        d = vitals_data(last)
        vitals = words("HR {hr} BP {sbp}/{dbp} SpO2 {spo2} % RR {rr} at {time} ({ago} ago)",
                       hr=d["hr"], sbp=d["sbp"], dbp=d["dbp"], spo2=d["spo2"], rr=d["rr"],
                       time=local_time(last.charted_at, tz),
                       ago=duration_text(now - last.charted_at))
    if clock.next_vitals_in is None or clock.next_vitals_due_at is None:
        due = "—"
    elif clock.next_vitals_in <= timedelta(0):
        due = words("OVERDUE since {time} ({late})",
                    time=local_time(clock.next_vitals_due_at, tz),
                    late=duration_text(-clock.next_vitals_in))
    else:
        due = words("{time} (in {left})", time=local_time(clock.next_vitals_due_at, tz),
                    left=duration_text(clock.next_vitals_in))
    opened: list[str] = []
    for e in v.open_side_effects:
        sd = side_effect_data(e)
        name = SIDE_EFFECTS.get(sd["effect_type"], sd["effect_type"])
        severity = SEVERITY_WORDS.get(sd["severity"], sd["severity"])
        # Words: the sheet prints it in the clinic's language (the same English text)
        opened.append(words("{name} ({severity}) since {time}", name=term(name),
                            severity=term(severity), time=local_time(e.charted_at, tz)))
    opened += [words("ALERT not acknowledged: {message}",
                     message=alert_words(a.message)) for a in v.open_alerts]
    if dose_near(v.infusion_started_at is not None, mg_kg, p):
        opened.append(words("Dose limit near: {dose} of max {limit} mg/kg", dose=fmt(mg_kg),
                            limit=fmt(p.max_total_mg_per_kg)))
    pending: list[str] = []
    if v.state in (SessionState.CHECKED_IN, SessionState.PRE_INFUSION):
        items = map(checklist_data, v.active_entries(EntryKind.CHECKLIST))
        done = {c.get("item_key") for c in items if c.get("done", True)}
        missing = [i.label for i in p.checklist if i.required and i.key not in done]
        if missing:
            pending.append(words("Checklist: {items}", items="; ".join(missing)))
        if v.baseline_vitals is None:
            pending.append(words("Baseline vitals"))
    if v.state is SessionState.MONITORING:
        left = clock.monitoring_remaining or timedelta(0)
        pending.append(words("Ready for discharge") if left <= timedelta(0)
                       else words("Discharge after {left} more monitoring",
                                  left=duration_text(left)))
    if v.state is SessionState.INFUSING and clock.planned_remaining is not None:
        left = max(clock.planned_remaining, timedelta(0))
        pending.append(words("Planned end in {left}", left=duration_text(left)))
    return HandoverRow(
        session_id=v.id, chair=v.chair.name,
        patient=f"{v.patient.display_name} · {v.patient.mrn}", protocol=p.name,
        state=v.state.label, in_chair=duration_text(now - v.checked_in_at),
        rate=_rate(v, now), dose=words("{mg} mg · {mg_kg} mg/kg (max {limit})", mg=fmt(mg),
                                       mg_kg=fmt(mg_kg), limit=fmt(p.max_total_mg_per_kg))
        if v.infusion_started_at else "—",
        last_vitals=vitals, next_due=due, open_items=tuple(opened), pending=tuple(pending))


def handover(app: Chairlog) -> Handover:
    """Every chair, now."""
    clinic = accounts.get_clinic(app)
    tz = ZoneInfo(clinic.timezone)
    now = app.now()
    running = views.board(app)
    used = {v.chair.id for v in running}
    free = tuple(c.name for c in protocols.list_chairs(app) if c.id not in used)
    queue = tuple(f"{q.patient_name} ({q.chair_name})" for q in views.signing_queue(app))
    back = tuple(f"{r.patient_name} ({r.chair_name}) — {r.note.text}"
                 for r in returns.open_returns(app))
    return Handover(clinic.name, now, local_time(now, tz, with_date=True),
                    tuple(handover_row(v, now, tz) for v in running), free, queue, back)


def handover_pdf(app: Chairlog, *, paper: str | None = None) -> bytes:
    """The handover as a one-page PDF (landscape; more chairs than fit continue overleaf)."""
    from chairlog.reports.handover import render_handover
    from chairlog.services.records import paper_size

    return render_handover(handover(app), paper=paper_size(app, paper),
                           language=accounts.get_clinic(app).language)
