'use strict';
// Soak clients: N node-postgres clients in one process against one server, for a bounded time,
// mixing autocommit inserts, transactions (committed and rolled back), COPY (pg-copy-streams) and
// reads, and dropping their connection at random points (idle, inside a transaction, inside COPY).
// Each client keeps a ledger of the rows it wrote and prints it as one JSON line at the end, as
// compat/src/test/python/soak_clients.py describes (acked: must be there exactly once; absent:
// must not be there; indoubt: the connection broke while a commit was in flight).
//
// Usage: node soak_clients.js HOST PORT DATABASE USER CLIENTS FIRST_INDEX SECONDS SEED

const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');

const EXPECTED_SQLSTATES = new Set(['40001']);

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

// A small deterministic generator (mulberry32), so a seed replays the same choices.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return next;
}

function isServerError(e) {
  return e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);
}

async function client(args, index, deadline, seed) {
  const r = rng(seed);
  const name = `node-pg-${index}`;
  const led = {
    client: name, driver: 'node-postgres', acked: [], absent: [], indoubt: [], tx_acked: 0, tx_indoubt: 0,
    ops: 0, disconnects: 0, errors: {}, unexpected: [], timing: {},
  };
  const time = (kind, seconds) => {
    const t = led.timing[kind] || (led.timing[kind] = [0, 0, 0]);
    t[0]++;
    t[1] += seconds;
    t[2] = Math.max(t[2], seconds);
  };
  const error = (code, what) => {
    const key = code || 'none';
    led.errors[key] = (led.errors[key] || 0) + 1;
    if (!EXPECTED_SQLSTATES.has(code) && led.unexpected.length < 20) led.unexpected.push(String(what).slice(0, 500));
  };
  let nextId = index * 1e9;
  const ids = (n) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push(++nextId);
    return out;
  };
  const payload = () => 'p'.repeat(r.int(0, 200));
  const drop = (c) => {
    // the socket is destroyed under the driver, as when a client is killed: no Terminate
    c.connection.stream.resetAndDestroy ? c.connection.stream.resetAndDestroy() : c.connection.stream.destroy();
    led.disconnects++;
  };

  let c = null;
  while (Date.now() < deadline) {
    try {
      if (c === null) {
        c = new Client({ host: args.host, port: args.port, database: args.db, user: args.user, connectionTimeoutMillis: 120000 });
        c.on('error', () => {}); // a dropped connection is reported by the query that was running
        const t0 = process.hrtime.bigint();
        await c.connect();
        time('connect', Number(process.hrtime.bigint() - t0) / 1e9);
      }
      const op = r();
      led.ops++;
      const kind = op < 0.25 ? 'insert' : op < 0.45 ? 'tx' : op < 0.55 ? 'copy' : op < 0.90 ? 'read' : 'drop';
      const t0 = process.hrtime.bigint();
      try {
        c = await operation(c, op);
      } finally {
        time(kind, Number(process.hrtime.bigint() - t0) / 1e9);
      }
    } catch (e) { // the connection broke without being told to
      error(isServerError(e) ? e.code : null, `${e && e.name}: ${e && e.message}`);
      if (c !== null) {
        try { c.connection.stream.destroy(); } catch (ignored) { /* already gone */ }
      }
      c = null;
    }
  }
  if (c !== null) await c.end();
  emit(led);

  // One operation on connection c; returns the connection to go on with (null once dropped).
  async function operation(c, op) {
    if (op < 0.25) {
      const batch = ids(1);
      try {
        await c.query("INSERT INTO soak_rows VALUES ($1, $2, 'single', $3)", [batch[0], name, payload()]);
        led.acked.push(...batch);
      } catch (e) {
        if (!isServerError(e)) { led.indoubt.push(...batch); throw e; }
        led.absent.push(...batch);
        error(e.code, `insert: ${e.message}`);
      }
    } else if (op < 0.45) {
      const batch = ids(r.int(2, 6));
      const rollback = r() < 0.15;
      let committing = false;
      try {
        await c.query('BEGIN');
        for (const id of batch) await c.query("INSERT INTO soak_rows VALUES ($1, $2, 'tx', $3)", [id, name, payload()]);
        await c.query('UPDATE soak_counters SET n = n + 1 WHERE client = $1', [name]);
        if (rollback) {
          await c.query('ROLLBACK');
          led.absent.push(...batch);
        } else {
          committing = true;
          await c.query('COMMIT');
          led.acked.push(...batch);
          led.tx_acked++;
        }
      } catch (e) {
        if (!isServerError(e)) {
          if (committing) { led.indoubt.push(...batch); led.tx_indoubt++; } else led.absent.push(...batch);
          throw e;
        }
        led.absent.push(...batch);
        error(e.code, `transaction: ${e.message}`);
        await c.query('ROLLBACK');
      }
    } else if (op < 0.55) {
      const batch = ids(r.int(5, 60));
      try {
        await new Promise((resolve, reject) => {
          const stream = c.query(copyFrom('COPY soak_rows (id, client, kind, payload) FROM STDIN'));
          stream.on('error', reject);
          stream.on('finish', resolve);
          for (const id of batch) stream.write(`${id}\t${name}\tcopy\t${payload()}\n`);
          stream.end();
        });
        led.acked.push(...batch);
      } catch (e) {
        if (!isServerError(e)) { led.indoubt.push(...batch); throw e; }
        led.absent.push(...batch);
        error(e.code, `copy: ${e.message}`);
      }
    } else if (op < 0.90) {
      const res = await c.query('SELECT count(*) AS n FROM soak_rows WHERE client = $1', [name]);
      const n = Number(res.rows[0].n);
      const low = led.acked.length;
      if (!(low <= n && n <= low + led.indoubt.length)) {
        error('read', `read-your-writes: ${n} rows, ${low} acknowledged, ${led.indoubt.length} in doubt`);
      }
      if (r() < 0.1) await c.query('SELECT id, payload FROM soak_rows WHERE client = $1 ORDER BY id DESC LIMIT 20', [name]);
    } else {
      const where = r.int(0, 2);
      if (where === 0) {
        drop(c);
      } else if (where === 1) {
        const batch = ids(r.int(1, 4));
        await c.query('BEGIN');
        for (const id of batch) await c.query("INSERT INTO soak_rows VALUES ($1, $2, 'dropped-tx', $3)", [id, name, payload()]);
        led.absent.push(...batch);
        drop(c);
      } else {
        const batch = ids(r.int(5, 30));
        led.absent.push(...batch);
        const stream = c.query(copyFrom('COPY soak_rows (id, client, kind, payload) FROM STDIN'));
        stream.on('error', () => {});
        for (const id of batch.slice(0, batch.length >> 1)) stream.write(`${id}\t${name}\tdropped-copy\t${payload()}\n`);
        await new Promise((resolve) => setImmediate(resolve));
        drop(c);
      }
      return null;
    }
    return c;
  }
}

async function main() {
  const [host, port, db, user, clients, first, seconds, seed] = process.argv.slice(2);
  const args = { host, port: Number(port), db, user };
  const deadline = Date.now() + Number(seconds) * 1000;
  const runs = [];
  for (let i = Number(first); i < Number(first) + Number(clients); i++) {
    runs.push(client(args, i, deadline, Number(seed) * 1000 + i).catch((e) => emit({ client: `node-pg-${i}`, crashed: String(e && e.stack) })));
  }
  await Promise.all(runs);
}

main().then(() => process.exit(0), (e) => { process.stderr.write(String(e && e.stack) + '\n'); process.exit(1); });
