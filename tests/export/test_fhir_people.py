"""Who the exports name besides the author of an entry: the second clinician who checked a
dose override (an additional MedicationAdministration performer, a Practitioner of the Bundle,
the CSV ``checked_by`` column), and the nurse who validated a monitor's set (the Provenance's
verifier, the device its performer)."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from chairlog.domain import EntryKind
from chairlog.services import charting, csvset, doses, exports, views
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse
from tests.export.fhir_checks import bundle_errors, resources

VERIFIER = "http://terminology.hl7.org/CodeSystem/med-admin-perform-function"


def bundle_of(c: Clinic, sid: int) -> dict[str, Any]:
    return json.loads(exports.export_fhir(c.app, c.physician, sid).data)


def test_an_override_checked_by_a_second_clinician_names_them_in_the_export(
        clinic: Clinic, tmp_path: Path) -> None:
    c = clinic
    s = ready_to_infuse(c)
    c.clock.advance(minutes=5)
    doses.start_infusion(c.app, c.nurse, s.id, 0.5)
    c.clock.advance(minutes=10)
    over = doses.change_rate(c.app, c.nurse, s.id, 2.5, override_reason="Dr Lee: refractory",
                             checked_by=("omar", PASSWORDS["omar"]))
    c.clock.advance(minutes=10)
    doses.stop_infusion(c.app, c.nurse, s.id)
    (entry,) = [e for e in views.get_session(c.app, s.id).entries if e.id == over.entry.id]
    assert entry.checked_by_id == c.nurse2.id and entry.checked_by_name == "Omar Øster, RN"

    # the Bundle: Omar is a Practitioner (he charted nothing himself) and the checking performer
    # of the overridden segment, after its author; every other administration has the author only
    inp = exports.fhir_input(c.app, s.id)
    assert c.nurse2.id in inp.people
    bundle = bundle_of(c, s.id)
    assert bundle_errors(bundle) == []
    names = {p["id"]: p["name"][0]["text"] for p in resources(bundle, "Practitioner")}
    assert "Omar Øster, RN" in names.values()
    segments = [m for m in resources(bundle, "MedicationAdministration")
                if "effectivePeriod" in m]
    weight = views.get_session(c.app, s.id).weight_kg
    (checked,) = [m for m in segments
                  if round(m["dosage"]["rateQuantity"]["value"] / weight, 6) == 2.5]
    author, checker = checked["performer"]
    assert author["actor"]["display"] == "Nina Nurse, RN" and "function" not in author
    assert checker["actor"]["display"] == "Omar Øster, RN"
    assert checker["actor"]["reference"].removeprefix("urn:uuid:") in names
    assert checker["function"]["coding"] == [{"system": VERIFIER, "code": "verifier",
                                              "display": "Verifier"}]
    assert all(len(m["performer"]) == 1 for m in segments if m is not checked)

    # the CSV set: the dose row names the checker
    out = tmp_path / "csv"
    csvset.export_csv(c.app, c.physician, "2026-01-01", "2026-12-31", out)
    with (out / "doses.csv").open(encoding="utf-8", newline="") as fh:
        rows = {int(r["entry_id"]): r for r in csv.DictReader(fh)}
    assert rows[over.entry.id]["checked_by"] == "Omar Øster, RN"
    assert {r["checked_by"] for i, r in rows.items() if i != over.entry.id} == {""}


def test_a_validated_monitor_set_names_its_device_and_the_validating_nurse(
        clinic: Clinic) -> None:
    """A monitor's set reaches the record only once a nurse validated it (``services.monitor``
    charts it through ``record_vitals`` with "monitor DEVICE, control id ID" as its source):
    its Observations carry the Device, and a Provenance names the device as performer and the
    validating nurse as verifier and author; a set typed by a nurse has neither."""
    c = clinic
    s = ready_to_infuse(c)
    c.clock.advance(minutes=5)
    doses.start_infusion(c.app, c.nurse, s.id, 0.5)
    c.clock.advance(minutes=5)
    fed = charting.record_vitals(c.app, c.nurse2, s.id,
                                 {"hr": 72, "sbp": 118, "dbp": 76, "spo2": 97, "rr": 14},
                                 source="monitor MINDRAY-ICU-3, control id 88")
    c.clock.advance(minutes=15)
    charting.record_vitals(c.app, c.nurse, s.id,
                           {"hr": 70, "sbp": 117, "dbp": 75, "spo2": 98, "rr": 14})
    bundle = bundle_of(c, s.id)
    assert bundle_errors(bundle) == []
    (device,) = resources(bundle, "Device")
    assert device["deviceName"][0]["name"] == "MINDRAY-ICU-3"
    obs = [o for o in resources(bundle, "Observation") if o["category"][0]["coding"][0]["code"]
           == "vital-signs" and "valueQuantity" in o and o["valueQuantity"]["code"] != "kg"]
    from_device = [o for o in obs if "device" in o]
    at = fed.entry.charted_at
    assert from_device and all(datetime.fromisoformat(o["effectiveDateTime"]) == at
                               for o in from_device)
    assert any(datetime.fromisoformat(o["effectiveDateTime"]) != at for o in obs)
    (prov,) = [p for p in resources(bundle, "Provenance")
               if any(a["who"]["reference"] == f"urn:uuid:{device['id']}" for a in p["agent"])]
    roles = {a["type"]["coding"][0]["code"]: a["who"].get("display") for a in prov["agent"]}
    assert roles == {"performer": "MINDRAY-ICU-3", "verifier": "Omar Øster, RN",
                     "author": "Omar Øster, RN"}
    vitals = [e for e in views.get_session(c.app, s.id).entries if e.kind is EntryKind.VITALS]
    assert sum(e.checked_by_id is None for e in vitals) == len(vitals)
