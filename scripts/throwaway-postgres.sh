# Sourced by scripts/test.sh and bench/run.sh: a throwaway PostgreSQL server from the machine's server binaries,
# initialised as the postgres user into a temporary folder and listening on a free loopback port.
#   find_postgres                      sets PG_BIN to a folder with initdb, pg_ctl and postgres (Debian's postgresql-15 first)
#   start_postgres NAME [OPTION ...]   starts one (server options such as "-c fsync=off"); sets PG_DIR and PG_PORT
#   stop_postgres                      stops it and removes its folder (safe to call when none was started)
PG_BIN=""
PG_DIR=""
PG_PORT=""

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

find_postgres() {
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then PG_BIN="$dir"; return 0; fi
  done
  return 1
}

start_postgres() {
  local name=$1; shift
  PG_DIR=$(mktemp -d "/tmp/$name.XXXXXX")
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; fi
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-sync >"$PG_DIR/initdb.log" 2>&1 || return 1
  run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 $*" start >/dev/null || return 1
}

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [ -n "$PG_DIR" ]; then rm -rf "$PG_DIR"; fi
  return 0
}
