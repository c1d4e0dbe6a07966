"""What the workstation outbox (``chairlog.outbox``) needs from the server side: a receipt
written with each entry it charts, the test for "already charted", the test for "the server
cannot be reached", and the audited resolution of an entry that could not be replayed.

Decisions:
- Idempotency by receipt: the outbox gives every entry an id (``entry_key``) before its first
  attempt, and the charting call runs inside :func:`receipt`; a session event writes the
  ``outbox_receipts`` row in the same transaction as the chart entry, so the receipt exists if
  and only if the entry was committed. A replay first asks :func:`already_charted`; a receipt
  that exists means "done, do not chart again" (the commit went through but the workstation
  was killed, or the connection dropped before the acknowledgement came back). Two replays
  racing on the same key cannot both commit: the key is the table's primary key.
- The receipt is written only by a transaction that created or changed a chart entry or an
  alert (a hard-ceiling refusal writes its own audit row in a second transaction: that one
  gets no receipt, so the refused entry is not taken for charted).
- "Unreachable" is a connection failure, never a refusal: a PostgreSQL driver error with no
  SQLSTATE (no answer at all), a connection-exception class (08…), an operator shutdown or
  crash (57P…), a statement cancelled by its timeout (57014: the server hung), or a socket
  error. A serialization failure, a constraint, a validation or a conflict is an answer from
  the server and is shown as such. SQLite errors (disk full, locked) are never "unreachable":
  the local file is there or it is not, and an outbox on the same disk would not help.
"""

from __future__ import annotations

import contextvars
import errno
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session

from chairlog.db import audit
from chairlog.db.engine import ChairlogSession
from chairlog.db.models import Alert, ChartEntry, InfusionSession, OutboxReceipt
from chairlog.domain import UserInfo
from chairlog.services.context import (
    CHART_ROLES,
    Chairlog,
    record,
    require_user,
    text_field,
    use_case,
)
from chairlog.words import words


@dataclass
class _Pending:
    key: str
    session_id: int | None
    user_id: int
    use_case: str
    at: datetime
    written: bool = False
    #: the session's version this call's transaction found and changed (optimistic lock:
    #: the UPDATE … WHERE version = it succeeded), None until the session is written
    version_before: int | None = None


_CURRENT: contextvars.ContextVar[_Pending | None] = contextvars.ContextVar(
    "chairlog_outbox_receipt", default=None
)
_TOUCHED = "chairlog_outbox_touched"


@contextmanager
def receipt(app: Chairlog, key: str, *, session_id: int | None, user_id: int,
            use_case: str) -> Iterator[_Pending]:
    """Run a charting call so that its transaction also writes the receipt for ``key``; the
    yielded object tells, after the call, which session version the call wrote over."""
    pending = _Pending(key, session_id, user_id, use_case, app.now())
    token = _CURRENT.set(pending)
    try:
        yield pending
    finally:
        _CURRENT.reset(token)


def _before_flush(s: Session, _ctx: Any, _instances: Any) -> None:
    pending = _CURRENT.get()
    if pending is None or pending.version_before is not None:
        return
    for o in s.dirty:
        if isinstance(o, InfusionSession) and o.id == pending.session_id:
            pending.version_before = o.version


def _after_flush(s: Session, _ctx: Any) -> None:
    if _CURRENT.get() is None:
        return
    if any(isinstance(o, ChartEntry | Alert) for o in (*s.new, *s.dirty)):
        s.info[_TOUCHED] = True


def _before_commit(s: Session) -> None:
    """Runs before the audit seal (listened with ``insert=True``): the receipt is written
    before the audit chain is locked, so the lock's hold does not include its round trip."""
    pending = _CURRENT.get()
    if pending is None or pending.written or s.info.get(audit.DB_INFO) is None:
        return  # no receipt asked for, already written, or a read session
    s.flush()  # the entry's flush sets _TOUCHED
    if not s.info.get(_TOUCHED):
        return
    after = next((o.version for o in s.identity_map.values()
                  if isinstance(o, InfusionSession) and o.id == pending.session_id), None)
    s.execute(insert(OutboxReceipt).values(
        entry_key=pending.key, session_id=pending.session_id, user_id=pending.user_id,
        use_case=pending.use_case, recorded_at=pending.at,
        version_before=pending.version_before,
        version_after=after if pending.version_before is not None else None,
    ))
    s.info["chairlog_outbox_pending"] = pending


def _after_commit(s: Session) -> None:
    pending = s.info.pop("chairlog_outbox_pending", None)
    if isinstance(pending, _Pending):
        pending.written = True
    s.info.pop(_TOUCHED, None)


def _after_rollback(s: Session) -> None:
    pending = _CURRENT.get()
    if pending is not None and not pending.written:
        pending.version_before = None
    s.info.pop("chairlog_outbox_pending", None)
    s.info.pop(_TOUCHED, None)


