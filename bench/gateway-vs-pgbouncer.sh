#!/usr/bin/env bash
# pgbench through `pgwire gateway` and through PgBouncer (both transaction pooling, the same pool
# size) and straight to PostgreSQL 15, one PostgreSQL for all three, in one run. Rounds alternate
# the targets so each sees the same machine noise; prints median TPS per workload and client
# count, the gateway's ratio to PgBouncer and to direct, and the median average latency.
#
#   bench/gateway-vs-pgbouncer.sh [seconds-per-round=5] [rounds=3] [clients="16 64 256"] [pool-size=16]
#
# Workloads: select-only simple (-S -M simple), select-only prepared (-S -M prepared), TPC-B
# (simple), and connection churn (-S -C, a new connection per transaction, at the smallest client
# count). Direct runs stop at 64 clients: on two busy cores PostgreSQL forking 256 backends takes
# longer than a round. Runs at 1 000 clients last twice as long (opening the connections).
# Needs pgbouncer (Debian package pgbouncer), pgbench, and a built cli/target/pgwire.jar
# (`mvn -B -ntp -o -q install -DskipTests`). PGWIRE_JAVA_OPTS passes JVM options to the gateway,
# GATEWAY_OPTS more `pgwire gateway` options (--io-threads 1, say), WORKLOADS a subset of the workloads.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
secs="${1:-5}"; rounds="${2:-3}"; clients="${3:-16 64 256}"; pool="${4:-16}"
source "$here/lib.sh"

command -v pgbouncer >/dev/null || { echo "pgbouncer is missing (apt-get install pgbouncer)" >&2; exit 1; }
jar="$root/cli/target/pgwire.jar"
[ -f "$jar" ] || { echo "$jar is missing: mvn -B -ntp -o -q install -DskipTests" >&2; exit 1; }
# 1 000 clients need about 2 000 descriptors in each pooler and in pgbench.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

start_postgres
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres bench
pgbench -i -q -s 10 -h 127.0.0.1 -p "$pg_port" -U postgres bench >/dev/null 2>&1
echo "pgbench -i -s 10 done" >&2

