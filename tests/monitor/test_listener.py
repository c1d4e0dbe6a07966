"""The listener on a real loopback socket: merged and split frames, junk, oversize, limits,
errors that close one connection only."""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest

from chairlog.monitor.listener import BackgroundListener, Listener
from chairlog.monitor.mllp import wrap
from chairlog.services import monitor as mon
from chairlog.services.monitor_ingest import receive
from tests.monitor import samples as S
from tests.monitor.conftest import Bedside, allow_loopback_port, client, hl7_time, msa, read_acks

DEV = "080019FFFE0B4020"


def bound(b: Bedside) -> None:
    receive(b.app, S.ge_b40(control="PROBE", when=hl7_time(b.now())))
    mon.bind_device(b.app, b.nurse, DEV, b.chair_id)


def test_merged_frames_junk_and_split_frames(bedside: Bedside,
                                             listening: tuple[Any, int]) -> None:
    b = bedside
    bound(b)
    _, port = listening
    msgs = [S.ge_b40(control=f"K{i}", hr=str(70 + i), when=hl7_time(b.now())) for i in range(5)]
    with client(port) as c:
        c.sendall(b"garbage before the start block\r\n" + b"".join(wrap(m) for m in msgs[:3]))
        acks = read_acks(c, 3)
        assert [msa(a) for a in acks] == [("AA", "K0"), ("AA", "K1"), ("AA", "K2")]
        framed = wrap(msgs[3]) + wrap(msgs[4])
        for i in range(0, len(framed), 7):  # one frame across many reads
            c.sendall(framed[i:i + 7])
            time.sleep(0.001)
        assert [msa(a) for a in read_acks(c, 2)] == [("AA", "K3"), ("AA", "K4")]
    assert sorted(p.values["hr"] for p in mon.list_pending(b.app)) == [70, 71, 72, 73, 74]


def test_half_frame_dropped_on_resync(bedside: Bedside, listening: tuple[Any, int]) -> None:
    b = bedside
    bound(b)
    _, port = listening
    whole = S.ge_b40(control="WHOLE", when=hl7_time(b.now()))
    with client(port) as c:
        c.sendall(b"\x0b" + whole[:200] + wrap(whole))
        assert [msa(a) for a in read_acks(c, 1)] == [("AA", "WHOLE")]
    assert len(mon.list_pending(b.app)) == 1


def test_oversize_refused_ar_and_closed(bedside: Bedside, listening: tuple[Any, int]) -> None:
    _, port = listening
    big = b"MSH|^~\\&|BIG||||||ORU^R01|HUGE|P|2.6\rNTE|" + b"x" * (1024 * 1024 + 10)
    with client(port) as c:
        c.sendall(b"\x0b" + big[: 1024 * 1024 + 5])
        acks = read_acks(c, 2)  # the AR, then the connection closes
        assert [msa(a) for a in acks] == [("AR", "HUGE")]
        with pytest.raises(OSError):
            for _ in range(50):
                c.sendall(b"x" * 65536)
                time.sleep(0.01)
    # the listener still serves
    with client(port) as c:
        c.sendall(wrap(b"MSH|^~\\&|A||||||ADT^A01|N1|P|2.6\r"))
        assert [msa(a) for a in read_acks(c, 1)] == [("AR", "N1")]


def test_connection_limit_and_idle_close(bedside: Bedside, monkeypatch: pytest.MonkeyPatch) -> None:
    from chairlog.services.monitor_ingest import answer

    bg = BackgroundListener(lambda raw, peer: answer(bedside.app, raw, peer), port=0)
    bg.listener.max_connections = 3
    bg.listener.idle_s = 0.5
    _, port = bg.start()
    allow_loopback_port(monkeypatch, port)
    try:
        open_ = [client(port) for _ in range(3)]
        time.sleep(0.2)
        extra = client(port)
        assert extra.recv(10) == b""  # the fourth is closed at once
        extra.close()
        time.sleep(0.8)
        for c in open_:  # idle beyond the limit: closed by the listener
            assert c.recv(10) == b""
            c.close()
        assert bg.listener.connections == 0
        with client(port) as c:  # and new connections are served again
            c.sendall(wrap(S.mindray_keepalive()))
            assert [msa(a) for a in read_acks(c, 1)] == [("AA", "106")]
    finally:
        bg.stop()


def test_handler_error_answers_ar_and_listener_survives(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []

    def handle(raw: bytes, peer: str) -> bytes:
        calls.append(raw)
        if b"BOOM" in raw:
            raise RuntimeError("driver failure")
        return b"MSH|^~\\&|CHAIRLOG\rMSA|AA|ok\r"

    bg = BackgroundListener(handle, port=0)
    _, port = bg.start()
    allow_loopback_port(monkeypatch, port)
    try:
        with client(port) as c:
            c.sendall(wrap(b"MSH|^~\\&|A||||||ORU^R01|BOOM|P|2.6\r") + wrap(b"MSH|fine"))
            acks = read_acks(c, 2)
        assert msa(acks[0]) == ("AR", "BOOM") and msa(acks[1]) == ("AA", "ok")
        assert len(calls) == 2
    finally:
        bg.stop()


def test_port_taken_raises_oserror(monkeypatch: pytest.MonkeyPatch) -> None:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    port = holder.getsockname()[1]
    try:
        with pytest.raises(OSError):
            BackgroundListener(lambda r, p: b"", port=port).start()
    finally:
        holder.close()
    assert Listener(lambda r, p: b"").host == "127.0.0.1"  # loopback by default
