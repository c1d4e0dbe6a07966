"""A second clinician's independent check: another nurse or a physician types their own
username and password at the chair.

Used for an override above a protocol maximum (ketamine is on the ISMP list of high-alert
medications, for which an independent double check is the norm) and for a physician's
authorisation of a discharge that does not meet the protocol. The checker is recorded on the
entry (``checked_by_id``) and in its audit row.

Decisions: the checker must be an active nurse or physician (a physician for a discharge
authorisation) and must not be the person charting; a wrong username and a wrong password
give the same answer, after the same password-hashing cost.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.db.models import User
from chairlog.errors import AuthenticationError, PermissionDenied, ValidationError
from chairlog.services.context import Chairlog
from chairlog.services.domain import Role, UserInfo


@dataclass(frozen=True)
class Cosigner:
    """The credentials a second clinician typed: checked once, never stored."""

    username: str
    password: str = field(repr=False)


def cosigner_field(value: Any, name: str = "checked_by") -> Cosigner | None:
    """A Cosigner, a (username, password) pair or a mapping with both; None for none."""
    if value is None:
        return None
    if isinstance(value, Cosigner):
        c = value
    elif isinstance(value, tuple | list) and len(value) == 2:
        c = Cosigner(value[0], value[1])
    elif isinstance(value, dict) and set(value) == {"username", "password"}:
        c = Cosigner(value["username"], value["password"])
    else:
        raise ValidationError(name, "…", "a second clinician's username and password",
                              "second clinician")
    if not isinstance(c.username, str) or not c.username.strip() \
            or not isinstance(c.password, str) or not c.password:
        raise ValidationError(name, "…", "a second clinician's username and password",
                              "second clinician")
    return c


def check_cosigner(
    app: Chairlog, actor: UserInfo, value: Any, roles: Iterable[Role], purpose: str,
    name: str = "checked_by",
) -> int | None:
    """The id of the checking clinician once their password is verified (None when no
    credentials were given). Runs before the write transaction: the password hash costs
    tens of milliseconds and must not hold the database's write lock."""
    from chairlog.services.accounts import HASHER, password_matches

    cosigner = cosigner_field(value, name)
    if cosigner is None:
        return None
    with app.db.read() as s:
        u = s.scalars(
            select(User).where(User.username == cosigner.username.strip().lower())).first()
        if u is None:
            # the same cost as a known name: the answer does not tell which names exist
            with contextlib.suppress(VerificationError, InvalidHashError):
                HASHER.verify(_dummy_hash(), cosigner.password)
            ok = False
        else:
            ok = password_matches(u, cosigner.password) and u.active
        if u is None or not ok:
            raise AuthenticationError(
                f"Second clinician for {purpose}: wrong username or password.")
        allowed = {r.value for r in roles}
        if u.role not in allowed:
            who = " or ".join(sorted(allowed))
            raise PermissionDenied(f"The check for {purpose} must be made by a {who}.")
        if u.id == actor.id:
            raise PermissionDenied(f"The check for {purpose} must be made by someone other "
                                   "than the person charting.")
        return u.id


def still_active(s: Session, user_id: int) -> User:
    """Inside the write: the checker's account must still be active."""
    u = s.get(User, user_id)
    if u is None or not u.active:
        raise AuthenticationError("The second clinician's account was deactivated meanwhile.")
    return u


_dummy: list[str] = []


def _dummy_hash() -> str:
    if not _dummy:
        from chairlog.services.accounts import HASHER

        _dummy.append(HASHER.hash("chairlog: no such account"))
    return _dummy[0]
