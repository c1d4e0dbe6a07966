"""The clinical sections of the record: pre-infusion, doses, vitals, alerts, side
effects, medications, assessments, discharge and notes. Each builder returns flowables.

Only active entries appear in these summaries; corrected and entered-in-error entries are
shown (struck through, with reason and corrector) in the full timeline (``timeline.py``).
"""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from chairlog.clinical.dosing import infusion_periods, infusion_running_time
from chairlog.clinical.scales import SCALES, Scale
from chairlog.domain import EntryKind, EntryView
from chairlog.present.units import Units
from chairlog.reports.chart import vitals_chart
from chairlog.reports.layout import (
    BODY,
    CELL,
    LABEL,
    ORPHAN_PT,
    esc,
    gap,
    muted,
    none_recorded,
    p,
    scaled,
    section,
    t,
    table,
)
from chairlog.reports.model import RecordData, duration, num, record_time, since_start


def end_of_record(rec: RecordData) -> datetime:
    """The instant the dose totals are computed at: the infusion stop, else the last entry."""
    s = rec.session
    if s.infusion_stopped_at is not None:
        return s.infusion_stopped_at
    times = [e.charted_at for e in s.entries] + [s.checked_in_at]
    return max(times)


def _latest(entries: list[EntryView]) -> EntryView | None:
    return max(entries, key=lambda e: (e.charted_at, e.id)) if entries else None


def checklist(rec: RecordData, width: float) -> list[Flowable]:
    s = rec.session
    done = s.active_entries(EntryKind.CHECKLIST)
    rows: list[list[object]] = [["Pre-infusion check", "Result", "Time", "By"]]
    for item in s.protocol.checklist:
        e = _latest([x for x in done if x.data.get("item_key") == item.key])
        label = item.label + ("" if item.required else " (optional)")
        if e is None:
            rows.append([label, p(muted("not recorded")), "", ""])
        elif e.data.get("done"):
            rows.append([label, "✓ done", record_time(rec, e.charted_at), e.user_name])
        else:
            rows.append([label, p(f"<b>Skipped</b> — {esc(e.data.get('text') or '')}"),
                         record_time(rec, e.charted_at), e.user_name])
    body: list[Flowable] = [table(rows, scaled([0.42, 0.24, 0.14, 0.20], width))]
    base = next((e for e in s.vitals if e.data.get("is_baseline")), None)
    lines = []
    if base is not None:
        lines.append(f"<b>Baseline vitals</b> ({esc(record_time(rec, base.charted_at))}): "
                     + esc(_vitals_text(base, rec.units)))
    else:
        lines.append("<b>Baseline vitals:</b> " + muted("not recorded"))
    for e in sorted(s.active_entries(EntryKind.ASSESSMENT), key=lambda x: x.charted_at):
        if e.data.get("phase") == "baseline":
            lines.append(f"<b>Baseline {esc(_scale_label(e))}</b>: {e.data['score']} "
                         f"({esc(record_time(rec, e.charted_at))}, {esc(e.user_name)})")
    start = next((e for e in s.active_entries(EntryKind.DOSE)
                  if e.data.get("dose_action") == "start"), None)
    if start is not None and start.data.get("text"):
        lines.append(f"<b>Note at infusion start:</b> {esc(start.data['text'])}")
    body += [gap(3)] + [Paragraph(x, BODY) for x in lines]
    return section("Pre-infusion checklist and baseline", body)


def _vitals_text(e: EntryView, units: Units) -> str:
    d = e.data
    mean = (d["sbp"] + 2 * d["dbp"]) / 3
    parts = [f"HR {d['hr']}/min", f"BP {d['sbp']}/{d['dbp']} mmHg (MAP {mean:.0f})",
             f"SpO2 {d['spo2']} %", f"RR {d['rr']}/min"]
    if d.get("etco2") is not None:
        parts.append(f"EtCO2 {d['etco2']} mmHg")
    if d.get("temp_c") is not None:
        parts.append(f"T {units.show_temperature(d['temp_c'])}")
    return " · ".join(parts)


