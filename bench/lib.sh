# Shared by the bench scripts: throwaway PostgreSQL 15, the bench server, medians and ratios.
# Everything started here is stopped on exit.
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
    (cd "$root" && mvn -q -B -DskipTests -pl bench -am install)
  fi
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
