"""Why a PostgreSQL server could not be reached, in one line a clinic's IT can act on.

libpq (through psycopg) reports every failure to connect as an ``OperationalError`` whose
text is libpq's own; psycopg gives no SQLSTATE for a connection that never opened (the
server's FATAL message arrives before there is a session), so the failures are told apart by
libpq's message, which names the case in stable English ("Connection refused", "password
authentication failed for user", "database … does not exist", "no pg_hba.conf entry … no
encryption", "received invalid response to SSL negotiation" …). A SQLSTATE, when a driver
does give one, is used first.

Decisions:
- One sentence per case: what happened, where (host and port, as libpq says or as the
  address gives), what to check. Never the password, never a traceback.
- A case not recognised still becomes one line (libpq's first line, prefixed with the
  server's address), so no connection failure is ever a traceback.
- The result is a ``DatabaseConnectionError`` (a ``StorageError``): the command line prints
  it and exits 2, the window's start-up shows it in its error box; ``kind`` names the case
  for callers that treat an unreachable server differently from a refused sign-in.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from chairlog.errors import StorageError

_AT = re.compile(r'connection to server at "([^"]+)"(?: \([^)]*\))?, port (\d+) failed')
_SOCKET = re.compile(r'connection to server on socket "([^"]+)" failed')
_QUOTED = re.compile(r'"([^"]+)"')

#: SQLSTATE → kind, for drivers that report one
_SQLSTATES = {
    "28P01": "wrong_password",
    "3D000": "unknown_database",
    "08001": "refused",
    "08006": "refused",
}


class DatabaseConnectionError(StorageError):
    """The database server could not be reached or refused this workstation."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _where(text: str, url: str) -> str:
    m = _AT.search(text)
    if m:
        return f"{m.group(1)}:{m.group(2)}"
    m = _SOCKET.search(text)
    if m:
        return m.group(1)
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return "the database server"
    return f"{host or 'localhost'}:{port or 5432}"


def _quoted(text: str, after: str) -> str:
    i = text.find(after)
    m = _QUOTED.search(text, i if i >= 0 else 0)
    return m.group(1) if m else "?"


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return line.replace("connection failed: ", "").strip()


def classify(text: str, sqlstate: str | None = None) -> str | None:
    """The kind of connection failure libpq's ``text`` describes, or None."""
    t = text.lower()
    checks = (
        ("unknown_host", ("failed to resolve host", "could not translate host name",
                          "name or service not known", "nodename nor servname")),
        ("refused", ("connection refused",)),
        ("timeout", ("timeout expired", "connection timed out")),
        ("tls_required", ("no encryption",)),
        ("tls_unavailable", ("server does not support ssl",)),
        ("tls_untrusted", ("root certificate file", "certificate verify failed",
                           "does not match host name", "sslrootcert")),
        ("not_postgres", ("received invalid response to ssl negotiation",
                          "expected authentication request from server",
                          "invalid response from server", "unsupported frontend protocol")),
        ("wrong_password", ("password authentication failed",)),
        ("no_password", ("no password supplied",)),
        ("unknown_database", ("database \"",)),  # … "does not exist" (checked below)
        ("unknown_role", ("role \"",)),
        ("not_allowed", ("no pg_hba.conf entry", "pg_hba.conf rejects connection")),
        ("unreachable", ("could not connect", "no route to host", "network is unreachable",
                         "server closed the connection unexpectedly")),
    )
    for kind, needles in checks:
        if any(n in t for n in needles):
            if kind in ("unknown_database", "unknown_role") and "does not exist" not in t:
                continue
            return kind
    if sqlstate in _SQLSTATES:
        return _SQLSTATES[sqlstate]
    return None


