"""The timeline's lines of the entries other than vitals in a given language (a dose, a side
effect, a medication, an assessment, a checklist item, a note, a discharge), for the window and
the PDF record: "Rate changed at 0.5 mg/kg/h (35 mg/h, 3.5 mL/h)" → "Velocidad modificada a
0.5 mg/kg/h (35 mg/h, 3.5 mL/h)", "Nausea (mild); action: None" → "Náuseas (leve); acción:
Ninguna".

Follows ``present.vitals_text``: English is never built here (the caller shows the domain's
stored line, ``domain.describe``, so English stays byte-identical); ``translate`` is the
caller's translation function (Qt's in the window, the catalog's in the PDF). The vocabulary is
the domain's (marked with ``words``, the empty context); the sentences' templates are filed
under the context "record", shared by the window and the PDF.

Decisions:
- What the clinician typed (a note, a reason, a drug's name, a route, an escort's name) and
  the protocol's own labels (a checklist item) are shown as typed: they are not vocabulary.
- Dose figures keep the one number rule (``present.numbers.fmt``) in every language.
- An assessment's scale name is the clinical core's word (context "clinical"); its phase
  ("during") is the record's word (context "record", as the PDF's assessments table says it).
- Each kind's line takes that kind's typed payload (``domain.payloads``); :func:`entry_line`
  takes the entry and reads it through its kind's accessor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from chairlog.clinical.scales import SCALES, Scale
from chairlog.domain.describe import ACTIONS, DOSE_LABELS, SEVERITY_WORDS, SIDE_EFFECTS
from chairlog.domain.payloads import (
    AssessmentData,
    Charted,
    ChecklistData,
    DischargeData,
    DoseData,
    EntryKind,
    MedicationData,
    NoteData,
    SideEffectData,
    assessment_data,
    checklist_data,
    discharge_data,
    dose_data,
    medication_data,
    note_data,
    side_effect_data,
)
from chairlog.present.catalog import QT_TRANSLATE_NOOP
from chairlog.present.numbers import fmt

Translate = Callable[[str, str], str]

# the catalog's context of the domain's vocabulary (``words`` is read as ``QT_TR_NOOP``)
VOCABULARY = ""
# an assessment's phases (the services' codes), in context "record"
PHASE_WORDS = {"baseline": QT_TRANSLATE_NOOP("record", "baseline"),
               "during": QT_TRANSLATE_NOOP("record", "during"),
               "after": QT_TRANSLATE_NOOP("record", "after"),
               "discharge": QT_TRANSLATE_NOOP("record", "discharge")}


def _term(translate: Translate, table: Mapping[str, str], code: Any) -> str:
    """A coded value's label in ``translate``'s language (an unknown code as stored)."""
    label = table.get(str(code), str(code))
    return translate(VOCABULARY, label) or label


def _typed(line: str, text: str | None) -> str:
    """The line, then what the clinician typed (a note), as typed."""
    return line + (f" — {text}" if text else "")


def dose_line(d: DoseData, translate: Translate) -> str:
    """A dose entry's line ("Bolus 20 mg", "Infusion started at … mg/kg/h (…)")."""
    action = d["dose_action"]
    label = _term(translate, DOSE_LABELS, action)
    if action == "bolus":
        text = f"{label} {fmt(d['bolus_mg'])} mg"
    elif action in ("start", "rate_change", "resume") and d.get("rate_mg_per_kg_h") is not None:
        text = translate("record", "{label} at {rate} mg/kg/h ({mg_h} mg/h, {ml_h} mL/h)").format(
            label=label, rate=fmt(d["rate_mg_per_kg_h"]), mg_h=fmt(d["rate_mg_per_h"]),
            ml_h=fmt(d["rate_ml_per_h"]))
    else:
        text = label
    if d.get("override_reason"):
        text = translate("record", "{line} — limit override: {reason}").format(
            line=text, reason=d["override_reason"])
    return _typed(text, d.get("text"))


def side_effect_line(d: SideEffectData, translate: Translate) -> str:
    """A side effect's line ("Nausea (mild); action: None — resolved")."""
    text = translate("record", "{name} ({severity}); action: {action}").format(
        name=_term(translate, SIDE_EFFECTS, d["effect_type"]),
        severity=_term(translate, SEVERITY_WORDS, d["severity"]),
        action=_term(translate, ACTIONS, d["action_taken"]))
    if d.get("resolved_at") is not None:
        text = translate("record", "{line} — resolved").format(line=text)
    return _typed(text, d.get("text"))


def medication_line(d: MedicationData) -> str:
    """A medication's line: the drug, dose and route as charted (the same in every language)."""
    return _typed(f"{d['drug']} {fmt(d['dose_amount'])} {d['dose_unit']} {d['route']}",
                  d.get("text"))


def assessment_line(d: AssessmentData, translate: Translate) -> str:
    """An assessment's line ("Pain NRS (post): 3")."""
    try:
        label = translate("clinical", SCALES[Scale(d["scale"])].label)
    except (ValueError, KeyError):
        label = str(d["scale"])
    phase = d.get("phase")
    shown = f" ({translate('record', PHASE_WORDS.get(phase, phase))})" if phase else ""
    return _typed(f"{label}{shown}: {d['score']}", d.get("text"))


def checklist_line(d: ChecklistData, translate: Translate) -> str:
    """A checklist item's line ("✓ Consent signed", "Skipped: … — reason")."""
    if d.get("done"):
        return f"✓ {d['label']}"
    return translate("record", "Skipped: {label} — {reason}").format(
        label=d["label"], reason=d.get("text") or "")


def note_line(d: NoteData, translate: Translate) -> str:
    """A note's line ("Note: …")."""
    return translate("record", "Note: {text}").format(text=d["text"])


def discharge_line(d: DischargeData, translate: Translate) -> str:
    """A discharge's line ("Discharged to …; written instructions given")."""
    text = translate("record", "Discharged to {escort}").format(escort=d["escort_name"])
    if d.get("instructions_given"):
        text = translate("record", "{line}; written instructions given").format(line=text)
    return text


_LINES: dict[EntryKind, Callable[[Charted, Translate], str]] = {
    EntryKind.DOSE: lambda e, t: dose_line(dose_data(e), t),
    EntryKind.SIDE_EFFECT: lambda e, t: side_effect_line(side_effect_data(e), t),
    EntryKind.MEDICATION: lambda e, _t: medication_line(medication_data(e)),
    EntryKind.ASSESSMENT: lambda e, t: assessment_line(assessment_data(e), t),
    EntryKind.CHECKLIST: lambda e, t: checklist_line(checklist_data(e), t),
    EntryKind.NOTE: lambda e, t: note_line(note_data(e), t),
    EntryKind.DISCHARGE: lambda e, t: discharge_line(discharge_data(e), t),
}


def entry_line(e: Charted, translate: Translate) -> str | None:
    """The line of the entry ``e`` (not vitals) with ``translate``'s words; ``None`` for a
    kind this module does not word."""
    line = _LINES.get(e.kind)
    return line(e, translate) if line else None
