#!/usr/bin/env node
// The silent-value cases (compat/src/test/resources/silent-values.json) through node-postgres.
//
// usage: node silent_values_pg.js CASES_JSON DATABASE URI
//
// Parameters are Buffers (bytea) or strings; a binary step asks for binary results
// (binary: true). node-postgres's own binary numeric parser turns numerics into JS numbers and so
// loses digits by design; binary numerics are decoded exactly here instead, so the test sees what
// the server sent. Output, one line per step (column types are OIDs):
//   {"case":0,"step":3,"ok":true,"columns":[["n",1700]],"rows":[["12345.6789"]]}
//   {"case":0,"step":4,"ok":false,"sqlstate":"22003","message":"..."}
'use strict';

const fs = require('fs');
const { Client, types } = require('pg');

function numericFromBinary(buf) {
  const ndigits = buf.readInt16BE(0);
  const weight = buf.readInt16BE(2);
  const sign = buf.readUInt16BE(4);
  const dscale = buf.readInt16BE(6);
  if (sign === 0xc000) return 'NaN';
  const digits = [];
  for (let i = 0; i < ndigits; i++) digits.push(buf.readInt16BE(8 + 2 * i));
  let intPart = '';
  for (let w = 0; w <= weight; w++) {
    const d = w < digits.length ? digits[w] : 0;
    intPart += w === 0 ? String(d) : String(d).padStart(4, '0');
  }
  if (intPart === '') intPart = '0';
  let frac = '';
  for (let w = weight + 1; frac.length < dscale; w++) {
    const d = w >= 0 && w < digits.length ? digits[w] : 0;
    frac += String(d).padStart(4, '0');
  }
  frac = frac.slice(0, dscale);
  return (sign === 0x4000 ? '-' : '') + intPart + (dscale > 0 ? '.' + frac : '');
}

const typeParsers = {
  getTypeParser(oid, format) {
    if (format === 'binary' && oid === 1700) return numericFromBinary;
    return types.getTypeParser(oid, format);
  },
};

function canon(value, oid) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (Buffer.isBuffer(value)) return oid === 17 ? '\\x' + value.toString('hex') : value.toString('utf8');
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function param(p) {
  if (p.type === 'bytea') return Buffer.from(p.value, 'hex');
  if (p.type === 'bool') return Boolean(p.value);
  return String(p.value);
}

async function runStep(client, step) {
  const result = await client.query({
    text: step.sql,
    values: (step.params || []).map(param),
    rowMode: 'array',
    binary: Boolean(step.binary),
    types: typeParsers,
  });
  const fields = result.fields || [];
  return {
    ok: true,
    columns: fields.map((f) => [f.name, f.dataTypeID]),
    rows: fields.length === 0 ? [] : result.rows.map((r) => r.map((v, i) => canon(v, fields[i].dataTypeID))),
  };
}

async function main([casesPath, _database, uri]) {
  const cases = JSON.parse(fs.readFileSync(casesPath, 'utf8')).cases;
  const client = new Client({ connectionString: uri });
  client.on('error', () => {});
  await client.connect();
  try {
    for (let ci = 0; ci < cases.length; ci++) {
      for (let si = 0; si < cases[ci].steps.length; si++) {
        let out;
        try {
          out = await runStep(client, cases[ci].steps[si]);
        } catch (err) {
          out = { ok: false, sqlstate: typeof err.code === 'string' ? err.code : null, message: String(err.message) };
        }
        process.stdout.write(JSON.stringify({ case: ci, step: si, ...out }) + '\n');
      }
    }
  } finally {
    await client.end().catch(() => {});
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(String((err && err.stack) || err) + '\n'); process.exitCode = 1; },
);
