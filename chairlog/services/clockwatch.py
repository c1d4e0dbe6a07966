"""Watching the computer's clock for jumps (NTP steps, a clock set by hand, sleep and resume).

Within a running program "now" comes from ``SteadyClock``: wall time at an anchor plus the
monotonic time since, so a jump of the wall clock changes neither the session timers nor the
order of new entries. The jump is still a fact the record must show. The GUI calls
:func:`check_clock` every minute; when the wall clock and the steady clock disagree by more
than :data:`JUMP_THRESHOLD`, an audit row ``clock.jump`` records both readings and the size and
direction of the jump. Then:

- **forwards** (resume from sleep, during which the monotonic clock stands still; a slow clock
  corrected): the steady clock is re-anchored to the wall clock at once. Time moving on cannot
  put a new entry before an old one.
- **backwards** (a fast clock corrected, a clock set back by hand): re-anchoring at once would
  put new entries *before* ones already charted, and would refuse every dose event (pause,
  stop) until the clock passed the last one, since dose events must follow each other. So the
  steady clock keeps counting from where it was, the jump is audited once, and the clock is
  re-anchored (audited again) as soon as the wall clock has passed the newest time stored in the
  database, i.e. after a quiet period as long as the jump, typically overnight.

Stored timestamps are never rewritten; session timers are always recomputed from them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

from sqlalchemy import func, select

from chairlog.db.models import AuditLog, User
from chairlog.domain import UserInfo
from chairlog.present.times import timer_text
from chairlog.services.context import FUTURE_TOLERANCE, Chairlog, is_signed_in, record

JUMP_THRESHOLD = timedelta(minutes=2)

#: backwards jumps already audited but not yet absorbed, per clock object
_pending: WeakKeyDictionary[object, timedelta] = WeakKeyDictionary()


def _newest_stored(app: Chairlog) -> datetime | None:
    """The newest moment anything was recorded (entries may be charted up to the tolerance)."""
    with app.db.read() as s:
        at = s.scalar(select(func.max(AuditLog.at)))
    return at + FUTURE_TOLERANCE if at is not None else None


def _audit(app: Chairlog, actor: UserInfo | None, drift: timedelta, reason: str) -> None:
    steady_now = app.now()
    with app.db.write() as s:
        # the signed-in user, if any, for context; a jump is recorded whoever is there
        # (only a real sign-in names someone: a hand-built actor is recorded as nobody)
        user = s.get(User, actor.id) if actor is not None and is_signed_in(actor) else None
        record(app, s, user, "clock.jump", "clock", "", username="system",
               before={"steady_now": steady_now}, after={"wall_now": steady_now + drift},
               reason=reason)


def check_clock(app: Chairlog, actor: UserInfo | None = None) -> timedelta | None:
    """Audit (and absorb, when safe) a wall-clock jump. Returns the jump (wall minus steady)
    when something new was recorded, else None."""
    drift = app.clock.drift()
    if abs(drift) <= JUMP_THRESHOLD:
        _pending.pop(app.clock, None)
        return None
    size = timer_text(abs(drift))
    if drift > timedelta(0):
        _audit(app, actor, drift, f"The computer's clock jumped forwards by {size} (h:mm:ss); "
                                  "chairlog follows it from now on.")
        _reanchor(app)
        return drift
    wall_now = app.now() + drift
    newest = _newest_stored(app)
    if newest is None or wall_now >= newest:
        was_noted = app.clock in _pending
        _audit(app, actor, drift, f"The computer's clock is {size} (h:mm:ss) behind chairlog's "
               "time; " + ("re-synchronised now that it has passed the newest recorded time."
                           if was_noted else "re-synchronised (nothing recorded after it)."))
        _reanchor(app)
        return drift
    noted = _pending.get(app.clock)
    if noted is not None and abs(noted - drift) <= JUMP_THRESHOLD:
        return None
    _pending[app.clock] = drift
    _audit(app, actor, drift, f"The computer's clock jumped backwards by {size} (h:mm:ss). "
           "chairlog keeps its own time until the computer's clock passes the newest recorded "
           f"time ({newest.isoformat(timespec='seconds')}), so nothing new sorts before "
           "what is already charted.")
    app.notify("clock", None)
    return drift


def _reanchor(app: Chairlog) -> None:
    app.clock.reanchor()
    _pending.pop(app.clock, None)
    app.notify("clock", None)
