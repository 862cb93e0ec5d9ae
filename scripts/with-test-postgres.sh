#!/usr/bin/env bash
# Runs a command with TEST_DATABASE_URL set to a throw-away PostgreSQL database:
#
#   scripts/with-test-postgres.sh make test
#
# Uses the PostgreSQL on 127.0.0.1:5432 when one answers; otherwise installs Debian's
# `postgresql` (when missing) and starts its cluster. Integration tests create their own
# databases named after this one; all of them are dropped when the command ends.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=127.0.0.1 PORT=5432
PREFIX=exitgesprek_ci
say() { printf 'postgres: %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { as_root su postgres -s /bin/sh -c "$*"; }

ensure_server() {
  if pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; then return; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    say "installing Debian's postgresql"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -1)
  say "starting cluster $version/main"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 30); do pg_isready -q -h "$HOST" -p "$PORT" && return; sleep 1; done
  echo "postgres: no server answers on $HOST:$PORT" >&2
  exit 1
}

# A role that may create databases: `postgres` where trust auth lets us in (our machines),
# else a dedicated test role made through the local socket.
admin_url() {
  if psql -w -h "$HOST" -p "$PORT" -U postgres -d postgres -qtAc 'select 1' >/dev/null 2>&1; then
    echo "postgres://postgres@$HOST:$PORT"
    return
  fi
  local role=exitgesprek_test
  as_postgres "psql -qtAc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role')
    THEN CREATE ROLE $role LOGIN CREATEDB PASSWORD '$role'; END IF; END \\\$\\\$\"" >/dev/null
  echo "postgres://$role:$role@$HOST:$PORT"
}

drop_databases() {
  local like=$1
  psql -w "$ADMIN/postgres" -qtAc "select datname from pg_database where datname like '$like'" |
    while read -r db; do
      [ -n "$db" ] && psql -w "$ADMIN/postgres" -qc "drop database if exists \"$db\" with (force)"
    done
}

ensure_server
ADMIN=$(admin_url)
drop_databases "${PREFIX}_%" # leftovers of an earlier run that was killed
NAME="${PREFIX}_$$"
psql -w "$ADMIN/postgres" -qc "create database \"$NAME\""
trap 'drop_databases "${NAME}%"' EXIT
export TEST_DATABASE_URL="$ADMIN/$NAME"
say "TEST_DATABASE_URL=$TEST_DATABASE_URL"
"$@"
