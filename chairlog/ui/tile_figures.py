"""The figures one chair's tile shows at an instant, as display text.

``compute_figures(view, now)`` turns a cached ``SessionView`` and "now" into display text (pure,
no database, no widgets; the words go through Qt's translator) — the board calls it every second
for every chair, and the lock screen and the chair strip use the same figures without the
patient's name. ``ui.tile.ChairTile`` shows them.

Decisions:
- The vitals countdown runs while the drug runs and after it (infusing, paused, monitoring);
  before the infusion the figures are checklist progress and whether baseline vitals exist,
  since pre-infusion vitals are taken once, not on a timer.
- Durations take the forms of ``present.times``: the big timer ``timer_text`` (H:MM:SS), every
  other clock figure ``clock_text`` (M:SS under an hour), as in the session view.
- Due states are told by words as well as colour: "Next vitals in 7:12" (normal),
  "VITALS DUE in 1:45" (≤ the protocol's due-soon minutes), "VITALS OVERDUE by 3:10".
- Alerts: the session's open (stored) alerts plus computed ones (vitals overdue; dose limit
  near, at the protocol's dose-near share of its maximum total). Computed ones clear
  themselves when the situation does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from chairlog.clinical.clock import read_clock
from chairlog.clinical.readouts import Due, dose_near, vitals_due
from chairlog.clinical.states import SessionState
from chairlog.domain import AlertView, EntryKind, SessionView
from chairlog.domain.payloads import checklist_data, vitals_data
from chairlog.present.numbers import fmt
from chairlog.present.times import clock_text, timer_text
from chairlog.present.units import STORED, Units
from chairlog.ui.i18n import alert_text, clinical, translate
from chairlog.ui.widgets import ago


@dataclass(frozen=True)
class TileFigures:
    session_id: int
    state_key: str  # pre | infusing | paused | monitoring | ready
    state_label: str
    timer: str
    timer_caption: str
    timer_detail: str
    rate: str
    dose: str
    vitals: str
    vitals_age: str
    due: Due
    due_text: str
    due_at: datetime | None
    alerts: tuple[str, ...]
    stored_alerts: tuple[AlertView, ...]
    dose_near_limit: bool


def _checklist_progress(view: SessionView) -> tuple[int, int]:
    required = {i.key for i in view.protocol.checklist if i.required}
    items = map(checklist_data, view.active_entries(EntryKind.CHECKLIST))
    done = {c.get("item_key") for c in items if c.get("done", True)}
    return len(required & done), len(required)


def compute_figures(view: SessionView, now: datetime, units: Units = STORED) -> TileFigures:
    """``units``: the clinic's (the weight in lb with its kg, the temperature in °F)."""
    r = read_clock(view.clock_inputs, now)
    p = view.protocol
    state = view.state
    rate = dose = ""
    due, due_text, due_at = Due.NONE, "", None
    cum_mg = view.cumulative_mg(now)
    cum_kg = cum_mg / view.weight_kg
    if state in (SessionState.CHECKED_IN, SessionState.PRE_INFUSION):
        key, label = "pre", clinical(state.label)
        timer, caption = (
            timer_text(now - view.checked_in_at),
            translate("tile", "in the chair"),
        )
        done, total = _checklist_progress(view)
        weight = units.show_weight(view.weight_kg) if units.lb else f"{fmt(view.weight_kg)} kg"
        detail = translate("tile", "Checklist {done}/{total} done").format(done=done, total=total)
        rate = translate("tile", "Planned start {value} mg/kg/h").format(
            value=fmt(p.start_rate_mg_per_kg_h)
        )
        dose = translate("tile", "Max total {value} mg/kg · weight {weight}").format(
            value=fmt(p.max_total_mg_per_kg), weight=weight
        )
        due_text = (translate("tile", "Baseline vitals recorded") if view.latest_vitals
                    else translate("tile", "Baseline vitals needed"))
    else:
        if state is SessionState.MONITORING:
            remaining = r.monitoring_remaining or timedelta(0)
            ready = remaining <= timedelta(0)
            key, label = (
                ("ready", translate("tile", "Ready for discharge"))
                if ready
                else ("monitoring", translate("tile", "Monitoring"))
            )
            timer, caption = (
                timer_text(r.since_stop or timedelta(0)),
                translate("tile", "since infusion stop"),
            )
            minimum = clock_text(timedelta(minutes=p.min_monitoring_min))
            detail = (
                translate("tile", "Minimum {minimum} reached").format(minimum=minimum)
                if ready
                else translate("tile", "Min {minimum} · {value} to go").format(
                    minimum=minimum, value=clock_text(remaining)
                )
            )
            rate = translate("tile", "Infusion stopped")
        else:
            key = "paused" if state is SessionState.PAUSED else "infusing"
            label = clinical(state.label)
            timer = timer_text(r.since_start or timedelta(0))
            caption = translate("tile", "since infusion start")
            left = r.planned_remaining or timedelta(0)
            planned = clock_text(timedelta(minutes=p.planned_duration_min))
            detail = (
                translate("tile", "Planned {planned} · {value} left").format(
                    planned=planned, value=clock_text(left)
                )
                if left > timedelta(0)
                else translate("tile", "Planned {planned} reached").format(planned=planned)
            )
            if key == "paused" and r.paused_for is not None:
                # the pause is what matters now: its length, big; the remaining time stands
                timer = timer_text(r.paused_for)
                caption = translate("tile", "PAUSED for")
                detail = translate(
                    "tile", "Infusion ran {value} · {value2} left when resumed"
                ).format(
                    value=timer_text(r.since_start or timedelta(0)), value2=clock_text(left)
                )
            mg_h = view.current_rate_mg_per_h(now)
            rate = (f"{fmt(mg_h / view.weight_kg)} mg/kg/h · "
                    f"{fmt(mg_h / p.concentration_mg_per_ml)} mL/h")
            if key == "paused":
                rate = translate("tile", "PAUSED · 0 mL/h")
        dose = translate("tile", "{value} mg · {value2} mg/kg (max {value3})").format(
            value=fmt(cum_mg), value2=fmt(cum_kg), value3=fmt(p.max_total_mg_per_kg)
        )
        if r.next_vitals_in is not None:
            due_at = r.next_vitals_due_at
            due = vitals_due(r.next_vitals_in, p)
            if due is Due.OVERDUE:
                due_text = translate("tile", "VITALS OVERDUE by {value}").format(
                    value=clock_text(-r.next_vitals_in))
            elif due is Due.SOON:
                due_text = translate("tile", "VITALS DUE in {value}").format(
                    value=clock_text(r.next_vitals_in))
            else:
                due_text = translate("tile", "Next vitals in {value}").format(
                    value=clock_text(r.next_vitals_in)
                )
    vitals = vitals_age = ""
    latest = view.latest_vitals
    if latest is not None:
        d = vitals_data(latest)
        vitals = translate(
            "tile", "HR {hr}   BP {sbp}/{dbp}   SpO₂ {spo2} %   RR {rr}").format(
            hr=d["hr"], sbp=d["sbp"], dbp=d["dbp"], spo2=d["spo2"], rr=d["rr"])
        if (temp_c := d.get("temp_c")) is not None:
            vitals += f"   T {units.show_temperature(temp_c)}"
        vitals_age = ago(now - latest.charted_at)
    stored = tuple(view.open_alerts)
    lines = [alert_text(a.message) for a in stored]
    if due is Due.OVERDUE and r.next_vitals_in is not None:
        lines.append(
            translate("tile", "Vitals overdue by {value}").format(
                value=clock_text(-r.next_vitals_in)
            )
        )
    near = dose_near(view.infusion_started_at is not None, cum_kg, p)
    if near:
        lines.append(
            translate("tile", "Dose limit near: {value} of max {value2} mg/kg").format(
                value=fmt(cum_kg), value2=fmt(p.max_total_mg_per_kg)
            )
        )
    return TileFigures(view.id, key, label, timer, caption, detail, rate, dose, vitals,
                       vitals_age, due, due_text, due_at, tuple(lines), stored, near)
