"""The anchor journal's newest line (``anchors.last_line`` / ``last_time``): read from the
end, the same line as the last of ``anchors.read``'s, past torn and forged lines."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from chairlog.db import anchors
from chairlog.db.workstation import WorkstationKey

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _journal(tmp_path: Path, n: int) -> tuple[Path, WorkstationKey]:
    key = WorkstationKey.load_or_create(tmp_path / "home")
    path = tmp_path / "home" / "anchors" / "j.jsonl"
    for i in range(n):
        anchors.write(path, key, seq=i + 1, head=f"{i:064x}", at=T0 + timedelta(minutes=i),
                      why="periodic", database="db")
    return path, key


def test_no_journal_has_no_last_line(tmp_path: Path) -> None:
    assert anchors.last_line(tmp_path / "none.jsonl") is None
    assert anchors.last_time(tmp_path / "none.jsonl") is None


def test_the_newest_line_is_the_last_one_read(tmp_path: Path) -> None:
    path, _ = _journal(tmp_path, 3)
    assert anchors.last_line(path) == anchors.read(path).lines[-1]
    assert anchors.last_time(path) == T0 + timedelta(minutes=2)


def test_torn_and_forged_last_lines_are_passed_over(tmp_path: Path) -> None:
    path, _ = _journal(tmp_path, 2)
    forged = json.loads(path.read_bytes().splitlines()[-1])
    forged |= {"seq": 99, "at": (T0 + timedelta(days=1)).isoformat()}  # the signature no
    with open(path, "ab") as fh:                                         # longer fits
        fh.write(json.dumps(forged).encode() + b"\n\n" + b'{"v": 1, "seq": 1')
    journal = anchors.read(path)
    assert len(journal.problems) == 2
    assert anchors.last_line(path) == journal.lines[-1]
    assert anchors.last_time(path) == T0 + timedelta(minutes=1)


def test_only_bad_lines_give_none(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"not json\n\n")
    assert anchors.read(path).lines == ()
    assert anchors.last_line(path) is None
    assert anchors.last_time(path) is None
