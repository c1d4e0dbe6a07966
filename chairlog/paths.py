"""Where chairlog keeps its files (platformdirs), overridable for tests and clinics, and where
its shipped resources are.

Resources (style sheet, fonts and their licence, protocol templates, the chime, the icon) live
in the repository's top-level ``resources/`` folder, which the wheel and the sdist ship as the
package ``chairlog.resources`` (setuptools ``package-dir``, see ``setup.py``). They are found
with ``importlib.resources``, so an installed wheel, an editable install and a PyInstaller
bundle all read the same files. A source checkout that is not installed (the test suite runs
with ``pythonpath = ["."]``) reads the checkout's ``resources/`` folder directly.

Decision: a missing or empty resource is a loud error at start (``check_resources``, called by
the command line and the window before anything is written), never a silent fallback. A
half-installed chairlog must not create half a clinic.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from importlib import resources as importlib_resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import platformdirs

from chairlog.errors import ChairlogError

APP_NAME = "chairlog"

#: Every file chairlog reads from its resources, relative to the resources folder. A file
#: listed here that is missing or empty stops chairlog at start.
REQUIRED_RESOURCES: tuple[str, ...] = (
    "style.qss",
    "fonts/DejaVuSans.ttf",
    "fonts/DejaVuSans-Bold.ttf",
    "fonts/LICENSE-DejaVu.txt",
    "sounds/vitals_due.wav",
    "icons/chairlog.svg",
    "icons/chairlog.png",
    "chairlog.desktop",
    "translations/chairlog_es.qm",
    # the same catalog's source, read without Qt for the PDFs (chairlog.present.catalog)
    "translations/chairlog_es.ts",
    "monitor/codes.json",
)
#: Folders that must hold at least one file with this suffix.
REQUIRED_GLOBS: tuple[tuple[str, str], ...] = (("protocols", "*.json"),)


class MissingResource(ChairlogError):
    """chairlog's installation is incomplete: a shipped file is missing or empty."""

    def __init__(self, what: str, where: Path | str) -> None:
        super().__init__(
            f"this chairlog installation is incomplete: {what} missing in {where} — "
            "reinstall chairlog (nothing was changed)"
        )


def data_dir() -> Path:
    """``CHAIRLOG_HOME`` or the platform's user data directory."""
    home = os.environ.get("CHAIRLOG_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """``CHAIRLOG_LOG_DIR``, else ``<CHAIRLOG_HOME>/logs`` when ``CHAIRLOG_HOME`` is set (tests,
    portable installs), else the platform's user log folder (``~/.local/state/chairlog/log``,
    ``%LOCALAPPDATA%\\chairlog\\Logs``, ``~/Library/Logs/chairlog``)."""
    explicit = os.environ.get("CHAIRLOG_LOG_DIR")
    if explicit:
        return Path(explicit)
    home = os.environ.get("CHAIRLOG_HOME")
    if home:
        return Path(home) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


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


def describe_db_url(url: str) -> str:
    """'SQLite: /path/file' or 'PostgreSQL: host/db' — never the password (for logs)."""
    if url.startswith("sqlite"):
        return "SQLite: " + (url.split(":///", 1)[1] if ":///" in url else "memory")
    parts = urlsplit(url)
    service = parse_qs(parts.query).get("service")
    if service and not parts.hostname:  # the address is in a libpq service file
        return f"PostgreSQL: service {service[0]}{parts.path if parts.path != '/' else ''}"
    return f"PostgreSQL: {parts.hostname or 'localhost'}{parts.path}"


def _checkout_resources() -> Path | None:
    """The top-level ``resources/`` of a source checkout this package is running from."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "resources").is_dir():
        return root / "resources"
    return None


def resources_dir() -> Path:
    """The folder of the shipped resources (``chairlog.resources``).

    Raises ``MissingResource`` when chairlog was installed without them."""
    try:
        spec = importlib.util.find_spec("chairlog.resources")
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        checkout = _checkout_resources()
        if checkout is not None:
            return checkout
        raise MissingResource("the resources package (chairlog.resources)", _package_dir())
    root = importlib_resources.files("chairlog.resources")
    if not isinstance(root, Path):  # a zip import: chairlog reads its resources as files
        raise MissingResource("a resources folder on disk", str(root))
    return root


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def resource(relative: str) -> Path:
    """One shipped file, checked: ``MissingResource`` if it is missing or empty."""
    folder = resources_dir()
    path = folder / relative
    try:
        size = path.stat().st_size
    except OSError:
        raise MissingResource(relative, folder) from None
    if size == 0:
        raise MissingResource(f"{relative} (empty)", folder)
    return path


def check_resources() -> Path:
    """Check every required resource at start; the resources folder, or ``MissingResource``."""
    folder = resources_dir()
    for relative in REQUIRED_RESOURCES:
        resource(relative)
    for sub, pattern in REQUIRED_GLOBS:
        if not any(p.stat().st_size for p in (folder / sub).glob(pattern)):
            raise MissingResource(f"{sub}/{pattern}", folder)
    return folder


def frozen() -> bool:
    """True in a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))
