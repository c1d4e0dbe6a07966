"""Charting from a window started while the server is down: the offline sign-in against the
credential cache (``outbox.credentials``) and entries written into the outbox in the very
format the gateway writes (``gateway.keep_entry``), so the existing replay sends them.

Decisions:
- An offline sign-in is no actor: :class:`OfflineUser` has no sign-in token, so no service
  accepts it (TRUST.md: no write without an actor who proved who they are to the server). It
  only stamps what it charts into the outbox with the nurse's user id, username, the charted
  time at save and the fingerprint of the verifier the password matched. The server charts
  it later, on replay, as that nurse signed in online (``gateway``), and only if that
  fingerprint is her verifier's on the server then.
- Refusals, each its own ``kind`` and one clear line: ``unknown`` and ``expired`` ("X has not
  signed in on this workstation in the last 14 days: chart on paper"), ``damaged`` (a cache
  entry whose fingerprint is not its verifier's), ``role`` (an account that does not chart),
  ``wrong`` (with the tries left) and ``locked`` (until when). Order: the lock first (no
  password check while locked), then who is kept here, then the role, then the password, so
  the slow check is spent only where it can succeed.
- What may be charted offline is what the outbox already keeps without a second clinician
  (``usecases``); each entry gets the use case's checks that need no database (a vitals
  set's plausibility, a note's length, a side effect's vocabulary) before it is kept.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from chairlog.clinical.vitals import validate_vitals
from chairlog.domain import EntryKind, EntryStatus, EntryView, Role, SessionView
from chairlog.errors import AuthenticationError, ValidationError
from chairlog.services.context import CHART_ROLES
from chairlog.services.offline_credentials import fingerprint, password_matches_verifier
from chairlog.words import term, words

from .credentials import MAX_FAILURES, CredentialCache
from .gateway import NotQueueable, Outcome, keep_entry
from .store import Entry, OutboxStore
from .usecases import bind, by_name


@dataclass(frozen=True)
class OfflineUser:
    """A nurse signed in against this workstation's cache (never a service actor)."""

    database: str
    user_id: int
    username: str
    display_name: str
    role: Role
    fingerprint: str
    signed_in_at: datetime


class OfflineRefused(AuthenticationError):
    """An offline sign-in refused; ``kind`` says why (see the module's decisions)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _not_here(username: str) -> str:
    return words("{username} has not signed in on this workstation in the last 14 days: chart "
                 "on paper until the server is back.", username=username)


def sign_in(cache: CredentialCache, database: str, username: str, password: str,
            now: datetime) -> OfflineUser:
    """Check ``password`` against the verifier kept for ``username`` (argon2: call it off the
    UI thread). Raises :class:`OfflineRefused`."""
    name = str(username).strip().lower()
    if not name:
        raise OfflineRefused("unknown", words("Type your username and password."))
    state = cache.failures(database, name)
    if state.locked_until is not None and now < state.locked_until:
        raise OfflineRefused("locked", _locked_words(name, state.locked_until))
    kept = cache.account(database, name)
    if kept is None:
        raise OfflineRefused("unknown", _not_here(name))
    if not kept.usable_at(now):
        raise OfflineRefused("expired", _not_here(name))
    if kept.fingerprint != fingerprint(kept.verifier):
        raise OfflineRefused("damaged", words(
            "The offline sign-in kept for {username} on this workstation is damaged: chart on "
            "paper until the server is back.", username=name))
    if kept.role not in CHART_ROLES:
        raise OfflineRefused("role", words(
            "{username} signs in as {role}, and only a nurse or a physician may chart: chart "
            "on paper until the server is back.", username=name, role=term(kept.role.value)))
    if not password_matches_verifier(kept.verifier, password):
        after = cache.fail(database, name, now)
        if after.locked_until is not None:
            raise OfflineRefused("locked", _locked_words(name, after.locked_until))
        raise OfflineRefused("wrong", words(
            "Wrong password. {left} more wrong and offline sign-in for {username} locks for 5 "
            "minutes.", left=MAX_FAILURES - after.count, username=name))
    cache.clear_failures(database, name)
    return OfflineUser(database, kept.user_id, kept.username, kept.display_name, kept.role,
                       fingerprint(kept.verifier), now)


def _locked_words(username: str, until: datetime) -> str:
    return words("Offline sign-in for {username} is locked after 5 wrong passwords, until "
                 "{until:%H:%M} UTC. Chart on paper meanwhile.", username=username,
                 until=until)


def chart(store: OutboxStore, user: OfflineUser, use_case: str, arguments: Mapping[str, Any],
          *, session_id: int, seen_version: int | None, now: datetime) -> Outcome:
    """Keep one charting call in the outbox for ``user`` (charted at ``now`` unless the
    arguments give its time). A check that needs no database refuses a typing error at once
    (``ValidationError``); a call the outbox does not keep is refused."""
    uc = by_name(use_case)
    arguments = bind(uc, (), arguments)
    if arguments.get("checked_by"):
        raise NotQueueable(words("A second clinician's check needs the server: chart this on "
                                 "paper until the server is back."))
    if uc.guarded:
        raise NotQueueable(words("A dose change cannot be charted from the last snapshot (the "
                                 "infusion's state is not known here): chart it on paper."))
    if uc.session_arg is not None:
        arguments[uc.session_arg] = session_id
    if uc.precheck is not None:
        uc.precheck(arguments)
    key = uuid.uuid4().hex
    charted = arguments.get(uc.when) or now
    when = keep_entry(store, user.database, uc, key, arguments, user_id=user.user_id,
                      username=user.username, session_id=session_id, seen=seen_version,
                      charted=charted, queued_at=now.isoformat(),
                      offline_fingerprint=user.fingerprint)
    return Outcome("queued", key, store.count(user.database, "pending"), charted_at=when)


def with_kept_vitals(view: SessionView, kept: list[Entry]) -> SessionView:
    """The snapshot's session with the vitals sets waiting in the outbox for it added, so the
    tile's next-vitals countdown restarts from the newest one (marked as not on the server)."""
    extra: list[EntryView] = []
    for e in kept:
        if e.use_case != "record_vitals" or e.session_id != view.id or not e.charted_at:
            continue
        try:
            at = datetime.fromisoformat(e.charted_at)
            data: dict[str, Any] = dataclasses.asdict(
                validate_vitals(e.arguments.get("values") or {}))
        except (TypeError, ValueError, ValidationError):
            continue
        data["is_baseline"] = False
        extra.append(EntryView(
            id=0, session_id=view.id, kind=EntryKind.VITALS, charted_at=at, recorded_at=at,
            user_id=e.user_id, user_name=e.username, status=EntryStatus.ACTIVE, is_late=False,
            summary=str(words("Vitals kept on this workstation")), record_version=0,
            data=data))
    return replace(view, entries=(*view.entries, *extra)) if extra else view
