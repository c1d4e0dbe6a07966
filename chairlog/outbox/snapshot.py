"""The board's last read, kept on the workstation: a window that starts while the server cannot
be reached shows the running infusions from it (timers, countdowns and alerts computed from the
stored times, as always), marked "server unreachable — last snapshot from 14:05".

Decisions:
- Written after each successful board read (``remember``), at most once every
  ``MIN_INTERVAL_S`` seconds, atomically (a temporary file renamed over the old one, fsynced),
  0600 (it holds patient names). One file per database (``board-<label>.json``).
- The snapshot is the board's ``SessionView`` list, written field by field as JSON and read
  back into the same frozen types by their type hints (no pickle: the file is data, never code).
- A snapshot that cannot be read (damaged, or from another chairlog version whose types
  differ) is treated as absent: the window then says there is no snapshot, never guesses.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
import types
import typing
from datetime import date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from chairlog.domain import SessionView

log = logging.getLogger(__name__)
FORMAT = 1
MIN_INTERVAL_S = 30.0
_last_written: dict[Path, float] = {}


def path_for(folder: Path, database: str) -> Path:
    return folder / f"board-{database}.json"


# ---- dataclasses ⇄ JSON ---------------------------------------------------------------------

def encode(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, timedelta):
        return obj.total_seconds()
    if isinstance(obj, dict):
        return {str(k): encode(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [encode(v) for v in obj]
    return obj


def decode(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return decode(args[0], data) if len(args) == 1 else data
    if tp is Any or tp is None or data is None:
        return data
    if origin in (tuple, list, set, frozenset):
        inner = typing.get_args(tp)[0] if typing.get_args(tp) else Any
        items = [decode(inner, v) for v in data]
        return items if origin is list else origin(items)
    if origin is dict:
        _k, v_tp = typing.get_args(tp) or (Any, Any)
        return {k: decode(v_tp, v) for k, v in data.items()}
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            hints = typing.get_type_hints(tp, vars(sys.modules[tp.__module__]))
            kw = {f.name: decode(hints.get(f.name, Any), data[f.name])
                  for f in dataclasses.fields(tp) if f.init and f.name in data}
            return tp(**kw)
        if issubclass(tp, Enum):
            return tp(data)
        if tp is datetime:
            return datetime.fromisoformat(data)
        if tp is date:
            return date.fromisoformat(data)
        if tp is timedelta:
            return timedelta(seconds=data)
        if tp is float:
            return float(data)
    return data


# ---- the file -------------------------------------------------------------------------------

def remember(folder: Path, database: str, sessions: list[SessionView], at: datetime, *,
             timezone: str = "", monotonic: float | None = None) -> bool:
    """Keep ``sessions`` (the board just read, at ``at``) as the last snapshot; False when one
    was written less than ``MIN_INTERVAL_S`` ago or the file could not be written (logged)."""
    import time

    target = path_for(folder, database)
    now = time.monotonic() if monotonic is None else monotonic
    last = _last_written.get(target)
    if last is not None and now - last < MIN_INTERVAL_S:
        return False
    payload = json.dumps({"format": FORMAT, "at": at.isoformat(), "timezone": timezone,
                          "sessions": [encode(s) for s in sessions]}, ensure_ascii=False)
    tmp = target.with_suffix(".tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        log.error("the board snapshot %s could not be written: %s", target, exc)
        return False
    _last_written[target] = now
    return True


@dataclasses.dataclass(frozen=True)
class Snapshot:
    at: datetime
    timezone: str
    sessions: list[SessionView]


def last(folder: Path, database: str) -> Snapshot | None:
    """The last snapshot kept for this database, or None."""
    target = path_for(folder, database)
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None
        return Snapshot(datetime.fromisoformat(data["at"]), str(data.get("timezone") or ""),
                        [decode(SessionView, s) for s in data["sessions"]])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("the board snapshot %s cannot be read: %s", target, exc)
        return None
