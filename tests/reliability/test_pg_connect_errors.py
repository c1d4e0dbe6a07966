"""Every way of not reaching the clinic's PostgreSQL server is one line and exit 2 on the
command line, and a message in the window's start-up error box — against a real server with
its own pg_hba.conf (scram-sha-256 roles, a TLS-only role, a self-signed certificate), a closed
port, a name that does not resolve, and a TCP listener that speaks HTTP.

Runs when CHAIRLOG_TEST_PG_URL is set (CI's PostgreSQL run, which has the server programs);
the message wording for each libpq text is also checked without a server
(tests/db/test_connect_errors.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chairlog.cli import main
from tests.reliability.helpers.pg_server import (
    PASSWORDS,
    Server,
    free_port,
    hba_server,
    not_postgres,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not os.environ.get("CHAIRLOG_TEST_PG_URL"),
                       reason="needs CHAIRLOG_TEST_PG_URL (a PostgreSQL server)"),
]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with hba_server() as s:
        yield s


def one_line(capsys: pytest.CaptureFixture[str], url: str) -> str:
    assert main(["--db", url, "sessions"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("chairlog: "), err
    return err.removeprefix("chairlog: ").strip()


def test_connection_refused_on_a_closed_port(capsys: pytest.CaptureFixture[str]) -> None:
    port = free_port()
    assert one_line(capsys, f"postgresql://chairlog@127.0.0.1:{port}/chairlog") == (
        f"The database server at 127.0.0.1:{port} refused the connection: is PostgreSQL "
        "running there, and listening on that address and port (listen_addresses, port in "
        "postgresql.conf)?")


def test_unknown_host(capsys: pytest.CaptureFixture[str]) -> None:
    msg = one_line(capsys, "postgresql://chairlog@nohost.invalid/chairlog?connect_timeout=5")
    assert msg == ("The database server's name is not known (nohost.invalid): check the host "
                   "in the database address, or this workstation's DNS.")


def test_wrong_password_on_a_scram_role(server: Server,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    msg = one_line(capsys, server.url("clinic", "db_clinic", "not-the-password",
                                      sslmode="disable"))
    assert msg == (f"The database server at 127.0.0.1:{server.port} refused the password of "
                   "role 'clinic': check the password in the password file (PGPASSFILE or "
                   "~/.pgpass) or the service file.")


def test_no_password_found(server: Server, capsys: pytest.CaptureFixture[str],
                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    msg = one_line(capsys, server.url("clinic", "db_clinic", sslmode="disable"))
    assert msg.startswith(f"The database server at 127.0.0.1:{server.port} asks for a "
                          "password and none was found")


def test_unknown_database_and_unknown_role(server: Server,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert one_line(capsys, server.url("postgres", "nosuchdb")) == (
        f"The database 'nosuchdb' does not exist on 127.0.0.1:{server.port}: create it "
        "(createdb -O chairlog chairlog) or check the name in the database address.")
    assert one_line(capsys, server.url("nosuchrole", "db_clinic")) == (
        f"The role 'nosuchrole' does not exist on 127.0.0.1:{server.port}: create it "
        "(createuser --pwprompt chairlog) or check the user in the database address.")


def test_tls_required_then_verified(server: Server, capsys: pytest.CaptureFixture[str],
                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pw = PASSWORDS["tlsonly"]
    assert one_line(capsys, server.url("tlsonly", "db_tlsonly", pw, sslmode="disable")) == (
        f"The database server at 127.0.0.1:{server.port} lets role 'tlsonly' in only over TLS "
        "(pg_hba.conf has no line for it without encryption): add sslmode=verify-full and "
        "sslrootcert=FILE (the server's CA certificate) to the database address or the "
        "service file.")
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.postgresql/root.crt
    msg = one_line(capsys, server.url("tlsonly", "db_tlsonly", pw, sslmode="verify-full"))
    assert msg.startswith(f"The database server at 127.0.0.1:{server.port} could not be "
                          "verified over TLS (root certificate file")
    # the password from PGPASSFILE, TLS checked against the server's certificate: it opens
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{server.port}:db_tlsonly:tlsonly:{pw}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    ok = server.url("tlsonly", "db_tlsonly", sslmode="verify-full",
                    sslrootcert=str(server.ca_file))
    assert main(["--db", ok, "sessions"]) == 0
    assert capsys.readouterr().out.strip() == "No sessions."


def test_a_service_file_holds_the_whole_address(server: Server, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    service = tmp_path / "pg_service.conf"
    service.write_text(f"[chairlog]\nhost=127.0.0.1\nport={server.port}\ndbname=db_tlsonly\n"
                       f"user=tlsonly\nsslmode=verify-full\nsslrootcert={server.ca_file}\n")
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{server.port}:db_tlsonly:tlsonly:{PASSWORDS['tlsonly']}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGSERVICEFILE", str(service))
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    assert main(["--db", "postgresql:///?service=chairlog", "sessions"]) == 0
    assert capsys.readouterr().out.strip() == "No sessions."


def test_not_a_postgresql_server(capsys: pytest.CaptureFixture[str]) -> None:
    with not_postgres() as port:
        for extra in ("", "&sslmode=disable"):
            msg = one_line(capsys, f"postgresql://chairlog@127.0.0.1:{port}/chairlog"
                                   f"?connect_timeout=5{extra}")
            assert msg == (f"The server at 127.0.0.1:{port} is not a PostgreSQL server (it "
                           "answered something else): check the port in the database address.")


def test_the_real_command_prints_one_line_and_exits_2() -> None:
    """The installed entry point, in a process of its own: no traceback on stderr."""
    port = free_port()
    r = subprocess.run([sys.executable, "-m", "chairlog", "--db",
                        f"postgresql://chairlog@127.0.0.1:{port}/chairlog", "sessions"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "refused the connection" in r.stderr, r.stderr


def test_the_window_says_why_it_cannot_start(server: Server, qtbot: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from chairlog.ui import app as ui_app

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(ui_app, "report_error", lambda title, text: shown.append((title, text)))
    assert ui_app._run_gui(server.url("clinic", "db_clinic", "wrong", sslmode="disable"),
                           False) == 1
    assert shown == [("The database cannot be opened",
                      f"The database server at 127.0.0.1:{server.port} refused the password of "
                      "role 'clinic': check the password in the password file (PGPASSFILE or "
                      "~/.pgpass) or the service file.\n\nNothing was changed.")]
