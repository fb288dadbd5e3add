# Sourced by ops/test: a throwaway PostgreSQL 15 cluster in a temporary directory on a free port of
# 127.0.0.1, owned by an unprivileged user (initdb refuses to run as root). pg_cluster_start sets
# KOMPETENS_TEST_PG_URL; pg_cluster_stop stops it and removes every file.

pg_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  echo "ops/test: PostgreSQL server binaries not found (ops/deps installs them)" >&2
  return 1
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo $(( 20000 + RANDOM % 20000 ))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

pg_cluster_start() {
  PG_BIN=$(pg_bin)
  PG_DIR=$(mktemp -d /tmp/kompetens-pg.XXXXXX)
  PG_PORT=$(free_port)
  PG_USER=$(id -un)
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    PG_USER=postgres
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    # runuser keeps the working directory, which the postgres user may not be allowed to enter.
    as_pg=(runuser -u postgres -- env -C /)
  fi
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U kompetens -A trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; return 1; }
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" start >/dev/null ||
    { cat "$PG_DIR/server.log" >&2; return 1; }
  "${as_pg[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U kompetens kompetens_test
  export KOMPETENS_TEST_PG_URL="postgresql://kompetens@127.0.0.1:$PG_PORT/kompetens_test"
  export KOMPETENS_TEST_PG_PORT="$PG_PORT"
  export KOMPETENS_TEST_PG_DATA="$PG_DIR/data" # searched by the e2e suite for secrets in clear
  echo "ops/test: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2
}

pg_cluster_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
  PG_DIR=
}
