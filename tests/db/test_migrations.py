"""Opening a database: pragmas, migrations on an existing database (after a backup)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from chairlog.db.engine import Database
from chairlog.db.migrate import known_revisions, open_database, upgrade
from chairlog.errors import StorageError

#: SQLite files of its own (or no database): the PostgreSQL pass leaves it out
pytestmark = pytest.mark.sqlite_only


def test_sqlite_pragmas_on_every_connection(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    try:
        with db.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_migrates_existing_database_after_backup(tmp_path: Path) -> None:
    path = tmp_path / "clinic.sqlite3"
    old = Database(f"sqlite:///{path}")
    upgrade(old, "0001")
    with old.engine.begin() as c:
        c.execute(text("INSERT INTO chairs (name, position, active) VALUES ('Chair A', 1, 1)"))
    old.dispose()
    _, head = known_revisions()
    assert head != "0001"

    db = open_database(f"sqlite:///{path}")
    try:
        with db.engine.connect() as c:
            assert c.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head
            assert c.exec_driver_sql("SELECT name FROM chairs").scalar() == "Chair A"
            assert c.exec_driver_sql("SELECT count(*) FROM backups").scalar() == 0
    finally:
        db.dispose()
    backups = list(tmp_path.glob("clinic.pre-migration-0001-*.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert con.execute("SELECT name FROM chairs").fetchone() == ("Chair A",)
    finally:
        con.close()


def test_newer_schema_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StorageError) as e:
        open_database(f"sqlite:///{path}")
    assert "newer chairlog" in str(e.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_not_a_database_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("shopping list\n" * 100)
    with pytest.raises(StorageError) as e:
        open_database(f"sqlite:///{path}")
    assert "not a chairlog database" in str(e.value)
    assert path.read_text().startswith("shopping list")


def test_missing_folder_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as e:
        open_database(f"sqlite:///{tmp_path / 'nope' / 'x.sqlite3'}")
    assert "does not exist" in str(e.value)


def test_upgraded_database_binds_its_rows_and_old_backups_still_verify(tmp_path: Path) -> None:
    """A database from before audit binding (0002): after the upgrade, the first record
    binds every row already there; the pre-migration backup still verifies (as unsigned
    legacy records) and can be restored."""
    from chairlog.db import audit
    from chairlog.db.audit import verify_chain
    from chairlog.services.restore import verify_backup

    path = tmp_path / "clinic.sqlite3"
    old = Database(f"sqlite:///{path}")
    upgrade(old, "0002")
    with old.engine.begin() as c:
        c.execute(text("INSERT INTO chairs (name, position, active) VALUES ('Chair A', 1, 1)"))
    old.dispose()
    db = open_database(f"sqlite:///{path}")
    try:
        with db.read() as s:
            assert verify_chain(s).ok  # nothing signed yet: rows not compared, said so
        from datetime import UTC, datetime

        with db.write() as s:
            audit.append(s, at=datetime(2026, 3, 2, tzinfo=UTC), user_id=None,
                         username="system", action="note", entity="note")
        with db.read() as s:
            report = verify_chain(s)
            assert report.ok, report.problems
            assert dict(report.bound_rows)["chairs"] == 1
        with db.engine.begin() as c:
            c.execute(text("UPDATE chairs SET name = 'Chair B'"))
        with db.read() as s:
            assert verify_chain(s).problem == (
                "chairs row 1 was changed outside chairlog (it differs from what record 1 "
                "wrote)")
    finally:
        db.dispose()
    backup = next(tmp_path.glob("clinic.pre-migration-0002-*.sqlite3"))
    assert verify_backup(backup).ok, verify_backup(backup).problem
