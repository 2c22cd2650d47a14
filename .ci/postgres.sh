#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the PostgreSQL store's tests: on 127.0.0.1 only, trust authentication on
# loopback and on its own socket only, in a directory of its own, removed whole at the end.
#
#   .ci/postgres.sh start DIR   installs PostgreSQL 15 if /usr/lib/postgresql/15/bin/initdb is missing (apt, as root:
#                               postgresql-15, else postgresql); creates the cluster in DIR/data (UTF8, locale C),
#                               owned by a user that is not root (as root: the `postgres` system user, else a user
#                               `dualprev-ci` made for it; otherwise: whoever runs this); starts it on a free port of
#                               127.0.0.1 with its socket in DIR; creates the role `dualprev` (LOGIN, CREATEDB, so a
#                               test may make databases of its own) and the database `dualprev` it owns; writes the
#                               URL, postgres://dualprev@127.0.0.1:PORT/dualprev, to DIR/url and prints it on stdout
#                               (everything else goes to stderr; the server's log is DIR/server.log).
#   .ci/postgres.sh stop DIR    stops that cluster (pg_ctl stop -m fast) and removes DIR. Never fails when the cluster
#                               is already stopped, DIR is gone, or `start` failed halfway.
#
# DIR may exist (empty, as mktemp -d leaves it) or not; its path must be short (the socket's path is at most 107 bytes)
# and, as root, reachable by the cluster's user. PG_BIN=/path/to/bin chooses another PostgreSQL's programs.
#
# From .ci/run, so that the cluster is stopped and removed also when a step fails:
#   pg_dir=$(mktemp -d /tmp/dualprev-pg.XXXXXX)
#   trap '.ci/postgres.sh stop "$pg_dir"' EXIT
#   DUALPREV_POSTGRES_URL=$(.ci/postgres.sh start "$pg_dir")   # not `export X=$(...)`: that would hide a failure
#   export DUALPREV_POSTGRES_URL                                # read by Tests/DualPreventionConformanceTests
#   swift test
# A developer without root needs PostgreSQL installed (apt-get install postgresql-15); then the same commands.
# The cluster is tuned for tests, not for keeping data: fsync, synchronous_commit and full_page_writes are off.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}

fail() {
  echo "postgres.sh: $*" >&2
  exit 1
}

[ $# -eq 2 ] || usage
command=$1
dir=$2
[ -n "$dir" ] || usage

role=dualprev
database=dualprev
superuser=postgres
marker=.dualprev-postgres

is_root() { [ "$(id -u)" = 0 ]; }

# The programs: PG_BIN, else PostgreSQL 15, else the newest PostgreSQL installed (after the `postgresql` fallback).
find_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    [ -x "$PG_BIN/initdb" ] || fail "PG_BIN=$PG_BIN has no initdb"
    echo "$PG_BIN"
    return
  fi
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    echo /usr/lib/postgresql/15/bin
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -1)
  [ -n "$newest" ] && [ -x "$newest/initdb" ] && echo "$newest"
}

install_postgres() {
  is_root || fail "PostgreSQL 15 is not installed (no /usr/lib/postgresql/15/bin/initdb); install it with
  sudo apt-get install postgresql-15, or set PG_BIN to the bin directory of another PostgreSQL"
  command -v apt-get >/dev/null 2>&1 || fail "PostgreSQL 15 is not installed and there is no apt-get to install it"
  echo "postgres.sh: installing PostgreSQL 15 (apt-get)" >&2
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends)
  # A clean image may have no package lists yet: fetch them once, then try again.
  if ! "${apt[@]}" postgresql-15 >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || fail "apt-get update failed"
    if ! "${apt[@]}" postgresql-15 >/dev/null 2>&1; then
      echo "postgres.sh: no package postgresql-15; trying postgresql" >&2
      "${apt[@]}" postgresql >/dev/null || fail "could not install postgresql-15 nor postgresql with apt-get"
    fi
  fi
}

