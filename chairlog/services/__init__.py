"""Use cases. The UI and the command line call these, never the database.

Open the service context with :func:`open_app`; each module holds one area:
``accounts`` (clinic, users, sign-in), ``keys`` (physicians' signing keys), ``patients``,
``protocols`` (and chairs), ``sessions`` (check-in, state), ``doses``, ``charting`` (vitals,
assessments, side effects, medications, notes, alerts, discharge), ``corrections``, ``views``
(read models), ``records`` and ``signoff`` (the PDF record, signing, addenda), ``audit_log``,
``backups``, ``restore`` and ``clockwatch`` (nothing lost), ``demo``.
"""

from __future__ import annotations

import logging

from chairlog.db.migrate import open_database
from chairlog.paths import data_dir, default_db_url, describe_db_url, resolve_db_url
from chairlog.services.context import Chairlog, Clock

log = logging.getLogger("chairlog.services")


def open_app(
    url: str | None = None,
    *,
    clock: Clock | None = None,
    demo: bool = False,
    sqlite_pragmas: dict[str, int] | None = None,
) -> Chairlog:
    """Open (and migrate) the database named by ``url`` / CHAIRLOG_DB / the default file."""
    from chairlog.clinical.clock import SteadyClock

    resolved = resolve_db_url(url)
    if resolved == default_db_url():
        from chairlog.db.workstation import private_folder

        private_folder(data_dir())  # first start: the default folder, 0700
    db = open_database(resolved, sqlite_pragmas=sqlite_pragmas)
    log.info("database opened: %s%s", describe_db_url(resolved), " (demo)" if demo else "")
    return Chairlog(db=db, clock=clock or SteadyClock(), demo=demo)


__all__ = ["Chairlog", "open_app"]
