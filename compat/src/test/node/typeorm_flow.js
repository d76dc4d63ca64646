#!/usr/bin/env node
// TypeORM 0.3 against a server: usage node typeorm_flow.js URI connect|sync
//   connect: initialize without synchronize, create a table, insert, select through a QueryRunner
//   sync:    initialize with synchronize (entities with a generated key, enum, unique, many-to-one),
//            CRUD through repositories and the query builder, then initialize again: the second
//            synchronize must find nothing to change (its DDL is reported)
'use strict';
require('reflect-metadata');
const { DataSource, EntitySchema } = require('typeorm');
const { runSteps, main } = require('./steps');

const Author = new EntitySchema({
  name: 'Author',
  tableName: 'to_authors',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    name: { type: 'varchar', length: 100 },
    email: { type: 'varchar', length: 200, unique: true },
    mood: { type: 'enum', enum: ['sad', 'ok', 'happy'], default: 'ok' },
    createdAt: { type: 'timestamp', createDate: true },
  },
});
const Book = new EntitySchema({
  name: 'Book',
  tableName: 'to_books',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    title: { type: 'text' },
    price: { type: 'numeric', precision: 8, scale: 2, nullable: true },
  },
  relations: { author: { type: 'many-to-one', target: 'Author', joinColumn: { name: 'author_id' }, onDelete: 'CASCADE' } },
  indices: [{ name: 'to_books_title_idx', columns: ['title'] }],
});

class Recorder {
  constructor() { this.queries = []; }
  logQuery(q) { this.queries.push(q); }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

function source(uri, synchronize, logger) {
  return new DataSource({ type: 'postgres', url: uri, entities: [Author, Book], synchronize, logging: true, logger });
}

main(async ([uri, mode]) => {
  if (mode === 'connect') {
    const ds = source(uri, false, new Recorder());
    await runSteps([
      ['connect', async () => { await ds.initialize(); return ds.isInitialized; }],
      ['create table', () => ds.query('CREATE TABLE to_first (id serial PRIMARY KEY, name varchar(50) NOT NULL)')],
      ['insert', () => ds.query('INSERT INTO to_first (name) VALUES ($1), ($2) RETURNING id', ['a', 'b'])],
      ['select', () => ds.query('SELECT id, name FROM to_first ORDER BY id')],
    ]);
    if (ds.isInitialized) await ds.destroy();
    return;
  }
  const first = new Recorder();
  const ds = source(uri, true, first);
  let second;
  await runSteps([
    ['synchronize', async () => { await ds.initialize(); return ds.isInitialized; }],
    ['crud', async () => {
      const authors = ds.getRepository('Author');
      const books = ds.getRepository('Book');
      const ann = await authors.save({ name: 'Ann', email: 'ann@example.com', mood: 'happy' });
      await authors.save({ name: 'Bob', email: 'bob@example.com' });
      await books.save({ title: 'First', price: '12.50', author: ann });
      await books.save({ title: 'Second', price: '7.25', author: ann });
      await books.update({ title: 'Second' }, { price: '8.00' });
      await authors.delete({ name: 'Bob' });
      const rows = await books.find({ relations: { author: true }, order: { id: 'ASC' } });
      return rows.map((b) => [b.title, b.price, b.author.name, b.author.mood]);
    }],
    ['query builder', () => ds.getRepository('Book').createQueryBuilder('b').innerJoin('b.author', 'a')
      .select('a.name', 'name').addSelect('COUNT(*)', 'n').addSelect('SUM(b.price)', 'total').groupBy('a.name').getRawMany()],
    ['transaction', async () => {
      try {
        await ds.transaction(async (m) => {
          await m.getRepository('Author').save({ name: 'Tmp', email: 'tmp@example.com' });
          throw new Error('roll back');
        });
      } catch (e) {
        if (e.message !== 'roll back') throw e;
      }
      return ds.getRepository('Author').count();
    }],
    ['second synchronize', async () => {
      await ds.destroy();
      second = new Recorder();
      const again = source(uri, true, second);
      await again.initialize();
      await again.destroy();
      return second.queries.filter((q) => /^\s*(CREATE|ALTER|DROP|COMMENT)/i.test(q));
    }],
  ]);
  if (ds.isInitialized) await ds.destroy();
});
