"""Bedside monitors: devices and their chairs, pending sets, the nurse's validation.

A monitor's numbers are never charted by themselves: the listener (``monitor_ingest``) keeps
each accepted message as a *pending set* on the running session of the device's chair; a nurse
validates it (it becomes a normal vitals entry through :func:`charting.record_vitals`, with its
plausibility checks, protocol alerts and late-entry marking, charted at the observation time by
that nurse, with "monitor <device>, control id <id>" as its source) or rejects it with a reason.
Every bind, unbind, validation, rejection and clearing is audited.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.clinical.vitals import MEASURED, refuse_unknown_keys
from chairlog.db.models import (
    Chair,
    ChartEntry,
    InfusionSession,
    MonitorDevice,
    MonitorKeyRule,
    MonitorPending,
    MonitorSettings,
    User,
)
from chairlog.domain import Role, UserInfo
from chairlog.errors import NotFound, StateError, ValidationError
from chairlog.services import charting
from chairlog.services.context import (
    CHART_ROLES,
    Chairlog,
    record,
    require_user,
    text_field,
    use_case,
)
from chairlog.services.monitor_ingest import forget_cache
from chairlog.services.results import ChartResult
from chairlog.words import term, words

BIND_ROLES = frozenset({Role.ADMIN, Role.NURSE})
STATES = ("pending", "validated", "rejected")
KEY_RULES = ("default", "peer", "serial")
FIELDS = MEASURED
MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id finds nothing


@dataclass(frozen=True)
class DeviceInfo:
    device: str
    name: str
    sending_application: str
    first_seen: datetime
    last_seen: datetime
    last_control_id: str | None
    messages: int
    refused: int
    bound_chair: int | None
    bound_chair_name: str | None
    bound_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "device": self.device, "name": self.name,
            "sending_application": self.sending_application,
            "first_seen": self.first_seen.isoformat(), "last_seen": self.last_seen.isoformat(),
            "last_control_id": self.last_control_id, "messages": self.messages,
            "refused": self.refused, "bound_chair": self.bound_chair,
            "bound_chair_name": self.bound_chair_name,
            "bound_at": self.bound_at.isoformat() if self.bound_at else None,
        }


@dataclass(frozen=True)
class PendingInfo:
    id: int
    session_id: int
    chair: int
    chair_name: str
    device: str
    control_id: str
    observed_at: datetime
    received_at: datetime
    values: dict[str, Any]
    sources: dict[str, str]
    refused: list[dict[str, Any]]
    state: str
    reason: str | None
    entry_id: int | None
    edited: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "session_id": self.session_id, "chair": self.chair,
            "chair_name": self.chair_name, "device": self.device, "control_id": self.control_id,
            "observed_at": self.observed_at.isoformat(),
            "received_at": self.received_at.isoformat(), "values": self.values,
            "sources": self.sources, "refused": self.refused, "state": self.state,
            "reason": self.reason, "entry_id": self.entry_id, "edited": self.edited,
        }


def _device_info(d: MonitorDevice, chair: Chair | None) -> DeviceInfo:
    return DeviceInfo(d.device_key, d.name, d.sending_application, d.first_seen, d.last_seen,
                      d.last_control_id, d.messages, d.refused, d.chair_id,
                      chair.name if chair else None, d.bound_at)


def _pending_info(p: MonitorPending, dev: MonitorDevice, chair: Chair) -> PendingInfo:
    return PendingInfo(p.id, p.session_id, p.chair_id, chair.name, dev.device_key, p.control_id,
                       p.observed_at, p.received_at, dict(p.values_json), dict(p.sources_json),
                       list(p.refused_json), p.state, p.reason, p.entry_id,
                       dict(p.edited_json) if p.edited_json else None)


def list_devices(app: Chairlog) -> list[DeviceInfo]:
    """Every device the listener has heard from, bound or not."""
    with app.db.read() as s:
        rows = s.execute(select(MonitorDevice, Chair).outerjoin(
            Chair, Chair.id == MonitorDevice.chair_id).order_by(MonitorDevice.device_key)).all()
        return [_device_info(d, c) for d, c in rows]


def _find_device(s: Session, device: Any) -> MonitorDevice:
    if not isinstance(device, str) or not device.strip():
        raise ValidationError("device", device, words("a device key as listed by chairlog "
                                                      "monitor devices"))
    d = s.scalars(select(MonitorDevice).where(MonitorDevice.device_key == device.strip())).first()
    if d is None:
        raise ValidationError("device", device, words("a device the listener has heard from (see "
                                                      "chairlog monitor devices)"))
    return d


def _chair(s: Session, chair_id: Any) -> Chair:
    if isinstance(chair_id, bool) or not isinstance(chair_id, int) \
            or not 1 <= chair_id <= MAX_ID:
        raise ValidationError("chair", chair_id, words("a chair number (its id)"))
    c = s.get(Chair, chair_id)
    if c is None or not c.active:
        raise ValidationError("chair", chair_id, words("an active chair"))
    return c


@use_case
def bind_device(app: Chairlog, actor: UserInfo, device: str, chair_id: int) -> DeviceInfo:
    """Tie a device to a chair (a chair may have several devices, a device one chair; binding
    a bound device moves it). Only what it observed from now on is kept (``bound_at``)."""
    with app.db.write() as s:
        user = require_user(s, actor, BIND_ROLES, words("bind monitors"))
        d = _find_device(s, device)
        c = _chair(s, chair_id)
        before = d.chair_id
        if before == c.id:
            raise StateError(words("Device {device_key} is already bound to {name}.",
                                   device_key=d.device_key, name=c.name))
        d.chair_id = c.id
        d.bound_at = app.now()
        record(app, s, user, "monitor.bind", "monitor_device", d.id,
               before={"chair_id": before}, after={"device": d.device_key, "chair_id": c.id})
        info = _device_info(d, c)
    app.notify("monitor")
    return info


@use_case
def unbind_device(app: Chairlog, actor: UserInfo, device: str) -> DeviceInfo:
    """Untie a device: its messages are refused (AE) and not kept until bound again."""
    with app.db.write() as s:
        user = require_user(s, actor, BIND_ROLES, words("unbind monitors"))
        d = _find_device(s, device)
        if d.chair_id is None:
            raise StateError(words("Device {device_key} is not bound to a chair.",
                                   device_key=d.device_key))
        before = d.chair_id
        d.chair_id = None
        d.bound_at = None
        record(app, s, user, "monitor.unbind", "monitor_device", d.id,
               before={"device": d.device_key, "chair_id": before}, after={"chair_id": None})
        info = _device_info(d, None)
    app.notify("monitor")
    return info


@use_case
def set_key_rule(app: Chairlog, actor: UserInfo, device: str, rule: str) -> str:
    """Admin: per-device key override. ``peer``: messages whose key is ``device`` are keyed
    ``device@<sender address>`` (a vendor sending one identity from every bed); ``serial``:
    keyed ``device#<serial>`` from an MSH-10 of the form SERIAL-COUNTER (a vendor that puts
    the device's serial in the control id); ``default`` removes the override."""
    key = text_field("device", device, required=True, max_chars=160)
    if rule not in KEY_RULES:
        raise ValidationError("rule", rule, words("one of: {choices}",
                                                  choices=", ".join(KEY_RULES)))
    with app.db.write() as s:
        user = require_user(s, actor, {Role.ADMIN}, words("change monitor key rules"))
        row = s.scalars(select(MonitorKeyRule).where(MonitorKeyRule.device_key == key)).first()
        before = row.rule if row else "default"
        if rule == "default" and row is not None:
            s.delete(row)
        elif rule != "default":
            if row is None:
                s.add(MonitorKeyRule(device_key=key, rule=rule))
            else:
                row.rule = rule
        record(app, s, user, "monitor.key_rule", "monitor_key_rule", key,
               before={"rule": before}, after={"rule": rule})
    forget_cache(app)
    return rule


