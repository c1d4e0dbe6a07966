"""The clinical sections of the record: pre-infusion, doses, vitals, alerts, side
effects, medications, assessments, discharge and notes. Each builder returns flowables.

Only active entries appear in these summaries; corrected and entered-in-error entries are
shown (struck through, with reason and corrector) in the full timeline (``timeline.py``).

Catalog are in the record's language (``rec.words``, context "record"; the vital signs'
abbreviations in context "vitals", shared with the window). Decision: what the services and
the clinical core own stays as they give it — entry summaries, alert messages, the side-effect,
action and discharge-criteria vocabularies, drug names — as the window shows them; the record's
own headings, column titles, labels and sentences are translated, and so are the session
states, scale names and items, severities and assessment phases.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from chairlog.clinical.dosing import infusion_periods, infusion_running_time
from chairlog.clinical.scales import SCALES, Scale
from chairlog.domain import EntryKind, EntryView
from chairlog.domain.payloads import (
    assessment_data,
    checklist_data,
    discharge_data,
    dose_data,
    medication_data,
    note_data,
    side_effect_data,
    vitals_data,
)
from chairlog.present.catalog import QT_TRANSLATE_NOOP, Catalog, vital
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

# coded values the record prints, in context "record"
SEVERITY_WORDS = {"mild": QT_TRANSLATE_NOOP("record", "mild"),
                  "moderate": QT_TRANSLATE_NOOP("record", "moderate"),
                  "severe": QT_TRANSLATE_NOOP("record", "severe")}
PHASE_WORDS = {"baseline": QT_TRANSLATE_NOOP("record", "baseline"),
               "during": QT_TRANSLATE_NOOP("record", "during"),
               "after": QT_TRANSLATE_NOOP("record", "after"),
               "discharge": QT_TRANSLATE_NOOP("record", "discharge")}


def coded(w: Catalog, table_: dict[str, str], code: str | None) -> str:
    """A coded value's word (the code itself when the record has no word for it)."""
    return w.translate("record", table_[code]) if code in table_ else (code or "")


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
    s, w = rec.session, rec.words
    done = s.active_entries(EntryKind.CHECKLIST)
    rows: list[list[object]] = [[w.translate("record", "Pre-infusion check"),
                                 w.translate("record", "Result"), w.translate("record", "Time"),
                                 w.translate("record", "By")]]
    optional = " " + w.translate("record", "(optional)")
    for item in s.protocol.checklist:
        e = _latest([x for x in done if checklist_data(x).get("item_key") == item.key])
        label = item.label + ("" if item.required else optional)
        if e is None:
            rows.append([label, p(muted(w.translate("record", "not recorded"))), "", ""])
        elif checklist_data(e).get("done"):
            rows.append([label, "✓ " + w.translate("record", "done"),
                         record_time(rec, e.charted_at), e.user_name])
        else:
            skipped = esc(w.translate("record", "Skipped"))
            rows.append([label, p(f"<b>{skipped}</b> — {esc(checklist_data(e).get('text') or '')}"),
                         record_time(rec, e.charted_at), e.user_name])
    body: list[Flowable] = [table(rows, scaled([0.42, 0.24, 0.14, 0.20], width))]
    base = next((e for e in s.vitals if vitals_data(e).get("is_baseline")), None)
    lines = []
    baseline = esc(w.translate("record", "Baseline vitals"))
    if base is not None:
        lines.append(f"<b>{baseline}</b> ({esc(record_time(rec, base.charted_at))}): "
                     + esc(_vitals_text(base, rec.units, w)))
    else:
        lines.append(f"<b>{baseline}:</b> " + muted(w.translate("record", "not recorded")))
    for e in sorted(s.active_entries(EntryKind.ASSESSMENT), key=lambda x: x.charted_at):
        if assessment_data(e).get("phase") == "baseline":
            what = w.translate("record", "Baseline {scale}").format(scale=_scale_label(e, w))
            lines.append(f"<b>{esc(what)}</b>: {assessment_data(e)['score']} "
                         f"({esc(record_time(rec, e.charted_at))}, {esc(e.user_name)})")
    start = next((e for e in s.active_entries(EntryKind.DOSE)
                  if dose_data(e).get("dose_action") == "start"), None)
    start_note = dose_data(start).get("text") if start is not None else None
    if start_note:
        note = esc(w.translate("record", "Note at infusion start:"))
        lines.append(f"<b>{note}</b> {esc(start_note)}")
    body += [gap(3)] + [Paragraph(x, BODY) for x in lines]
    return section(w.translate("record", "Pre-infusion checklist and baseline"), body)


