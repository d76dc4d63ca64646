#!/usr/bin/env bash
# pgbench through `pgwire gateway` and through PgBouncer (both transaction pooling, the same pool
# size) and straight to PostgreSQL 15, one PostgreSQL for all three, in one run. Rounds alternate
# the targets so each sees the same machine noise; prints median TPS per workload and client
# count, the gateway's ratio to PgBouncer and to direct, and the median p50 and p99 latency of
# each target (from pgbench's per-transaction logs) with the gateway's ratios.
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
# BASELINE_JAR=path adds a second gateway from that jar (an earlier build, say) as the target
# "baseline", in its own session or, with BASELINE_SESSION=shared, in this script's session, with
# BASELINE_JAVA_OPTS (default: PGWIRE_JAVA_OPTS) as its JVM options and BASELINE_GATEWAY_OPTS
# (default: GATEWAY_OPTS) as its `pgwire gateway` options. Besides TPS and latency, the
# script gives each pooler's CPU time (user + system, from /proc) per transaction.
#
# Every pooler runs in a session of its own, as a service does: PgBouncer's -d calls setsid(), and
# so does every PostgreSQL backend. Where the kernel groups runnable tasks by session for fair
# scheduling (sched_autogroup_enabled, on by default on desktop-configured kernels), a pooler left
# in this script's session shares one CPU share with pgbench — on a busy machine at 1 000 clients
# that alone took the gateway from PgBouncer's rate to 0.4x of it.
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

# The gateway: every database name opened on the same-named upstream one. `setsid` execs in
# place (a background job of a script is no process group leader), so $! is the JVM.
start_gateway() { # jar port log own|shared [java-options] [gateway-options]
  local session=setsid; [ "$4" = shared ] && session=
  $session java ${5:-${PGWIRE_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}} -jar "$1" gateway --listen "127.0.0.1:$2" \
    --upstream "postgresql://postgres@127.0.0.1:$pg_port/bench?sslmode=disable" \
    --pool-mode transaction --pool-size "$pool" --max-client-conn 5000 ${6-${GATEWAY_OPTS:-}} > "$3" 2>&1 < /dev/null &
  pids+=($!)
  last_pid=$!
}
gw_port=$(free_port)
start_gateway "$jar" "$gw_port" "$work/gateway.log" own
gw_pid=$last_pid
poolers=("gateway $gw_port")
if [ -n "${BASELINE_JAR:-}" ]; then
  base_port=$(free_port)
  start_gateway "$BASELINE_JAR" "$base_port" "$work/baseline.log" "${BASELINE_SESSION:-own}" "${BASELINE_JAVA_OPTS:-}" \
    "${BASELINE_GATEWAY_OPTS-${GATEWAY_OPTS:-}}"
  base_pid=$last_pid
  poolers+=("baseline $base_port")
fi

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

poolers+=("pgbouncer $pgb_port")
for target in "${poolers[@]}"; do
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

pid_of() { case "$1" in gateway) echo "$gw_pid" ;; baseline) echo "${base_pid:-}" ;; pgbouncer) echo "$pgb_pid" ;; *) echo "" ;; esac; }
# The pooler's CPU time so far (user + system), in clock ticks; 0 for direct.
cpu_ticks() { local p; p=$(pid_of "$1"); [ -n "$p" ] && awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)

port_of() { case "$1" in gateway) echo "$gw_port" ;; baseline) echo "$base_port" ;; pgbouncer) echo "$pgb_port" ;; direct) echo "$pg_port" ;; esac; }
targets=(); for p in "${poolers[@]}"; do targets+=("${p%% *}"); done; targets+=(direct)

