"""Shared fixtures.

- Tests never touch the developer's real data: CHAIRLOG_HOME points into a temporary folder per
  test, every per-user location (XDG folders, log folder) into one per run, and the run fails
  if the real chairlog folders changed (tests/user_folders.py).
- Database tests run on SQLite, or on PostgreSQL when CHAIRLOG_TEST_PG_URL is set (CI runs the
  db and services suites both ways); each test gets a fresh database, or for the ``clinic``
  fixture a copy of a clinic built once per process (tests/template_db.py).
- No network: any connection other than to the configured PostgreSQL server fails the test.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests import user_folders

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_REAL_FOLDERS = user_folders.real_folders()  # before the run's environment is redirected
_BEFORE = user_folders.listing(_REAL_FOLDERS)
_REDIRECTED = user_folders.redirect()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if anything in it wrote to the developer's real chairlog folders."""
    changed = user_folders.differences(_BEFORE, user_folders.listing(_REAL_FOLDERS))
    if changed and not hasattr(session.config, "workerinput"):
        session.config.pluginmanager.get_plugin("terminalreporter").write_line(
            "the test run wrote to the real user folders:\n  " + "\n  ".join(changed[:20]),
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    shutil.rmtree(_REDIRECTED, ignore_errors=True)

def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests marked ``slow`` (the longest, 10-35 s each) first, the rest in their order.

    Decision (wall time on two workers): pytest-xdist's worksteal hands each worker a
    contiguous share of the collection and an idle worker steals from the end of another's
    queue, so a long test near the end of a share ran alone while the other worker idled;
    at the head of a share it is never stolen and the short tests even the workers out."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


PG_URL = os.environ.get("CHAIRLOG_TEST_PG_URL", "")
T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def _allowed_addresses() -> set[tuple[str, int]]:
    if not PG_URL:
        return set()
    from sqlalchemy.engine import make_url

    u = make_url(PG_URL)
    host = u.host or "127.0.0.1"
    port = u.port or 5432
    return {(host, port), ("127.0.0.1", port), ("::1", port), ("localhost", port)}


class NetworkAccess(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    allowed = _allowed_addresses()
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family == getattr(socket, "AF_UNIX", None):
            return
        host, port = address[0], address[1]
        if (host, port) not in allowed:
            raise NetworkAccess(f"test tried to open a network connection to {host}:{port}")

    def connect(sock: socket.socket, address: Any) -> None:
        check(sock, address)
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        check(sock, address)
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


_REAL_RSA_KEYGEN: Any = None
_KEY_POOL: dict[tuple[int, int], Any] = {}


def apply_fast_crypto(monkeypatch: pytest.MonkeyPatch, *, pooled_rsa: bool = True) -> None:
    """RSA keys from a small pool generated once per run (unless ``pooled_rsa`` is false: the
    clinic template's keys are its own, so no test's "other" key can equal them); cheap argon2
    and scrypt."""
    global _REAL_RSA_KEYGEN
    from argon2 import PasswordHasher
    from cryptography.hazmat.primitives.asymmetric import rsa

    from chairlog import pki_keystore
    from chairlog.services import signin

    monkeypatch.setattr(pki_keystore, "_SCRYPT_LOG2_N", 10)

    if _REAL_RSA_KEYGEN is None:
        _REAL_RSA_KEYGEN = rsa.generate_private_key
    counter = iter(range(10**9))

    def pooled(public_exponent: int, key_size: int, backend: Any = None) -> Any:
        slot = (key_size, next(counter) % 4)
        if slot not in _KEY_POOL:
            _KEY_POOL[slot] = _REAL_RSA_KEYGEN(public_exponent=public_exponent, key_size=key_size)
        return _KEY_POOL[slot]

    # (the real generator also when a test's pool is in place: the template may be built
    # in the middle of a test's set-up)
    monkeypatch.setattr(rsa, "generate_private_key", pooled if pooled_rsa else _REAL_RSA_KEYGEN)
    monkeypatch.setattr(
        signin, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture(autouse=True)
def _fast_crypto(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Speed: RSA keys come from a small pool generated once per run, and argon2 and scrypt use
    cheap parameters. Certificates, signatures and hashes are still real; only key generation
    and the password-hashing cost differ from production. Tests marked ``real_crypto`` get the
    production parameters."""
    if request.node.get_closest_marker("real_crypto"):
        return
    apply_fast_crypto(monkeypatch)


@pytest.fixture(autouse=True)
def _patient_runner(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's operation runner waits up to 40 ms on the UI thread for an answer before
    delivering it later by a queued signal (``chairlog.ui.operations``). On the shared test
    machine a save can take longer than that, so tests that type into a form and check the
    screen at once would depend on the load: here the runner waits up to 10 s for an answer
    (the same delivery path, only the wait differs). Tests of the asynchronous path set
    ``ctx.runner.fast_ms`` back to a few ms themselves."""
    from chairlog.ui import operations

    monkeypatch.setattr(operations.OperationRunner, "fast_ms", 10_000)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("chairlog-home")
    monkeypatch.setenv("CHAIRLOG_HOME", str(home))
    monkeypatch.setenv("CHAIRLOG_KEYRING", "file")  # never the developer's OS keyring
    monkeypatch.delenv("CHAIRLOG_DB", raising=False)
    return home


def _wants_template(request: pytest.FixtureRequest) -> bool:
    """The test uses this file's ``clinic`` fixture with production-free crypto: its database
    starts as a copy of the clinic template (tests/template_db.py)."""
    if "clinic" not in request.fixturenames or request.node.get_closest_marker("real_crypto"):
        return False
    defs = request.node._fixtureinfo.name2fixturedefs.get("clinic") or ()
    # this file's ``clinic``, not a module's own
    return bool(defs) and getattr(defs[-1].func, "__module__", "") == __name__


@pytest.fixture(scope="session")
def _clinic_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The clinic fixture's rows and files, built once per test process."""
    from chairlog.clinical.clock import FixedClock
    from chairlog.services import open_app
    from tests import template_db

    root = tmp_path_factory.mktemp("clinic-template")
    home = root / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHAIRLOG_HOME", str(home))
        mp.setenv("CHAIRLOG_KEYRING", "file")
        mp.delenv("CHAIRLOG_DB", raising=False)
        apply_fast_crypto(mp, pooled_rsa=False)
        if PG_URL:
            from sqlalchemy.engine import make_url

            url = make_url(PG_URL).set(database=template_db.pg_template_name())
            url_s = url.render_as_string(hide_password=False)
            template_db.create_pg_database(PG_URL, url.database or "")
        else:
            url_s = f"sqlite:///{root / 'template.sqlite3'}"
        clock = FixedClock(T0)
        a = open_app(url_s, clock=clock)
        try:
            built = build_clinic(a, clock)
        finally:
            a.close()
    yield template_db.Template(url_s, home, built)
    if PG_URL:
        template_db.drop_pg_database(PG_URL, make_url(url_s).database or "")
        template_db.dispose_pg_admin()


@pytest.fixture(scope="session")
def _template_steps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The clinic template after each set-up step asked for (tests/template_steps.py)."""
    from tests import template_steps

    steps = template_steps.Steps(tmp_path_factory.mktemp("template-steps"))
    yield steps
    steps.drop()


@pytest.fixture
def db_url(
    tmp_path: Path, request: pytest.FixtureRequest, _isolated_home: Path, clock: Any
) -> Iterator[str]:
    """A fresh, empty database: SQLite by default, PostgreSQL when CHAIRLOG_TEST_PG_URL is set.
    For a test of the ``clinic`` fixture, a copy of the clinic template instead; for a test of
    a template step (tests/template_steps.py), a copy of the template after that step."""
    from tests import template_db, template_steps
    from tests.reliability.helpers.dbs import fresh_url

    template, step = None, None
    if clock.now() == T0 and _wants_template(request):
        template = request.getfixturevalue("_clinic_template")
        step = template_steps.requested_step(request)
    elif clock.now() == T0 and "clinic" not in request.fixturenames \
            and not request.node.get_closest_marker("real_crypto"):
        step = template_steps.requested_step(request, on_empty=True)
    if step is not None:
        from chairlog.clinical.clock import FixedClock
        from chairlog.services import open_app

        stepped = request.getfixturevalue("_template_steps").after(
            template, step, open_app, FixedClock(T0),
            lambda mp: apply_fast_crypto(mp, pooled_rsa=False))
        request.node.stash[template_steps.STEPPED] = stepped
        template = stepped.template
    if template is not None:
        with template_db.database_copy(template.url, tmp_path) as url:
            template_db.copy_home(template, _isolated_home, url)
            request.node.stash[_FROM_TEMPLATE] = template
            yield url
        return
    with fresh_url(tmp_path) as url:
        yield url


_FROM_TEMPLATE = pytest.StashKey[Any]()


@pytest.fixture
def clock() -> Any:
    from chairlog.clinical.clock import FixedClock

    return FixedClock(T0)


@pytest.fixture
def app(db_url: str, clock: Any) -> Iterator[Any]:
    from chairlog.services import open_app

    a = open_app(db_url, clock=clock)
    try:
        yield a
    finally:
        a.close()


@dataclass
class Clinic:
    app: Any
    clock: Any
    admin: Any
    nurse: Any
    nurse2: Any
    physician: Any
    chairs: list[Any]
    protocols: dict[str, Any]
    patient: Any
    patient2: Any


CA_PASSPHRASE = "authority-pass-1"
PASSWORDS = {
    "admin": "admin-pass-1",
    "nina": "nurse-pass-1",
    "omar": "nurse-pass-2",
    "drlee": "doctor-pass-1",
}


@pytest.fixture
def clinic(app: Any, clock: Any, request: pytest.FixtureRequest) -> Clinic:
    """A clinic, four signed-in accounts, the shipped protocols, three chairs, two patients:
    a copy of the per-process template when the database was made from it, else built."""
    from tests import template_db, template_steps

    template = request.node.stash.get(_FROM_TEMPLATE, None)
    if template is not None:
        stepped = request.node.stash.get(template_steps.STEPPED, None)
        if stepped is not None:  # the clock where the step left it
            clock.set(stepped.now)
        return template_db.clinic_for(template, app, clock)  # type: ignore[no-any-return]
    return build_clinic(app, clock)


def build_clinic(app: Any, clock: Any) -> Clinic:
    from chairlog.services import accounts, patients, protocols

    admin = accounts.init_clinic(
        app,
        clinic_name="Test Clinic",
        timezone="Europe/Berlin",
        admin_username="admin",
        admin_full_name="Ada Admin",
        admin_password=PASSWORDS["admin"],
        ca_passphrase=CA_PASSPHRASE,
        ca_holder="Dr Medical Director",
    )
    nurse = add_signed_in(app, admin, "nina", "Nina Nurse", "nurse", "RN")
    nurse2 = add_signed_in(app, admin, "omar", "Omar Øster", "nurse", "RN")
    # the physician chose their own password; the authority's holder issued the certificate
    doc = add_signed_in(app, admin, "drlee", "Lee Žukauskas", "physician", "MD")
    protos = {p.key: p for p in protocols.install_default_protocols(app, admin)}
    chairs = [protocols.add_chair(app, admin, f"Chair {i}") for i in range(1, 4)]
    p1 = patients.create_patient(
        app,
        nurse,
        mrn="M001",
        family_name="Ødegård",
        given_name="Zoë",
        date_of_birth="1980-05-01",
        sex="female",
        allergies="Penicillin",
    )
    p2 = patients.create_patient(app, nurse, mrn="M002", family_name="Núñez", given_name="José")
    return Clinic(app, clock, admin, nurse, nurse2, doc, chairs, protos, p1, p2)


def add_signed_in(
    app: Any, admin: Any, username: str, full_name: str, role: str, credentials: str = "",
    password: str | None = None,
) -> Any:
    """Add an account as ``admin`` (with a password the user chose), issue a physician's
    certificate with the authority's passphrase, and return the user signed in."""
    from chairlog.services import accounts, authority, keys

    pw = password or PASSWORDS[username]
    accounts.add_user(app, admin, username=username, full_name=full_name, role=role,
                      password=pw, credentials=credentials, must_change_password=False)
    if role == "physician":
        authority.issue_certificate(app, username, CA_PASSPHRASE, pw)
    actor = accounts.login(app, username, pw)
    if role == "physician":  # they were present: seen (the window would otherwise say so)
        keys.acknowledge(app, actor, [n.key_id for n in keys.notices(app, actor)])
    return actor


def ready_to_infuse(
    c: Clinic,
    patient: Any = None,
    chair: int = 0,
    protocol: str = "chronic-pain-titrated",
    weight: float = 80.0,
) -> Any:
    """Start a session and complete its pre-infusion requirements; returns the session view."""
    from chairlog.services import charting, sessions

    p = patient or c.patient
    s = sessions.start_session(
        c.app,
        c.nurse,
        patient_id=p.id,
        chair_id=c.chairs[chair].id,
        protocol_id=c.protocols[protocol].id,
        weight_kg=weight,
    )
    for item in s.protocol.checklist:
        charting.complete_checklist_item(c.app, c.nurse, s.id, item.key)
    charting.record_vitals(
        c.app, c.nurse, s.id, {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}
    )
    charting.record_assessment(c.app, c.nurse, s.id, "pain_nrs", 7)
    return s