def doses(rec: RecordData, width: float) -> list[Flowable]:
    s = rec.session
    pr = s.protocol
    events = s.dose_events
    end = end_of_record(rec)
    body: list[Flowable] = [Paragraph(
        f"Protocol: start {num(pr.start_rate_mg_per_kg_h)}, target "
        f"{num(pr.target_rate_mg_per_kg_h)}, maximum {num(pr.max_rate_mg_per_kg_h)} mg/kg/h; "
        f"maximum total {num(pr.max_total_mg_per_kg)} mg/kg; planned "
        f"{duration_min(pr.planned_duration_min)}; bag {num(pr.concentration_mg_per_ml)} mg/mL. "
        f"Dosing weight {num(s.weight_kg)} kg"
        f"{f' ({rec.units.weight_number(s.weight_kg)} lb)' if rec.units.lb else ''}.", BODY),
        gap(3)]
    if not events:
        body.append(none_recorded("ketamine dose"))
        return section("Dose summary", body)
    periods = infusion_periods(events)
    if periods:
        rows: list[list[object]] = [["#", "From", "To", "Duration", "mg/kg/h", "mg/h", "mL/h",
                                     "mg in period"]]
        for i, per in enumerate(periods, 1):
            stop = per.end or end
            rows.append([str(i), record_time(rec, per.start),
                         record_time(rec, per.end) if per.end else "running",
                         duration(stop - per.start), num(per.rate_mg_per_h / s.weight_kg),
                         num(per.rate_mg_per_h),
                         num(per.rate_mg_per_h / pr.concentration_mg_per_ml),
                         num(per.mg_until(stop))])
        body.append(table(rows, scaled([0.04, 0.15, 0.15, 0.13, 0.12, 0.12, 0.12, 0.17], width)))
    boluses = [e for e in s.active_entries(EntryKind.DOSE) if e.data["dose_action"] == "bolus"]
    bolus_mg = sum(e.data["bolus_mg"] or 0.0 for e in boluses)
    if boluses:
        rows = [["Bolus", "mg", "mg/kg", "By", "Note"]]
        for e in sorted(boluses, key=lambda x: x.charted_at):
            mg = e.data["bolus_mg"] or 0.0
            rows.append([record_time(rec, e.charted_at), num(mg), num(mg / s.weight_kg),
                         e.user_name, e.data.get("text") or ""])
        body += [gap(3), table(rows, scaled([0.16, 0.09, 0.09, 0.22, 0.44], width))]
    total = s.cumulative_mg(end)
    running = infusion_running_time(events, end)
    body += [gap(3), Paragraph(
        f"<b>Infusion running time</b> {duration(running)} (pauses excluded). "
        f"<b>Cumulative dose {num(total)} mg = {num(total / s.weight_kg)} mg/kg</b> "
        f"(boluses {num(bolus_mg)} mg, infusion {num(total - bolus_mg)} mg), "
        f"as of {esc(record_time(rec, end))}.", BODY)]
    overrides = [e for e in s.active_entries(EntryKind.DOSE) if e.data.get("override_reason")]
    if overrides:
        rows = [["Limit override", "Dose event", "Reason", "By"]]
        for e in sorted(overrides, key=lambda x: x.charted_at):
            summary = e.summary.split(" — limit override")[0]
            rows.append([record_time(rec, e.charted_at), summary, e.data["override_reason"],
                         e.user_name])
        body += [gap(3), table(rows, scaled([0.15, 0.35, 0.32, 0.18], width))]
    return section("Dose summary", body, keep=False)


def duration_min(minutes: float) -> str:
    m = round(minutes)
    return f"{m // 60} h {m % 60:02d} min" if m >= 60 else f"{m} min"


