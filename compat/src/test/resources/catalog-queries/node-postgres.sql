-- node-postgres (pg 8.23.1) and postgres.js (postgres 3.4.10 and 4.2.0) against PostgreSQL 15.18, captured from the server log.
-- node-postgres sends NO catalog query of its own: no type fetch at connect, unknown OIDs are returned as text
-- (pg-types). Its queries go out as simple Query when no params, extended protocol ($n) when params are given.
-- postgres.js sends one type-fetch query right after connecting (option fetch_types, default true), before the
-- first user query; everything else is extended protocol with $n placeholders.

-- source: porsager/postgres/src/connection.js@v3.4.10 (fetchArrayTypes) — postgres.js 3.x: on connect — array element type OIDs (sent via extended protocol, no params)
select b.oid, b.typarray
      from pg_catalog.pg_type a
      left join pg_catalog.pg_type b on b.oid = a.typelem
      where a.typcategory = 'A'
      group by b.oid, b.typarray
      order by b.oid;

-- source: porsager/postgres/src/types.js@v4.2.0 (fetched) — postgres.js 4.x: on connect — domains and user array types (simple Query)
select oid::int, typelem::int as element, typdelim as delimiter, typbasetype::int as base, typtype as kind from pg_catalog.pg_type where typtype = 'd' or (typcategory = 'A' and oid >= 16384);

-- source: porsager/postgres/src/types.js@v4.2.0 (names) — postgres.js 4.x: only when custom types are registered by name — assembled from the source; the IN list holds the quoted type names
select t.oid::int, t.typarray::int as array, t.typdelim as delimiter, t.typname as name, n.nspname as schema, pg_catalog.pg_type_is_visible(t.oid) as visible from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace where t.typname in ('mood');