def _vitals_text(e: EntryView, units: Units, w: Catalog) -> str:
    d = vitals_data(e)
    mean = (d["sbp"] + 2 * d["dbp"]) / 3
    parts = [f"{vital(w, 'hr')} {d['hr']}/min",
             f"{vital(w, 'bp')} {d['sbp']}/{d['dbp']} mmHg ({vital(w, 'map')} {mean:.0f})",
             f"{vital(w, 'spo2')} {d['spo2']} %", f"{vital(w, 'rr')} {d['rr']}/min"]
    if d.get("etco2") is not None:
        parts.append(f"{vital(w, 'etco2')} {d['etco2']} mmHg")
    if d.get("temp_c") is not None:
        parts.append(f"T {units.show_temperature(d['temp_c'])}")
    return " · ".join(parts)


def doses(rec: RecordData, width: float) -> list[Flowable]:
    s, w = rec.session, rec.words
    pr = s.protocol
    events = s.dose_events
    end = end_of_record(rec)
    lb = f" ({rec.units.weight_number(s.weight_kg)} lb)" if rec.units.lb else ""
    body: list[Flowable] = [Paragraph(esc(w.translate(
        "record", "Protocol: start {start}, target {target}, maximum {maximum} mg/kg/h; "
        "maximum total {total} mg/kg; planned {planned}; bag {bag} mg/mL. "
        "Dosing weight {weight} kg{lb}.").format(
        start=num(pr.start_rate_mg_per_kg_h), target=num(pr.target_rate_mg_per_kg_h),
        maximum=num(pr.max_rate_mg_per_kg_h), total=num(pr.max_total_mg_per_kg),
        planned=duration_min(pr.planned_duration_min), bag=num(pr.concentration_mg_per_ml),
        weight=num(s.weight_kg), lb=lb)), BODY), gap(3)]
    title = w.translate("record", "Dose summary")
    if not events:
        body.append(none_recorded(w.translate("record", "No ketamine dose recorded.")))
        return section(title, body)
    periods = infusion_periods(events)
    if periods:
        rows: list[list[object]] = [["#", w.translate("record", "From"),
                                     w.translate("record", "To"),
                                     w.translate("record", "Duration"), "mg/kg/h", "mg/h",
                                     "mL/h", w.translate("record", "mg in period")]]
        for i, per in enumerate(periods, 1):
            stop = per.end or end
            rows.append([str(i), record_time(rec, per.start),
                         record_time(rec, per.end) if per.end else w.translate("record",
                                                                                "running"),
                         duration(stop - per.start), num(per.rate_mg_per_h / s.weight_kg),
                         num(per.rate_mg_per_h),
                         num(per.rate_mg_per_h / pr.concentration_mg_per_ml),
                         num(per.mg_until(stop))])
        body.append(table(rows, scaled([0.04, 0.15, 0.15, 0.13, 0.12, 0.12, 0.12, 0.17], width)))
    boluses = [e for e in s.active_entries(EntryKind.DOSE)
               if dose_data(e)["dose_action"] == "bolus"]
    bolus_mg = sum(dose_data(e)["bolus_mg"] or 0.0 for e in boluses)
    if boluses:
        rows = [[w.translate("record", "Bolus"), "mg", "mg/kg", w.translate("record", "By"),
                 w.translate("record", "Note")]]
        for e in sorted(boluses, key=lambda x: x.charted_at):
            mg = dose_data(e)["bolus_mg"] or 0.0
            rows.append([record_time(rec, e.charted_at), num(mg), num(mg / s.weight_kg),
                         e.user_name, dose_data(e).get("text") or ""])
        body += [gap(3), table(rows, scaled([0.16, 0.09, 0.09, 0.22, 0.44], width))]
    total = s.cumulative_mg(end)
    running = infusion_running_time(events, end)
    body += [gap(3), Paragraph(w.translate(
        "record", "<b>Infusion running time</b> {running} (pauses excluded). "
        "<b>Cumulative dose {mg} mg = {mg_kg} mg/kg</b> "
        "(boluses {bolus} mg, infusion {infused} mg), as of {time}.").format(
        running=esc(duration(running)), mg=num(total), mg_kg=num(total / s.weight_kg),
        bolus=num(bolus_mg), infused=num(total - bolus_mg), time=esc(record_time(rec, end))),
        BODY)]
    overrides = [e for e in s.active_entries(EntryKind.DOSE) if dose_data(e).get("override_reason")]
    if overrides:
        rows = [[w.translate("record", "Limit override"), w.translate("record", "Dose event"),
                 w.translate("record", "Reason"), w.translate("record", "By")]]
        for e in sorted(overrides, key=lambda x: x.charted_at):
            summary = e.summary.split(" — limit override")[0]
            rows.append([record_time(rec, e.charted_at), summary, dose_data(e)["override_reason"],
                         e.user_name])
        body += [gap(3), table(rows, scaled([0.15, 0.35, 0.32, 0.18], width))]
    return section(title, body, keep=False)


