#!/usr/bin/env bash
# The pgwire client against pgjdbc on the same PostgreSQL 15, alternating rounds (each round a
# fresh JVM per client, warmed up before it measures); prints medians and ratios.
#   - SELECT 1: a prepared statement executed N times, pgwire pipelined and one at a time,
#     pgjdbc one at a time (JDBC has no pipelining for queries);
#   - large read: ROWS rows x 4 columns, pgwire streaming (calling thread, and event loop),
#     pgjdbc with fetch size 10 000.
#
#   bench/client-bench.sh [rows=1000000] [statements=20000] [rounds=5]
#   MVN_ARGS=-o bench/client-bench.sh      # build offline
# run-all: 1000000 20000 3
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows="${1:-1000000}"; statements="${2:-20000}"; rounds="${3:-5}"
source "$here/lib.sh"


build_bench_jar
start_postgres

cp="$root/bench/target/pgwire-bench.jar"
conninfo="host=127.0.0.1 port=$pg_port user=postgres dbname=postgres sslmode=disable"
jdbc="jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres"
# the bench jar carries no SLF4J binding: drop its one-time warning, keep any other stderr
run() {
  java -Xmx1g -cp "$cp" dev.pgwire.bench.ClientBench "$@" 2> >(grep -v '^SLF4J' >&2) | sed -E 's/.*_per_sec=([0-9]+).*/\1/'
}

declare -A results
for r in $(seq 1 "$rounds"); do
  for mode in pgwire-pipeline pgwire-sequential pgjdbc; do
    target=$conninfo; [ "$mode" = pgjdbc ] && target=$jdbc
    results[select1.$mode]="${results[select1.$mode]:-} $(run select1 "$mode" "$target" "$statements")"
  done
  for mode in pgwire-stream pgwire-foreach pgjdbc; do
    target=$conninfo; [ "$mode" = pgjdbc ] && target=$jdbc
    results[large.$mode]="${results[large.$mode]:-} $(run large "$mode" "$target" "$rows")"
  done
  echo "round $r: select1 ${results[select1.pgwire-pipeline]##* } / ${results[select1.pgwire-sequential]##* } / ${results[select1.pgjdbc]##* } stmt/s;" \
       "large ${results[large.pgwire-stream]##* } / ${results[large.pgwire-foreach]##* } / ${results[large.pgjdbc]##* } rows/s" >&2
done

med() { median ${results[$1]}; }
p1=$(med select1.pgwire-pipeline); s1=$(med select1.pgwire-sequential); j1=$(med select1.pgjdbc)
ls=$(med large.pgwire-stream); lf=$(med large.pgwire-foreach); lj=$(med large.pgjdbc)
echo
printf '%-38s %-14s %s\n' "benchmark (median of $rounds)" "per second" "vs pgjdbc"
printf '%-38s %-14s %s\n' "SELECT 1 x $statements, pgwire pipelined" "$p1" "$(ratio "$p1" "$j1")"
printf '%-38s %-14s %s\n' "SELECT 1 x $statements, pgwire sequential" "$s1" "$(ratio "$s1" "$j1")"
printf '%-38s %-14s %s\n' "SELECT 1 x $statements, pgjdbc" "$j1" "1.00x"
printf '%-38s %-14s %s\n' "$rows rows, pgwire stream" "$ls" "$(ratio "$ls" "$lj")"
printf '%-38s %-14s %s\n' "$rows rows, pgwire forEach" "$lf" "$(ratio "$lf" "$lj")"
printf '%-38s %-14s %s\n' "$rows rows, pgjdbc (fetch 10000)" "$lj" "1.00x"
section="pgwire client vs pgjdbc on PostgreSQL 15"
report_row "$section" "SELECT 1 x $statements, pipelined (statements/s)" "$p1" "$j1" "$(ratio "$p1" "$j1")" "-"
report_row "$section" "SELECT 1 x $statements, one at a time (statements/s)" "$s1" "$j1" "$(ratio "$s1" "$j1")" "-"
report_row "$section" "$rows rows, stream (rows/s)" "$ls" "$lj" "$(ratio "$ls" "$lj")" "-"
report_row "$section" "$rows rows, forEach (rows/s)" "$lf" "$lj" "$(ratio "$lf" "$lj")" "-"