def vitals(rec: RecordData, width: float) -> list[Flowable]:
    s = rec.session
    rows_v = s.vitals
    if not rows_v:
        return section("Vital signs", [none_recorded("vital signs")])
    out: list[Flowable] = []
    drawing = vitals_chart(rec, width)
    if drawing is not None:
        out += section("Vital signs", [drawing, gap(4)])
    out.append(CondPageBreak(ORPHAN_PT * 0.6))
    alerts_by_entry: dict[int, list[str]] = {}
    for a in s.alerts:
        if a.entry_id is not None:
            alerts_by_entry.setdefault(a.entry_id, []).append(a.code.replace("_", " "))
    start = s.infusion_started_at
    units = rec.units
    rows: list[list[object]] = [["Time", "From start", "HR", "BP", "MAP", "SpO2", "RR", "EtCO2",
                                 f"Temp {units.temperature_symbol}", "Notes", "By"]]
    for e in rows_v:
        d = e.data
        flags = []
        if d.get("is_baseline"):
            flags.append("baseline")
        if e.is_late:
            flags.append("LATE entry")
        if e.supersedes_id:
            flags.append(f"corrects #{e.supersedes_id}")
        flags += [f"alert: {c}" for c in alerts_by_entry.get(e.id, [])]
        if d.get("rhythm"):
            flags.append(str(d["rhythm"]))
        rows.append([record_time(rec, e.charted_at), since_start(e.charted_at, start),
                     str(d["hr"]), f"{d['sbp']}/{d['dbp']}", f"{(d['sbp'] + 2 * d['dbp']) / 3:.0f}",
                     f"{d['spo2']}", str(d["rr"]),
                     "" if d.get("etco2") is None else str(d["etco2"]),
                     "" if d.get("temp_c") is None else units.temperature_number(d["temp_c"]),
                     "; ".join(flags), e.user_name])
    out.append(table(rows, scaled([0.118, 0.065, 0.042, 0.07, 0.05, 0.055, 0.04, 0.063, 0.058,
                                   0.244, 0.195], width), zebra=True))
    temp = ("temperature in °F, from the stored °C (°F = °C × 9/5 + 32)" if units.fahrenheit
            else "temperature in °C")
    out.append(Paragraph(muted("HR and RR per minute; BP and MAP in mmHg; SpO2 in %; "
                               f"{temp}. MAP = (systolic + 2 × diastolic) / 3."), CELL))
    return out


def alerts(rec: RecordData, width: float) -> list[Flowable]:
    s = rec.session
    if not s.alerts:
        return section("Alerts", [none_recorded("alerts")])
    rows: list[list[object]] = [["Raised", "Alert", "Acknowledged", "By", "Action taken"]]
    for a in s.alerts:
        ack = (record_time(rec, a.acknowledged_at) if a.acknowledged_at
               else p("<b>NOT ACKNOWLEDGED</b>"))
        rows.append([record_time(rec, a.raised_at), a.message, ack, a.acknowledged_by_name or "",
                     a.action_taken or ""])
    return section("Alerts", [table(rows, scaled([0.13, 0.33, 0.14, 0.16, 0.24], width))],
                   keep=len(rows) < 12)


def side_effects(rec: RecordData, width: float) -> list[Flowable]:
    s, v = rec.session, rec.vocab
    effects = sorted(s.active_entries(EntryKind.SIDE_EFFECT), key=lambda e: e.charted_at)
    meds = sorted(s.active_entries(EntryKind.MEDICATION), key=lambda e: e.charted_at)
    out: list[Flowable] = []
    if effects:
        rows: list[list[object]] = [["Onset", "Side effect", "Severity", "Action",
                                     "Rescue medication", "Resolution", "Charted by"]]
        for e in effects:
            d = e.data
            rescue = [f"{m.data['drug']} {num(m.data['dose_amount'])} {m.data['dose_unit']} "
                      f"{m.data['route']} at {record_time(rec, m.charted_at)}"
                      for m in meds if m.data.get("treats_entry_id") == e.id]
            resolved = d.get("resolved_at")
            if resolved is not None:
                who = rec.user_names.get(d.get("resolved_by_id") or 0, "")
                res = (f"resolved {record_time(rec, resolved)} (after "
                       f"{duration(resolved - e.charted_at)})" + (f", {who}" if who else ""))
            else:
                res = "not resolved"
            name = v.side_effect(d["effect_type"]) + (f" — {d['text']}" if d.get("text") else "")
            rows.append([record_time(rec, e.charted_at), name, d["severity"],
                         v.action(d.get("action_taken")), "; ".join(rescue) or "—", res,
                         e.user_name])
        out += section("Side effects", [table(rows, scaled([0.11, 0.19, 0.08, 0.14, 0.18, 0.17,
                                                            0.13], width))])
    else:
        out += section("Side effects", [none_recorded("side effects")])
    others = [m for m in meds if m.data.get("treats_entry_id") is None]
    if others:
        rows = [["Time", "Medication", "Note", "By"]]
        for m in others:
            d = m.data
            rows.append([record_time(rec, m.charted_at),
                         f"{d['drug']} {num(d['dose_amount'])} {d['dose_unit']} {d['route']}",
                         d.get("text") or "", m.user_name])
        out += section("Other medications", [table(rows, scaled([0.14, 0.3, 0.36, 0.2], width))])
    return out


def _scale_label(e: EntryView) -> str:
    try:
        return SCALES[Scale(e.data["scale"])].label
    except (ValueError, KeyError):
        return str(e.data.get("scale"))


