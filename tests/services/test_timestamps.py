"""RFC 3161 timestamps (issue 14, point 6): with a timestamp service configured, signatures
carry a signature timestamp (B-T, with the CRL B-LT) and archive timestamps can be added
(B-LTA). The test starts its own local timestamp service."""

from __future__ import annotations

import _socket
import datetime as dt
import io
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chairlog.cli import main
from chairlog.services import accounts, records, signoff
from tests.conftest import PASSWORDS, Clinic
from tests.record_helpers import discharged_session
from tests.tsa_server import LocalTSA, local_tsa


def allow_local_port(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    """Let the test reach 127.0.0.1:port only (the suite forbids every other connection)."""
    guarded = socket.socket.connect

    def connect(sock: socket.socket, address: Any) -> None:
        if sock.family != socket.AF_UNIX and tuple(address[:2]) == ("127.0.0.1", port):
            return _socket.socket.connect(sock, address)
        return guarded(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def tsa(monkeypatch: pytest.MonkeyPatch, clinic: Clinic) -> Iterator[LocalTSA]:
    with local_tsa(clinic.clock.now()) as service:
        allow_local_port(monkeypatch, int(service.url.split(":")[2].split("/")[0]))
        service.fixed_time = clinic.clock.now()
        yield service


def test_signature_timestamp_then_archive_timestamp(
    clinic: Clinic, tsa: LocalTSA, tmp_path: Path, monkeypatch: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    c = clinic
    accounts.update_clinic(c.app, c.admin,
                           expected_version=accounts.get_clinic(c.app).version,
                           tsa_url=tsa.url, tsa_cert_pem=tsa.root_pem)
    sid = discharged_session(c, extras=False)
    signoff.sign_session(c.app, c.physician, sid, PASSWORDS["drlee"])
    asked = len(tsa.requests)
    assert asked >= 1  # the signature timestamp (pyHanko also asks once to size it)
    pdf = records.get_signed_pdf(c.app, sid)
    result = records.verify_record_pdf(c.app, pdf, tsa_roots_pem=tsa.root_pem)
    assert result.ok, result.reason
    assert result.timestamp_time is not None and result.level == "B-LT"
    # twenty years on, the timestamp (trusted) says when it was signed
    c.clock.set(dt.datetime(2046, 6, 1, tzinfo=dt.UTC))
    later = records.verify_record_pdf(c.app, pdf, tsa_roots_pem=tsa.root_pem)
    assert later.ok and later.time_basis.startswith("the signing time from the signature's")
    c.clock.set(dt.datetime(2026, 3, 2, 18, 0, tzinfo=dt.UTC))
    tsa.fixed_time = c.clock.now()
    archived = records.add_archive_timestamp(c.app, pdf, tsa_roots_pem=tsa.root_pem)
    assert archived.startswith(pdf) and len(tsa.requests) > asked
    lta = records.verify_record_pdf(c.app, archived, tsa_roots_pem=tsa.root_pem)
    assert lta.ok, lta.reason
    assert lta.level == "B-LTA"
    # anything but validation data or timestamps after it still fails
    tampered = archived + b"\n% appended\n"
    assert not records.verify_record_pdf(c.app, tampered, tsa_roots_pem=tsa.root_pem).ok
    # the command line does the same
    src, out, root = tmp_path / "r.pdf", tmp_path / "lta.pdf", tmp_path / "tsa.pem"
    src.write_bytes(pdf)
    root.write_bytes(tsa.root_pem)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", c.app.db.url, "timestamp", str(src), "-o", str(out), "--tsa-ca",
                 str(root)]) == 0
    assert main(["--db", c.app.db.url, "verify", str(out), "--tsa-ca", str(root)]) == 0
    printed = capsys.readouterr().out
    assert "PAdES level:  B-LTA" in printed and "timestamp:" in printed
    if shutil.which("pdfsig"):
        import subprocess

        done = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, timeout=60,
                              env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
        assert "Signature is Valid" in done.stdout


def test_an_unreachable_timestamp_service_refuses_signing(
    clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chairlog.errors import SignatureError
    from chairlog.services import views

    c = clinic
    allow_local_port(monkeypatch, 9)  # nothing listens there
    accounts.update_clinic(c.app, c.admin,
                           expected_version=accounts.get_clinic(c.app).version,
                           tsa_url="http://127.0.0.1:9/tsa")
    sid = discharged_session(c, extras=False)
    with pytest.raises(SignatureError, match="timestamp service did not answer"):
        signoff.sign_session(c.app, c.physician, sid, PASSWORDS["drlee"])
    assert views.get_session(c.app, sid).state.value == "discharged"  # nothing stored
