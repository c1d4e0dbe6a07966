"""The anchor journal: the chain head written outside the database, append-only.

``<data>/anchors/<database>.jsonl`` gets one JSON line per anchor: the head (seq, hash) just
committed, when, why (``register``, ``sign``, ``discharge``, ``backup``, ``restore``,
``periodic``, or ``key seen``: the first record this workstation writes on top of another
workstation's, so that its journal covers that workstation's key registration), and the
workstation key that wrote it (its public key too, so the journal pins it), signed by that
key. ``chairlog audit verify`` compares the chain with every line.

Decisions:
- Written after the commit of a record whose action calls for it (:data:`ANCHOR_ACTIONS`), and
  after any commit when the last line is 15 minutes old or more (:data:`PERIODIC`), in the
  clinic's recorded time (the audit row's ``at``). A failed write is logged, never undoes the
  charting that triggered it: the chain is still in the database.
- The file is opened ``O_APPEND`` (mode 0600, folder 0700) and fsynced per line. A line that
  does not parse (a torn last write) is reported and skipped by the reader.
- One journal per database, named by a hash of its location (the SQLite file's absolute path,
  or the PostgreSQL URL without its password), so two databases on one workstation never
  mix. An auditor checking a copy passes the journal file explicitly (``--journal``).
- A ``restore`` line records that the database was replaced by a backup whose head it gives:
  anchors before it that lie beyond that head describe the replaced file and are not held
  against the restored one (they are counted and reported as superseded).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from chairlog.db.workstation import WorkstationKey, private_folder
from chairlog.db.workstation import verify as verify_sig

log = logging.getLogger(__name__)

ANCHOR_ACTIONS = {
    "workstation.register": "register",
    "record.sign": "sign",
    "session.discharge": "discharge",
    "backup.create": "backup",
    "backup.restore": "restore",
}
PERIODIC = timedelta(minutes=15)


def database_label(url: str) -> str:
    u = make_url(url)
    if u.drivername.startswith("sqlite"):
        return "sqlite:" + str(Path(u.database or "").resolve())
    return u.set(password=None).render_as_string(hide_password=True)


def journal_path(home: Path, url: str) -> Path:
    slug = hashlib.sha256(database_label(url).encode()).hexdigest()[:16]
    return home / "anchors" / f"{slug}.jsonl"


def _canonical(d: dict[str, Any]) -> bytes:
    return json.dumps(d, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def write(path: Path, key: WorkstationKey, *, seq: int, head: str, at: datetime, why: str,
          database: str) -> None:
    """Append one signed anchor line and fsync it."""
    line = {"v": 1, "seq": seq, "hash": head, "at": at.isoformat(), "why": why,
            "database": database, "key_id": key.key_id, "public_key": key.public_b64}
    line["sig"] = key.sign(_canonical(line))
    private_folder(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, _canonical(line) + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class JournalLine:
    seq: int
    hash: str
    at: str
    why: str
    key_id: str
    public_key: str
    line_no: int
    file: str


@dataclass(frozen=True)
class Journal:
    lines: tuple[JournalLine, ...]
    problems: tuple[str, ...]


def _parse(text: bytes, n: int, path: Path) -> JournalLine | str:
    """Line ``n`` of the journal, or the problem with it."""
    try:
        d = json.loads(text)
        body = {k: v for k, v in d.items() if k != "sig"}
        ok = verify_sig(str(d["public_key"]), str(d["sig"]), _canonical(body))
        entry = JournalLine(int(d["seq"]), str(d["hash"]), str(d["at"]), str(d["why"]),
                            str(d["key_id"]), str(d["public_key"]), n, path.name)
    except (ValueError, KeyError, TypeError):
        return f"the anchor journal {path.name} line {n} is unreadable"
    if not ok:
        return f"the anchor journal {path.name} line {n} has a bad signature"
    return entry


def _raw(path: Path) -> list[bytes] | str:
    try:
        return path.read_bytes().splitlines()
    except FileNotFoundError:
        return []
    except OSError as exc:
        return f"the anchor journal {path} cannot be read: {exc.strerror}"


def read(path: Path) -> Journal:
    """Every well-formed, validly signed line; one problem per line that is not."""
    raw = _raw(path)
    if isinstance(raw, str):
        return Journal((), (raw,))
    lines: list[JournalLine] = []
    problems: list[str] = []
    for n, text in enumerate(raw, start=1):
        if not text.strip():
            continue
        got = _parse(text, n, path)
        if isinstance(got, str):
            problems.append(got)
        else:
            lines.append(got)
    return Journal(tuple(lines), tuple(problems))


def last_line(path: Path) -> JournalLine | None:
    """The newest well-formed, validly signed line (the last of :func:`read`'s), found from
    the end: a workstation's first commit after its start asks for it, and a journal grows by
    dozens of lines a day, each a signature to verify (``read`` checks them all)."""
    raw = _raw(path)
    if isinstance(raw, str):
        return None
    for n in range(len(raw), 0, -1):
        if raw[n - 1].strip():
            got = _parse(raw[n - 1], n, path)
            if not isinstance(got, str):
                return got
    return None


def last_time(path: Path) -> datetime | None:
    """When the newest line of the journal was written (None: no journal yet)."""
    line = last_line(path)
    if line is None:
        return None
    try:
        return datetime.fromisoformat(line.at)
    except ValueError:
        return None
