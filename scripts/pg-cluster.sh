#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for tests and benchmarks: its own data directory and port, run as the
# `postgres` user (the server refuses root). Usage: scripts/pg-cluster.sh start|stop|url [DIR] [PORT]
# Prints nothing but errors on start; `url` prints the DATABASE_URL of its `postgres` database.
set -euo pipefail
cmd="${1:-start}"
DIR="${2:-${PG_CLUSTER_DIR:-/tmp/supportpath-pg}}"
PORT="${3:-${PG_CLUSTER_PORT:-55432}}"
BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

as_postgres() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

case "$cmd" in
  start)
    if [ ! -x "$BIN/initdb" ]; then echo "PostgreSQL 15 is not installed ($BIN/initdb): apt-get install postgresql-15" >&2; exit 1; fi
    mkdir -p "$DIR"
    if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$DIR"; fi
    if [ ! -f "$DIR/PG_VERSION" ]; then
      # C.UTF-8: code-point order like SQLite's, and a Unicode-aware lower()
      as_postgres "$BIN/initdb -D '$DIR' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    if ! as_postgres "$BIN/pg_ctl -D '$DIR' status" >/dev/null 2>&1; then
      # fsync off: a test cluster, thrown away; max_connections covers several app instances' pools in parallel test files
      as_postgres "$BIN/pg_ctl -D '$DIR' -w -l '$DIR/server.log' -o \"-p $PORT -k '$DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null
    fi
    ;;
  stop)
    as_postgres "$BIN/pg_ctl -D '$DIR' -m fast stop" >/dev/null 2>&1 || true
    ;;
  url)
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  *) echo "usage: $0 start|stop|url [DIR] [PORT]" >&2; exit 2 ;;
esac
