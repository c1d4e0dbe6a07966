"""The clinic's data as a set of CSV files (for registries, researchers, spreadsheets).

``export_csv(app, actor, first, last, folder)`` writes ``sessions.csv``, ``vitals.csv``,
``doses.csv``, ``side_effects.csv``, ``medications.csv``, ``assessments.csv``.

Decisions:
- RFC 4180 through the ``csv`` module (CRLF line ends, quoting as needed), UTF-8 without a
  byte-order mark, one header row; one row per chart entry, as in the record: a corrected
  entry stays with ``status`` ``corrected`` next to its replacement (``supersedes_entry_id``),
  an entry entered in error stays with ``entered_in_error`` and its reason.
- ``session_id`` and ``patient_mrn`` on every row; units in the column names; times ISO 8601
  in the clinic's time zone with its offset; ``--from/--to`` are days in the clinic's zone
  (a session belongs to the day it was checked in), both included.
- A text cell starting with ``= + - @``, TAB or CR gets a leading ``'`` (spreadsheet formula
  injection); numbers are written as numbers.
- Each file is written to ``<name>.partial`` and renamed when complete; the audit row
  (``export.csv``: range, sessions, rows per file) is written after the last rename.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from chairlog.db.models import InfusionSession
from chairlog.domain import EntryKind, EntryView, SessionView, UserInfo
from chairlog.domain.describe import ACTIONS, SIDE_EFFECTS
from chairlog.domain.payloads import (
    assessment_data,
    dose_data,
    medication_data,
    side_effect_data,
    vitals_data,
)
from chairlog.errors import StorageError, ValidationError
from chairlog.services.audit_log import day_bounds
from chairlog.services.context import Chairlog, clinic_row, record, require_user
from chairlog.services.exports import BULK_ROLES
from chairlog.services.series import pain_before_after
from chairlog.services.views import load_view
from chairlog.words import words

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ENTRY_HEAD = ("session_id", "patient_mrn", "entry_id", "status", "supersedes_entry_id",
              "charted_at", "recorded_at", "charted_by", "late_entry", "invalidated_at",
              "invalidated_by", "invalidation_reason")
SESSION_HEAD = ("session_id", "patient_mrn", "record_id", "patient_family_name",
                "patient_given_name", "patient_birth_date", "patient_sex", "chair",
                "protocol_key", "protocol_version", "indication", "state", "weight_kg",
                "concentration_mg_per_ml", "checked_in_at", "infusion_started_at",
                "infusion_stopped_at", "discharged_at", "stopped_early_at",
                "stopped_early_reason", "signed_at", "record_version", "nurse",
                "ketamine_total_mg", "ketamine_total_mg_per_kg", "pain_before_nrs",
                "pain_after_nrs", "side_effects")
KIND_HEAD: dict[str, tuple[str, ...]] = {
    "vitals": ("hr_per_min", "sbp_mmhg", "dbp_mmhg", "spo2_pct", "rr_per_min", "etco2_mmhg",
               "temp_c", "rhythm", "is_baseline"),
    "doses": ("action", "rate_mg_per_kg_h", "rate_mg_per_h", "rate_ml_per_h", "entered_unit",
              "bolus_mg", "override_reason", "checked_by", "note"),
    "side_effects": ("effect_type", "effect", "severity", "action_taken", "resolved_at",
                     "note"),
    "medications": ("drug", "dose_amount", "dose_unit", "route", "treats_entry_id", "note"),
    "assessments": ("scale", "score", "items", "phase", "note"),
}
KINDS = {"vitals": EntryKind.VITALS, "doses": EntryKind.DOSE,
         "side_effects": EntryKind.SIDE_EFFECT, "medications": EntryKind.MEDICATION,
         "assessments": EntryKind.ASSESSMENT}
FILES = ("sessions", *KIND_HEAD)


@dataclass(frozen=True)
class CsvExport:
    folder: str
    sessions: int
    rows: dict[str, int]


def cell(value: Any) -> Any:
    """One CSV value: text guarded against formula injection, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class Rows:
    """The rows of every file, for sessions shown in the clinic's time zone."""

    def __init__(self, tz: str, as_of: datetime) -> None:
        self.zone = ZoneInfo(tz)
        self.as_of = as_of
        self.out: dict[str, list[list[Any]]] = {name: [] for name in FILES}

    def t(self, value: datetime | None) -> str | None:
        return value.astimezone(self.zone).isoformat() if value else None

    def add_session(self, v: SessionView) -> None:
        from chairlog.reports.model import record_id

        end = v.discharged_at or v.stopped_early_at or self.as_of
        total = v.cumulative_mg(end)
        before, after = pain_before_after(v)
        self.out["sessions"].append([cell(x) for x in (
            v.id, v.patient.mrn, record_id(v.id), v.patient.family_name, v.patient.given_name,
            v.patient.date_of_birth.isoformat() if v.patient.date_of_birth else None,
            v.patient.sex, v.chair.name, v.protocol_key, v.protocol_version,
            v.protocol.indication, v.state.value, v.weight_kg,
            v.protocol.concentration_mg_per_ml, self.t(v.checked_in_at),
            self.t(v.infusion_started_at), self.t(v.infusion_stopped_at),
            self.t(v.discharged_at), self.t(v.stopped_early_at), v.stopped_early_reason,
            self.t(v.signed_at), v.record_version, v.nurse_name, round(total, 6),
            round(total / v.weight_kg, 6), before, after,
            len(v.active_entries(EntryKind.SIDE_EFFECT)))])
        for name, kind in KINDS.items():
            for e in sorted((e for e in v.entries if e.kind is kind),
                            key=lambda e: (e.charted_at, e.id)):
                self.out[name].append([cell(x) for x in (*self._head(v, e),
                                                         *EXTRA[name](self, e))])

    def _head(self, v: SessionView, e: EntryView) -> tuple[Any, ...]:
        return (v.id, v.patient.mrn, e.id, e.status.value, e.supersedes_id,
                self.t(e.charted_at), self.t(e.recorded_at), e.user_name, e.is_late,
                self.t(e.invalidated_at), e.invalidated_by_name, e.invalidation_reason)