def duration_min(minutes: float) -> str:
    m = round(minutes)
    return f"{m // 60} h {m % 60:02d} min" if m >= 60 else f"{m} min"


def vitals(rec: RecordData, width: float) -> list[Flowable]:
    s, w = rec.session, rec.words
    rows_v = s.vitals
    title = w.translate("record", "Vital signs")
    if not rows_v:
        return section(title, [none_recorded(w.translate("record", "No vital signs recorded."))])
    out: list[Flowable] = []
    drawing = vitals_chart(rec, width)
    if drawing is not None:
        out += section(title, [drawing, gap(4)])
    out.append(CondPageBreak(ORPHAN_PT * 0.6))
    alerts_by_entry: dict[int, list[str]] = {}
    for a in s.alerts:
        if a.entry_id is not None:
            alerts_by_entry.setdefault(a.entry_id, []).append(a.code.replace("_", " "))
    start = s.infusion_started_at
    units = rec.units
    rows: list[list[object]] = [[w.translate("record", "Time"),
                                 w.translate("record", "From start"),
                                 *(vital(w, k) for k in ("hr", "bp", "map", "spo2", "rr",
                                                         "etco2")),
                                 w.translate("record", "Temp {unit}").format(
                                     unit=units.temperature_symbol),
                                 w.translate("record", "Notes"), w.translate("record", "By")]]
    for e in rows_v:
        d = vitals_data(e)
        flags = []
        if d.get("is_baseline"):
            flags.append(w.translate("record", "baseline"))
        if e.is_late:
            flags.append(w.translate("record", "LATE entry"))
        if e.supersedes_id:
            flags.append(w.translate("record", "corrects #{id}").format(id=e.supersedes_id))
        flags += [w.translate("record", "alert: {code}").format(code=c)
                  for c in alerts_by_entry.get(e.id, [])]
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
    temp = (w.translate("record", "temperature in °F, from the stored °C (°F = °C × 9/5 + 32)")
            if units.fahrenheit else w.translate("record", "temperature in °C"))
    out.append(Paragraph(muted(w.translate(
        "record", "{hr} and {rr} per minute; {bp} and {map} in mmHg; {spo2} in %; {temp}. "
        "{map} = (systolic + 2 × diastolic) / 3.").format(
        hr=vital(w, "hr"), rr=vital(w, "rr"), bp=vital(w, "bp"), map=vital(w, "map"),
        spo2=vital(w, "spo2"), temp=temp)), CELL))
    return out


def alerts(rec: RecordData, width: float) -> list[Flowable]:
    s, w = rec.session, rec.words
    title = w.translate("record", "Alerts")
    if not s.alerts:
        return section(title, [none_recorded(w.translate("record", "No alerts recorded."))])
    rows: list[list[object]] = [[w.translate("record", "Raised"), w.translate("record", "Alert"),
                                 w.translate("record", "Acknowledged"),
                                 w.translate("record", "By"),
                                 w.translate("record", "Action taken")]]
    for a in s.alerts:
        not_ack = esc(w.translate("record", "NOT ACKNOWLEDGED"))
        ack = record_time(rec, a.acknowledged_at) if a.acknowledged_at else p(f"<b>{not_ack}</b>")
        rows.append([record_time(rec, a.raised_at), w.alert(a.message), ack,
                     a.acknowledged_by_name or "", a.action_taken or ""])
    return section(title, [table(rows, scaled([0.13, 0.33, 0.14, 0.16, 0.24], width))],
                   keep=len(rows) < 12)


