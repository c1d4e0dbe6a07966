"""``chairlog audit verify`` notices tampering; ``chairlog audit export`` writes the CSV.

The attacker works with raw SQL after switching the guard triggers off (tests/audit_attacker).
"""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from chairlog.cli import main
from chairlog.services import accounts, audit_log
from tests.audit_attacker import drop_guards, forge_after, head, shift_seqs, sql
from tests.conftest import Clinic


def verify(db_url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    rc = main(["--db", db_url, "audit", "verify"])
    out = capsys.readouterr()
    return rc, (out.out + out.err).strip()


def test_intact_chain(clinic: Clinic, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    n, h = head(clinic.app)
    rc, out = verify(db_url, capsys)
    first, checked = out.splitlines()
    assert rc == 0 and first == f"intact: {n} records, head {n} {h[:16]}"
    # it says what it checked: records, signatures, rows per table, anchors per kind
    assert checked.startswith(f"checked: {n} records (hash chain), 2 signatures from 1 "
                              "workstation key, ")
    assert "rows in 13 tables against their records, 1 anchors (1 journal lines)" in checked


def _edit(app: Any, n: int) -> None:
    sql(app, "UPDATE audit_log SET reason = 'nothing happened' WHERE seq = 5")


def _delete(app: Any, n: int) -> None:
    sql(app, "DELETE FROM audit_log WHERE seq = 5")


def _swap(app: Any, n: int) -> None:
    sql(app, "UPDATE audit_log SET seq = -1 WHERE seq = 5")
    sql(app, "UPDATE audit_log SET seq = 5 WHERE seq = 6")
    sql(app, "UPDATE audit_log SET seq = 6 WHERE seq = -1")


def _insert(app: Any, n: int) -> None:
    forge_after(app, 4)  # a correctly hashed row 5; the old 5 becomes 6 and no longer fits


def _truncate(app: Any, n: int) -> None:
    sql(app, "DELETE FROM audit_log WHERE seq > :keep", keep=n - 2)


ATTACKS = {
    "edit a value": (_edit, 5, "record 5 was altered after it was written"),
    "delete a record": (_delete, 5, "record 5 is missing (found 6 next)"),
    "swap two records": (_swap, 5, "record 5 does not follow record 4"),
    "insert a record": (_insert, 5, "record 5 is not signed by any workstation"),
    "truncate the newest": (_truncate, None, "the newest records were removed"),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_tampering_is_detected(
    clinic: Clinic, db_url: str, capsys: pytest.CaptureFixture[str], attack: str
) -> None:
    app = clinic.app
    n, _ = head(app)
    assert n > 8
    fn, bad_seq, problem = ATTACKS[attack]
    drop_guards(app)
    fn(app, n)
    rc, out = verify(db_url, capsys)
    expected_seq = bad_seq if bad_seq is not None else n - 1
    assert rc == 1
    assert out.startswith(f"broken at record {expected_seq}: ")
    assert problem in out


def test_renumbered_gap_is_detected(
    clinic: Clinic, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Deleting a row and closing the gap by renumbering leaves a row that does not follow."""
    app = clinic.app
    drop_guards(app)
    sql(app, "DELETE FROM audit_log WHERE seq = 3")
    shift_seqs(app, 3, -1)
    rc, out = verify(db_url, capsys)
    assert (rc, out.split(":")[0]) == (1, "broken at record 3")


# ---- export -------------------------------------------------------------------------------


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_export_whole_trail(
    clinic: Clinic, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    n, h = head(clinic.app)
    out = tmp_path / "audit.csv"
    assert main(["--db", db_url, "audit", "export", "-o", str(out)]) == 0
    assert f"Exported {n} audit records (records 1–{n})" in capsys.readouterr().out
    with out.open(encoding="utf-8") as fh:
        assert fh.readline().strip() == (
            "seq,at_utc,user,action,entity,entity_id,session_id,"
            "patient_id,before,after,reason,prev_hash,hash,rows,key_id,signature"
        )
    rows = _read(out)
    assert [int(r["seq"]) for r in rows] == list(range(1, n + 1))
    assert rows[-1]["hash"] == h and rows[0]["prev_hash"] == "0" * 64
    assert all(rows[i]["prev_hash"] == rows[i - 1]["hash"] for i in range(1, n))
    # the workstation registers its audit key before its first record, signed by that key
    assert (rows[0]["user"], rows[0]["action"]) == ("system", "workstation.register")
    assert all(r["key_id"] == rows[0]["entity_id"] and r["signature"] for r in rows)
    first = rows[1]
    assert (first["user"], first["action"], first["at_utc"]) == (
        "admin",
        "clinic.init",
        "2026-03-02T14:00:00+00:00",
    )
    assert not list(tmp_path.glob("*.partial"))
    # the export is itself on the trail, and the chain is still intact
    last = audit_log.list_audit(clinic.app, clinic.admin, limit=1)[0]
    assert (last.action, last.username, last.after["rows"]) == ("audit.export", "cli", n)
    assert main(["--db", db_url, "audit", "verify"]) == 0


def test_export_days_are_clinic_local(
    clinic: Clinic, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Berlin (UTC+1 in March): 2026-03-03 runs from 2026-03-02 23:00 to 2026-03-03 23:00 UTC."""
    c = clinic
    c.clock.set(datetime(2026, 3, 2, 22, 30, tzinfo=UTC))  # 23:30 in Berlin, on the 2nd
    accounts.update_clinic(c.app, c.admin,
                           expected_version=accounts.get_clinic(c.app).version,
                           late_entry_minutes=11)
    c.clock.set(datetime(2026, 3, 2, 23, 30, tzinfo=UTC))  # 00:30 in Berlin, on the 3rd
    accounts.update_clinic(c.app, c.admin,
                           expected_version=accounts.get_clinic(c.app).version,
                           late_entry_minutes=12)
    c.clock.set(datetime(2026, 3, 3, 22, 59, tzinfo=UTC))  # 23:59 in Berlin, on the 3rd
    accounts.update_clinic(c.app, c.admin,
                           expected_version=accounts.get_clinic(c.app).version,
                           late_entry_minutes=13)
    c.clock.set(datetime(2026, 3, 3, 23, 0, tzinfo=UTC))  # midnight: the 4th
    accounts.update_clinic(c.app, c.admin,
                           expected_version=accounts.get_clinic(c.app).version,
                           late_entry_minutes=14)
    out = tmp_path / "day.csv"
    rc = main(
        [
            "--db",
            db_url,
            "audit",
            "export",
            "--from",
            "2026-03-03",
            "--to",
            "2026-03-03",
            "-o",
            str(out),
        ]
    )
    assert rc == 0, capsys.readouterr().err
    rows = _read(out)
    assert [r["after"].split('late_entry_minutes":')[1][:2] for r in rows] == ["12", "13"]
    assert [r["at_utc"] for r in rows] == ["2026-03-02T23:30:00+00:00", "2026-03-03T22:59:00+00:00"]
    out2 = tmp_path / "from.csv"
    assert main(["--db", db_url, "audit", "export", "--from", "2026-03-04", "-o", str(out2)]) == 0
    assert [r["action"] for r in _read(out2)] == ["settings.change", "audit.export"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2026-02-30"], "from: '2026-02-30' is not accepted — a date as YYYY-MM-DD"),
        (["--from", "2026-03-05", "--to", "2026-03-04"], "a date on or after 2026-03-05"),
    ],
)
def test_export_refuses_bad_dates(
    clinic: Clinic,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / "x.csv"
    assert main(["--db", db_url, "audit", "export", *args, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_verify_progress_and_bad_arguments(
    clinic: Clinic, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    n, _ = head(clinic.app)
    assert main(["--db", db_url, "audit", "verify", "--progress"]) == 0
    out = capsys.readouterr()
    done = re.findall(r"checking the audit trail: (\d+)/(\d+) records and rows \((\d+) %\)",
                      out.err)
    assert done and done[-1][0] == done[-1][1] and done[-1][2] == "100"
    assert int(done[-1][1]) > n  # the records, then the bound rows
    assert out.out.startswith("intact: ")
    for flag in ("--journal", "--backups", "--pdf"):
        assert main(["--db", db_url, "audit", "verify", flag, str(tmp_path / "nothing")]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
