exports.up = (knex) => knex.schema.createTable('kx_authors', (t) => {
  t.increments('id');
  t.string('name', 100).notNullable();
  t.string('email', 200).unique();
  t.timestamp('created_at').defaultTo(knex.fn.now());
});
exports.down = (knex) => knex.schema.dropTable('kx_authors');
