#!/usr/bin/env bash
# Foreign keys on `pgwire serve --in-memory` against PostgreSQL 15, alternating in every round:
# pgbench inserting rows that reference a 1 000-row parent table, into a child table with a foreign
# key and into the same table without one; the child tables start with ROWS rows. serve checks a key
# by joining the whole child table with the parent, so its cost grows with the table: the figures
# show by how much. Prints median TPS per target and table, serve's cost of the key (with / without)
# and serve / PostgreSQL.
#
#   bench/foreign-keys.sh [seconds=10] [rounds=3] [rows="0 100000 1000000"] [clients=4]
# run-all: 5 3 "0 100000" 4
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
secs="${1:-10}"; rounds="${2:-3}"; row_counts="${3:-0 100000 1000000}"; clients="${4:-4}"
source "$here/lib.sh"

build_serve_jar
start_postgres
start_serve

for table in child plain; do
  printf '\\set p random(1, 1000)\nINSERT INTO %s (parent_id, v) VALUES (:p, 1);\n' "$table" > "$work/$table.sql"
done

bench() { # bench PORT SCRIPT -> tps
  pgbench -n -h 127.0.0.1 -p "$1" -U postgres -c "$clients" -j 2 -T "$secs" -M prepared -f "$2" postgres 2>&1 \
    | awk '/^tps/ {tps=int($3)} END {print tps + 0}'
}

declare -A tps
for rows in $row_counts; do
  for target in serve pg; do
    psql_$target -c "DROP TABLE IF EXISTS child, plain, parent" \
      -c "CREATE TABLE parent (id int PRIMARY KEY, name text)" \
      -c "CREATE TABLE child (id bigserial PRIMARY KEY, parent_id int NOT NULL REFERENCES parent, v int)" \
      -c "CREATE TABLE plain (id bigserial PRIMARY KEY, parent_id int NOT NULL, v int)" \
      -c "INSERT INTO parent SELECT g, 'p' || g FROM generate_series(1, 1000) g" \
      -c "INSERT INTO child (parent_id, v) SELECT 1 + g % 1000, g FROM generate_series(1, $rows) g" \
      -c "INSERT INTO plain (parent_id, v) SELECT 1 + g % 1000, g FROM generate_series(1, $rows) g"
  done
  if [ "$rows" = "$(printf '%s\n' $row_counts | head -1)" ]; then # warm-up, unmeasured
    for target in serve pg; do
      port=$([ "$target" = serve ] && echo "$serve_port" || echo "$pg_port")
      secs_saved=$secs; secs=2; bench "$port" "$work/child.sql" >/dev/null; bench "$port" "$work/plain.sql" >/dev/null; secs=$secs_saved
    done
  fi
  for r in $(seq 1 "$rounds"); do
    for table in child plain; do
      for target in serve pg; do
        port=$([ "$target" = serve ] && echo "$serve_port" || echo "$pg_port")
        t=$(bench "$port" "$work/$table.sql")
        tps[$target.$table.$rows]="${tps[$target.$table.$rows]:-} $t"
        echo "rows $rows round $r $table $target: $t tps" >&2
      done
    done
  done
  orphans=$(psql_serve -At -c "SELECT count(*) FROM child c WHERE NOT EXISTS (SELECT 1 FROM parent p WHERE p.id = c.parent_id)")
  [ "$orphans" = 0 ] || { echo "serve: $orphans child rows reference nothing" >&2; exit 1; }
done

echo
printf '%-10s %-12s %-12s %-12s %-12s %-14s %s\n' "rows" "serve key" "serve none" "pg key" "pg none" "serve key/none" "serve/pg (key)"
for rows in $row_counts; do
  sk=$(median ${tps[serve.child.$rows]}); sn=$(median ${tps[serve.plain.$rows]})
  pk=$(median ${tps[pg.child.$rows]}); pn=$(median ${tps[pg.plain.$rows]})
  printf '%-10s %-12s %-12s %-12s %-12s %-14s %s\n' "$rows" "$sk" "$sn" "$pk" "$pn" "$(ratio "$sk" "$sn")" "$(ratio "$sk" "$pk")"
  report_row "Foreign keys (inserts referencing a 1 000-row table, $clients clients)" "child table of $rows rows: tps with the key" \
    "$sk" "$pk" "$(ratio "$sk" "$pk")" ""
done
