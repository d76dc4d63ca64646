exports.up = (knex) => knex.schema.createTable('kx_books', (t) => {
  t.increments('id');
  t.integer('author_id').notNullable().references('id').inTable('kx_authors').onDelete('CASCADE');
  t.string('title').notNullable();
  t.integer('pages');
  t.decimal('price', 8, 2);
  t.index(['author_id', 'title']);
});
exports.down = (knex) => knex.schema.dropTable('kx_books');
