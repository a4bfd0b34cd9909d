#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: a fresh cluster in a temp directory on a free
# localhost port, with a database and a password-protected user, both named trafficlab.
#
#   scripts/pg-test-server.sh start [--owner-pid PID]
#       prints two shell assignments on stdout (everything else goes to stderr):
#         TRAFFICLAB_TEST_PG_URL='jdbc:postgresql://127.0.0.1:PORT/trafficlab?user=trafficlab&password=...'
#         TRAFFICLAB_TEST_PG_DIR='/tmp/trafficlab-pg.XXXXXX'   (single-quoted: safe to eval)
#       With --owner-pid the server is stopped and removed soon after process PID exits (a test JVM
#       that dies without cleaning up leaves nothing behind).
#   scripts/pg-test-server.sh stop DIR
#       stops the server started in DIR and removes DIR.
#
# Exit codes: 0 ok, 2 usage, 3 PostgreSQL is not installed (apt-get install -y postgresql),
# 4 the server did not start (see the log printed on stderr).
# As root the server runs as the 'postgres' user (PostgreSQL refuses to run as root).
set -euo pipefail

MARKER=.trafficlab-pg-test-server
SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"

die() { echo "pg-test-server: $2" >&2; exit "$1"; }

pg_bin() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then echo "$PG_BIN"; return; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -rn); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"; return
  fi
  return 1
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_server() {
  local dir=$1 bin
  [ -f "$dir/$MARKER" ] || die 2 "$dir is not a directory made by 'pg-test-server.sh start'"
  bin=$(cat "$dir/$MARKER")
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop >/dev/null 2>&1 \
      || as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

start_server() {
  local owner_pid=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --owner-pid) owner_pid=${2:?--owner-pid needs a PID}; shift 2 ;;
      *) die 2 "unknown option $1" ;;
    esac
  done
  local bin
  bin=$(pg_bin) || die 3 "PostgreSQL server binaries not found (install them: apt-get install -y postgresql)"
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    die 3 "running as root but there is no 'postgres' user to run the server as"
  fi

  local dir
  dir=$(mktemp -d /tmp/trafficlab-pg.XXXXXX)
  echo "$bin" >"$dir/$MARKER"
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"

  if ! as_pg "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --no-locale --no-sync \
      --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    die 4 "initdb failed"
  fi

  local port="" try
  for try in 1 2 3 4 5 6 7 8; do
    local p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_free "$p" || continue
    # fsync off: a throwaway cluster for tests, speed over crash safety.
    if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $p -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60" \
        start >/dev/null 2>&1; then
      port=$p
      break
    fi
  done
  if [ -z "$port" ]; then
    cat "$dir/server.log" >&2 2>/dev/null || true
    rm -rf "$dir"
    die 4 "the server did not start"
  fi

  local pw
  pw=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
  if ! as_pg "$bin/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE trafficlab LOGIN PASSWORD '$pw'" \
      -c "CREATE DATABASE trafficlab OWNER trafficlab" >&2; then
    stop_server "$dir"
    die 4 "could not create the trafficlab database"
  fi

  if [ -n "$owner_pid" ]; then
    # Watchdog: stops the server once the owner is gone. Detached, no inherited stdio.
    nohup setsid bash -c '
      while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 2; done
      [ -d "$2" ] && exec "$3" stop "$2"' watchdog "$owner_pid" "$dir" "$SELF" \
      </dev/null >/dev/null 2>&1 &
  fi

  echo "TRAFFICLAB_TEST_PG_URL='jdbc:postgresql://127.0.0.1:$port/trafficlab?user=trafficlab&password=$pw'"
  echo "TRAFFICLAB_TEST_PG_DIR='$dir'"
}

case "${1:-}" in
  start) shift; start_server "$@" ;;
  stop) [ $# -eq 2 ] || die 2 "usage: $0 stop DIR"; stop_server "$2" ;;
  *) die 2 "usage: $0 start [--owner-pid PID] | $0 stop DIR" ;;
esac
