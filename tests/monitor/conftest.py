"""Fixtures for the monitor tests: a clinic with a running session on chair 1, actors signed in
with their passwords (``accounts.login``), and a monitor message builder at the clinic's clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from tests.conftest import PASSWORDS, Clinic, ready_to_infuse


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


@pytest.fixture
def bedside(clinic: Clinic) -> Bedside:
    from chairlog.services import accounts

    s = ready_to_infuse(clinic)
    clinic.clock.advance(minutes=5)
    nurse = accounts.login(clinic.app, "nina", PASSWORDS["nina"])
    admin = accounts.login(clinic.app, "admin", PASSWORDS["admin"])
    return Bedside(clinic, nurse, admin, s, clinic.chairs[0].id)
