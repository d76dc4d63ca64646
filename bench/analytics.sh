#!/usr/bin/env bash
# Analytical queries over ROWS rows (a fact table joined to 100 000 customers) on `pgwire serve
# --in-memory`, on PostgreSQL 15 and on DuckDB in-process (the engine serve runs on, no server in
# between), alternating in every round; the SQL is the same text on all three and the answers
# must agree. Prints medians and two ratios:
#   - PostgreSQL / serve: how much faster serve answers than PostgreSQL (why users come);
#   - serve / DuckDB in-process: what translation and the wire cost (goal <= 1.05).
#
#   bench/analytics.sh [rows=10000000] [rounds=5]
# run-all: 10000000 5
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows="${1:-10000000}"; rounds="${2:-5}"
source "$here/lib.sh"

build_serve_jar
start_postgres
start_serve

cp="$root/bench/target/pgwire-bench.jar"
out=$(java -Xmx2g -cp "$cp" dev.pgwire.bench.AnalyticsBench \
  "jdbc:postgresql://127.0.0.1:$serve_port/postgres?user=postgres" \
  "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" "$rows" "$rounds" 2> >(grep -v '^SLF4J' >&2))

section="Analytics: $rows rows"
echo
printf '%-34s %-9s %-12s %-10s %-16s %s\n' "median of $rounds (ms)" serve postgres-15 duckdb "postgres/serve" "serve/duckdb"
while read -r line; do
  case "$line" in
    query=*)
      q=$(sed -E 's/query=([^ ]+).*/\1/' <<<"$line" | tr _ ' ')
      s=$(sed -E 's/.*serve_ms=([0-9]+).*/\1/' <<<"$line")
      p=$(sed -E 's/.*postgres_ms=([0-9]+).*/\1/' <<<"$line")
      d=$(sed -E 's/.*duckdb_ms=([0-9]+).*/\1/' <<<"$line")
      printf '%-34s %-9s %-12s %-10s %-16s %s\n' "$q" "$s" "$p" "$d" "$(ratio "$p" "$s")" "$(ratio "$s" "$d")"
      report_row "$section: serve vs PostgreSQL 15" "$q (ms)" "$s" "$p" "$(ratio "$p" "$s")" "PostgreSQL time / serve time"
      report_row "$section: serve vs DuckDB in-process" "$q (ms)" "$s" "$d" "$(ratio "$s" "$d")" "<= 1.05x"
      ;;
    load*)
      echo "$line" >&2
      report_note "$section: serve vs PostgreSQL 15" "Loading (CREATE TABLE, INSERT … SELECT of the rows, PostgreSQL also VACUUM ANALYZE): ${line#load }"
      ;;
  esac
done <<<"$out"
