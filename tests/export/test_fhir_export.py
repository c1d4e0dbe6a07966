"""FHIR R4 export: every demo session validates against the official R4 JSON schema and the
vital-signs profile rules (an independent validator, ``fhir_checks``), and its values agree with
the read model (SessionView)."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from chairlog.domain import EntryKind, SessionView
from chairlog.errors import NotFound, PermissionDenied
from chairlog.services import (
    accounts,
    audit_log,
    charting,
    corrections,
    demo,
    doses,
    exports,
    records,
    signoff,
    views,
)
from tests import template_steps
from tests.conftest import Clinic, ready_to_infuse
from tests.export.fhir_checks import LOINC, RXNORM_KETAMINE, bundle_errors, has_code, resources
from tests.record_helpers import CRITERIA, discharged_session


def _demo(app: Any) -> None:
    demo.fill_demo(app, sign=signoff.sign_for_demo)


#: the demo data on an empty database, copied from a template made once per process
demo_filled = template_steps.app_fixture("demo_filled", _demo)


@pytest.fixture
def demo_app(app: Any, demo_filled: None) -> Any:
    return app


def doctor(app: Any) -> Any:
    return accounts.login(app, "okafor", "demo-doctor-1")


def bundle_of(app: Any, actor: Any, sid: int, **kw: Any) -> dict[str, Any]:
    return json.loads(exports.export_fhir(app, actor, sid, **kw).data)


def record_end(app: Any, v: SessionView) -> datetime:
    return v.discharged_at or v.stopped_early_at or app.now()


def ketamine_mg(bundle: dict[str, Any], as_of: datetime) -> float:
    """Σ rate × duration + Σ boluses, read from the Bundle alone."""
    total = 0.0
    for ma in resources(bundle, "MedicationAdministration"):
        if not has_code(ma, *RXNORM_KETAMINE, field="medicationCodeableConcept"):
            continue
        if ma["status"] == "entered-in-error":
            continue
        dosage = ma["dosage"]
        if "effectivePeriod" in ma:
            period = ma["effectivePeriod"]
            start = datetime.fromisoformat(period["start"])
            end = datetime.fromisoformat(period["end"]) if "end" in period else as_of
            assert dosage["rateQuantity"]["code"] == "mg/h"
            total += dosage["rateQuantity"]["value"] * (end - start).total_seconds() / 3600
        else:
            assert dosage["dose"]["code"] == "mg"
            total += dosage["dose"]["value"]
    return total


def check_against_view(app: Any, bundle: dict[str, Any], v: SessionView, tz: str) -> None:
    zone = ZoneInfo(tz)
    end = record_end(app, v)
    want = v.cumulative_mg(end)
    got = ketamine_mg(bundle, end)
    assert got == pytest.approx(want, rel=1e-6, abs=1e-9)
    (patient,) = resources(bundle, "Patient")
    assert patient["identifier"][0]["value"] == v.patient.mrn
    assert patient["name"][0]["family"] == v.patient.family_name
    (enc,) = resources(bundle, "Encounter")
    assert enc["status"] == ("in-progress" if v.discharged_at is None and v.stopped_early_at
                             is None else "finished")
    assert datetime.fromisoformat(enc["period"]["start"]) == v.checked_in_at
    assert enc["period"]["start"].endswith(
        v.checked_in_at.astimezone(zone).isoformat()[-6:])
    obs = resources(bundle, "Observation")
    hr = {datetime.fromisoformat(o["effectiveDateTime"]): o["valueQuantity"]["value"]
          for o in obs if has_code(o, LOINC, "8867-4") and o["status"] != "entered-in-error"}
    assert hr == {e.charted_at: e.data["hr"] for e in v.active_entries(EntryKind.VITALS)}
    bp = sorted((datetime.fromisoformat(o["effectiveDateTime"]),
                 tuple(c["valueQuantity"]["value"] for c in o["component"]))
                for o in obs if has_code(o, LOINC, "85354-9") and o["status"] != "entered-in-error")
    assert bp == sorted((e.charted_at, (e.data["sbp"], e.data["dbp"]))
                        for e in v.active_entries(EntryKind.VITALS))
    pain = sorted(o["valueInteger"] for o in obs if has_code(o, LOINC, "72514-3")
                  and o["status"] != "entered-in-error")
    assert pain == sorted(e.data["score"] for e in v.active_entries(EntryKind.ASSESSMENT)
                          if e.data["scale"] == "pain_nrs")
    (weight,) = [o for o in obs if has_code(o, LOINC, "29463-7")]
    assert weight["valueQuantity"] == {"value": v.weight_kg, "unit": "kg",
                                       "system": "http://unitsofmeasure.org", "code": "kg"}
    effects = [c for c in resources(bundle, "Condition") if c["id"] != enc["reasonReference"][0]
               ["reference"].removeprefix("urn:uuid:")]
    assert len(effects) == len([e for e in v.entries if e.kind is EntryKind.SIDE_EFFECT
                                and e.status.value != "corrected"])


def test_every_demo_session_validates_and_agrees_with_the_read_model(demo_app: Any) -> None:
    app = demo_app
    actor = doctor(app)
    tz = accounts.get_clinic(app).timezone
    rows = views.list_sessions(app)
    assert len(rows) == 9
    kinds: set[str] = set()
    for row in rows:
        bundle = bundle_of(app, actor, row.id)
        assert bundle_errors(bundle) == [], row.id
        v = views.get_session(app, row.id)
        check_against_view(app, bundle, v, tz)
        kinds |= {e["resource"]["resourceType"] for e in bundle["entry"]}
        # the DocumentReference describes the exact bytes `chairlog export` writes
        pdf = records.export_record(app, row.id)
        current = [d for d in resources(bundle, "DocumentReference") if d["status"] == "current"]
        (doc,) = current
        att = doc["content"][0]["attachment"]
        assert att["size"] == len(pdf)
        assert att["hash"] == base64.b64encode(hashlib.sha1(pdf).digest()).decode()
        assert base64.b64decode(att["data"]) == pdf
        assert doc["docStatus"] == ("final" if row.state.value == "signed" else "preliminary")
        if row.state.value == "signed":
            signer = doc["authenticator"]["reference"]
            (prac,) = [p for p in resources(bundle, "Practitioner")
                       if f"urn:uuid:{p['id']}" == signer]
            assert prac["name"][0]["text"] == "Chiamaka Okafor, MD"
    assert {"Patient", "Encounter", "Condition", "Practitioner", "Observation",
            "MedicationAdministration", "AdverseEvent", "Provenance", "DocumentReference",
            "Location", "Organization"} <= kinds


def test_exporting_twice_gives_the_same_ids_and_content(demo_app: Any) -> None:
    app = demo_app
    actor = doctor(app)
    for row in views.list_sessions(app)[:3]:
        a = bundle_of(app, actor, row.id)
        app.clock.advance(minutes=7)
        b = bundle_of(app, actor, row.id)
        assert [e["fullUrl"] for e in a["entry"]] == [e["fullUrl"] for e in b["entry"]]
        assert a["id"] == b["id"]
        if row.state.value in ("signed", "discharged", "stopped_early"):
            assert a["entry"] == b["entry"]


def test_rescue_medication_points_at_the_side_effect_condition(demo_app: Any) -> None:
    app = demo_app
    actor = doctor(app)
    found = 0
    for row in views.list_sessions(app):
        bundle = bundle_of(app, actor, row.id)
        by_url = {e["fullUrl"]: e["resource"] for e in bundle["entry"]}
        for ma in resources(bundle, "MedicationAdministration"):
            if has_code(ma, "http://www.nlm.nih.gov/research/umls/rxnorm", "26225",
                        field="medicationCodeableConcept"):
                (reason,) = ma["reasonReference"]
                cond = by_url[reason["reference"]]
                assert cond["resourceType"] == "Condition"
                assert has_code(cond, "http://snomed.info/sct", "422587007")  # nausea
                found += 1
        for ae in resources(bundle, "AdverseEvent"):
            target = by_url[ae["resultingCondition"][0]["reference"]]
            assert target["resourceType"] == "Condition"
            suspect = by_url[ae["suspectEntity"][0]["instance"]["reference"]]
            assert has_code(suspect, *RXNORM_KETAMINE, field="medicationCodeableConcept")
    assert found >= 3


def test_corrections_errors_and_boluses_keep_their_status(clinic: Clinic) -> None:
    c = clinic
    app, nurse = c.app, c.nurse
    s = ready_to_infuse(c)
    sid = s.id
    c.clock.advance(minutes=5)
    doses.start_infusion(app, nurse, sid, 0.5)
    c.clock.advance(minutes=10)
    doses.give_bolus(app, nurse, sid, 10)
    c.clock.advance(minutes=5)
    rate = doses.change_rate(app, nurse, sid, 0.8)
    c.clock.advance(minutes=10)
    wrong = charting.record_vitals(app, nurse, sid, {"hr": 150, "sbp": 121, "dbp": 75,
                                                     "spo2": 97, "rr": 14})
    fixed = corrections.correct_entry(app, nurse, wrong.entry.id, "Typo: HR was 105", hr=105)
    for alert in wrong.alerts:
        charting.acknowledge_alert(app, nurse, alert.id, "Typing error, corrected")
    dup = charting.record_vitals(app, nurse, sid, {"hr": 80, "sbp": 120, "dbp": 75,
                                                   "spo2": 97, "rr": 14, "temp_c": 36.8,
                                                   "etco2": 38})
    corrections.mark_entered_in_error(app, nurse, dup.entry.id, "Wrong chair")
    se = charting.record_side_effect(app, nurse, sid, "headache", "mild", "rescue_med")
    med = charting.record_medication(app, nurse, sid, "midazolam", 1, "mg", "IV",
                                     treats_entry_id=se.entry.id)
    corrections.mark_entered_in_error(app, nurse, med.entry.id, "Charted twice")
    c.clock.advance(minutes=5)
    corrections.correct_entry(app, nurse, rate.entry.id, "Rate was 0.7", rate=0.7)
    c.clock.advance(minutes=20)
    doses.stop_infusion(app, nurse, sid)
    for _ in range(4):
        c.clock.advance(minutes=16)
        charting.record_vitals(app, nurse, sid, {"hr": 70, "sbp": 118, "dbp": 72, "spo2": 98,
                                                 "rr": 14})
    charting.record_assessment(app, nurse, sid, "pain_nrs", 3, phase="after")
    charting.record_assessment(app, nurse, sid, "aldrete", items=[2, 2, 2, 2, 2],
                               phase="discharge")
    charting.discharge(app, nurse, sid, criteria=CRITERIA, escort_name="Tom",
                       instructions_given=True)
    bundle = bundle_of(app, c.physician, sid)
    assert bundle_errors(bundle) == []
    v = views.get_session(app, sid)
    check_against_view(app, bundle, v, "Europe/Berlin")
    obs = resources(bundle, "Observation")
    ids = exports.fhir_input(app, sid)
    from chairlog.services.fhir_base import Ids

    key = Ids(ids.clinic, f"S-{sid:06d}")
    (hr_fixed,) = [o for o in obs if o["id"] == key.of("vitals", wrong.entry.id, "hr")]
    assert hr_fixed["status"] == "amended" and hr_fixed["valueQuantity"]["value"] == 105
    assert fixed.entry.id != wrong.entry.id
    in_error = [o for o in obs if o["status"] == "entered-in-error"]
    assert {o["id"] for o in in_error} == {key.of("vitals", dup.entry.id, k)
                                           for k in ("hr", "rr", "spo2", "temp_c", "etco2",
                                                     "bp")}
    (temp,) = [o for o in in_error if has_code(o, LOINC, "8310-5")]
    assert temp["valueQuantity"]["code"] == "Cel" and temp["valueQuantity"]["value"] == 36.8
    mas = resources(bundle, "MedicationAdministration")
    (mid,) = [m for m in mas if has_code(m, "http://www.nlm.nih.gov/research/umls/rxnorm",
                                         "6960", field="medicationCodeableConcept")]
    assert mid["status"] == "entered-in-error"
    condition = f"urn:uuid:{key.of('side-effect', se.entry.id)}"
    assert mid["reasonReference"][0]["reference"] == condition
    boluses = [m for m in mas if "effectiveDateTime" in m and has_code(
        m, *RXNORM_KETAMINE, field="medicationCodeableConcept")]
    assert [b["dosage"]["dose"]["value"] for b in boluses] == [10]
    segments = [m for m in mas if "effectivePeriod" in m]
    assert [round(m["dosage"]["rateQuantity"]["value"], 6) for m in segments] == [40.0, 56.0]
    assert all(m["status"] == "completed" for m in segments)
    provenance = resources(bundle, "Provenance")
    activities = {p.get("activity", {}).get("text") for p in provenance}
    assert {"corrected", "entered in error"} <= activities
    reasons = {r["text"] for p in provenance for r in p.get("reason", [])}
    assert {"Typo: HR was 105", "Wrong chair", "Charted twice", "Rate was 0.7"} <= reasons


def test_the_validator_is_not_vacuous(clinic: Clinic) -> None:
    """Each broken copy of a valid Bundle is caught (schema, profile, or R4 invariants)."""
    sid = discharged_session(clinic)
    good = bundle_of(clinic.app, clinic.physician, sid)
    assert bundle_errors(good) == []

    def broken(fn: Any) -> list[str]:
        b = copy.deepcopy(good)
        fn(b)
        return bundle_errors(b)

    def first(b: dict[str, Any], kind: str, pred: Any = lambda r: True) -> dict[str, Any]:
        return next(r for r in resources(b, kind) if pred(r))

    def is_bp(o: dict[str, Any]) -> bool:
        return has_code(o, LOINC, "85354-9")

    assert broken(lambda b: first(b, "Encounter").pop("class"))  # required by the R4 schema
    assert broken(lambda b: first(b, "Observation", is_bp)["component"][0]["valueQuantity"]
                  .update(code="mmHg"))
    assert broken(lambda b: first(b, "Observation").update(status="done"))
    assert broken(lambda b: first(b, "Observation").update(effectiveDateTime="2026-03-02T14:00"))
    assert broken(lambda b: first(b, "Observation").pop("subject"))
    assert broken(lambda b: first(b, "Patient").update(colour="blue"))
    ae = first(good, "AdverseEvent")
    assert broken(lambda b: first(b, "MedicationAdministration", lambda m: "reasonReference" in m)
                  .update(reasonReference=[{"reference": f"urn:uuid:{ae['id']}"}]))
    assert broken(lambda b: b["entry"].append(copy.deepcopy(b["entry"][0])))


def test_export_is_audited_and_refuses_what_does_not_exist(demo_app: Any) -> None:
    app = demo_app
    actor = doctor(app)
    sid = views.list_sessions(app)[0].id
    out = exports.export_fhir(app, actor, sid)
    rows = [r for r in audit_log.list_audit(app, actor, session_id=sid)
            if r.action == "export.fhir"]
    assert len(rows) == 1 and rows[0].username == "okafor"
    assert rows[0].after is not None and rows[0].after["resources"] == out.resources
    assert rows[0].after["sha256"] == hashlib.sha256(out.data).hexdigest()
    assert audit_log.verify_audit(app).ok
    with pytest.raises(NotFound, match="No session 9999"):
        exports.export_fhir(app, actor, 9999)
    with pytest.raises(NotFound, match="No signed version 5"):
        exports.export_fhir(app, actor, sid, version=5)
    admin = accounts.login(app, "admin", "demo-admin-1")
    who = accounts.list_users(app)
    ana = next(u for u in who if u.username == "ana")
    accounts.set_active(app, admin, ana.id, False, "left the clinic",
                        expected_version=accounts.get_user(app, ana.id).version)
    with pytest.raises(PermissionDenied):
        exports.export_fhir(app, ana, sid)


def test_signed_version_n_is_described_by_its_exact_bytes(demo_app: Any) -> None:
    app = demo_app
    actor = doctor(app)
    (signed,) = [r for r in views.list_sessions(app) if r.state.value == "signed"]
    bundle = bundle_of(app, actor, signed.id, version=1)
    assert bundle_errors(bundle) == []
    pdf = records.get_signed_pdf(app, signed.id, 1)
    (doc,) = resources(bundle, "DocumentReference")
    assert doc["content"][0]["attachment"]["hash"] == base64.b64encode(
        hashlib.sha1(pdf).digest()).decode()
    assert doc["docStatus"] == "final" and doc["status"] == "current"


def test_random_timelines_and_hostile_text_stay_valid_and_exact(clinic: Clinic) -> None:
    """Times with microseconds, pauses, resumes, boluses, an unusual drug name and white
    space FHIR strings forbid (no-break space, line separator): valid, and the segments add up
    exactly to the record's cumulative dose."""
    import random
    from datetime import timedelta

    from chairlog.services import patients

    rng = random.Random(17)
    c = clinic
    odd = patients.create_patient(c.app, c.nurse, mrn="M-777",
                                  family_name="Le\u00a0Brun", given_name="Zoé\u2028Ann")
    for n in range(3):
        s = ready_to_infuse(c, patient=(odd, c.patient, c.patient2)[n], chair=n)
        sid = s.id
        app, nurse = c.app, c.nurse

        def tick() -> None:
            c.clock.set(c.clock.now() + timedelta(seconds=rng.uniform(30, 900)))

        tick()
        doses.start_infusion(app, nurse, sid, round(rng.uniform(0.1, 0.5), 3))
        paused = False
        for _ in range(rng.randint(3, 7)):
            tick()
            step = rng.choice(["rate", "pause", "bolus"])
            if paused:
                doses.resume_infusion(app, nurse, sid)
                paused = False
            elif step == "rate":
                doses.change_rate(app, nurse, sid, round(rng.uniform(0.1, 0.6), 4))
            elif step == "pause":
                doses.pause_infusion(app, nurse, sid, "assessing")
                paused = True
            else:
                doses.give_bolus(app, nurse, sid, round(rng.uniform(1, 5), 2))
        se = charting.record_side_effect(app, nurse, sid, "hypertension", "moderate",
                                         "rescue_med", note="BP\u00a0up  fast")
        charting.record_medication(app, nurse, sid, "Clonidine  extra\u00a0strength", 0.1,
                                   "mg", "PO", treats_entry_id=se.entry.id)
        tick()
        if n == 2:
            # still running: the open segment has no end; the total is taken at the export
            bundle = bundle_of(app, c.physician, sid)
            assert bundle_errors(bundle) == []
            v = views.get_session(app, sid)
            assert ketamine_mg(bundle, app.now()) == pytest.approx(v.cumulative_mg(app.now()),
                                                                  rel=1e-6)
            running = [m for m in resources(bundle, "MedicationAdministration")
                       if m["status"] == "in-progress"]
            assert len(running) == (0 if paused else 1)
            continue
        doses.stop_infusion(app, nurse, sid)
        bundle = bundle_of(app, c.physician, sid)
        assert bundle_errors(bundle) == []
        v = views.get_session(app, sid)
        stop = v.infusion_stopped_at
        assert stop is not None
        assert ketamine_mg(bundle, stop) == pytest.approx(v.cumulative_mg(stop), rel=1e-6)
        times = [m["effectivePeriod"]["start"] for m in resources(
            bundle, "MedicationAdministration") if "effectivePeriod" in m]
        assert any("." in t for t in times)  # microseconds kept, not rounded away
        (p,) = resources(bundle, "Patient")
        if n == 0:
            assert p["name"][0]["family"] == "Le Brun"
            assert p["name"][0]["given"] == ["Zoé Ann"]


def test_a_validated_monitor_set_is_exported_with_its_device(clinic: Clinic) -> None:
    """End to end with the monitor feed's own path: a validated set is a vitals entry whose
    text names the monitor ("monitor DEVICE, control id ID", ``services.monitor``)."""
    from chairlog.services import charting

    s = ready_to_infuse(clinic)
    clinic.clock.advance(minutes=3)
    charting.record_vitals(clinic.app, clinic.nurse, s.id,
                           {"hr": 71, "sbp": 118, "dbp": 76, "spo2": 97, "rr": 14},
                           source="monitor GE-B40-BED2, control id 4711")
    bundle = json.loads(exports.export_fhir(clinic.app, clinic.nurse, s.id).data)
    assert bundle_errors(bundle) == []
    (device,) = resources(bundle, "Device")
    assert "GE-B40-BED2" in json.dumps(device)
    ref = f"urn:uuid:{device['id']}"
    assert any(o.get("device", {}).get("reference") == ref
               for o in resources(bundle, "Observation"))
