-- Apache Superset (master, PostgresEngineSpec; psycopg2 driver) — from source (search tool) + SQLAlchemy capture.
-- Superset's schema browsing goes through the SQLAlchemy 2 PGInspector, so everything in sqlalchemy.sql applies
-- (connect-time version()/current_schema()/standard_conforming_strings, get_schema_names, get_table_names,
-- get_view_names, get_columns, get_pk_constraint, get_foreign_keys, get_indexes, get_unique_constraints,
-- get_check_constraints, get_table_comment ...). Below: the Superset-specific extras only.

-- source: apache/superset/superset/db_engine_specs/postgres.py@master(007e4f5) (PostgresEngineSpec.get_catalog_names) — database (catalog) dropdown — sent verbatim incl. leading newline
SELECT datname FROM pg_database
WHERE datistemplate = false;

-- source: sqlalchemy/sqlalchemy/lib/sqlalchemy/dialects/postgresql/base.py@rel_2_1_1 (PGInspector.get_foreign_table_names), called by apache/superset/superset/db_engine_specs/postgres.py@master(007e4f5) (get_table_names) — table list also includes foreign tables (captured via SQLAlchemy event)
-- sample params: {'param_1': 'f', 'nspname_1': 'public'}
SELECT pg_catalog.pg_class.relname 
FROM pg_catalog.pg_class JOIN pg_catalog.pg_namespace ON pg_catalog.pg_namespace.oid = pg_catalog.pg_class.relnamespace 
WHERE pg_catalog.pg_class.relkind = ANY (ARRAY[%(param_1)s]) AND pg_catalog.pg_namespace.nspname = %(nspname_1)s;

-- source: apache/superset/superset/db_engine_specs/postgres.py@master(007e4f5) (get_prequeries) — SQL Lab: run before each query in the selected schema (identifier in double quotes)
set search_path = "public";

-- source: apache/superset/superset/db_engine_specs/postgres.py@master(007e4f5) (get_cancel_query_id) — SQL Lab: remember backend pid for cancel
SELECT pg_backend_pid();

-- source: apache/superset/superset/db_engine_specs/postgres.py@master(007e4f5) (cancel_query) — SQL Lab: cancel a running query (pid inlined as a string literal)
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid='12345';

-- source: apache/superset/superset/db_engine_specs/postgres.py@master(007e4f5) (estimate_statement_cost) — SQL Lab cost estimate: EXPLAIN of the user statement; output parsed for cost=a..b
EXPLAIN SELECT * FROM orders;

