"""The service context: the open database, the clock, and the helpers every use case shares.

Each use case: validate → one write transaction (its change + its audit row) → return plain
domain objects. Roles are enforced here, not by hiding buttons.

Decisions:
- A session's protocol snapshot is parsed once per process and text (:func:`protocol_of`):
  every save needs its values (thresholds, concentration, limits) and the returned view
  carries them, and parsing and validating them cost more than the rest of a save's Python.
  The key is the snapshot's canonical JSON text, so a snapshot that differs in any value
  (or in a value's type: 1, 1.0, true) is parsed again; a snapshot that fails to parse is
  never kept (its error is raised again each time).
"""

from __future__ import annotations

import functools
import inspect
import json
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, ParamSpec, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.clinical.checks import finite
from chairlog.clinical.clock import SteadyClock
from chairlog.clinical.numbers import parse_float
from chairlog.clinical.protocol import ProtocolValues
from chairlog.clinical.vitals import check_text
from chairlog.db import audit
from chairlog.db.engine import Database
from chairlog.db.models import Clinic, User
from chairlog.domain import Role, UserInfo
from chairlog.errors import NotFound, PermissionDenied, ValidationError
from chairlog.words import term, words

CHART_ROLES = frozenset({Role.NURSE, Role.PHYSICIAN})
P = ParamSpec("P")
R = TypeVar("R")


def use_case(fn: Callable[P, R]) -> Callable[P, R]:
    """Refuse a keyword the use case does not know as a ValidationError naming it (a script's
    ``temp=`` for ``temp_c=``, ``rate_unit=`` for ``unit=``), instead of a TypeError."""
    params = inspect.signature(fn).parameters.values()
    known = [p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return fn

    @functools.wraps(fn)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        for key in kwargs:
            if key not in known:
                raise ValidationError(key, kwargs[key],
                                      words("an argument {function} knows: {known}",
                                            function=fn.__name__, known=", ".join(known[2:])),
                                      key)
        return fn(*args, **kwargs)

    return checked
#: how far in the future a charted time may lie: clock skew between workstations, no more
FUTURE_TOLERANCE = timedelta(seconds=5)
MAX_TEXT = 4000
MAX_NAME = 120


class Clock(Protocol):
    def now(self) -> datetime: ...
    def drift(self) -> timedelta: ...
    def reanchor(self) -> timedelta: ...


@dataclass
class Chairlog:
    """What every service call needs: the database and the clock (passed in, never global)."""

    db: Database
    clock: Clock = field(default_factory=SteadyClock)
    #: called after every committed write with (entity, id): the UI refreshes its views
    listeners: list[Callable[[str, int | None], None]] = field(default_factory=list)
    demo: bool = False
    #: set by ``init_clinic`` when it generated the authority's passphrase (memory only)
    generated_ca_passphrase: str | None = field(default=None, repr=False)

    def now(self) -> datetime:
        return self.clock.now()

    def notify(self, entity: str, entity_id: int | None = None) -> None:
        for fn in list(self.listeners):
            fn(entity, entity_id)

    def close(self) -> None:
        self.db.dispose()


# ---- actors: only a sign-in makes one -----------------------------------------------------

_SESSIONS: dict[str, int] = {}
_SESSIONS_LOCK = threading.Lock()
DO_THIS = words("do this")
NOT_SIGNED_IN = words(
    "Sign in first: this needs an actor returned by signing in (a hand-built one is refused)."
)


def signed_in(u: User) -> UserInfo:
    """The actor for ``u`` after its password was checked: a fresh random token, registered in
    this process, that :func:`require_user` demands. Called only by the sign-in paths
    (``accounts.login``, ``accounts.init_clinic``)."""
    token = secrets.token_urlsafe(32)
    with _SESSIONS_LOCK:
        _SESSIONS[token] = u.id
    return replace(user_info(u), session=token)


def sign_out(actor: UserInfo) -> None:
    """Forget the actor's sign-in: later calls with it are refused."""
    with _SESSIONS_LOCK:
        _SESSIONS.pop(getattr(actor, "session", ""), None)


def is_signed_in(actor: object) -> bool:
    if not isinstance(actor, UserInfo) or not isinstance(actor.session, str):
        return False
    with _SESSIONS_LOCK:
        return _SESSIONS.get(actor.session) == actor.id


def require_user(
    s: Session, actor: UserInfo, roles: Iterable[Role] | None = None,
    action: str = DO_THIS,
) -> User:
    """Load the acting user; refuse an actor that did not come from a sign-in (a hand-built
    ``UserInfo``, or a real one copied with another id), a deactivated account, or a role
    without the right. The single check every service's actor passes through."""
    if not is_signed_in(actor):
        raise PermissionDenied(NOT_SIGNED_IN)
    user = s.get(User, actor.id)
    if user is None or not user.active:
        raise PermissionDenied(words("This account is deactivated or unknown; sign in again."))
    if roles is not None and Role(user.role) not in set(roles):
        names = sorted(r.value for r in roles)
        article = "an" if names[0][0] in "aeiou" else "a"
        allowed = term(names[0])
        for name in names[1:]:
            allowed = words("{first} or {second}", first=allowed, second=term(name))
        raise PermissionDenied(
            words("Only {article} {allowed} may {action} (you are signed in as {role}).",
                  article=article, allowed=allowed, action=term(action), role=term(user.role))
        )
    return user


def clinic_row(s: Session) -> Clinic:
    c = s.scalars(select(Clinic).limit(1)).first()
    if c is None:
        raise NotFound(words("No clinic is set up yet: run chairlog init or the first-start "
                             "screen."))
    return c


def record(
    app: Chairlog,
    s: Session,
    user: User | None,
    action: str,
    entity: str,
    entity_id: Any = "",
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
    session_id: int | None = None,
    patient_id: int | None = None,
    username: str | None = None,
) -> None:
    audit.append(
        s,
        at=app.now(),
        user_id=user.id if user else None,
        username=user.username if user else (username or ""),
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after,
        reason=reason,
        session_id=session_id,
        patient_id=patient_id,
    )


#: parsed protocol snapshots by their canonical JSON text (most recently used last)
_PROTOCOLS: OrderedDict[str, ProtocolValues] = OrderedDict()
_PROTOCOLS_LOCK = threading.Lock()
PROTOCOL_CACHE_SIZE = 256


def protocol_of(snapshot: Mapping[str, Any]) -> ProtocolValues:
    """``ProtocolValues.from_dict(snapshot)``, parsed once per distinct snapshot text."""
    try:
        key = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                         allow_nan=True)
    except (TypeError, ValueError):
        return ProtocolValues.from_dict(snapshot)  # not JSON: never cached
    with _PROTOCOLS_LOCK:
        values = _PROTOCOLS.get(key)
        if values is not None:
            _PROTOCOLS.move_to_end(key)
            return values
    values = ProtocolValues.from_dict(snapshot)
    with _PROTOCOLS_LOCK:
        _PROTOCOLS[key] = values
        while len(_PROTOCOLS) > PROTOCOL_CACHE_SIZE:
            _PROTOCOLS.popitem(last=False)
    return values


