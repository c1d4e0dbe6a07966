"""Hostile input for the administration services (accounts, clinic settings, protocols):
saved and read back exactly, or refused (naming the field) with nothing written."""

from __future__ import annotations

import math
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chairlog.clinical.dosing import RateUnit, convert_rate
from chairlog.clinical.protocol import ProtocolValues
from chairlog.clinical.vitals import AlertThresholds, Vitals, evaluate_vitals
from chairlog.services import accounts, protocols
from tests.reliability.helpers.hostile import (
    HOSTILE,
    anything,
    hostile_clinic,
    hostile_number,
    hostile_text,
    mostly,
    notes,
    number_in,
    plain_text,
    text_or,
)

ZONES = ["Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata", "Pacific/Chatham"]
HOSTILE_ZONES = st.sampled_from(["Europe", "America/", "../../etc/passwd", "/etc/localtime",
                                 "Europe/Berlin ", "zone.tab", "posixrules", "", "Mars/Olympus"])


def report(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print("\n" + line)


def test_add_user(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        serial = iter(range(1, 10**6))

        @HOSTILE
        @given(username=mostly(st.none(), st.one_of(hostile_text, st.from_regex(
                   r"[a-z0-9._-]{2,64}", fullmatch=True))),
               full_name=mostly(st.text(min_size=1, max_size=60).filter(str.strip), hostile_text),
               role=text_or(["nurse", "physician", "admin"]),
               password=mostly(st.text(min_size=8, max_size=60), st.one_of(hostile_text,
                                                                          anything)),
               credentials=mostly(st.sampled_from(["RN", "MD", "", " NP "]), hostile_text))
        def run(username: Any, full_name: Any, role: Any, password: Any, credentials: Any) -> None:
            username = f"user{next(serial)}" if username is None else username
            u = h.attempt(lambda: accounts.add_user(
                h.app, h.st.admin, username=username, full_name=full_name, role=role,
                password=password, credentials=credentials, must_change_password=True),
                ["username", "full_name", "role", "password", "credentials"])
            if u is None:
                return
            back = next(x for x in accounts.list_users(h.app) if x.id == u.id)
            assert back == u
            assert (u.username, u.full_name, u.role.value, u.credentials) == (
                username, full_name.strip(), role, credentials.strip())

        run()
        report(capsys, h.summary("add_user"))


clinic_changes = st.dictionaries(
    mostly(st.sampled_from(["name", "address", "timezone", "paper_size", "idle_lock_minutes",
                            "late_entry_minutes"]),
           st.sampled_from(["id", "ca_key_encrypted", "version", "bogus", "created_at"])),
    st.none(), min_size=1, max_size=3,
).flatmap(lambda d: st.fixed_dictionaries({k: {
    "name": mostly(st.text(min_size=1, max_size=100).filter(str.strip), hostile_text),
    "address": notes,
    "timezone": mostly(st.sampled_from(ZONES), st.one_of(HOSTILE_ZONES, hostile_text, anything)),
    "paper_size": text_or(["A4", "Letter"]),
    "idle_lock_minutes": mostly(st.integers(1, 120), hostile_number),
    "late_entry_minutes": mostly(st.integers(1, 120), hostile_number),
}.get(k, anything) for k in d}))


def test_update_clinic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:

        @HOSTILE
        @given(changes=clinic_changes)
        def run(changes: dict[str, Any]) -> None:
            info = h.attempt(lambda: accounts.update_clinic(h.app, h.st.admin,
                    expected_version=accounts.get_clinic(h.app).version,
                                                            **changes),
                             list(changes))
            if info is None:
                return
            assert accounts.get_clinic(h.app) == info
            for k, v in changes.items():
                assert getattr(info, k) == (v.strip() if k in ("name", "address") else v)

        run()
        report(capsys, h.summary("update_clinic"))


BASE = ProtocolValues(name="Base", indication="chronic pain").to_dict()
NUMERIC = ["start_rate_mg_per_kg_h", "target_rate_mg_per_kg_h", "max_rate_mg_per_kg_h",
           "fixed_dose_mg_per_kg", "fixed_dose_minutes", "max_bolus_mg_per_kg",
           "max_total_mg_per_kg", "planned_duration_min", "concentration_mg_per_ml",
           "vitals_interval_min", "vitals_interval_after_min", "min_monitoring_min"]
THRESHOLDS = [f.name for f in fields(AlertThresholds)]
protocol_edits = st.fixed_dictionaries({}, optional={
    "name": mostly(st.none(), hostile_text),
    "indication": mostly(plain_text, st.one_of(hostile_text, anything)),
    "dose_mode": text_or(["rate", "fixed"]),
    **{k: mostly(number_in(0, 10), st.one_of(anything, st.none())) for k in NUMERIC},
    "thresholds": mostly(st.fixed_dictionaries({}, optional={
        k: mostly(st.one_of(st.none(), st.integers(0, 300)), anything) for k in THRESHOLDS}),
        anything),
    "checklist": mostly(st.lists(st.fixed_dictionaries(
        {"key": mostly(st.from_regex(r"[a-z_]{1,20}", fullmatch=True), hostile_text),
         "label": mostly(st.text(min_size=1, max_size=80), hostile_text)},
        optional={"required": mostly(st.booleans(), anything)}), max_size=4),
        st.lists(anything, max_size=3)),
    "unknown_setting": anything,
})


def usable(values: ProtocolValues) -> None:
    """A saved protocol must work at the chair: rates convert, vitals evaluate."""
    if values.start_rate_mg_per_kg_h > 0:
        convert_rate(values.start_rate_mg_per_kg_h, RateUnit.MG_PER_KG_H, 70.0,
                     values.concentration_mg_per_ml)
    evaluate_vitals(Vitals(80, 130, 80, 97, 14), values.thresholds,
                    Vitals(75, 120, 75, 98, 14), pre_dose=True)
    assert all(isinstance(c.key, str) and isinstance(c.label, str) for c in values.checklist)
    for name in NUMERIC:
        v = getattr(values, name)
        assert v is None or (isinstance(v, int | float) and math.isfinite(v) and v >= 0), name


def test_save_protocol(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        serial = iter(range(1, 10**6))

        @HOSTILE
        @given(edits=protocol_edits, reason=notes)
        def run(edits: dict[str, Any], reason: Any) -> None:
            values = {**BASE, **edits}
            if values["name"] is None:
                values["name"] = f"Protocol {next(serial)}"
            p = h.attempt(lambda: protocols.save_protocol(h.app, h.st.admin, values,
                                                          reason=reason),
                          ["values", "reason", *values, *THRESHOLDS, "key", "label", "required"])
            if p is None:
                return
            assert protocols.get_protocol(h.app, p.id) == p
            assert p.values == ProtocolValues.from_dict(p.values.to_dict())
            assert p.name == p.values.name and p.values.name.strip()
            usable(p.values)

        run()
        report(capsys, h.summary("save_protocol"))
