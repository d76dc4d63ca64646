#!/usr/bin/env node
// Sequelize 6 against a server: usage node sequelize_flow.js URI connect|sync
//   connect: authenticate, create a table, insert, select with raw queries
//   sync:    sync({force}) of models with an ENUM, unique, foreign key and index; CRUD with
//            associations and a managed transaction; describeTable and showAllTables;
//            sync({alter}) with nothing to change
'use strict';
const { Sequelize, DataTypes } = require('sequelize');
const { runSteps, main } = require('./steps');

main(async ([uri, mode]) => {
  const sequelize = new Sequelize(uri, { logging: false, dialect: 'postgres' });
  try {
    if (mode === 'connect') {
      await runSteps([
        ['connect', async () => { await sequelize.authenticate(); return true; }],
        ['create table', () => sequelize.query('CREATE TABLE sq_first (id serial PRIMARY KEY, name varchar(50) NOT NULL)')],
        ['insert', async () => (await sequelize.query("INSERT INTO sq_first (name) VALUES ('a'), ('b') RETURNING id"))[0]],
        ['select', async () => (await sequelize.query('SELECT id, name FROM sq_first ORDER BY id'))[0]],
      ]);
      return;
    }
    const Author = sequelize.define('Author', {
      name: { type: DataTypes.STRING(100), allowNull: false },
      email: { type: DataTypes.STRING(200), unique: true },
      mood: { type: DataTypes.ENUM('sad', 'ok', 'happy'), defaultValue: 'ok' },
    }, { tableName: 'sq_authors' });
    const Book = sequelize.define('Book', {
      title: { type: DataTypes.TEXT, allowNull: false },
      price: DataTypes.DECIMAL(8, 2),
    }, { tableName: 'sq_books', indexes: [{ fields: ['title'] }] });
    Author.hasMany(Book, { foreignKey: 'author_id', onDelete: 'CASCADE' });
    Book.belongsTo(Author, { foreignKey: 'author_id' });
    await runSteps([
      ['sync force', async () => { await sequelize.sync({ force: true }); return true; }],
      ['crud', async () => {
        const ann = await Author.create({ name: 'Ann', email: 'ann@example.com', mood: 'happy' });
        await Author.create({ name: 'Bob', email: 'bob@example.com' });
        await Book.bulkCreate([{ title: 'First', price: '12.50', author_id: ann.id }, { title: 'Second', price: '7.25', author_id: ann.id }]);
        await Book.update({ price: '8.00' }, { where: { title: 'Second' } });
        await Author.destroy({ where: { name: 'Bob' } });
        const books = await Book.findAll({ include: Author, order: [['id', 'ASC']] });
        return books.map((b) => [b.title, b.price, b.Author.name, b.Author.mood]);
      }],
      ['transaction', async () => {
        try {
          await sequelize.transaction(async (t) => {
            await Author.create({ name: 'Tmp', email: 'tmp@example.com' }, { transaction: t });
            throw new Error('roll back');
          });
        } catch (e) {
          if (e.message !== 'roll back') throw e;
        }
        return Author.count();
      }],
      ['describe table', async () => {
        const d = await sequelize.getQueryInterface().describeTable('sq_books');
        return Object.keys(d).sort().map((k) => [k, d[k].type, d[k].allowNull, d[k].primaryKey]);
      }],
      ['show all tables', async () => (await sequelize.getQueryInterface().showAllTables()).sort()],
      ['show indexes', async () => (await sequelize.getQueryInterface().showIndex('sq_books')).map((i) => [i.name, i.primary, i.unique]).sort()],
      ['sync alter', async () => { await sequelize.sync({ alter: true }); return Author.count(); }],
    ]);
  } finally {
    await sequelize.close();
  }
});
