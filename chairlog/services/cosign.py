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

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from chairlog.db.models import User
from chairlog.domain import Role, UserInfo
from chairlog.errors import AuthenticationError, PermissionDenied, ValidationError
from chairlog.services.context import Chairlog, record
from chairlog.words import term, words


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
        raise ValidationError(name, "…", words("a second clinician's username and password"),
                              words("second clinician"))
    if not isinstance(c.username, str) or not c.username.strip() \
            or not isinstance(c.password, str) or not c.password:
        raise ValidationError(name, "…", words("a second clinician's username and password"),
                              words("second clinician"))
    return c


def check_cosigner(
    app: Chairlog, actor: UserInfo, value: Any, roles: Iterable[Role], purpose: str,
    name: str = "checked_by",
) -> int | None:
    """The id of the checking clinician once their password is verified (None when no
    credentials were given). Checked before the charting write (the hash must not hold the
    write lock); a right password writes nothing, a wrong one counts towards that account's
    lockout like a wrong sign-in and is audited, in a transaction of its own."""
    from chairlog.services import signin

    cosigner = cosigner_field(value, name)
    if cosigner is None:
        return None
    wrong = words("Second clinician for {purpose}: wrong username or password.",
                  purpose=term(purpose))
    with app.db.read() as s:
        u = s.scalars(
            select(User).where(User.username == cosigner.username.strip().lower())).first()
        if u is None or not u.active:
            signin._dummy_verify(cosigner.password)  # the same cost: no name is revealed
            raise AuthenticationError(wrong)
        clean = (u.failed_attempts == 0 and u.locked_until is None
                 and signin.password_matches(u, cosigner.password))
    if not clean:
        # a wrong password (or one after earlier failures, or a lock): the same counting and
        # lockout as a sign-in, audited, in a transaction of its own that commits either way
        problem: str | None = None
        with app.db.write() as s:
            row = s.get(User, u.id)
            assert row is not None
            problem = signin.check_password_of(app, s, row, cosigner.password, wrong)
            record(app, s, None, "cosign.failed" if problem else "cosign.checked", "user",
                   row.id, username=row.username, reason=purpose)
        if problem is not None:
            raise AuthenticationError(problem)
    assert u is not None
    allowed = {r.value for r in roles}
    if u.role not in allowed:
        names = sorted(allowed)
        who = term(names[0])
        for name in names[1:]:
            who = words("{first} or {second}", first=who, second=term(name))
        raise PermissionDenied(words("The check for {purpose} must be made by a {who}.",
                                     purpose=term(purpose), who=who))
    if u.id == actor.id:
        raise PermissionDenied(words("The check for {purpose} must be made by someone other than "
                                     "the person charting.", purpose=term(purpose)))
    return u.id


def still_active(s: Session, user_id: int) -> User:
    """Inside the write: the checker's account must still be active."""
    u = s.get(User, user_id)
    if u is None or not u.active:
        raise AuthenticationError(words("The second clinician's account was deactivated "
                                        "meanwhile."))
    return u