def _pending_query() -> Any:
    return (select(MonitorPending, MonitorDevice, Chair)
            .join(MonitorDevice, MonitorDevice.id == MonitorPending.device_id)
            .join(Chair, Chair.id == MonitorPending.chair_id))


def list_pending(app: Chairlog, *, chair_id: int | None = None, session_id: int | None = None,
                 state: str | None = None, limit: int = 500) -> list[PendingInfo]:
    """Pending sets, newest observation first (all states unless ``state`` is given)."""
    for name, v in (("chair", chair_id), ("session", session_id)):
        if v is not None and (isinstance(v, bool) or not isinstance(v, int)
                              or not 1 <= v <= MAX_ID):
            raise ValidationError(name, v, words("a positive whole number (an id)"))
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 100_000:
        raise ValidationError("limit", limit, words("a whole number from 1 to 100000"))
    if state is not None and state not in STATES:
        raise ValidationError("state", state, words("one of: {choices}", choices=", ".join(STATES)))
    q = _pending_query()
    if chair_id is not None:
        q = q.where(MonitorPending.chair_id == chair_id)
    if session_id is not None:
        q = q.where(MonitorPending.session_id == session_id)
    if state is not None:
        q = q.where(MonitorPending.state == state)
    q = q.order_by(MonitorPending.observed_at.desc(), MonitorPending.id.desc()).limit(limit)
    with app.db.read() as s:
        return [_pending_info(p, d, c) for p, d, c in s.execute(q).all()]


