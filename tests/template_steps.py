"""Clinic templates one step further: the clinic template (tests/template_db.py) after a set-up
step that many tests of a module start with (a discharged session signed by the physician:
rendering the record and its PAdES signature cost about 0.5 s of a 0.7 s set-up), run once per
test process and copied for each test like the clinic template itself.

A module declares the step as a fixture::

    signed = template_steps.fixture("signed", _sign_one)   # _sign_one(clinic) -> value

A test that asks for ``signed`` (and for the ``clinic`` fixture, built from the template)
gets a copy of the clinic as it was after ``_sign_one(clinic)`` ran on a fresh copy of the
template, the value ``_sign_one`` returned, and its clock at the time the step left it;
exactly what running the step at the start of the test gives, row for row and file for file
(the step runs with the same fixed clock from ``T0`` and the same template). Where the
clinic is not made from the template (``real_crypto``, a clock not at ``T0``), or where a
test asks for two such steps, the step runs in the test as before.

Decisions:
- The step's value is shared by the tests of one process: it must be plain data (ids, bytes,
  frozen records), never a live object of the app that ran the step (that app is closed).
- The tests' own app is opened on the copy after the step, where the step used to run on an
  app opened before it; a step whose effect lives only in an app's memory does not belong
  here (those in this suite write rows and data-folder files, nothing else).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from tests import template_db

Step = Callable[[Any], Any]


@dataclass
class Stepped:
    template: template_db.Template
    step: Step
    value: Any
    now: datetime


def fixture(name: str, step: Step) -> Any:
    """A fixture ``name`` whose value is ``step(clinic)``, taken from a per-process template
    when the test's clinic was copied from one (see the module's docstring)."""

    def run_step(clinic: Any, request: pytest.FixtureRequest) -> Any:
        done = request.node.stash.get(STEPPED, None)
        if done is not None and done.step is step:
            return done.value
        return step(clinic)

    run_step.template_step = step  # type: ignore[attr-defined]
    return pytest.fixture(name=name)(run_step)


def app_fixture(name: str, step: Step) -> Any:
    """A fixture ``name`` whose value is ``step(app)`` on an empty database (the demo data),
    taken from a per-process template when the test's database was copied from one: for a
    test whose clock starts at ``T0``, without ``real_crypto`` and without ``clinic``."""

    def run_step(app: Any, clock: Any, request: pytest.FixtureRequest) -> Any:
        done = request.node.stash.get(STEPPED, None)
        if done is not None and done.step is step:
            clock.set(done.now)  # where the step left it (the app was opened before)
            return done.value
        return step(app)

    run_step.template_step = step  # type: ignore[attr-defined]
    run_step.on_empty = True  # type: ignore[attr-defined]
    return pytest.fixture(name=name)(run_step)


def requested_step(request: pytest.FixtureRequest, *, on_empty: bool = False) -> Step | None:
    """The one template step among the fixtures the test asks for, if exactly one, and if it
    starts from an empty database (``on_empty``) or from the clinic (otherwise)."""
    steps = []
    for defs in request.node._fixtureinfo.name2fixturedefs.values():
        func = defs[-1].func if defs else None
        step = getattr(func, "template_step", None)
        if step is not None:
            steps.append((step, getattr(func, "on_empty", False)))
    if len(steps) != 1 or steps[0][1] != on_empty:
        return None
    return steps[0][0]


STEPPED = pytest.StashKey[Stepped]()


class Steps:
    """The per-process templates after each step (kept in ``root``; on PostgreSQL databases
    named like the clinic template's, dropped at the end of the process)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: dict[Step, Stepped] = {}

    def after(self, base: template_db.Template | None, step: Step,
              make_app: Callable[..., Any], clock: Any,
              crypto: Callable[[pytest.MonkeyPatch], None]) -> Stepped:
        """The template after ``step`` on a copy of ``base`` (None: on an empty database)."""
        if step not in self.made:
            self.made[step] = self._build(base, step, make_app, clock, crypto)
        return self.made[step]

    def _build(self, base: template_db.Template | None, step: Step,
               make_app: Callable[..., Any], clock: Any,
               crypto: Callable[[pytest.MonkeyPatch], None]) -> Stepped:
        folder = self.root / f"step-{len(self.made)}"
        folder.mkdir()
        home = folder / "home"
        pg = os.environ.get("CHAIRLOG_TEST_PG_URL", "")
        if not pg:
            url = f"sqlite:///{folder / 'template.sqlite3'}"
        else:
            url = (make_url(pg).set(database=template_db.pg_template_name())
                   .render_as_string(hide_password=False))
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("CHAIRLOG_HOME", str(home))
            mp.setenv("CHAIRLOG_KEYRING", "file")
            mp.delenv("CHAIRLOG_DB", raising=False)
            crypto(mp)
            if base is not None:
                template_db.copy_database(base.url, url)
                template_db.copy_home(base, home, url)
            elif pg:
                template_db.create_pg_database(pg, make_url(url).database or "")
            app = make_app(url, clock=clock)
            try:
                value = step(app if base is None else template_db.clinic_for(base, app, clock))
            finally:
                app.close()
        return Stepped(template_db.Template(url, home, base.clinic if base else None), step,
                       value, clock.now())

    def drop(self) -> None:
        """Drop the PostgreSQL templates (SQLite's go with the run's temporary folder)."""
        for done in self.made.values():
            name = make_url(done.template.url).database or ""
            if not make_url(done.template.url).drivername.startswith("sqlite"):
                template_db.drop_pg_database(os.environ["CHAIRLOG_TEST_PG_URL"], name)
