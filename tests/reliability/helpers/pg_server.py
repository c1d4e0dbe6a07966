"""A throwaway PostgreSQL server with its own ``pg_hba.conf`` and TLS certificate, for the
connection-failure tests: roles with scram-sha-256 passwords, one that may connect only over
TLS, and a self-signed certificate for 127.0.0.1 (made with ``cryptography``).

Started with the Debian server programs ``tools/pg.sh`` uses (``/usr/lib/postgresql/N/bin``);
as root, the server runs as the ``postgres`` user, as there.
"""

from __future__ import annotations

import datetime as dt
import glob
import ipaddress
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HBA = """\
local all all trust
hostssl all tlsonly 127.0.0.1/32 scram-sha-256
host all tlsonly 127.0.0.1/32 reject
host all clinic 127.0.0.1/32 scram-sha-256
host all postgres 127.0.0.1/32 trust
host all all 127.0.0.1/32 trust
"""
PASSWORDS = {"clinic": "clinic-pass-1", "tlsonly": "tls-pass-1"}


@dataclass
class Server:
    port: int
    root: Path
    ca_file: Path

    def url(self, user: str, db: str = "chairlog", password: str | None = None,
            **query: str) -> str:
        auth = f"{user}:{password}" if password else user
        q = "&".join(f"{k}={v}" for k, v in query.items())
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{db}" + (f"?{q}" if q else "")


def server_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                   key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0)
    return found[-1] if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    crt, pem = folder / "server.crt", folder / "server.key"
    crt.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    pem.chmod(0o600)
    return crt, pem


@contextmanager
def hba_server() -> Iterator[Server]:
    """Start the server; yields it; stops it and removes its folder."""
    bindir = server_bin()
    assert bindir is not None, "PostgreSQL server programs not found (apt-get install postgresql)"
    root = Path(tempfile.mkdtemp(prefix="chairlog-pghba."))
    as_root = os.geteuid() == 0
    crt, key = _self_signed(root)
    if as_root:
        shutil.chown(root, "postgres")
        for f in (crt, key):
            shutil.chown(f, "postgres")

    def run(*cmd: str) -> None:
        line = " ".join(shlex.quote(c) for c in cmd)
        argv = ["su", "postgres", "-s", "/bin/sh", "-c", line] if as_root else ["sh", "-c", line]
        subprocess.run(argv, check=True, capture_output=True, timeout=120)

    port = free_port()
    data = root / "data"
    run(f"{bindir}/initdb", "-D", str(data), "-A", "trust", "-U", "postgres")
    hba = data / "pg_hba.conf"
    hba.write_text(HBA)
    opts = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c ssl=on "
            f"-c ssl_cert_file={crt} -c ssl_key_file={key}")
    run(f"{bindir}/pg_ctl", "-D", str(data), "-w", "-l", str(root / "server.log"), "-o", opts,
        "start")
    try:
        sql = "; ".join(f"CREATE ROLE {r} LOGIN PASSWORD '{p}'" for r, p in PASSWORDS.items())
        run(f"{bindir}/psql", "-h", str(root), "-p", str(port), "-U", "postgres", "-qc", sql)
        for role in PASSWORDS:
            run(f"{bindir}/createdb", "-h", str(root), "-p", str(port), "-U", "postgres",
                "-O", role, f"db_{role}")
        yield Server(port, root, crt)
    finally:
        run(f"{bindir}/pg_ctl", "-D", str(data), "-m", "fast", "stop")
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def not_postgres() -> Iterator[int]:
    """A TCP listener on 127.0.0.1 that answers every connection like a web server."""
    import threading

    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    stop = threading.Event()

    def serve() -> None:
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(64)
                    conn.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n")
                except OSError:
                    pass

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        yield int(srv.getsockname()[1])
    finally:
        stop.set()
        t.join(5)
        srv.close()
