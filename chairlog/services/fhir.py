"""A session record as one FHIR R4 Bundle (type ``collection``): pure, no Qt, no database.

Resources: Organization (the clinic), Patient, Practitioner (every account that charted,
corrected or signed), Location (the chair), Condition (the protocol's indication), Encounter,
Device (monitors, when entries carry a monitor source), Observation (vital signs per the R4
vital-signs profile, weight, scores), MedicationAdministration (one per constant-rate infusion
segment, one per bolus, one per rescue medication, and dose entries entered in error),
Condition + AdverseEvent per side effect, Provenance, DocumentReference (the record PDF).

Decisions (also in README, "Interoperable export"):
- Infusion segments are ``clinical.dosing.infusion_periods`` over the session's active dose
  events, so Σ rate × duration + Σ boluses equals ``SessionView.cumulative_mg`` at the record's
  end. A finished segment also carries the amount it delivered as ``dosage.dose`` (mg); a
  segment still running has no end, status ``in-progress``.
- Status: an entry entered in error keeps FHIR ``entered-in-error`` (Observation and
  MedicationAdministration status, Condition.verificationStatus); a corrected entry appears
  once, as its replacement, under the id of the chain's first entry, with Observation status
  ``amended`` (MedicationAdministration has no such code: ``completed`` + a note) and a
  Provenance (activity UPDATE, the correction's reason).
- A rescue medication's ``reasonReference`` points at the side effect's Condition (R4 does
  not allow an AdverseEvent there); the optional AdverseEvent links the Condition
  (``resultingCondition``) and the ketamine administration (``suspectEntity``).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from chairlog.services import fhir_codes as C
from chairlog.services.fhir_base import (
    Clock,
    DocumentInfo,
    FhirInput,
    Ids,
    Json,
    Person,
    chain_root,
    coding,
    concept,
    prune,
    ref,
)

__all__ = ["Builder", "build_bundle"]

FINISHED_STATES = ("discharged", "signed", "amending", "stopped_early")


@dataclass
class Builder:
    inp: FhirInput
    ids: Ids
    clock: Clock
    record: str
    entries: list[Json] = field(default_factory=list)
    root: dict[int, int] = field(default_factory=dict)
    #: resource ids charted by each user (Provenance targets)
    authored: dict[int, list[str]] = field(default_factory=dict)
    device_ids: dict[str, str] = field(default_factory=dict)

    # --- shared ------------------------------------------------------------------------
    def add(self, resource: Json) -> str:
        rid = str(resource["id"])
        self.entries.append({"fullUrl": f"urn:uuid:{rid}", "resource": resource})
        return rid

    @property
    def patient_id(self) -> str:
        return self.ids.clinic_scoped("patient", self.inp.view.patient.id)

    @property
    def encounter_id(self) -> str:
        return self.ids.of("encounter")

    @property
    def indication_id(self) -> str:
        return self.ids.of("indication")

    def practitioner_id(self, user_id: int) -> str:
        return self.ids.clinic_scoped("practitioner", user_id)

    def person(self, user_id: int) -> Json:
        p = self.inp.people.get(user_id)
        return ref(self.practitioner_id(user_id), _display(p) if p else None)

    def subject(self) -> Json:
        v = self.inp.view.patient
        return ref(self.patient_id, f"{v.family_name}, {v.given_name}")

    def authored_by(self, user_id: int, rid: str) -> None:
        self.authored.setdefault(user_id, []).append(rid)

    @property
    def end(self) -> datetime:
        """The record's end: discharge or early stop, else the export instant."""
        v = self.inp.view
        fallback = self.inp.as_of or max((e.charted_at for e in v.entries),
                                         default=v.checked_in_at)
        return v.discharged_at or v.stopped_early_at or fallback

    # --- the frame ---------------------------------------------------------------------
    def organization(self) -> None:
        c = self.inp.clinic
        org: Json = {"resourceType": "Organization", "id": self.ids.clinic_scoped("organization"),
                     "active": True, "name": c.name}
        if c.address:
            org["address"] = [{"text": c.address}]
        self.add(org)

    def patient(self) -> None:
        p = self.inp.view.patient
        res: Json = {
            "resourceType": "Patient",
            "id": self.patient_id,
            "identifier": [{
                "use": "usual",
                "type": concept([coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR",
                                        "Medical record number")]),
                "system": f"urn:uuid:{self.ids.clinic_scoped('mrn-system')}",
                "value": p.mrn,
            }],
            "name": [{"use": "official", "family": p.family_name, "given": [p.given_name],
                      "text": f"{p.given_name} {p.family_name}"}],
            "gender": C.GENDERS.get(p.sex, "unknown"),
            "managingOrganization": ref(self.ids.clinic_scoped("organization"),
                                        self.inp.clinic.name),
        }
        if p.date_of_birth is not None:
            res["birthDate"] = p.date_of_birth.isoformat()
        self.add(res)

    def practitioners(self) -> None:
        for uid in sorted(self.inp.people):
            p = self.inp.people[uid]
            name: Json = {"text": _display(p)}
            parts = p.full_name.split()
            if len(parts) > 1:
                name["family"] = parts[-1]
                name["given"] = parts[:-1]
            if p.credentials:
                name["suffix"] = [p.credentials]
            self.add({
                "resourceType": "Practitioner",
                "id": self.practitioner_id(uid),
                "identifier": [{"system": f"urn:uuid:{self.ids.clinic_scoped('username')}",
                                "value": p.username}],
                "active": True,
                "name": [name],
            })

    def location(self) -> str:
        chair = self.inp.view.chair
        return self.add({
            "resourceType": "Location",
            "id": self.ids.clinic_scoped("chair", chair.id),
            "status": "active" if chair.active else "inactive",
            "name": chair.name,
            "mode": "instance",
            "managingOrganization": ref(self.ids.clinic_scoped("organization")),
        })

    def indication(self) -> None:
        text = self.inp.view.protocol.indication or self.inp.view.protocol_key
        low = text.lower()
        codes = [coding(C.SNOMED, code, disp) for words, code, disp in C.INDICATIONS
                 if any(w in low for w in words)][:1]
        self.add({
            "resourceType": "Condition",
            "id": self.indication_id,
            "clinicalStatus": concept([coding(C.COND_CLINICAL, "active", "Active")]),
            "verificationStatus": concept([coding(C.COND_VERIFICATION, "confirmed",
                                                  "Confirmed")]),
            "category": [concept([coding(C.COND_CATEGORY, "encounter-diagnosis",
                                         "Encounter Diagnosis")])],
            "code": concept(codes, text),
            "subject": self.subject(),
            "encounter": ref(self.encounter_id),
        })

    def encounter(self, location_id: str) -> None:
        v = self.inp.view
        finished = v.state.value in FINISHED_STATES
        period: Json = {"start": self.clock.at(v.checked_in_at)}
        end = v.discharged_at or v.stopped_early_at
        if finished and end is not None:
            period["end"] = self.clock.at(end)
        self.add({
            "resourceType": "Encounter",
            "id": self.encounter_id,
            "identifier": [{"system": f"urn:uuid:{self.ids.clinic_scoped('record-id')}",
                            "value": self.record}],
            "status": "finished" if finished else "in-progress",
            "class": coding(C.ACT_CODE, "AMB", "ambulatory"),
            "type": [concept([], f"IV ketamine infusion ({v.protocol_key} "
                                 f"v{v.protocol_version})")],
            "subject": self.subject(),
            "participant": [{"individual": self.person(self.inp.nurse_id)}],
            "period": period,
            "reasonReference": [ref(self.indication_id)],
            "location": [{"location": ref(location_id, v.chair.name)}],
            "serviceProvider": ref(self.ids.clinic_scoped("organization")),
        })

    def devices(self) -> None:
        for key, label in sorted(self.inp.devices.items()):
            did = self.ids.clinic_scoped("device", key)
            self.device_ids[key] = did
            self.add({
                "resourceType": "Device",
                "id": did,
                "identifier": [{"system": f"urn:uuid:{self.ids.clinic_scoped('devices')}",
                                "value": key}],
                "status": "active",
                "deviceName": [{"name": label, "type": "user-friendly-name"}],
                "type": concept([], "Patient monitor"),
                "owner": ref(self.ids.clinic_scoped("organization")),
            })

    # --- documents and provenance ------------------------------------------------------
    def document(self, doc: DocumentInfo, status: str, replaces: str | None,
                 with_data: bool) -> str:
        v = self.inp.view
        attachment: Json = {
            "contentType": "application/pdf",
            "size": len(doc.pdf),
            "hash": base64.b64encode(hashlib.sha1(doc.pdf).digest()).decode("ascii"),
            "title": f"{self.record} version {doc.version}"
                     + ("" if doc.signed else " (UNSIGNED DRAFT)"),
        }
        if with_data:
            attachment["data"] = base64.b64encode(doc.pdf).decode("ascii")
        res: Json = {
            "resourceType": "DocumentReference",
            "id": self.ids.of("document", doc.version, "signed" if doc.signed else "draft"),
            "identifier": [{"system": f"urn:uuid:{self.ids.clinic_scoped('record-id')}",
                            "value": f"{self.record}/v{doc.version}"}],
            "status": status,
            "docStatus": "final" if doc.signed else "preliminary",
            "type": concept([], "IV ketamine infusion session record"),
            "subject": self.subject(),
            "content": [{"attachment": attachment}],
            "context": {"encounter": [ref(self.encounter_id)],
                        "period": {"start": self.clock.at(v.checked_in_at)}},
        }
        if doc.signed and doc.signer_id is not None:
            res["authenticator"] = self.person(doc.signer_id)
            if doc.meaning:
                res["description"] = doc.meaning
        if doc.signed_at is not None:
            res["date"] = self.clock.at(doc.signed_at)
        if replaces is not None:
            res["relatesTo"] = [{"code": "replaces", "target": ref(replaces)}]
        return self.add(res)

    def documents(self) -> None:
        previous: str | None = None
        for old in self.inp.earlier:
            previous = self.document(old, "superseded", previous, with_data=False)
        if self.inp.document is not None:
            self.document(self.inp.document, "current", previous, with_data=True)

    def provenance(self) -> None:
        recorded = {e.user_id: e.recorded_at for e in self.inp.view.entries}
        for uid, targets in sorted(self.authored.items()):
            self.add({
                "resourceType": "Provenance",
                "id": self.ids.of("provenance", "author", uid),
                "target": [ref(t) for t in targets],
                "recorded": self.clock.at(recorded.get(uid, self.inp.view.checked_in_at)),
                "agent": [{"type": concept([coding(C.PROVENANCE_AGENT, "author", "Author")]),
                           "who": self.person(uid)}],
            })


def _display(p: Person) -> str:
    return f"{p.full_name}, {p.credentials}" if p.credentials else p.full_name


def build_bundle(inp: FhirInput, record: str, bundle_at: datetime) -> Json:
    """The Bundle (a JSON-ready dict) for ``inp``; ``record`` is the record id (S-000123)."""
    from chairlog.services import fhir_clinical

    b = Builder(inp=inp, ids=Ids(inp.clinic, record), clock=Clock(inp.clinic.timezone),
                record=record)
    b.root = chain_root(inp.view)
    b.organization()
    b.patient()
    b.practitioners()
    loc = b.location()
    b.indication()
    b.encounter(loc)
    b.devices()
    fhir_clinical.weight(b)
    fhir_clinical.entries(b)
    b.documents()
    b.provenance()
    bundle: Json = prune({
        "resourceType": "Bundle",
        "id": b.ids.of("bundle"),
        "meta": {"lastUpdated": b.clock.at(bundle_at)},
        "identifier": {"system": f"urn:uuid:{b.ids.clinic_scoped('record-id')}",
                       "value": record},
        "type": "collection",
        "timestamp": b.clock.at(bundle_at),
        "entry": b.entries,
    })
    return bundle
