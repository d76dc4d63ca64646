-- TypeORM 1.1.3 (pg 8 driver) against PostgreSQL 15.18 — captured from the server log.
-- Scenario: DataSource.initialize() with synchronize:true for two entities (enum column, uuid PK, FK, index), run twice
-- (first run creates, second run loads existing tables), then QueryRunner.hasTable/hasColumn/getTable/hasSchema/hasDatabase.
-- TypeORM inlines most catalog filters as quoted literals (simple Query protocol); hasTable/hasColumn/hasSchema/hasDatabase use $n.
-- loadTables builds its WHERE from the entity list: ("table_schema" = 'public' AND "table_name" = 'x') OR (...) — shown as captured.

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (getVersion, called from PostgresDriver.afterConnect) — connect: server version (parsed for feature checks)
SELECT version();

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (getCurrentSchema) — connect / schema sync: current schema
SELECT * FROM current_schema();

-- source: typeorm/typeorm/src/driver/postgres/PostgresDriver.ts@1.1.3 (afterConnect → enableExtensions) — connect: only when an entity uses uuid generation (also pgcrypto/hstore/postgis/cube/ltree/vector when used)
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (startTransaction) — schema synchronization runs in a transaction (TypeORM uses START TRANSACTION, not BEGIN)
START TRANSACTION;

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (getCurrentDatabase) — schema sync: current database
SELECT * FROM current_database();

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables) — list tables with comment (obj_description on ::regclass)
SELECT "table_schema", "table_name", obj_description((quote_ident("table_schema") || '.' || quote_ident("table_name"))::regclass, 'pg_class') AS table_comment FROM "information_schema"."tables" WHERE ("table_schema" = 'public' AND "table_name" = 'torm_customer') OR ("table_schema" = 'public' AND "table_name" = 'torm_order');

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (hasTable; also loadViews → hasTable(typeorm_metadata)) — QueryRunner.hasTable()
-- sample params: $1 = 'public', $2 = 'typeorm_metadata'
SELECT * FROM "information_schema"."tables" WHERE "table_schema" = $1 AND "table_name" = $2;

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (hasEnumType) — check enum type exists before CREATE TYPE
SELECT "n"."nspname", "t"."typname" FROM "pg_type" "t" INNER JOIN "pg_namespace" "n" ON "n"."oid" = "t"."typnamespace" WHERE "n"."nspname" = 'public' AND "t"."typname" = 'torm_customer_kind_enum';

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (commitTransaction) — end of schema sync transaction
COMMIT;

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (hasColumn) — QueryRunner.hasColumn()
-- sample params: $1 = 'public', $2 = 'orders', $3 = 'amount'
SELECT * FROM "information_schema"."columns" WHERE "table_schema" = $1 AND "table_name" = $2 AND "column_name" = $3;

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables) — list tables with comment (obj_description on ::regclass)
SELECT "table_schema", "table_name", obj_description((quote_ident("table_schema") || '.' || quote_ident("table_name"))::regclass, 'pg_class') AS table_comment FROM "information_schema"."tables" WHERE ("table_schema" = 'public' AND "table_name" = 'orders');

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables → hasSupportForPartitionedTables) — feature probe on information_schema.columns
SELECT TRUE FROM information_schema.columns WHERE table_name = 'pg_class' and column_name = 'relispartition';

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables: columns) — columns with comment, udt, identity/generated info
SELECT columns.*, pg_catalog.col_description((quote_ident(table_catalog) || '.' || quote_ident(table_schema) || '.' || quote_ident(table_name))::regclass::oid, ordinal_position) AS description, ('"' || "udt_schema" || '"."' || "udt_name" || '"')::"regtype"::text AS "regtype", pg_catalog.format_type("col_attr"."atttypid", "col_attr"."atttypmod") AS "format_type" FROM "information_schema"."columns" LEFT JOIN "pg_catalog"."pg_attribute" AS "col_attr" ON "col_attr"."attname" = "columns"."column_name" AND "col_attr"."attrelid" = ( SELECT "cls"."oid" FROM "pg_catalog"."pg_class" AS "cls" LEFT JOIN "pg_catalog"."pg_namespace" AS "ns" ON "ns"."oid" = "cls"."relnamespace" WHERE "cls"."relname" = "columns"."table_name" AND "ns"."nspname" = "columns"."table_schema" ) WHERE ("table_schema" = 'public' AND "table_name" = 'orders');

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables: constraints) — PK/unique/check/exclusion constraints
SELECT "ns"."nspname" AS "table_schema", "t"."relname" AS "table_name", "cnst"."conname" AS "constraint_name", pg_get_constraintdef("cnst"."oid") AS "expression", CASE "cnst"."contype" WHEN 'p' THEN 'PRIMARY' WHEN 'u' THEN 'UNIQUE' WHEN 'c' THEN 'CHECK' WHEN 'x' THEN 'EXCLUDE' END AS "constraint_type", "a"."attname" AS "column_name" FROM "pg_constraint" "cnst" INNER JOIN "pg_class" "t" ON "t"."oid" = "cnst"."conrelid" INNER JOIN "pg_namespace" "ns" ON "ns"."oid" = "cnst"."connamespace" LEFT JOIN "pg_attribute" "a" ON "a"."attrelid" = "cnst"."conrelid" AND "a"."attnum" = ANY ("cnst"."conkey") WHERE "t"."relkind" IN ('r', 'p') AND (("ns"."nspname" = 'public' AND "t"."relname" = 'orders'));

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables: indices) — indexes (excluding constraint-backed)
SELECT "ns"."nspname" AS "table_schema", "t"."relname" AS "table_name", "i"."relname" AS "constraint_name", "a"."attname" AS "column_name", CASE "ix"."indisunique" WHEN 't' THEN 'TRUE' ELSE'FALSE' END AS "is_unique", pg_get_expr("ix"."indpred", "ix"."indrelid") AS "condition", "types"."typname" AS "type_name", "am"."amname" AS "index_type" FROM "pg_class" "t" INNER JOIN "pg_index" "ix" ON "ix"."indrelid" = "t"."oid" INNER JOIN "pg_attribute" "a" ON "a"."attrelid" = "t"."oid"  AND "a"."attnum" = ANY ("ix"."indkey") INNER JOIN "pg_namespace" "ns" ON "ns"."oid" = "t"."relnamespace" INNER JOIN "pg_class" "i" ON "i"."oid" = "ix"."indexrelid" INNER JOIN "pg_type" "types" ON "types"."oid" = "a"."atttypid" INNER JOIN "pg_am" "am" ON "i"."relam" = "am"."oid" LEFT JOIN "pg_constraint" "cnst" ON "cnst"."conname" = "i"."relname" WHERE "t"."relkind" IN ('r', 'p') AND "cnst"."contype" IS NULL AND (("ns"."nspname" = 'public' AND "t"."relname" = 'orders'));

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables: foreign keys) — foreign keys — two set-returning UNNEST() calls in one SELECT list (zipped conkey/confkey)
SELECT "con"."conname" AS "constraint_name", "con"."nspname" AS "table_schema", "con"."relname" AS "table_name", "att2"."attname" AS "column_name", "ns"."nspname" AS "referenced_table_schema", "cl"."relname" AS "referenced_table_name", "att"."attname" AS "referenced_column_name", "con"."confdeltype" AS "on_delete", "con"."confupdtype" AS "on_update", "con"."condeferrable" AS "deferrable", "con"."condeferred" AS "deferred" FROM ( SELECT UNNEST ("con1"."conkey") AS "parent", UNNEST ("con1"."confkey") AS "child", "con1"."confrelid", "con1"."conrelid", "con1"."conname", "con1"."contype", "ns"."nspname", "cl"."relname", "con1"."condeferrable", CASE WHEN "con1"."condeferred" THEN 'INITIALLY DEFERRED' ELSE 'INITIALLY IMMEDIATE' END as condeferred, CASE "con1"."confdeltype" WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END as "confdeltype", CASE "con1"."confupdtype" WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END as "confupdtype" FROM "pg_class" "cl" INNER JOIN "pg_namespace" "ns" ON "cl"."relnamespace" = "ns"."oid" INNER JOIN "pg_constraint" "con1" ON "con1"."conrelid" = "cl"."oid" WHERE "con1"."contype" = 'f' AND (("ns"."nspname" = 'public' AND "cl"."relname" = 'orders')) ) "con" INNER JOIN "pg_attribute" "att" ON "att"."attrelid" = "con"."confrelid" AND "att"."attnum" = "con"."child" INNER JOIN "pg_class" "cl" ON "cl"."oid" = "con"."confrelid"  AND "cl"."relispartition" = 'f'INNER JOIN "pg_namespace" "ns" ON "cl"."relnamespace" = "ns"."oid" INNER JOIN "pg_attribute" "att2" ON "att2"."attrelid" = "con"."conrelid" AND "att2"."attnum" = "con"."parent";

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables → getUserDefinedTypeName) — resolve enum/user-defined type name of a USER-DEFINED column
SELECT "udt_schema", "udt_name" FROM "information_schema"."columns" WHERE "table_schema" = 'public' AND "table_name" = 'orders' AND "column_name"='p';

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables → enum values) — enum labels for a USER-DEFINED column
SELECT "e"."enumlabel" AS "value" FROM "pg_enum" "e" INNER JOIN "pg_type" "t" ON "t"."oid" = "e"."enumtypid" INNER JOIN "pg_namespace" "n" ON "n"."oid" = "t"."typnamespace" WHERE "n"."nspname" = 'public' AND "t"."typname" = 'pair' ORDER BY "e"."enumsortorder";

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (hasSchema) — QueryRunner.hasSchema()
-- sample params: $1 = 'app'
SELECT * FROM "information_schema"."schemata" WHERE "schema_name" = $1;

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (hasDatabase) — QueryRunner.hasDatabase()
-- sample params: $1 = 'appdb'
SELECT * FROM pg_database WHERE datname=$1;

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables: columns) — columns with comment, udt, identity/generated info
SELECT columns.*, pg_catalog.col_description((quote_ident(table_catalog) || '.' || quote_ident(table_schema) || '.' || quote_ident(table_name))::regclass::oid, ordinal_position) AS description, ('"' || "udt_schema" || '"."' || "udt_name" || '"')::"regtype"::text AS "regtype", pg_catalog.format_type("col_attr"."atttypid", "col_attr"."atttypmod") AS "format_type" FROM "information_schema"."columns" LEFT JOIN "pg_catalog"."pg_attribute" AS "col_attr" ON "col_attr"."attname" = "columns"."column_name" AND "col_attr"."attrelid" = ( SELECT "cls"."oid" FROM "pg_catalog"."pg_class" AS "cls" LEFT JOIN "pg_catalog"."pg_namespace" AS "ns" ON "ns"."oid" = "cls"."relnamespace" WHERE "cls"."relname" = "columns"."table_name" AND "ns"."nspname" = "columns"."table_schema" ) WHERE ("table_schema" = 'public' AND "table_name" = 'torm_customer') OR ("table_schema" = 'public' AND "table_name" = 'torm_order');

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables: constraints) — PK/unique/check/exclusion constraints
SELECT "ns"."nspname" AS "table_schema", "t"."relname" AS "table_name", "cnst"."conname" AS "constraint_name", pg_get_constraintdef("cnst"."oid") AS "expression", CASE "cnst"."contype" WHEN 'p' THEN 'PRIMARY' WHEN 'u' THEN 'UNIQUE' WHEN 'c' THEN 'CHECK' WHEN 'x' THEN 'EXCLUDE' END AS "constraint_type", "a"."attname" AS "column_name" FROM "pg_constraint" "cnst" INNER JOIN "pg_class" "t" ON "t"."oid" = "cnst"."conrelid" INNER JOIN "pg_namespace" "ns" ON "ns"."oid" = "cnst"."connamespace" LEFT JOIN "pg_attribute" "a" ON "a"."attrelid" = "cnst"."conrelid" AND "a"."attnum" = ANY ("cnst"."conkey") WHERE "t"."relkind" IN ('r', 'p') AND (("ns"."nspname" = 'public' AND "t"."relname" = 'torm_customer') OR ("ns"."nspname" = 'public' AND "t"."relname" = 'torm_order'));

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables: indices) — indexes (excluding constraint-backed)
SELECT "ns"."nspname" AS "table_schema", "t"."relname" AS "table_name", "i"."relname" AS "constraint_name", "a"."attname" AS "column_name", CASE "ix"."indisunique" WHEN 't' THEN 'TRUE' ELSE'FALSE' END AS "is_unique", pg_get_expr("ix"."indpred", "ix"."indrelid") AS "condition", "types"."typname" AS "type_name", "am"."amname" AS "index_type" FROM "pg_class" "t" INNER JOIN "pg_index" "ix" ON "ix"."indrelid" = "t"."oid" INNER JOIN "pg_attribute" "a" ON "a"."attrelid" = "t"."oid"  AND "a"."attnum" = ANY ("ix"."indkey") INNER JOIN "pg_namespace" "ns" ON "ns"."oid" = "t"."relnamespace" INNER JOIN "pg_class" "i" ON "i"."oid" = "ix"."indexrelid" INNER JOIN "pg_type" "types" ON "types"."oid" = "a"."atttypid" INNER JOIN "pg_am" "am" ON "i"."relam" = "am"."oid" LEFT JOIN "pg_constraint" "cnst" ON "cnst"."conname" = "i"."relname" WHERE "t"."relkind" IN ('r', 'p') AND "cnst"."contype" IS NULL AND (("ns"."nspname" = 'public' AND "t"."relname" = 'torm_customer') OR ("ns"."nspname" = 'public' AND "t"."relname" = 'torm_order'));

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables: foreign keys) — foreign keys — two set-returning UNNEST() calls in one SELECT list (zipped conkey/confkey)
SELECT "con"."conname" AS "constraint_name", "con"."nspname" AS "table_schema", "con"."relname" AS "table_name", "att2"."attname" AS "column_name", "ns"."nspname" AS "referenced_table_schema", "cl"."relname" AS "referenced_table_name", "att"."attname" AS "referenced_column_name", "con"."confdeltype" AS "on_delete", "con"."confupdtype" AS "on_update", "con"."condeferrable" AS "deferrable", "con"."condeferred" AS "deferred" FROM ( SELECT UNNEST ("con1"."conkey") AS "parent", UNNEST ("con1"."confkey") AS "child", "con1"."confrelid", "con1"."conrelid", "con1"."conname", "con1"."contype", "ns"."nspname", "cl"."relname", "con1"."condeferrable", CASE WHEN "con1"."condeferred" THEN 'INITIALLY DEFERRED' ELSE 'INITIALLY IMMEDIATE' END as condeferred, CASE "con1"."confdeltype" WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END as "confdeltype", CASE "con1"."confupdtype" WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END as "confupdtype" FROM "pg_class" "cl" INNER JOIN "pg_namespace" "ns" ON "cl"."relnamespace" = "ns"."oid" INNER JOIN "pg_constraint" "con1" ON "con1"."conrelid" = "cl"."oid" WHERE "con1"."contype" = 'f' AND (("ns"."nspname" = 'public' AND "cl"."relname" = 'torm_customer') OR ("ns"."nspname" = 'public' AND "cl"."relname" = 'torm_order')) ) "con" INNER JOIN "pg_attribute" "att" ON "att"."attrelid" = "con"."confrelid" AND "att"."attnum" = "con"."child" INNER JOIN "pg_class" "cl" ON "cl"."oid" = "con"."confrelid"  AND "cl"."relispartition" = 'f'INNER JOIN "pg_namespace" "ns" ON "cl"."relnamespace" = "ns"."oid" INNER JOIN "pg_attribute" "att2" ON "att2"."attrelid" = "con"."conrelid" AND "att2"."attnum" = "con"."parent";

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables → getUserDefinedTypeName) — resolve enum/user-defined type name of a USER-DEFINED column
SELECT "udt_schema", "udt_name" FROM "information_schema"."columns" WHERE "table_schema" = 'public' AND "table_name" = 'torm_customer' AND "column_name"='kind';

-- source: typeorm/typeorm/src/driver/postgres/PostgresQueryRunner.ts@1.1.3 (loadTables → enum values) — enum labels for a USER-DEFINED column
SELECT "e"."enumlabel" AS "value" FROM "pg_enum" "e" INNER JOIN "pg_type" "t" ON "t"."oid" = "e"."enumtypid" INNER JOIN "pg_namespace" "n" ON "n"."oid" = "t"."typnamespace" WHERE "n"."nspname" = 'public' AND "t"."typname" = 'torm_customer_kind_enum' ORDER BY "e"."enumsortorder";

