"""Gaps a hostile tester found in the listener, the ingest and the commands (issue 16), each
kept closed: bounded work per message, memory under junk, resends across binding, time-less
repeats, one-line usage errors."""

from __future__ import annotations

import io
import sys
import time
import tracemalloc
from datetime import timedelta
from typing import Any

import pytest

from chairlog.cli import main
from chairlog.monitor.hl7 import MAX_SEGMENTS, Refused, parse, unescape
from chairlog.monitor.mllp import wrap
from chairlog.services import monitor as mon
from chairlog.services.monitor_ingest import RESEND_WINDOW, receive
from tests.conftest import PASSWORDS
from tests.monitor import samples as S
from tests.monitor.conftest import Bedside, client, hl7_time, msa, read_acks

DEV = "080019FFFE0B4020"
MINDRAY = "bed:ICU&1&3232237756&4601&&1"


def timeless_mindray(hr: str = "72") -> bytes:
    """Mindray PDS periodic data before any cuff reading: no OBR-7, no OBX-14, no MSH-7."""
    return S.msg("MSH|^~\\&|||||||ORU^R01|204|P|2.3.1|", "PID|||M001",
                 "PV1||I|^^ICU&1&3232237756&4601&&1", "OBR||||Mindray Monitor|||0|",
                 f"OBX||NM|101^HR|2101|{hr}||||||F", "OBX||NM|160^SpO2|2103|97||||||F")


def test_a_message_refused_while_unbound_and_resent_after_binding_is_not_kept(
        bedside: Bedside) -> None:
    b = bedside
    early = S.ge_b40(control="EARLY", when=hl7_time(b.now()))
    assert receive(b.app, early).code == "AE"  # unbound: refused, nothing kept
    b.c.clock.advance(minutes=3)
    mon.bind_device(b.app, b.nurse, DEV, b.chair_id)
    [dev] = mon.list_devices(b.app)
    assert dev.bound_at == b.now() and dev.to_json()["bound_at"] == b.now().isoformat()
    out = receive(b.app, early)  # the monitor resends it once bound: still not kept
    assert out.code == "AE" and "before the device was bound" in out.text
    assert mon.list_pending(b.app) == []
    skew = S.ge_b40(control="SKEW", when=hl7_time(b.now() - timedelta(seconds=45)))
    assert receive(b.app, skew).code == "AA"  # within the 60 s clock tolerance
    mon.unbind_device(b.app, b.nurse, DEV)
    assert mon.list_devices(b.app)[0].bound_at is None


def test_identical_timeless_messages_are_a_resend_only_shortly(bedside: Bedside) -> None:
    b = bedside
    receive(b.app, timeless_mindray())
    mon.bind_device(b.app, b.nurse, MINDRAY, b.chair_id)
    first = receive(b.app, timeless_mindray())
    assert first.code == "AA" and first.pending_id is not None
    b.c.clock.advance(seconds=20)
    again = receive(b.app, timeless_mindray())  # a resend (ACK lost): stored once
    assert again.code == "AA" and again.pending_id is None and "already stored" in again.text
    b.c.clock.advance(seconds=2 * RESEND_WINDOW.total_seconds())
    later = receive(b.app, timeless_mindray())  # the same numbers minutes later: new
    assert later.code == "AA" and later.pending_id not in (None, first.pending_id)
    rows = {p.id: p.observed_at for p in mon.list_pending(b.app)}
    assert rows[later.pending_id] == b.now()  # charted at its own time, not the first one's
    timed = S.ge_b40(control="T", when=hl7_time(b.now()))
    assert receive(b.app, timed).code == "AE"  # a new device, unbound: it appears
    mon.bind_device(b.app, b.nurse, DEV, b.chair_id)
    assert receive(b.app, timed).code == "AA"
    b.c.clock.advance(minutes=10)
    resent = receive(b.app, timed)  # with a time in it, identical bytes are always a resend
    assert resent.code == "AA" and resent.pending_id is None