# One pgbench run; prints "tps latency-ms p50-ms p99-ms cpu-us" (all 0 when pgbench failed or aborted
# clients: PgBouncer 1.18, Debian 12's, has no protocol-level prepared statements in transaction
# mode). The percentiles come from pgbench's per-transaction log (--log; its third column is the
# transaction's latency in microseconds), one file per pgbench thread, deleted once read.
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
  local out logs="$work/txlog/$1.$2.$3" cpu0 cpu1
  mkdir -p "$work/txlog"; rm -f "$logs".*
  cpu0=$(cpu_ticks "$1")
  out=$(PGSSLMODE=disable timeout $((d * 4 + 120)) pgbench -n -h 127.0.0.1 -p "$(port_of "$1")" -U postgres -c "$3" -j "$jobs" -T "$d" \
      --log --log-prefix="$logs" $args bench 2>&1) \
    || { echo "$out" | grep -m1 -E 'ERROR|FATAL|abort' >&2 || true; rm -f "$logs".*; echo "0 0 0 0 0"; return; }
  cpu1=$(cpu_ticks "$1")
  local pct
  pct=$(cat "$logs".* 2>/dev/null | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {
      if (NR == 0) { print "0 0"; exit }
      i50 = int(NR * 0.50 + 0.5); i99 = int(NR * 0.99 + 0.5); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1
      printf "%.3f %.3f\n", a[i50] / 1000, a[i99] / 1000 }')
  rm -f "$logs".*
  # The pooler's CPU per transaction in microseconds, over the whole run (connecting included).
  echo "$out" | awk -v pct="$pct" -v ticks=$((cpu1 - cpu0)) -v hz="$hz" '/^latency average/ {lat=$4} /^tps/ {tps=int($3)}
      /^number of transactions actually processed/ {n=$NF; sub("/.*", "", n)}
      END {print (tps ? tps : 0), (lat ? lat : 0), pct, (n > 0 ? sprintf("%.1f", ticks * 1e6 / hz / n) : 0)}'
}

declare -A tps lat p50 p99 cpu
read -r -a workloads <<< "${WORKLOADS:-select-simple select-prepared tpcb churn}"

# Warm up (the gateway's JIT, both poolers' server connections). With the churn workload, logins
# too, for CHURN_WARMUP seconds (default 30): without it the JIT was still compiling the gateway's
# login path 10-20 s into the churn rounds (~100 us of compiler CPU per connection in the first).
for t in "${targets[@]}"; do
  [ "$t" = direct ] && continue
  PGSSLMODE=disable pgbench -n -h 127.0.0.1 -p "$(port_of $t)" -U postgres -c 16 -j 2 -T 3 -S -M prepared bench >/dev/null 2>&1 || true
  if [[ " ${workloads[*]} " == *" churn "* ]]; then
    PGSSLMODE=disable pgbench -n -h 127.0.0.1 -p "$(port_of $t)" -U postgres -c 16 -j 2 -T "${CHURN_WARMUP:-30}" -S -C bench >/dev/null 2>&1 || true
  fi
done
smallest=$(printf '%s\n' $clients | sort -n | head -1)
for w in "${workloads[@]}"; do
  for c in $clients; do
    [ "$w" = churn ] && [ "$c" != "$smallest" ] && continue
    for r in $(seq 1 "$rounds"); do
      for t in "${targets[@]}"; do
        [ "$t" = direct ] && [ "$c" -gt 64 ] && continue
        read -r x l q50 q99 u < <(run "$t" "$w" "$c")
        tps[$t.$w.$c]="${tps[$t.$w.$c]:-} $x"
        lat[$t.$w.$c]="${lat[$t.$w.$c]:-} $l"
        if [ "$x" != 0 ]; then # a failed run has no latencies
          p50[$t.$w.$c]="${p50[$t.$w.$c]:-} $q50"
          p99[$t.$w.$c]="${p99[$t.$w.$c]:-} $q99"
          [ "$t" != direct ] && cpu[$t.$w.$c]="${cpu[$t.$w.$c]:-} $u"
        fi
        echo "round $r $w c=$c $t: $x tps, $l ms average, p50 $q50 ms, p99 $q99 ms, pooler CPU $u us/tx" >&2
      done
    done
  done
