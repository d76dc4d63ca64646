#!/usr/bin/env bash
# What a login costs when the pooler holds no password: pgbench with a new connection per
# transaction (-C -S) as role "app" (SCRAM-SHA-256, the only method pg_hba.conf allows over TCP)
# through
#   gateway-file   `pgwire gateway` with app's verifier in auth_file, copied from pg_authid
#   gateway-query  `pgwire gateway` with no auth_file: auth_user looks app up with auth_query
#   pgbouncer      PgBouncer with auth_user / auth_query (the same lookup function)
#   direct         PostgreSQL itself
# All three poolers log in upstream as app with the ClientKey of app's own SCRAM login (SCRAM
# pass-through); none holds app's password. Rounds alternate the targets; prints the median
# connections per second (= transactions per second) and the gateway's ratios.
#
#   bench/gateway-auth.sh [seconds-per-round=5] [rounds=3] [clients=4]
#
# Needs pgbouncer and pgbench, and a built cli/target/pgwire.jar (`mvn -B -ntp -o -q install -DskipTests`).
# run-all: 4 3 4
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
secs="${1:-5}"; rounds="${2:-3}"; clients="${3:-4}"
source "$here/lib.sh"

command -v pgbouncer >/dev/null || { echo "pgbouncer is missing (apt-get install pgbouncer)" >&2; exit 1; }
jar="$root/cli/target/pgwire.jar"
[ -f "$jar" ] || { echo "$jar is missing: mvn -B -ntp -o -q install -DskipTests" >&2; exit 1; }

start_postgres
psql_local() { psql -X -q -v ON_ERROR_STOP=1 -h "$work/pg" -p "$pg_port" -U postgres "$@"; }
as_pg "$pg_bin/createdb" -h "$work/pg" -p "$pg_port" -U postgres bench
pgbench -i -q -s 1 -h "$work/pg" -p "$pg_port" -U postgres bench >/dev/null 2>&1
psql_local -d bench <<'EOF'
SET password_encryption = 'scram-sha-256';
CREATE ROLE app LOGIN PASSWORD 'app-secret';
GRANT SELECT ON ALL TABLES IN SCHEMA public TO app;
CREATE ROLE pooler_auth LOGIN PASSWORD 'auth-secret';
CREATE SCHEMA pooler;
CREATE FUNCTION pooler.user_lookup(p_user text, OUT usename name, OUT passwd text) RETURNS SETOF record
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog
    AS $$SELECT usename, passwd FROM pg_shadow WHERE usename = p_user$$;
REVOKE ALL ON FUNCTION pooler.user_lookup(text) FROM PUBLIC;
GRANT USAGE ON SCHEMA pooler TO pooler_auth;
GRANT EXECUTE ON FUNCTION pooler.user_lookup(text) TO pooler_auth;
EOF
# From here on TCP logins need SCRAM; the socket stays trusted for this script.
printf 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n' > "$work/pg/data/pg_hba.conf"
[ "$(id -u)" -eq 0 ] && chown postgres "$work/pg/data/pg_hba.conf"
as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" reload >/dev/null
verifier=$(psql_local -d bench -Atc "SELECT rolpassword FROM pg_authid WHERE rolname = 'app'")

# The poolers' only password: pooler_auth's.
printf '127.0.0.1:%s:*:pooler_auth:auth-secret\n' "$pg_port" > "$work/pgpass"
chmod 600 "$work/pgpass"
printf 'app:%s\n' "$verifier" > "$work/users-file"
chmod 600 "$work/users-file"

start_gateway() { # port log extra-options...
  local port=$1 log=$2; shift 2
  setsid java ${PGWIRE_JAVA_OPTS:--Xmx512m} -jar "$jar" gateway --listen "127.0.0.1:$port" \
    --upstream "postgresql://127.0.0.1:$pg_port/bench?sslmode=disable&passfile=$work/pgpass" \
    --auth scram-sha-256 --pool-mode transaction --pool-size 4 "$@" > "$log" 2>&1 < /dev/null &
  pids+=($!)
}
gwf_port=$(free_port); gwq_port=$(free_port)
start_gateway "$gwf_port" "$work/gateway-file.log" --users-file "$work/users-file"
start_gateway "$gwq_port" "$work/gateway-query.log" --auth-user pooler_auth \
  --auth-query 'SELECT usename, passwd FROM pooler.user_lookup($1)'

