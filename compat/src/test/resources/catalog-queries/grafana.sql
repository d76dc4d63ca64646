-- Grafana (main branch, grafana-postgresql-datasource) — NOT captured live: taken from source (search tool).
-- The query-editor metadata SQL is built in the browser (postgresMetaQuery.ts) and executed by the Go backend through
-- /api/ds/query with pgx v5 (default exec mode: extended protocol, statement cache). Values are inlined as literals.
-- Health check ("Save & test") is pgxpool Ping → pgx sends the simple query "-- ping" (comment only → EmptyQueryResponse).
-- Grafana sends no other catalog query at connect time.

-- source: grafana/grafana/public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts@main(eb607c5) (getVersion) — datasource config: auto-detect server version (useAutoDetectFeatures.ts)
SELECT current_setting('server_version_num')::int/100 as version;

-- source: grafana/grafana/public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts@main(eb607c5) (getTimescaleDBVersion) — datasource config: TimescaleDB detection (version >= 906)
SELECT extversion FROM pg_extension WHERE extname = 'timescaledb';

-- source: grafana/grafana/public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts@main(eb607c5) (showTables + buildSchemaConstraint) — query editor: table dropdown / SQL completion (fetchTables); assembled with the search-path constraint inlined twice
SELECT
    CASE WHEN 
          quote_ident(table_schema) IN (
          SELECT
            CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
          FROM
            generate_series(
              array_lower(string_to_array(current_setting('search_path'),','),1),
              array_upper(string_to_array(current_setting('search_path'),','),1)
            ) as i,
            string_to_array(current_setting('search_path'),',') s
          )
      THEN quote_ident(table_name)
      ELSE quote_ident(table_schema) || '.' || quote_ident(table_name)
    END AS "table"
    FROM information_schema.tables
    WHERE quote_ident(table_schema) NOT IN ('information_schema',
                             'pg_catalog',
                             '_timescaledb_cache',
                             '_timescaledb_catalog',
                             '_timescaledb_internal',
                             '_timescaledb_config',
                             'timescaledb_information',
                             'timescaledb_experimental')
    ORDER BY CASE WHEN 
          quote_ident(table_schema) IN (
          SELECT
            CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
          FROM
            generate_series(
              array_lower(string_to_array(current_setting('search_path'),','),1),
              array_upper(string_to_array(current_setting('search_path'),','),1)
            ) as i,
            string_to_array(current_setting('search_path'),',') s
          ) THEN 0 ELSE 1 END, 1;

-- source: grafana/grafana/public/app/plugins/datasource/grafana-postgresql-datasource/postgresMetaQuery.ts@main(eb607c5) (getSchema + buildSchemaConstraint) — query editor: column dropdown for a table (fetchFields); the table name is inlined as a quoted literal — 'orders' here
SELECT quote_ident(column_name) AS "column", data_type AS "type"
    FROM information_schema.columns
    WHERE
      CASE WHEN array_length(parse_ident('orders'),1) = 2
        THEN quote_ident(table_schema) = (parse_ident('orders'))[1]
          AND quote_ident(table_name) = (parse_ident('orders'))[2]
        ELSE quote_ident(table_name) = 'orders'
          AND 
          quote_ident(table_schema) IN (
          SELECT
            CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
          FROM
            generate_series(
              array_lower(string_to_array(current_setting('search_path'),','),1),
              array_upper(string_to_array(current_setting('search_path'),','),1)
            ) as i,
            string_to_array(current_setting('search_path'),',') s
          )
      END;

-- source: grafana/grafana/pkg/tsdb/grafana-postgresql-datasource/schema.go@main(043dd88) (querySchemas) — SQL-expressions / schema API (newer Grafana): list schemas
SELECT schema_name FROM information_schema.schemata
		 WHERE schema_name NOT LIKE 'pg_%' AND schema_name != 'information_schema'
		 ORDER BY schema_name;

-- source: grafana/grafana/pkg/tsdb/grafana-postgresql-datasource/schema.go@main(043dd88) (queryTables) — schema API: tables of a schema
-- sample params: $1 = 'public'
SELECT table_name FROM information_schema.tables
		 WHERE table_schema = $1 AND table_type IN ('BASE TABLE', 'VIEW')
		 ORDER BY table_name;

-- source: grafana/grafana/pkg/tsdb/grafana-postgresql-datasource/schema.go@main(043dd88) (queryColumns) — schema API: columns of a table
-- sample params: $1 = 'public', $2 = 'orders'
SELECT column_name, data_type, udt_name, numeric_precision, numeric_scale
		 FROM information_schema.columns
		 WHERE table_schema = $1 AND table_name = $2
		 ORDER BY ordinal_position;

