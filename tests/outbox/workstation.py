"""A workstation in its own process, for the outage tests (``python -m tests.outbox.workstation
COMMAND URL SESSION``, CHAIRLOG_HOME = its data folder, hence its outbox).

``chart``  signs the nurse in, prints ``ready``, waits for ``go`` on stdin (the test stops the
           server meanwhile), charts the entries of :data:`PLAN` through the outbox, prints one
           ``queued`` line each and ``done``, then waits to be killed (kill -9).
``replay`` signs the nurse in and replays; prints the report as JSON. With ``--kill-after-
           commit`` it kills itself (SIGKILL) right after the server committed the first entry,
           before the outbox marks it done.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from typing import Any

from chairlog.outbox import Outbox
from chairlog.outbox.store import OutboxStore
from chairlog.services import accounts, open_app, views

NURSE, PASSWORD = "nina", "reliable-pass-1"
#: what the nurse charts while the server is down, in this order
PLAN: list[tuple[str, dict[str, Any]]] = [
    ("record_vitals", {"values": {"hr": 81, "sbp": 121, "dbp": 79, "spo2": 98, "rr": 14}}),
    ("record_side_effect", {"effect_type": "nausea", "severity": "mild",
                            "action_taken": "none"}),
    ("change_rate", {"rate": 0.6}),
    ("add_note", {"text": "feels warm, calm"}),
    ("record_vitals", {"values": {"hr": 84, "sbp": 124, "dbp": 80, "spo2": 97, "rr": 15}}),
]


def chart(url: str, session_id: int) -> None:
    app = open_app(url)
    nurse = accounts.login(app, NURSE, PASSWORD)
    version = views.get_session(app, session_id).version
    box = Outbox(app)
    print("ready", flush=True)
    sys.stdin.readline()
    for name, kwargs in PLAN:
        out = box.submit(name, {"session_id": session_id, "expected_version": version,
                                **kwargs}, nurse)
        print(out.status, out.entry_key, out.waiting, flush=True)
        time.sleep(0.05)
    print("done", flush=True)
    while True:
        time.sleep(60)


def do_replay(url: str, kill_after_commit: bool) -> None:
    app = open_app(url)
    nurse = accounts.login(app, NURSE, PASSWORD)
    if kill_after_commit:
        def killed(*_a: Any, **_k: Any) -> None:
            os.kill(os.getpid(), signal.SIGKILL)

        OutboxStore.mark_done = killed  # type: ignore[method-assign]
    report = Outbox(app).replay([nurse])
    print(json.dumps({"done": report.done, "already": report.already,
                      "conflicts": report.conflicts, "waiting": report.waiting,
                      "unreachable": report.unreachable}), flush=True)


if __name__ == "__main__":
    command, db, session = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if command == "chart":
        chart(db, session)
    else:
        do_replay(db, "--kill-after-commit" in sys.argv)
