-- DBeaver (PostgreSQL plugin, pgjdbc underneath) — NOT captured here. Two kinds of evidence:
--  (a) a third-party wire capture of DBeaver 25.1.0 (ybrs/pg_catalog captures/dbeaver.yaml, via search tool):
--      exact text incl. $n placeholders — connect flow and navigator start;
--  (b) DBeaver source (PostgreSchema.java, ~2021 version in the index) for the per-schema caches; written with '?'
--      in source (sent as $1 by pgjdbc). Newer DBeaver adds columns (e.g. 'I' relkind exclusions, dep.objid joins).
-- DBeaver also triggers pgjdbc DatabaseMetaData.getSQLKeywords() (pg_get_keywords, see pgjdbc.sql) and opens 3
-- connections (database list / Main / Metadata), each setting application_name.

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) — connect (every connection): pgjdbc startup
SET extra_float_digits = 3;

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) — connect: pgjdbc default name, then DBeaver purpose-specific name
SET application_name = 'DBeaver 25.1.0 - Main <pgtry>';

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) / dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreDataSource.java — database list (show all databases off: current db only via OR)
-- sample params: $1 = 'appdb'
SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE 1 = 1 AND datallowconn AND NOT datistemplate OR db.datname =$1
ORDER BY db.datname;

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) — bootstrap connection: current database
SELECT current_database();

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) / dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreExecutionContext.java (refreshDefaults) — each context: default schema and user
SELECT current_schema(),session_user;

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) / dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreDatabase.java (SchemaCache) — navigator: schemas with comments
SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 AND d.classoid='pg_namespace'::regclass
 ORDER BY nspname;

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) / dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreExecutionContext.java — each context: search path
SHOW search_path;

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) — metadata connection: standard_conforming_strings check (unqualified column list = all pg_settings columns incl. reset_val, pending_restart)
-- sample params: $1 = 'standard_conforming_strings'
select * from pg_catalog.pg_settings where name=$1;

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) — server version string
SELECT version();

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) — capability probe: does pg_enum exist / its columns (zero-row query, RowDescription only)
SELECT * FROM pg_catalog.pg_enum WHERE 1<>1 LIMIT 1;

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) — capability probe: pg_class.reltype exists
SELECT reltype FROM pg_catalog.pg_class WHERE 1<>1 LIMIT 1;

-- source: ybrs/pg_catalog/captures/dbeaver.yaml@8090f41 (wire capture of DBeaver 25.1.0 against PostgreSQL 17) / dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreDataTypeCache.java — load all data types (t.* = every pg_type column incl. typsubscript on PG14+)
SELECT t.oid,t.*,c.relkind,format_type(nullif(t.typbasetype, 0), t.typtypmod) as base_type_name, d.description
FROM pg_catalog.pg_type t
LEFT OUTER JOIN pg_catalog.pg_type et ON et.oid=t.typelem 
LEFT OUTER JOIN pg_catalog.pg_class c ON c.oid=t.typrelid
LEFT OUTER JOIN pg_catalog.pg_description d ON t.oid=d.objoid
WHERE t.typname IS NOT NULL
AND (c.relkind IS NULL OR c.relkind = 'c') AND (et.typcategory IS NULL OR et.typcategory <> 'C');

-- source: dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreSchema.java (TableCache.prepareLookupStatement; server >= 10) — navigator: relations of a schema (c.* = every pg_class column)
-- sample params: $1 = 2200 (schema OID, bound as int8)
SELECT c.oid,c.*,d.description,pg_catalog.pg_get_expr(c.relpartbound, c.oid) as partition_expr,  pg_catalog.pg_get_partkeydef(c.oid) as partition_key 
FROM pg_catalog.pg_class c
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass
WHERE c.relnamespace=$1 AND c.relkind not in ('i','c');

-- source: dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreSchema.java (TableCache.prepareChildrenStatement, whole schema) — navigator: all columns of a schema (a.* = every pg_attribute column)
-- sample params: $1 = 2200
SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description
FROM pg_catalog.pg_attribute a
INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)
LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)
LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)
WHERE NOT a.attisdropped AND c.relnamespace=$1 AND c.relkind not in ('i','c')  ORDER BY a.attnum;

-- source: dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreSchema.java (TableCache.prepareChildrenStatement, one table) — columns of one table
-- sample params: $1 = 16413 (table OID)
SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description
FROM pg_catalog.pg_attribute a
INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)
LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)
LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)
WHERE NOT a.attisdropped AND c.oid=$1 ORDER BY a.attnum;

-- source: dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreSchema.java (ConstraintCache) — constraints of a table (c.* incl. conkey/confkey int2[] arrays read via getArray)
-- sample params: $1 = 16413
SELECT c.oid,c.*,t.relname as tabrelname,rt.relnamespace as refnamespace,d.description
FROM pg_catalog.pg_constraint c
INNER JOIN pg_catalog.pg_class t ON t.oid=c.conrelid
LEFT OUTER JOIN pg_catalog.pg_class rt ON rt.oid=c.confrelid
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_constraint'::regclass
WHERE c.conrelid=$1
ORDER BY c.oid;

-- source: dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreSchema.java (IndexCache) — indexes of a table (i.* incl. indkey int2vector, indclass oidvector, indoption)
-- sample params: $1 = 16413
SELECT i.*,i.indkey as keys,c.relname,c.relnamespace,c.relam,c.reltablespace,tc.relname as tabrelname,dsc.description,pg_catalog.pg_get_expr(i.indpred, i.indrelid) as pred_expr,pg_catalog.pg_get_expr(i.indexprs, i.indrelid, true) as expr,pg_catalog.pg_relation_size(i.indexrelid) as index_rel_size,pg_catalog.pg_stat_get_numscans(i.indexrelid) as index_num_scans
FROM pg_catalog.pg_index i
INNER JOIN pg_catalog.pg_class c ON c.oid=i.indexrelid
INNER JOIN pg_catalog.pg_class tc ON tc.oid=i.indrelid
LEFT OUTER JOIN pg_catalog.pg_description dsc ON i.indexrelid=dsc.objoid
WHERE  i.indrelid=$1 ORDER BY c.relname;

-- source: dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreSchema.java (IndexCache.fetchObjectRow) — expression index column text
-- sample params: $1 = 16420 (index OID), $2 = 2
select pg_catalog.pg_get_indexdef($1, $2, true);

-- source: dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreSchema.java (ProceduresCache) — functions of a schema
-- sample params: $1 = 2200
SELECT p.oid,p.*,d.description
FROM pg_catalog.pg_proc p
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=p.oid
WHERE p.pronamespace=$1
ORDER BY p.proname;

-- source: dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreSchema.java (CollationCache) — collations of a schema
-- sample params: $1 = 2200
SELECT c.oid,c.* FROM pg_catalog.pg_collation c 
WHERE c.collnamespace=$1
ORDER BY c.oid;

-- source: dbeaver/dbeaver/plugins/org.jkiss.dbeaver.ext.postgresql/src/org/jkiss/dbeaver/ext/postgresql/model/PostgreSchema.java (ExtensionCache) — extensions of a schema
-- sample params: $1 = 2200
SELECT e.oid,e.* FROM pg_catalog.pg_extension e 
WHERE e.extnamespace=$1
ORDER BY e.oid;

