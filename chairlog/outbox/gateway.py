"""The one way charting reaches the server from a workstation: try the service; when the server
cannot be reached, keep the entry in the outbox and say so; replay it when the server is back.

Decisions:
- Every entry gets its id (``entry_key``) before the first attempt, and the attempt itself
  writes the server-side receipt (``services.replay.receipt``). So a commit whose
  acknowledgement was lost (the connection dropped after the server committed) is found on
  replay and never charted twice; so is a replay killed between the server's commit and the
  outbox's "done".
- While a session has entries waiting, a new entry for it waits behind them (it is queued
  even if the server answers again), so the server receives one session's entries in the
  order they were charted. Such an entry gets the checks that need no database (a vitals
  set's plausibility) at once; the rest are the server's, on replay.
- The time is fixed when the nurse saves: an entry without a typed time gets the time of its
  first attempt as its charted time, so a replay an hour later is charted at the moment it
  happened and the service marks it a late entry by its own rule.
- A replay acts as the nurse who charted the entry: it needs that nurse's signed-in actor
  (a hand-built one is refused, TRUST.md). Entries of a nurse who is not signed in here wait,
  and so do the later entries of the same session. The window replays the signed-in nurse's
  entries; ``chairlog outbox replay --as USERNAME`` does the same from the command line.
- A replay the server refuses (the session was stopped or discharged meanwhile, a stale dose
  change, a value the rules now refuse) becomes a ``conflict`` with the server's words; it
  stays in the outbox until a nurse discards it with a reason or charts it again. Both are
  audited on the server (``outbox.discarded`` / ``outbox.charted_again``). Later entries of
  that session still replay: each is judged by the rules on its own.
- An entry charted under an offline sign-in (``outbox.offline``: a window started while the
  server was down) carries the fingerprint of the password verifier it was signed in with. It
  replays only as that nurse signed in on the server (the rule above), and only if the
  fingerprint is that of her verifier on the server now; otherwise it becomes a conflict
  (``OFFLINE_MISMATCH``), kept for her to resolve: a password changed since, or a
  workstation cache forged to sign in as her, never reaches her chart unseen. (A chairlog
  upgrade that changes the argon2 parameters rehashes her password at her next online
  sign-in; entries charted offline before it then come back as conflicts too, for her to
  chart again: a false refusal, never a silent charting.)
- One entry, one server transaction, one outbox commit after it. A failure of the server
  mid-replay stops the replay; what was done stays done.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from chairlog.domain import UserInfo
from chairlog.errors import ChairlogError, StorageError, ValidationError
from chairlog.paths import data_dir, describe_db_url
from chairlog.services import Chairlog, offline_credentials, replay
from chairlog.words import term, words

from .store import FILE_NAME, Entry, OutboxStore
from .usecases import UseCase, bind, by_function, by_name, to_json

log = logging.getLogger(__name__)

QUEUED_WORDS = "saved on this workstation — not yet on the server"
#: the conflict of an entry charted under an offline sign-in that no longer matches the server
OFFLINE_MISMATCH = words(
    "Not charted: this entry was charted while the server was down, under an offline sign-in "
    "whose password does not match this account's password on the server now (the password "
    "was changed since, or that sign-in was not one the server made). Check it with the "
    "patient's paper notes, then chart it again as yourself or discard it with a reason.")


class NotQueueable(StorageError):
    """The server cannot be reached and this call cannot wait in the outbox."""


@dataclass(frozen=True)
class Outcome:
    """What ``submit`` did: ``saved`` (on the server; ``result`` is the service's answer) or
    ``queued`` (in this workstation's outbox; ``waiting`` entries wait in all)."""

    status: str
    entry_key: str
    waiting: int
    result: Any = None
    #: the charted time kept with a queued entry (ISO 8601)
    charted_at: str | None = None

    @property
    def queued(self) -> bool:
        return self.status == "queued"

    @property
    def message(self) -> str:
        if not self.queued:
            return "Saved."
        return f"{QUEUED_WORDS} ({waiting_words(self.waiting)})."


def waiting_words(n: int) -> str:
    return f"{n} entr{'y' if n == 1 else 'ies'} waiting"


@dataclass
class ReplayReport:
    """What one replay pass did."""

    done: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    waiting: int = 0
    waiting_for: set[str] = field(default_factory=set)
    unreachable: str | None = None

    def line(self) -> str:
        parts = [f"replayed {len(self.done)}", f"already on the server {len(self.already)}",
                 f"conflicts {len(self.conflicts)}", f"still waiting {self.waiting}"]
        if self.waiting_for:
            parts[-1] += f" (for {', '.join(sorted(self.waiting_for))} to sign in)"
        text = ", ".join(parts)
        if self.unreachable:
            text += f"; stopped: the server cannot be reached ({self.unreachable})"
        return text


def database_label(url: str) -> str:
    """The database an entry belongs to, without its password: a short digest of the URL
    as chairlog describes it (the outbox file is shared by every database used here)."""
    return hashlib.sha256(describe_db_url(url).encode()).hexdigest()[:16]


def keep_entry(store: OutboxStore, database: str, uc: UseCase, key: str,
               arguments: Mapping[str, Any], *, user_id: int, username: str,
               session_id: int, seen: Any, charted: Any, queued_at: str,
               offline_fingerprint: str | None = None) -> str:
    """Write one entry into the outbox file, the one entry format every replay reads: the
    call's arguments as JSON without ``expected_version``, its time argument set to
    ``charted``. Returns the charted time as kept (ISO 8601). A file that cannot take it is a
    ``StorageError`` saying nothing was saved (the typed values stay in the form)."""
    kept = {k: v for k, v in arguments.items() if k != "expected_version"}
    kept[uc.when] = charted
    payload = to_json(kept)
    when = charted.isoformat() if isinstance(charted, datetime) else str(charted)
    try:
        store.add(entry_key=key, database=database, use_case=uc.name, arguments=payload,
                  user_id=user_id, username=username, session_id=session_id,
                  seen_version=seen if isinstance(seen, int) else None, charted_at=when,
                  queued_at=queued_at, offline_fingerprint=offline_fingerprint)
    except sqlite3.Error as exc:
        log.error("the outbox %s could not keep an entry: %s", store.path, exc)
        raise StorageError(
            words("The server cannot be reached, and this workstation could not keep the "
                  "entry ({exc}): it was NOT saved. What you typed is still in the form; "
                  "chart it on paper.", exc=exc)) from exc
    return when


class Outbox:
    """The gateway for one open database (``app``)."""

    def __init__(self, app: Chairlog, store: OutboxStore | None = None,
                 folder: Path | None = None) -> None:
        self.app = app
        self.store = store or OutboxStore((folder or data_dir()) / FILE_NAME)
        self.database = database_label(app.db.url)
        self._replaying = threading.Lock()
        #: called after every change of the outbox's counts (queued, replayed, resolved)
        self.listeners: list[Callable[[], None]] = []

    def _changed(self) -> None:
        for fn in list(self.listeners):
            fn()

    def _now(self) -> str:
        return self.app.now().isoformat()

    # ---- charting -------------------------------------------------------------------------

    def call(self, fn: Callable[..., Any], actor: UserInfo, *args: Any,
             session_id: int | None = None, **kwargs: Any) -> Outcome:
        """``fn(app, actor, *args, **kwargs)`` through the outbox when ``fn`` is a charting call
        it keeps; any other call runs directly (and is reported ``saved``)."""
        uc = by_function(fn)
        if uc is None:
            try:
                result = fn(self.app, actor, *args, **kwargs)
            except Exception as exc:
                if not replay.server_unreachable(exc):
                    raise
                raise NotQueueable(
                    words("The server cannot be reached, and this cannot wait on this "
                          "workstation: nothing was saved. Do it again when the server is "
                          "back.")) from exc
            return Outcome("saved", "", self.waiting(), result)
        return self._submit(uc, bind(uc, args, kwargs), actor, session_id)

    def submit(self, use_case_name: str, kwargs: Mapping[str, Any], actor: UserInfo, *,
               session_id: int | None = None) -> Outcome:
        """Chart ``use_case_name(app, actor, **kwargs)``; queue it if the server is gone."""
        uc = by_name(use_case_name)
        return self._submit(uc, bind(uc, (), kwargs), actor, session_id)

    def _submit(self, uc: UseCase, arguments: dict[str, Any], actor: UserInfo,
                session_id: int | None) -> Outcome:
        if session_id is None and uc.session_arg is not None:
            session_id = arguments.get(uc.session_arg)
        if not isinstance(session_id, int) or isinstance(session_id, bool):
            raise ValidationError("session_id", session_id, words("the session's number"),
                                  words("session"))
        key = uuid.uuid4().hex
        charted = arguments.get(uc.when) or self.app.now()
        seen = arguments.get("expected_version")
        if self.store.has_pending(self.database, session_id):
            if uc.precheck is not None:
                uc.precheck(arguments)
            return self._queue(uc, key, arguments, actor, session_id, seen, charted)
        try:
            with replay.receipt(self.app, key, session_id=session_id, user_id=actor.id,
                                use_case=uc.name):
                result = uc.fn(self.app, actor, **arguments)
        except Exception as exc:
            if not replay.server_unreachable(exc):
                raise
            log.warning("server unreachable: %s queued for session %s (%s)", uc.name,
                        session_id, type(exc).__name__)
            return self._queue(uc, key, arguments, actor, session_id, seen, charted)
        return Outcome("saved", key, self.waiting(), result)

    def _queue(self, uc: UseCase, key: str, arguments: dict[str, Any], actor: UserInfo,
               session_id: int, seen: Any, charted: Any) -> Outcome:
        if arguments.get("checked_by"):
            raise NotQueueable(
                words("The server cannot be reached, and a second clinician's check needs it: "
                      "nothing was saved. Save again when the server is back."))
        when = keep_entry(self.store, self.database, uc, key, arguments, user_id=actor.id,
                          username=actor.username, session_id=session_id, seen=seen,
                          charted=charted, queued_at=self._now())
        self._changed()
        return Outcome("queued", key, self.waiting(), charted_at=when)

    # ---- what waits ---------------------------------------------------------------------

    def waiting(self) -> int:
        return self.store.count(self.database, "pending")

    def entries(self, *states: str, session_id: int | None = None) -> list[Entry]:
        return self.store.entries(self.database, states or ("pending", "conflict"),
                                  session_id=session_id)

    def conflicts(self, session_id: int | None = None) -> list[Entry]:
        return self.store.entries(self.database, ("conflict",), session_id=session_id)

    # ---- replay -------------------------------------------------------------------------

    def replay(self, actors: Iterable[UserInfo] | Mapping[int, UserInfo]) -> ReplayReport:
        """Replay every pending entry, in order, as the nurses in ``actors`` (signed in)."""
        who = dict(actors) if isinstance(actors, Mapping) else {a.id: a for a in actors}
        report = ReplayReport()
        with self._replaying:
            try:
                self._replay(who, report)
            finally:
                report.waiting = self.waiting()
                if report.done or report.already or report.conflicts:
                    self._changed()
        return report

    def _replay(self, who: dict[int, UserInfo], report: ReplayReport) -> None:
        pending = self.store.entries(self.database, ("pending",))
        if not pending:
            return
        try:
            on_server = replay.charted_keys(self.app, [e.entry_key for e in pending])
        except Exception as exc:
            if not replay.server_unreachable(exc):
                raise
            report.unreachable = type(exc).__name__
            return
        blocked: set[int | None] = set()
        for e in pending:
            if e.session_id in blocked:
                continue
            if e.entry_key in on_server:
                before, after = on_server[e.entry_key]
                self.store.mark_done(e.entry_key, at=self._now(), server_version=after,
                                     server_entry_id=None, note="already on the server",
                                     version_before=before)
                report.already.append(e.entry_key)
                continue
            actor = who.get(e.user_id)
            if actor is None:
                blocked.add(e.session_id)
                report.waiting_for.add(e.username)
                continue
            if not self._replay_one(e, actor, report):
                return

    def _replay_one(self, e: Entry, actor: UserInfo, report: ReplayReport) -> bool:
        """False when the server went away (stop the pass)."""
        uc = by_name(e.use_case)
        kwargs = dict(e.arguments)
        if uc.guarded:
            chained = self.store.chained_version(self.database, e.session_id, e.seen_version,
                                                 e.seq)
            # a broken chain: someone else wrote since; the version seen is then stale and
            # the server says so (a conflict for the nurse)
            kwargs["expected_version"] = chained if chained is not None else e.seen_version
        if e.offline_fingerprint is not None:
            try:
                same = offline_credentials.verifier_matches(self.app, actor,
                                                            e.offline_fingerprint)
            except Exception as exc:
                if not replay.server_unreachable(exc):
                    raise
                report.unreachable = type(exc).__name__
                return False
            if not same:
                self.store.mark_conflict(e.entry_key, str(OFFLINE_MISMATCH), at=self._now())
                report.conflicts.append(e.entry_key)
                return True
        try:
            with replay.receipt(self.app, e.entry_key, session_id=e.session_id,
                                user_id=e.user_id, use_case=e.use_case) as pending:
                result = uc.fn(self.app, actor, **kwargs)
        except Exception as exc:
            if replay.server_unreachable(exc):
                report.unreachable = type(exc).__name__
                return False
            found = replay.charted_keys(self.app, [e.entry_key])
            if found:  # a replay elsewhere won
                before, after = found[e.entry_key]
                self.store.mark_done(e.entry_key, at=self._now(), server_version=after,
                                     server_entry_id=None, note="already on the server",
                                     version_before=before)
                report.already.append(e.entry_key)
                return True
            if not isinstance(exc, ChairlogError):
                log.exception("replay of outbox entry %s failed", e.entry_key)
            problem = str(exc) or type(exc).__name__
            self.store.mark_conflict(e.entry_key, problem, at=self._now())
            report.conflicts.append(e.entry_key)
            return True
        session = getattr(result, "session", None)
        entry = getattr(result, "entry", None)
        self.store.mark_done(e.entry_key, at=self._now(),
                             server_version=getattr(session, "version", None),
                             server_entry_id=getattr(entry, "id", None),
                             version_before=pending.version_before)
        report.done.append(e.entry_key)
        return True

    # ---- resolving conflicts ------------------------------------------------------------

    def _conflict(self, entry_key: str) -> Entry:
        e = self.store.get(entry_key)
        if e is None or e.database != self.database:
            raise ValidationError("entry", entry_key, words("an entry of this workstation's "
                                                            "outbox"))
        if e.state != "conflict":
            raise ValidationError("entry", entry_key,
                                  words("an entry in conflict (this one is {state})",
                                        state=term(e.state)))
        return e

    def discard(self, entry_key: str, actor: UserInfo, reason: str) -> None:
        """Give up a refused entry, with the reason (audited on the server first)."""
        e = self._conflict(entry_key)
        replay.record_resolution(self.app, actor, e.session_id, e.entry_key,
                                 outcome="discarded", use_case_name=e.use_case,
                                 arguments=e.arguments, problem=e.problem or "",
                                 reason=reason, charted_by=e.username)
        self.store.mark_resolved(entry_key, "discarded", by=actor.username,
                                 resolution=reason.strip(), at=self._now())
        self._changed()

    def chart_again(self, entry_key: str, actor: UserInfo,
                    changes: Mapping[str, Any] | None = None) -> Outcome:
        """Chart a refused entry again, edited by ``changes`` (e.g. a new ``charted_at``), as
        ``actor``; the old one is marked ``recharted`` once the new one is saved or queued."""
        e = self._conflict(entry_key)
        arguments = {**e.arguments, **(changes or {})}
        outcome = self.submit(e.use_case, arguments, actor, session_id=e.session_id)
        note = f"charted again as outbox entry {outcome.entry_key}"
        try:
            replay.record_resolution(self.app, actor, e.session_id, e.entry_key,
                                     outcome="charted again", use_case_name=e.use_case,
                                     arguments=e.arguments, problem=e.problem or "",
                                     reason=note, charted_by=e.username)
        except Exception as exc:
            if not replay.server_unreachable(exc):
                raise
            note += " (the server could not be reached to audit this resolution)"
        self.store.mark_resolved(entry_key, "recharted", by=actor.username, resolution=note,
                                 at=self._now())
        self._changed()
        return outcome

    def close(self) -> None:
        self.store.close()
