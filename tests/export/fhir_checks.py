"""An independent check of a FHIR R4 Bundle, written without the exporter's code.

1. The official FHIR R4 JSON schema (``fhir.schema.json``, vendored beside this file; see
   ``SCHEMA-LICENSE.md``), checked with ``jsonschema`` (draft 6, as the schema declares).
   Decisions: speed only, the same verdict. The schema's resource choice (the root and
   ``ResourceList``) is a ``oneOf`` over 146 ``$ref``s, each resource definition requiring
   ``resourceType`` with ``const`` its own name; plain ``oneOf`` validates every resource
   against all 146 (most of the suite's FHIR time). For an object whose ``resourceType`` names
   one of those definitions, the other 145 fail on that ``const`` whatever else the object
   holds, so "exactly one matches" is "its own definition matches": only that one is checked
   (its errors reported in full). Anything else (no or unknown ``resourceType``, other
   ``oneOf``s) goes through the standard ``oneOf``; ``validator()`` asserts the
   premise when the validator is built.
2. Rules of the R4 vital-signs profile (hl7.org/fhir/R4/observation-vitalsigns.html, bp.html,
   heartrate.html, oxygensat.html...), written from the profile text: status, category
   vital-signs, a LOINC code, subject → Patient, effective[x], valueQuantity with UCUM system
   and the profile's unit code, or the BP panel's two components in mm[Hg].
3. Invariants the schema cannot express: bdl-7 (unique fullUrl), every reference resolves in
   the Bundle, mad-1 (MedicationAdministration dosage has dose or rate), R4
   MedicationAdministration.reasonReference targets only Condition | Observation |
   DiagnosticReport, con-3/4/5 (Condition status rules), dateTimes with a time carry an offset.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA = Path(__file__).with_name("fhir.schema.json")
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
VITALS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
#: LOINC code → UCUM code required by the R4 vital-signs profiles (None: components)
VITAL_PROFILES = {
    "8867-4": "/min",  # heart rate
    "9279-1": "/min",  # respiratory rate
    "2708-6": "%",  # oxygen saturation
    "59408-5": "%",
    "8310-5": "Cel",  # body temperature (Cel or [degF])
    "29463-7": "kg",  # body weight (kg, g, [lb_av])
    "85354-9": None,  # blood pressure panel
    "19891-1": "mm[Hg]",  # EtCO2 (not an R4 core vital sign; same rules)
}
OBS_STATUS = {"registered", "preliminary", "final", "amended", "corrected", "cancelled",
              "entered-in-error", "unknown"}
MA_STATUS = {"in-progress", "not-done", "on-hold", "completed", "entered-in-error", "stopped",
             "unknown"}
DATETIME_WITH_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
                                r"(Z|[+-]\d{2}:\d{2})$")


def _resource_choice(schema: dict[str, Any], one_of: Any) -> dict[str, str] | None:
    """``resourceType`` → ``$ref`` when ``one_of`` is the schema's choice of resource (every
    option a ``$ref`` to a definition requiring ``resourceType`` == its name), else None."""
    defs = schema["definitions"]
    out: dict[str, str] = {}
    for option in one_of if isinstance(one_of, list) else ():
        ref = option.get("$ref", "") if isinstance(option, dict) else ""
        name = ref.removeprefix("#/definitions/")
        d = defs.get(name) if len(option) == 1 and ref.startswith("#/definitions/") else None
        if d is None or "resourceType" not in d.get("required", ()) \
                or d["properties"]["resourceType"].get("const") != name:
            return None
        out[name] = ref
    return out or None


@functools.cache
def validator() -> jsonschema.Draft6Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    choice = _resource_choice(schema, schema["definitions"]["ResourceList"]["oneOf"])
    assert choice is not None and _resource_choice(schema, schema["oneOf"]) == choice
    standard = jsonschema.Draft6Validator.VALIDATORS["oneOf"]

    def one_of(v: Any, one_of: Any, instance: Any, sub: Any) -> Any:
        kind = instance.get("resourceType") if isinstance(instance, dict) else None
        choosing = one_of is schema["oneOf"] or one_of is schema["definitions"]["ResourceList"][
            "oneOf"]
        if choosing and isinstance(kind, str) and kind in choice:
            yield from v.descend(instance, {"$ref": choice[kind]})
            return
        yield from standard(v, one_of, instance, sub)

    fast = jsonschema.validators.extend(jsonschema.Draft6Validator, {"oneOf": one_of})
    return fast(schema)  # type: ignore[no-any-return]


def schema_errors(resource: dict[str, Any]) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
            for e in validator().iter_errors(resource)]


def _codes(concept: dict[str, Any], system: str) -> set[str]:
    return {c.get("code") for c in concept.get("coding", []) if c.get("system") == system}


def _walk(node: Any, path: str = "") -> Any:
    if isinstance(node, dict):
        for k, v in node.items():
            yield path + "/" + k, k, v
            yield from _walk(v, path + "/" + k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}/{i}")


def vital_sign_errors(obs: dict[str, Any], by_url: dict[str, dict[str, Any]]) -> list[str]:
    out = []
    oid = obs.get("id")
    if obs.get("status") not in OBS_STATUS:
        out.append(f"{oid}: status {obs.get('status')!r}")
    cats = [c for cat in obs.get("category", []) for c in cat.get("coding", [])]
    if not any(c.get("system") == VITALS_CATEGORY and c.get("code") == "vital-signs"
               for c in cats):
        out.append(f"{oid}: no vital-signs category")
    codes = _codes(obs.get("code", {}), LOINC)
    known = codes & set(VITAL_PROFILES)
    if not known:
        out.append(f"{oid}: no vital-signs LOINC code ({codes})")
    subject = obs.get("subject", {}).get("reference")
    if subject not in by_url or by_url[subject]["resourceType"] != "Patient":
        out.append(f"{oid}: subject is not a Patient in the Bundle")
    if "effectiveDateTime" not in obs and "effectivePeriod" not in obs:
        out.append(f"{oid}: no effective[x]")
    if "85354-9" in codes:
        if "valueQuantity" in obs:
            out.append(f"{oid}: BP panel with a value")
        comps = {c: comp for comp in obs.get("component", [])
                 for c in _codes(comp.get("code", {}), LOINC)}
        for need in ("8480-6", "8462-4"):
            q = comps.get(need, {}).get("valueQuantity")
            if not q or q.get("system") != UCUM or q.get("code") != "mm[Hg]" \
                    or not isinstance(q.get("value"), int | float):
                out.append(f"{oid}: BP component {need} missing or not mm[Hg]")
        return out
    q = obs.get("valueQuantity")
    if q is None:
        if "dataAbsentReason" not in obs:
            out.append(f"{oid}: no valueQuantity and no dataAbsentReason")
        return out
    want = {VITAL_PROFILES[c] for c in known}
    if q.get("system") != UCUM or q.get("code") not in want or "unit" not in q \
            or not isinstance(q.get("value"), int | float):
        out.append(f"{oid}: valueQuantity {q} is not UCUM {want}")
    if "2708-6" in codes and "59408-5" not in codes:
        out.append(f"{oid}: SpO2 without 59408-5")
    return out


def bundle_errors(bundle: dict[str, Any]) -> list[str]:
    """Every problem found; an empty list means valid."""
    errors = schema_errors(bundle)
    if bundle.get("resourceType") != "Bundle" or bundle.get("type") != "collection":
        errors.append("not a Bundle of type collection")
    entries = bundle.get("entry", [])
    urls = [e.get("fullUrl") for e in entries]
    if len(urls) != len(set(urls)):
        errors.append("bdl-7: duplicate fullUrl")
    by_url = {e["fullUrl"]: e["resource"] for e in entries}
    for e in entries:
        r = e["resource"]
        if e["fullUrl"] != f"urn:uuid:{r.get('id')}":
            errors.append(f"fullUrl {e['fullUrl']} does not match id {r.get('id')}")
        for path, key, value in _walk(r):
            if key == "reference" and value not in by_url:
                errors.append(f"{r['resourceType']}/{r['id']}{path}: unresolved {value}")
            if isinstance(value, str) and "T" in value and re.match(r"^\d{4}-\d{2}-\d{2}T", value) \
                    and not DATETIME_WITH_TIME.match(value):
                errors.append(f"{r['id']}{path}: dateTime without offset {value}")
        kind = r["resourceType"]
        if kind == "Observation":
            cats = {c.get("code") for cat in r.get("category", []) for c in cat.get("coding", [])}
            if "vital-signs" in cats:
                errors += vital_sign_errors(r, by_url)
        elif kind == "MedicationAdministration":
            errors += _ma_errors(r, by_url)
        elif kind == "Condition":
            errors += _condition_errors(r)
    return errors


def _ma_errors(r: dict[str, Any], by_url: dict[str, dict[str, Any]]) -> list[str]:
    out = []
    if r.get("status") not in MA_STATUS:
        out.append(f"{r['id']}: MA status {r.get('status')}")
    if "effectiveDateTime" not in r and "effectivePeriod" not in r:
        out.append(f"{r['id']}: MA without effective[x]")
    dosage = r.get("dosage")
    if dosage is not None and not ({"dose", "rateQuantity", "rateRatio"} & set(dosage)) \
            and r.get("status") != "entered-in-error":
        out.append(f"{r['id']}: mad-1 dosage without dose or rate")
    for reason in r.get("reasonReference", []):
        target = by_url.get(reason.get("reference"))
        if target is None or target["resourceType"] not in ("Condition", "Observation",
                                                            "DiagnosticReport"):
            out.append(f"{r['id']}: reasonReference to {target and target['resourceType']}")
    return out


def _condition_errors(r: dict[str, Any]) -> list[str]:
    ver = _codes(r.get("verificationStatus", {}),
                 "http://terminology.hl7.org/CodeSystem/condition-ver-status")
    clinical = _codes(r.get("clinicalStatus", {}),
                      "http://terminology.hl7.org/CodeSystem/condition-clinical")
    out = []
    if "entered-in-error" in ver and clinical:
        out.append(f"{r['id']}: con-5 clinicalStatus on an entry in error")
    if "entered-in-error" not in ver and not clinical:
        out.append(f"{r['id']}: con-3 no clinicalStatus")
    if any(k.startswith("abatement") for k in r) and clinical \
            and not clinical & {"inactive", "resolved", "remission"}:
        out.append(f"{r['id']}: con-4 abatement with clinicalStatus {clinical}")
    return out


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def has_code(resource: dict[str, Any], system: str, code: str, field: str = "code") -> bool:
    return code in _codes(resource.get(field, {}), system)


RXNORM_KETAMINE = ("http://www.nlm.nih.gov/research/umls/rxnorm", "6130")
