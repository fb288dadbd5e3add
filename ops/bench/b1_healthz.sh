#!/usr/bin/env bash
# B1: /healthz requests per second of kompetens-server against the minimal Beast server of
# ops/bench/minimal_beast.cpp, both built in BUILD_DIR with the same flags, both with one I/O thread, the
# same wrk settings, interleaved rounds; prints the median of each and the ratio.
#   ops/bench/b1_healthz.sh BUILD_DIR [ROUNDS]
set -euo pipefail
build=${1:?build directory}
rounds=${2:-3}
wrk_args=(-t1 -c64 -d5s)
command -v wrk >/dev/null || { echo "b1: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

tmp=$(mktemp -d)
cleanup() { kill "${ours_pid:-}" "${base_pid:-}" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

"$build/server/app/kompetens-server" serve --database "sqlite:$tmp/b1.db" --port 0 --port-file "$tmp/port" \
  >"$tmp/server.out" 2>"$tmp/server.log" &
ours_pid=$!
base_port=$(free_port)
"$build/ops/bench/kompetens-bench-minimal-beast" "$base_port" &
base_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
ours_port=$(cat "$tmp/port")
sleep 0.5

rps() { wrk "${wrk_args[@]}" "http://127.0.0.1:$1/healthz" | awk '/Requests\/sec/ {print $2}'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: >"$tmp/ours"; : >"$tmp/base"
for _ in $(seq "$rounds"); do
  rps "$ours_port" >>"$tmp/ours"
  rps "$base_port" >>"$tmp/base"
done
ours=$(median <"$tmp/ours")
base=$(median <"$tmp/base")
echo "| /healthz | wrk ${wrk_args[*]} | $ours | $base | $(awk -v a="$ours" -v b="$base" 'BEGIN {r = a / b; printf "%.2f | ≥ 0.9: %s", r, (r >= 0.9 ? "met" : "missed")}') |"
echo "rounds: ours $(paste -sd' ' "$tmp/ours"); minimal Beast $(paste -sd' ' "$tmp/base")" >&2