def newest_pending(app: Chairlog, session_id: int) -> tuple[PendingInfo | None, int]:
    """The newest pending set of a session and how many are pending (for the vitals form):
    two indexed queries, however many sets wait."""
    from sqlalchemy import func

    with app.db.read() as s:
        n = s.scalar(select(func.count()).select_from(MonitorPending).where(
            MonitorPending.session_id == session_id, MonitorPending.state == "pending")) or 0
        row = s.execute(_pending_query().where(
            MonitorPending.session_id == session_id, MonitorPending.state == "pending").order_by(
            MonitorPending.observed_at.desc(), MonitorPending.id.desc()).limit(1)).first()
        return (None if row is None else _pending_info(*row)), int(n)


def newest_by_session(app: Chairlog) -> dict[int, tuple[PendingInfo, int]]:
    """For the board: each session's newest pending set and how many are pending (one query
    per session that has any, so the cost does not grow with the number waiting)."""
    from sqlalchemy import func

    out: dict[int, tuple[PendingInfo, int]] = {}
    with app.db.read() as s:
        counts = s.execute(select(MonitorPending.session_id, func.count()).where(
            MonitorPending.state == "pending").group_by(MonitorPending.session_id)).all()
        for sid, n in counts:
            row = s.execute(_pending_query().where(
                MonitorPending.session_id == sid, MonitorPending.state == "pending").order_by(
                MonitorPending.observed_at.desc(), MonitorPending.id.desc()).limit(1)).first()
            if row is not None:
                out[int(sid)] = (_pending_info(*row), int(n))
    return out


def _load_pending(s: Session, pending_id: Any) -> MonitorPending:
    if isinstance(pending_id, bool) or not isinstance(pending_id, int) \
            or not 1 <= pending_id <= MAX_ID:
        raise ValidationError("pending_id", pending_id, words("a pending set id (a whole number)"))
    p = s.get(MonitorPending, pending_id)
    if p is None:
        raise NotFound(words("No pending monitor set {pending_id}.", pending_id=pending_id))
    if p.state != "pending":
        raise StateError(words("Pending set {pending_id} was already {state}.",
                               pending_id=pending_id, state=term(p.state)))
    return p


def _merge(device_values: Mapping[str, Any], changes: Mapping[str, Any] | None
           ) -> tuple[dict[str, Any], dict[str, Any]]:
    """The set to chart and what the nurse changed ({field: {"monitor": v, "nurse": v}})."""
    final = {k: v for k, v in device_values.items() if v is not None and k in FIELDS}
    edited: dict[str, Any] = {}
    if changes:
        refuse_unknown_keys(changes)
        for k, v in changes.items():
            blank = v is None or (isinstance(v, str) and not v.strip())
            if k == "rhythm":
                if not blank:
                    final[k] = v
                continue
            if blank:
                if k in final:
                    edited[k] = {"monitor": device_values.get(k), "nurse": None}
                final.pop(k, None)
                continue
            if str(v).strip() != str(device_values.get(k)):
                edited[k] = {"monitor": device_values.get(k), "nurse": v}
            final[k] = v
    return final, edited


def _source(device: str, control_id: str, edited: Mapping[str, Any]) -> str:
    text = f"monitor {device}, control id {control_id}"
    if edited:
        parts = [f"{k} {v['nurse'] if v['nurse'] is not None else 'blank'} "
                 f"(monitor: {v['monitor'] if v['monitor'] is not None else 'none'})"
                 for k, v in sorted(edited.items())]
        text += "; nurse-entered: " + ", ".join(parts)
    return text[:500]


@use_case
def validate_pending(app: Chairlog, actor: UserInfo, pending_id: int,
                     values: Mapping[str, Any] | None = None) -> ChartResult:
    """Chart a pending set as the acting nurse's vitals entry, at its observation time.
    ``values`` are the nurse's edits and additions (missing required fields must be given);
    an edited value is recorded as nurse-entered with the monitor's value kept."""
    with app.db.read() as s:
        p = _load_pending(s, pending_id)
        dev = s.get(MonitorDevice, p.device_id)
        assert dev is not None
        device_key, control_id, session_id = dev.device_key, p.control_id, p.session_id
        device_values, observed, version = dict(p.values_json), p.observed_at, p.version
    final, edited = _merge(device_values, values)
    source = _source(device_key, control_id, edited)
    when = min(observed, app.now())  # a monitor clock slightly ahead: never in the future

    def mark(s: Session, user: User, entry: ChartEntry) -> None:
        row = _load_pending(s, pending_id)
        if row.version != version:
            raise StateError(words("Pending set {pending_id} changed meanwhile; look again.",
                                   pending_id=pending_id))
        row.state = "validated"
        row.decided_at = app.now()
        row.decided_by_id = user.id
        row.entry_id = entry.id
        row.edited_json = edited or None
        record(app, s, user, "monitor.validate", "monitor_pending", row.id,
               session_id=row.session_id,
               before={"state": "pending", "monitor_values": device_values},
               after={"state": "validated", "entry_id": entry.id, "source": source,
                      "nurse_entered": edited})

    result = charting.record_vitals(app, actor, session_id, final, charted_at=when,
                                    source=source, within=mark)
    app.notify("monitor", pending_id)
    return result


