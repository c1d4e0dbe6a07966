"""Two workstations as two processes (``test_pg_conflicts.py``).

Each worker opens its own app on the same PostgreSQL database, then plays rounds in lock-step
with the other: both load what they are about to change (the version their screen shows), wait
at a barrier, and act at the same moment. Each outcome goes to the result queue as
``(round, role, error class name or "ok", message)``.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any


def workstation(role: int, url: str, rounds: list[tuple[str, dict[str, Any]]], barrier: Any,
                results: Any) -> None:
    from chairlog.errors import ChairlogError
    from chairlog.services import accounts, corrections, doses, open_app, sessions, views
    from tests.reliability.helpers.dbs import PASSWORD

    app = open_app(url)
    try:
        me = accounts.login(app, ("nina", "omar")[role], PASSWORD)  # only a sign-in makes an actor
        for n, (kind, args) in enumerate(rounds):
            try:
                act: Callable[[], object]
                if kind == "correct":
                    view = views.get_session(app, args["session_id"])
                    entry = next(e for e in view.entries if e.id == args["entry_id"])
                    act = partial(corrections.correct_entry, app, me, entry.id,
                                  f"typo on workstation {role}",
                                  expected_version=entry.version, hr=90 + role)
                elif kind == "state":
                    view = views.get_session(app, args["session_id"])
                    change = doses.pause_infusion if role == 0 else doses.stop_infusion
                    act = partial(change, app, me, view.id,
                                  "nausea" if role == 0 else "patient asked",
                                  expected_version=view.version)
                else:
                    act = partial(sessions.start_session, app, me, **args)
                barrier.wait(timeout=60)
                act()
                results.put((n, role, "ok", ""))
            except ChairlogError as exc:
                results.put((n, role, type(exc).__name__, str(exc)))
            except Exception as exc:  # reported, so the test fails with the reason
                results.put((n, role, "UNEXPECTED " + type(exc).__name__, repr(exc)))
            barrier.wait(timeout=60)
    finally:
        app.close()
