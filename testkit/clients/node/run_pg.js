#!/usr/bin/env node
// Run SQL statements through node-postgres (pg) and print one JSON line per statement.
//
// usage: node run_pg.js CONNINFO SQL...
//
// CONNINFO is a libpq conninfo, key=value or postgres:// URI. It is interpreted with libpq's
// meaning of sslmode (require = encrypt without verifying; verify-ca; verify-full), which pg
// itself does not share; sslmode=prefer/allow are treated as disable. Each SQL argument is run
// as a plain query (no parameters). Output, one line per argument, identical in form to the
// Python scripts:
//   {"ok":true,"status":"SELECT 1","columns":["a"],"rows":[["1"]]}
//   {"ok":false,"sqlstate":"42P01","message":"relation \"x\" does not exist"}
// Values are the server's text representation (or null). When one argument holds several
// statements, the last result is reported. On connection failure:
// {"connect_error":true,"sqlstate":...,"message":...} and exit status 2.
'use strict';

const fs = require('fs');
const { Client } = require('pg');

// Every type parsed as the identity: values stay exactly as the server sent them.
const rawTypes = { getTypeParser: () => (value) => value };

function parseConninfo(text) {
  const params = {};
  if (/^postgres(ql)?:\/\//.test(text)) {
    const url = new URL(text);
    if (url.hostname) params.host = decodeURIComponent(url.hostname.replace(/^\[|\]$/g, ''));
    if (url.port) params.port = url.port;
    if (url.username) params.user = decodeURIComponent(url.username);
    if (url.password) params.password = decodeURIComponent(url.password);
    const db = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (db) params.dbname = db;
    for (const [k, v] of url.searchParams) params[k] = v;
    return params;
  }
  // key = value pairs; values may be single-quoted with backslash escapes (libpq rules).
  const re = /\s*([A-Za-z_]+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|((?:[^\s'\\]|\\.)*))/gy;
  let pos = 0;
  while (text.slice(pos).trim() !== '') {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m === null) throw new Error('cannot parse conninfo near: ' + text.slice(pos));
    const raw = m[2] !== undefined ? m[2] : m[3];
    params[m[1]] = raw.replace(/\\(.)/g, '$1');
    pos = re.lastIndex;
  }
  return params;
}

function clientConfig(params) {
  const config = {
    host: params.host || params.hostaddr || 'localhost',
    port: params.port ? Number(params.port) : 5432,
    user: params.user,
    password: params.password,
    database: params.dbname,
    application_name: params.application_name,
  };
  if (params.connect_timeout) config.connectionTimeoutMillis = Number(params.connect_timeout) * 1000;
  const mode = params.sslmode || 'disable';
  if (mode === 'require' || mode === 'verify-ca' || mode === 'verify-full') {
    const ssl = { rejectUnauthorized: mode !== 'require' };
    if (params.sslrootcert) ssl.ca = fs.readFileSync(params.sslrootcert);
    if (params.sslcert) ssl.cert = fs.readFileSync(params.sslcert);
    if (params.sslkey) ssl.key = fs.readFileSync(params.sslkey);
    if (mode === 'verify-ca') ssl.checkServerIdentity = () => undefined;
    config.ssl = ssl;
  } else {
    config.ssl = false;
  }
  return config;
}

function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function errorFields(err) {
  return { sqlstate: typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : null,
    message: err.message };
}

async function run(client, tags, sql) {
  tags.length = 0;
  let result = await client.query({ text: sql, rowMode: 'array', types: rawTypes });
  if (Array.isArray(result)) result = result[result.length - 1];
  const fields = result.fields || [];
  return {
    ok: true,
    // pg keeps only the first word of the command tag; report the tag as the server sent it.
    status: tags.length > 0 ? tags[tags.length - 1] : result.command,
    columns: fields.map((f) => f.name),
    rows: fields.length === 0 ? [] : result.rows,
  };
}

async function main(argv) {
  if (argv.length < 1) {
    process.stderr.write('usage: node run_pg.js CONNINFO SQL...\n');
    return 64;
  }
  let client;
  try {
    client = new Client(clientConfig(parseConninfo(argv[0])));
    client.on('error', () => {}); // a dropped connection surfaces through the failing query
    await client.connect();
  } catch (err) {
    emit({ connect_error: true, ...errorFields(err) });
    return 2;
  }
  const tags = [];
  client.connection.on('commandComplete', (msg) => tags.push(msg.text));
  try {
    for (const sql of argv.slice(1)) {
      try {
        emit(await run(client, tags, sql));
      } catch (err) {
        emit({ ok: false, ...errorFields(err) });
      }
    }
  } finally {
    await client.end().catch(() => {});
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(String(err && err.stack || err) + '\n'); process.exitCode = 1; },
);