pgb_port=$(free_port)
mkdir -p "$work/pgbouncer"
cat > "$work/pgbouncer/pgbouncer.ini" <<EOF
[databases]
bench = host=127.0.0.1 port=$pg_port dbname=bench
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $pgb_port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $work/pgbouncer/users.txt
auth_user = pooler_auth
auth_query = SELECT usename, passwd FROM pooler.user_lookup(\$1)
pool_mode = transaction
default_pool_size = 4
logfile = $work/pgbouncer/pgbouncer.log
pidfile = $work/pgbouncer/pgbouncer.pid
EOF
echo '"pooler_auth" "auth-secret"' > "$work/pgbouncer/users.txt"
[ "$(id -u)" -eq 0 ] && chown -R postgres "$work/pgbouncer"
as_pg pgbouncer -d "$work/pgbouncer/pgbouncer.ini"

port_of() { case "$1" in gateway-file) echo "$gwf_port" ;; gateway-query) echo "$gwq_port" ;; pgbouncer) echo "$pgb_port" ;; direct) echo "$pg_port" ;; esac; }
targets=(gateway-file gateway-query pgbouncer direct)
export PGPASSWORD=app-secret PGSSLMODE=disable
for t in "${targets[@]}"; do
  for _ in $(seq 1 100); do
    psql -X -h 127.0.0.1 -p "$(port_of $t)" -U app -Atqc 'SELECT 1' bench >/dev/null 2>&1 && break
    sleep 0.2
  done
  psql -X -h 127.0.0.1 -p "$(port_of $t)" -U app -Atqc 'SELECT 1' bench >/dev/null \
    || { echo "$t did not start" >&2; cat "$work"/*.log "$work"/pgbouncer/*.log >&2 || true; exit 1; }
done
pids+=("$(cat "$work/pgbouncer/pgbouncer.pid")")
echo "targets up: ${targets[*]} (app logs in with SCRAM everywhere)" >&2

run() { # target; prints tps (0 when pgbench failed)
  local out
  out=$(pgbench -n -C -S -M simple -h 127.0.0.1 -p "$(port_of "$1")" -U app -c "$clients" -j 2 -T "$secs" bench 2>&1) \
    || { echo "$out" | grep -m1 -E 'ERROR|FATAL|abort' >&2 || true; echo 0; return; }
  echo "$out" | awk '/^tps/ {print int($3)}' | head -1
}

# Warm up the gateways' JIT.
for t in gateway-file gateway-query; do
  pgbench -n -C -S -M simple -h 127.0.0.1 -p "$(port_of $t)" -U app -c "$clients" -j 2 -T 3 bench >/dev/null 2>&1 || true
done

declare -A tps
for r in $(seq 1 "$rounds"); do
  for t in "${targets[@]}"; do
    x=$(run "$t")
    tps[$t]="${tps[$t]:-} $x"
    echo "round $r $t: $x logins/s" >&2
  done
done

echo
echo "pgbench -C -S, $clients clients, median of $rounds rounds x ${secs}s: new SCRAM logins (and one SELECT) per second"
printf '%-14s %10s %12s %12s\n' target logins/s vs-pgbouncer vs-direct
b=$(median ${tps[pgbouncer]}); d=$(median ${tps[direct]})
for t in "${targets[@]}"; do
  x=$(median ${tps[$t]})
  printf '%-14s %10s %12s %12s\n' "$t" "$x" "$(ratio "$x" "$b")" "$(ratio "$x" "$d")"
  report_row "Gateway logins without a password file" "$t: logins/s (pgbench -C -S, $clients clients)" "$x" "$b" "$(ratio "$x" "$b")" "-"
done
# The pass-through really happened: PostgreSQL saw app's SCRAM logins from the poolers.
psql_local -d bench -Atc "SELECT count(*) FROM pg_stat_activity WHERE usename = 'app'" \
  | awk '{print "app sessions open on PostgreSQL now (pooled): " $1}'
