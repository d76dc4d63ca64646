-- pgcli 3.5.0 + pgspecial 2.0.1 (Debian bookworm packages; psycopg 3 driver) against PostgreSQL 15.18 — captured from the server log.
-- Newer pgcli 4.x keeps the same PGExecute completion queries (not re-verified here).
-- psycopg 3 binds server-side: %s in the source arrives as $1 (extended protocol); shown as on the wire.
-- Server version is read from ParameterStatus (conn.info.parameter_status("server_version")), no query.
-- Backslash commands are implemented by pgspecial with its OWN SQL (not psql's); \conninfo is not handled by pgspecial 2.0.1
-- (pgcli handles it client-side / it fell through to the server as a syntax error in this test).

-- source: dbcli/pgcli/pgcli/pgexecute.py@v3.5.0 (is_protocol_error, called from PGExecute.connect) — connect: probe (detects protocol errors)
SELECT 1;

-- source: dbcli/pgcli/pgcli/pgexecute.py@v3.5.0 (search_path_query) — completion refresh: search path
SELECT * FROM unnest(current_schemas(true));

-- source: dbcli/pgcli/pgcli/pgexecute.py@v3.5.0 (schemata_query) — completion refresh: schemas
SELECT  nspname
        FROM    pg_catalog.pg_namespace
        ORDER BY 1;

-- source: dbcli/pgcli/pgcli/pgexecute.py@v3.5.0 (databases_query) — completion refresh: databases
SELECT d.datname
        FROM pg_catalog.pg_database d
        ORDER BY 1;

-- source: dbcli/pgcli/pgcli/pgexecute.py@v3.5.0 (tables_query via _relations) — completion refresh: tables/views ($1 = relkinds array; views use {v,m})
-- sample params: $1 = '{r,p,f}'
SELECT  n.nspname schema_name,
                c.relname table_name
        FROM    pg_catalog.pg_class c
                LEFT JOIN pg_catalog.pg_namespace n
                    ON n.oid = c.relnamespace
        WHERE   c.relkind = ANY($1)
        ORDER BY 1,2;

-- source: dbcli/pgcli/pgcli/pgexecute.py@v3.5.0 (_columns) — completion refresh: table/view columns ($1 = relkinds array)
-- sample params: $1 = '{r,p,f}'
SELECT  nsp.nspname schema_name,
                        cls.relname table_name,
                        att.attname column_name,
                        att.atttypid::regtype::text type_name,
                        att.atthasdef AS has_default,
                        pg_catalog.pg_get_expr(def.adbin, def.adrelid, true) as default
                FROM    pg_catalog.pg_attribute att
                        INNER JOIN pg_catalog.pg_class cls
                            ON att.attrelid = cls.oid
                        INNER JOIN pg_catalog.pg_namespace nsp
                            ON cls.relnamespace = nsp.oid
                        LEFT OUTER JOIN pg_attrdef def
                            ON def.adrelid = att.attrelid
                            AND def.adnum = att.attnum
                WHERE   cls.relkind = ANY($1)
                        AND NOT att.attisdropped
                        AND att.attnum  > 0
                ORDER BY 1, 2, att.attnum;

-- source: dbcli/pgcli/pgcli/pgexecute.py@v3.5.0 (foreignkeys) — completion refresh: foreign keys (unnest + generate_subscripts)
SELECT s_p.nspname AS parentschema,
                       t_p.relname AS parenttable,
                       unnest((
                        select
                            array_agg(attname ORDER BY i)
                        from
                            (select unnest(confkey) as attnum, generate_subscripts(confkey, 1) as i) x
                            JOIN pg_catalog.pg_attribute c USING(attnum)
                            WHERE c.attrelid = fk.confrelid
                        )) AS parentcolumn,
                       s_c.nspname AS childschema,
                       t_c.relname AS childtable,
                       unnest((
                        select
                            array_agg(attname ORDER BY i)
                        from
                            (select unnest(conkey) as attnum, generate_subscripts(conkey, 1) as i) x
                            JOIN pg_catalog.pg_attribute c USING(attnum)
                            WHERE c.attrelid = fk.conrelid
                        )) AS childcolumn
                FROM pg_catalog.pg_constraint fk
                JOIN pg_catalog.pg_class      t_p ON t_p.oid = fk.confrelid
                JOIN pg_catalog.pg_namespace  s_p ON s_p.oid = t_p.relnamespace
                JOIN pg_catalog.pg_class      t_c ON t_c.oid = fk.conrelid
                JOIN pg_catalog.pg_namespace  s_c ON s_c.oid = t_c.relnamespace
                WHERE fk.contype = 'f';

-- source: dbcli/pgcli/pgcli/pgexecute.py@v3.5.0 (functions) — completion refresh: functions
SELECT n.nspname schema_name,
                        p.proname func_name,
                        p.proargnames,
                        COALESCE(proallargtypes::regtype[], proargtypes::regtype[])::text[],
                        p.proargmodes,
                        prorettype::regtype::text return_type,
                        p.prokind = 'a' is_aggregate,
                        p.prokind = 'w' is_window,
                        p.proretset is_set_returning,
                        d.deptype = 'e' is_extension,
                        pg_get_expr(proargdefaults, 0) AS arg_defaults
                FROM pg_catalog.pg_proc p
                        INNER JOIN pg_catalog.pg_namespace n
                            ON n.oid = p.pronamespace
                LEFT JOIN pg_depend d ON d.objid = p.oid and d.deptype = 'e'
                WHERE p.prorettype::regtype != 'trigger'::regtype
                ORDER BY 1, 2;

-- source: dbcli/pgcli/pgcli/pgexecute.py@v3.5.0 (datatypes) — completion refresh: data types
SELECT n.nspname schema_name,
                           t.typname type_name
                    FROM   pg_catalog.pg_type t
                           INNER JOIN pg_catalog.pg_namespace n
                              ON n.oid = t.typnamespace
                    WHERE ( t.typrelid = 0  -- non-composite types
                            OR (  -- composite type, but not a table
                                  SELECT c.relkind = 'c'
                                  FROM pg_catalog.pg_class c
                                  WHERE c.oid = t.typrelid
                                )
                          )
                          AND NOT EXISTS( -- ignore array types
                                SELECT  1
                                FROM    pg_catalog.pg_type el
                                WHERE   el.oid = t.typelem AND el.typarray = t.oid
                              )
                          AND n.nspname <> 'pg_catalog'
                          AND n.nspname <> 'information_schema'
                    ORDER BY 1, 2;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (list_databases) — \l
SELECT d.datname as "Name",
        pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
        pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
        d.datcollate as "Collate",
        d.datctype as "Ctype",
        pg_catalog.array_to_string(d.datacl, E'
') AS "Access privileges"
    FROM pg_catalog.pg_database d
     ORDER BY 1;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (list_objects) — \dt / \dv / \dm / \di / \ds / \d (relkinds passed as $1 array; + adds size/description)
-- sample params: $1 = '{r,p,""}'
SELECT n.nspname as "Schema",
                    c.relname as "Name",
                    CASE c.relkind
                      WHEN 'r' THEN 'table' WHEN 'v' THEN 'view'
                      WHEN 'p' THEN 'partitioned table'
                      WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index'
                      WHEN 'S' THEN 'sequence' WHEN 's' THEN 'special'
                      WHEN 'f' THEN 'foreign table' END
                    as "Type",
                    pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
          
            FROM    pg_catalog.pg_class c
                    LEFT JOIN pg_catalog.pg_namespace n
                      ON n.oid = c.relnamespace
            WHERE   c.relkind = ANY($1) 
            AND n.nspname <> 'pg_catalog'
            AND n.nspname <> 'information_schema'
            AND n.nspname !~ '^pg_toast'
            AND pg_catalog.pg_table_is_visible(c.oid)  ORDER BY 1, 2;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (list_objects) — \dt / \dv / \dm / \di / \ds / \d (relkinds passed as $1 array; + adds size/description)
-- sample params: $1 = '{r,p,""}'
SELECT n.nspname as "Schema",
                    c.relname as "Name",
                    CASE c.relkind
                      WHEN 'r' THEN 'table' WHEN 'v' THEN 'view'
                      WHEN 'p' THEN 'partitioned table'
                      WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index'
                      WHEN 'S' THEN 'sequence' WHEN 's' THEN 'special'
                      WHEN 'f' THEN 'foreign table' END
                    as "Type",
                    pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
          
            ,pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as "Size",
            pg_catalog.obj_description(c.oid, 'pg_class') as "Description" 
            FROM    pg_catalog.pg_class c
                    LEFT JOIN pg_catalog.pg_namespace n
                      ON n.oid = c.relnamespace
            WHERE   c.relkind = ANY($1) 
            AND n.nspname <> 'pg_catalog'
            AND n.nspname <> 'information_schema'
            AND n.nspname !~ '^pg_toast'
            AND pg_catalog.pg_table_is_visible(c.oid)  ORDER BY 1, 2;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_table_details) — \d T: find relation OID (regex on relname, $1 = ^(name)$)
-- sample params: $1 = '^(customers)$'
SELECT c.oid, n.nspname, c.relname
             FROM pg_catalog.pg_class c
             LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE pg_catalog.pg_table_is_visible(c.oid) AND c.relname OPERATOR(pg_catalog.~) $1
             ORDER BY 2,3;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_one_table_details) — \d T / \d+ T: detail query (OID inlined as literal)
