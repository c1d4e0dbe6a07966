"""libpq's words for each failure to connect become one sentence naming the case (the same
cases against a real server: tests/reliability/test_pg_connect_errors.py)."""

from __future__ import annotations

import pytest

from chairlog.db.connect_errors import DatabaseConnectionError, classify, connection_error
from chairlog.errors import StorageError

#: SQLite files of its own (or no database): the PostgreSQL pass leaves it out
pytestmark = pytest.mark.sqlite_only

AT = 'connection failed: connection to server at "10.0.0.5", port 5433 failed: '
URL = "postgresql+psycopg://chairlog@server/chairlog"


class OperationalError(Exception):
    """Stands in for psycopg's (classified by its text, as psycopg gives no SQLSTATE)."""


@pytest.mark.parametrize(("text", "kind", "words"), [
    (AT + "Connection refused\n\tIs the server running on that host and accepting TCP/IP "
     "connections?", "refused", "at 10.0.0.5:5433 refused the connection"),
    ("failed to resolve host 'nohost.invalid': [Errno -2] Name or service not known",
     "unknown_host", "name is not known (nohost.invalid)"),
    (AT + 'FATAL:  password authentication failed for user "chairlog"', "wrong_password",
     "refused the password of role 'chairlog'"),
    (AT + "fe_sendauth: no password supplied", "no_password", "never on the command line"),
    (AT + 'FATAL:  database "clinic" does not exist', "unknown_database",
     "The database 'clinic' does not exist on 10.0.0.5:5433"),
    (AT + 'FATAL:  role "ana" does not exist', "unknown_role", "The role 'ana' does not exist"),
    (AT + 'FATAL:  pg_hba.conf rejects connection for host "10.0.0.9", user "chairlog", '
     'database "chairlog", no encryption', "tls_required", "lets role 'chairlog' in only over"),
    (AT + 'FATAL:  no pg_hba.conf entry for host "10.0.0.9", user "chairlog", database '
     '"chairlog", SSL encryption', "not_allowed", "no pg_hba.conf line matches"),
    (AT + "server does not support SSL, but SSL was required", "tls_unavailable",
     "does not offer TLS"),
    (AT + 'root certificate file "/home/n/.postgresql/root.crt" does not exist',
     "tls_untrusted", "could not be verified over TLS"),
    (AT + 'server certificate for "db.clinic" does not match host name "10.0.0.5"',
     "tls_untrusted", "give sslrootcert=FILE"),
    (AT + "received invalid response to SSL negotiation: H", "not_postgres",
     "is not a PostgreSQL server"),
    (AT + "expected authentication request from server, but received H", "not_postgres",
     "check the port"),
    (AT + "timeout expired", "timeout", "did not answer in time"),
    (AT + "FATAL:  the database system is starting up", "other",
     "refused the connection: FATAL: the database system is starting up"),
])
def test_each_failure_is_one_sentence(text: str, kind: str, words: str) -> None:
    err = connection_error(OperationalError(text), URL)
    assert isinstance(err, DatabaseConnectionError) and isinstance(err, StorageError)
    assert err.kind == kind
    assert words in str(err).replace("  ", " ")
    assert "\n" not in str(err) and "password=" not in str(err)


def test_sqlite_and_other_errors_are_left_alone() -> None:
    assert connection_error(OperationalError("disk I/O error"), "sqlite:////x.db") is None
    assert connection_error(ValueError("something else"), URL) is None
    assert classify("a message nobody knows") is None
    assert classify("", "28P01") == "wrong_password"


def test_an_address_that_is_neither_sqlite_nor_postgresql() -> None:
    err = connection_error(ModuleNotFoundError("No module named 'MySQLdb'"), "mysql://x@y/z")
    assert err is not None and str(err) == (
        "chairlog keeps its data in SQLite (a file path) or PostgreSQL "
        "(postgresql://ROLE@HOST/DATABASE); 'mysql' is neither.")


def test_a_missing_driver_says_how_to_install_it(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from chairlog.cli import main

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if not installed
    assert main(["--db", "postgresql://chairlog@server/chairlog", "sessions"]) == 2
    assert capsys.readouterr().err == (
        "chairlog: PostgreSQL support is not installed on this workstation: install chairlog "
        "with its postgres extra (pip install \"chairlog[postgres]\").\n")
