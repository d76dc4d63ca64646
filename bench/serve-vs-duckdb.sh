#!/usr/bin/env bash
# pgwire serve against its own engine used in-process (no server in between), in the same run:
# pgbench SELECT 1 vs a loop of JDBC executeQuery on as many DuckDB connections, and a 1M-row read
# by pgjdbc vs the same query read in-process. The ratio is the cost of the wire and the
# translation. Rounds alternate serve and in-process; medians are printed. In each round each side
# reads the result READS times in one JVM and the last read is measured (JIT warm on both sides).
#
#   bench/serve-vs-duckdb.sh [seconds=10] [clients=16] [rows=1000000] [rounds=3] [reads=5]
# run-all: 5 16 1000000 3
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
secs="${1:-10}"; clients="${2:-16}"; rows="${3:-1000000}"; rounds="${4:-3}"; reads="${5:-5}"
source "$here/lib.sh"

build_serve_jar
start_serve
cp="$root/bench/target/pgwire-bench.jar"

echo "SELECT 1;" > "$work/select1.sql"
pgbench -n -h 127.0.0.1 -p "$serve_port" -U postgres -c "$clients" -j 2 -T 3 -f "$work/select1.sql" postgres >/dev/null 2>&1
sql="SELECT range AS id, 'name' AS name, 0.5::DOUBLE AS score, range % 2 = 0 AS flag FROM range(1, $rows + 1)"
java -cp "$cp" dev.pgwire.bench.LargeResultClient "jdbc:postgresql://127.0.0.1:$serve_port/postgres?user=postgres" "$sql" 1 >/dev/null
a=(); b=(); c=(); d=()
for r in $(seq 1 "$rounds"); do
  a+=("$(pgbench -n -h 127.0.0.1 -p "$serve_port" -U postgres -c "$clients" -j 2 -T "$secs" -f "$work/select1.sql" postgres 2>&1 \
      | awk '/^tps/ {print int($3)}')")
  b+=("$(java -cp "$cp" dev.pgwire.bench.DuckDbInProcess qps "$clients" "$secs" "SELECT 1" | sed 's/qps=//')")
  # each side reads $reads times in its JVM and the last read is measured (pgjdbc's parsing needs a few to be compiled)
  c+=("$(java -cp "$cp" dev.pgwire.bench.LargeResultClient "jdbc:postgresql://127.0.0.1:$serve_port/postgres?user=postgres" "$sql" "$reads" \
      | tail -n 1 | sed -E 's/.*rows_per_sec=([0-9]+).*/\1/')")
  d+=("$(java -cp "$cp" dev.pgwire.bench.DuckDbInProcess rows "$sql" "$reads" | sed -E 's/.*rows_per_sec=([0-9]+).*/\1/')")
  echo "round $r: SELECT 1 ${a[-1]} / ${b[-1]} q/s, $rows rows ${c[-1]} / ${d[-1]} rows/s (serve / in-process)" >&2
done
a=$(median "${a[@]}"); b=$(median "${b[@]}"); c=$(median "${c[@]}"); d=$(median "${d[@]}")

section="serve vs DuckDB in-process"
printf '%-28s %-14s %-18s %s\n' "median of $rounds" serve duckdb-in-process ratio
printf '%-28s %-14s %-18s %s\n' "SELECT 1, $clients clients (q/s)" "$a" "$b" "$(ratio "$a" "$b")"
printf '%-28s %-14s %-18s %s\n' "$rows rows x 4 (rows/s)" "$c" "$d" "$(ratio "$c" "$d")"
report_row "$section" "SELECT 1, $clients clients (q/s)" "$a" "$b" "$(ratio "$a" "$b")" ">= 0.95x"
report_row "$section" "$rows rows x 4 through pgjdbc (rows/s)" "$c" "$d" "$(ratio "$c" "$d")" ">= 0.8x"
