#!/usr/bin/env bash
# pgwire serve against its own engine used in-process (no server in between), in the same run:
# pgbench SELECT 1 vs a loop of JDBC executeQuery on as many DuckDB connections, and a 1M-row read
# by pgjdbc vs the same query read in-process. The ratio is the cost of the wire.
#
#   bench/serve-vs-duckdb.sh [seconds=10] [clients=16] [rows=1000000]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
secs="${1:-10}"; clients="${2:-16}"; rows="${3:-1000000}"
source "$here/lib.sh"

if [ ! -f "$root/bench/target/pgwire-bench.jar" ] || [ ! -f "$root/cli/target/pgwire.jar" ]; then
  (cd "$root" && mvn -q -B -DskipTests -pl bench,cli -am install)
fi
port=$(free_port)
java -Xmx1g -jar "$root/cli/target/pgwire.jar" serve --in-memory --port "$port" --max-connections 500 \
  > "$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q listening "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
cp="$root/bench/target/pgwire-bench.jar"

echo "SELECT 1;" > "$work/select1.sql"
pgbench -n -h 127.0.0.1 -p "$port" -U bench -c "$clients" -j 2 -T 3 -f "$work/select1.sql" bench >/dev/null 2>&1
a=$(pgbench -n -h 127.0.0.1 -p "$port" -U bench -c "$clients" -j 2 -T "$secs" -f "$work/select1.sql" bench 2>&1 \
    | awk '/^tps/ {print int($3)}')
b=$(java -cp "$cp" dev.pgwire.bench.DuckDbInProcess qps "$clients" "$secs" "SELECT 1" | sed 's/qps=//')

sql="SELECT range AS id, 'name' AS name, 0.5::DOUBLE AS score, range % 2 = 0 AS flag FROM range(1, $rows + 1)"
java -cp "$cp" dev.pgwire.bench.LargeResultClient "jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres" "$sql" 1 >/dev/null
c=$(java -cp "$cp" dev.pgwire.bench.LargeResultClient "jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres" "$sql" 1 \
    | sed -E 's/.*rows_per_sec=([0-9]+).*/\1/')
d=$(java -cp "$cp" dev.pgwire.bench.DuckDbInProcess rows "$sql" | sed -E 's/.*rows_per_sec=([0-9]+).*/\1/')

printf '%-28s %-14s %-18s %s\n' measure serve duckdb-in-process ratio
printf '%-28s %-14s %-18s %s\n' "SELECT 1, $clients clients (q/s)" "$a" "$b" "$(ratio "$a" "$b")"
printf '%-28s %-14s %-18s %s\n' "$rows rows x 4 (rows/s)" "$c" "$d" "$(ratio "$c" "$d")"
