#!/usr/bin/env bash
# The README's first command, for real: ops/run builds a release, seeds the demo and serves /healthz.
# Uses its own database and credentials file so a developer's ./var is left alone; stops it with SIGINT
# (Ctrl-C) and expects a clean exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$root/ops/run" --database "sqlite:$work/db/kompetens.db" --demo-credentials-file "$work/creds.txt" \
  --port 0 --port-file "$work/port" >"$work/out.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  [ -s "$work/port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/out.log"; echo "ops/run exited early" >&2; exit 1; }
  sleep 0.5
done
[ -s "$work/port" ] || { cat "$work/out.log"; echo "ops/run did not start listening" >&2; exit 1; }
port=$(cat "$work/port")
body=$(curl -fsS "http://127.0.0.1:$port/healthz")
[ "$body" = '{"status":"ok"}' ] || { echo "unexpected /healthz answer: $body" >&2; exit 1; }
grep -q "Kompetens is serving on http://127.0.0.1:$port/" "$work/out.log" || { cat "$work/out.log"; exit 1; }
grep -q '^admin ' "$work/creds.txt" || { echo "no demo admin in the credentials file" >&2; exit 1; }
kill -INT "$pid"
status=0
wait "$pid" || status=$?
[ "$status" -eq 0 ] || { cat "$work/out.log"; echo "ops/run exited with $status after Ctrl-C" >&2; exit 1; }
echo "ops/run served /healthz on port $port and stopped cleanly"
