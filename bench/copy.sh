#!/usr/bin/env bash
# COPY on `pgwire serve --in-memory` against PostgreSQL 15, alternating in every round: psql
# `\copy t FROM file` and `\copy t TO file` of ROWS rows x 4 columns (bigint, text, float8,
# timestamp) in the text, csv and binary formats. The input files are written once by PostgreSQL;
# every COPY TO output of serve must be byte for byte PostgreSQL's. Prints rows/s (medians) and
# serve / PostgreSQL (goal >= 1.5x for COPY FROM).
#
#   bench/copy.sh [rows=5000000] [rounds=3] [formats="text csv binary"]
#   PROFILE=1 bench/copy.sh ...   # also records serve with JFR over the measured rounds and
#                                 # prints its hottest methods in COPY FROM and in COPY TO
#   BASELINE_JAR=old/pgwire.jar bench/copy.sh ...   # also runs that build of `pgwire serve` in
#                                 # every round, for before/after figures under the same load
# run-all: 2000000 3
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rows="${1:-5000000}"; rounds="${2:-3}"; formats="${3:-text csv binary}"
source "$here/lib.sh"

build_serve_jar
start_postgres
start_serve
targets="serve pg"
if [ -n "${BASELINE_JAR:-}" ]; then
  mkdir -p "$work/baseline/cli/target"
  cp "$BASELINE_JAR" "$work/baseline/cli/target/pgwire.jar"
  main_port=$serve_port; main_pid=$serve_pid; main_root=$root
  root="$work/baseline"; start_serve; root=$main_root
  base_port=$serve_port; serve_port=$main_port; serve_pid=$main_pid
  psql_base() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$base_port" -U postgres -d postgres "$@"; }
  targets="serve base pg"
fi
chmod 777 "$work"

ddl="CREATE TABLE t (id bigint NOT NULL, name text, score float8, created timestamp)"
for target in $targets; do psql_$target -c "$ddl"; done
gen="SELECT g::int8, 'name ' || g, g * 0.25::float8, timestamp '2024-01-01' + g * interval '1 second' FROM generate_series(1, $rows) g"
warm="SELECT g::int8, 'name ' || g, g * 0.25::float8, timestamp '2024-01-01' + g * interval '1 second' FROM generate_series(1, 200000) g"
for f in $formats; do
  psql_pg -c "\\copy ($gen) TO '$work/in.$f' (FORMAT $f)"
  psql_pg -c "\\copy ($warm) TO '$work/warm.$f' (FORMAT $f)"
done
ls -l "$work"/in.* >&2
# 200 000 rows each way in every format first, unmeasured, so serve's JIT has compiled the paths
for f in $formats; do
  for target in $targets; do
    psql_$target -c "\\copy t FROM '$work/warm.$f' (FORMAT $f)" -c "\\copy t TO '/dev/null' (FORMAT $f)" -c "TRUNCATE t"
  done
done

[ -n "${PROFILE:-}" ] && jcmd "$serve_pid" JFR.start name=copy settings=profile filename="$work/copy.jfr" >/dev/null

declare -A r
for round in $(seq 1 "$rounds"); do
  for f in $formats; do
    for target in $targets; do
      psql_$target -c "TRUNCATE t"
      ms_in=$(ms psql_$target -c "\\copy t FROM '$work/in.$f' (FORMAT $f)")
      n=$(psql_$target -At -c "SELECT count(*) FROM t")
      [ "$n" = "$rows" ] || { echo "COPY FROM $f on $target: $n rows, expected $rows" >&2; exit 1; }
      ms_out=$(ms psql_$target -c "\\copy t TO '$work/out.$target.$f' (FORMAT $f)")
      r[from.$f.$target]="${r[from.$f.$target]:-} $(( rows * 1000 / (ms_in > 0 ? ms_in : 1) ))"
      r[to.$f.$target]="${r[to.$f.$target]:-} $(( rows * 1000 / (ms_out > 0 ? ms_out : 1) ))"
    done
    # psql's \copy TO writes rows in the order the server sends them: both read t in load order
    cmp -s "$work/out.serve.$f" "$work/out.pg.$f" || { echo "COPY TO $f: serve's output differs from PostgreSQL's" >&2; cmp "$work/out.serve.$f" "$work/out.pg.$f" >&2 || true; exit 1; }
    rm -f "$work"/out.*
    echo "round $round $f: FROM ${r[from.$f.serve]##* } / ${r[from.$f.pg]##* }, TO ${r[to.$f.serve]##* } / ${r[to.$f.pg]##* } rows/s (serve / postgres)" >&2
    if [ -n "${BASELINE_JAR:-}" ]; then
      echo "round $round $f: baseline FROM ${r[from.$f.base]##* }, TO ${r[to.$f.base]##* } rows/s" >&2
    fi
  done
done

section="COPY: $rows rows x 4 columns"
echo
printf '%-22s %-12s %-14s %s\n' "median of $rounds (rows/s)" serve postgres-15 "serve/postgres"
for dir in from to; do
  for f in $formats; do
    a=$(median ${r[$dir.$f.serve]}); b=$(median ${r[$dir.$f.pg]})
    label="COPY $( [ $dir = from ] && echo 'FROM STDIN' || echo 'TO STDOUT') $f"
    printf '%-22s %-12s %-14s %s\n' "$label" "$a" "$b" "$(ratio "$a" "$b")"
    report_row "$section" "$label (rows/s)" "$a" "$b" "$(ratio "$a" "$b")" "$( [ $dir = from ] && echo '>= 1.5x' || echo '>= 1.0x')"
  done
done
if [ -n "${BASELINE_JAR:-}" ]; then
  echo
  printf '%-22s %-12s %-14s %-14s %s\n' "median of $rounds (rows/s)" baseline baseline/pg serve/pg "serve/baseline"
  for dir in from to; do
    for f in $formats; do
      a=$(median ${r[$dir.$f.serve]}); b=$(median ${r[$dir.$f.pg]}); c=$(median ${r[$dir.$f.base]})
      printf '%-22s %-12s %-14s %-14s %s\n' "COPY $dir $f" "$c" "$(ratio "$c" "$b")" "$(ratio "$a" "$b")" "$(ratio "$a" "$c")"
    done
  done
fi
if [ -n "${PROFILE:-}" ]; then
  jcmd "$serve_pid" JFR.stop name=copy >/dev/null
  # COPY TO's rows are read from DuckDB and rendered by the statement runner below CopyCommand.copyTo,
  # before CopyToStdout is on the stack: the filter takes all of it
  for side in CopyFromStdin CopyCommand.copyTo; do
    echo; echo "== serve during $side (JFR, all measured rounds and formats) =="
    python3 "$here/python/jfr_top.py" "$work/copy.jfr" 30 "$side"
  done
fi
