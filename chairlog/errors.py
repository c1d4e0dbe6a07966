"""The error types that cross layer boundaries.

Every service raises one of these (and only these) for a problem the user can act on.
The UI shows ``str(error)``; the command line prints it on one line and exits 2 (bad input)
or 1 (a failed check).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class ChairlogError(Exception):
    """Base class for errors a person can understand and act on."""


class ValidationError(ChairlogError):
    """Input was refused. Names the field, the value and what is accepted; nothing was written."""

    def __init__(self, field: str, value: Any, accepted: str, label: str | None = None) -> None:
        self.field = field
        self.value = value
        self.accepted = accepted
        self.label = label or field.replace("_", " ")
        shown = _short(value)
        super().__init__(f"{self.label}: {shown} is not accepted — {accepted}")


def _short(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


class PermissionDenied(ChairlogError):
    """The acting user's role does not allow this action."""


class AuthenticationError(ChairlogError):
    """Wrong username or password, a deactivated account, or too many attempts."""


class NotFound(ChairlogError):
    """The record asked for does not exist."""


class StateError(ChairlogError):
    """The action is not allowed in the session's current state (e.g. charting a signed record)."""


class ConflictError(ChairlogError):
    """Another workstation changed the same record first; nothing was overwritten.

    ``message`` replaces the generic sentence with one that names what changed, when and by
    whom (``services.conflicts.changed_elsewhere``); it always says "changed on another
    workstation"."""

    def __init__(self, what: str = "This record", *, message: str | None = None) -> None:
        self.what = what
        super().__init__(message or f"{what} was changed on another workstation. "
                         "Reload to see the change.")


class StorageError(ChairlogError):
    """The database cannot be used (full disk, read-only, locked, corrupt, too new)."""


class CorruptDatabase(StorageError):
    """The file is a damaged SQLite database: refuse to write, offer a restore. (Raised by
    ``db.migrate``; here so that the window can tell it apart without reaching into the db.)"""

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            f"The database {path} is damaged ({detail}). chairlog will not write to it. "
            "Restore the latest verified backup (chairlog restore), which keeps the damaged "
            "file aside."
        )


class SignatureError(ChairlogError):
    """Signing or verifying a record failed."""


class LimitExceeded(ValidationError):
    """A dose above a protocol maximum (rate, bolus or total): allowed only with an override
    reason and a second clinician's independent check. Names the field that is over
    (``rate``, ``bolus_mg`` or ``total``), its value, the limit and what would be allowed."""

    def __init__(self, field: str, value: Any, message: str, *, limit: float | None = None,
                 allowed: str = "") -> None:
        super().__init__(
            field, value,
            f"{message}. Give an override reason and a second clinician's check to proceed",
            "dose limit",
        )
        self.message = message
        self.limit = limit
        self.allowed = allowed


class CeilingExceeded(ValidationError):
    """A dose above the protocol's hard ceiling: refused, whatever the override."""

    def __init__(self, field: str, value: Any, message: str, *, limit: float | None = None,
                 allowed: str = "") -> None:
        super().__init__(field, value, f"{message}; no override passes the ceiling",
                         "dose ceiling")
        self.message = message
        self.limit = limit
        self.allowed = allowed
