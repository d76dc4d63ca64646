#!/usr/bin/env bash
# pgbench "SELECT 1" against the no-op handler and PostgreSQL 15 in the same run, alternating
# rounds so both see the same machine noise; prints median TPS and mean latency per target, mode
# and client count, and the ratios.
#
#   bench/pgbench-select1.sh [seconds-per-round=10] [rounds=3] [clients="16"]
#   bench/pgbench-select1.sh 5 3 "1 4 16 64"     # throughput and latency against client count
# run-all: 5 3 "1 4 16 64"
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
secs="${1:-10}"; rounds="${2:-3}"; client_counts="${3:-16}"
source "$here/lib.sh"

build_bench_jar
start_postgres
start_bench_server noop

script="$work/select1.sql"
echo "SELECT 1;" > "$script"

bench() { # bench PORT USER DB CLIENTS MODE SECONDS -> "tps latency_ms"
  pgbench -n -h 127.0.0.1 -p "$1" -U "$2" -c "$4" -j 2 -T "$6" -M "$5" -f "$script" "$3" 2>&1 \
    | awk '/^latency average/ {lat=$4} /^tps/ {tps=int($3)} END {print tps, lat}'
}

# warm up both servers (JIT, connection paths) before measuring
max_clients=$(printf '%s\n' $client_counts | sort -n | tail -1)
bench "$bench_port" bench bench "$max_clients" prepared 3 >/dev/null
bench "$pg_port" postgres postgres "$max_clients" prepared 3 >/dev/null

declare -A tps lat
for clients in $client_counts; do
  for mode in simple prepared; do
    for r in $(seq 1 "$rounds"); do
      for target in pgwire postgres; do
        if [ "$target" = pgwire ]; then set -- "$bench_port" bench bench; else set -- "$pg_port" postgres postgres; fi
        read -r t l < <(bench "$@" "$clients" "$mode" "$secs")
        tps[$target.$mode.$clients]="${tps[$target.$mode.$clients]:-} $t"
        lat[$target.$mode.$clients]="${lat[$target.$mode.$clients]:-} $l"
        echo "clients $clients round $r $mode $target: $t tps, $l ms" >&2
      done
    done
  done
done

med_float() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo
printf '%-8s %-9s %-14s %-14s %-8s %-18s %s\n' clients mode pgwire-noop postgres-15 ratio "latency ms (ours)" "latency ms (pg)"
for clients in $client_counts; do
  for mode in simple prepared; do
    a=$(median ${tps[pgwire.$mode.$clients]}); b=$(median ${tps[postgres.$mode.$clients]})
    la=$(med_float ${lat[pgwire.$mode.$clients]}); lb=$(med_float ${lat[postgres.$mode.$clients]})
    printf '%-8s %-9s %-14s %-14s %-8s %-18s %s\n' "$clients" "$mode" "$a" "$b" "$(ratio "$a" "$b")" "$la" "$lb"
    report_row "pgbench SELECT 1: no-op handler vs PostgreSQL 15" "$mode, $clients clients (TPS)" "$a" "$b" "$(ratio "$a" "$b")" ">= 1.3x"
    report_point "pgbench-select1-tps" "pgwire no-op, $mode" "$clients" "$a"
    report_point "pgbench-select1-tps" "PostgreSQL 15, $mode" "$clients" "$b"
    report_point "pgbench-select1-latency" "pgwire no-op, $mode" "$clients" "$la"
    report_point "pgbench-select1-latency" "PostgreSQL 15, $mode" "$clients" "$lb"
  done
done
report_chart "pgbench-select1-tps" "pgbench SELECT 1: throughput" "clients" "transactions/s"
report_chart "pgbench-select1-latency" "pgbench SELECT 1: mean latency" "clients" "ms"
