"""The command line (one line, exit 2 on bad input) and the listener as its own process:
SIGTERM exits 0, a taken port exits 2, and a SIGKILL loses no message that got AA."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from chairlog.cli import main
from chairlog.monitor.mllp import wrap
from chairlog.services import monitor as mon
from chairlog.services.monitor_ingest import receive
from tests.conftest import PASSWORDS
from tests.monitor import samples as S
from tests.monitor.conftest import Bedside, allow_loopback_port, client, hl7_time, msa, read_acks

DEV = "080019FFFE0B4020"


def cli(db: str, *args: str, password: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> int:
    if password is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return main(["--db", db, "monitor", *args])


def test_cli_bind_pending_validate_reject_clear(
    bedside: Bedside, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from chairlog.services import open_app

    b = bedside
    db = b.app.db.url
    # the commands run on the test's clock, as the messages do (bind records when it bound)
    monkeypatch.setattr("chairlog.cli.monitor.open_app", lambda url: open_app(url, clock=b.c.clock))
    receive(b.app, S.ge_b40(control="PROBE", when=hl7_time(b.now())))
    assert cli(db, "devices", "--json") == 0
    [dev] = json.loads(capsys.readouterr().out)
    assert set(dev) >= {"device", "sending_application", "first_seen", "last_seen",
                        "last_control_id", "messages", "refused", "bound_chair"}
    assert dev["bound_chair"] is None and dev["refused"] == 1
    assert cli(db, "bind", DEV, "--chair", str(b.chair_id), "--as", "nina", "--password-stdin",
               password=PASSWORDS["nina"], monkeypatch=monkeypatch) == 0
    assert "bound to Chair 1" in capsys.readouterr().out
    ids = [receive(b.app, S.ge_b40(control=f"C{i}", hr=str(80 + i),
                                   when=hl7_time(b.now() - timedelta(seconds=30 - i)))
                   ).pending_id for i in range(3)]
    assert cli(db, "pending", "--chair", str(b.chair_id), "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ids[::-1]
    assert set(rows[0]) >= {"id", "session_id", "chair", "device", "control_id", "observed_at",
                            "received_at", "values", "sources", "refused", "state"}
    assert cli(db, "validate", str(ids[2]), "--as", "nina", "--password-stdin",
               "--value", "hr=77", password=PASSWORDS["nina"], monkeypatch=monkeypatch) == 0
    assert "charted as entry" in capsys.readouterr().out
    assert cli(db, "reject", str(ids[1]), "--as", "nina", "--password-stdin",
               "--reason", "artefact", password=PASSWORDS["nina"], monkeypatch=monkeypatch) == 0
    capsys.readouterr()
    assert cli(db, "clear", "--chair", str(b.chair_id), "--as", "nina", "--password-stdin",
               password=PASSWORDS["nina"], monkeypatch=monkeypatch) == 0
    assert capsys.readouterr().out.startswith("0 older pending")  # only one was left
    states = {p.id: p.state for p in mon.list_pending(b.app)}
    assert states == {ids[0]: "pending", ids[1]: "rejected", ids[2]: "validated"}
    assert cli(db, "unbind", DEV, "--as", "nina", "--password-stdin",
               password=PASSWORDS["nina"], monkeypatch=monkeypatch) == 0
    assert mon.list_devices(b.app)[0].bound_chair is None


@pytest.mark.parametrize("args", [
    ["validate", "1", "--as", "nina", "--password-stdin", "--value", "hr"],
    ["validate", "1", "--as", "nina", "--password-stdin", "--value", "pulse=70"],
    ["validate", "999", "--as", "nina", "--password-stdin"],
    ["bind", "nobody", "--chair", "1", "--as", "nina", "--password-stdin"],
    ["bind", DEV, "--chair", "1", "--as", "nina"],  # no --password-stdin
    ["reject", "1", "--as", "nina", "--password-stdin", "--reason", " "],
    ["pending", "--chair", "0"],
    ["listen", "--port", "70000"],
    ["listen", "--bind", "not-an-address"],
    ["bind", DEV, "--chair", "1", "--as", "nina", "--password-stdin"],  # wrong password
])
def test_bad_input_one_line_exit_2(bedside: Bedside, args: list[str],
                                   capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    b = bedside
    receive(b.app, S.ge_b40(control="PROBE", when=hl7_time(b.now())))
    pw = "wrong" if args[0] == "bind" and args[1] == DEV and "--password-stdin" in args \
        else PASSWORDS["nina"]
    assert cli(b.app.db.url, *args, password=pw, monkeypatch=monkeypatch) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("chairlog: ")


def _spawn(db: str, port: int = 0) -> tuple[subprocess.Popen[str], int]:
    p = subprocess.Popen([sys.executable, "-m", "chairlog", "--db", db, "monitor", "listen",
                          "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env={**os.environ})
    assert p.stdout is not None
    line = p.stdout.readline().strip()
    assert line.startswith("listening on 127.0.0.1:"), (line, p.stderr.read() if p.stderr else "")
    return p, int(line.rsplit(":", 1)[1])


def test_sigkill_after_ack_loses_nothing(bedside: Bedside,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    b = bedside
    receive(b.app, S.ge_b40(control="PROBE", when=hl7_time(b.now())))
    mon.bind_device(b.app, b.nurse, DEV, b.chair_id)
    proc, port = _spawn(b.app.db.url)
    allow_loopback_port(monkeypatch, port)
    acked: list[str] = []
    try:
        real_now = datetime.now(UTC)
        with client(port) as c:
            for i in range(40):
                raw = S.ge_b40(control=f"K{i}", hr=str(60 + i),
                               when=hl7_time(real_now - timedelta(seconds=40 - i)))
                c.sendall(wrap(raw))
                [ack] = read_acks(c, 1)
                code, cid = msa(ack)
                assert code == "AA", ack
                acked.append(cid)
            proc.send_signal(signal.SIGKILL)  # right after the last AA
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stored = {p.control_id for p in mon.list_pending(b.app)}
    assert set(acked) <= stored and len(acked) == 40


def test_sigterm_exits_0_and_port_taken_exits_2(bedside: Bedside) -> None:
    proc, port = _spawn(bedside.app.db.url)
    try:
        second = subprocess.run([sys.executable, "-m", "chairlog", "--db", bedside.app.db.url,
                                 "monitor", "listen", "--port", str(port)],
                                capture_output=True, text=True, timeout=120)
        assert second.returncode == 2
        err = second.stderr.strip().splitlines()
        assert len(err) == 1 and "already in use" in err[0]
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    free = socket.socket()
    free.bind(("127.0.0.1", port))  # the listener released its port
    free.close()