@use_case
def reject_pending(app: Chairlog, actor: UserInfo, pending_id: int, reason: str) -> PendingInfo:
    """Refuse a pending set (artefact, wrong patient…), with a reason: nothing is charted."""
    why = text_field("reason", reason, required=True, max_chars=500)
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("reject monitor values"))
        p = _load_pending(s, pending_id)
        _decide(app, s, user, [p], "monitor.reject", why)
        dev = s.get(MonitorDevice, p.device_id)
        chair = s.get(Chair, p.chair_id)
        assert dev is not None and chair is not None
        info = _pending_info(p, dev, chair)
    app.notify("monitor", pending_id)
    return info


def _decide(app: Chairlog, s: Session, user: User, rows: Sequence[MonitorPending], action: str,
            reason: str) -> None:
    now = app.now()
    for p in rows:
        p.state = "rejected"
        p.decided_at = now
        p.decided_by_id = user.id
        p.reason = reason
    first = rows[0]
    sess = s.get(InfusionSession, first.session_id)
    record(app, s, user, action, "monitor_pending", ",".join(str(p.id) for p in rows)[:40],
           session_id=first.session_id, patient_id=sess.patient_id if sess else None,
           before={"state": "pending", "ids": [p.id for p in rows]},
           after={"state": "rejected"}, reason=reason)


@use_case
def clear_older_pending(app: Chairlog, actor: UserInfo, chair_id: int) -> int:
    """Reject, in one audited action, every pending set of a chair but the newest one."""
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("clear monitor values"))
        c = _chair(s, chair_id)
        rows = list(s.scalars(select(MonitorPending).where(
            MonitorPending.chair_id == c.id, MonitorPending.state == "pending").order_by(
            MonitorPending.observed_at.desc(), MonitorPending.id.desc())))
        older = rows[1:]
        if older:
            _decide(app, s, user, older, "monitor.clear",
                    f"cleared: older than the newest set ({rows[0].id}) on {c.name}")
    app.notify("monitor")
    return len(older)


@dataclass(frozen=True)
class ListenerSettings:
    listen_in_window: bool
    port: int
    bind: str


def listener_settings(app: Chairlog) -> ListenerSettings:
    with app.db.read() as s:
        row = s.scalars(select(MonitorSettings).limit(1)).first()
    if row is None:
        return ListenerSettings(False, 2575, "127.0.0.1")
    return ListenerSettings(row.listen_in_window, row.port, row.bind)


@use_case
def set_listener_settings(app: Chairlog, actor: UserInfo, *, listen_in_window: bool,
                          port: int = 2575, bind: str = "127.0.0.1") -> ListenerSettings:
    """Admin (clinic setting): whether the window runs the listener in the background."""
    if not isinstance(listen_in_window, bool):
        raise ValidationError("listen_in_window", listen_in_window, words("true or false"))
    check_port(port)
    addr = check_bind(bind)
    with app.db.write() as s:
        user = require_user(s, actor, {Role.ADMIN}, words("change monitor settings"))
        row = s.scalars(select(MonitorSettings).limit(1)).first()
        before = None if row is None else {"listen_in_window": row.listen_in_window,
                                           "port": row.port, "bind": row.bind}
        if row is None:
            row = MonitorSettings(listen_in_window=listen_in_window, port=port, bind=addr)
            s.add(row)
        else:
            row.listen_in_window, row.port, row.bind = listen_in_window, port, addr
        record(app, s, user, "settings.monitor", "monitor_settings", 1, before=before,
               after={"listen_in_window": listen_in_window, "port": port, "bind": addr})
    return ListenerSettings(listen_in_window, port, addr)


def check_port(port: Any, *, allow_any: bool = False) -> int:
    """A TCP port; 0 ("any free port", printed when listening) only where ``allow_any``."""
    low = 0 if allow_any else 1
    if isinstance(port, bool) or not isinstance(port, int) or not low <= port <= 65535:
        raise ValidationError("port", port, words("a TCP port number, {low}–65535", low=low))
    return port


def check_bind(bind: Any) -> str:
    import ipaddress

    try:
        return str(ipaddress.ip_address(str(bind).strip()))
    except ValueError:
        raise ValidationError("bind", bind, words("an IP address of this computer, e.g. "
                                                  "127.0.0.1 or 0.0.0.0 for every "
                                                  "interface")) from None
