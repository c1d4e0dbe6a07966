"""Discharge: the patient released to a responsible adult after post-infusion monitoring.

The protocol's rule: at least its minimum monitoring time after the stop, and a discharge
score (modified Aldrete by default, or PADSS) at or above its threshold (9 by default),
charted after the stop. A discharge that does not meet the rule needs a physician's
authorisation with a reason: a physician discharging authorises it themselves; a nurse needs a
physician to type their own username and password (``authorised_by``). The physician and the
reason are kept on the discharge entry and appear among the record's deviations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from chairlog.clinical.policy import DEFAULT_DISCHARGE_CRITERIA, Criterion
from chairlog.clinical.protocol import ProtocolValues
from chairlog.clinical.scales import SCALES, Scale
from chairlog.clinical.states import SessionState
from chairlog.db.models import ChartEntry, InfusionSession
from chairlog.domain import Role, UserInfo
from chairlog.errors import ValidationError
from chairlog.present.numbers import fmt
from chairlog.services.context import (
    CHART_ROLES,
    Chairlog,
    charted_time,
    protocol_of,
    require_user,
    text_field,
    use_case,
)
from chairlog.services.cosign import check_cosigner, still_active
from chairlog.services.results import SESSION_DISCHARGED, Changed, ChartResult, _result
from chairlog.services.sessions import add_entry, session_for_write, transition
from chairlog.words import joined, term, words

#: the default discharge criteria by key (a session asks its protocol's: ``discharge_criteria``)
DISCHARGE_CRITERIA = {c.key: c.label for c in DEFAULT_DISCHARGE_CRITERIA}


def discharge_shortfalls(
    proto: ProtocolValues,
    stopped_at: datetime | None,
    at: datetime,
    scores: list[tuple[datetime, int]],
) -> list[str]:
    """What keeps a discharge at ``at`` from meeting the protocol (empty: it meets it).
    ``scores``: the discharge scale's active scores as (charted time, score)."""
    out: list[str] = []
    label = SCALES[Scale(proto.discharge_scale)].label
    if stopped_at is not None:
        minutes = (at - stopped_at).total_seconds() / 60
        if minutes < proto.min_monitoring_min - 1e-9:
            out.append(words("monitored {minutes} min after the stop, the protocol's minimum "
                             "is {minimum} min", minutes=fmt(minutes, 0),
                             minimum=fmt(proto.min_monitoring_min, 0)))
    after = [sc for when, sc in sorted(scores) if stopped_at is None or when >= stopped_at]
    if not after:
        out.append(words("no {scale} score after the stop (needs ≥ {minimum})",
                         scale=term(label), minimum=proto.discharge_score_min))
    elif after[-1] < proto.discharge_score_min:
        out.append(words("{scale} {score}, below the protocol's {minimum}", scale=term(label),
                         score=after[-1], minimum=proto.discharge_score_min))
    return out


