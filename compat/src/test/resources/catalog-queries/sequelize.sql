-- Sequelize 6.37.8 (pg 8 driver) against PostgreSQL 15.18 — captured from the server log.
-- Sequelize inlines all values as escaped literals and sends everything with the simple Query protocol (no $n).
-- Some strings contain several statements separated by ';' (one Query message).
-- Scenario: authenticate(), databaseVersion(), QueryInterface.showAllTables/showAllSchemas/describeTable(public.orders, app.items)/
-- showIndex/getForeignKeyReferencesForTable/getForeignKeysForTables/tableExists, then Model.sync() and sync({alter:true})
-- of a model with an ENUM column and a FK (CREATE TABLE / ALTER TABLE DDL omitted).

-- source: sequelize/sequelize/src/dialects/postgres/connection-manager.js@v6.37.8 — connect: session setup — ONE simple-query string with two statements (timezone option default +00:00)
SET client_min_messages TO warning;SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE;

-- source: sequelize/sequelize/src/dialects/postgres/connection-manager.js@v6.37.8 (_refreshDynamicOIDs) — connect: fetch OIDs of hstore/geometry/geography/citext/range types for parsers (first connect and after CREATE TYPE)
WITH ranges AS (  SELECT pg_range.rngtypid, pg_type.typname AS rngtypname,         pg_type.typarray AS rngtyparray, pg_range.rngsubtype    FROM pg_range LEFT OUTER JOIN pg_type ON pg_type.oid = pg_range.rngtypid)SELECT pg_type.typname, pg_type.typtype, pg_type.oid, pg_type.typarray,       ranges.rngtypname, ranges.rngtypid, ranges.rngtyparray  FROM pg_type LEFT OUTER JOIN ranges ON pg_type.oid = ranges.rngsubtype WHERE (pg_type.typtype IN('b', 'e'));

