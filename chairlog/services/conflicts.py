"""Lost updates refused in words: the version a screen read, and what changed meanwhile.

Every record an admin or a nurse edits in place (clinic settings, accounts, chairs, patients,
protocols, sessions, entries, alerts) carries a version. A save names the version it was
based on; a different one in the database means another workstation saved first, and the
save is refused with a ``ConflictError`` that says what changed, when and by whom — read from
the newest audit record of that row ("Protocol 'CRPS standard' was changed on another
workstation at 14:05 +01:00 by dr.ng (max rate 1 → 2); reopen it").

Decisions:
- The version check has two halves. Inside the transaction the row's version is compared
  with ``expected_version`` (the stale screen). Two saves racing past that check at the
  same instant are caught by the database itself: the ORM's ``version_id_col`` makes the
  second ``UPDATE … WHERE version = n`` match no row (``StaleDataError``), and a new
  protocol version collides on ``uq_protocol_key_version``. Both are turned into the same
  worded ``ConflictError`` after the failed transaction (:func:`changed_elsewhere` reads the
  winner's audit record), never a raw ``IntegrityError``.
- ``expected_version`` is required (a missing one is a ``ValidationError`` naming the
  parameter) for every call that overwrites what another admin may be editing: clinic
  settings, protocol versions, a chair's state, an account's role or active flag or a
  password reset, a patient's details. Calls whose docstrings say "last writer wins" are
  the exceptions, chosen because the later call cannot lose anything the earlier one did
  (unlocking an account, a user changing their own password).
- The message names at most three changed fields; the audit trail has the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from chairlog.db.models import AuditLog, Clinic
from chairlog.errors import ConflictError, ValidationError
from chairlog.present.times import local_time
from chairlog.services.context import Chairlog
from chairlog.words import joined, term, words

#: unit suffixes left out of a field's name in the message ("max rate 1 → 2")
_UNITS = ("_mg_per_kg_h", "_mg_per_kg", "_mg_per_ml", "_mg_per_h", "_ml_per_h", "_minutes",
          "_min", "_mg", "_kg", "_pct")
#: bookkeeping fields that say nothing to the person reading the message
_QUIET = {"version", "certificates_revoked"}
MAX_FIELDS = 3
#: the fields' names as a conflict's message says them ("max rate 1 → 2"), in the window's
#: language; a field not listed is named by its key
FIELD_WORDS = {
    "address": words("address"),
    "allergies": words("allergies"),
    "ceiling bolus": words("ceiling bolus"),
    "ceiling rate": words("ceiling rate"),
    "ceiling total": words("ceiling total"),
    "checklist": words("checklist"),
    "concentration": words("concentration"),
    "credentials": words("credentials"),
    "date of birth": words("date of birth"),
    "dbp max": words("dbp max"),
    "dbp rise max": words("dbp rise max"),
    "discharge criteria": words("discharge criteria"),
    "discharge scale": words("discharge scale"),
    "discharge score": words("discharge score"),
    "dose mode": words("dose mode"),
    "dose near": words("dose near"),
    "family name": words("family name"),
    "fixed dose": words("fixed dose"),
    "full name": words("full name"),
    "given name": words("given name"),
    "hr max": words("hr max"),
    "idle lock": words("idle lock"),
    "indication": words("indication"),
    "language": words("language"),
    "late entry": words("late entry"),
    "lockout attempts": words("lockout attempts"),
    "max bolus": words("max bolus"),
    "max rate": words("max rate"),
    "max total": words("max total"),
    "min monitoring": words("min monitoring"),
    "moaas": words("moaas"),
    "mrn": words("mrn"),
    "name": words("name"),
    "notes": words("notes"),
    "paper size": words("paper size"),
    "planned duration": words("planned duration"),
    "position": words("position"),
    "predose dbp max": words("predose dbp max"),
    "predose sbp max": words("predose sbp max"),
    "rescue meds": words("rescue meds"),
    "role": words("role"),
    "route": words("route"),
    "rr max": words("rr max"),
    "sbp max": words("sbp max"),
    "sbp rise max": words("sbp rise max"),
    "sex": words("sex"),
    "start rate": words("start rate"),
    "target rate": words("target rate"),
    "temperature unit": words("temperature unit"),
    "timezone": words("timezone"),
    "vitals due soon": words("vitals due soon"),
    "vitals interval": words("vitals interval"),
    "vitals interval after": words("vitals interval after"),
    "weight unit": words("weight unit"),
    "active": words("active"),
}


def require_version(value: Any, name: str = "expected_version") -> int:
    """The version the caller read, as a positive whole number; refused when missing."""
    if value is None or isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(
            name, value,
            words("the version you read (the .version of what you loaded): without it a stale "
                  "save would overwrite another workstation's change"),
            term(name.replace("_", " ")))
    return value


def is_unique_violation(exc: IntegrityError, constraint: str) -> bool:
    """Whether ``exc`` is the unique index ``constraint`` (PostgreSQL names it; SQLite names
    the columns, so any UNIQUE failure counts there)."""
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    if name is not None:
        return bool(name == constraint)
    text = str(orig)
    return constraint in text or "UNIQUE constraint failed" in text


def _label(key: str) -> str:
    for unit in _UNITS:
        if key.endswith(unit):
            key = key[: -len(unit)]
            break
    name = key.replace("_", " ").strip()
    return FIELD_WORDS.get(name, name)


def _flat(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flat(v, f"{prefix}{k}." if isinstance(v, dict) else f"{prefix}{k}")
    else:
        yield prefix, value


def _shown(value: Any) -> str:
    if value is None:
        return words("off")
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    text = str(value)
    return text if len(text) <= 30 else text[:27] + "..."


def describe_change(before_json: str | None, after_json: str | None, action: str) -> str:
    """"max rate 1 → 2, duration 60 → 90" from an audit record's before and after (a
    :class:`~chairlog.words.Words`: the window shows the field names in its language)."""
    before = dict(_flat(json.loads(before_json))) if before_json else {}
    after = dict(_flat(json.loads(after_json))) if after_json else {}
    parts = []
    for key, new in after.items():
        leaf = key.rsplit(".", 1)[-1]
        if leaf in _QUIET:
            continue
        old = before.get(key)
        if key in before and old == new:
            continue
        if key in before:
            parts.append(words("{field} {old} → {new}", field=_label(leaf), old=_shown(old),
                               new=_shown(new)))
        elif not before:
            continue
        else:
            parts.append(words("{field} now {new}", field=_label(leaf), new=_shown(new)))
    if not parts:
        return action.replace(".", " ").replace("_", " ")
    more = len(parts) - MAX_FIELDS
    shown = joined(parts[:MAX_FIELDS], ", ")
    return words("{changes} and {count} more", changes=shown, count=more) if more > 0 else shown


REOPEN = words("reopen it")


def changed_elsewhere(
    app: Chairlog, entity: str, ids: Iterable[Any], label: str, *, advice: str = REOPEN
) -> ConflictError:
    """The worded conflict for a row changed by another save: who, when and what, from the
    newest audit record of ``entity`` with one of ``ids`` (several for a protocol's
    versions)."""
    keys = [str(i) for i in ids]
    with app.db.read() as s:
        row = s.scalars(
            select(AuditLog)
            .where(AuditLog.entity == entity, AuditLog.entity_id.in_(keys))
            .order_by(AuditLog.seq.desc())
            .limit(1)
        ).first()
        zone = s.scalar(select(Clinic.timezone).limit(1)) or "UTC"
    if row is None:
        return ConflictError(label, message=words("{label} was changed on another workstation; "
                                                  "{advice}.", label=term(label),
                                                  advice=term(advice)))
    when = local_time(row.at, ZoneInfo(zone))
    who = row.username or words("the system")
    what = describe_change(row.before_json, row.after_json, row.action)
    return ConflictError(
        label,
        message=words("{label} was changed on another workstation at {when} by {who} ({what}); "
                      "{advice}.", label=term(label), when=when, who=who, what=what,
                      advice=term(advice)),
    )


def stale() -> ConflictError:
    """Raised inside a write when the row's version is not the one the caller read; the
    surrounding :func:`worded` turns it into the worded message once the transaction is
    rolled back."""
    return ConflictError()


@contextmanager
def worded(app: Chairlog, entity: str, ids: Iterable[Any] | Callable[[], Iterable[Any]],
           label: str | Callable[[], str], constraint: str | None = None) -> Iterator[None]:
    """Around a write: a bare ``ConflictError`` (:func:`stale`, or the database's optimistic
    lock) or, if ``constraint`` is given, that unique index's ``IntegrityError`` (two saves at
    the same instant) becomes the worded conflict of :func:`changed_elsewhere`. ``ids`` may be
    a function, called after the failure (a protocol's newest version is not known before), and
    so may ``label`` (a chair's name)."""
    def worded_error() -> ConflictError:
        return changed_elsewhere(app, entity, ids() if callable(ids) else ids,
                                 label() if callable(label) else label)

    try:
        yield
    except ConflictError as exc:
        if exc.what != "This record":
            raise
        raise worded_error() from exc
    except IntegrityError as exc:
        if constraint is None or not is_unique_violation(exc, constraint):
            raise
        raise worded_error() from exc
