"""A PostgreSQL server of the test's own, to stop and start (tools/pg.sh's approach, in Python):
the outage tests cannot stop the server the rest of the suite uses. It listens on a Unix socket
in its own folder only (no TCP port to collide with, and the suite's no-network guard allows
Unix sockets). Needs Debian's postgresql server programs, as tools/pg.sh does."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def _bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                   key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0)
    return Path(found[-1]) if found else None


def available() -> bool:
    return _bin() is not None


class PgServer:
    """``start()`` / ``stop()`` as often as a test likes; ``url`` names its database."""

    PORT = 54399  # the socket file's name only: nothing listens on TCP

    def __init__(self) -> None:
        b = _bin()
        if b is None:
            raise RuntimeError("PostgreSQL server programs not found (apt-get install postgresql)")
        self.bin = b
        self.root = Path(tempfile.mkdtemp(prefix="chairlog-outbox-pg."))
        os.chmod(self.root, 0o777)
        self.data = self.root / "data"
        self._run(f"'{b}/initdb' -D '{self.data}' -A trust -U postgres "
                  f">'{self.root}/initdb.log' 2>&1")
        self.url = (f"postgresql+psycopg://postgres@/postgres?host={self.root}"
                    f"&port={self.PORT}")

    def _run(self, cmd: str) -> None:
        if os.getuid() == 0:
            subprocess.run(["chown", "postgres", str(self.root)], check=True)
            subprocess.run(["su", "postgres", "-s", "/bin/bash", "-c", cmd], check=True)
        else:
            subprocess.run(["bash", "-c", cmd], check=True)

    def start(self) -> None:
        self._run(f"'{self.bin}/pg_ctl' -D '{self.data}' -w -l '{self.root}/server.log' "
                  f"-o \"-p {self.PORT} -k {self.root} -c listen_addresses='' -c fsync=off\" "
                  "start >/dev/null")

    def stop(self) -> None:
        self._run(f"'{self.bin}/pg_ctl' -D '{self.data}' -m fast -w stop >/dev/null")

    def close(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
