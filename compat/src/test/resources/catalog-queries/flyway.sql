-- Flyway 13.12.2 (flyway-database-postgresql, pgjdbc 42.7.14) against PostgreSQL 15.18 — captured from the server log.
-- Scenario: Flyway.info(), migrate() of one V1__init.sql into an empty database, validate(), info(); default config
-- (schema = current schema "public", postgresql.transactional.lock=true). The user migration DDL is omitted.
-- Flyway sets the pgjdbc ApplicationName to "Flyway by Redgate" by default (arrives as SET application_name, see pgjdbc.sql).
-- Flyway's own SQL uses '?' in source; pgjdbc sends $n.

-- source: flyway/flyway/flyway-core/src/main/java/org/flywaydb/core/internal/database/base/BaseDatabaseType.java@13.12.2 (getSelectVersionOutput, called from cockroachdb/CockroachDBDatabaseType.handlesDatabaseProductNameAndVersion) — database type detection (is it CockroachDB?)
SELECT version();

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLConnection.java@13.12.2 (getCurrentSchemaNameOrSearchPath) — original search_path
SHOW search_path;

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLConnection.java@13.12.2 (constructor: originalRole) — current role, restored later with SET ROLE
SELECT CURRENT_USER;

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLConnection.java@13.12.2 (rdsAdminExists) — Amazon RDS detection (pg_roles must exist; an error here is swallowed but aborts an open transaction)
SELECT rolname FROM pg_roles WHERE rolname ILIKE 'rds_superuser';

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLConnection.java@13.12.2 (doGetCurrentSchema) — current schema — note: bare current_schema without parentheses (SQL-standard niladic form)
SELECT current_schema;

-- source: pgjdbc/pgjdbc/pgjdbc/src/main/java/org/postgresql/jdbc/PgConnection.java@REL42.7.14 — Connection.getCatalog() — called by Flyway
select current_catalog;

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLDatabase.java@13.12.2 (doGetCurrentUser) — installed_by value
SELECT current_user;

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLSchema.java@13.12.2 (doExists) — schema exists? (unqualified pg_namespace)
-- sample params: $1 = 'public'
SELECT COUNT(*) FROM pg_namespace WHERE nspname=$1;

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLSchema.java@13.12.2 (doEmpty) — is the schema empty? (relations, types, routines not owned by an extension)
-- sample params: $1 = 'public', $2 = 'public', $3 = 'public'
SELECT EXISTS (
    SELECT c.oid FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_depend d ON d.objid = c.oid AND d.deptype = 'e'
    WHERE  n.nspname = $1 AND d.objid IS NULL AND c.relkind IN ('r', 'v', 'S', 't')
  UNION ALL
    SELECT t.oid FROM pg_catalog.pg_type t
    JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    LEFT JOIN pg_catalog.pg_depend d ON d.objid = t.oid AND d.deptype = 'e'
    WHERE n.nspname = $2 AND d.objid IS NULL AND t.typcategory NOT IN ('A', 'C')
  UNION ALL
    SELECT p.oid FROM pg_catalog.pg_proc p
    JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    LEFT JOIN pg_catalog.pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
    WHERE n.nspname = $3 AND d.objid IS NULL
);

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLConnection.java@13.12.2 (doRestoreOriginalState) — restore original role after each migration/callback
SET ROLE 'postgres';

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLTable.java@13.12.2 (doExists) — schema history table exists?
-- sample params: $1 = 'public', $2 = 'flyway_schema_history'
SELECT EXISTS (
  SELECT 1
  FROM   pg_catalog.pg_class c
  JOIN   pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE  n.nspname = $1
  AND    c.relname = $2
  AND    c.relkind = 'r'
);

-- source: pgjdbc/pgjdbc/pgjdbc/src/main/java/org/postgresql/core/v3/QueryExecutorImpl.java@REL42.7.14 — transaction control issued by pgjdbc with autocommit=false (BEGIN; BEGIN as simple query, COMMIT/ROLLBACK as prepared) — called by Flyway
BEGIN;

-- source: pgjdbc/pgjdbc/pgjdbc/src/main/java/org/postgresql/core/v3/QueryExecutorImpl.java@REL42.7.14 — transaction control issued by pgjdbc with autocommit=false (COMMIT; BEGIN as simple query, COMMIT/ROLLBACK as prepared) — called by Flyway
COMMIT;

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLAdvisoryLockTemplate.java@13.12.2 (tryLockTransactional) — migration lock (default postgresql.transactional.lock=true), number = 0x466C79776179 + hashCode of the history table name; retried until true
SELECT pg_try_advisory_xact_lock(77433833903597);

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLDatabase.java@13.12.2 (getRawCreateScript) — create schema history table (executed statement by statement)
CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLDatabase.java@13.12.2 (getRawCreateScript) — create schema history table (executed statement by statement)
ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLDatabase.java@13.12.2 (getRawCreateScript) — create schema history table (executed statement by statement)
CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLDatabase.java@13.12.2 (getSelectStatement) via flyway-core JdbcTableSchemaHistory — read schema history (leading /*NO LOAD BALANCE*/ comment for pgpool)
-- sample params: $1 = '-1'
/*NO LOAD BALANCE*/
SELECT "installed_rank","version","description","type","script","checksum","installed_on","installed_by","execution_time","success" FROM "public"."flyway_schema_history" WHERE "installed_rank" > $1 ORDER BY "installed_rank";

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLConnection.java@13.12.2 (doChangeCurrentSchemaOrSearchPathTo) — prepend the Flyway schema to search_path before running migrations (written with ? in source)
-- sample params: $1 = '"public","$user", public'
SELECT set_config('search_path', $1, false);

-- source: flyway/flyway/flyway-core/src/main/java/org/flywaydb/core/internal/schemahistory/JdbcTableSchemaHistory.java@13.12.2 (doAddAppliedMigration) — record an applied migration
-- sample params: $1 = '1', $2 = '1', $3 = 'init', $4 = 'SQL', $5 = 'V1__init.sql', $6 = '325161637', $7 = 'postgres', $8 = '47', $9 = 't'
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLAdvisoryLockTemplate.java@13.12.2 (tryLock) — session-level lock: used when postgresql.transactional.lock=false or for executeInTransaction=false migrations (not captured; from source, number shown is the one captured above)
SELECT pg_try_advisory_lock(77433833903597);

-- source: flyway/flyway/flyway-database/flyway-database-postgresql/src/main/java/org/flywaydb/database/postgresql/PostgreSQLAdvisoryLockTemplate.java@13.12.2 (unlock) — release of the session-level lock (from source)
SELECT pg_advisory_unlock(77433833903597);