def side_effects(rec: RecordData, width: float) -> list[Flowable]:
    s, v, w = rec.session, rec.vocab, rec.words
    effects = sorted(s.active_entries(EntryKind.SIDE_EFFECT), key=lambda e: e.charted_at)
    meds = sorted(s.active_entries(EntryKind.MEDICATION), key=lambda e: e.charted_at)
    out: list[Flowable] = []
    if effects:
        rows: list[list[object]] = [[w.translate("record", "Onset"),
                                     w.translate("record", "Side effect"),
                                     w.translate("record", "Severity"),
                                     w.translate("record", "Action"),
                                     w.translate("record", "Rescue medication"),
                                     w.translate("record", "Resolution"),
                                     w.translate("record", "Charted by")]]
        given_at = w.translate("record", "{medication} at {time}")
        for e in effects:
            d = side_effect_data(e)
            rescue = [given_at.format(
                medication=f"{md['drug']} {num(md['dose_amount'])} {md['dose_unit']} {md['route']}",
                time=record_time(rec, m.charted_at))
                for m in meds if (md := medication_data(m)).get("treats_entry_id") == e.id]
            resolved = d.get("resolved_at")
            if resolved is not None:
                who = rec.user_names.get(d.get("resolved_by_id") or 0, "")
                res = (w.translate("record", "resolved {time} (after {duration})").format(
                    time=record_time(rec, resolved), duration=duration(resolved - e.charted_at))
                    + (f", {who}" if who else ""))
            else:
                res = w.translate("record", "not resolved")
            # the vocabulary is the domain's, marked with ``words`` (the catalog's empty context)
            name = (w.translate("", v.side_effect(d["effect_type"]))
                    + (f" — {d['text']}" if d.get("text") else ""))
            rows.append([record_time(rec, e.charted_at), name,
                         coded(w, SEVERITY_WORDS, d["severity"]),
                         w.translate("", v.action(d.get("action_taken"))),
                         "; ".join(rescue) or "—", res,
                         e.user_name])
        out += section(w.translate("record", "Side effects"),
                       [table(rows, scaled([0.11, 0.19, 0.08, 0.14, 0.18, 0.17, 0.13], width))])
    else:
        out += section(w.translate("record", "Side effects"),
                       [none_recorded(w.translate("record", "No side effects recorded."))])
    others = [m for m in meds if medication_data(m).get("treats_entry_id") is None]
    if others:
        rows = [[w.translate("record", "Time"), w.translate("record", "Medication"),
                 w.translate("record", "Note"), w.translate("record", "By")]]
        for m in others:
            md = medication_data(m)
            rows.append([record_time(rec, m.charted_at),
                         f"{md['drug']} {num(md['dose_amount'])} {md['dose_unit']} {md['route']}",
                         md.get("text") or "", m.user_name])
        out += section(w.translate("record", "Other medications"),
                       [table(rows, scaled([0.14, 0.3, 0.36, 0.2], width))])
    return out


def _scale_label(e: EntryView, w: Catalog) -> str:
    try:
        return w.translate("clinical", SCALES[Scale(assessment_data(e)["scale"])].label)
    except (ValueError, KeyError):
        return str(assessment_data(e).get("scale"))


def assessments(rec: RecordData, width: float) -> list[Flowable]:
    s, w = rec.session, rec.words
    rows_a = sorted(s.active_entries(EntryKind.ASSESSMENT), key=lambda e: e.charted_at)
    if not rows_a:
        return section(w.translate("record", "Assessments"),
                       [none_recorded(w.translate("record", "No assessments recorded."))])
    body: list[Flowable] = []
    pain = [d for d in map(assessment_data, rows_a) if d["scale"] == Scale.PAIN_NRS.value]
    before = [d for d in pain if d.get("phase") == "baseline"]
    after = [d for d in pain if d.get("phase") in ("after", "discharge")]
    if before and after:
        b, a = before[0]["score"], after[-1]["score"]
        body.append(Paragraph(w.translate(
            "record", "<b>{scale} before {before} → after {after}</b> (change {change}).").format(
            scale=esc(w.translate("clinical", "Pain NRS")), before=b, after=a,
            change=f"{a - b:+d}"), BODY))
        body.append(gap(2))
    rows: list[list[object]] = [[w.translate("record", "Time"),
                                 w.translate("record", "From start"),
                                 w.translate("record", "Scale"), w.translate("record", "Phase"),
                                 w.translate("record", "Score"),
                                 w.translate("record", "Items / note"),
                                 w.translate("record", "By")]]
    for e in rows_a:
        d = assessment_data(e)
        try:
            spec = SCALES[Scale(d["scale"])]
        except (ValueError, KeyError):
            spec = None
        score = str(d["score"]) if spec is None else f"{d['score']} ({spec.low}–{spec.high})"
        detail = []
        if spec is not None and (items := d.get("items_json")) and spec.item_labels:
            detail.append(", ".join(f"{w.translate('clinical', lab)} {val}" for lab, val
                                    in zip(spec.item_labels, items, strict=False)))
        if d.get("text"):
            detail.append(str(d["text"]))
        rows.append([record_time(rec, e.charted_at),
                     since_start(e.charted_at, s.infusion_started_at), _scale_label(e, w),
                     coded(w, PHASE_WORDS, d.get("phase")), score, "; ".join(detail),
                     e.user_name])
    body.append(table(rows, scaled([0.12, 0.07, 0.13, 0.09, 0.08, 0.34, 0.17], width)))
    return section(w.translate("record", "Assessments (pain, sedation, dissociation, recovery)"),
                   body,
                   keep=len(rows) < 14)