def _vitals(r: Rows, e: EntryView) -> tuple[Any, ...]:
    d = vitals_data(e)
    return (d.get("hr"), d.get("sbp"), d.get("dbp"), d.get("spo2"), d.get("rr"),
            d.get("etco2"), d.get("temp_c"), d.get("rhythm"), bool(d.get("is_baseline")))


def _doses(r: Rows, e: EntryView) -> tuple[Any, ...]:
    d = dose_data(e)
    return (d.get("dose_action"), d.get("rate_mg_per_kg_h"), d.get("rate_mg_per_h"),
            d.get("rate_ml_per_h"), d.get("entered_unit"), d.get("bolus_mg"),
            d.get("override_reason"), e.checked_by_name, d.get("text"))


def _side_effects(r: Rows, e: EntryView) -> tuple[Any, ...]:
    d = side_effect_data(e)
    kind = d.get("effect_type")
    return (kind, SIDE_EFFECTS.get(str(kind), kind), d.get("severity"),
            ACTIONS.get(str(d.get("action_taken")), d.get("action_taken")),
            r.t(d.get("resolved_at")), d.get("text"))


def _medications(r: Rows, e: EntryView) -> tuple[Any, ...]:
    d = medication_data(e)
    return (d.get("drug"), d.get("dose_amount"), d.get("dose_unit"), d.get("route"),
            d.get("treats_entry_id"), d.get("text"))


def _assessments(r: Rows, e: EntryView) -> tuple[Any, ...]:
    d = assessment_data(e)
    return (d.get("scale"), d.get("score"), d.get("items_json"), d.get("phase"), d.get("text"))


EXTRA: dict[str, Callable[[Rows, EntryView], tuple[Any, ...]]] = {
    "vitals": _vitals, "doses": _doses, "side_effects": _side_effects,
    "medications": _medications, "assessments": _assessments,
}


def _day(name: str, value: Any) -> date:
    if isinstance(value, datetime):
        raise ValidationError(name, value, words("a date (YYYY-MM-DD)"), name)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(name, value, words("a date (YYYY-MM-DD)"), name) from None


def _folder(path: str | os.PathLike[str]) -> Path:
    folder = Path(path).expanduser()
    try:
        folder.mkdir(exist_ok=True)
    except FileNotFoundError:
        raise ValidationError("output", str(path), words("a folder whose parent exists"),
                              words("output folder")) from None
    except OSError as exc:
        raise ValidationError("output", str(path), words("a writable folder ({strerror})",
                                                         strerror=exc.strerror),
                              words("output folder")) from None
    if not folder.is_dir():
        raise ValidationError("output", str(path), words("a folder, not a file"),
                              words("output folder"))
    return folder


def write_csv(path: Path, header: Iterable[str], rows: Iterable[list[Any]]) -> None:
    part = path.with_name(path.name + ".partial")
    try:
        with part.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)  # RFC 4180: excel dialect, CRLF
            w.writerow(list(header))
            w.writerows(rows)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise StorageError(words("Could not write {path}: {strerror}.",
                                 path=path, strerror=exc.strerror)) from None


def export_csv(app: Chairlog, actor: UserInfo, first: date | str, last: date | str,
               folder: str | os.PathLike[str]) -> CsvExport:
    """Every session checked in on the days ``first``..``last`` (clinic time zone), audited."""
    d1, d2 = _day("from", first), _day("to", last)
    since, until = day_bounds(app, d1, d2)
    with app.db.read() as s:
        require_user(s, actor, BULK_ROLES, words("export the clinic's data"))
        tz = clinic_row(s).timezone
        rows = Rows(tz, app.now())
        q = (select(InfusionSession).where(InfusionSession.checked_in_at >= since,
                                           InfusionSession.checked_in_at < until)
             .order_by(InfusionSession.checked_in_at, InfusionSession.id))
        count = 0
        for sess in list(s.scalars(q)):
            rows.add_session(load_view(s, sess))
            count += 1
    out = _folder(folder)
    heads = {"sessions": SESSION_HEAD, **{k: ENTRY_HEAD + v for k, v in KIND_HEAD.items()}}
    for name in FILES:
        write_csv(out / f"{name}.csv", heads[name], rows.out[name])
    counts = {name: len(rows.out[name]) for name in FILES}
    with app.db.write() as s:
        user = require_user(s, actor, BULK_ROLES, words("export the clinic's data"))
        record(app, s, user, "export.csv", "clinic", "",
               after={"from": d1.isoformat(), "to": d2.isoformat(), "sessions": count,
                      "rows": counts, "folder": str(out)})
    return CsvExport(str(out), count, counts)
