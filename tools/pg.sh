#!/usr/bin/env bash
# Source this file: `start_throwaway_pg PORT` starts a PostgreSQL server on 127.0.0.1:PORT
# with its data in a fresh temporary folder (trust authentication, fsync off: a test server,
# never a clinic's), exports PG_URL for it and stops it when the calling shell exits.
# Needs Debian's postgresql package (tools/system-deps.sh test installs it).

start_throwaway_pg() {
    local port="${1:-54331}" bin root
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    if [ -z "$bin" ]; then
        echo "PostgreSQL server programs not found (apt-get install postgresql)" >&2
        return 1
    fi
    root="$(mktemp -d /tmp/chairlog-pg.XXXXXX)"
    _pg_root="$root" _pg_bin="$bin"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$root"
        _as_pg() { su postgres -s /bin/bash -c "$*"; }
    else
        _as_pg() { bash -c "$*"; }
    fi
    _as_pg "'$bin/initdb' -D '$root/data' -A trust -U postgres >'$root/initdb.log'"
    _as_pg "'$bin/pg_ctl' -D '$root/data' -w -l '$root/server.log' \
        -o '-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off' start >/dev/null"
    trap stop_throwaway_pg EXIT
    export PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
}

stop_throwaway_pg() {
    [ -n "${_pg_root:-}" ] || return 0
    _as_pg "'$_pg_bin/pg_ctl' -D '$_pg_root/data' -m fast stop >/dev/null" || true
    rm -rf "$_pg_root"
    _pg_root=""
}
