"""Administering commands need the acting admin's password (issue 14, point 1): missing or
wrong credentials exit 2 with one line and write nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest

from chairlog.cli import main
from chairlog.services import accounts, audit_log
from tests.conftest import PASSWORDS, Clinic


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


ADD = ("user", "add", "mallory", "--role", "physician", "--name", "Chiamaka Okafor")


@pytest.mark.parametrize(
    ("extra", "stdin", "message"),
    [
        ((), "", "--as"),  # the issue's attack: no credential at all
        (("--password-stdin",), "x\nmallory-pass-1\n", "--as"),
        (("--as", "admin"), "", "--password-stdin"),
        (("--as", "admin", "--password-stdin"), "wrong-admin-pw\nmallory-pass-1\n",
         "Wrong username or password"),
        (("--as", "nina", "--password-stdin"), PASSWORDS["nina"] + "\nmallory-pass-1\n",
         "Only an admin may add users"),
        (("--as", "admin", "--password-stdin"), PASSWORDS["admin"] + "\n",
         "line 2"),
    ],
)
def test_user_add_without_a_good_admin_is_refused(
    clinic: Clinic, monkeypatch: Any, capsys: Any, extra: tuple[str, ...], stdin: str,
    message: str,
) -> None:
    db = clinic.app.db.url
    code, _, err = run(monkeypatch, capsys, "--db", db, *ADD, *extra, stdin=stdin)
    assert code == 2 and message in err and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert "mallory" not in {u.username for u in accounts.list_users(clinic.app)}


def test_user_add_as_admin_reads_two_lines(clinic: Clinic, monkeypatch: Any, capsys: Any) -> None:
    db = clinic.app.db.url
    code, out, err = run(monkeypatch, capsys, "--db", db, "user", "add", "rosa", "--role",
                         "nurse", "--name", "Rosa Rot", "--credentials", "RN", "--as", "admin",
                         "--password-stdin", stdin=PASSWORDS["admin"] + "\nrosa-pass-12\n")
    assert code == 0, err
    assert "User 'rosa' (nurse) added." in out
    assert accounts.login(clinic.app, "rosa", "rosa-pass-12").username == "rosa"
    row = audit_log.list_audit(clinic.app, clinic.admin, limit=3)
    assert any(r.action == "user.create" and r.user_id == clinic.admin.id for r in row)


@pytest.mark.parametrize(
    "argv",
    [
        ("user", "deactivate", "omar", "--reason", "left"),
        ("user", "reset-password", "drlee"),
        ("user", "role", "omar", "admin"),
        ("user", "unlock", "omar"),
        ("clinic", "set", "--lockout-attempts", "9"),
        ("ca", "pin", "/nonexistent.pem"),
        ("restore", "/nonexistent.sqlite3"),
    ],
)
def test_every_administering_command_needs_the_admin(
    clinic: Clinic, monkeypatch: Any, capsys: Any, argv: tuple[str, ...]
) -> None:
    db = clinic.app.db.url
    before = audit_log.verify_audit(clinic.app).rows
    code, _, err = run(monkeypatch, capsys, "--db", db, *argv, stdin="")
    assert code == 2 and err.count("\n") == 1 and "--as" in err, err
    code, _, err = run(monkeypatch, capsys, "--db", db, *argv, "--as", "admin",
                       "--password-stdin", stdin="wrong-password\ntemporary-pw-9\n")
    assert code == 2 and err.count("\n") == 1, err
    assert "Wrong username or password" in err or "readable" in err or "backup" in err, err
    rows = audit_log.list_audit(clinic.app, clinic.admin, limit=50)
    changed = [r for r in rows if r.seq > before and not r.action.startswith("login")]
    assert changed == []


def test_admin_commands_do_their_work(clinic: Clinic, monkeypatch: Any, capsys: Any) -> None:
    db = clinic.app.db.url
    pw = PASSWORDS["admin"] + "\n"
    assert run(monkeypatch, capsys, "--db", db, "clinic", "set", "--lockout-attempts", "7",
               "--as", "admin", "--password-stdin", stdin=pw)[0] == 0
    assert accounts.get_clinic(clinic.app).lockout_attempts == 7
    assert run(monkeypatch, capsys, "--db", db, "user", "role", "omar", "physician",
               "--as", "admin", "--password-stdin", stdin=pw)[0] == 0
    assert run(monkeypatch, capsys, "--db", db, "user", "deactivate", "omar", "--reason", "x",
               "--as", "admin", "--password-stdin", stdin=pw)[0] == 0
    users = {u.username: u for u in accounts.list_users(clinic.app)}
    assert users["omar"].role.value == "physician" and not users["omar"].active
    code, out, _ = run(monkeypatch, capsys, "--db", db, "user", "reset-password", "drlee",
                       "--as", "admin", "--password-stdin", stdin=pw + "temporary-pw-9\n")
    assert code == 0 and "revoked" in out
    code, out, _ = run(monkeypatch, capsys, "--db", db, "user", "passwd", "drlee",
                       "--password-stdin", stdin="temporary-pw-9\nmy-own-pass-1\n")
    assert code == 0, out
    assert accounts.login(clinic.app, "drlee", "my-own-pass-1").must_change_password is False


def test_ca_issue_reads_passphrase_then_physician_password(
    clinic: Clinic, monkeypatch: Any, capsys: Any
) -> None:
    from tests.conftest import CA_PASSPHRASE

    db = clinic.app.db.url
    code, _, err = run(monkeypatch, capsys, "--db", db, "ca", "issue", "drlee",
                       "--password-stdin", stdin="wrong-passphrase\n" + PASSWORDS["drlee"] + "\n")
    assert code == 2 and err.count("\n") == 1 and "passphrase is wrong" in err
    code, _, err = run(monkeypatch, capsys, "--db", db, "ca", "issue", "drlee",
                       "--password-stdin", stdin=CA_PASSPHRASE + "\n")
    assert code == 2 and err.count("\n") == 1 and "line 2" in err
    code, out, err = run(monkeypatch, capsys, "--db", db, "ca", "issue", "drlee",
                         "--password-stdin", stdin=f"{CA_PASSPHRASE}\n{PASSWORDS['drlee']}\n")
    assert code == 0, err
    assert "Certificate issued for 'drlee'" in out and "Dr Medical Director" in out
    code, out, _ = run(monkeypatch, capsys, "--db", db, "ca", "revoke", "drlee", "--reason",
                       "superseded", "--password-stdin", stdin=CA_PASSPHRASE + "\n")
    assert code == 0 and "revoked" in out


def test_scripted_physician_onboarding_end_to_end(
    tmp_path: Any, monkeypatch: Any, capsys: Any
) -> None:
    """init → user add (admin-chosen password) → ca issue refused → the physician chooses
    their own → ca issue, all from the command line."""
    db = str(tmp_path / "c.sqlite3")
    code, out, err = run(monkeypatch, capsys, "--db", db, "init", "--clinic", "Clinic",
                         "--admin", "boss", "--admin-name", "Bea Boss", "--ca-holder",
                         "Dr Director", "--timezone", "UTC", "--password-stdin",
                         stdin="boss-pass-123\nauthority-passphrase-1\n")
    assert code == 0, err
    assert "Signing authority held by Dr Director" in out
    assert "authority-passphrase-1" not in out  # typed by its holder: never echoed
    code, _, err = run(monkeypatch, capsys, "--db", db, "user", "add", "drk", "--role",
                       "physician", "--name", "Kim Park", "--credentials", "MD", "--as", "boss",
                       "--password-stdin", stdin="boss-pass-123\nadmin-chose-1\n")
    assert code == 0, err
    code, _, err = run(monkeypatch, capsys, "--db", db, "ca", "issue", "drk", "--password-stdin",
                       stdin="authority-passphrase-1\nadmin-chose-1\n")
    assert code == 2 and "user passwd drk" in err and err.count("\n") == 1
    code, _, err = run(monkeypatch, capsys, "--db", db, "user", "passwd", "drk",
                       "--password-stdin", stdin="admin-chose-1\nkim-own-pass-1\n")
    assert code == 0, err
    code, out, err = run(monkeypatch, capsys, "--db", db, "ca", "issue", "drk",
                         "--password-stdin", stdin="authority-passphrase-1\nkim-own-pass-1\n")
    assert code == 0 and "Dr Director" in out, err


def test_adding_a_physician_says_how_the_key_is_issued(clinic: Clinic, monkeypatch: Any,
                                                       capsys: Any) -> None:
    from chairlog.services import trust

    db = clinic.app.db.url
    trust.unpin_authority(db)  # a workstation that does not hold the clinic's authority
    code, out, err = run(monkeypatch, capsys, "--db", db, "user", "add", "drk", "--role",
                         "physician", "--name", "Kim Park", "--as", "admin", "--password-stdin",
                         stdin=PASSWORDS["admin"] + "\nadmin-chose-1\n")
    assert code == 0, err
    assert ("'drk' has no signing key yet: Dr Medical Director issues it with drk present, once "
            "drk has signed in and chosen their own password (chairlog ca issue drk "
            "--password-stdin: the authority's passphrase, then drk's password). This "
            "workstation cannot: no signing authority is pinned for this database on this "
            "workstation") in out
