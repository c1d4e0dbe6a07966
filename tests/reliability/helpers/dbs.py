"""Fresh databases and a small clinic for reliability tests (usable outside pytest fixtures,
so hypothesis tests and child processes can make their own).

``fresh_url`` gives SQLite by default and a new PostgreSQL database when CHAIRLOG_TEST_PG_URL
is set (CI runs this suite both ways); ``sqlite_url`` always gives SQLite (file-level tests).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

PG_URL = os.environ.get("CHAIRLOG_TEST_PG_URL", "")
PASSWORD = "reliable-pass-1"
#: the second clinician's check for an override: the second nurse's own credentials
CHECK = ("omar", PASSWORD)
VITALS = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}


@contextmanager
def pg_database() -> Iterator[str]:
    import sqlalchemy as sa

    name = "r_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@contextmanager
def fresh_url(folder: Path, name: str = "chairlog.sqlite3") -> Iterator[str]:
    """A new empty database: PostgreSQL when CHAIRLOG_TEST_PG_URL is set, else SQLite."""
    if PG_URL:
        with pg_database() as url:
            yield url
        return
    yield sqlite_url(folder, name)


def sqlite_url(folder: Path, name: str = "chairlog.sqlite3") -> str:
    return f"sqlite:///{folder / name}"


@dataclass
class Setup:
    app: Any
    admin: Any
    nurse: Any
    nurse2: Any
    physician: Any
    chairs: list[Any]
    protocols: dict[str, Any]
    patients: list[Any]


def set_up_clinic(app: Any, *, chairs: int = 3, patients: int = 2) -> Setup:
    """Clinic, four accounts, the shipped protocols, chairs and patients."""
    from chairlog.services import accounts, protocols
    from chairlog.services import patients as pts
    from tests.conftest import CA_PASSPHRASE, add_signed_in

    admin = accounts.init_clinic(app, clinic_name="Reliable Clinic", timezone="Europe/Berlin",
                                 admin_username="admin", admin_full_name="Ada Admin",
                                 admin_password=PASSWORD, ca_passphrase=CA_PASSPHRASE)
    nurse = add_signed_in(app, admin, "nina", "Nina Nurse", "nurse", "RN", password=PASSWORD)
    nurse2 = add_signed_in(app, admin, "omar", "Omar Øster", "nurse", "RN", password=PASSWORD)
    doc = add_signed_in(app, admin, "drlee", "Lee Žukauskas", "physician", "MD",
                        password=PASSWORD)
    protos = {p.key: p for p in protocols.install_default_protocols(app, admin)}
    chair_list = [protocols.add_chair(app, admin, f"Chair {i}") for i in range(1, chairs + 1)]
    people = [pts.create_patient(app, nurse, mrn=f"R{i:04d}", family_name=f"Family{i}",
                                 given_name="Given") for i in range(1, patients + 1)]
    return Setup(app, admin, nurse, nurse2, doc, chair_list, protos, people)


def ready_session(st: Setup, patient: Any, chair: Any, *, weight: float = 80.0,
                  protocol: str = "chronic-pain-titrated") -> Any:
    """A session with its pre-infusion requirements done (ready to start the infusion)."""
    from chairlog.services import charting, sessions

    s = sessions.start_session(st.app, st.nurse, patient_id=patient.id, chair_id=chair.id,
                               protocol_id=st.protocols[protocol].id, weight_kg=weight)
    for item in s.protocol.checklist:
        charting.complete_checklist_item(st.app, st.nurse, s.id, item.key)
    charting.record_vitals(st.app, st.nurse, s.id, VITALS)
    charting.record_assessment(st.app, st.nurse, s.id, "pain_nrs", 6)
    return s


def counts(app: Any) -> dict[str, int]:
    """Row counts of every table a service writes (to prove a refusal wrote nothing). A dose
    refused at its hard ceiling leaves one audit row of its own (``dose.ceiling_refused``, for
    the record's deviations): those rows are not counted."""
    from chairlog.db import models as m

    tables = {"audit": m.AuditLog, "entries": m.ChartEntry, "sessions": m.InfusionSession,
              "alerts": m.Alert, "patients": m.Patient, "users": m.User,
              "protocols": m.Protocol, "transitions": m.StateTransition,
              "chairs": m.Chair, "backups": m.BackupRecord}
    # Decision: one statement of scalar subqueries (one round trip, one cached compilation),
    # not eleven: the hostile-input suites and the state machine count before every call.
    ceiling = select(func.count()).select_from(m.AuditLog).where(
        m.AuditLog.action == "dose.ceiling_refused")
    q = select(*(select(func.count()).select_from(t).scalar_subquery() for t in tables.values()),
               ceiling.scalar_subquery())
    with app.db.read() as s:
        row = s.execute(q).one()
    out = {k: int(n or 0) for k, n in zip(tables, row[:-1], strict=True)}
    out["audit"] -= int(row[-1] or 0)
    return out


def audit_ok(app: Any) -> tuple[bool, str | None]:
    """The audit chain verifies: ``services.audit_log.verify_audit`` when it exists, else the
    database-level verifier."""
    try:
        from chairlog.services import audit_log
    except ImportError:
        audit_log = None  # type: ignore[assignment]
    if audit_log is not None and hasattr(audit_log, "verify_audit"):
        rep = audit_log.verify_audit(app)
        return bool(rep.ok), getattr(rep, "problem", None)
    from chairlog.db.audit import verify_chain

    with app.db.read() as s:
        rep = verify_chain(s)
    return rep.ok, rep.problem


def integrity(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [str(r[0]) for r in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
