"""Shipped resources: every one is checked at start, a missing or empty one stops chairlog
before anything is written, and the lower bounds in pyproject.toml are the minimums CI installs.
(tools/check_dist.sh does the same with a real wheel that lacks a resource.)"""

from __future__ import annotations

import io
import shutil
import tomllib
from pathlib import Path

import pytest

from chairlog import paths
from chairlog.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def copied_resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped resources that chairlog reads instead of the real ones."""
    folder = tmp_path / "resources"
    shutil.copytree(paths.resources_dir(), folder)
    monkeypatch.setattr(paths, "resources_dir", lambda: folder)
    return folder


def test_every_required_resource_exists_and_is_checked() -> None:
    folder = paths.check_resources()
    for relative in paths.REQUIRED_RESOURCES:
        assert (folder / relative).stat().st_size > 0
    assert sorted(p.name for p in (folder / "protocols").glob("*.json"))
    # everything the code reads from resources/ is in the required list (or a required glob)
    shipped = {p.relative_to(folder).as_posix() for p in folder.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"}
    unchecked = {f for f in shipped if f not in paths.REQUIRED_RESOURCES
                 and not f.startswith("protocols/")}
    assert unchecked == set()


@pytest.mark.parametrize("relative", list(paths.REQUIRED_RESOURCES))
def test_missing_resource_stops_init_before_anything_is_written(
    relative: str, copied_resources: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    (copied_resources / relative).unlink()
    db = tmp_path / "clinic.sqlite3"
    monkeypatch.setattr("sys.stdin", io.StringIO("admin-password-1\n"))
    rc = main(["--db", str(db), "init", "--clinic", "C", "--admin", "admin",
               "--admin-name", "A A", "--password-stdin"])
    err = capsys.readouterr().err
    assert rc == 1
    assert f"installation is incomplete: {relative} missing" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not db.exists()


def test_empty_style_sheet_is_refused(copied_resources: Path) -> None:
    (copied_resources / "style.qss").write_text("", encoding="utf-8")
    with pytest.raises(paths.MissingResource, match=r"style\.qss \(empty\)"):
        paths.check_resources()


def test_no_protocol_templates_is_refused_not_an_empty_list(copied_resources: Path) -> None:
    from chairlog.services import protocols

    for p in (copied_resources / "protocols").glob("*.json"):
        p.unlink()
    with pytest.raises(paths.MissingResource, match=r"protocols/\*\.json"):
        paths.check_resources()
    with pytest.raises(paths.MissingResource):
        protocols.default_templates()


def test_an_installed_package_without_resources_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Not a checkout and no chairlog.resources package: a loud error, no guessing."""
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    monkeypatch.setattr(paths, "_checkout_resources", lambda: None)
    with pytest.raises(paths.MissingResource, match=r"chairlog\.resources"):
        paths.resources_dir()


def _lower_bounds() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    from packaging.requirements import Requirement

    bounds = {}
    for dep in project["dependencies"]:
        req = Requirement(dep)
        if req.marker is not None and not req.marker.evaluate():
            continue  # another platform's package (sqlcipher3 outside Linux)
        lower = next((sp.version for sp in req.specifier if sp.operator == ">="), None)
        if lower is not None:
            bounds[req.name.lower()] = lower
    return bounds


def _minimum_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints" / "minimum.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def _same_version(a: str, b: str) -> bool:
    def parts(v: str) -> list[int]:
        out = [int(x) for x in v.split(".")]
        return out + [0] * (4 - len(out))

    return parts(a) == parts(b)


def test_minimum_constraints_are_exactly_the_lower_bounds() -> None:
    bounds, pins = _lower_bounds(), _minimum_pins()
    assert "tzdata" in bounds  # zoneinfo's data where the system has none (Windows)
    for name, lower in bounds.items():
        assert name in pins, f"{name} has no pin in constraints/minimum.txt"
        assert _same_version(pins[name], lower), f"{name}: pin {pins[name]} != bound {lower}"


def test_lock_pins_every_dependency_within_its_bounds() -> None:
    lock = {}
    for line in (ROOT / "constraints" / "lock.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            lock[name.strip().lower().replace("_", "-")] = version.strip()
    for name, lower in _lower_bounds().items():
        key = name.replace("_", "-")
        assert key in lock, f"{name} is not in constraints/lock.txt"
        got = [int(x) for x in lock[key].split(".")[:3] if x.isdigit()]
        want = [int(x) for x in lower.split(".")]
        assert got[: len(want)] >= want, f"{name}: locked {lock[key]} is below {lower}"
    assert "rl-accel" in lock  # reportlab's C accelerator