def assessments(rec: RecordData, width: float) -> list[Flowable]:
    s = rec.session
    rows_a = sorted(s.active_entries(EntryKind.ASSESSMENT), key=lambda e: e.charted_at)
    if not rows_a:
        return section("Assessments", [none_recorded("assessments")])
    body: list[Flowable] = []
    pain = [e for e in rows_a if e.data["scale"] == Scale.PAIN_NRS.value]
    before = [e for e in pain if e.data.get("phase") == "baseline"]
    after = [e for e in pain if e.data.get("phase") in ("after", "discharge")]
    if before and after:
        b, a = before[0].data["score"], after[-1].data["score"]
        body.append(Paragraph(f"<b>Pain NRS before {b} → after {a}</b> "
                              f"(change {a - b:+d}).", BODY))
        body.append(gap(2))
    rows: list[list[object]] = [["Time", "From start", "Scale", "Phase", "Score", "Items / note",
                                 "By"]]
    for e in rows_a:
        d = e.data
        try:
            spec = SCALES[Scale(d["scale"])]
        except (ValueError, KeyError):
            spec = None
        score = str(d["score"]) if spec is None else f"{d['score']} ({spec.low}–{spec.high})"
        detail = []
        if spec is not None and d.get("items_json") and spec.item_labels:
            detail.append(", ".join(f"{lab} {val}" for lab, val
                                    in zip(spec.item_labels, d["items_json"], strict=False)))
        if d.get("text"):
            detail.append(str(d["text"]))
        rows.append([record_time(rec, e.charted_at),
                     since_start(e.charted_at, s.infusion_started_at), _scale_label(e),
                     d.get("phase") or "", score, "; ".join(detail), e.user_name])
    body.append(table(rows, scaled([0.12, 0.07, 0.13, 0.09, 0.08, 0.34, 0.17], width)))
    return section("Assessments (pain, sedation, dissociation, recovery)", body,
                   keep=len(rows) < 14)


def discharge(rec: RecordData, width: float) -> list[Flowable]:
    s = rec.session
    e = _latest(s.active_entries(EntryKind.DISCHARGE))
    if e is not None:
        d = e.data
        crit = d.get("criteria_json") or {}
        items = [("✓ " if ok else "✗ NOT MET: ") + rec.vocab.criterion(k) for k, ok in crit.items()]
        monitored = "—"
        if s.infusion_stopped_at is not None:
            mins = (e.charted_at - s.infusion_stopped_at).total_seconds() / 60
            minimum = s.protocol.min_monitoring_min
            monitored = (f"{duration(e.charted_at - s.infusion_stopped_at)} after the stop "
                         f"(protocol minimum {num(minimum, 0)} min"
                         + (")" if mins >= minimum else ": NOT REACHED)"))
        rows = [
            [p("Discharged", LABEL), t(f"{record_time(rec, e.charted_at)} by {e.user_name}")],
            [p("Monitoring", LABEL), t(monitored)],
            [p("Released to", LABEL), t(d.get("escort_name") or "—")],
            [p("Criteria", LABEL), t("\n".join(items) or "—")],
            [p("Instructions", LABEL),
             t(("Written instructions given" if d.get("instructions_given") else
                "Written instructions NOT given") + (f". {d['text']}" if d.get("text") else ""))],
        ]
        if e.checked_by_name:
            rows.append([p("Authorised", LABEL),
                         t(f"by {e.checked_by_name}: {d.get('override_reason') or ''}")])
        return section("Discharge", [table(rows, scaled([0.18, 0.82], width), header=False)])
    if s.stopped_early_at is not None:
        return section("Session ended before the infusion", [Paragraph(
            f"<b>Stopped early</b> at {esc(record_time(rec, s.stopped_early_at))}: "
            f"{esc(s.stopped_early_reason or '')}", BODY)])
    return section("Discharge", [Paragraph(muted("Not discharged yet."), BODY)])


def notes(rec: RecordData, width: float) -> list[Flowable]:
    rows_n = sorted(rec.session.active_entries(EntryKind.NOTE), key=lambda e: e.charted_at)
    if not rows_n:
        return section("Notes", [none_recorded("notes")])
    rows: list[list[object]] = [["Time", "Note", "By"]]
    for e in rows_n:
        rows.append([record_time(rec, e.charted_at), e.data.get("text") or "", e.user_name])
    return section("Notes", [table(rows, scaled([0.14, 0.66, 0.2], width))], keep=len(rows) < 10)
