#!/usr/bin/env bash
# A 1M-row x 4-column result read by pgjdbc (fetch size 10 000): the generating handler vs
# generate_series on PostgreSQL 15, alternating rounds; then the server's peak heap while it
# streams 10M rows with -Xmx64m.
#
#   bench/large-result.sh [rows=1000000] [rounds=3]
# run-all: 1000000 3
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows="${1:-1000000}"; rounds="${2:-3}"
source "$here/lib.sh"

build_bench_jar
start_postgres
BENCH_JAVA_OPTS="-Xmx64m" start_bench_server generate

cp="$root/bench/target/pgwire-bench.jar"
client() { java -Xmx512m -cp "$cp" dev.pgwire.bench.LargeResultClient "$@"; }
pg_sql="SELECT g::int8 AS id, 'name'::text AS name, 0.5::float8 AS score, (g % 2 = 0) AS flag FROM generate_series(1, $rows) g"
# one unmeasured read each, so neither JVM side is measured cold
client "jdbc:postgresql://127.0.0.1:$bench_port/bench?user=bench" "SELECT $rows" >/dev/null
client "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" "$pg_sql" >/dev/null
ours=(); theirs=()
for r in $(seq 1 "$rounds"); do
  a=$(client "jdbc:postgresql://127.0.0.1:$bench_port/bench?user=bench" "SELECT $rows" | sed -E 's/.*rows_per_sec=([0-9]+).*/\1/')
  b=$(client "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" "$pg_sql" | sed -E 's/.*rows_per_sec=([0-9]+).*/\1/')
  echo "round $r: pgwire $a rows/s, postgres $b rows/s" >&2
  ours+=("$a"); theirs+=("$b")
done
a=$(median "${ours[@]}"); b=$(median "${theirs[@]}")
echo
printf '%-22s %-14s %-14s %s\n' "result ($rows rows)" pgwire postgres-15 ratio
printf '%-22s %-14s %-14s %s\n' "rows/s (median)" "$a" "$b" "$(ratio "$a" "$b")"
report_row "Large result through pgjdbc: generating handler vs PostgreSQL 15" "$rows rows x 4 (rows/s)" "$a" "$b" "$(ratio "$a" "$b")" ">= 1.0x"

# Heap while streaming 10M rows: the server runs with -Xmx64m; PEAK reports its peak heap use.
psql_peak() { psql -X -At -h 127.0.0.1 -p "$bench_port" -U bench -d bench -c "PEAK"; }
psql_peak >/dev/null
client "jdbc:postgresql://127.0.0.1:$bench_port/bench?user=bench" "SELECT 10000000" >/dev/null
peak=$(psql_peak)
mib=$(awk -v p="$peak" 'BEGIN {printf "%.1f", p/1048576}')
printf '%-22s %s MiB (server -Xmx64m)\n' "peak heap, 10M rows" "$mib"
report_row "Large result through pgjdbc: generating handler vs PostgreSQL 15" "server peak heap streaming 10M rows (MiB)" "$mib" "-" "-" "< 64 MiB"