# ---- input helpers ------------------------------------------------------------------------


def text_field(
    name: str,
    value: Any,
    *,
    required: bool = False,
    max_chars: int = MAX_TEXT,
    label: str | None = None,
) -> str:
    """Validate free text: a str, no control characters, length-limited; stripped."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(name, value, words("text"), label)
    value = value.strip()
    if required and not value:
        raise ValidationError(name, value, words("required (not empty)"), label)
    return check_text(name, value, max_chars, label)


def number_field(
    name: str,
    value: Any,
    *,
    low: float,
    high: float,
    label: str | None = None,
    unit: str = "",
    allow_low: bool = True,
) -> float:
    if allow_low:
        accepted = words("a number from {low:g} to {high:g} {unit}", low=low, high=high,
                         unit=unit) if unit else words("a number from {low:g} to {high:g}",
                                                       low=low, high=high)
    else:
        accepted = words("a number greater than {low:g} and at most {high:g} {unit}", low=low,
                         high=high, unit=unit) if unit else words(
            "a number greater than {low:g} and at most {high:g}", low=low, high=high)
    if isinstance(value, bool):
        raise ValidationError(name, value, accepted, label)
    if isinstance(value, str):
        typed = parse_float(value)
        if typed is None:
            raise ValidationError(name, value, accepted, label)
        value = typed
    if not isinstance(value, int | float) or not finite(value):
        raise ValidationError(name, value, accepted, label)
    if value > high or value < low or (not allow_low and value <= low):
        raise ValidationError(name, value, accepted, label)
    return float(value)




def choice_field(name: str, value: Any, choices: Iterable[str], label: str | None = None) -> str:
    opts = list(choices)
    if not isinstance(value, str) or value not in opts:
        raise ValidationError(name, value, words("one of: {choices}", choices=", ".join(opts)),
                              label)
    return value


def charted_time(
    app: Chairlog,
    value: datetime | str | None,
    *,
    earliest: datetime | None = None,
    name: str = "charted_at",
) -> datetime:
    """When it happened: default now; never in the future (beyond a few seconds of clock
    skew); not before ``earliest``. An aware datetime, or an ISO 8601 string with its offset
    ("2026-03-02T14:05:00+01:00", "…Z")."""
    now = app.now()
    if value is None:
        return now
    value = time_field(name, value)
    if value > now + FUTURE_TOLERANCE:
        raise ValidationError(
            name, value.isoformat(timespec="minutes"), words("a time that is not in the future"),
            words("time")
        )
    if earliest is not None and value < earliest:
        raise ValidationError(
            name,
            value.isoformat(timespec="minutes"),
            words("not before {earliest}", earliest=earliest.isoformat(timespec='minutes')),
            words("time"),
        )
    return value


def time_field(name: str, value: Any) -> datetime:
    """An aware datetime from a datetime or an ISO 8601 string with an offset."""
    accepted = words("a date and time with a time zone (ISO 8601 with an offset)")
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(name, value, accepted, words("time")) from None
    if not isinstance(value, datetime) or value.tzinfo is None \
            or value.tzinfo.utcoffset(value) is None:
        raise ValidationError(name, value, accepted, words("time"))
    return value


def user_info(u: User) -> UserInfo:
    return UserInfo(
        id=u.id,
        username=u.username,
        full_name=u.full_name,
        credentials=u.credentials,
        role=Role(u.role),
        active=u.active,
        must_change_password=u.must_change_password,
        qualifier=u.name_qualifier or "",
        version=u.version or 1,
    )
