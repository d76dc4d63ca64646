#!/usr/bin/env node
// Exercise the extended query protocol with node-postgres (pg) and print one JSON line per step.
//
// usage: node extended_pg.js HOST PORT USER DATABASE
//
// node-postgres sends every parameterized query as Parse/Bind/Describe/Execute/Sync with the
// parameter types left unspecified and values in text; a query with a name is parsed once per
// connection and afterwards only bound and executed. The scenario: a named prepared query run
// twice, parameterized inserts, selects by parameter, and an error. Each step prints
//   {"step":"name","ok":true,"rows":[...],"command":"INSERT","rowCount":1}
//   {"step":"name","ok":false,"sqlstate":"23505"}
// with values as node-postgres parses them (numbers, strings, Dates as ISO strings).
'use strict';

const { Client } = require('pg');

function plain(v) {
  if (v instanceof Date) return { Date: v.toISOString() };
  if (Buffer.isBuffer(v)) return { Buffer: v.toString('hex') };
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v)) out[k] = plain(v[k]);
    return out;
  }
  return v;
}

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function step(name, fn) {
  try {
    const r = await fn();
    emit({ step: name, ok: true, rows: plain(r.rows), command: r.command, rowCount: r.rowCount });
  } catch (e) {
    if (e.code === undefined) throw e;
    emit({ step: name, ok: false, sqlstate: e.code });
  }
}

async function main(argv) {
  if (argv.length !== 6) {
    process.stderr.write('usage: node extended_pg.js HOST PORT USER DATABASE\n');
    return 64;
  }
  const client = new Client({ host: argv[2], port: Number(argv[3]), user: argv[4], database: argv[5] });
  await client.connect();
  try {
    await client.query("SET TimeZone = 'UTC'");
    const named = { name: 'q1', text: 'SELECT $1::int + 1 AS n', values: [41] };
    await step('named_first', () => client.query(named));
    await step('named_second', () => client.query({ name: 'q1', text: 'SELECT $1::int + 1 AS n', values: [99] }));
    await client.query('CREATE TABLE people (id INT PRIMARY KEY, name TEXT, born DATE, score NUMERIC(6,2), '
        + 'seen TIMESTAMPTZ, active BOOLEAN, tags TEXT[])');
    const insert = 'INSERT INTO people VALUES ($1, $2, $3, $4, $5, $6, $7)';
    await step('insert_1', () => client.query(insert,
        [1, 'Ada ✓', '1815-12-10', '99.50', new Date(Date.UTC(2024, 0, 31, 13, 45, 0)), true, ['x', 'y z']]));
    await step('insert_2', () => client.query(insert, [2, 'Grace', '1906-12-09', 87.25, null, false, []]));
    await step('insert_named', () => client.query({ name: 'ins', text: insert, values: [3, 'Edsger', null, 0, null, null, null] }));
    await step('insert_named_again', () => client.query({ name: 'ins', text: insert, values: [4, "O'Neil", null, 1, null, true, ['a']] }));
    await step('select_by_param', () => client.query(
        'SELECT id, name, born, score, seen, active, tags FROM people WHERE id <= $1 ORDER BY id', [2]));
    await step('select_like', () => client.query({ text: 'SELECT name FROM people WHERE name LIKE $1 ORDER BY id', values: ['%e%'] }));
    await step('count', () => client.query('SELECT count(*)::int AS n FROM people WHERE active = $1', [true]));
    await step('duplicate', () => client.query(insert, [1, 'again', null, null, null, null, null]));
    await step('after_error', () => client.query({ name: 'q1', text: 'SELECT $1::int + 1 AS n', values: [1] }));
  } finally {
    await client.end();
  }
  return 0;
}

main(process.argv).then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exitCode = 1;
});
