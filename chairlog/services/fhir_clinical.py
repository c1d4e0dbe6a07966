"""The charted content of a session as FHIR R4 resources (see ``fhir`` for the decisions)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from chairlog.clinical.dosing import DoseAction, DoseEvent, InfusionPeriod, infusion_periods
from chairlog.domain import EntryKind, EntryStatus, EntryView
from chairlog.domain.describe import SIDE_EFFECTS as SIDE_EFFECT_NAMES
from chairlog.domain.payloads import (
    assessment_data,
    dose_data,
    medication_data,
    side_effect_data,
    vitals_data,
)
from chairlog.services import fhir_codes as C
from chairlog.services.fhir_base import (
    Json,
    coding,
    concept,
    device_of,
    exported_entries,
    fhir_code,
    quantity,
    ref,
)

if TYPE_CHECKING:
    from chairlog.services.fhir import Builder


def obs_status(e: EntryView) -> str:
    if e.status is EntryStatus.ENTERED_IN_ERROR:
        return "entered-in-error"
    return "amended" if e.supersedes_id is not None else "final"


def _obs(b: Builder, rid: str, e: EntryView | None, category: Json, code: Json,
         at: datetime, status: str) -> Json:
    res: Json = {
        "resourceType": "Observation",
        "id": rid,
        "status": status,
        "category": [concept([category])],
        "code": code,
        "subject": b.subject(),
        "encounter": ref(b.encounter_id),
        "effectiveDateTime": b.clock.at(at),
    }
    if e is not None:
        res["performer"] = [b.person(e.user_id)]
        dev = device_of(e)
        if dev is not None and dev[0] in b.device_ids:
            res["device"] = ref(b.device_ids[dev[0]], dev[1])
        if e.status is EntryStatus.ENTERED_IN_ERROR and e.invalidation_reason:
            res["note"] = [{"text": f"Entered in error: {e.invalidation_reason}"}]
    return res


def weight(b: Builder) -> None:
    """The dosing weight measured for the session (29463-7, kg)."""
    v = b.inp.view
    code = concept([coding(C.LOINC, *C.BODY_WEIGHT)], "Body weight (dosing weight)")
    res = _obs(b, b.ids.of("weight"), None, C.VITAL_SIGNS, code, v.checked_in_at, "final")
    res["performer"] = [b.person(b.inp.nurse_id)]
    res["valueQuantity"] = quantity(v.weight_kg, "kg")
    b.authored_by(b.inp.nurse_id, b.add(res))


def vitals(b: Builder, e: EntryView, root: int) -> list[str]:
    d, status, out = vitals_data(e), obs_status(e), []
    for key, (loinc, display, ucum, unit) in C.VITALS.items():
        value = d.get(key)
        if value is None:
            continue
        codes = [coding(C.LOINC, loinc, display)]
        if key == "spo2":
            codes += [dict(c) for c in C.SPO2_EXTRA]
        res = _obs(b, b.ids.of("vitals", root, key), e, C.VITAL_SIGNS,
                   concept(codes, display), e.charted_at, status)
        res["valueQuantity"] = quantity(value, ucum, unit)
        if key == "hr" and d.get("rhythm"):
            res.setdefault("note", []).append({"text": f"ECG rhythm: {d['rhythm']}"})
        out.append(b.add(res))
    if d.get("sbp") is not None and d.get("dbp") is not None:
        res = _obs(b, b.ids.of("vitals", root, "bp"), e, C.VITAL_SIGNS,
                   concept([coding(C.LOINC, *C.BP_PANEL)], "Blood pressure"),
                   e.charted_at, status)
        res["component"] = [
            {"code": concept([coding(C.LOINC, *C.BP_SYSTOLIC)]),
             "valueQuantity": quantity(d["sbp"], "mm[Hg]", "mmHg")},
            {"code": concept([coding(C.LOINC, *C.BP_DIASTOLIC)]),
             "valueQuantity": quantity(d["dbp"], "mm[Hg]", "mmHg")},
        ]
        out.append(b.add(res))
    return out


def assessment(b: Builder, e: EntryView, root: int) -> list[str]:
    d = assessment_data(e)
    scale = str(d["scale"])
    if scale == "pain_nrs":
        code = concept([coding(C.LOINC, *C.PAIN_NRS)], "Pain NRS 0-10")
    else:
        text = C.SCORE_TEXT.get(scale, scale)
        code = concept([coding(C.CHAIRLOG, fhir_code(f"scale-{scale}"), text)], text)
    res = _obs(b, b.ids.of("assessment", root), e, C.SURVEY, code, e.charted_at, obs_status(e))
    res["valueInteger"] = int(d["score"])
    items = _items(d.get("items_json"))
    if items:
        res["component"] = [{"code": concept([], f"item {i + 1}"), "valueInteger": int(x)}
                            for i, x in enumerate(items)]
    if d.get("phase"):
        res.setdefault("note", []).append({"text": f"phase: {d['phase']}"})
    return [b.add(res)]


def _items(raw: Any) -> list[int]:
    import json

    if not raw:
        return []
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return []
    return [int(x) for x in value] if isinstance(value, list) else []


def side_effect(b: Builder, e: EntryView, root: int) -> list[str]:
    d = side_effect_data(e)
    kind = str(d["effect_type"])
    name = SIDE_EFFECT_NAMES.get(kind, kind)
    codes = ([coding(C.SNOMED, *C.SIDE_EFFECTS[kind])] if kind in C.SIDE_EFFECTS
             else [coding(C.CHAIRLOG, fhir_code(f"side-effect-{kind}"), name)])
    cid = b.ids.of("side-effect", root)
    res: Json = {"resourceType": "Condition", "id": cid}
    if e.status is EntryStatus.ENTERED_IN_ERROR:
        res["verificationStatus"] = concept([coding(C.COND_VERIFICATION, "entered-in-error",
                                                    "Entered in Error")])
    else:
        resolved = d.get("resolved_at") is not None
        res["clinicalStatus"] = concept([coding(C.COND_CLINICAL,
                                                "resolved" if resolved else "active")])
        res["verificationStatus"] = concept([coding(C.COND_VERIFICATION, "confirmed")])
    res["category"] = [concept([coding(C.COND_CATEGORY, "encounter-diagnosis")])]
    sev = C.SEVERITY.get(str(d.get("severity")))
    if sev is not None:
        res["severity"] = concept([coding(C.SNOMED, *sev)], str(d["severity"]))
    res["code"] = concept(codes, name)
    res["subject"] = b.subject()
    res["encounter"] = ref(b.encounter_id)
    res["onsetDateTime"] = b.clock.at(e.charted_at)
    if (resolved_at := d.get("resolved_at")) is not None \
            and e.status is not EntryStatus.ENTERED_IN_ERROR:
        res["abatementDateTime"] = b.clock.at(resolved_at)
    res["recordedDate"] = b.clock.at(e.recorded_at)
    res["recorder"] = b.person(e.user_id)
    from chairlog.domain.describe import ACTIONS

    notes = [f"Action taken: {ACTIONS.get(str(d.get('action_taken')), d.get('action_taken'))}"]
    if d.get("text"):
        notes.append(str(d["text"]))
    if e.status is EntryStatus.ENTERED_IN_ERROR and e.invalidation_reason:
        notes.append(f"Entered in error: {e.invalidation_reason}")
    res["note"] = [{"text": n} for n in notes]
    out = [b.add(res)]
    if e.status is not EntryStatus.ENTERED_IN_ERROR:
        ae: Json = {
            "resourceType": "AdverseEvent",
            "id": b.ids.of("adverse-event", root),
            "actuality": "actual",
            "event": concept(codes, name),
            "subject": b.subject(),
            "encounter": ref(b.encounter_id),
            "date": b.clock.at(e.charted_at),
            "recordedDate": b.clock.at(e.recorded_at),
            "recorder": b.person(e.user_id),
            "resultingCondition": [ref(cid, name)],
        }
        if sev is not None:
            ae["severity"] = concept([coding(C.AE_SEVERITY, str(d["severity"]))],
                                     str(d["severity"]))
        suspect = _ketamine_at(b, e.charted_at)
        if suspect is not None:
            ae["suspectEntity"] = [{"instance": ref(suspect, "ketamine")}]
        out.append(b.add(ae))
    return out


def _ketamine_at(b: Builder, at: datetime) -> str | None:
    """The ketamine administration running (or last given) at ``at``."""
    best: str | None = None
    for start, rid in b_ketamine(b):
        if start <= at:
            best = rid
    return best or next((rid for _s, rid in b_ketamine(b)), None)


def b_ketamine(b: Builder) -> list[tuple[datetime, str]]:
    events = b.inp.view.dose_events
    out = [(p.start, b.ids.of("segment", _opening(events, p))) for p in infusion_periods(events)]
    out += [(ev.at, b.ids.of("bolus", ev.seq)) for ev in events if ev.action is DoseAction.BOLUS]
    return sorted(out)


def _opening(events: list[DoseEvent], p: InfusionPeriod) -> int:
    """The chain id of the dose event that opened a segment (the last one at its start)."""
    at_start = [ev for ev in events if ev.at == p.start and ev.action is not DoseAction.BOLUS]
    return max(at_start, key=lambda ev: (ev.at, ev.seq)).seq


def _ma(b: Builder, rid: str, status: str, medication: Json, e: EntryView | None) -> Json:
    res: Json = {
        "resourceType": "MedicationAdministration",
        "id": rid,
        "status": status,
        "medicationCodeableConcept": medication,
        "subject": b.subject(),
        "context": ref(b.encounter_id),
    }
    if e is not None:
        res["performer"] = [{"actor": b.person(e.user_id)}]
        if e.checked_by_id is not None:  # the second clinician who checked an override
            res["performer"].append({
                "function": concept([coding(C.MED_ADMIN_FUNCTION, "verifier", "Verifier")]),
                "actor": b.person(e.checked_by_id)})
    return res


def _route(route: str) -> Json:
    if route in C.ROUTES:
        return concept([coding(C.SNOMED, *C.ROUTES[route])], route)
    return concept([], route)


def ketamine(b: Builder) -> None:
    """Infusion segments and boluses from the active dose events; dose entries entered in
    error as their own administrations."""
    v = b.inp.view
    events = v.dose_events
    by_root = {b.root[e.id]: e for e in v.active_entries(EntryKind.DOSE)}
    drug = concept([dict(C.KETAMINE)], "ketamine")
    conc = v.protocol.concentration_mg_per_ml
    by_id = {e.id: e for e in v.entries}
    closed_at = v.discharged_at or v.stopped_early_at
    for p in infusion_periods(events):
        if p.end is None and closed_at is not None and closed_at > p.start:
            # a session that ended with no stop event: the infusion ended with it
            p = InfusionPeriod(p.start, closed_at, p.rate_mg_per_h)
        seq = _opening(events, p)
        e = by_root.get(seq)
        res = _ma(b, b.ids.of("segment", seq), "completed" if p.end else "in-progress", drug, e)
        period: Json = {"start": b.clock.at(p.start)}
        if p.end is not None:
            period["end"] = b.clock.at(p.end)
        res["effectivePeriod"] = period
        res["reasonReference"] = [ref(b.indication_id)]
        unit = (dose_data(e).get("entered_unit") if e else None) or "mg/kg/h"
        dosage: Json = {
            "text": (f"{_g(p.rate_mg_per_h / v.weight_kg)} mg/kg/h = {_g(p.rate_mg_per_h)} mg/h"
                     f" = {_g(p.rate_mg_per_h / conc)} mL/h at {_g(conc)} mg/mL"
                     f" (entered in {unit})"),
            "route": _route("IV"),
            "rateQuantity": quantity(p.rate_mg_per_h, "mg/h"),
        }
        if p.end is not None:
            dosage["dose"] = quantity(p.mg_until(p.end), "mg")
        res["dosage"] = dosage
        if e is not None and e.supersedes_id is not None:
            res["note"] = [{"text": "amended: this dose entry was corrected"}]
        rid = b.add(res)
        if e is not None:
            b.authored_by(e.user_id, rid)
            _entry_provenance(b, e, seq, [rid], by_id)
    for ev in events:
        if ev.action is not DoseAction.BOLUS:
            continue
        e = by_root.get(ev.seq)
        res = _ma(b, b.ids.of("bolus", ev.seq), "completed", drug, e)
        res["effectiveDateTime"] = b.clock.at(ev.at)
        res["reasonReference"] = [ref(b.indication_id)]
        res["dosage"] = {"text": f"bolus {_g(ev.bolus_mg or 0.0)} mg", "route": _route("IV"),
                         "dose": quantity(ev.bolus_mg or 0.0, "mg")}
        rid = b.add(res)
        if e is not None:
            b.authored_by(e.user_id, rid)
            _entry_provenance(b, e, ev.seq, [rid], by_id)
    for e in v.entries:
        if e.kind is EntryKind.DOSE and e.status is EntryStatus.ENTERED_IN_ERROR:
            res = _ma(b, b.ids.of("dose-entry", b.root[e.id]), "entered-in-error", drug, e)
            res["effectiveDateTime"] = b.clock.at(e.charted_at)
            res["dosage"] = {"text": e.summary}
            if e.invalidation_reason:
                res["note"] = [{"text": f"Entered in error: {e.invalidation_reason}"}]
            rid = b.add(res)
            b.authored_by(e.user_id, rid)
            _entry_provenance(b, e, b.root[e.id], [rid], by_id)


def medication(b: Builder, e: EntryView, root: int) -> list[str]:
    d = medication_data(e)
    drug = str(d["drug"])
    code = C.RX_INGREDIENTS.get(drug.lower())
    med = concept([coding(C.RXNORM, code, drug.lower())] if code
                  else [coding(C.CHAIRLOG, fhir_code(f"drug-{drug}"), drug)], drug)
    status = "entered-in-error" if e.status is EntryStatus.ENTERED_IN_ERROR else "completed"
    res = _ma(b, b.ids.of("medication", root), status, med, e)
    res["effectiveDateTime"] = b.clock.at(e.charted_at)
    treats = d.get("treats_entry_id")
    if treats is not None and int(treats) in b.root:
        res["reasonReference"] = [ref(b.ids.of("side-effect", b.root[int(treats)]))]
    unit = str(d["dose_unit"])
    res["dosage"] = {"text": e.summary, "route": _route(str(d["route"])),
                     "dose": quantity(float(d["dose_amount"]), C.DOSE_UNITS.get(unit, unit), unit)}
    notes = []
    if e.supersedes_id is not None:
        notes.append("amended: this entry was corrected")
    if e.status is EntryStatus.ENTERED_IN_ERROR and e.invalidation_reason:
        notes.append(f"Entered in error: {e.invalidation_reason}")
    if notes:
        res["note"] = [{"text": n} for n in notes]
    return [b.add(res)]


def _g(value: float) -> str:
    from chairlog.present.numbers import fmt

    return fmt(value)


HANDLERS = {
    EntryKind.VITALS: vitals,
    EntryKind.ASSESSMENT: assessment,
    EntryKind.SIDE_EFFECT: side_effect,
    EntryKind.MEDICATION: medication,
}


def entries(b: Builder) -> None:
    """Every exported entry, then the ketamine administrations, then provenance of
    corrections, entries in error and monitor values."""
    ketamine(b)
    by_id = {e.id: e for e in b.inp.view.entries}
    for e in exported_entries(b.inp.view):
        handler = HANDLERS.get(e.kind)
        if handler is None:
            continue
        root = b.root[e.id]
        rids = handler(b, e, root)
        for rid in rids:
            b.authored_by(e.user_id, rid)
        _entry_provenance(b, e, root, rids, by_id)


def _entry_provenance(b: Builder, e: EntryView, root: int, rids: list[str],
                      by_id: dict[int, EntryView]) -> None:
    agents: list[Json] = []
    activity: Json | None = None
    reason: str | None = None
    if e.status is EntryStatus.ENTERED_IN_ERROR:
        activity = concept([coding(C.DATA_OPERATION, "NULLIFY", "nullify")], "entered in error")
        reason = e.invalidation_reason
    elif e.supersedes_id is not None:
        activity = concept([coding(C.DATA_OPERATION, "UPDATE", "revise")], "corrected")
        old = by_id.get(e.supersedes_id)
        reason = old.invalidation_reason if old is not None else None
    dev = device_of(e)
    if dev is not None and dev[0] in b.device_ids:
        agents.append({"type": concept([coding(C.PROVENANCE_AGENT, "performer", "Performer")]),
                       "who": ref(b.device_ids[dev[0]], dev[1])})
        # the nurse who validated the monitor's set charted it (a second checker if any)
        agents.append({"type": concept([coding(C.PROVENANCE_AGENT, "verifier", "Verifier")]),
                       "who": b.person(e.checked_by_id or e.user_id)})
    if activity is None and not agents:
        return
    agents.append({"type": concept([coding(C.PROVENANCE_AGENT, "author", "Author")]),
                   "who": b.person(e.user_id)})
    res: Json = {
        "resourceType": "Provenance",
        "id": b.ids.of("provenance", "entry", root, e.id),
        "target": [ref(r) for r in rids],
        "recorded": b.clock.at(e.invalidated_at or e.recorded_at),
        "agent": agents,
    }
    if activity is not None:
        res["activity"] = activity
    if reason:
        res["reason"] = [concept([], reason)]
    b.add(res)