def test_work_per_message_is_bounded(bedside: Bedside) -> None:
    head = "MSH|^~\\&|VSP|GE|||||ORU^R01|HUGE|P|2.6\r"
    with pytest.raises(Refused) as too_many:
        parse((head + "OBX\r" * 300_000).encode())
    assert too_many.value.code == "AR" and too_many.value.control_id == "HUGE"
    assert f"more than {MAX_SEGMENTS} segments" in too_many.value.text
    out = receive(bedside.app, (head + "OBX|1|NM|1||1\r" * (MAX_SEGMENTS + 1)).encode())
    assert (out.code, out.control_id) == ("AR", "HUGE")
    wide = parse((head + "OBX|1|NM|147842^HR^MDC||70" + "|x" * 500_000 + "\r").encode())
    assert len(wide.segments[1].fields) == 101 and wide.get(wide.segments[1], 5) == "70"
    t0 = time.perf_counter()
    text = unescape("\\F\\" * 300_000)
    assert text == "|" * 300_000 and time.perf_counter() - t0 < 5


@pytest.mark.parametrize(("raw", "want"), [
    ("a\\F\\b", "a|b"), ("\\S\\\\T\\\\R\\\\E\\", "^&~\\"), ("x\\", "x\\"),
    ("\\\\", ""), ("a\\Zz\\b", "ab"), ("a\\F\\b\\S", "a|b\\S"), ("plain", "plain"),
])
def test_unescape(raw: str, want: str) -> None:
    assert unescape(raw) == want


def test_listener_memory_stays_bounded_under_junk(bedside: Bedside, listening: Any) -> None:
    """64 KiB reads of junk, half frames and an oversize frame on several connections: the
    listener's allocations stay near one frame's limit, and it still answers."""
    _bg, port = listening
    b = bedside
    receive(b.app, S.ge_b40(control="PROBE", when=hl7_time(b.now())))
    mon.bind_device(b.app, b.nurse, DEV, b.chair_id)
    junk = bytes(range(256)).replace(b"\x0b", b"").replace(b"\x1c", b"") * 256  # 63.5 KiB
    tracemalloc.start()
    try:
        for kind in ("junk", "half", "oversize"):
            with client(port) as c:
                if kind == "junk":
                    for _ in range(64):  # 4 MiB of bytes before any start block
                        c.sendall(junk)
                elif kind == "half":
                    for _ in range(12):  # 12 × 256 KiB half frames, each dropped by the next
                        c.sendall(b"\x0b" + junk * 4)
                else:  # just over 1 MiB in one frame: AR, then closed
                    c.sendall(b"\x0bMSH|^~\\&|X|Y|||||ORU^R01|BIG|P|2.6\r" + junk * 17)
                    assert [msa(a) for a in read_acks(c, 1)] == [("AR", "BIG")]
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 6 * 1024 * 1024, peak
    with client(port) as c:
        c.sendall(wrap(S.ge_b40(control="STILL", when=hl7_time(b.now()))))
        assert [msa(a) for a in read_acks(c, 1)] == [("AA", "STILL")]


@pytest.mark.parametrize("args", [
    [], ["nonsense"], ["devices", "extra"], ["devices", "--bogus"],
    ["listen", "--port", "abc"], ["bind", DEV, "--chair", "1.5", "--as", "nina"],
    ["key-rule", DEV, "bogus", "--as", "admin"], ["pending", "--state", "x"],
    ["validate", "abc", "--as", "nina"], ["reject", "1", "--as", "nina"],
    ["clear", "--chair", "x", "--as", "nina"], ["settings", "--in-window", "maybe"],
])
def test_usage_errors_are_one_line_exit_2(bedside: Bedside, args: list[str],
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORDS["nina"] + "\n"))
    with pytest.raises(SystemExit) as done:
        main(["--db", bedside.app.db.url, "monitor", *args])
    assert done.value.code == 2
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("chairlog: ") and "--help" in err[0], err
    assert captured.out == ""