event.listen(ChairlogSession, "before_flush", _before_flush)
event.listen(ChairlogSession, "after_flush", _after_flush)
event.listen(ChairlogSession, "before_commit", _before_commit, insert=True)  # before the seal
event.listen(ChairlogSession, "after_commit", _after_commit)
event.listen(ChairlogSession, "after_rollback", _after_rollback)


def already_charted(app: Chairlog, key: str) -> bool:
    """True when the entry with this outbox id is on the server."""
    return bool(key) and key in charted_keys(app, [key])


def charted_keys(app: Chairlog, keys: list[str]) -> dict[str, tuple[int | None, int | None]]:
    """Which of these outbox ids are on the server (one query), each with the session
    versions its transaction wrote over and left."""
    if not keys:
        return {}
    with app.db.read() as s:
        rows = s.execute(select(OutboxReceipt.entry_key, OutboxReceipt.version_before,
                                OutboxReceipt.version_after)
                         .where(OutboxReceipt.entry_key.in_(keys)))
        return {k: (b, a) for k, b, a in rows}


# ---- is the server there? -----------------------------------------------------------------

_NO_ANSWER_ERRNOS = {errno.ECONNREFUSED, errno.ECONNRESET, errno.ETIMEDOUT, errno.EHOSTUNREACH,
                     errno.ENETUNREACH, errno.ECONNABORTED, errno.EPIPE}
_UNREACHABLE_WORDS = ("cannot be reached", "could not connect", "connection refused",
                      "server closed the connection", "connection timeout",
                      "timeout expired", "connection is lost", "terminating connection",
                      "consuming input failed", "no route to host",
                      "could not translate host name", "connection reset")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [e.__cause__, e.__context__, getattr(e, "orig", None)]


def _pg_unreachable(e: BaseException) -> bool | None:
    """None when ``e`` is not a PostgreSQL driver error; else whether it means no server."""
    module = type(e).__module__ or ""
    if not module.startswith(("psycopg", "psycopg2")):
        return None
    state: str | None = getattr(e, "sqlstate", None) or getattr(e, "pgcode", None)
    if state is None:
        names = {c.__name__ for c in type(e).__mro__}
        return bool(names & {"OperationalError", "InterfaceError"})
    return state.startswith("08") or state.startswith("57P") or state == "57014"


def server_unreachable(exc: BaseException) -> bool:
    """Whether ``exc`` (raised by a service call) means the database server could not be
    reached or did not answer in time (see the module's decisions)."""
    for e in _chain(exc):
        pg = _pg_unreachable(e)
        if pg is not None:
            return pg
        if getattr(e, "connection_invalidated", False):
            return True
        if isinstance(e, ConnectionError | TimeoutError):
            return True
        if isinstance(e, OSError) and e.errno in _NO_ANSWER_ERRNOS:
            return True
    text = str(exc).lower()
    return type(exc).__name__ in ("StorageError", "ServerUnreachable") and any(
        w in text for w in _UNREACHABLE_WORDS)


def server_answers(url: str) -> bool:
    """Whether the database server at ``url`` answers a trivial query now (a fresh connection,
    closed again): the window started from a snapshot asks this to know when to go on."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as c:
            c.execute(text("SELECT 1"))
        return True
    except Exception as exc:
        if server_unreachable(exc):
            return False
        raise
    finally:
        engine.dispose()


# ---- resolving an entry that could not be replayed ----------------------------------------


@use_case
def record_resolution(
    app: Chairlog,
    actor: UserInfo,
    session_id: int | None,
    entry_key: str,
    *,
    outcome: str,
    use_case_name: str,
    arguments: dict[str, Any],
    problem: str,
    reason: str = "",
    charted_by: str = "",
) -> None:
    """Audit what a nurse did with an outbox entry the server refused on replay: ``discarded``
    (with a reason) or ``charted again`` (the new entry is audited by its own service). The
    refused entry's arguments and the server's message go into the audit row, so nothing
    queued on a workstation disappears without a trace."""
    why = text_field("reason", reason, required=outcome == "discarded", max_chars=1000,
                     label=words("reason for discarding"))
    with app.db.write() as s:
        user = require_user(s, actor, CHART_ROLES, words("resolve queued entries"))
        patient_id = None
        if session_id is not None:
            sess = s.get(InfusionSession, session_id)
            patient_id = sess.patient_id if sess is not None else None
        record(app, s, user, f"outbox.{outcome.replace(' ', '_')}", "outbox_entry", entry_key,
               session_id=session_id, patient_id=patient_id, reason=why or None,
               after={"use_case": use_case_name, "arguments": arguments, "problem": problem,
                      "charted_by": charted_by})
