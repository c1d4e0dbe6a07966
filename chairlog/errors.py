"""The error types that cross layer boundaries.

Every service raises one of these (and only these) for a problem the user can act on.
Its message is built with ``chairlog.words.words`` (an English template and its parameters):
the window shows it in the clinic's language (``chairlog.ui.i18n.error_text``); the command
line prints ``str(error)``, the English text, on one line and exits 2 (bad input) or 1 (a
failed check).

Decisions:
- The command line and the logs stay English (an operator's tool, and what a support person
  searches for); only the window translates.
- ValidationError's label and ``accepted`` are messages of their own, so "heart rate" and "a
  number from 20 to 250 bpm" are translated inside "heart rate: 400 is not accepted — …".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chairlog.words import Words, term, words


class ChairlogError(Exception):
    """Base class for errors a person can understand and act on."""

    @property
    def words(self) -> Words:
        """The message with its template (a message built without ``words`` is its own
        template: the window shows it as the catalog has it, or in English)."""
        first = self.args[0] if len(self.args) == 1 else None
        return first if isinstance(first, Words) else Words(str(self))


#: runtime values that are vocabulary inside messages (``term(...)``): the session states as
#: the messages name them, the roles, the entry kinds, the scales, and the labels fields get
#: from their names
VOCABULARY = (
    words("checked in"), words("pre-infusion"), words("infusing"), words("paused"),
    words("monitoring"), words("discharged"), words("stopped early"), words("signed"),
    words("addendum open"),
    words("family name"), words("given name"), words("full name"), words("username"),
    words("password"), words("allergies"), words("notes"), words("credentials"),
    words("qualifier"), words("role"), words("sex"), words("name"), words("address"),
    words("reason"), words("text"), words("weight"), words("chair"), words("device"),
    words("rate"), words("rule"), words("limit"), words("state"), words("port"), words("bind"),
    words("timezone"), words("language"), words("units"), words("expected version"),
    words("nurse"), words("physician"), words("admin"), words("source"), words("drug"),
    words("instructions"), words("comment"), words("dose amount"), words("medication"),
    words("assessment"), words("side effect"), words("discharge"), words("Pain NRS"),
    words("Mood NRS"), words("Modified Aldrete"),
    words("pending"), words("validated"), words("rejected"), words("conflict"), words("done"),
    words("discarded"), words("recharted"),
)


class ValidationError(ChairlogError):
    """Input was refused. Names the field, the value and what is accepted; nothing was written."""

    def __init__(self, field: str, value: Any, accepted: str, label: str | None = None) -> None:
        self.field = field
        self.value = value
        self.accepted = accepted
        self.label = label or field.replace("_", " ")
        super().__init__(words("{label}: {value} is not accepted — {accepted}",
                               label=term(self.label), value=_short(value),
                               accepted=term(accepted)))


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

    def __init__(self, what: str | None = None, *, message: str | None = None) -> None:
        self.what = what or words("This record")
        super().__init__(message or words("{what} was changed on another workstation. "
                                          "Reload to see the change.", what=term(self.what)))


class StorageError(ChairlogError):
    """The database cannot be used (full disk, read-only, locked, corrupt, too new)."""


class CorruptDatabase(StorageError):
    """The file is a damaged SQLite database: refuse to write, offer a restore. (Raised by
    ``db.migrate``; here so that the window can tell it apart without reaching into the db.)"""

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(words(
            "The database {path} is damaged ({detail}). chairlog will not write to it. "
            "Restore the latest verified backup (chairlog restore), which keeps the damaged "
            "file aside.", path=path, detail=detail,
        ))


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
            words("{message}. Give an override reason and a second clinician's check to proceed",
                  message=term(message)),
            words("dose limit"),
        )
        self.message = message
        self.limit = limit
        self.allowed = allowed


class CeilingExceeded(ValidationError):
    """A dose above the protocol's hard ceiling: refused, whatever the override."""

    def __init__(self, field: str, value: Any, message: str, *, limit: float | None = None,
                 allowed: str = "") -> None:
        super().__init__(field, value, words("{message}; no override passes the ceiling",
                                             message=term(message)), words("dose ceiling"))
        self.message = message
        self.limit = limit
        self.allowed = allowed
