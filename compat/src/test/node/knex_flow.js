#!/usr/bin/env node
// Knex 3 against a server: usage node knex_flow.js URI connect|migrations
//   connect:    connect, create a table with the schema builder, insert, select
//   migrations: migrate.latest with knex-migrations/, the lock and history tables, columnInfo,
//               hasTable/hasColumn, migrate.rollback of everything, migrate.latest again
'use strict';
const path = require('path');
const { runSteps, main } = require('./steps');

main(async ([uri, mode]) => {
  const knex = require('knex')({ client: 'pg', connection: uri, pool: { min: 0, max: 2 } });
  try {
    if (mode === 'connect') {
      await runSteps([
        ['connect', async () => (await knex.raw('select 1 as one')).rows[0].one],
        ['create table', () => knex.schema.createTable('kx_first', (t) => { t.increments('id'); t.string('name', 50).notNullable(); })],
        ['insert', async () => (await knex('kx_first').insert([{ name: 'a' }, { name: 'b' }]).returning('id')).map((r) => r.id)],
        ['select', () => knex('kx_first').select('id', 'name').orderBy('id')],
      ]);
    } else {
      const config = { directory: path.join(__dirname, 'knex-migrations'), loadExtensions: ['.js'] };
      await runSteps([
        ['migrate latest', async () => { const [batch, log] = await knex.migrate.latest(config); return { batch, log }; }],
        ['history', () => knex('knex_migrations').select('name', 'batch').orderBy('id')],
        ['lock row', () => knex('knex_migrations_lock').select('is_locked')],
        ['column info', () => knex('kx_authors').columnInfo()],
        ['has table and column', async () => [await knex.schema.hasTable('kx_books'), await knex.schema.hasColumn('kx_books', 'title'),
          await knex.schema.hasTable('kx_nothing')]],
        ['crud', async () => {
          const [a] = await knex('kx_authors').insert({ name: 'Ann', email: 'ann@example.com' }).returning('*');
          await knex('kx_books').insert({ author_id: a.id, title: 'First', pages: 100 });
          await knex('kx_books').where({ title: 'First' }).update({ pages: 120 });
          return knex('kx_books').join('kx_authors', 'kx_authors.id', 'kx_books.author_id').select('kx_authors.name', 'kx_books.title', 'kx_books.pages');
        }],
        ['migrate status', () => knex.migrate.status(config)],
        ['migrate rollback', async () => { const [batch, log] = await knex.migrate.rollback(config, true); return { batch, log }; }],
        ['tables after rollback', async () => [await knex.schema.hasTable('kx_books'), await knex.schema.hasTable('kx_authors')]],
        ['migrate latest again', async () => { const [batch, log] = await knex.migrate.latest(config); return { batch, log }; }],
      ]);
    }
  } finally {
    await knex.destroy();
  }
});