def connection_error(exc: BaseException, url: str) -> DatabaseConnectionError | None:
    """The one-line error for a failure to connect to the PostgreSQL server at ``url``, or
    None if ``exc`` is not one (SQLite's errors are ``engine.storage_message``'s)."""
    if url.startswith("sqlite"):
        return None
    orig = getattr(exc, "orig", None) or exc
    text = str(orig)
    if not url.startswith("postgresql"):
        if type(exc).__name__ not in ("NoSuchModuleError", "ArgumentError",
                                      "ModuleNotFoundError"):
            return None
        scheme = url.split(":", 1)[0]
        return DatabaseConnectionError(
            "bad_address", f"chairlog keeps its data in SQLite (a file path) or PostgreSQL "
            f"(postgresql://ROLE@HOST/DATABASE); '{scheme}' is neither.")
    if isinstance(exc, ModuleNotFoundError) or type(exc).__name__ == "NoSuchModuleError":
        return DatabaseConnectionError(
            "no_driver", "PostgreSQL support is not installed on this workstation: install "
            "chairlog with its postgres extra (pip install \"chairlog[postgres]\").")
    if type(exc).__name__ == "ArgumentError":
        return DatabaseConnectionError(
            "bad_address", "The database address is not a valid URL: write it as "
            "postgresql://ROLE@HOST/DATABASE (or postgresql:///?service=chairlog).")
    if getattr(orig, "sqlstate", None) == "42501":  # connected, but may not create the tables
        return DatabaseConnectionError(
            "no_privilege", f"The database role may not create chairlog's tables there "
            f"({_first_line(text)}): give chairlog a database of its own, owned by its role "
            "(createdb -O chairlog chairlog).")
    kind = classify(text, getattr(orig, "sqlstate", None))
    if kind is None:
        if type(orig).__name__ != "OperationalError":
            return None
        kind = "other"
    where = _where(text, url)
    words = {
        "unknown_host": f"The database server's name is not known ({_host_word(text, where)}):"
                        " check the host in the database address, or this workstation's DNS.",
        "refused": f"The database server at {where} refused the connection: is PostgreSQL "
                   "running there, and listening on that address and port (listen_addresses, "
                   "port in postgresql.conf)?",
        "timeout": f"The database server at {where} did not answer in time: check that it is "
                   "running and that the network (or a firewall) lets this workstation reach it.",
        "tls_required": f"The database server at {where} lets role '{_quoted(text, 'user')}' "
                        "in only over TLS (pg_hba.conf has no line for it without encryption): "
                        "add sslmode=verify-full and sslrootcert=FILE (the server's CA "
                        "certificate) to the database address or the service file.",
        "tls_unavailable": f"The database server at {where} does not offer TLS, but the "
                           "address asks for it (sslmode): turn ssl on in the server's "
                           "postgresql.conf.",
        "tls_untrusted": f"The database server at {where} could not be verified over TLS "
                         f"({_first_line(text).split('failed: ', 1)[-1]}): give "
                         "sslrootcert=FILE, the CA certificate that signed the server's.",
        "not_postgres": f"The server at {where} is not a PostgreSQL server (it answered "
                        "something else): check the port in the database address.",
        "wrong_password": f"The database server at {where} refused the password of role "
                          f"'{_quoted(text, 'for user')}': check the password in the password "
                          "file (PGPASSFILE or ~/.pgpass) or the service file.",
        "no_password": f"The database server at {where} asks for a password and none was "
                       "found: put it in the password file (PGPASSFILE or ~/.pgpass) or the "
                       "service file, never on the command line.",
        "unknown_database": f"The database '{_quoted(text, 'database')}' does not exist on "
                            f"{where}: create it (createdb -O chairlog chairlog) or check the "
                            "name in the database address.",
        "unknown_role": f"The role '{_quoted(text, 'role')}' does not exist on {where}: create "
                        "it (createuser --pwprompt chairlog) or check the user in the database "
                        "address.",
        "not_allowed": f"The database server at {where} does not let this workstation in as "
                       f"role '{_quoted(text, 'user')}' (no pg_hba.conf line matches): add a "
                       "hostssl … scram-sha-256 line for this workstation's address.",
        "unreachable": f"The database server at {where} cannot be reached "
                       f"({_first_line(text).split('failed: ', 1)[-1]}).",
        "other": f"The database server at {where} refused the connection: "
                 f"{_first_line(text).split('failed: ', 1)[-1]}.",
    }
    return DatabaseConnectionError(kind, " ".join(words[kind].split()))


def _host_word(text: str, where: str) -> str:
    m = re.search(r"host(?: name)? '?\"?([^'\"\s:]+)", text)
    return m.group(1) if m else where
