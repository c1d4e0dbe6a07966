"""What the physician signs shows every deviation: the list shown before signing and on the
record's first page.

Decisions:
- Listed: overrides of a protocol maximum (with who checked them), attempts refused at the
  hard ceiling (from the audit trail), an infusion started without required items, a
  discharge before the protocol's minimum monitoring or without a passing score (with the
  authorising physician), late entries, corrections and entries in error, every alert and how
  it was acknowledged, and missed vitals intervals.
- A vitals interval counts as missed when the gap between two sets (or from the start or the
  stop to the first set) is longer than the protocol's interval plus a grace of a fifth of it
  (at least 2 minutes): 15-minute vitals taken at 18 minutes are on time; at 20, missed.
- A session imported from paper is one line ("imported from paper"), not a late entry per
  line: every entry of it was typed afterwards by design.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.clinical.vitals import alert_words
from chairlog.db.models import AuditLog, InfusionSession
from chairlog.domain import (
    DEVIATION_KINDS,
    AlertView,
    Deviation,
    EntryKind,
    EntryStatus,
    EntryView,
    SessionView,
)
from chairlog.domain.describe import kind_word
from chairlog.domain.payloads import assessment_data, discharge_data, dose_data
from chairlog.errors import NotFound
from chairlog.present.numbers import fmt
from chairlog.present.times import duration_text, local_time
from chairlog.present.vitals_text import summary_words
from chairlog.services.context import Chairlog
from chairlog.services.discharge import discharge_shortfalls
from chairlog.words import Words, joined, term, words


def _word(e: EntryView) -> Words:
    return term(kind_word(e.kind.value))


def grace(interval_min: float) -> timedelta:
    return timedelta(minutes=max(interval_min / 5, 2))


def missed_intervals(view: SessionView, end: datetime) -> list[tuple[datetime, datetime, float]]:
    """(from, to, interval) for each gap in the vitals longer than its interval and grace,
    during the infusion (its interval) and after the stop (the after-interval), up to ``end``."""
    p = view.protocol
    start, stop = view.infusion_started_at, view.infusion_stopped_at
    if start is None:
        return []
    times = sorted(e.charted_at for e in view.vitals if e.charted_at >= start)
    out: list[tuple[datetime, datetime, float]] = []

    def scan(since: datetime, until: datetime, interval: float, stamps: Iterable[datetime]
             ) -> None:
        prev = since
        for t in [*stamps, until]:
            if t - prev > timedelta(minutes=interval) + grace(interval):
                out.append((prev, t, interval))
            prev = max(prev, t)

    during_end = stop or end
    scan(start, during_end, p.vitals_interval_min, [t for t in times if t <= during_end])
    if stop is not None:
        scan(stop, end, p.vitals_interval_after_min, [t for t in times if t > stop])
    return out


def session_deviations(view: SessionView, tz: ZoneInfo, now: datetime,
                       ceiling_refusals: Iterable[tuple[datetime, str, str]] = ()
                       ) -> list[Deviation]:
    """Every deviation of the session, oldest first. ``ceiling_refusals``: (time, who,
    message) of the attempts refused at the hard ceiling."""
    def hm(at: datetime) -> str:
        return local_time(at, tz)

    out: list[Deviation] = []
    if view.imported_from_paper:
        out.append(Deviation("imported", view.checked_in_at,
                             words("Imported from paper: every entry was typed afterwards")))
    for e in view.entries:
        d = dose_data(e) if e.kind is EntryKind.DOSE else None
        if d is not None and e.active and d.get("override_reason"):
            who = (words("checked by {name}", name=e.checked_by_name) if e.checked_by_name
                   else words("no second clinician's check recorded"))
            out.append(Deviation("override", e.charted_at, words(
                "Override at {time}: {entry} — {reason} ({check}; charted by {user})",
                time=hm(e.charted_at), entry=summary_words(e), reason=d["override_reason"],
                check=who, user=e.user_name)))
        if d is not None and e.active and d.get("dose_action") == "start" \
                and "Started without:" in (d.get("text") or ""):
            out.append(Deviation("checklist_skipped", e.charted_at, words(
                "Infusion started at {time} with pre-infusion items not done: {items}",
                time=hm(e.charted_at), items=d["text"])))
        if e.status is EntryStatus.CORRECTED:
            out.append(Deviation("correction", e.invalidated_at or e.recorded_at, words(
                "Corrected {kind} of {time} ({entry}) by {user}: {reason}",
                kind=_word(e), time=hm(e.charted_at), entry=summary_words(e),
                user=e.invalidated_by_name, reason=e.invalidation_reason)))
        elif e.status is EntryStatus.ENTERED_IN_ERROR:
            out.append(Deviation("entered_in_error", e.invalidated_at or e.recorded_at, words(
                "Entered in error: {kind} of {time} ({entry}) — {reason} ({user})",
                kind=_word(e), time=hm(e.charted_at), entry=summary_words(e),
                reason=e.invalidation_reason, user=e.invalidated_by_name)))
        elif e.is_late and not view.imported_from_paper:
            late = duration_text(e.recorded_at - e.charted_at)
            out.append(Deviation("late_entry", e.charted_at, words(
                "Late entry: {kind} for {time} entered {late} later by {user}",
                kind=_word(e), time=hm(e.charted_at), late=late, user=e.user_name)))
    for when, by, message in ceiling_refusals:
        out.append(Deviation("ceiling_refused", when, words(
            "Refused at the hard ceiling at {time} ({user}): {message}",
            time=hm(when), user=by, message=message)))
    out += _discharge(view, hm)
    out += [_alert(a, hm) for a in view.alerts]
    end = view.discharged_at or now
    for since, until, interval in missed_intervals(view, end):
        out.append(Deviation("missed_vitals", since, words(
            "Vitals missed: none from {start} to {end} ({gap}; interval {interval} min)",
            start=hm(since), end=hm(until), gap=duration_text(until - since),
            interval=fmt(interval, 0))))
    return sorted(out, key=lambda d: d.at)


def _discharge(view: SessionView, fmt_time: Callable[[datetime], str]) -> list[Deviation]:
    entry = next(iter(view.active_entries(EntryKind.DISCHARGE)), None)
    if entry is None:
        return []
    p = view.protocol
    scores = [(e.charted_at, int(a["score"])) for e in view.active_entries(
        EntryKind.ASSESSMENT) if (a := assessment_data(e)).get("scale") == p.discharge_scale]
    short = discharge_shortfalls(p, view.infusion_stopped_at, entry.charted_at, scores)
    if not short:
        return []
    who = entry.checked_by_name or words("no physician")
    reason = discharge_data(entry).get("override_reason") or words("no reason recorded")
    return [Deviation("early_discharge", entry.charted_at, words(
        "Discharge at {time}: {shortfalls} — authorised by {physician}: {reason}",
        time=fmt_time(entry.charted_at), shortfalls=joined(short, "; "), physician=who,
        reason=reason))]


def _alert(a: AlertView, fmt_time: Callable[[datetime], str]) -> Deviation:
    if a.acknowledged_at is None:
        how = words("NOT acknowledged")
    else:
        how = words("acknowledged at {time} by {user}: {action}",
                    time=fmt_time(a.acknowledged_at), user=a.acknowledged_by_name,
                    action=a.action_taken)
    return Deviation("alert", a.raised_at, words(
        "Alert at {time}: {message} — {acknowledged}", time=fmt_time(a.raised_at),
        message=alert_words(a.message), acknowledged=how))


def ceiling_refusals(s: Session, session_id: int) -> list[tuple[datetime, str, str]]:
    rows = s.execute(
        select(AuditLog.at, AuditLog.username, AuditLog.after_json)
        .where(AuditLog.session_id == session_id, AuditLog.action == "dose.ceiling_refused")
        .order_by(AuditLog.seq)
    ).all()
    out = []
    for r in rows:
        try:
            after = json.loads(r.after_json or "{}")
        except ValueError:
            after = {}
        message = after.get("message", "") if isinstance(after, dict) else ""
        out.append((r.at, r.username, str(message)))
    return out


def get_deviations(app: Chairlog, session_id: int) -> list[Deviation]:
    """The session's deviations as the physician sees them before signing."""
    from chairlog.services.accounts import clinic_info
    from chairlog.services.context import clinic_row
    from chairlog.services.views import load_view

    with app.db.read() as s:
        sess = s.get(InfusionSession, session_id)
        if sess is None:
            raise NotFound(words("No session {session_id}.", session_id=session_id))
        view = load_view(s, sess)
        tz = ZoneInfo(clinic_info(clinic_row(s)).timezone)
        return session_deviations(view, tz, app.now(), ceiling_refusals(s, session_id))


def counts_by_kind(devs: Iterable[Deviation]) -> dict[str, int]:
    """How many deviations of each kind, in the order of :data:`DEVIATION_KINDS`."""
    found: dict[str, int] = {}
    for d in devs:
        found[d.kind] = found.get(d.kind, 0) + 1
    return {k: found[k] for k in [*DEVIATION_KINDS, *sorted(found)] if k in found}


def counts_text(counts: dict[str, int]) -> str:
    """"Override ×2 · Late entry ×1" — the sign queue's line; "no deviations" when none."""
    if not counts:
        return "no deviations"
    return " · ".join(f"{DEVIATION_KINDS.get(k, k)} ×{n}" for k, n in counts.items())


def deviation_counts(app: Chairlog, session_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Each session's deviation counts by kind (the sign queue lists them per record)."""
    return {sid: counts_by_kind(get_deviations(app, sid)) for sid in session_ids}
