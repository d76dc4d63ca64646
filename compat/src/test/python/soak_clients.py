"""Soak clients: N psycopg 3 clients (threads) or N asyncpg clients (coroutines) against one server,
for a bounded time, mixing autocommit inserts, transactions (committed and rolled back), COPY and
reads, and dropping their connection at random points (idle, inside a transaction, inside COPY).

Every client keeps a ledger of the rows it wrote: acknowledged (the server said the commit
succeeded: must be there exactly once), absent (rolled back, failed, or the connection dropped
before COMMIT was sent: must not be there) and in doubt (the connection broke while a commit was
in flight: either). At the end each client prints one JSON line:
  {"client":"psycopg-3","driver":"psycopg","acked":[ids],"absent":[ids],"indoubt":[ids],
   "tx_acked":n,"tx_indoubt":n,"ops":n,"disconnects":n,"errors":{"40001":n},"unexpected":["..."]}

Usage: soak_clients.py DRIVER HOST PORT DATABASE USER CLIENTS FIRST_INDEX SECONDS SEED
Client i (FIRST_INDEX <= i < FIRST_INDEX+CLIENTS) writes ids i*10**9 + 1, + 2, ...
Tables (made by the caller): soak_rows(id BIGINT, client TEXT, kind TEXT, payload TEXT) and
soak_counters(client TEXT PRIMARY KEY, n BIGINT) with one row (client, 0) per client.
"""
import asyncio
import json
import os
import random
import socket
import struct
import sys
import threading
import time
import traceback

# Server errors a client may meet under concurrent load: a write conflict between transactions.
EXPECTED_SQLSTATES = {"40001"}


class Ledger:
    def __init__(self, name, driver):
        self.name = name
        self.driver = driver
        self.acked = []
        self.absent = []
        self.indoubt = []
        self.tx_acked = 0
        self.tx_indoubt = 0
        self.ops = 0
        self.disconnects = 0
        self.errors = {}
        self.unexpected = []
        self.timing = {}

    def time(self, kind, seconds):
        t = self.timing.setdefault(kind, [0, 0.0, 0.0])
        t[0] += 1
        t[1] += seconds
        t[2] = max(t[2], seconds)

    def error(self, sqlstate, what):
        key = sqlstate or "none"
        self.errors[key] = self.errors.get(key, 0) + 1
        if sqlstate not in EXPECTED_SQLSTATES and len(self.unexpected) < 20:
            self.unexpected.append(what[:500])

    def summary(self):
        return {"client": self.name, "driver": self.driver, "acked": self.acked, "absent": self.absent,
                "indoubt": self.indoubt, "tx_acked": self.tx_acked, "tx_indoubt": self.tx_indoubt,
                "ops": self.ops, "disconnects": self.disconnects, "errors": self.errors,
                "unexpected": self.unexpected, "timing": self.timing}


lock = threading.Lock()


def emit(obj):
    line = json.dumps(obj, separators=(",", ":"))
    with lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def payload(rng):
    return "p" * rng.randint(0, 200)


# ------------------------------------------------------------------ psycopg 3 (threads, blocking)

def psycopg_client(args, index, deadline, seed):
    import psycopg
    rng = random.Random(seed)
    name = "psycopg-%d" % index
    led = Ledger(name, "psycopg")
    next_id = [index * 10 ** 9]

    def ids(n):
        out = list(range(next_id[0] + 1, next_id[0] + 1 + n))
        next_id[0] += n
        return out

    def drop(conn):
        # the socket goes away under libpq, as when a client is killed: the server sees EOF, no Terminate
        s = socket.socket(fileno=os.dup(conn.fileno()))
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.shutdown(socket.SHUT_RDWR)
        s.close()
        try:
            conn.close()
        except Exception:
            pass
        led.disconnects += 1

    conn = None
    while time.monotonic() < deadline:
        try:
            if conn is None or conn.closed:
                t0 = time.monotonic()
                conn = psycopg.connect(host=args["host"], port=args["port"], dbname=args["db"],
                                       user=args["user"], autocommit=True, connect_timeout=120)
                led.time("connect", time.monotonic() - t0)
            op = rng.random()
            t0 = time.monotonic()
            kind = "insert" if op < 0.25 else "tx" if op < 0.45 else "copy" if op < 0.55 else "read" if op < 0.9 else "drop"
            try:
                psycopg_op(conn, op, rng, led, name, ids, drop)
            finally:
                led.time(kind, time.monotonic() - t0)
            if op >= 0.9:
                conn = None
        except Exception as e:  # the connection broke without being told to
            led.error(getattr(e, "sqlstate", None), "%s: %s" % (type(e).__name__, e))
            try:
                if conn is not None:
                    conn.close()
            except Exception:
                pass
            conn = None
    if conn is not None:
        conn.close()
    emit(led.summary())


