# Shared by the bench scripts: throwaway PostgreSQL 15, the bench server, `pgwire serve`, medians,
# ratios and the report that bench/run-all collects. Everything started here is stopped on exit.
#
# A script takes part in bench/run-all when it is bench/*.sh and has a line
#   # run-all: ARGS
# (the arguments run-all passes; keep the run to a few minutes). It prints its own table and,
# through report_row / report_point below, hands its figures to run-all.
pg_bin=/usr/lib/postgresql/15/bin
work="$(mktemp -d /tmp/pgwire-bench.XXXXXX)"
pids=()

cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  if [ -f "$work/pg/data/postmaster.pid" ]; then as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

build_bench_jar() {
  if [ ! -f "$root/bench/target/pgwire-bench.jar" ]; then
    (cd "$root" && mvn -q -B ${MVN_ARGS:-} -DskipTests -pl bench -am install)
  fi
}

build_serve_jar() {
  if [ ! -f "$root/bench/target/pgwire-bench.jar" ] || [ ! -f "$root/cli/target/pgwire.jar" ]; then
    (cd "$root" && mvn -q -B ${MVN_ARGS:-} -DskipTests -pl bench,cli -am install)
  fi
}

# `pgwire serve --in-memory` on a free port (serve_port); extra arguments go to serve, JVM options
# come from SERVE_JAVA_OPTS, and SERVE_JAR names another build's jar to measure (a before/after
# comparison; default cli/target/pgwire.jar). Clients connect as postgres to the database postgres.
start_serve() {
  serve_port=$(free_port)
  java ${SERVE_JAVA_OPTS:--Xmx2g} -jar "${SERVE_JAR:-$root/cli/target/pgwire.jar}" serve --in-memory --port "$serve_port" \
    --max-connections 500 "$@" > "$work/serve.log" 2>&1 &
  serve_pid=$!
  pids+=($serve_pid)
  for _ in $(seq 1 600); do
    grep -q listening "$work/serve.log" 2>/dev/null && break
    kill -0 "$serve_pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -q listening "$work/serve.log" || { cat "$work/serve.log" >&2; exit 1; }
  echo "pgwire serve on 127.0.0.1:$serve_port" >&2
}

# psql against serve or PostgreSQL: psql_serve / psql_pg ARGS...
psql_serve() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$serve_port" -U postgres -d postgres "$@"; }
psql_pg() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }

# Wall-clock milliseconds of a command (its output discarded): ms COMMAND ARGS...
ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

start_postgres() {
  pg_port=$(free_port)
  mkdir -p "$work/pg"
  [ "$(id -u)" -eq 0 ] && chown -R postgres "$work"
  as_pg "$pg_bin/initdb" -D "$work/pg/data" -A trust -U postgres >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -o \
    "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c shared_buffers=256MB" start >/dev/null
  echo "postgres 15 on 127.0.0.1:$pg_port" >&2
}

start_bench_server() {
  bench_port=$(free_port)
  java ${BENCH_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -cp "$root/bench/target/pgwire-bench.jar" dev.pgwire.bench.BenchServer "$1" "$bench_port" \
    > "$work/bench-server.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    grep -q listening "$work/bench-server.log" 2>/dev/null && break
    sleep 0.1
  done
  grep -q listening "$work/bench-server.log" || { cat "$work/bench-server.log" >&2; exit 1; }
  echo "pgwire bench server ($1) on 127.0.0.1:$bench_port" >&2
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx\n", a / b; else print "n/a" }'
}

# Figures for bench/run-all, written only when it runs the script (BENCH_REPORT names its file);
# tabs separate the fields, so none may contain one.
#   report_row SECTION MEASURE OURS REFERENCE RATIO GOAL   one row of the section's table
#   report_point CHART SERIES X Y                          one point of a chart (x: clients)
#   report_note SECTION TEXT                               a line under the section's table
#   report_chart CHART TITLE XLABEL YLABEL                 how to draw the chart (an SVG)
report_row() {
  [ -n "${BENCH_REPORT:-}" ] || return 0
  printf 'row\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$BENCH_REPORT"
}
report_point() {
  [ -n "${BENCH_REPORT:-}" ] || return 0
  printf 'point\t%s\t%s\t%s\t%s\n' "$@" >> "$BENCH_REPORT"
}
report_note() {
  [ -n "${BENCH_REPORT:-}" ] || return 0
  printf 'note\t%s\t%s\n' "$@" >> "$BENCH_REPORT"
}
report_chart() {
  [ -n "${BENCH_REPORT:-}" ] || return 0
  printf 'chart\t%s\t%s\t%s\t%s\n' "$@" >> "$BENCH_REPORT"
}