@use_case
def discharge(
    app: Chairlog,
    actor: UserInfo,
    session_id: int,
    *,
    criteria: Mapping[str, bool],
    escort_name: str,
    instructions_given: bool,
    instructions: str = "",
    charted_at: datetime | str | None = None,
    expected_version: int | None = None,
    authorised_by: Any = None,
    authorisation_reason: str = "",
) -> ChartResult:
    """Release the patient to a responsible adult after monitoring. Needs every criterion met
    (or an explanation in ``instructions``), an escort, written instructions given, and the
    protocol's discharge rule met or authorised by a physician (see the module)."""
    escort = text_field(
        "escort_name", escort_name, required=True, max_chars=120, label=words("escort name")
    )
    text = text_field("instructions", instructions, max_chars=2000)
    why = text_field("authorisation_reason", authorisation_reason, max_chars=1000,
                     label=words("reason for the authorisation"))
    if not isinstance(criteria, Mapping):
        raise ValidationError("criteria", criteria, words("the discharge criteria by name"))
    for k, v in criteria.items():
        if not isinstance(v, bool):
            raise ValidationError("criteria", f"{k}={v!r}",
                                  words("true or false for each criterion"))
    if instructions_given is not True:
        raise ValidationError(
            "instructions_given",
            instructions_given,
            words("written instructions given (no driving for 24 h, no alcohol)"),
            words("instructions"),
        )
    physician_id = check_cosigner(app, actor, authorised_by, (Role.PHYSICIAN,),
                                  words("an early discharge"), name="authorised_by")
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("discharge patients"))
        sess = session_for_write(s, session_id, expected_version)
        if SessionState(sess.state) is not SessionState.MONITORING:
            from chairlog.errors import StateError

            raise StateError(words("Only a patient in post-infusion monitoring can be "
                                   "discharged; the session is {label}.",
                                   label=term(SessionState(sess.state).label.lower())))
        crit = _criteria_met(protocol_of(sess.protocol_snapshot).discharge_criteria,
                             criteria, text)
        when = charted_time(app, charted_at, earliest=sess.checked_in_at)
        short = _shortfalls(s, sess, when)
        extra: dict[str, Any] = {}
        if short:
            if not why:
                raise ValidationError(
                    "authorisation_reason", "",
                    words("a physician's authorisation with a reason, because: {shortfalls}",
                          shortfalls=joined(short, "; ")),
                    words("discharge authorisation"))
            if Role(user.role) is Role.PHYSICIAN:
                extra = {"override_reason": why, "checked_by_id": user.id}
            elif physician_id is None:
                raise ValidationError(
                    "authorised_by", None,
                    words("a physician's own username and password to authorise it, because: "
                          "{shortfalls}", shortfalls=joined(short, "; ")),
                    words("physician's authorisation"))
            else:
                extra = {"override_reason": why,
                         "checked_by_id": still_active(s, physician_id).id}
        e = add_entry(app, s, user, sess, "discharge", when, criteria_json=crit,
                      escort_name=escort, instructions_given=True, text=text or None, **extra)
        transition(app, s, user, sess, SessionState.DISCHARGED)
        sess.discharged_at = e.charted_at
        s.flush()
        result = _result(s, sess, e.id)
    app.notify("session", session_id)
    # after the commit, so a backup never undoes it: automatic backups subscribe to this
    app.notify(SESSION_DISCHARGED, session_id)
    return replace(result, changes=(*result.changes, Changed(SESSION_DISCHARGED, session_id)))


def _criteria_met(asked: tuple[Criterion, ...], criteria: Mapping[str, bool],
                  text: str | None) -> dict[str, bool]:
    """Each of the session's protocol's criteria, met or not (an unknown one is refused); an
    unmet criterion needs the note that explains why discharge is safe."""
    keys = [c.key for c in asked]
    unknown = set(criteria) - set(keys)
    if unknown:
        raise ValidationError("criteria", sorted(map(str, unknown)),
                              words("this protocol's discharge criteria: {choices}",
                                    choices=", ".join(keys)))
    crit = {k: bool(criteria.get(k, False)) for k in keys}
    unmet = [c.label for c in asked if not crit[c.key]]
    if unmet and not text:
        raise ValidationError(
            "criteria",
            ", ".join(unmet),
            words("all criteria met, or a note explaining why discharge is safe"),
        )
    return crit


def _shortfalls(s: Any, sess: InfusionSession, when: datetime) -> list[str]:
    proto = protocol_of(sess.protocol_snapshot)
    rows = s.execute(
        select(ChartEntry.charted_at, ChartEntry.score).where(
            ChartEntry.session_id == sess.id, ChartEntry.kind == "assessment",
            ChartEntry.status == "active", ChartEntry.scale == proto.discharge_scale,
            ChartEntry.charted_at <= when + timedelta(seconds=1))
    ).all()
    return discharge_shortfalls(proto, sess.infusion_stopped_at, when,
                                [(r.charted_at, int(r.score)) for r in rows])
