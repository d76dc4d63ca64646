#!/usr/bin/env bash
# Numeric division and avg(numeric) over ROWS generated rows on `pgwire serve --in-memory` and on
# PostgreSQL 15, alternating in every round; with a third argument, also on a baseline serve jar
# (an earlier build) in the same rounds, so a change is measured against the same machine noise.
# Every engine must print the same answer for each query. Prints medians (ms, psql -c wall time).
#
#   bench/numeric-division.sh [rows=1000000] [rounds=3] [baseline-pgwire.jar]
# run-all: 1000000 3
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows="${1:-1000000}"; rounds="${2:-3}"; baseline="${3:-}"
source "$here/lib.sh"

build_serve_jar
start_postgres
start_serve

names=(serve postgres)
ports=("$serve_port" "$pg_port")
if [ -n "$baseline" ]; then
  base_port=$(free_port)
  java ${SERVE_JAVA_OPTS:--Xmx2g} -jar "$baseline" serve --in-memory --port "$base_port" > "$work/baseline.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do grep -q listening "$work/baseline.log" 2>/dev/null && break; sleep 0.1; done
  grep -q listening "$work/baseline.log" || { cat "$work/baseline.log" >&2; exit 1; }
  names+=(baseline)
  ports+=("$base_port")
fi

series="FROM generate_series(CAST(1 AS bigint), $rows) AS s(g)"
labels=(
  "sum of (g % 100000) / 100.0 cast to numeric(12,2)"
  "sum of g / 3.0 cast to numeric(14,2)"
  "sum of g::numeric / 7 cast to numeric(14,2)"
  "avg of numeric(12,2), 100 000 groups"
  "avg of numeric(12,2) as a result column, 100 000 groups"
  "INSERT ... SELECT (g % 100000) / 100.0 into numeric(12,2)"
)
queries=(
  "SELECT sum(CAST((g % 100000) / 100.0 AS numeric(12,2))) $series"
  "SELECT sum(CAST(g / 3.0 AS numeric(14,2))) $series"
  "SELECT sum(CAST(CAST(g AS numeric) / 7 AS numeric(14,2))) $series"
  "SELECT count(*), CAST(sum(m) AS numeric(24,6)) FROM (SELECT g % 100000 AS k, avg(CAST(g % 1000 AS numeric(12,2))) AS m $series GROUP BY 1) t"
  "SELECT g % 100000 AS k, avg(CAST(g % 1000 AS numeric(12,2))) AS m $series GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3"
  "INSERT INTO amounts SELECT (g % 100000) / 100.0 $series"
)

run() { # ENGINE-INDEX SQL: prints the answer
  psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${ports[$1]}" -U postgres -d postgres -c "$2"
}
for e in "${!names[@]}"; do run "$e" "CREATE TABLE amounts (x numeric(12,2))" >/dev/null; done

declare -A times
for q in "${!queries[@]}"; do
  answer=""
  for e in "${!names[@]}"; do
    out=$(run "$e" "${queries[$q]}")
    [[ "${queries[$q]}" == INSERT* ]] && out=$(run "$e" "SELECT count(*), sum(x) FROM amounts")
    if [ -z "$answer" ]; then answer="$out"
    elif [ "$out" != "$answer" ]; then echo "${names[$e]} answers '$out' where ${names[0]} answers '$answer': ${queries[$q]}" >&2; exit 1; fi
  done
done
for r in $(seq 1 "$rounds"); do
  for q in "${!queries[@]}"; do
    for e in "${!names[@]}"; do
      [[ "${queries[$q]}" == INSERT* ]] && run "$e" "TRUNCATE amounts" >/dev/null
      t=$(ms run "$e" "${queries[$q]}")
      times[$q,$e]="${times[$q,$e]:-} $t"
    done
  done
  echo "round $r done" >&2
done

section="Numeric division: $rows rows"
printf '%-58s' "median of $rounds (ms)"; for n in "${names[@]}"; do printf ' %-10s' "$n"; done; echo
for q in "${!queries[@]}"; do
  printf '%-58s' "${labels[$q]}"
  declare -a med=()
  for e in "${!names[@]}"; do
    # shellcheck disable=SC2086
    med[$e]=$(median ${times[$q,$e]})
    printf ' %-10s' "${med[$e]}"
  done
  echo
  report_row "$section: serve vs PostgreSQL 15" "${labels[$q]} (ms)" "${med[0]}" "${med[1]}" "$(ratio "${med[1]}" "${med[0]}")" "PostgreSQL time / serve time"
done
