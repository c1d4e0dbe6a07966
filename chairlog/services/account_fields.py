"""Validation of account and set-up fields (usernames, passwords, time zones, passphrases)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chairlog.errors import ValidationError

MIN_PASSWORD = 8
MIN_PASSPHRASE = 12
USERNAME_OK = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


def _password(value: object, name: str = "password") -> str:
    if not isinstance(value, str) or len(value) < MIN_PASSWORD or len(value) > 256:
        raise ValidationError(name, "***", f"at least {MIN_PASSWORD} characters", name)
    return value


def _username(value: object) -> str:
    if not isinstance(value, str) or not (2 <= len(value) <= 64) or set(value) - USERNAME_OK:
        raise ValidationError(
            "username", value, "2–64 lower-case letters, digits, '.', '_' or '-'", "username"
        )
    return value


def _timezone(value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError("timezone", value, "an IANA time zone such as Europe/London")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: tzdata (a folder, too long)
        raise ValidationError(
            "timezone",
            value,
            "an IANA time zone such as Europe/London or America/New_York",
            "time zone",
        ) from None
    return value


def _passphrase(value: object) -> str:
    if not isinstance(value, str) or not MIN_PASSPHRASE <= len(value) <= 256:
        raise ValidationError(
            "ca_passphrase",
            "***",
            f"at least {MIN_PASSPHRASE} characters",
            "signing authority passphrase",
        )
    return value
