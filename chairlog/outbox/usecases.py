"""Which charting calls may wait in the outbox, and how their arguments are written down.

Decisions:
- Only the session page's charting calls are queued: vitals, assessments, the checklist, side
  effects (and their resolution), other medications, notes, and the dose events. Discharge,
  signing, corrections, alert acknowledgements and anything with a second clinician's check
  (``checked_by``) are not: they need the server's answer at the moment they are made (an
  acknowledgement's time is the time the server records it, a co-signature is a live
  password check). They say so in one line instead.
- Dose events are *guarded*: replayed with ``expected_version`` (the version the nurse saw,
  carried forward over the entries this workstation replayed before it), so a pause or rate
  change made while another workstation changed the session comes back as a conflict for the
  nurse to decide. Appends (vitals, notes, side effects…) are replayed without it: another
  workstation's vitals in between are no reason to refuse them (issue 11.3).
- Arguments are JSON: times as ISO 8601 with their offset (the services accept that form),
  enumerations as their values. A call whose arguments cannot be written so is not queued.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from chairlog.clinical.vitals import refuse_unknown_keys, validate_vitals
from chairlog.domain.describe import ACTIONS, SEVERITIES, SIDE_EFFECTS
from chairlog.errors import ValidationError
from chairlog.services import charting, doses
from chairlog.services.context import choice_field, text_field
from chairlog.words import words


@dataclass(frozen=True)
class UseCase:
    name: str
    fn: Callable[..., Any]
    #: the argument that holds when it happened (filled with the time of the first attempt)
    when: str
    #: replayed with ``expected_version`` (a state change), or not (an append)
    guarded: bool = False
    #: the argument naming the session (None: the caller says which session it belongs to)
    session_arg: str | None = "session_id"
    #: the service's own input checks that need no database, run before an entry is queued
    #: behind others without asking the server (a typing error is refused at once)
    precheck: Callable[[Mapping[str, Any]], None] | None = None


def _vitals_check(arguments: Mapping[str, Any]) -> None:
    values = arguments.get("values") or {}
    refuse_unknown_keys(values)
    validate_vitals(values)


def _note_check(arguments: Mapping[str, Any]) -> None:
    text_field("text", arguments.get("text"), required=True, max_chars=4000,
               label=words("note"))


def _side_effect_check(arguments: Mapping[str, Any]) -> None:
    choice_field("effect_type", arguments.get("effect_type"), SIDE_EFFECTS, "side effect")
    choice_field("severity", arguments.get("severity"), SEVERITIES)
    choice_field("action_taken", arguments.get("action_taken", "none"), ACTIONS,
                 "action taken")
    text_field("note", arguments.get("note", ""), max_chars=1000)


_ALL = (
    UseCase("record_vitals", charting.record_vitals, "charted_at", precheck=_vitals_check),
    UseCase("record_assessment", charting.record_assessment, "charted_at"),
    UseCase("complete_checklist_item", charting.complete_checklist_item, "charted_at"),
    UseCase("record_side_effect", charting.record_side_effect, "charted_at",
            precheck=_side_effect_check),
    UseCase("resolve_side_effect", charting.resolve_side_effect, "resolved_at",
            session_arg=None),
    UseCase("record_medication", charting.record_medication, "charted_at"),
    UseCase("add_note", charting.add_note, "charted_at", precheck=_note_check),
    UseCase("start_infusion", doses.start_infusion, "charted_at", guarded=True),
    UseCase("change_rate", doses.change_rate, "charted_at", guarded=True),
    UseCase("pause_infusion", doses.pause_infusion, "charted_at", guarded=True),
    UseCase("resume_infusion", doses.resume_infusion, "charted_at", guarded=True),
    UseCase("stop_infusion", doses.stop_infusion, "charted_at", guarded=True),
    UseCase("give_bolus", doses.give_bolus, "charted_at", guarded=True),
)
USE_CASES: dict[str, UseCase] = {u.name: u for u in _ALL}
_BY_FN = {id(u.fn): u for u in _ALL}


def by_name(name: str) -> UseCase:
    try:
        return USE_CASES[name]
    except KeyError:
        raise ValidationError("use_case", name, words("a charting call the outbox keeps: {choices}",
                                    choices=", ".join(USE_CASES)), words("use case")) from None


def by_function(fn: Callable[..., Any]) -> UseCase | None:
    """The queueable use case ``fn`` is, or None (then it is called directly, never queued)."""
    return _BY_FN.get(id(fn))


def bind(uc: UseCase, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """Positional and keyword arguments (after ``app`` and ``actor``) as keywords only."""
    sig = inspect.signature(uc.fn)
    try:
        bound = sig.bind_partial(None, None, *args, **kwargs)
    except TypeError as exc:
        raise ValidationError("arguments", str(exc), words("the arguments {name} takes",
                                                           name=uc.name),
                              uc.name) from None
    out = dict(bound.arguments)
    names = list(sig.parameters)
    for skip in names[:2]:
        out.pop(skip, None)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise TypeError("a time without its offset")
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"{type(value).__name__} cannot be kept in the outbox")


def to_json(arguments: Mapping[str, Any]) -> str:
    try:
        return json.dumps(arguments, default=_plain, sort_keys=True, ensure_ascii=False,
                          allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValidationError("arguments", str(exc),
                              words("values the outbox can keep (text, numbers, times with "
                                    "their offset)"), words("entry")) from None