# The gateway: every database name opened on the same-named upstream one.
gw_port=$(free_port)
java ${PGWIRE_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -jar "$jar" gateway --listen "127.0.0.1:$gw_port" \
  --upstream "postgresql://postgres@127.0.0.1:$pg_port/bench?sslmode=disable" \
  --pool-mode transaction --pool-size "$pool" --max-client-conn 5000 ${GATEWAY_OPTS:-} > "$work/gateway.log" 2>&1 &
pids+=($!)

# PgBouncer: same pool mode and size; run as the postgres user (it refuses root).
pgb_port=$(free_port)
mkdir -p "$work/pgbouncer"
cat > "$work/pgbouncer/pgbouncer.ini" <<EOF
[databases]
bench = host=127.0.0.1 port=$pg_port dbname=bench user=postgres
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $pgb_port
unix_socket_dir =
auth_type = trust
auth_file = $work/pgbouncer/users.txt
pool_mode = transaction
default_pool_size = $pool
max_client_conn = 5000
logfile = $work/pgbouncer/pgbouncer.log
pidfile = $work/pgbouncer/pgbouncer.pid
EOF
echo '"postgres" ""' > "$work/pgbouncer/users.txt"
[ "$(id -u)" -eq 0 ] && chown -R postgres "$work/pgbouncer"
# runuser's PAM session resets the descriptor limit; PgBouncer needs two per client.
as_pg sh -c "ulimit -n \$(ulimit -Hn); exec pgbouncer -d '$work/pgbouncer/pgbouncer.ini'"

for target in "gateway $gw_port" "pgbouncer $pgb_port"; do
  set -- $target
  for _ in $(seq 1 100); do
    psql -h 127.0.0.1 -p "$2" -U postgres -Atqc 'SELECT 1' bench >/dev/null 2>&1 && break
    sleep 0.2
  done
  psql -h 127.0.0.1 -p "$2" -U postgres -Atqc 'SELECT 1' bench >/dev/null || { echo "$1 did not start" >&2; cat "$work"/*.log "$work"/pgbouncer/*.log >&2 || true; exit 1; }
  echo "$1 on 127.0.0.1:$2 (transaction pooling, pool size $pool)" >&2
done
pgb_pid=$(cat "$work/pgbouncer/pgbouncer.pid")
pids+=("$pgb_pid")

port_of() { case "$1" in gateway) echo "$gw_port" ;; pgbouncer) echo "$pgb_port" ;; direct) echo "$pg_port" ;; esac; }

# One pgbench run; prints "tps latency-ms" (tps 0 when pgbench failed or aborted clients: PgBouncer
# 1.18, Debian 12's, has no protocol-level prepared statements in transaction mode).
run() { # target workload clients
  local args
  case "$2" in
    select-simple) args="-S -M simple" ;;
    select-prepared) args="-S -M prepared" ;;
    tpcb) args="-M simple" ;;
    churn) args="-S -M simple -C" ;;
  esac
  local jobs=2; [ "$3" -lt 2 ] && jobs=1
  local d=$secs; [ "$3" -ge 1000 ] && d=$((secs * 2)) # a thousand connections take a while to open
  local out
  out=$(PGSSLMODE=disable timeout $((d * 4 + 120)) pgbench -n -h 127.0.0.1 -p "$(port_of "$1")" -U postgres -c "$3" -j "$jobs" -T "$d" $args bench 2>&1) \
    || { echo "$out" | grep -m1 -E 'ERROR|FATAL|abort' >&2 || true; echo "0 0"; return; }
  echo "$out" | awk '/^latency average/ {lat=$4} /^tps/ {tps=int($3)} END {print (tps ? tps : 0), (lat ? lat : 0)}'
}

# Warm up (the gateway's JIT, both poolers' server connections).
for t in gateway pgbouncer; do
  PGSSLMODE=disable pgbench -n -h 127.0.0.1 -p "$(port_of $t)" -U postgres -c 16 -j 2 -T 3 -S -M prepared bench >/dev/null 2>&1 || true
done

declare -A tps lat
read -r -a workloads <<< "${WORKLOADS:-select-simple select-prepared tpcb churn}"
smallest=$(printf '%s\n' $clients | sort -n | head -1)
for w in "${workloads[@]}"; do
  for c in $clients; do
    [ "$w" = churn ] && [ "$c" != "$smallest" ] && continue
    for r in $(seq 1 "$rounds"); do
      for t in gateway pgbouncer direct; do
        [ "$t" = direct ] && [ "$c" -gt 64 ] && continue
        read -r x l < <(run "$t" "$w" "$c")
        tps[$t.$w.$c]="${tps[$t.$w.$c]:-} $x"
        lat[$t.$w.$c]="${lat[$t.$w.$c]:-} $l"
        echo "round $r $w c=$c $t: $x tps, $l ms" >&2
      done
    done
  done
done

medf() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

echo
echo "median of $rounds rounds x ${secs}s; pool size $pool; TPS (average latency ms)"
printf '%-16s %7s %16s %16s %16s %12s %10s\n' workload clients gateway pgbouncer direct gw/pgbouncer gw/direct
for w in "${workloads[@]}"; do
  for c in $clients; do
    [ -z "${tps[gateway.$w.$c]:-}" ] && continue
    g=$(median ${tps[gateway.$w.$c]}); b=$(median ${tps[pgbouncer.$w.$c]})
    gl=$(medf ${lat[gateway.$w.$c]}); bl=$(medf ${lat[pgbouncer.$w.$c]})
    if [ -n "${tps[direct.$w.$c]:-}" ]; then
      d=$(median ${tps[direct.$w.$c]}); dl=$(medf ${lat[direct.$w.$c]}); dcol="$d ($dl)"; dr=$(ratio "$g" "$d")
    else
      dcol="-"; dr="-"
    fi
    printf '%-16s %7s %16s %16s %16s %12s %10s\n' "$w" "$c" "$g ($gl)" "$b ($bl)" "$dcol" "$(ratio "$g" "$b")" "$dr"
  done
done
