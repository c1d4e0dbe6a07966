"""Chart as fast as possible until killed: ``python charter.py DBURL ACKFILE``.

Run by ``test_kill.py`` as a separate process. Opens the app with the real clock, takes the
running session on the board (the test prepared one with its infusion running), then loops:
vitals, a note, a pain score, and now and then a rate change. After each service call has
returned (the transaction is committed), it appends ``<entry id> <kind> <value>`` to ACKFILE,
flushes and fsyncs it. Anything acknowledged there must survive a SIGKILL at any moment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))


def main(url: str, ack_path: str) -> None:
    from chairlog.services import accounts, charting, doses, open_app, views
    from tests.reliability.helpers.dbs import PASSWORD

    app = open_app(url)
    nurse = accounts.login(app, "nina", PASSWORD)  # an actor comes only from a sign-in
    session = views.board(app)[0]
    with open(ack_path, "a", encoding="utf-8") as ack:

        def acknowledge(line: str) -> None:
            ack.write(line + "\n")
            ack.flush()
            os.fsync(ack.fileno())

        i = os.getpid() * 1000
        while True:
            i += 1
            step = i % 10
            if step in (0, 3, 6):
                hr = 60 + i % 60
                r = charting.record_vitals(app, nurse, session.id,
                                           {"hr": hr, "sbp": 121, "dbp": 79, "spo2": 97, "rr": 15})
                acknowledge(f"{r.entry.id} vitals {hr}")
            elif step in (1, 4, 7):
                text = f"note {i}"
                r = charting.add_note(app, nurse, session.id, text)
                acknowledge(f"{r.entry.id} note {text}")
            elif step in (2, 5, 8):
                score = i % 11
                r = charting.record_assessment(app, nurse, session.id, "pain_nrs", score)
                acknowledge(f"{r.entry.id} assessment {score}")
            else:
                rate = 0.5 + (i % 5) / 10
                r = doses.change_rate(app, nurse, session.id, rate)
                acknowledge(f"{r.entry.id} dose {rate}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
