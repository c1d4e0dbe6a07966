"""Hostile input for the service layer: strategies and the harness that judges each call.

The rule every service must keep, whatever it is given: either it succeeds and what it stored
reads back exactly (through the read models), or it raises a ``ChairlogError`` (a
``ValidationError`` names one of the fields it was given) and writes nothing at all.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from chairlog.clinical.clock import FixedClock
from chairlog.errors import ChairlogError, ValidationError
from chairlog.services import open_app
from tests.reliability.helpers.dbs import PG_URL, Setup, audit_ok, counts, fresh_url, set_up_clinic

T = TypeVar("T")
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
# Decisions (CI time, 2 cores): 200 inputs per rule on SQLite, where the rules are explored; 50 on
# PostgreSQL, where what differs is the dialect's storage of the same values (text encodings, NUL,
# float limits), which the special values at the head of every strategy reach first.
EXAMPLES = int(os.environ.get("CHAIRLOG_HOSTILE_EXAMPLES", "50" if PG_URL else "200"))
# CI replays the same inputs every run (derandomize); elsewhere each run explores new ones
HOSTILE = settings(max_examples=EXAMPLES, deadline=None, database=None,
                   derandomize=os.environ.get("CI") == "true",
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SPECIAL_TEXT = [
    "", " ", "\t\n ", "x" * 10_000, "é" * 4001, "a" * 121, "a" * 1001,
    "\u202eevil RTL override\u202c", "مرحبا بالعالم", "שלום", "👩\u200d⚕️💉🩸🧪", "🏳️\u200d🌈",
    "'; DROP TABLE chart_entries; --", "Robert'); DROP TABLE patients;--", "\" OR \"1\"=\"1",
    "%s%s%n", "{0}{1}{__class__}", "${jndi:ldap://x}", "<script>alert(1)</script>",
    "\x00", "nul\x00inside", "\x1b[2J", "bell\x07", "\x7f", "\ud800", "\udfff lone",
    "a\u0301\u0301\u0301", "\ufeffBOM", "\u200b", "null", "None", "NaN", "-1", "1e309",
    "C:\\Windows\\..", "../../etc/passwd", "\r\n\r\n", "  padded  ", "line1\nline2\ttab",
]
SPECIAL_NUMBERS: list[Any] = [
    0, -0.0, -1, 1, 0.5, math.nan, math.inf, -math.inf, 1e308, -1e308, 5e-324, 2**31, 2**63,
    2**64, 10**20, -(2**63) - 1, 10**400, True, False, 1.0000000001, 99.99999999999,
]
NUMBER_TEXT = ["12", " 80 ", "1,5", "1e3", "0x10", "1_000", "٣", "１２", "", "-", "nan", "inf",
               "-inf", "80 bpm", "+7", "7.", ".5", "1e-320"]

hostile_text = st.one_of(st.sampled_from(SPECIAL_TEXT), st.text(max_size=200),
                         st.text(min_size=990, max_size=1100, alphabet="ab \n"))
hostile_number = st.one_of(st.sampled_from(SPECIAL_NUMBERS), st.integers(), st.floats(),
                           st.sampled_from(NUMBER_TEXT), st.decimals(allow_nan=True))
anything = st.one_of(hostile_number, hostile_text, st.none(), st.lists(st.integers(), max_size=3),
                     st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
record_ids = st.one_of(st.integers(min_value=-(2**70), max_value=2**70),
                       st.sampled_from([0, -1, 2**31, 2**63, 2**64, 10**30]))


def mostly(valid: st.SearchStrategy[Any],
           hostile: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Valid about three times in four (so success paths are exercised too), else hostile."""
    return st.integers(0, 9).flatmap(lambda i: hostile if i in (4, 7, 9) else valid)


def text_or(valid: Iterable[str]) -> st.SearchStrategy[Any]:
    """A valid choice two times in three, else any text or anything at all."""
    return mostly(st.sampled_from(list(valid)), st.one_of(hostile_text, anything))


def plausible_number(low: float, high: float, *, integer: bool = False) -> st.SearchStrategy[Any]:
    """A number in range, as a form may hand it over (int, float, or text like ' 80 ')."""
    base = (st.integers(int(low), int(high)) if integer
            else st.floats(low, high, allow_nan=False))
    return st.one_of(base, base, base.map(lambda v: f" {v} "),
                     base.map(lambda v: str(v).replace(".", ",")))


def number_in(low: float, high: float, *, integer: bool = False) -> st.SearchStrategy[Any]:
    """In range three times in four, else hostile."""
    return mostly(plausible_number(low, high, integer=integer), hostile_number)




