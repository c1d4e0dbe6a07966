"""The test clinic built once per test process and copied for each test that asks for it.

Building the ``clinic`` fixture (migrate an empty database, create the clinic and its signing
authority, four accounts with a physician's certificate, the shipped protocols, chairs and
patients) costs about 0.7 s; copying it costs a few milliseconds. A test gets a copy with the
same rows, the same data-folder files (workstation audit key, trust store, anchor journal) and
fresh sign-in tokens for the same accounts, so it may change anything, sign anyone out or
damage its copy without touching the template or another test.

Decisions:
- SQLite: the template file is copied with SQLite's online-backup API (never a raw file copy
  of a database that may have a WAL beside it). PostgreSQL: ``CREATE DATABASE … TEMPLATE``
  straight under the test's new name (no empty database made first and dropped again),
  ``STRATEGY FILE_COPY``, through one admin connection kept for the process; dropped
  ``WITH (FORCE)`` after the test. With the server's data on a RAM disk (tools/pg.sh) a copy
  and its drop take ≈ 70 ms, where the empty database, two new engines and a disk took
  ≈ 2 s per test at load 7 on two cores.
- The anchor journal is named by the database's location, so the copy's journal is the
  template's journal under the copy's name; its lines are the template's, unchanged (the
  location inside a line is informational, as in a restored backup).
- Sign-in tokens: the template's actors signed in once; each copy gets new tokens registered
  for the same accounts without a sign-in record, so a test that signs an actor out does not
  sign out the next test's actor, and the audit trail is the template's, record for record.
- Tests marked ``real_crypto``, and tests whose clock does not start at ``T0``, build the
  clinic from scratch as before (the template's password hashes use the cheap parameters and
  its records carry ``T0``).
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url


@dataclass
class Template:
    url: str
    home: Path
    clinic: Any  # tests.conftest.Clinic, its ``app`` closed


def sqlite_file(url: str) -> Path:
    return Path(make_url(url).database or "")


def copy_database(template_url: str, target_url: str) -> None:
    """Make ``target_url`` a copy of the closed template database (on PostgreSQL a database of
    that name must not exist yet)."""
    if make_url(template_url).drivername.startswith("sqlite"):
        src = sqlite3.connect(sqlite_file(template_url))
        dst = sqlite3.connect(sqlite_file(target_url))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return
    pg_admin(
        f'CREATE DATABASE "{make_url(target_url).database}" '
        f'TEMPLATE "{make_url(template_url).database}" STRATEGY {PG_COPY_STRATEGY}'
    )


#: ``FILE_COPY`` copies the template's files (then a checkpoint, cheap on the test server:
#: fsync off, its data on a RAM disk, tools/pg.sh); the default ``WAL_LOG`` writes every page
#: of the copy (≈ 9 MB, mostly the system catalogs) to the write-ahead log as well.
PG_COPY_STRATEGY = "FILE_COPY"


@contextmanager
def database_copy(template_url: str, folder: Path) -> Iterator[str]:
    """A copy of the template for one test (a file in ``folder`` on SQLite, a new database on
    PostgreSQL, dropped afterwards)."""
    if make_url(template_url).drivername.startswith("sqlite"):
        url = f"sqlite:///{folder / 'chairlog.sqlite3'}"
        copy_database(template_url, url)
        yield url
        return
    url = (make_url(template_url).set(database="r_" + uuid.uuid4().hex[:12])
           .render_as_string(hide_password=False))
    copy_database(template_url, url)
    try:
        yield url
    finally:
        pg_admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


_ADMIN: Any = None


def pg_admin(statement: str) -> None:
    """Run ``statement`` (CREATE / DROP DATABASE) on the server's own database through one
    connection kept for the process: a new engine per statement cost a connection and
    SQLAlchemy's first-connect queries each time."""
    global _ADMIN
    import sqlalchemy as sa

    if _ADMIN is None:
        # (pre-ping: a test that stops or restarts backends must not break the next copy)
        _ADMIN = sa.create_engine(os.environ["CHAIRLOG_TEST_PG_URL"],
                                  isolation_level="AUTOCOMMIT", pool_size=1, pool_pre_ping=True)
    with _ADMIN.connect() as c:
        c.exec_driver_sql(statement)


def dispose_pg_admin() -> None:
    global _ADMIN
    if _ADMIN is not None:
        _ADMIN.dispose()
        _ADMIN = None


def copy_home(template: Template, home: Path, target_url: str) -> None:
    """The template's data-folder files into ``home``; those named by the database's location
    (the anchor journal, the pinned signing authority) under the copy's names."""
    from chairlog.db import anchors
    from chairlog.services import trust

    # trust.pin_path names the file under paths.data_dir(): the same name under any folder
    renamed = {
        anchors.journal_path(template.home, template.url):
            anchors.journal_path(home, target_url),
        template.home / trust.PIN_DIR / trust.pin_path(template.url).name:
            home / trust.PIN_DIR / trust.pin_path(target_url).name,
    }
    for path in sorted(template.home.rglob("*")):
        out = renamed.get(path, home / path.relative_to(template.home))
        if path.is_dir():
            out.mkdir(parents=True, exist_ok=True)
            out.chmod(path.stat().st_mode & 0o777)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, out)


def fresh_actor(actor: Any) -> Any:
    """The same account with a new sign-in token of this process (no sign-in record)."""
    from chairlog.services import context

    token = secrets.token_urlsafe(32)
    with context._SESSIONS_LOCK:
        context._SESSIONS[token] = actor.id
    return replace(actor, session=token)


def clinic_for(template: Template, app: Any, clock: Any) -> Any:
    """The template's clinic, bound to ``app`` (a copy) and ``clock``, with fresh tokens."""
    c = template.clinic
    return replace(
        c,
        app=app,
        clock=clock,
        admin=fresh_actor(c.admin),
        nurse=fresh_actor(c.nurse),
        nurse2=fresh_actor(c.nurse2),
        physician=fresh_actor(c.physician),
    )


def create_pg_database(server_url: str, name: str) -> None:
    assert server_url == os.environ["CHAIRLOG_TEST_PG_URL"]
    pg_admin(f'CREATE DATABASE "{name}"')


def drop_pg_database(server_url: str, name: str) -> None:
    assert server_url == os.environ["CHAIRLOG_TEST_PG_URL"]
    pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_template_name() -> str:
    return "tmpl_" + uuid.uuid4().hex[:12]
