#!/usr/bin/env bash
# pgbench "SELECT 1" against the no-op handler and PostgreSQL 15 in the same run, alternating
# rounds so both see the same machine noise; prints median TPS per target and mode and the ratio.
#
#   bench/pgbench-select1.sh [seconds-per-round=10] [rounds=3] [clients=16]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
secs="${1:-10}"; rounds="${2:-3}"; clients="${3:-16}"
source "$here/lib.sh"

build_bench_jar
start_postgres
start_bench_server noop

script="$work/select1.sql"
echo "SELECT 1;" > "$script"

# warm up both servers (JIT, connection paths) before measuring
pgbench -n -h 127.0.0.1 -p "$bench_port" -U bench -c "$clients" -j 2 -T 3 -M prepared -f "$script" bench >/dev/null 2>&1
pgbench -n -h 127.0.0.1 -p "$pg_port" -U postgres -c "$clients" -j 2 -T 3 -M prepared -f "$script" postgres >/dev/null 2>&1

declare -A results
for mode in simple prepared; do
  for r in $(seq 1 "$rounds"); do
    for target in pgwire postgres; do
      if [ "$target" = pgwire ]; then port=$bench_port; user=bench; db=bench; else port=$pg_port; user=postgres; db=postgres; fi
      tps=$(pgbench -n -h 127.0.0.1 -p "$port" -U "$user" -c "$clients" -j 2 -T "$secs" -M "$mode" -f "$script" "$db" 2>&1 \
            | awk '/^tps/ {print int($3)}')
      results[$target.$mode]="${results[$target.$mode]:-} $tps"
      echo "round $r $mode $target: $tps tps" >&2
    done
  done
done

echo
printf '%-9s %-14s %-14s %s\n' mode pgwire-noop postgres-15 ratio
for mode in simple prepared; do
  a=$(median ${results[pgwire.$mode]}); b=$(median ${results[postgres.$mode]})
  printf '%-9s %-14s %-14s %s\n' "$mode" "$a" "$b" "$(ratio "$a" "$b")"
done