SELECT c.relchecks, c.relkind, c.relhasindex,
                    c.relhasrules, c.relhastriggers, false as relhasoids,
                    '',
                    c.reltablespace,
                    CASE WHEN c.reloftype = 0 THEN ''
                        ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text
                    END,
                    c.relpersistence,
                    c.relispartition
                 FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
                 WHERE c.oid = '16400';

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_one_table_details) — \d T / \d+ T: detail query (OID inlined as literal)
SELECT a.attname,
    pg_catalog.format_type(a.atttypid, a.atttypmod)
    , (SELECT substring(pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) for 128)
                     FROM pg_catalog.pg_attrdef d
                     WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef)
                    , a.attnotnull,
(SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
                    WHERE c.oid = a.attcollation
                    AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
  a.attidentity,
  a.attgenerated,
 NULL AS indexdef, NULL AS attfdwoptions FROM pg_catalog.pg_attribute a WHERE a.attrelid = '16400' AND
    a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_one_table_details) — \d T / \d+ T: detail query (OID inlined as literal)
SELECT c2.relname,
                                i.indisprimary,
                                i.indisunique,
                                i.indisclustered,
                                i.indisvalid,
                                pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
                                pg_catalog.pg_get_constraintdef(con.oid, true),
                                contype,
                                condeferrable,
                                condeferred,
                                c2.reltablespace
                        FROM pg_catalog.pg_class c,
                            pg_catalog.pg_class c2,
                            pg_catalog.pg_index i
                        LEFT JOIN pg_catalog.pg_constraint con
                        ON conrelid = i.indrelid
                            AND conindid = i.indexrelid
                            AND contype IN ('p','u','x')
                        WHERE c.oid = '16400'
                            AND c.oid = i.indrelid
                            AND i.indexrelid = c2.oid
                        ORDER BY i.indisprimary DESC,
                            i.indisunique DESC,
                            c2.relname;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_one_table_details) — \d T / \d+ T: detail query (OID inlined as literal)
SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)
FROM pg_catalog.pg_constraint r
WHERE r.conrelid = '16400' AND r.contype = 'c'
ORDER BY 1;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_one_table_details) — \d T / \d+ T: detail query (OID inlined as literal)
SELECT conname,
 pg_catalog.pg_get_constraintdef(r.oid, true) as condef
FROM pg_catalog.pg_constraint r
WHERE r.conrelid = '16400' AND r.contype = 'f' ORDER BY 1;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_one_table_details) — \d T / \d+ T: detail query (OID inlined as literal)
SELECT conrelid::pg_catalog.regclass, conname,
  pg_catalog.pg_get_constraintdef(c.oid, true) as condef
FROM pg_catalog.pg_constraint c
WHERE c.confrelid = '16400' AND c.contype = 'f' ORDER BY 1;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_one_table_details) — \d T / \d+ T: detail query (OID inlined as literal)
SELECT t.tgname,
                        pg_catalog.pg_get_triggerdef(t.oid, true),
                        t.tgenabled
                   FROM pg_catalog.pg_trigger t
                   WHERE t.tgrelid = '16400' AND NOT t.tgisinternal
                   ORDER BY 1;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_one_table_details) — \d T / \d+ T: detail query (OID inlined as literal)
SELECT c.oid::pg_catalog.regclass
FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
WHERE c.oid = i.inhparent
  AND i.inhrelid = '16400'
