#!/usr/bin/env bash
# A PostgreSQL for Blixt from the machine's PostgreSQL packages (initdb, pg_ctl), when none is
# given: a data folder of its own, listening on 127.0.0.1 only, trust authentication for the
# user `blixt` (for a machine of your own; a shared server needs passwords or certificates).
#
#   scripts/pg.sh start [DIR] [PORT]   initialises DIR (default ./data/pg) if needed, starts the
#                                      server on PORT (default 5433) and prints its URL
#   scripts/pg.sh stop [DIR]           stops it
#   scripts/pg.sh url [DIR] [PORT]     prints the URL of database `blixt`
#
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user (made
# by Debian's postgresql packages), which then owns DIR.
set -euo pipefail

command="${1:-}"
dir="${2:-data/pg}"
port="${3:-5433}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

# The machine's PostgreSQL programs: on PATH, or where Debian puts them.
if ! command -v pg_ctl >/dev/null 2>&1; then
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  [ -n "$newest" ] && export PATH="$newest:$PATH"
fi
command -v pg_ctl >/dev/null || {
  echo "PostgreSQL is not installed: apt-get install postgresql" >&2
  exit 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

url="postgres://blixt@127.0.0.1:$port/blixt"
case "$command" in
  start)
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$dir"
      chmod 700 "$dir"
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner initdb -D "$dir" -A trust -U blixt --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner pg_ctl -D "$dir" status >/dev/null 2>&1; then
      as_owner pg_ctl -D "$dir" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
    fi
    psql -h 127.0.0.1 -p "$port" -U blixt -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'blixt'" \
      | grep -q 1 || psql -h 127.0.0.1 -p "$port" -U blixt -d postgres -qc "CREATE DATABASE blixt"
    echo "$url"
    ;;
  stop)
    as_owner pg_ctl -D "$dir" -w stop >/dev/null
    ;;
  url)
    echo "$url"
    ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
