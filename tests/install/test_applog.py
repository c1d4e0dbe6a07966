"""The log file: start, database opened, signing, backups and uncaught errors with their
traceback — never a patient's name; ``chairlog --version``; the PDF names the version."""

from __future__ import annotations

import json
import logging
import sys
import threading
from pathlib import Path

import pytest

from chairlog import __version__, applog, paths
from chairlog.cli import main


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"chairlog {__version__}"


def test_log_dir_follows_platform_or_overrides(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    monkeypatch.setenv("CHAIRLOG_LOG_DIR", str(tmp_path / "it-logs"))
    assert paths.log_dir() == tmp_path / "it-logs"
    monkeypatch.delenv("CHAIRLOG_LOG_DIR")
    assert paths.log_dir() == Path(str(paths.data_dir())) / "logs"  # CHAIRLOG_HOME is set
    monkeypatch.delenv("CHAIRLOG_HOME")
    import platformdirs

    assert paths.log_dir() == Path(platformdirs.user_log_dir("chairlog", appauthor=False))


def test_cli_run_logs_start_database_signing_and_backup_without_patient_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    assert main(["--db", db, "sessions", "--json"]) == 0
    out = capsys.readouterr().out
    rows = json.loads(out[out.index("["):])
    assert main(["--db", db, "backup", str(tmp_path / "b.sqlite3")]) == 0
    signed = next(r for r in rows if r["state"] == "signed")
    assert main(["--db", db, "export", str(signed["id"]), "-o", str(tmp_path / "s.pdf")]) == 0
    text = applog.log_file().read_text(encoding="utf-8")
    assert f"chairlog {__version__} start: demo" in text
    assert "database opened: SQLite: " + db in text
    assert "record signed: session" in text
    assert "backup made: " in text
    names = {part for r in rows for part in r["patient_name"].replace(",", " ").split()}
    mrns = {r["patient_mrn"] for r in rows}
    assert names and not [n for n in names | mrns if n in text]


def test_pdf_creator_and_producer_carry_the_version(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    assert main(["--db", db, "sessions", "--json", "--state", "discharged"]) == 0
    out = capsys.readouterr().out
    sid = json.loads(out[out.index("["):])[0]["id"]
    pdf = tmp_path / "draft.pdf"
    assert main(["--db", db, "export", str(sid), "-o", str(pdf)]) == 0
    from pyhanko.pdf_utils.reader import PdfFileReader

    with pdf.open("rb") as f:
        info = PdfFileReader(f).trailer["/Info"]
        creator, producer = str(info["/Creator"]), str(info["/Producer"])
    assert creator == f"chairlog {__version__}"
    assert producer.startswith(f"chairlog {__version__} (ReportLab ")


def test_uncaught_errors_are_logged_with_traceback_and_shown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    applog.configure("test")
    shown: list[applog.ExcInfo] = []
    previous = applog.install_excepthook(shown.append)
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            kind, exc, tb = sys.exc_info()
        assert kind is not None and exc is not None
        sys.excepthook(kind, exc, tb)
        worker = threading.Thread(target=lambda: 1 / 0, name="chairlog-task-test")
        worker.start()
        worker.join()
    finally:
        applog.restore_excepthook(previous)
    assert [type(e[1]) for e in shown] == [RuntimeError]  # threads: logged, no dialog
    text = applog.log_file().read_text(encoding="utf-8")
    assert "CRITICAL" in text and "uncaught error" in text
    assert "Traceback (most recent call last)" in text and "RuntimeError: boom in a slot" in text
    assert "in chairlog-task-test" in text and "ZeroDivisionError" in text
    assert "boom in a slot" in capsys.readouterr().err  # still on stderr for a console


def test_unwritable_log_folder_is_one_line_and_chairlog_carries_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CHAIRLOG_LOG_DIR", str(blocker / "logs"))
    assert applog.configure("test") is None
    err = capsys.readouterr().err
    assert err.startswith("chairlog: no log file (") and len(err.strip().splitlines()) == 1
    logging.getLogger("chairlog.test").info("still works")  # no handler error, no crash


def test_gui_launcher_is_a_gui_script_and_survives_having_no_console(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tomllib

    from chairlog.cli import gui_main

    root = Path(__file__).resolve().parents[2]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"]["chairlog-gui"] == "chairlog.cli:gui_main"
    assert project["scripts"]["chairlog"] == "chairlog.cli:main"
    # pythonw.exe / a windowed bundle: no stdout or stderr at all
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "argv", ["chairlog-gui", "--version"])
    with pytest.raises(SystemExit) as stop:
        gui_main()
    assert stop.value.code == 0
    assert sys.stdout is not None and sys.stderr is not None
