"""Validation of account and set-up fields (usernames, passwords, time zones, passphrases)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chairlog.errors import ValidationError
from chairlog.words import words

MIN_PASSWORD = 8
MIN_PASSPHRASE = 12
USERNAME_OK = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


def _password(value: object, name: str = "password") -> str:
    if not isinstance(value, str) or len(value) < MIN_PASSWORD or len(value) > 256:
        raise ValidationError(name, "***", words("at least {MIN_PASSWORD} characters",
                                                 MIN_PASSWORD=MIN_PASSWORD), name)
    return value


def _username(value: object) -> str:
    if not isinstance(value, str) or not (2 <= len(value) <= 64) or set(value) - USERNAME_OK:
        raise ValidationError(
            "username", value, words("2–64 lower-case letters, digits, '.', '_' or '-'"),
            words("username")
        )
    return value


def _timezone(value: object) -> str:
    if not isinstance(value, str):
        raise ValidationError("timezone", value, words("an IANA time zone such as Europe/London"))
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: tzdata (a folder, too long)
        raise ValidationError(
            "timezone",
            value,
            words("an IANA time zone such as Europe/London or America/New_York"),
            words("time zone"),
        ) from None
    return value


def _passphrase(value: object) -> str:
    if not isinstance(value, str) or not MIN_PASSPHRASE <= len(value) <= 256:
        raise ValidationError(
            "ca_passphrase",
            "***",
            words("at least {MIN_PASSPHRASE} characters", MIN_PASSPHRASE=MIN_PASSPHRASE),
            words("signing authority passphrase"),
        )
    return value
