"""A patient's series: every session with pain before and after, ketamine given, side effects.

Decisions:
- The series is every session of the patient, oldest first (chairlog keeps no separate
  "series" object; a booster months later is one more row). Sessions stopped before any drug
  are listed with 0 mg.
- Pain before = the first baseline pain NRS of the session; pain after = the last pain NRS
  charted in the ``after`` or ``discharge`` phase (the same rule as the history list).
  Only active entries count (corrected and entered-in-error ones do not).
- Ketamine per session = ``SessionView.cumulative_mg`` at the session's end (discharge or
  early stop; for a session still running, now); per series = their sum.
- Side-effect counts: active side-effect entries by type, per session and for the series.
- Reading the series (the screen) writes no audit row; exporting the PDF report does
  (``export.series``, with the patient, the number of sessions and the file's SHA-256).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime

from sqlalchemy import select

from chairlog.db.models import InfusionSession, Patient
from chairlog.domain import EntryKind, Role, SessionView, UserInfo
from chairlog.domain.describe import SIDE_EFFECTS
from chairlog.domain.payloads import assessment_data, side_effect_data
from chairlog.domain.series import SeriesReport, SeriesSession
from chairlog.errors import NotFound, ValidationError
from chairlog.services.accounts import clinic_info
from chairlog.services.context import Chairlog, clinic_row, record, require_user
from chairlog.services.patients import patient_info
from chairlog.services.views import load_view
from chairlog.words import words

SERIES_ROLES = frozenset({Role.NURSE, Role.PHYSICIAN, Role.ADMIN})


def pain_before_after(v: SessionView) -> tuple[int | None, int | None]:
    before: int | None = None
    after: int | None = None
    for e in sorted(v.active_entries(EntryKind.ASSESSMENT), key=lambda e: (e.charted_at, e.id)):
        d = assessment_data(e)
        if d.get("scale") != "pain_nrs" or d.get("score") is None:
            continue
        phase = d.get("phase")
        if phase == "baseline" and before is None:
            before = int(d["score"])
        elif phase in ("after", "discharge"):
            after = int(d["score"])
    return before, after


def series_session(v: SessionView, now: datetime) -> SeriesSession:
    from chairlog.reports.model import record_id

    end = v.discharged_at or v.stopped_early_at or now
    mg = v.cumulative_mg(end)
    before, after = pain_before_after(v)
    effects = Counter(str(side_effect_data(e)["effect_type"])
                      for e in v.active_entries(EntryKind.SIDE_EFFECT))
    return SeriesSession(v.id, record_id(v.id), v.checked_in_at, v.state.value, v.protocol_key,
                         v.weight_kg, before, after, mg, mg / v.weight_kg,
                         dict(sorted(effects.items())))


def _mrn(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        raise ValidationError("mrn", value, words("a patient's MRN"), words("MRN"))
    return value.strip()


def patient_series(app: Chairlog, actor: UserInfo, mrn: str) -> SeriesReport:
    """The patient's series (read only)."""
    wanted = _mrn(mrn)
    with app.db.read() as s:
        require_user(s, actor, SERIES_ROLES, words("read a patient's series"))
        p = s.scalars(select(Patient).where(Patient.mrn == wanted)).first()
        if p is None:
            raise NotFound(words("No patient with MRN {wanted}.", wanted=wanted))
        clinic = clinic_info(clinic_row(s))
        rows = list(s.scalars(select(InfusionSession).where(InfusionSession.patient_id == p.id)
                              .order_by(InfusionSession.checked_in_at, InfusionSession.id)))
        now = app.now()
        sessions = tuple(series_session(load_view(s, r), now) for r in rows)
        return SeriesReport(clinic, patient_info(p), sessions, now, dict(SIDE_EFFECTS))


def export_series_pdf(app: Chairlog, actor: UserInfo, mrn: str) -> bytes:
    """The series as a PDF report for the referring physician, audited."""
    from chairlog.reports.series_pdf import build_series_pdf

    report = patient_series(app, actor, mrn)
    pdf = build_series_pdf(report)
    with app.db.write() as s:
        user = require_user(s, actor, SERIES_ROLES, words("export a patient's series"))
        record(app, s, user, "export.series", "patient", report.patient.id,
               after={"mrn": report.patient.mrn, "sessions": len(report.sessions),
                      "ketamine_total_mg": round(report.ketamine_total_mg, 6),
                      "sha256": hashlib.sha256(pdf).hexdigest(), "bytes": len(pdf)},
               patient_id=report.patient.id)
    return pdf
