-- Knex 3.3.0 (client 'pg', pg 8.23.1) against PostgreSQL 15.18, captured from the server log.
-- Knex writes '?' bindings; the pg client sends them as $n (extended protocol). Shown as sent on the wire.

-- source: knex/knex/lib/dialects/postgres/index.js@3.3.0 (checkVersion — runs on first connection when the `version` option is not set) — connect: server version
select version();

-- source: knex/knex/lib/dialects/postgres/schema/pg-compiler.js@3.3.0 (hasTable) — schema.hasTable(name) — default schema
-- sample params: $1 = 'orders'
select * from information_schema.tables where table_name = $1 and table_schema = current_schema();

-- source: knex/knex/lib/dialects/postgres/schema/pg-compiler.js@3.3.0 (hasTable) — schema.withSchema(s).hasTable(name)
-- sample params: $1 = 'items', $2 = 'app'
select * from information_schema.tables where table_name = $1 and table_schema = $2;

-- source: knex/knex/lib/dialects/postgres/schema/pg-compiler.js@3.3.0 (hasColumn) — schema.hasColumn(table, column)
-- sample params: $1 = 'orders', $2 = 'amount'
select * from information_schema.columns where table_name = $1 and column_name = $2 and table_schema = current_schema();

-- source: knex/knex/lib/dialects/postgres/query/pg-querycompiler.js@3.3.0 (columnInfo) — knex(table).columnInfo([column])
-- sample params: $1 = 'orders'
select * from information_schema.columns where table_name = $1 and table_catalog = current_database() and table_schema = current_schema();

