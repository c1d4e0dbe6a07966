"""Where chairlog keeps its files (platformdirs), overridable for tests and clinics."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """``CHAIRLOG_HOME`` or the platform's user data directory."""
    home = os.environ.get("CHAIRLOG_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir("chairlog", appauthor=False))


def default_db_url() -> str:
    return "sqlite:///" + str(data_dir() / "chairlog.sqlite3")


def resolve_db_url(arg: str | None) -> str:
    """``--db`` argument, else ``CHAIRLOG_DB``, else the default file. Plain paths become SQLite."""
    raw = arg or os.environ.get("CHAIRLOG_DB") or default_db_url()
    if "://" not in raw:
        raw = "sqlite:///" + str(Path(raw).expanduser().resolve())
    if raw.startswith("postgresql://"):
        raw = "postgresql+psycopg://" + raw[len("postgresql://") :]
    return raw


def resources_dir() -> Path:
    """The shipped resources (protocol templates, style sheet, fonts)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "resources", here / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("chairlog resources directory not found")
