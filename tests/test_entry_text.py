"""The timeline's lines of doses, side effects and the other kinds in the clinic's language
(issue 13, point 7): with the English words (no translation) ``present.entry_text`` gives the
domain's own line byte for byte; with the Spanish catalog the vocabulary and the sentences are
Spanish while what was typed stays as typed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pytest

from chairlog.domain import EntryKind
from chairlog.domain.describe import ACTIONS, DOSE_LABELS, SIDE_EFFECTS, describe
from chairlog.present.catalog import catalog_of
from chairlog.present.entry_text import entry_line
from chairlog.words import Words

DOSES = [
    {"dose_action": "bolus", "bolus_mg": 20.0},
    {"dose_action": "start", "rate_mg_per_kg_h": 0.5, "rate_mg_per_h": 35.0,
     "rate_ml_per_h": 3.5},
    {"dose_action": "rate_change", "rate_mg_per_kg_h": 0.8, "rate_mg_per_h": 56.0,
     "rate_ml_per_h": 5.6, "text": "Tolerating well"},
    {"dose_action": "resume", "rate_mg_per_kg_h": 0.3, "rate_mg_per_h": 21.0,
     "rate_ml_per_h": 2.1, "override_reason": "Physician order"},
    {"dose_action": "pause", "text": "Nausea"},
    {"dose_action": "stop"},
    {"dose_action": "start", "rate_mg_per_kg_h": None},
]
EFFECTS = [
    {"effect_type": "nausea", "severity": "mild", "action_taken": "rescue_med",
     "resolved_at": "2026-01-01T10:00:00"},
    {"effect_type": "agitation", "severity": "severe", "action_taken": "paused",
     "text": "calmed with music"},
    {"effect_type": "unknown_code", "severity": "moderate", "action_taken": "none"},
]
OTHERS: list[tuple[str, dict[str, Any]]] = [
    ("medication", {"drug": "ondansetron", "dose_amount": 4.0, "dose_unit": "mg", "route": "IV"}),
    ("medication", {"drug": "midazolam", "dose_amount": 1, "dose_unit": "mg", "route": "IV",
                    "text": "for agitation"}),
    ("assessment", {"scale": "pain_nrs", "score": 3, "phase": "post"}),
    ("assessment", {"scale": "cadss6", "score": 2, "phase": "during"}),
    ("assessment", {"scale": "not_a_scale", "score": 1, "text": "x"}),
    ("checklist", {"label": "Consent signed", "done": True}),
    ("checklist", {"label": "Fasting", "done": False, "text": "ate at 09:00"}),
    ("note", {"text": "Calm, talking with escort."}),
    ("discharge", {"escort_name": "Sam Ortiz", "instructions_given": True}),
    ("discharge", {"escort_name": "Sam Ortiz", "instructions_given": False}),
]
CASES = ([("dose", d) for d in DOSES] + [("side_effect", d) for d in EFFECTS] + OTHERS)


def english(_context: str, text: str) -> str:
    return text


@dataclass(frozen=True)
class Entry:
    """What ``entry_line`` reads of an entry (``domain.payloads.Charted``)."""

    kind: EntryKind
    data: Mapping[str, object]
    id: int = 1


def line(kind: str, data: Mapping[str, object], translate: Any) -> str | None:
    return entry_line(Entry(EntryKind(kind), data), translate)


@pytest.mark.parametrize(("kind", "data"), CASES)
def test_untranslated_lines_are_the_domains_lines(kind: str, data: dict[str, Any]) -> None:
    assert line(kind, data, english) == describe(kind, dict(data))
    assert line(kind, data, catalog_of("en").translate) == describe(kind, dict(data))


def test_the_vocabulary_is_english_words_for_the_catalog() -> None:
    for table in (SIDE_EFFECTS, ACTIONS, DOSE_LABELS):
        for label in table.values():
            assert isinstance(label, Words) and label == label.template
    assert SIDE_EFFECTS["nausea"] == "Nausea" and ACTIONS["none"] == "None"


def test_spanish_lines() -> None:
    es = catalog_of("es").translate
    assert line("dose", DOSES[2], es) == (
        "Velocidad modificada a 0.8 mg/kg/h (56 mg/h, 5.6 mL/h) — Tolerating well")
    assert line("dose", DOSES[0], es) == "Bolo 20 mg"
    assert line("dose", DOSES[3], es) == (
        "Infusión reanudada a 0.3 mg/kg/h (21 mg/h, 2.1 mL/h) — anulación de límite: "
        "Physician order")
    assert line("dose", DOSES[5], es) == "Infusión detenida"
    assert line("side_effect", EFFECTS[0], es) == (
        "Náuseas (leve); acción: Medicación de rescate administrada — resuelto")
    assert line("side_effect", EFFECTS[1], es) == (
        "Ansiedad / agitación (grave); acción: Infusión pausada — calmed with music")
    assert line("side_effect", EFFECTS[2], es) == (
        "unknown_code (moderado); acción: Ninguna")
    assert line("note", {"text": "Tranquila."}, es) == "Nota: Tranquila."
    assert line("checklist", OTHERS[6][1], es) == "Omitido: Fasting — ate at 09:00"
    assert line("discharge", OTHERS[8][1], es) == (
        "Alta con acompañante: Sam Ortiz; instrucciones escritas entregadas")
    assert line("assessment", {"scale": "cadss6", "score": 2, "phase": "during"},
                      es).endswith("(durante): 2")
    assert line("vitals", {"hr": 1}, es) is None