# Runs a command as the cluster's user (from root: runuser; as that user already: as is), in DIR.
as_owner() {
  if is_root && [ "$owner" != root ]; then
    (cd "$dir" && runuser -u "$owner" -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

# A TCP port free on 127.0.0.1 now: the kernel's choice through python3, else the first of 55432 upward that no one
# answers on. Someone may take it before the server does: `start` then tries another.
free_port() {
  local port
  if port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null) &&
    [ -n "$port" ]; then
    echo "$port"
    return
  fi
  for port in $(seq "${1:-55432}" 65000); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "no free TCP port on 127.0.0.1"
}

start() {
  local bin
  bin=$(find_bin) || true
  if [ -z "$bin" ]; then
    install_postgres
    bin=$(find_bin) || true
    [ -n "$bin" ] || fail "PostgreSQL was installed, but no /usr/lib/postgresql/*/bin/initdb is there"
  fi

  # The cluster's user: never root (PostgreSQL refuses to run as root).
  if is_root; then
    if id -u postgres >/dev/null 2>&1; then
      owner=postgres
    else
      owner=dualprev-ci
      if ! id -u "$owner" >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$owner" ||
          fail "could not create the user $owner"
      fi
    fi
  else
    owner=$(id -un)
  fi

  mkdir -p "$dir" || fail "cannot create $dir"
  dir=$(cd "$dir" && pwd -P)
  [ -z "$(ls -A "$dir")" ] || fail "$dir is not empty (a cluster there already? stop it with: $0 stop $dir)"
  touch "$dir/$marker"
  if is_root; then
    chown "$owner:" "$dir" "$dir/$marker"
  fi
  chmod 700 "$dir"
  as_owner test -w "$dir" ||
    fail "the user $owner cannot write $dir (a folder above it is closed to that user?); choose a DIR under /tmp"
  # Unix sockets' paths are at most 107 bytes: DIR/.s.PGSQL.NNNNN must fit.
  [ $((${#dir} + 18)) -le 107 ] || fail "$dir is too long a path for the server's socket (at most 89 bytes)"

  local data="$dir/data"
  if ! as_owner "$bin/initdb" --pgdata="$data" --username="$superuser" --auth=trust --encoding=UTF8 --locale=C \
    --no-sync --no-instructions >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    fail "initdb failed (log above, and in $dir/initdb.log)"
  fi

  # Trust on this cluster's socket (in DIR, closed to others) and on 127.0.0.1; nothing else is accepted.
  cat >"$data/pg_hba.conf" <<EOF
# .ci/postgres.sh: a throwaway cluster, reachable only from this machine.
local all all trust
host  all all 127.0.0.1/32 trust
EOF

  local socket_dir=${dir//\'/\'\'}
  local port attempt started=
  for attempt in 1 2 3 4 5; do
    port=$(free_port $((55432 + attempt * 7)))
    # Appended settings override those before them; a retry appends a new port after the last.
    cat >>"$data/postgresql.conf" <<EOF

# .ci/postgres.sh (attempt $attempt)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket_dir'
# A throwaway cluster: no need to survive a crash of the machine.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    if as_owner "$bin/pg_ctl" start --pgdata="$data" --log="$dir/server.log" --wait --timeout=60 --silent >/dev/null 2>&1; then
      started=1
      break
    fi
    # Another process took the port meanwhile: try another one. Any other failure is final.
    if ! grep -qiE "could not bind|address already in use|could not create any TCP/IP sockets" "$dir/server.log" 2>/dev/null; then
      break
    fi
    echo "postgres.sh: port $port was taken, trying another" >&2
  done
  if [ -z "$started" ]; then
    tail -n 30 "$dir/server.log" >&2 2>/dev/null || true
    fail "the server did not start (log above, and in $dir/server.log)"
  fi

  if ! as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U "$superuser" -d postgres \
    -c "CREATE ROLE $role LOGIN CREATEDB" \
    -c "CREATE DATABASE $database OWNER $role" >"$dir/setup.log" 2>&1; then
    cat "$dir/setup.log" >&2
    fail "could not create the role $role and the database $database (the server runs: $0 stop $dir)"
  fi

  local url="postgres://$role@127.0.0.1:$port/$database"
  echo "$url" >"$dir/url"
  echo "postgres.sh: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $url (data $data, owner $owner)" >&2
  echo "$url"
}

stop() {
  [ -e "$dir" ] || return 0
  dir=$(cd "$dir" && pwd -P)
  # Only a folder this script made (or an empty one) is removed: a wrong argument must not delete anything else.
  if [ ! -e "$dir/$marker" ]; then
    if [ -z "$(ls -A "$dir")" ]; then
      rmdir "$dir"
      return 0
    fi
    fail "$dir was not made by $0 start (no $marker in it): left as it is"
  fi
  local data="$dir/data"
  if [ -f "$data/postmaster.pid" ]; then
    owner=$(stat -c %U "$data")
    if ! is_root && [ "$owner" != "$(id -un)" ]; then
      fail "the cluster in $data belongs to $owner: stop it as that user or as root"
    fi
    local bin
    bin=$(find_bin) || true
    if [ -n "$bin" ]; then
      if ! as_owner "$bin/pg_ctl" stop --pgdata="$data" --mode=fast --wait --timeout=60 --silent >/dev/null 2>&1; then
        # Not running after all (a stale pid file), or not stopping in time: make sure it is gone.
        as_owner "$bin/pg_ctl" stop --pgdata="$data" --mode=immediate --wait --silent >/dev/null 2>&1 || true
      fi
    fi
  fi
  rm -rf "$dir"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
