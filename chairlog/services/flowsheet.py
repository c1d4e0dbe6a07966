"""The flowsheet: the paper anaesthetic chart's grid — a column per charted time, a row per
measure (issue 13 point 6). Pure: built from a ``SessionView``; no database, no Qt.

Decisions:
- A column per charted minute (clinic time) at which a vitals set, a dose event, a score, a
  side effect or a medication was charted; entries of the same minute share a column. Notes
  and checklist ticks are not measures: they stay in the timeline. Only active entries count
  (a corrected value shows its correction; the original stays struck through in the
  timeline and the record).
- Rows: HR, BP (systolic/diastolic), SpO2, RR, the infusion rate in the protocol's unit
  (mg/kg/h) and at the pump (mL/h), the cumulative dose in mg and mg/kg, one row per scale
  charted (pain, MOAA/S, RASS, CADSS-6, Aldrete …), side effects and medications.
- Every figure comes from the same computation as the timer strip, the board and the PDF:
  the rate and the cumulative dose *at the column's charted time* from the session's dose
  timeline (``SessionView.current_rate_mg_per_h`` / ``cumulative_mg``), numbers written by
  ``present.numbers.fmt``, vitals as charted. Nothing is recomputed differently here.
- Columns run oldest to newest (left to right, as on paper); the window scrolls to the newest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from chairlog.clinical.scales import SCALES, Scale
from chairlog.domain import EntryKind, EntryView, SessionView
from chairlog.domain.describe import SEVERITY_WORDS, SIDE_EFFECTS
from chairlog.domain.payloads import (
    VitalSign,
    assessment_data,
    medication_data,
    side_effect_data,
    vitals_data,
)
from chairlog.present.numbers import fmt
from chairlog.present.times import local_time
from chairlog.words import Words, joined, term, words

__all__ = ["FlowColumn", "FlowRow", "Flowsheet", "build_flowsheet"]

MEASURES = (EntryKind.VITALS, EntryKind.DOSE, EntryKind.ASSESSMENT, EntryKind.SIDE_EFFECT,
            EntryKind.MEDICATION)
SCALE_ORDER = [s.value for s in Scale]
#: the signs with a row of their own (blood pressure is one row, "sbp/dbp")
ROW_SIGNS: tuple[VitalSign, ...] = ("hr", "spo2", "rr")


@dataclass(frozen=True)
class FlowColumn:
    at: datetime  # the latest charted time in the column
    time: str  # clinic time, "14:05"
    since_start: str  # "+0:45" from the infusion start, "" before it
    late: bool  # a late entry charted into this column


@dataclass(frozen=True)
class FlowRow:
    key: str
    label: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Flowsheet:
    columns: tuple[FlowColumn, ...]
    rows: tuple[FlowRow, ...]

    def row(self, key: str) -> FlowRow:
        return next(r for r in self.rows if r.key == key)


def _minute(at: datetime, tz: ZoneInfo) -> str:
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def _since(at: datetime, start: datetime | None) -> str:
    if start is None or at < start:
        return ""
    minutes = int((at - start).total_seconds() // 60)
    return f"+{minutes // 60}:{minutes % 60:02d}"


def _scale_label(code: str) -> str:
    try:
        return SCALES[Scale(code)].label
    except (ValueError, KeyError):
        return code


def build_flowsheet(view: SessionView, tz: ZoneInfo) -> Flowsheet:
    """The session's flowsheet (see the module's decisions)."""
    groups: dict[str, list[EntryView]] = {}
    for e in sorted((e for e in view.active_entries() if e.kind in MEASURES),
                    key=lambda e: (e.charted_at, e.id)):
        groups.setdefault(_minute(e.charted_at, tz), []).append(e)
    start = view.infusion_started_at
    columns = tuple(
        FlowColumn(max(e.charted_at for e in es), local_time(es[0].charted_at, tz).split()[0],
                   _since(es[0].charted_at, start), any(e.is_late for e in es))
        for es in groups.values())
    cells: dict[str, list[str]] = {}

    def put(key: str, i: int, text: str) -> None:
        row = cells.setdefault(key, [""] * len(columns))
        # a side effect's cell is Words, shown by the window in its language (the same English)
        if not row[i]:
            row[i] = text
        elif isinstance(text, Words) or isinstance(row[i], Words):
            row[i] = joined([row[i], text], ", ")
        else:
            row[i] = f"{row[i]}, {text}"

    scales: set[str] = set()
    p = view.protocol
    for i, (col, es) in enumerate(zip(columns, groups.values(), strict=True)):
        for e in es:
            if e.kind is EntryKind.VITALS:
                vd = vitals_data(e)
                for key in ROW_SIGNS:
                    cells.setdefault(key, [""] * len(columns))[i] = str(vd[key])
                cells.setdefault("bp", [""] * len(columns))[i] = f"{vd['sbp']}/{vd['dbp']}"
            elif e.kind is EntryKind.ASSESSMENT and (ad := assessment_data(e)).get("score") \
                    is not None:
                scales.add(str(ad["scale"]))
                cells.setdefault(f"scale:{ad['scale']}", [""] * len(columns))[i] = str(ad["score"])
            elif e.kind is EntryKind.SIDE_EFFECT:
                sd = side_effect_data(e)
                name = SIDE_EFFECTS.get(sd["effect_type"], sd["effect_type"])
                put("side_effects", i, words("{name} ({severity})", name=term(name),
                                             severity=term(SEVERITY_WORDS.get(sd["severity"],
                                                                              sd["severity"]))))
            elif e.kind is EntryKind.MEDICATION:
                md = medication_data(e)
                put("medications", i, f"{md['drug']} {fmt(md['dose_amount'])} {md['dose_unit']}")
        if start is not None and col.at >= start:
            mg_h = view.current_rate_mg_per_h(col.at)
            mg = view.cumulative_mg(col.at)
            cells.setdefault("rate_kg", [""] * len(columns))[i] = fmt(mg_h / view.weight_kg)
            cells.setdefault("rate_ml", [""] * len(columns))[i] = fmt(
                mg_h / p.concentration_mg_per_ml)
            cells.setdefault("dose_mg", [""] * len(columns))[i] = fmt(mg)
            cells.setdefault("dose_kg", [""] * len(columns))[i] = fmt(mg / view.weight_kg)
    labels = [("hr", "HR /min"), ("bp", "BP mmHg"), ("spo2", "SpO₂ %"), ("rr", "RR /min"),
              ("rate_kg", "Rate mg/kg/h"), ("rate_ml", "Rate mL/h"),
              ("dose_mg", "Total dose mg"), ("dose_kg", "Total dose mg/kg")]
    labels += [(f"scale:{s}", _scale_label(s)) for s in sorted(
        scales, key=lambda s: SCALE_ORDER.index(s) if s in SCALE_ORDER else 99)]
    labels += [("side_effects", "Side effects"), ("medications", "Medications")]
    empty = ("",) * len(columns)
    rows = tuple(FlowRow(key, label, tuple(cells.get(key, empty)))
                 for key, label in labels
                 if key in cells or key in ("hr", "bp", "spo2", "rr", "side_effects"))
    return Flowsheet(columns, rows)
