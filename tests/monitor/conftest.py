"""Fixtures for the monitor tests: a clinic with a running session on chair 1, actors signed in
with their passwords (``accounts.login``), and a monitor message builder at the clinic's clock."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from tests import template_steps
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse
from tests.ui.conftest import ui_context as ui_context  # the window tests' context factory


@dataclass
class Bedside:
    c: Clinic
    nurse: Any
    admin: Any
    session: Any
    chair_id: int

    @property
    def app(self) -> Any:
        return self.c.app

    def now(self) -> datetime:
        return self.c.clock.now()


def hl7_time(at: datetime) -> str:
    return at.strftime("%Y%m%d%H%M%S+0000")


def _ready(clinic: Clinic) -> Any:
    s = ready_to_infuse(clinic)
    clinic.clock.advance(minutes=5)
    return s


#: the clinic after ``_ready``, copied from a template made once per process
ready_on_chair_1 = template_steps.fixture("ready_on_chair_1", _ready)


@pytest.fixture
def bedside(clinic: Clinic, ready_on_chair_1: Any) -> Bedside:
    """(The sign-ins happen in the test: their tokens are this test's own.)"""
    from chairlog.services import accounts

    nurse = accounts.login(clinic.app, "nina", PASSWORDS["nina"])
    admin = accounts.login(clinic.app, "admin", PASSWORDS["admin"])
    return Bedside(clinic, nurse, admin, ready_on_chair_1, clinic.chairs[0].id)


# the real connect, saved before the suite's no-network guard patches it for each test
_REAL_CONNECT = socket.socket.connect


def allow_loopback_port(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    """Let this test connect to 127.0.0.1:<port> (the listener under test) and nowhere else:
    every other address still goes through the suite's no-network guard."""
    guarded = socket.socket.connect

    def connect(sock: socket.socket, address: Any) -> None:
        if (sock.family == socket.AF_INET and isinstance(address, tuple)
                and tuple(address[:2]) == ("127.0.0.1", port)):
            _REAL_CONNECT(sock, address)
            return
        guarded(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


def client(port: int, timeout: float = 10.0) -> socket.socket:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(("127.0.0.1", port))
    return s


def read_acks(sock: socket.socket, n: int) -> list[bytes]:
    from chairlog.monitor.mllp import Frame, FrameDecoder

    dec = FrameDecoder()
    out: list[bytes] = []
    while len(out) < n:
        data = sock.recv(65536)
        if not data:
            break
        out += [e.data for e in dec.feed(data) if isinstance(e, Frame)]
    return out


def msa(ack: bytes) -> tuple[str, str]:
    seg = ack.decode().split("\r")[1].split("|")
    return seg[1], seg[2]


@pytest.fixture
def listening(bedside: Bedside, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, int]]:
    """The listener, in this process on its own thread, on an ephemeral loopback port."""
    from chairlog.monitor.listener import BackgroundListener
    from chairlog.services.monitor_ingest import answer

    bg = BackgroundListener(lambda raw, peer: answer(bedside.app, raw, peer), port=0)
    _, port = bg.start()
    allow_loopback_port(monkeypatch, port)
    try:
        yield bg, port
    finally:
        bg.stop()