done

medf() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR == 0) print 0; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
has_baseline=; [ -n "${BASELINE_JAR:-}" ] && has_baseline=1

echo
echo "median of $rounds rounds x ${secs}s; pool size $pool; TPS (average latency ms)"
printf '%-16s %7s %16s %16s %16s %12s %10s' workload clients gateway pgbouncer direct gw/pgbouncer gw/direct
[ -n "$has_baseline" ] && printf ' %16s %12s' baseline base/pgbouncer
echo
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
    printf '%-16s %7s %16s %16s %16s %12s %10s' "$w" "$c" "$g ($gl)" "$b ($bl)" "$dcol" "$(ratio "$g" "$b")" "$dr"
    if [ -n "$has_baseline" ]; then
      k=$(median ${tps[baseline.$w.$c]}); kl=$(medf ${lat[baseline.$w.$c]})
      printf ' %16s %12s' "$k ($kl)" "$(ratio "$k" "$b")"
    fi
    echo
  done
done

# Latency: medians over the rounds of each run's p50 and p99 (ms); the ratios are the gateway's
# (above 1: the gateway adds latency).
pq() { local v="${2}[$1]"; [ -n "${!v:-}" ] && echo "$(medf ${!v})" || echo "-"; }
lratio() { [ "$1" = - ] || [ "$2" = - ] && { echo "-"; return; }; ratio "$1" "$2"; }
echo
echo "latency ms, p50 / p99 (median of $rounds rounds)"
printf '%-16s %7s %18s %18s %18s %16s %16s' workload clients gateway pgbouncer direct gw/pgb-p50,p99 gw/dir-p50,p99
[ -n "$has_baseline" ] && printf ' %18s' baseline
echo
for w in "${workloads[@]}"; do
  for c in $clients; do
    [ -z "${tps[gateway.$w.$c]:-}" ] && continue
    g50=$(pq gateway.$w.$c p50); g99=$(pq gateway.$w.$c p99)
    b50=$(pq pgbouncer.$w.$c p50); b99=$(pq pgbouncer.$w.$c p99)
    d50=$(pq direct.$w.$c p50); d99=$(pq direct.$w.$c p99)
    printf '%-16s %7s %18s %18s %18s %16s %16s' "$w" "$c" "$g50 / $g99" "$b50 / $b99" "$d50 / $d99" \
      "$(lratio "$g50" "$b50") $(lratio "$g99" "$b99")" "$(lratio "$g50" "$d50") $(lratio "$g99" "$d99")"
    [ -n "$has_baseline" ] && printf ' %18s' "$(pq baseline.$w.$c p50) / $(pq baseline.$w.$c p99)"
    echo
  done
done

# CPU: medians over the rounds of each pooler's CPU time (user + system, from /proc) per
# transaction, in microseconds. On a saturated machine this, not the pooler's speed, sets its rate.
echo
echo "pooler CPU us per transaction, user + system (median of $rounds rounds)"
printf '%-16s %7s %10s %10s %12s' workload clients gateway pgbouncer gw/pgbouncer
[ -n "$has_baseline" ] && printf ' %10s %12s' baseline gw/baseline
echo
for w in "${workloads[@]}"; do
  for c in $clients; do
    [ -z "${cpu[gateway.$w.$c]:-}" ] && continue
    gu=$(pq gateway.$w.$c cpu); bu=$(pq pgbouncer.$w.$c cpu)
    printf '%-16s %7s %10s %10s %12s' "$w" "$c" "$gu" "$bu" "$(lratio "$gu" "$bu")"
    if [ -n "$has_baseline" ]; then
      ku=$(pq baseline.$w.$c cpu)
      printf ' %10s %12s' "$ku" "$(lratio "$gu" "$ku")"
    fi
    echo
  done
done
