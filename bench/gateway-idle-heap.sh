#!/usr/bin/env bash
# Heap the gateway holds per idle client: live heap (after a full GC, from the class histogram)
# with N idle authenticated clients connected, minus the live heap with none, divided by N.
#
#   bench/gateway-idle-heap.sh [clients=10000]
#
# Needs a built cli/target/pgwire.jar and python3; the clients are one asyncio process doing the
# startup handshake and then holding each connection open.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
n="${1:-10000}"
source "$here/lib.sh"

jar="$root/cli/target/pgwire.jar"
[ -f "$jar" ] || { echo "$jar is missing: mvn -B -ntp -o -q install -DskipTests" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" -gt $((n + 200)) ] || { echo "needs more than $n file descriptors (ulimit -n is $(ulimit -n))" >&2; exit 1; }

start_postgres
gw_port=$(free_port)
java ${PGWIRE_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -jar "$jar" gateway --listen "127.0.0.1:$gw_port" \
  --upstream "postgresql://postgres@127.0.0.1:$pg_port/postgres?sslmode=disable" \
  --pool-mode transaction --pool-size 4 --max-client-conn $((n + 100)) > "$work/gateway.log" 2>&1 &
gw_pid=$!
pids+=("$gw_pid")
for _ in $(seq 1 100); do
  psql -h 127.0.0.1 -p "$gw_port" -U postgres -Atqc 'SELECT 1' postgres >/dev/null 2>&1 && break
  sleep 0.2
done

# Live heap after a full GC (GC.class_histogram forces one), in bytes.
live_heap() { jcmd "$gw_pid" GC.class_histogram | awk '/^Total/ {print $3}'; }

# Warm the paths (a few hundred connections come and go) so classes and pools exist before measuring.
clients_py="$work/idle_clients.py"
cat > "$clients_py" <<'EOF'
import asyncio, struct, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
hold = sys.argv[3] == "hold"

def startup():
    body = struct.pack("!i", 196608) + b"user\0postgres\0database\0postgres\0\0"
    return struct.pack("!i", len(body) + 4) + body

async def one(sem):
    async with sem:
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.write(startup())
        await w.drain()
        while True:
            t = await r.readexactly(1)
            ln = struct.unpack("!i", await r.readexactly(4))[0]
            await r.readexactly(ln - 4)
            if t == b"Z":
                break
            if t == b"E":
                raise SystemExit("startup failed")
    return r, w

async def main():
    sem = asyncio.Semaphore(200)
    conns = await asyncio.gather(*(one(sem) for _ in range(n)))
    print("ready", flush=True)
    if hold:
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    for r, w in conns:
        w.write(b"X\0\0\0\4")
        w.close()

asyncio.run(main())
EOF
python3 "$clients_py" "$gw_port" 500 once >/dev/null
sleep 1
before=$(live_heap)

fifo="$work/hold"
mkfifo "$fifo"
python3 "$clients_py" "$gw_port" "$n" hold < "$fifo" > "$work/clients.out" &
holder=$!
exec 9>"$fifo"
for _ in $(seq 1 600); do grep -q ready "$work/clients.out" 2>/dev/null && break; sleep 0.2; done
grep -q ready "$work/clients.out" || { echo "clients did not connect" >&2; exit 1; }
connected=$(psql -h 127.0.0.1 -p "$gw_port" -U postgres -Atqc 'SHOW POOLS' pgwire | awk -F'|' '{s += $3} END {print s}')
after=$(live_heap)
echo >&9
wait "$holder" || true

echo "clients connected (SHOW POOLS cl_active): $connected"
echo "live heap with none: $before bytes; with $n idle: $after bytes"
awk -v a="$after" -v b="$before" -v n="$n" 'BEGIN { printf "heap per idle client: %.0f bytes (%.2f KiB)\n", (a - b) / n, (a - b) / n / 1024 }'