plain_text = st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=300)
notes = mostly(plain_text, hostile_text)
reasons = mostly(st.one_of(st.sampled_from(["typo", "wrong chair", "charted on the wrong patient"]),
                           plain_text.filter(str.strip)), hostile_text)


def as_number(raw: Any) -> float:
    """How a form's number is read (the same reading the services document)."""
    if isinstance(raw, str):
        return float(raw.strip().replace(",", "."))
    return float(raw)


@dataclass
class Harness:
    st: Setup
    tally: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def app(self) -> Any:
        return self.st.app

    def attempt(self, call: Callable[[], T], fields: Iterable[str]) -> T | None:
        """Run one service call: a success is returned; a refusal must name one of ``fields``
        (a ValidationError) and leave every table exactly as it was."""
        names = set(fields)
        before = counts(self.app)
        self.tally["tried"] += 1
        try:
            result = call()
        except ValidationError as exc:
            named = exc.field in names or (exc.field.startswith("item_") and "items" in names)
            assert named, f"refusal names {exc.field!r}, not one of {sorted(names)}: {exc}"
            assert str(exc).strip()
            assert counts(self.app) == before, "a refused call wrote something"
            self.tally["refused"] += 1
            self.reasons[exc.field] += 1
            return None
        except ChairlogError as exc:
            assert str(exc).strip()
            assert counts(self.app) == before, "a refused call wrote something"
            self.tally["refused"] += 1
            self.reasons[type(exc).__name__] += 1
            return None
        self.tally["accepted"] += 1
        return result

    def summary(self, name: str) -> str:
        t = self.tally
        return (f"[hostile] {name}: {t['tried']} inputs tried, {t['accepted']} accepted and read "
                f"back exactly, {t['refused']} refused with nothing written (most often: "
                + ", ".join(f"{k} {n}" for k, n in self.reasons.most_common(4)) + ")")


@contextmanager
def hostile_clinic(tmp_path: Path, *, chairs: int = 3, patients: int = 3) -> Iterator[Harness]:
    """One database for one test function (hypothesis runs all its examples against it).
    SQLite runs with synchronous=OFF here: these tests are about validation, not durability."""
    with fresh_url(tmp_path) as url:
        pragmas = None if PG_URL else {"synchronous": 0}
        app = open_app(url, clock=FixedClock(T0), sqlite_pragmas=pragmas)
        try:
            h = Harness(set_up_clinic(app, chairs=chairs, patients=patients))
            yield h
            ok, problem = audit_ok(app)
            assert ok, problem
        finally:
            app.close()


class Sessions:
    """Sessions in the state a test needs, made (and old ones ended) on demand."""

    def __init__(self, h: Harness) -> None:
        self.h = h
        self.made = 0
        self.current: dict[str, int] = {}

    def _end(self, v: Any) -> None:
        from chairlog.services import charting, doses, sessions

        app, nurse = self.h.app, self.h.st.nurse
        state = v.state.value
        if state in ("checked_in", "pre_infusion"):
            sessions.stop_early(app, nurse, v.id, "test over")
            return
        if state in ("infusing", "paused"):
            doses.stop_infusion(app, nurse, v.id)
        charting.discharge(app, self.h.st.physician, v.id, escort_name="Sam",
                           instructions_given=True, authorisation_reason="Test over",
                           criteria=dict.fromkeys(charting.DISCHARGE_CRITERIA, True))

    def _free_chair(self) -> Any:
        from chairlog.services import views

        board = views.board(self.h.app)
        busy = {v.chair.id for v in board}
        free = [c for c in self.h.st.chairs if c.id not in busy]
        if free:
            return free[0]
        self._end(board[0])
        return next(c for c in self.h.st.chairs if c.id == board[0].chair.id)

    def get(self, state: str, max_entries: int = 60) -> Any:
        """A session in ``state`` (pre_infusion, infusing or monitoring); a new one once the
        current one holds ``max_entries`` (reading a session back costs its entry count)."""
        from chairlog.services import doses, patients, views
        from tests.reliability.helpers.dbs import ready_session

        app, st_ = self.h.app, self.h.st
        sid = self.current.get(state)
        if sid is not None:
            v = views.get_session(app, sid)
            if v.state.value == state and len(v.entries) < max_entries:
                return v
            if v.state.value == state:
                self._end(v)
        chair = self._free_chair()
        self.made += 1
        p = patients.create_patient(app, st_.nurse, mrn=f"H{self.made:05d}",
                                    family_name="Pool", given_name=f"P{self.made}")
        s = ready_session(st_, p, chair)
        if state in ("infusing", "monitoring"):
            doses.start_infusion(app, st_.nurse, s.id, 0.5)
        if state == "monitoring":
            doses.stop_infusion(app, st_.nurse, s.id)
        self.current[state] = s.id
        return views.get_session(app, s.id)