def discharge(rec: RecordData, width: float) -> list[Flowable]:
    s, w = rec.session, rec.words
    e = _latest(s.active_entries(EntryKind.DISCHARGE))
    title = w.translate("record", "Discharge")
    if e is not None:
        d = discharge_data(e)
        crit = d.get("criteria_json") or {}
        not_met = "✗ " + w.translate("record", "NOT MET:") + " "
        items = [("✓ " if ok else not_met) + rec.vocab.criterion(k) for k, ok in crit.items()]
        monitored = "—"
        if s.infusion_stopped_at is not None:
            mins = (e.charted_at - s.infusion_stopped_at).total_seconds() / 60
            minimum = s.protocol.min_monitoring_min
            monitored = (w.translate("record", "{duration} after the stop (protocol minimum "
                                               "{minimum} min)") if mins >= minimum
                         else w.translate("record", "{duration} after the stop (protocol "
                                                    "minimum {minimum} min: NOT REACHED)")
                         ).format(duration=duration(e.charted_at - s.infusion_stopped_at),
                                  minimum=num(minimum, 0))
        given = (w.translate("record", "Written instructions given") if d.get("instructions_given")
                 else w.translate("record", "Written instructions NOT given"))
        rows = [
            [p(esc(w.translate("record", "Discharged")), LABEL),
             t(w.translate("record", "{time} by {user}").format(
                 time=record_time(rec, e.charted_at), user=e.user_name))],
            [p(esc(w.translate("record", "Monitoring")), LABEL), t(monitored)],
            [p(esc(w.translate("record", "Released to")), LABEL), t(d.get("escort_name") or "—")],
            [p(esc(w.translate("record", "Criteria")), LABEL), t("\n".join(items) or "—")],
            [p(esc(w.translate("record", "Instructions")), LABEL),
             t(given + (f". {d['text']}" if d.get("text") else ""))],
        ]
        if e.checked_by_name:
            rows.append([p(esc(w.translate("record", "Authorised")), LABEL),
                         t(w.translate("record", "by {user}: {reason}").format(
                             user=e.checked_by_name, reason=d.get("override_reason") or ""))])
        return section(title, [table(rows, scaled([0.18, 0.82], width), header=False)])
    if s.stopped_early_at is not None:
        return section(w.translate("record", "Session ended before the infusion"), [Paragraph(
            w.translate("record", "<b>Stopped early</b> at {time}: {reason}").format(
                time=esc(record_time(rec, s.stopped_early_at)),
                reason=esc(s.stopped_early_reason or "")), BODY)])
    return section(title, [Paragraph(muted(w.translate("record", "Not discharged yet.")), BODY)])


def notes(rec: RecordData, width: float) -> list[Flowable]:
    w = rec.words
    rows_n = sorted(rec.session.active_entries(EntryKind.NOTE), key=lambda e: e.charted_at)
    title = w.translate("record", "Notes")
    if not rows_n:
        return section(title, [none_recorded(w.translate("record", "No notes recorded."))])
    rows: list[list[object]] = [[w.translate("record", "Time"), w.translate("record", "Note"),
                                 w.translate("record", "By")]]
    for e in rows_n:
        rows.append([record_time(rec, e.charted_at), note_data(e).get("text") or "", e.user_name])
    return section(title, [table(rows, scaled([0.14, 0.66, 0.2], width))], keep=len(rows) < 10)
