"""Receiving one monitor message: parse, map, store as a pending set, and say what to ACK.

:func:`receive` never raises: every outcome is an :class:`Outcome` whose ``code`` is the MSA-1
answer, and it returns only after the transaction that stores the message has committed (the
listener ACKs after that). Rules (issue 16):

- AA: stored (one pending set), or nothing to store (a header-only keep-alive, a message whose
  codes chairlog does not chart), or a resend of identical bytes from the same device (stored
  once, ACKed again). A message that carries no time at all (a Mindray without a cuff reading
  sends none) is a resend only within ``RESEND_WINDOW`` of its first copy: the same numbers
  a minute later are a new observation, and de-duplicating them for ever would leave the nurse
  an old set to chart at an old time. Values refused inside a stored message are listed in
  the pending set and in ERR segments of the AA.
- AE: content chairlog cannot chart: every mapped value refused (non-numeric, implausible,
  unknown unit), an observation time more than 60 s in the future or not a date/time, no
  device identity, a device not bound to a chair, no running session on the chair, an
  observation before the session's check-in or more than 60 s (the clock tolerance, as for
  the future) before the device was bound to the chair: a message refused while unbound and
  resent after binding, or queued on another bed, is never kept. Nothing is kept (data from
  an unbound device may belong to another patient); the device's ``refused`` count goes up.
- AR: not an HL7 ORU^R01 chairlog takes (see ``chairlog.monitor.envelope``), or the receiver
  could not store it (the database refused: the monitor should resend later).

Pending sets never raise alerts and are not chart entries: only a nurse's validation charts.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chairlog.clinical.states import ACTIVE_STATES
from chairlog.db.models import Chair, InfusionSession, MonitorDevice, MonitorKeyRule, MonitorPending
from chairlog.errors import ChairlogError
from chairlog.monitor.envelope import Envelope, inspect
from chairlog.monitor.hl7 import Message, Refused, parse
from chairlog.monitor.mapping import Reading, read_vitals
from chairlog.services.context import Chairlog, clinic_row

#: how far in the future an observation time may be (monitor clock ahead of the workstation)
FUTURE_LIMIT = timedelta(seconds=60)
#: identical bytes without an observation time: a resend within this, a new message after it
RESEND_WINDOW = timedelta(seconds=60)
_ACTIVE = [s.value for s in ACTIVE_STATES]
_CACHE_S = 10.0


@dataclass(frozen=True)
class Outcome:
    code: str  # AA | AE | AR
    control_id: str
    text: str
    errors: tuple[str, ...] = ()
    pending_id: int | None = None
    device_key: str = ""
    msg: Message | None = field(default=None, repr=False, compare=False)


@dataclass
class _Cached:
    at: float
    tz: tzinfo
    clinic: str
    rules: dict[str, str]


_CACHE_ATTR = "_monitor_ingest_context"


def _context(app: Chairlog) -> _Cached:
    """The clinic's time zone, name and key rules, re-read every few seconds (not per message;
    another process's ``key-rule`` change is seen within that time). Kept on the app object."""
    c: _Cached | None = app.__dict__.get(_CACHE_ATTR)
    now = time.monotonic()
    if c is None or now - c.at > _CACHE_S:
        with app.db.read() as s:
            clinic = clinic_row(s)
            rules = {r.device_key: r.rule for r in s.scalars(select(MonitorKeyRule))}
            c = _Cached(now, ZoneInfo(clinic.timezone), clinic.name, rules)
        app.__dict__[_CACHE_ATTR] = c
    return c


def forget_cache(app: Chairlog) -> None:
    app.__dict__.pop(_CACHE_ATTR, None)


def clinic_name(app: Chairlog) -> str:
    try:
        return _context(app).clinic
    except ChairlogError:
        return ""


def receive(app: Chairlog, raw: bytes, peer: str = "") -> Outcome:
    """One message in, the answer out (after commit). Never raises."""
    control_id = ""
    try:
        msg = parse(raw)
        control_id = msg.get(msg.msh, 10).strip()
        ctx = _context(app)
        env = inspect(msg, ctx.tz, key_rules=ctx.rules, peer=peer)
    except Refused as r:
        return Outcome(r.code, r.control_id or control_id, r.text)
    except ChairlogError as exc:
        return Outcome("AR", control_id, f"receiver not ready: {exc}"[:200])
    if env.header_only:
        return Outcome("AA", env.control_id, "keep-alive: nothing stored", msg=msg)
    if not env.device_key:
        return Outcome("AE", env.control_id,
                       "unknown device: no OBX-18, MSH-3 or PV1-3 bed identifies it", msg=msg)
    reading = read_vitals(msg)
    try:
        for attempt in (1, 2):
            try:
                out = _store(app, raw, env, reading)
                break
            except IntegrityError:  # a device row created concurrently: read it again
                if attempt == 2:
                    raise
        else:  # pragma: no cover - the loop always breaks or raises
            raise RuntimeError("unreachable")
    except ChairlogError as exc:
        return Outcome("AR", env.control_id, f"not stored, send again: {exc}"[:200], msg=msg)
    except Exception as exc:  # the database driver's own errors: the listener must not die
        return Outcome("AR", env.control_id, f"not stored, send again: {type(exc).__name__}",
                       msg=msg)
    if out.pending_id is not None:
        app.notify("monitor", out.pending_id)
    return Outcome(out.code, out.control_id, out.text, out.errors, out.pending_id,
                   env.device_key, msg)


