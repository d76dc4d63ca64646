#!/usr/bin/env bash
# Catalog queries on a large schema: TABLES tables x 20 columns created identically on `pgwire
# serve --in-memory` and on PostgreSQL 15, then, alternating between the two in every round:
#   - psql `\dt` and `\d t0500` (wall time of the psql command, connection included);
#   - pgjdbc DatabaseMetaData.getColumns over all tables (one call, every column);
#   - SQLAlchemy 2 MetaData.reflect of the whole schema through psycopg 3.
# Prints medians and time on serve / time on PostgreSQL (goal <= 2x).
#
#   bench/catalog.sh [tables=1000] [rounds=5]
# run-all: 1000 3
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
tables="${1:-1000}"; rounds="${2:-5}"
source "$here/lib.sh"

build_serve_jar
start_postgres
start_serve

python3 "$here/python/catalog_schema.py" "$tables" > "$work/schema.sql"
ddl_pg=$(ms psql_pg -1 -f "$work/schema.sql"); echo "schema on postgres: $ddl_pg ms" >&2
ddl_serve=$(ms psql_serve -1 -f "$work/schema.sql"); echo "schema on serve: $ddl_serve ms" >&2
probe="t$(printf '%04d' $(( (tables + 1) / 2 )))"

# the first catalog query after DDL builds serve's catalog; the warm-up reads are not measured,
# and they check that both servers list the same tables
[ "$(psql_serve -At -c '\dt' | wc -l)" = "$(psql_pg -At -c '\dt' | wc -l)" ] || { echo "\\dt differs" >&2; exit 1; }
diff <(psql_serve -c "\\d $probe") <(psql_pg -c "\\d $probe") >&2 || { echo "\\d $probe differs" >&2; exit 1; }

declare -A t
for r in $(seq 1 "$rounds"); do
  for target in serve pg; do
    t[dt.$target]="${t[dt.$target]:-} $(ms psql_$target -c '\dt')"
    t[d.$target]="${t[d.$target]:-} $(ms psql_$target -c "\\d $probe")"
  done
  echo "round $r: \\dt ${t[dt.serve]##* } / ${t[dt.pg]##* } ms, \\d ${t[d.serve]##* } / ${t[d.pg]##* } ms (serve / postgres)" >&2
done
t[conn.serve]=""; t[conn.pg]=""
for r in $(seq 1 "$rounds"); do
  for target in serve pg; do t[conn.$target]="${t[conn.$target]} $(ms psql_$target -c 'SELECT 1')"; done
done

cp="$root/bench/target/pgwire-bench.jar"
jdbc=$(java -cp "$cp" dev.pgwire.bench.CatalogMetadata \
  "jdbc:postgresql://127.0.0.1:$serve_port/postgres?user=postgres" \
  "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" "$rounds" 2> >(grep -v '^SLF4J' >&2))
sqla=$(python3 "$here/python/reflect.py" \
  "postgresql+psycopg://postgres@127.0.0.1:$serve_port/postgres" \
  "postgresql+psycopg://postgres@127.0.0.1:$pg_port/postgres" "$rounds")
field() { sed -E "s/.*$1=([0-9]+).*/\\1/" <<<"$2"; }

section="Catalog: $tables tables x 20 columns"
echo
printf '%-44s %-10s %-14s %s\n' "median of $rounds (ms)" serve postgres-15 "serve/postgres"
row() { # row MEASURE SERVE_MS POSTGRES_MS [GOAL]
  printf '%-44s %-10s %-14s %s\n' "$1" "$2" "$3" "$(ratio "$2" "$3")"
  report_row "$section" "$1 (ms)" "$2" "$3" "$(ratio "$2" "$3")" "${4:-<= 2x}"
}
row "CREATE TABLE x $tables, one transaction (once)" "$ddl_serve" "$ddl_pg" "-"
row "psql -c 'SELECT 1' (connection)" "$(median ${t[conn.serve]})" "$(median ${t[conn.pg]})" "-"
row "psql \\dt" "$(median ${t[dt.serve]})" "$(median ${t[dt.pg]})"
row "psql \\d $probe" "$(median ${t[d.serve]})" "$(median ${t[d.pg]})"
row "pgjdbc getColumns, all tables ($(field rows "$jdbc") rows)" "$(field ours_ms "$jdbc")" "$(field reference_ms "$jdbc")"
if grep -q '_error=' <<<"$sqla"; then
  printf '%-44s %s\n' "SQLAlchemy MetaData.reflect" "fails: $sqla"
  report_row "$section" "SQLAlchemy MetaData.reflect (ms)" "fails" "-" "-" "<= 2x"
  report_note "$section" "SQLAlchemy MetaData.reflect: $sqla"
else
  row "SQLAlchemy MetaData.reflect ($(field tables "$sqla") tables)" "$(field ours_ms "$sqla")" "$(field reference_ms "$sqla")"
fi

# where the time of psql's commands goes: each query psql sends, timed alone on both servers
echo
echo "the queries of psql's \\d $probe and \\dt, each alone (median of $rounds, ms):"
printf '%8s %8s %8s  %s\n' serve postgres ratio query
for cmd in "\\d $probe" "\\dt"; do
  psql_serve -E -c "$cmd" 2>&1 | python3 "$here/python/query_times.py" \
    "host=127.0.0.1 port=$serve_port user=postgres dbname=postgres" \
    "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" "$rounds"
done
