"""Protocol templates (versioned) and chairs: the clinic's editable set-up."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chairlog import paths
from chairlog.clinical.protocol import ProtocolValues
from chairlog.db.models import Chair, Protocol
from chairlog.domain import ChairInfo, ProtocolInfo, Role, UserInfo
from chairlog.errors import NotFound, ValidationError
from chairlog.services import conflicts
from chairlog.services.context import Chairlog, record, require_user, text_field, use_case
from chairlog.words import words


def protocol_info(p: Protocol) -> ProtocolInfo:
    return ProtocolInfo(
        p.id,
        p.key,
        p.version,
        p.name,
        p.indication,
        p.active,
        ProtocolValues.from_dict(p.values_json),
    )


def default_templates() -> list[dict[str, Any]]:
    """The protocol templates shipped in resources/protocols (reviewed by the medical director)."""
    folder = paths.resources_dir() / "protocols"
    found = sorted(folder.glob("*.json"))
    if not found:
        raise paths.MissingResource(words("protocols/*.json"), folder.parent)
    out = []
    for path in found:
        out.append(json.loads(path.read_text(encoding="utf-8")))
    return out


def install_default_protocols(app: Chairlog, actor: UserInfo) -> list[ProtocolInfo]:
    """Load the shipped templates into an empty protocol list (first start, demo, init)."""
    made = []
    with app.db.write() as s:
        user = require_user(s, actor, {Role.ADMIN}, words("set up protocols"))
        if s.scalar(select(func.count()).select_from(Protocol)):
            return []
        for tpl in default_templates():
            key = tpl.pop("key")
            values = ProtocolValues.from_dict(tpl)
            made.append(_add_version(app, s, user, key, 1, values, username="cli"))
    app.notify("protocol")
    return made


def list_protocols(app: Chairlog, include_inactive: bool = False) -> list[ProtocolInfo]:
    with app.db.read() as s:
        q = select(Protocol).order_by(Protocol.name, Protocol.version)
        if not include_inactive:
            q = q.where(Protocol.active.is_(True))
        return [protocol_info(p) for p in s.scalars(q)]


def get_protocol(app: Chairlog, protocol_id: int) -> ProtocolInfo:
    with app.db.read() as s:
        p = s.get(Protocol, protocol_id)
        if p is None:
            raise NotFound(words("No protocol {protocol_id}.", protocol_id=protocol_id))
        return protocol_info(p)


@use_case
def save_protocol(
    app: Chairlog,
    actor: UserInfo,
    values: ProtocolValues | dict[str, Any],
    *,
    key: str | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> ProtocolInfo:
    """Admin: create a protocol, or a new version of ``key`` (the old version is retired;
    sessions keep the snapshot of the values they were run with). A new version needs a
    reason (it is kept in the audit trail) and ``expected_version``: the version the editor
    was opened on. If another admin saved a newer version meanwhile (or at the same instant)
    the save is refused with a ``ConflictError`` naming who changed what, and nothing is
    written. Alert thresholds must be whole numbers or None."""
    if isinstance(values, dict):
        values = ProtocolValues.from_dict(values)
    else:
        values.validate()
    _check_thresholds(values)
    why = text_field("reason", reason, max_chars=500)
    label = words("Protocol '{name}'", name=values.name)

    def versions() -> list[int]:
        with app.db.read() as r:
            return list(r.scalars(select(Protocol.id).where(Protocol.key == key)))

    try:
        with conflicts.worded(app, "protocol", versions, label, "uq_protocol_key_version"), \
                app.db.write() as s:
            info = _write_protocol(app, s, actor, values, key, why, expected_version)
    except IntegrityError as exc:
        # two admins creating a protocol of the same name at the same instant
        if key is None and conflicts.is_unique_violation(exc, "uq_protocol_key_version"):
            raise ValidationError("name", values.name, words("a name not used by another protocol"),
                                  words("protocol name")) from None
        raise
    app.notify("protocol", info.id)
    return info


def _write_protocol(app: Chairlog, s: Session, actor: UserInfo, values: ProtocolValues,
                    key: str | None, why: str, expected_version: int | None) -> ProtocolInfo:
    user = require_user(s, actor, {Role.ADMIN}, words("edit protocols"))
    version = 1
    before = None
    if key is not None:
        if not why:
            raise ValidationError("reason", why, words("a reason for the new version"),
                                  words("reason"))
        conflicts.require_version(expected_version)
        latest = s.scalars(
            select(Protocol).where(Protocol.key == key).order_by(Protocol.version.desc())
        ).first()
        if latest is None:
            raise NotFound(words("No protocol {key}.", key=key))
        if latest.version != expected_version:
            raise conflicts.stale()
        latest.active = False
        version = latest.version + 1
        before = latest.values_json
    else:
        key = _slug(values.name)
        if s.scalar(select(Protocol.id).where(Protocol.key == key)) is not None:
            raise ValidationError(
                "name", values.name, words("a name not used by another protocol"),
                words("protocol name")
            )
    return _add_version(app, s, user, key, version, values, before=before, reason=why or None)


def _add_version(app: Chairlog, s: Session, user: Any, key: str, version: int,
                 values: ProtocolValues, *, before: dict[str, Any] | None = None,
                 **audit: Any) -> ProtocolInfo:
    """One protocol version row and its audit record (a new protocol when ``before`` is None)."""
    p = Protocol(key=key, version=version, name=values.name, indication=values.indication,
                 values_json=values.to_dict(), created_at=app.now())
    s.add(p)
    s.flush()
    record(app, s, user, "protocol.version" if before else "protocol.create", "protocol", p.id,
           before=before, after=values.to_dict(), **audit)
    return protocol_info(p)


def _check_thresholds(values: ProtocolValues) -> None:
    """Alert thresholds are compared with every vitals set: a text or a fraction stored here
    would break charting later, so refuse it now (None switches a check off)."""
    t = values.thresholds
    for f in fields(t):
        v = getattr(t, f.name)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 400):
            raise ValidationError(
                f.name,
                v,
                words("a whole number from 0 to 400, or off"),
                words("{name} threshold", name=f.name.replace("_", " ")),
            )
    for low, high in (("hr_min", "hr_max"), ("rr_min", "rr_max")):
        lo, hi = getattr(t, low), getattr(t, high)
        if lo is not None and hi is not None and lo >= hi:
            raise ValidationError(
                low, lo, words("below the upper limit ({hi})", hi=hi),
                words("{name} threshold", name=low.replace("_", " ")),
            )


def _slug(name: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in name).strip("-")
    while "--" in out:
        out = out.replace("--", "-")
    return out[:60] or "protocol"


def chair_info(c: Chair) -> ChairInfo:
    return ChairInfo(c.id, c.name, c.position, c.active, c.version or 1)


def list_chairs(app: Chairlog, include_inactive: bool = False) -> list[ChairInfo]:
    with app.db.read() as s:
        q = select(Chair).order_by(Chair.position, Chair.name)
        if not include_inactive:
            q = q.where(Chair.active.is_(True))
        return [chair_info(c) for c in s.scalars(q)]


def add_chair(app: Chairlog, actor: UserInfo | None, name: str) -> ChairInfo:
    """Admin: a new chair at the end of the board (a name two admins add at the same instant
    is refused for the second, as a name already used)."""
    n = text_field("name", name, required=True, max_chars=40, label=words("chair name"))
    try:
        info = _add_chair(app, actor, n)
    except IntegrityError:
        raise ValidationError("name", n, words("a chair name not already used"),
                              words("chair name")) from None
    app.notify("chair", info.id)
    return info


def _add_chair(app: Chairlog, actor: UserInfo | None, n: str) -> ChairInfo:
    with app.db.write() as s:
        user = require_user(s, actor, {Role.ADMIN}, words("add chairs")) if actor else None
        if s.scalar(select(Chair.id).where(Chair.name == n)) is not None:
            raise ValidationError("name", n, words("a chair name not already used"),
                                  words("chair name"))
        pos = (s.scalar(select(func.max(Chair.position))) or 0) + 1
        c = Chair(name=n, position=pos)
        s.add(c)
        s.flush()
        record(app, s, user, "chair.create", "chair", c.id, username="cli", after={"name": n})
        return chair_info(c)


@use_case
def set_chair_active(app: Chairlog, actor: UserInfo, chair_id: int, active: bool, *,
                     expected_version: int | None = None) -> ChairInfo:
    """Admin: take a chair out of use or back; ``expected_version`` is the chair's version as
    shown (a change made meanwhile on another workstation is refused, naming it)."""
    conflicts.require_version(expected_version)
    def label() -> str:
        with app.db.read() as r:
            name = r.scalar(select(Chair.name).where(Chair.id == chair_id))
        return str(name) if name else words("This chair")

    with conflicts.worded(app, "chair", [chair_id], label), app.db.write() as s:
        user = require_user(s, actor, {Role.ADMIN}, words("change chairs"))
        c = s.get(Chair, chair_id, with_for_update=True)
        if c is None:
            raise NotFound(words("No chair {chair_id}.", chair_id=chair_id))
        if (c.version or 1) != expected_version:
            raise conflicts.stale()
        before = {"active": c.active}
        c.active = active
        c.version = (c.version or 1) + 1
        record(app, s, user, "chair.update", "chair", c.id, before=before, after={"active": active})
        info = chair_info(c)
    app.notify("chair", chair_id)
    return info
