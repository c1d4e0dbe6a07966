"""A signing sitting: several records signed in one continuous period of controlled access,
the password entered once (21 CFR Part 11 §11.200(a)(1)(i)).

Decisions:
- The first signing of the sitting uses both components: the sitting is opened with the
  physician's username *and* password (``open_sitting``); the username must be the signed-in
  physician's own. The password opens the physician's signing key (the key unwrap is the
  password check, with the sign-in's lockout, as for a single signature).
- The sitting holds the opened key, never the password. It lasts while the physician keeps
  signing: it ends after :data:`IDLE_LIMIT` without a signature (10 minutes by the
  application clock, which runs on the monotonic clock in the window), when the workstation
  locks or the user changes, or when the physician closes it (``end_sitting``); the key is
  closed then and every later use is refused with "sign in to the sitting again".
- Every record is still signed on its own: its own PDF, its own signature manifestation
  (printed name, time, meaning), its own transaction and its own ``record.sign`` audit record,
  which names the sitting (``after.sitting``). Opening and ending the sitting are audited too
  (``record.sign.sitting.open`` / ``.end``, with the records signed in it).
- A record that cannot be signed (incomplete, returned to the nurse, changed meanwhile) is
  refused on its own and does not end the sitting.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from chairlog.domain import Role, SignedRecordInfo, UserInfo
from chairlog.errors import AuthenticationError, PermissionDenied
from chairlog.pki import UnlockedSigner
from chairlog.reports.token import TokenKey
from chairlog.services import keys
from chairlog.services.context import Chairlog, record, require_user, use_case
from chairlog.services.signoff import DEFAULT_MEANING, sign_inputs, sign_unlocked
from chairlog.words import words

__all__ = ["IDLE_LIMIT", "SigningSitting", "end_sitting", "open_sitting", "sign_in_sitting"]

#: a sitting ends after this long without a signature
IDLE_LIMIT = timedelta(minutes=10)
ENDED = (words("The signing sitting has ended (10 minutes without signing, the screen locked, or "
               "it was closed): enter your username and password again."))


@dataclass(eq=False)
class SigningSitting:
    """An open sitting. Only this module's functions use the key it holds."""

    id: str
    actor: UserInfo
    opened_at: datetime
    last_used_at: datetime
    _signer: UnlockedSigner | TokenKey | None = field(repr=False)
    signed: list[int] = field(default_factory=list)
    ended: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def open_at(self, now: datetime) -> bool:
        """True while the sitting can sign (not closed, not idle too long)."""
        return self._signer is not None and now - self.last_used_at <= IDLE_LIMIT

    def close(self) -> None:
        """Forget the key (no database access: safe from any thread, more than once)."""
        with self._lock:
            if self._signer is not None:
                self._signer.close()
                self._signer = None


def _audit(app: Chairlog, actor: UserInfo, action: str, after: dict[str, object],
           reason: str | None = None) -> None:
    with app.db.write() as s:
        user = require_user(s, actor)
        record(app, s, user, action, "user", user.id, after=after, reason=reason)


@use_case
def open_sitting(app: Chairlog, actor: UserInfo, username: str, password: str) -> SigningSitting:
    """Start a sitting with both components: the signed-in physician's username and
    password. Wrong either way: AuthenticationError (audited), nothing opened."""
    with app.db.read() as s:
        require_user(s, actor, {Role.PHYSICIAN}, words("sign records"))
    typed = username.strip().lower() if isinstance(username, str) else ""
    if typed != actor.username:
        _audit(app, actor, "record.sign.sitting.refused", {"typed_username": typed[:60]},
               "username is not the signed-in physician's")
        raise AuthenticationError(words("That username is not yours: a sitting is opened with "
                                        "your own username and password."))
    signer = keys.unlock_signing_key(app, actor, password)  # audits a wrong password
    now = app.now()
    sitting = SigningSitting(secrets.token_hex(8), actor, now, now, signer)
    try:
        _audit(app, actor, "record.sign.sitting.open", {"sitting": sitting.id})
    except BaseException:
        sitting.close()
        raise
    return sitting


@use_case
def sign_in_sitting(app: Chairlog, sitting: SigningSitting, session_id: int, *,
                    meaning: str = DEFAULT_MEANING, comment: str = "",
                    paper: str | None = None) -> SignedRecordInfo:
    """Sign one record in the sitting (its own signature, manifestation and audit record)."""
    actor = sitting.actor
    what, note, size = sign_inputs(app, actor, session_id, meaning, comment, paper)
    with sitting._lock:
        if not sitting.open_at(app.now()) or sitting._signer is None:
            signer = sitting._signer
            sitting._signer = None
            if signer is not None:
                signer.close()
            raise PermissionDenied(ENDED)
        info = sign_unlocked(app, actor, session_id, sitting._signer, what, note, size,
                             sitting=sitting.id)
        sitting.last_used_at = app.now()
        sitting.signed.append(session_id)
    return info


def end_sitting(app: Chairlog, sitting: SigningSitting, why: str = "closed") -> None:
    """Close the key and audit the end of the sitting with the records signed in it."""
    if sitting.ended:
        return
    sitting.ended = True
    sitting.close()
    _audit(app, sitting.actor, "record.sign.sitting.end",
           {"sitting": sitting.id, "signed": list(sitting.signed)}, why)