def _device(s: Session, env: Envelope, now: datetime) -> MonitorDevice:
    dev = s.scalars(select(MonitorDevice).where(MonitorDevice.device_key == env.device_key)).first()
    if dev is None:
        dev = MonitorDevice(device_key=env.device_key, name=env.device_name[:200],
                            sending_application=env.sending_application[:200], first_seen=now,
                            last_seen=now, messages=0, refused=0)
        s.add(dev)
        s.flush()
    return dev


def _digests(raw: bytes, env: Envelope, now: datetime) -> tuple[str, tuple[str, ...]]:
    """The digest to store and those that make this message a resend. With a time in the
    message: its bytes. Without one: its bytes and the ``RESEND_WINDOW`` slot it arrived in,
    matched against this slot and the one before (a resend is answered within 1–2 windows;
    the unique index on device + digest stays the resend rule, no schema change)."""
    if env.observed_at is not None:
        d = hashlib.sha256(raw).hexdigest()
        return d, (d,)
    slot = int(now.timestamp() // RESEND_WINDOW.total_seconds())

    def at(k: int) -> str:
        return hashlib.sha256(raw + f"\x00received-slot:{k}".encode()).hexdigest()

    return at(slot), (at(slot), at(slot - 1))


def _store(app: Chairlog, raw: bytes, env: Envelope, reading: Reading) -> Outcome:
    now = app.now()
    digest, resend_of = _digests(raw, env, now)
    errors = tuple(f"{r['field']} {r['value']}: {r['reason']} ({r['code']})"
                   for r in reading.refused)

    def refuse(dev: MonitorDevice, text: str) -> Outcome:
        dev.refused += 1
        return Outcome("AE", env.control_id, text, errors)

    with app.db.write() as s:
        dev = _device(s, env, now)
        dup = s.scalar(select(MonitorPending.id).where(
            MonitorPending.device_id == dev.id, MonitorPending.raw_sha256.in_(resend_of)))
        if dup is not None:
            return Outcome("AA", env.control_id, f"already stored as pending set {dup}", errors)
        dev.last_seen = now
        dev.last_control_id = env.control_id[:200]
        dev.messages += 1
        if env.device_name and not dev.name:
            dev.name = env.device_name[:200]
        observed = env.observed_at or now
        if observed > now + FUTURE_LIMIT:
            return refuse(dev, f"observation time {observed.isoformat(timespec='seconds')} is "
                               "more than 60 s in the future (check the monitor's clock)")
        if dev.chair_id is None:
            return refuse(dev, f"device {env.device_key} is not bound to a chair "
                               "(chairlog monitor bind); nothing kept")
        if reading.mapped == 0:
            return Outcome("AA", env.control_id, "no vital sign chairlog charts: nothing stored")
        if reading.accepted == 0:
            return refuse(dev, "every value refused: " + "; ".join(errors)[:180])
        sess = s.scalars(select(InfusionSession).where(
            InfusionSession.chair_id == dev.chair_id, InfusionSession.state.in_(_ACTIVE))).first()
        if sess is None:
            chair = s.get(Chair, dev.chair_id)
            return refuse(dev, f"no running session on {chair.name if chair else 'the chair'}")
        if observed < sess.checked_in_at:
            return refuse(dev, "observed before the running session's check-in")
        if dev.bound_at is not None and observed < dev.bound_at - FUTURE_LIMIT:
            return refuse(dev, "observed before the device was bound to this chair (a resend "
                               "or a queued message, or the monitor's clock is behind); "
                               "nothing kept")
        p = MonitorPending(
            session_id=sess.id, chair_id=dev.chair_id, device_id=dev.id,
            control_id=env.control_id[:200], raw_sha256=digest, observed_at=observed,
            received_at=now, values_json=dict(reading.values), sources_json=dict(reading.sources),
            refused_json=list(reading.refused), state="pending",
        )
        s.add(p)
        s.flush()
        pid = p.id
    return Outcome("AA", env.control_id, f"stored as pending set {pid}", errors, pid)


def answer(app: Chairlog, raw: bytes, peer: str = "") -> bytes:
    """The listener's handler: receive one message, return the ACK to send (after commit)."""
    from chairlog.monitor.ack import build_ack

    out = receive(app, raw, peer)
    return build_ack(out.code, out.control_id, out.text, msg=out.msg, errors=out.errors,
                     now=app.now(), clinic=clinic_name(app))
