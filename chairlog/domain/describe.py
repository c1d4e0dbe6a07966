"""Which columns each kind of chart entry uses, and its one-line description.

The vocabulary (side effects, severities, actions, dose actions) is marked with
``chairlog.words.words``: each label is a :class:`~chairlog.words.Words`, i.e. the English
``str`` it always was (validation, exports, FHIR and the stored summaries read it unchanged),
and ``pyside6-lupdate`` extracts it under the empty context, so the window
(``ui.i18n.words_text``) and the PDF (``catalog.catalog_of(lang).translate("", label)``) show it in
the clinic's language. The lines in another language are ``present.entry_text``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chairlog.clinical.scales import SCALES, Scale
from chairlog.domain.payloads import EntryKind, payload_fields
from chairlog.present.numbers import fmt
from chairlog.present.units import STORED, Units
from chairlog.words import words

#: which columns each kind uses, derived from its payload type (``domain.payloads``)
ENTRY_FIELDS: dict[str, tuple[str, ...]] = {k.value: payload_fields(k) for k in EntryKind}

SIDE_EFFECTS: dict[str, str] = {
    "nausea": words("Nausea"),
    "vomiting": words("Vomiting"),
    "dissociation": words("Dissociation"),
    "dizziness": words("Dizziness"),
    "sedation": words("Sedation"),
    "hallucinations": words("Hallucinations"),
    "agitation": words("Anxiety / agitation"),
    "headache": words("Headache"),
    "hypertension": words("Raised blood pressure"),
    "tachycardia": words("Fast heart rate"),
    "hypersalivation": words("Increased secretions"),
    "blurred_vision": words("Blurred vision"),
    "confusion": words("Confusion"),
    "mood_change": words("Mood change"),
    "numbness": words("Numbness"),
    "other": words("Other"),
}
SEVERITIES = ("mild", "moderate", "severe")
# the severities as a sentence says them ("Nausea (mild)")
SEVERITY_WORDS: dict[str, str] = {"mild": words("mild"), "moderate": words("moderate"),
                                  "severe": words("severe")}
ACTIONS: dict[str, str] = {
    "none": words("None"),
    "rate_reduced": words("Rate reduced"),
    "paused": words("Infusion paused"),
    "stopped": words("Infusion stopped"),
    "rescue_med": words("Rescue medication given"),
    "physician_notified": words("Physician notified"),
    "reassurance": words("Reassurance / environment"),
}
DOSE_LABELS = {
    "bolus": words("Bolus"),
    "start": words("Infusion started"),
    "rate_change": words("Rate changed"),
    "pause": words("Infusion paused"),
    "resume": words("Infusion resumed"),
    "stop": words("Infusion stopped"),
}


KIND_WORDS = {"side_effect": words("side effect"), "checklist": words("checklist item")}


def kind_word(kind: str) -> str:
    """An entry kind as a sentence says it: "side effect", "vitals", "checklist item"."""
    return KIND_WORDS.get(kind, kind.replace("_", " "))


def _g(v: Any) -> str:
    """A dose figure by the one rule (never scientific notation): ``present.numbers.fmt``."""
    return fmt(v)


def describe(kind: str, d: Mapping[str, Any], units: Units | None = None) -> str:
    """One line that says what the entry records (used by the timeline and the PDF).
    ``units``: the clinic's display units (the temperature in °F); stored °C by default."""
    if kind == "vitals":
        parts = [
            f"HR {d['hr']}",
            f"BP {d['sbp']}/{d['dbp']}",
            f"SpO2 {d['spo2']}%",
            f"RR {d['rr']}",
        ]
        if d.get("etco2") is not None:
            parts.append(f"EtCO2 {d['etco2']}")
        if d.get("temp_c") is not None:
            u = units or STORED  # "T 37.0°C" as always; "T 98.6°F" where the clinic chose °F
            parts.append(f"T {u.temperature_number(d['temp_c'])}{u.temperature_symbol}")
        if d.get("rhythm"):
            parts.append(f"rhythm: {d['rhythm']}")
        line = ("Baseline vitals: " if d.get("is_baseline") else "Vitals: ") + ", ".join(parts)
        # a set validated from a bedside monitor says so ("source: monitor <device>, …")
        return line + (f" — source: {d['text']}" if d.get("text") else "")
    if kind == "dose":
        action = d["dose_action"]
        label = DOSE_LABELS.get(action, action)
        if action == "bolus":
            text = f"{label} {_g(d['bolus_mg'])} mg"
        elif action in ("start", "rate_change", "resume") and d.get("rate_mg_per_kg_h") is not None:
            text = (
                f"{label} at {_g(d['rate_mg_per_kg_h'])} mg/kg/h "
                f"({_g(d['rate_mg_per_h'])} mg/h, {_g(d['rate_ml_per_h'])} mL/h)"
            )
        else:
            text = label
        if d.get("override_reason"):
            text += f" — limit override: {d['override_reason']}"
        if d.get("text"):
            text += f" — {d['text']}"
        return text
    if kind == "medication":
        text = f"{d['drug']} {_g(d['dose_amount'])} {d['dose_unit']} {d['route']}"
        return text + (f" — {d['text']}" if d.get("text") else "")
    if kind == "side_effect":
        name = SIDE_EFFECTS.get(d["effect_type"], d["effect_type"])
        text = (
            f"{name} ({d['severity']}); action: {ACTIONS.get(d['action_taken'], d['action_taken'])}"
        )
        if d.get("resolved_at") is not None:
            text += " — resolved"
        return text + (f" — {d['text']}" if d.get("text") else "")
    if kind == "assessment":
        try:
            label = SCALES[Scale(d["scale"])].label
        except (ValueError, KeyError):
            label = str(d["scale"])
        phase = f" ({d['phase']})" if d.get("phase") else ""
        return f"{label}{phase}: {d['score']}" + (f" — {d['text']}" if d.get("text") else "")
    if kind == "checklist":
        if d.get("done"):
            return f"✓ {d['label']}"
        return f"Skipped: {d['label']} — {d.get('text') or ''}"
    if kind == "note":
        return f"Note: {d['text']}"
    if kind == "discharge":
        text = f"Discharged to {d['escort_name']}"
        if d.get("instructions_given"):
            text += "; written instructions given"
        return text
    return kind
