"""Shared by the benchmarks: figures, statistics, the work folder and its databases.

Decisions:
- A figure is a median (or a maximum, for memory) compared with an absolute target and,
  where the brief gives one, with a baseline measured in the same run (``ratio_target``):
  both must hold for a pass. A figure whose code under test does not exist yet is recorded
  as ``unfinished`` with the reason, never estimated.
- Databases live in a work folder outside the repository (``$TMPDIR/chairlog-bench`` by
  default). Generated databases are kept and reused when their parameters match (the
  ``.meta.json`` beside each file), because scale 1.0 takes minutes to generate. Benchmarks
  that write work on copies (SQLite backup API), so the kept files stay pristine.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

DEMO_NURSE = ("ana", "demo-nurse-1")
DEMO_DOCTOR = ("okafor", "demo-doctor-1")


@dataclass
class Figure:
    key: str
    name: str
    unit: str
    target: float | None = None
    value: float | None = None
    baseline: float | None = None
    baseline_name: str = ""
    ratio_target: float | None = None
    status: str = "measured"  # measured | unfinished | error
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        if self.status != "measured" or self.value is None:
            return None
        ok = self.target is None or self.value <= self.target
        if self.ratio_target is not None:
            ok = ok and self.ratio is not None and self.ratio <= self.ratio_target
        return ok

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio, "passed": self.passed}


def unfinished(key: str, name: str, unit: str, why: str, **kw: Any) -> Figure:
    return Figure(key, name, unit, status="unfinished", note=why, **kw)


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def percentile(xs: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0–100)."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))
    return s[k]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def missing_module(*names: str) -> str | None:
    """The first of ``names`` that cannot be imported (a dependency not built yet), or None."""
    import importlib.util

    for name in names:
        try:
            if importlib.util.find_spec(name) is None:
                return name
        except ModuleNotFoundError:
            return name
    return None


@dataclass
class Config:
    scale: float
    quick: bool
    workdir: Path
    seed: int = 42
    regen: bool = False
    #: repetitions (the brief's N; quick mode and the smoke test use fewer)
    n_start: int = 7
    n_vitals: int = 500
    n_form: int = 50
    n_query: int = 30
    n_sign: int = 3
    n_memory: int = 3
    memory_settle_s: float = 3.0
    #: one untimed start of each variant first (OS file cache), as on a workstation in use
    warmup: bool = True

    @property
    def home(self) -> Path:
        return self.workdir / "home"

    def env(self) -> dict[str, str]:
        return {**os.environ, "CHAIRLOG_HOME": str(self.home), "QT_QPA_PLATFORM": "offscreen"}


def default_workdir() -> Path:
    return Path(os.environ.get("CHAIRLOG_BENCH_DIR")
                or Path(tempfile.gettempdir()) / "chairlog-bench")


def copy_db(src: Path, dest: Path) -> Path:
    """A consistent copy (SQLite backup API), replacing ``dest``."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(dest) + suffix).unlink(missing_ok=True)
    a, b = sqlite3.connect(src), sqlite3.connect(dest)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()
    con = sqlite3.connect(dest)
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    return dest


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def demo_fingerprint() -> str:
    """What the demo database depends on: the demo data, the key protection (a key written
    under older scrypt parameters unlocks at their cost, not at today's) and the schema."""
    import hashlib

    import chairlog

    root = Path(chairlog.__file__).resolve().parent
    files = [root / "services" / "demo.py", root / "pki.py",
             *sorted((root / "db" / "migrations" / "versions").glob("*.py"))]
    h = hashlib.sha256()
    for f in files:
        if f.exists():
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def demo_db(cfg: Config) -> tuple[Path, float]:
    """The demo clinic (``fill_demo``, with a signed record when sign-off exists), rebuilt
    when the code that made it changed (``demo_fingerprint``)."""
    path = cfg.workdir / "demo.sqlite3"
    meta = path.with_suffix(".meta.json")
    fingerprint = demo_fingerprint()
    if path.exists() and meta.exists() and not cfg.regen:
        info = json.loads(meta.read_text())
        if info.get("fingerprint") == fingerprint:
            return path, info["seconds"]
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    from chairlog.services import demo, open_app

    t = time.perf_counter()
    app = open_app(url(path), demo=True)
    try:
        sign = None
        if missing_module("chairlog.services.signoff") is None:
            from chairlog.services import signoff

            sign = getattr(signoff, "sign_for_demo", None)
        demo.fill_demo(app, sign=sign)
    finally:
        app.close()
    seconds = time.perf_counter() - t
    meta.write_text(json.dumps({"seconds": seconds, "signed": sign is not None,
                                "fingerprint": fingerprint}))
    return path, seconds


def generated_db(cfg: Config, name: str, *, scale: float = 1.0, days: int | None = None,
                 running: int = 8) -> tuple[Path, dict[str, Any]]:
    """A database from ``bench.gen_db``, reused when its parameters match."""
    from bench.gen_db import GENERATOR_VERSION, generate

    path = cfg.workdir / f"{name}.sqlite3"
    meta = path.with_suffix(".meta.json")
    want = {"scale": scale, "days": days, "seed": cfg.seed, "running": running,
            "generator_version": GENERATOR_VERSION}
    if path.exists() and meta.exists() and not cfg.regen:
        info = json.loads(meta.read_text())
        if {k: info.get("request", {}).get(k) for k in want} == want:
            return path, {**info, "reused": True}
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    stats = generate(path, scale=scale, seed=cfg.seed, days=days, running=running,
                     quiet=cfg.quick)
    info = {**stats.to_json(), "request": want}
    meta.write_text(json.dumps(info, indent=2, ensure_ascii=False))
    return path, {**info, "reused": False}


def prepare(cfg: Config) -> None:
    cfg.workdir.mkdir(parents=True, exist_ok=True)
    cfg.home.mkdir(parents=True, exist_ok=True)
    os.environ["CHAIRLOG_HOME"] = str(cfg.home)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
