#!/bin/sh
# Re-records the fixtures in protocol/src/test/resources/pg15 from a throwaway PostgreSQL 15
# cluster. Run as root from anywhere: initdb and the server run as the postgres user.
set -eu
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PORT=${PG_PORT:-54915}
ROOT=$(cd "$(dirname "$0")/../../../.." && pwd)   # the repository
DATA=$(mktemp -d /tmp/pgcap.XXXXXX)
chown postgres "$DATA"
stop() {
    runuser -u postgres -- "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$DATA"
}
trap stop EXIT
trap 'exit 1' INT TERM

runuser -u postgres -- "$BIN/initdb" -D "$DATA" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat > "$DATA/pg_hba.conf" <<HBA
local all         all                    trust
host  all         md5user   127.0.0.1/32 md5
host  all         scramuser 127.0.0.1/32 scram-sha-256
host  all         all       127.0.0.1/32 trust
host  replication all       127.0.0.1/32 trust
HBA
runuser -u postgres -- "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" \
    -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1" -w start >/dev/null
runuser -u postgres -- "$BIN/psql" -X -q -h "$DATA" -p "$PORT" -d postgres <<SQL
SET password_encryption = 'md5';
CREATE ROLE md5user LOGIN PASSWORD 'md5secret';
SET password_encryption = 'scram-sha-256';
CREATE ROLE scramuser LOGIN PASSWORD 'scramsecret';
SQL

cd "$ROOT/protocol"
mvn -q -o test-compile
java -cp target/test-classes dev.pgwire.protocol.capture.Pg15Capture "$PORT" src/test/resources/pg15 "$BIN"
