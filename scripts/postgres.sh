#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on 127.0.0.1 for tests and benchmarks: `up` starts it and prints its
# URL, `down` stops it and removes its data. Needs the server binaries (Debian's postgresql-15) and root
# (initdb runs as the postgres user). Durability is off: the data is thrown away afterwards.
set -euo pipefail
bin=${TRIBUTARY_PG_BIN:-/usr/lib/postgresql/15/bin}
dir=${TRIBUTARY_PG_DIR:-/tmp/tributary-services/pg}
port=${TRIBUTARY_PG_PORT:-55432}
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  up)
    if [ -f "$dir/data/postmaster.pid" ]; then echo "postgres://postgres@127.0.0.1:$port/postgres"; exit 0; fi
    id postgres >/dev/null 2>&1 || useradd -r -M postgres
    mkdir -p "$dir" && chown postgres:postgres "$dir" 2>/dev/null || true
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log"
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  down)
    [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
