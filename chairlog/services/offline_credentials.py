"""What a workstation's offline sign-in (``chairlog.outbox.credentials``) needs from the server:
the signed-in person's own password verifier to keep, which kept verifiers are no longer
current, and, on replay, whether an entry charted under an offline sign-in was signed in with
the verifier the server holds now.

Decisions:
- The verifier handed out is the signed-in actor's own, exactly as stored (the argon2id hash
  string), right after that actor proved the password: a sign-in learns nothing about anyone
  else's password from it. No other account's verifier or fingerprint leaves the server: for
  the other accounts a workstation keeps, :func:`stale_credentials` answers only "drop it, and
  why" for the fingerprints it is shown.
- The fingerprint of a verifier is the SHA-256 of the verifier string (hex). It names one
  verifier without being one: it holds no salt, so no password can be tried against it.
- Offline, only a role that charts (``CHART_ROLES``: nurse, physician — what the charting
  services accept) may chart; an account that is deactivated, no longer charts, or whose
  password changed since it was kept is dropped from the workstation's cache at the next
  online sign-in there.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from chairlog.db.models import User
from chairlog.domain import Role, UserInfo
from chairlog.services import signin
from chairlog.services.context import CHART_ROLES, Chairlog, require_user, user_info

__all__ = ["Credential", "fingerprint", "own_credential", "password_matches_verifier",
           "stale_credentials", "verifier_matches"]


def fingerprint(verifier: str) -> str:
    """SHA-256 (hex) of a password verifier string as the server stores it."""
    return hashlib.sha256(verifier.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Credential:
    """One account's sign-in as a workstation keeps it for an offline sign-in."""

    user_id: int
    username: str
    display_name: str
    role: Role
    verifier: str = ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.verifier)

    @property
    def charts(self) -> bool:
        return self.role in CHART_ROLES


def own_credential(app: Chairlog, actor: UserInfo) -> Credential:
    """The signed-in actor's account with its verifier as stored (call it right after the
    sign-in, which may have rehashed the password)."""
    with app.db.read() as s:
        u = require_user(s, actor)
        info = user_info(u)
        return Credential(u.id, u.username, info.display_name, Role(u.role), u.password_hash)


def stale_credentials(app: Chairlog, actor: UserInfo,
                      kept: Mapping[int, str]) -> dict[int, str]:
    """Of the accounts a workstation keeps (user id → verifier fingerprint), those to drop,
    each with why: ``unknown``, ``deactivated``, ``role`` (no longer charts) or ``password``
    (the verifier changed since). Any signed-in actor may ask."""
    if not kept:
        return {}
    with app.db.read() as s:
        require_user(s, actor)
        rows = {u.id: u for u in s.scalars(select(User).where(User.id.in_(list(kept))))}
        out: dict[int, str] = {}
        for uid, fp in kept.items():
            u = rows.get(uid)
            if u is None:
                out[uid] = "unknown"
            elif not u.active:
                out[uid] = "deactivated"
            elif Role(u.role) not in CHART_ROLES:
                out[uid] = "role"
            elif fingerprint(u.password_hash) != fp:
                out[uid] = "password"
        return out


def verifier_matches(app: Chairlog, actor: UserInfo, kept_fingerprint: str) -> bool:
    """Whether ``kept_fingerprint`` is the fingerprint of the signed-in actor's current
    verifier (a replay of an entry charted under an offline sign-in asks this)."""
    with app.db.read() as s:
        u = require_user(s, actor)
        return fingerprint(u.password_hash) == kept_fingerprint


def password_matches_verifier(verifier: str, password: str) -> bool:
    """The server's own password check, against a kept verifier (argon2: slow, never on the
    UI thread). The verifier carries its own parameters and salt."""
    if not isinstance(password, str) or not verifier:
        return False
    with contextlib.suppress(VerificationError, InvalidHashError):
        return bool(signin.HASHER.verify(verifier, password))
    return False