def psycopg_op(conn, op, rng, led, name, ids, drop):
    import psycopg
    led.ops += 1
    if op < 0.25:
        batch = ids(1)
        try:
            conn.execute("INSERT INTO soak_rows VALUES (%s, %s, 'single', %s)", (batch[0], name, payload(rng)))
            led.acked += batch
        except psycopg.errors.Error as e:
            if e.sqlstate is None:
                led.indoubt += batch
                raise
            led.absent += batch
            led.error(e.sqlstate, "insert: %s" % e)
    elif op < 0.45:
        batch = ids(rng.randint(2, 6))
        rollback = rng.random() < 0.15
        committing = False
        try:
            conn.execute("BEGIN")
            for i in batch:
                conn.execute("INSERT INTO soak_rows VALUES (%s, %s, 'tx', %s)", (i, name, payload(rng)))
            conn.execute("UPDATE soak_counters SET n = n + 1 WHERE client = %s", (name,))
            if rollback:
                conn.execute("ROLLBACK")
                led.absent += batch
            else:
                committing = True
                conn.execute("COMMIT")
                led.acked += batch
                led.tx_acked += 1
        except psycopg.errors.Error as e:
            if e.sqlstate is None and committing:
                led.indoubt += batch
                led.tx_indoubt += 1
                raise
            led.absent += batch
            if e.sqlstate is None:
                raise
            led.error(e.sqlstate, "transaction: %s" % e)
            conn.execute("ROLLBACK")
    elif op < 0.55:
        batch = ids(rng.randint(5, 60))
        try:
            with conn.cursor().copy("COPY soak_rows (id, client, kind, payload) FROM STDIN") as cp:
                for i in batch:
                    cp.write_row((i, name, "copy", payload(rng)))
            led.acked += batch
        except psycopg.errors.Error as e:
            if e.sqlstate is None:
                led.indoubt += batch
                raise
            led.absent += batch
            led.error(e.sqlstate, "copy: %s" % e)
    elif op < 0.90:
        n = conn.execute("SELECT count(*) FROM soak_rows WHERE client = %s", (name,)).fetchone()[0]
        low = len(led.acked)
        if not (low <= n <= low + len(led.indoubt)):
            led.error("read", "read-your-writes: %d rows, %d acknowledged, %d in doubt" % (n, low, len(led.indoubt)))
        if rng.random() < 0.1:
            conn.execute("SELECT id, payload FROM soak_rows WHERE client = %s ORDER BY id DESC LIMIT 20", (name,)).fetchall()
    else:
        where = rng.randint(0, 2)
        if where == 0:
            drop(conn)
        elif where == 1:
            batch = ids(rng.randint(1, 4))
            conn.execute("BEGIN")
            for i in batch:
                conn.execute("INSERT INTO soak_rows VALUES (%s, %s, 'dropped-tx', %s)", (i, name, payload(rng)))
            led.absent += batch
            drop(conn)
        else:
            batch = ids(rng.randint(5, 30))
            led.absent += batch
            cur = conn.cursor()
            try:
                with cur.copy("COPY soak_rows (id, client, kind, payload) FROM STDIN") as cp:
                    for i in batch[: len(batch) // 2]:
                        cp.write_row((i, name, "dropped-copy", payload(rng)))
                    drop(conn)
                    raise ConnectionAbortedError("dropped inside COPY")
            except Exception:
                pass


def run_psycopg(args, first, clients, deadline, seed):
    threads = []
    for i in range(first, first + clients):
        t = threading.Thread(target=guarded, args=(psycopg_client, args, i, deadline, seed * 1000 + i))
        threads.append(t)
        t.start()
    for t in threads:
        t.join()


def guarded(fn, args, index, deadline, seed):
    try:
        fn(args, index, deadline, seed)
    except Exception:
        emit({"client": "%s-%d" % (args["driver"], index), "crashed": traceback.format_exc()[-3000:]})


# ------------------------------------------------------------------ asyncpg (coroutines)

async def asyncpg_client(args, index, deadline, seed):
    import asyncpg
    rng = random.Random(seed)
    name = "asyncpg-%d" % index
    led = Ledger(name, "asyncpg")
    next_id = [index * 10 ** 9]

    def ids(n):
        out = list(range(next_id[0] + 1, next_id[0] + 1 + n))
        next_id[0] += n
        return out

    def drop(conn):
        conn.terminate()  # closes the transport at once: no Terminate message
        led.disconnects += 1

    conn = None
    while time.monotonic() < deadline:
        try:
            if conn is None or conn.is_closed():
                t0 = time.monotonic()
                conn = await asyncpg.connect(host=args["host"], port=args["port"], database=args["db"],
                                             user=args["user"], ssl=False, timeout=120)
                led.time("connect", time.monotonic() - t0)
            op = rng.random()
            t0 = time.monotonic()
            kind = "insert" if op < 0.25 else "tx" if op < 0.45 else "copy" if op < 0.55 else "read" if op < 0.9 else "drop"
            try:
                await asyncpg_op(conn, op, rng, led, name, ids, drop)
            finally:
                led.time(kind, time.monotonic() - t0)
            if op >= 0.9:
                conn = None
        except Exception as e:  # the connection broke without being told to
            led.error(getattr(e, "sqlstate", None), "%s: %s" % (type(e).__name__, e))
            if conn is not None:
                conn.terminate()
            conn = None
    if conn is not None:
        await conn.close()
    emit(led.summary())


async def asyncpg_op(conn, op, rng, led, name, ids, drop):
    import asyncpg
    led.ops += 1
    if op < 0.25:
        batch = ids(1)
        try:
            await conn.execute("INSERT INTO soak_rows VALUES ($1, $2, 'single', $3)", batch[0], name, payload(rng))
            led.acked += batch
        except asyncpg.PostgresError as e:
            led.absent += batch
            led.error(e.sqlstate, "insert: %s" % e)
        except Exception:
            led.indoubt += batch
            raise
    elif op < 0.45:
        batch = ids(rng.randint(2, 6))
        rollback = rng.random() < 0.15
        tr = conn.transaction()
        committing = False
        try:
            await tr.start()
            await conn.executemany("INSERT INTO soak_rows VALUES ($1, $2, 'tx', $3)",
                                   [(i, name, payload(rng)) for i in batch])
            await conn.execute("UPDATE soak_counters SET n = n + 1 WHERE client = $1", name)
            if rollback:
                await tr.rollback()
                led.absent += batch
            else:
                committing = True
                await tr.commit()
                led.acked += batch
                led.tx_acked += 1
        except asyncpg.PostgresError as e:
            led.absent += batch
            led.error(e.sqlstate, "transaction: %s" % e)
            if not conn.is_closed() and conn.is_in_transaction():
                await tr.rollback()
        except Exception:
            if committing:
                led.indoubt += batch
                led.tx_indoubt += 1
            else:
                led.absent += batch
            raise
    elif op < 0.55:
        batch = ids(rng.randint(5, 60))
        try:
            await conn.copy_records_to_table("soak_rows", columns=["id", "client", "kind", "payload"],
                                             records=[(i, name, "copy", payload(rng)) for i in batch])
            led.acked += batch
        except asyncpg.PostgresError as e:
            led.absent += batch
            led.error(e.sqlstate, "copy: %s" % e)
        except Exception:
            led.indoubt += batch
            raise
    elif op < 0.90:
        n = await conn.fetchval("SELECT count(*) FROM soak_rows WHERE client = $1", name)
        low = len(led.acked)
        if not (low <= n <= low + len(led.indoubt)):
            led.error("read", "read-your-writes: %d rows, %d acknowledged, %d in doubt" % (n, low, len(led.indoubt)))
        if rng.random() < 0.1:
            await conn.fetch("SELECT id, payload FROM soak_rows WHERE client = $1 ORDER BY id DESC LIMIT 20", name)
    else:
        if rng.random() < 0.5:
            drop(conn)
        else:
            batch = ids(rng.randint(1, 4))
            tr = conn.transaction()
            await tr.start()
            await conn.executemany("INSERT INTO soak_rows VALUES ($1, $2, 'dropped-tx', $3)",
                                   [(i, name, payload(rng)) for i in batch])
            led.absent += batch
            drop(conn)


async def run_asyncpg(args, first, clients, deadline, seed):
    async def one(i):
        try:
            await asyncpg_client(args, i, deadline, seed * 1000 + i)
        except Exception:
            emit({"client": "asyncpg-%d" % i, "crashed": traceback.format_exc()[-3000:]})
    await asyncio.gather(*(one(i) for i in range(first, first + clients)))


def main():
    driver, host, port, db, user, clients, first, seconds, seed = sys.argv[1:10]
    args = {"driver": driver, "host": host, "port": int(port), "db": db, "user": user}
    deadline = time.monotonic() + float(seconds)
    if driver == "psycopg":
        run_psycopg(args, int(first), int(clients), deadline, int(seed))
    elif driver == "asyncpg":
        asyncio.run(run_asyncpg(args, int(first), int(clients), deadline, int(seed)))
    else:
        raise SystemExit("unknown driver " + driver)


if __name__ == "__main__":
    main()
