"""``chairlog migrate-db``: a SQLite clinic (the demo: sessions, alerts, a signed record)
copied to an empty PostgreSQL database and the copy proved — row counts, the audit chain on
the server, every signed PDF byte-identical; the server then takes new rows (its sequences
were advanced) and verifies on its own. A database that is not empty, a source that is not
SQLite, a target that is not PostgreSQL and a wrong admin password are refused with one line.

Runs when CHAIRLOG_TEST_PG_URL is set (CI's PostgreSQL run).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from chairlog.cli import main
from chairlog.db.copy import tables
from chairlog.db.models import AuditLog
from chairlog.services import accounts, audit_log, open_app
from chairlog.services import patients as pts
from chairlog.services.demo import DEMO_CA_PASSPHRASE
from tests import template_db
from tests.conftest import apply_fast_crypto
from tests.reliability.helpers.dbs import pg_database

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get("CHAIRLOG_TEST_PG_URL"),
                       reason="needs CHAIRLOG_TEST_PG_URL (a PostgreSQL server)"),
]
ADMIN_PASSWORD = "demo-admin-1"
assert DEMO_CA_PASSPHRASE  # the demo clinic has a signing authority and signs one record


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> template_db.Template:
    """The demo clinic, made once for this file (``chairlog demo`` is most of a test's time);
    each test gets a copy of its file and data folder (tests/template_db.py)."""
    root = tmp_path_factory.mktemp("demo-template")
    home = root / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHAIRLOG_HOME", str(home))
        mp.setenv("CHAIRLOG_KEYRING", "file")
        apply_fast_crypto(mp)  # as the per-test fixtures have it
        assert main(["--db", str(root / "clinic.sqlite3"), "demo"]) == 0
    return template_db.Template(f"sqlite:///{root / 'clinic.sqlite3'}", home, None)


@pytest.fixture
def clinic_file(demo_template: template_db.Template, tmp_path: Path, _isolated_home: Path,
                capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "clinic.sqlite3"
    template_db.copy_database(demo_template.url, f"sqlite:///{path}")
    template_db.copy_home(demo_template, _isolated_home, f"sqlite:///{path}")
    capsys.readouterr()
    return str(path)


@pytest.fixture
def target() -> Iterator[str]:
    with pg_database() as url:
        yield url


def migrate(monkeypatch: pytest.MonkeyPatch, source: str, to: str,
            password: str = ADMIN_PASSWORD) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return main(["--db", source, "migrate-db", "--to", to, "--as", "admin", "--password-stdin"])


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return {t.name: int(c.scalar(select(func.count()).select_from(t)) or 0)
                    for t in tables()}
    finally:
        engine.dispose()


def test_copy_proved_then_the_server_is_the_clinic(
    clinic_file: str, target: str, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    before = counts(f"sqlite:///{clinic_file}")
    assert migrate(monkeypatch, clinic_file, target) == 0
    out = capsys.readouterr().out
    assert "audit chain on the server: intact:" in out
    assert "signed records byte-identical" in out and ": 1 of 1" in out
    assert "NOT PROVED" not in out
    after = counts(target)
    # everything, plus the admin's sign-in and the move's own record (written before the copy)
    assert after == counts(f"sqlite:///{clinic_file}")
    assert after["audit_log"] == before["audit_log"] + 2
    assert {k: v for k, v in after.items() if k != "audit_log"} == \
        {k: v for k, v in before.items() if k != "audit_log"}
    for name in ("sessions", "chart_entries", "signed_records", "patients"):
        assert after[name] > 0, name

    app = open_app(target)
    try:
        with app.db.read() as s:
            moved = s.scalars(select(AuditLog).where(AuditLog.action == "database.migrate")).one()
        assert moved.username == "admin" and '"rows"' in (moved.after_json or "")
        admin = accounts.login(app, "admin", ADMIN_PASSWORD)
        p = pts.create_patient(app, admin, mrn="NEW-1", family_name="After", given_name="Move")
        assert p.id == after["patients"] + 1  # the sequence was advanced past the copied ids
        report = audit_log.verify_audit(app)
        assert report.ok, report.problem
    finally:
        app.close()

    # a second run: the server is no longer empty
    assert migrate(monkeypatch, clinic_file, target) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already holds chairlog data" in err


def test_refusals_write_nothing(clinic_file: str, target: str, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert migrate(monkeypatch, clinic_file, target, password="wrong-password") == 2
    assert "Wrong username or password" in capsys.readouterr().err
    assert migrate(monkeypatch, clinic_file, str(tmp_path / "other.sqlite3")) == 2
    assert "a postgresql://… address" in capsys.readouterr().err
    assert migrate(monkeypatch, target, target) == 2
    assert "a SQLite clinic" in capsys.readouterr().err
    engine = create_engine(target)
    try:
        with engine.connect() as c:
            assert c.exec_driver_sql(  # not even the schema: nothing was opened there
                "select count(*) from information_schema.tables where table_schema = 'public'"
            ).scalar() == 0
    finally:
        engine.dispose()
