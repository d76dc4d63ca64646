#!/usr/bin/env node
// postgres.js (the "postgres" package) with arrays: usage node postgresjs_arrays.js URI
// Fetches its array types at connect (the pg_type query of postgres.js), then sends and reads
// int4[], int8[], text[], numeric[], bool[] and NULL-holding arrays as parameters and columns.
'use strict';
const postgres = require('postgres');
const { runSteps, main } = require('./steps');

main(async ([uri]) => {
  const sql = postgres(uri, { max: 1, onnotice: () => {} });
  try {
    await runSteps([
      ['connect', async () => (await sql`select 1 as one`)[0].one],
      ['array literals', async () => {
        const [r] = await sql`select '{1,2,3}'::int4[] as i, '{"a","b c",null}'::text[] as t, array[1.5, 2.25]::numeric[] as n, '{t,f}'::bool[] as b`;
        return r;
      }],
      ['array parameters', async () => {
        const [r] = await sql`select ${sql.array([1, 2, 3])}::int4[] as i, ${sql.array(['x', 'y'])}::text[] as t, cardinality(${sql.array([4, 5])}::int8[]) as n`;
        return r;
      }],
      ['array columns', async () => {
        await sql`create table pj_arrays (id int primary key, tags text[], scores int4[], big int8[])`;
        await sql`insert into pj_arrays values (1, ${sql.array(['red', 'green'])}::text[], ${sql.array([3, 1, 2])}::int4[], ${sql.array(['9007199254740993'])}::int8[])`;
        await sql`insert into pj_arrays values (2, '{}', null, '{1,null}')`;
        return sql`select id, tags, scores, big, array_length(tags, 1) as n from pj_arrays order by id`;
      }],
      ['any', async () => sql`select id from pj_arrays where 'red' = any(tags)`],
      ['unnest', async () => sql`select unnest(${sql.array([10, 20])}::int4[]) as v`],
    ], { independent: true });
  } finally {
    await sql.end({ timeout: 5 });
  }
});
