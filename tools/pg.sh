# Source this file: `start_throwaway_pg PORT` starts a PostgreSQL server on 127.0.0.1:PORT
# with its data in a fresh temporary folder (trust authentication, fsync off: a test server,
# never a clinic's), exports PG_URL for it and stops it when the calling shell exits.
# Needs Debian's postgresql package (tools/system-deps.sh test installs it).
#
# Decisions (a throwaway test server: none of these changes what the tests check):
# - Its data folder is on the RAM disk (/dev/shm) where there is one: every test makes and
#   drops a database (tests/template_db.py), hundreds of files each time, and on a VM's ext4
#   disk (mounted with discard) that cost 5-6 times as much as in memory (≈ 440 ms against
#   ≈ 77 ms per copy and drop, median of 20, load ≈ 7 on two cores). It needs 2 GB free there
#   (else /tmp); CHAIRLOG_TEST_PG_DIR chooses another parent folder.
# - full_page_writes off: a database copy (STRATEGY FILE_COPY) forces a checkpoint, after which
#   the first change of each page would otherwise write the whole page to the log; torn pages
#   do not matter to a server that is thrown away (fsync is off already).
start_throwaway_pg() {
    local port="${1:-54331}" bin root
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    if [ -z "$bin" ]; then
        echo "PostgreSQL server programs not found (apt-get install postgresql)" >&2
        return 1
    fi
    local parent="${CHAIRLOG_TEST_PG_DIR:-/tmp}"
    # (a RAM disk of 2 GB free at least: a container's default /dev/shm is 64 MB)
    if [ -z "${CHAIRLOG_TEST_PG_DIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] \
        && [ "$(df -Pk /dev/shm | awk 'NR == 2 {print $4}')" -ge 2097152 ]; then
        parent=/dev/shm
    fi
    root="$(mktemp -d "$parent/chairlog-pg.XXXXXX")"
    _pg_root="$root" _pg_bin="$bin"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$root"
        _as_pg() { su postgres -s /bin/bash -c "$*"; }
    else
        _as_pg() { bash -c "$*"; }
    fi
    trap stop_throwaway_pg EXIT  # before the start: a failed start leaves no folder behind
    _as_pg "'$bin/initdb' -D '$root/data' -A trust -U postgres >'$root/initdb.log'"
    _as_pg "'$bin/pg_ctl' -D '$root/data' -w -l '$root/server.log' \
        -o '-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off' start >/dev/null"
    export PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
}

stop_throwaway_pg() {
    [ -n "${_pg_root:-}" ] || return 0
    _as_pg "'$_pg_bin/pg_ctl' -D '$_pg_root/data' -m fast stop >/dev/null" || true
    rm -rf "$_pg_root"
    _pg_root=""
}
