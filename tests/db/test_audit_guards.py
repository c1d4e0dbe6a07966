"""The database itself keeps the audit trail append-only (SQLite triggers here; the same tests
run on PostgreSQL when CHAIRLOG_TEST_PG_URL is set)."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError

from chairlog.services import accounts, audit_log
from tests.audit_attacker import COLUMNS, head, sql
from tests.conftest import PG_URL, Clinic

COPY = COLUMNS.replace("seq, ", "", 1).replace("reason, ", "'forged', ")

REFUSED = {
    "update a value": "UPDATE audit_log SET reason = 'forged' WHERE seq = 2",
    "update every row": "UPDATE audit_log SET username = 'nobody'",
    "delete one": "DELETE FROM audit_log WHERE seq = 2",
    "delete all": "DELETE FROM audit_log",
    "upsert over a row": f"INSERT INTO audit_log ({COLUMNS}) SELECT seq, {COPY} FROM audit_log "
    "WHERE seq = 2 ON CONFLICT (seq) DO UPDATE SET reason = 'forged'",
    "insert in the middle": f"INSERT INTO audit_log ({COLUMNS}) SELECT seq + 100000, {COPY} "
    "FROM audit_log WHERE seq = 2",
    "append with a wrong prev_hash": f"INSERT INTO audit_log ({COLUMNS}) "
    f"SELECT (SELECT MAX(seq) FROM audit_log) + 1, {COPY} "
    "FROM audit_log WHERE seq = 2",
    "delete the head": "DELETE FROM audit_head",
    "rewind the head": "UPDATE audit_head SET seq = seq - 1",
}
SQLITE_ONLY = {
    # REPLACE deletes the old row without firing DELETE triggers: the INSERT guard stops it
    "insert or replace": f"INSERT OR REPLACE INTO audit_log ({COLUMNS}) "
    f"SELECT seq, {COPY} FROM audit_log WHERE seq = 2",
}
PG_ONLY = {
    "truncate": "TRUNCATE audit_log",
    "truncate the head": "TRUNCATE audit_head",
}


# the db_url fixture gives PostgreSQL exactly when CHAIRLOG_TEST_PG_URL is set
STATEMENTS = REFUSED | (PG_ONLY if PG_URL else SQLITE_ONLY)


@pytest.mark.parametrize("attack", sorted(STATEMENTS))
def test_direct_changes_to_the_audit_trail_are_refused(clinic: Clinic, attack: str) -> None:
    app = clinic.app
    assert app.db.dialect == ("postgresql" if PG_URL else "sqlite")
    before = sql(app, "SELECT * FROM audit_log ORDER BY seq")
    head_before = head(app)
    with pytest.raises(DBAPIError) as refused:
        sql(app, STATEMENTS[attack])
    message = str(refused.value.orig)
    assert "append-only" in message or "audit_head cannot" in message
    assert sql(app, "SELECT * FROM audit_log ORDER BY seq") == before
    assert head(app) == head_before
    assert audit_log.verify_audit(app).ok


def test_chairlog_still_appends_after_refusals(clinic: Clinic) -> None:
    app = clinic.app
    with pytest.raises(DBAPIError):
        sql(app, REFUSED["update a value"])
    rows = audit_log.verify_audit(app).rows
    accounts.update_clinic(app, clinic.admin,
                           expected_version=accounts.get_clinic(app).version, late_entry_minutes=15)
    report = audit_log.verify_audit(app)
    assert report.ok and report.rows == rows + 1 and head(app)[0] == rows + 1


def test_guards_exist_after_migration(clinic: Clinic) -> None:
    app = clinic.app
    if app.db.dialect == "sqlite":
        names = {r[0] for r in sql(app, "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {
            "audit_log_no_update",
            "audit_log_no_delete",
            "audit_log_append_only",
            "audit_head_no_delete",
            "audit_head_no_rewind",
        } <= names
    else:
        names = {r[0] for r in sql(app, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
        assert {
            "audit_log_no_change",
            "audit_log_no_truncate",
            "audit_log_append_only",
            "audit_head_guard",
            "audit_head_no_truncate",
        } <= names
