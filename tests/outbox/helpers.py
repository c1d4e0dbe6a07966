"""Shared by the outbox tests: a server that is "down" for one app (every database call fails
as a refused connection does), and counting what reached the server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from chairlog.db.models import ChartEntry

REFUSED = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'


def refused() -> OperationalError:
    return OperationalError("SELECT 1", {}, psycopg.OperationalError(REFUSED))


@contextmanager
def server_down(app: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every read and write of ``app`` fails as when the server refuses connections."""
    def fail(*_a: Any, **_k: Any) -> Any:
        raise refused()

    with monkeypatch.context() as m:
        m.setattr(app.db, "write", fail)
        m.setattr(app.db, "read", fail)
        yield


def entries(app: Any, session_id: int, kind: str | None = None) -> list[ChartEntry]:
    with app.db.read() as s:
        q = select(ChartEntry).where(ChartEntry.session_id == session_id)
        if kind:
            q = q.where(ChartEntry.kind == kind)
        return list(s.scalars(q.order_by(ChartEntry.id)))


def count_entries(app: Any) -> int:
    with app.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(ChartEntry)) or 0)