ORDER BY inhseqno;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_one_table_details) — \d T / \d+ T: detail query (OID inlined as literal)
SELECT c.oid::pg_catalog.regclass
                        FROM pg_catalog.pg_class c,
                            pg_catalog.pg_inherits i
                        WHERE c.oid = i.inhrelid
                            AND i.inhparent = '16400'
                        ORDER BY c.oid::pg_catalog.regclass::pg_catalog.text;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_one_table_details) — \d T / \d+ T: detail query (OID inlined as literal)
SELECT c.relchecks, c.relkind, c.relhasindex,
                    c.relhasrules, c.relhastriggers, false as relhasoids,
                    pg_catalog.array_to_string(c.reloptions || array(select
        'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', '),
                    c.reltablespace,
                    CASE WHEN c.reloftype = 0 THEN ''
                        ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text
                    END,
                    c.relpersistence,
                    c.relispartition
                 FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
                 WHERE c.oid = '16400';

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (describe_one_table_details) — \d T / \d+ T: detail query (OID inlined as literal)
SELECT a.attname,
    pg_catalog.format_type(a.atttypid, a.atttypmod)
    , (SELECT substring(pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) for 128)
                     FROM pg_catalog.pg_attrdef d
                     WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef)
                    , a.attnotnull,
(SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
                    WHERE c.oid = a.attcollation
                    AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
  a.attidentity,
  a.attgenerated,
 NULL AS indexdef, NULL AS attfdwoptions, a.attstorage,
  CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget,
  pg_catalog.col_description(a.attrelid, a.attnum) FROM pg_catalog.pg_attribute a WHERE a.attrelid = '16400' AND
    a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (list_schemas) — \dn
SELECT n.nspname AS "Name",
    pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"
    FROM pg_catalog.pg_namespace n WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ORDER BY 1;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (list_functions) — \df
SELECT  n.nspname as "Schema",
                    p.proname as "Name",
                    pg_catalog.pg_get_function_result(p.oid)
                      as "Result data type",
                    pg_catalog.pg_get_function_arguments(p.oid)
                      as "Argument data types",
                     CASE
                        WHEN p.prokind = 'a' THEN 'agg'
                        WHEN p.prokind = 'w' THEN 'window'
                        WHEN p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype
                            THEN 'trigger'
                        ELSE 'normal'
                    END as "Type" 
            FROM    pg_catalog.pg_proc p
                    LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                            
            WHERE   pg_catalog.pg_function_is_visible(p.oid)  AND n.nspname <> 'pg_catalog'
                   AND n.nspname <> 'information_schema'  ORDER BY 1, 2, 4;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (list_roles) — \du
SELECT r.rolname,
                r.rolsuper,
                r.rolinherit,
                r.rolcreaterole,
                r.rolcreatedb,
                r.rolcanlogin,
                r.rolconnlimit,
                r.rolvaliduntil,
                ARRAY(SELECT b.rolname FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid) WHERE m.member = r.oid) as memberof,
            
            r.rolreplication
        FROM pg_catalog.pg_roles r
         ORDER BY 1;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (list_datatypes) — \dT
SELECT n.nspname as "Schema",
                    pg_catalog.format_type(t.oid, NULL) AS "Name",   pg_catalog.obj_description(t.oid, 'pg_type')
                        as "Description"   FROM    pg_catalog.pg_type t
                            LEFT JOIN pg_catalog.pg_namespace n
                              ON n.oid = t.typnamespace
                    WHERE   (t.typrelid = 0 OR
                              ( SELECT c.relkind = 'c'
                                FROM pg_catalog.pg_class c
                                WHERE c.oid = t.typrelid))
                            AND NOT EXISTS(
                                SELECT 1
                                FROM pg_catalog.pg_type el
                                WHERE el.oid = t.typelem
                                      AND el.typarray = t.oid)  AND pg_catalog.pg_type_is_visible(t.oid)  AND n.nspname <> 'pg_catalog'
                   AND n.nspname <> 'information_schema'  ORDER BY 1, 2;

-- source: dbcli/pgspecial/pgspecial/dbcommands.py@v2.0.1 (list_extensions) — \dx
SELECT e.extname AS "Name",
             e.extversion AS "Version",
             n.nspname AS "Schema",
             c.description AS "Description"
      FROM pg_catalog.pg_extension e
           LEFT JOIN pg_catalog.pg_namespace n
             ON n.oid = e.extnamespace
           LEFT JOIN pg_catalog.pg_description c
             ON c.objoid = e.oid
                AND c.classoid = 'pg_catalog.pg_extension'::pg_catalog.regclass
       ORDER BY 1, 2;