-- source: sequelize/sequelize/src/sequelize.js@v6.37.8 (authenticate) — Sequelize.authenticate() health check
SELECT 1+1 AS result;

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (versionQuery) — Sequelize.databaseVersion()
SHOW SERVER_VERSION;

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (showTablesQuery) — QueryInterface.showAllTables()
SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type LIKE '%TABLE' AND table_name != 'spatial_ref_sys';

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (showSchemasQuery) — QueryInterface.showAllSchemas()
SELECT schema_name FROM information_schema.schemata WHERE schema_name <> 'information_schema' AND schema_name != 'public' AND schema_name !~ E'^pg_';

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (describeTableQuery) — QueryInterface.describeTable()
SELECT pk.constraint_type as "Constraint",c.column_name as "Field", c.column_default as "Default",c.is_nullable as "Null", (CASE WHEN c.udt_name = 'hstore' THEN c.udt_name ELSE c.data_type END) || (CASE WHEN c.character_maximum_length IS NOT NULL THEN '(' || c.character_maximum_length || ')' ELSE '' END) as "Type", (SELECT array_agg(e.enumlabel) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_enum e ON t.oid=e.enumtypid WHERE t.typname=c.udt_name) AS "special", (SELECT pgd.description FROM pg_catalog.pg_statio_all_tables AS st INNER JOIN pg_catalog.pg_description pgd on (pgd.objoid=st.relid) WHERE c.ordinal_position=pgd.objsubid AND c.table_name=st.relname) AS "Comment" FROM information_schema.columns c LEFT JOIN (SELECT tc.table_schema, tc.table_name, cu.column_name, tc.constraint_type FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.KEY_COLUMN_USAGE  cu ON tc.table_schema=cu.table_schema and tc.table_name=cu.table_name and tc.constraint_name=cu.constraint_name and tc.constraint_type='PRIMARY KEY') pk ON pk.table_schema=c.table_schema AND pk.table_name=c.table_name AND pk.column_name=c.column_name WHERE c.table_name = 'orders' AND c.table_schema = 'public';

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (describeTableQuery) — QueryInterface.describeTable()
SELECT pk.constraint_type as "Constraint",c.column_name as "Field", c.column_default as "Default",c.is_nullable as "Null", (CASE WHEN c.udt_name = 'hstore' THEN c.udt_name ELSE c.data_type END) || (CASE WHEN c.character_maximum_length IS NOT NULL THEN '(' || c.character_maximum_length || ')' ELSE '' END) as "Type", (SELECT array_agg(e.enumlabel) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_enum e ON t.oid=e.enumtypid WHERE t.typname=c.udt_name) AS "special", (SELECT pgd.description FROM pg_catalog.pg_statio_all_tables AS st INNER JOIN pg_catalog.pg_description pgd on (pgd.objoid=st.relid) WHERE c.ordinal_position=pgd.objsubid AND c.table_name=st.relname) AS "Comment" FROM information_schema.columns c LEFT JOIN (SELECT tc.table_schema, tc.table_name, cu.column_name, tc.constraint_type FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.KEY_COLUMN_USAGE  cu ON tc.table_schema=cu.table_schema and tc.table_name=cu.table_name and tc.constraint_name=cu.constraint_name and tc.constraint_type='PRIMARY KEY') pk ON pk.table_schema=c.table_schema AND pk.table_name=c.table_name AND pk.column_name=c.column_name WHERE c.table_name = 'items' AND c.table_schema = 'app';

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (showIndexesQuery) — QueryInterface.showIndex()
SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS column_names, pg_get_indexdef(ix.indexrelid) AS definition FROM pg_class t, pg_class i, pg_index ix, pg_attribute a WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND a.attrelid = t.oid AND t.relkind = 'r' and t.relname = 'orders' GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY i.relname;

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (getForeignKeyReferenceQuery / _getForeignKeyReferencesQueryPrefix) — QueryInterface.getForeignKeyReferencesForTable() (also used by sync({alter:true}))
SELECT DISTINCT tc.constraint_name as constraint_name, tc.constraint_schema as constraint_schema, tc.constraint_catalog as constraint_catalog, tc.table_name as table_name,tc.table_schema as table_schema,tc.table_catalog as table_catalog,tc.initially_deferred as initially_deferred,tc.is_deferrable as is_deferrable,kcu.column_name as column_name,ccu.table_schema  AS referenced_table_schema,ccu.table_catalog  AS referenced_table_catalog,ccu.table_name  AS referenced_table_name,ccu.column_name AS referenced_column_name FROM information_schema.table_constraints AS tc JOIN information_schema.key_column_usage AS kcu ON tc.constraint_name = kcu.constraint_name JOIN information_schema.constraint_column_usage AS ccu ON ccu.constraint_name = tc.constraint_name WHERE constraint_type = 'FOREIGN KEY' AND tc.table_name = 'orders' AND tc.table_catalog = 'appdb';

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (getForeignKeysQuery) — QueryInterface.getForeignKeysForTables()
SELECT conname as constraint_name, pg_catalog.pg_get_constraintdef(r.oid, true) as condef FROM pg_catalog.pg_constraint r WHERE r.conrelid = (SELECT oid FROM pg_class WHERE relname = 'orders' LIMIT 1) AND r.contype = 'f' ORDER BY 1;

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (tableExistsQuery) — QueryInterface.tableExists() / Model.sync()
SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'orders';

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (pgListEnums) — Model.sync(): list enums of the schema (with t.typname filter when a specific enum is checked)
SELECT t.typname enum_name, array_agg(e.enumlabel ORDER BY enumsortorder) enum_value FROM pg_type t JOIN pg_enum e ON t.oid = e.enumtypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' GROUP BY 1;

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (tableExistsQuery) — QueryInterface.tableExists() / Model.sync()
SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'things';

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (pgListEnums) — Model.sync(): list enums of the schema (with t.typname filter when a specific enum is checked)
SELECT t.typname enum_name, array_agg(e.enumlabel ORDER BY enumsortorder) enum_value FROM pg_type t JOIN pg_enum e ON t.oid = e.enumtypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname='enum_things_state' GROUP BY 1;

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (pgEnum) — Model.sync(): create enum type if missing (anonymous DO block, PL/pgSQL)
DO 'BEGIN CREATE TYPE "public"."enum_things_state" AS ENUM(''a'', ''b''); EXCEPTION WHEN duplicate_object THEN null; END';

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (showIndexesQuery) — QueryInterface.showIndex()
SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS column_names, pg_get_indexdef(ix.indexrelid) AS definition FROM pg_class t, pg_class i, pg_index ix, pg_attribute a WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND a.attrelid = t.oid AND t.relkind = 'r' and t.relname = 'things' GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY i.relname;

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (describeTableQuery) — QueryInterface.describeTable()
SELECT pk.constraint_type as "Constraint",c.column_name as "Field", c.column_default as "Default",c.is_nullable as "Null", (CASE WHEN c.udt_name = 'hstore' THEN c.udt_name ELSE c.data_type END) || (CASE WHEN c.character_maximum_length IS NOT NULL THEN '(' || c.character_maximum_length || ')' ELSE '' END) as "Type", (SELECT array_agg(e.enumlabel) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_enum e ON t.oid=e.enumtypid WHERE t.typname=c.udt_name) AS "special", (SELECT pgd.description FROM pg_catalog.pg_statio_all_tables AS st INNER JOIN pg_catalog.pg_description pgd on (pgd.objoid=st.relid) WHERE c.ordinal_position=pgd.objsubid AND c.table_name=st.relname) AS "Comment" FROM information_schema.columns c LEFT JOIN (SELECT tc.table_schema, tc.table_name, cu.column_name, tc.constraint_type FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.KEY_COLUMN_USAGE  cu ON tc.table_schema=cu.table_schema and tc.table_name=cu.table_name and tc.constraint_name=cu.constraint_name and tc.constraint_type='PRIMARY KEY') pk ON pk.table_schema=c.table_schema AND pk.table_name=c.table_name AND pk.column_name=c.column_name WHERE c.table_name = 'things' AND c.table_schema = 'public';

-- source: sequelize/sequelize/src/dialects/postgres/query-generator.js@v6.37.8 (getForeignKeyReferenceQuery / _getForeignKeyReferencesQueryPrefix) — QueryInterface.getForeignKeyReferencesForTable() (also used by sync({alter:true}))
SELECT DISTINCT tc.constraint_name as constraint_name, tc.constraint_schema as constraint_schema, tc.constraint_catalog as constraint_catalog, tc.table_name as table_name,tc.table_schema as table_schema,tc.table_catalog as table_catalog,tc.initially_deferred as initially_deferred,tc.is_deferrable as is_deferrable,kcu.column_name as column_name,ccu.table_schema  AS referenced_table_schema,ccu.table_catalog  AS referenced_table_catalog,ccu.table_name  AS referenced_table_name,ccu.column_name AS referenced_column_name FROM information_schema.table_constraints AS tc JOIN information_schema.key_column_usage AS kcu ON tc.constraint_name = kcu.constraint_name JOIN information_schema.constraint_column_usage AS ccu ON ccu.constraint_name = tc.constraint_name WHERE constraint_type = 'FOREIGN KEY' AND tc.table_name = 'things' AND tc.table_catalog = 'appdb';

