"""The code systems and codes a FHIR R4 session export uses (data, no logic).

Sources: HL7 FHIR R4 (observation-vitalsigns, bp, heartrate, oxygensat profiles; the R4 JSON
schema), LOINC, SNOMED CT and RxNorm as cited in ``shared/MONITORS-AND-FHIR.md`` section 5.
RxNorm ingredient codes are pinned only where two independent public sources agreed
(ketamine 6130, ondansetron 26225, midazolam 6960, labetalol 6185). Clonidine could not be
confirmed offline, so it is exported by name (``code.text``) with chairlog's own code only.
Scores with no verified LOINC code (MOAA/S, RASS, CADSS-6, Aldrete, PADSS, mood NRS) use
``code.text`` and chairlog's code system.
"""

from __future__ import annotations

from chairlog.domain.payloads import VitalValue

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
MDC = "urn:iso:std:iso:11073:10101"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
COND_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
COND_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
COND_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
PROVENANCE_AGENT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
DATA_OPERATION = "http://terminology.hl7.org/CodeSystem/v3-DataOperation"
AE_SEVERITY = "http://terminology.hl7.org/CodeSystem/adverse-event-severity"
MED_ADMIN_FUNCTION = "http://terminology.hl7.org/CodeSystem/med-admin-perform-function"
#: chairlog's own code system for scores, side effects and drugs without a verified code
CHAIRLOG = "urn:chairlog:codes"

VITAL_SIGNS = {"system": OBS_CATEGORY, "code": "vital-signs", "display": "Vital Signs"}
SURVEY = {"system": OBS_CATEGORY, "code": "survey", "display": "Survey"}

#: vitals field → (LOINC code, display, UCUM code, unit shown)
VITALS: dict[VitalValue, tuple[str, str, str, str]] = {
    "hr": ("8867-4", "Heart rate", "/min", "beats/minute"),
    "rr": ("9279-1", "Respiratory rate", "/min", "breaths/minute"),
    "spo2": ("2708-6", "Oxygen saturation in Arterial blood", "%", "%"),
    "temp_c": ("8310-5", "Body temperature", "Cel", "C"),
    "etco2": ("19891-1", "Carbon dioxide [Partial pressure] in Exhaled gas --at end expiration",
              "mm[Hg]", "mmHg"),
}
SPO2_EXTRA = (
    {"system": LOINC, "code": "59408-5",
     "display": "Oxygen saturation in Arterial blood by Pulse oximetry"},
    {"system": MDC, "code": "150456", "display": "MDC_PULS_OXIM_SAT_O2"},
)
BP_PANEL = ("85354-9", "Blood pressure panel with all children optional")
BP_SYSTOLIC = ("8480-6", "Systolic blood pressure")
BP_DIASTOLIC = ("8462-4", "Diastolic blood pressure")
BODY_WEIGHT = ("29463-7", "Body weight")
PAIN_NRS = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")

SCORE_TEXT: dict[str, str] = {
    "mood_nrs": "Mood numeric rating scale 0-10",
    "moaas": "Modified Observer's Assessment of Alertness/Sedation (MOAA/S)",
    "rass": "Richmond Agitation-Sedation Scale (RASS)",
    "cadss6": "Clinician-Administered Dissociative States Scale, 6-item (CADSS-6)",
    "aldrete": "Modified Aldrete score",
    "padss": "Post-Anesthetic Discharge Scoring System (PADSS)",
}

KETAMINE = {"system": RXNORM, "code": "6130", "display": "ketamine"}
RX_INGREDIENTS: dict[str, str] = {
    "ketamine": "6130",
    "ondansetron": "26225",
    "midazolam": "6960",
    "labetalol": "6185",
}

#: chairlog route → SNOMED CT route of administration (text only when not listed)
ROUTES: dict[str, tuple[str, str]] = {
    "IV": ("47625008", "Intravenous route"),
    "PO": ("26643006", "Oral route"),
    "SL": ("37839007", "Sublingual route"),
    "IM": ("78421000", "Intramuscular route"),
    "SC": ("34206005", "Subcutaneous route"),
}
#: chairlog dose unit → UCUM code
DOSE_UNITS: dict[str, str] = {"mg": "mg", "mcg": "ug", "g": "g", "mL": "mL", "units": "{unit}"}

#: side effect → SNOMED CT finding (others: chairlog code + text)
SIDE_EFFECTS: dict[str, tuple[str, str]] = {
    "nausea": ("422587007", "Nausea"),
    "vomiting": ("422400008", "Vomiting"),
    "dizziness": ("404640003", "Dizziness"),
    "headache": ("25064002", "Headache"),
}
SEVERITY: dict[str, tuple[str, str]] = {
    "mild": ("255604002", "Mild"),
    "moderate": ("6736007", "Moderate"),
    "severe": ("24484000", "Severe"),
}

#: words in a protocol's indication → SNOMED CT condition
INDICATIONS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("crps", "complex regional"), "128200000", "Complex regional pain syndrome"),
    (("chronic pain", "neuropathic", "fibromyalgia"), "82423001", "Chronic pain"),
)

GENDERS = {"female": "female", "male": "male", "other": "other", "unknown": "unknown"}
