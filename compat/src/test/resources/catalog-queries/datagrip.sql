-- DataGrip / JetBrains IDEs (IntelliJ IDEA 2025.1 database plugin, bundled pgjdbc). JetBrains' introspector is
-- closed source: these queries come from a third-party wire capture published in ybrs/pg_catalog (search tool),
-- recorded against a PostgreSQL-17-compatible server. Text is as sent; the "--  and pg_catalog.age(xmin) <= #TXAGE"
-- lines are real SQL comments sent to the server (the incremental-introspection filter is commented out on a
-- full introspection; on incremental refresh the IDE substitutes a number and un-comments it).
-- $n parameters are schema OIDs sent in BINARY format as int8 (e.g. 2200 for public) and cast with $1::oid.
-- The capture file is truncated in the index; further per-schema queries (views/rules/triggers/column
-- privileges, ...) exist but were not available. Heavy use of xmin, ::regproc/::regoper/::regtype casts, ::"char".

-- source: ybrs/pg_catalog/captures/intellij.yaml@8090f41 (wire capture of IntelliJ IDEA 2025.1 database tools = DataGrip engine, against PostgreSQL 17) — connect: pgjdbc startup (DataGrip bundles pgjdbc)
SET extra_float_digits = 3;

-- source: ybrs/pg_catalog/captures/intellij.yaml@8090f41 (wire capture of IntelliJ IDEA 2025.1 database tools = DataGrip engine, against PostgreSQL 17) — connect: pgjdbc default application_name (empty), later replaced by the IDE name
SET application_name = '';

-- source: ybrs/pg_catalog/captures/intellij.yaml@8090f41 (wire capture of IntelliJ IDEA 2025.1 database tools = DataGrip engine, against PostgreSQL 17) — connect: server version
select version();

-- source: ybrs/pg_catalog/captures/intellij.yaml@8090f41 (wire capture of IntelliJ IDEA 2025.1 database tools = DataGrip engine, against PostgreSQL 17) — connect: IDE application name
SET application_name = 'IntelliJ IDEA 2025.1.1.1';

-- source: ybrs/pg_catalog/captures/intellij.yaml@8090f41 (wire capture of IntelliJ IDEA 2025.1 database tools = DataGrip engine, against PostgreSQL 17) — connect: current database and search path schemas
select current_database() as a, current_schemas(false) as b;

-- source: ybrs/pg_catalog/captures/intellij.yaml@8090f41 (wire capture of IntelliJ IDEA 2025.1 database tools = DataGrip engine, against PostgreSQL 17) — connect: current database/schema/user
select current_database(), current_schema(), current_user;

-- source: ybrs/pg_catalog/captures/intellij.yaml@8090f41 (wire capture of IntelliJ IDEA 2025.1 database tools = DataGrip engine, against PostgreSQL 17) — connect: server start time (cache invalidation)
select round(extract(epoch from pg_postmaster_start_time() at time zone 'UTC')) as startup_time;

-- source: ybrs/pg_catalog/captures/intellij.yaml@8090f41 (wire capture of IntelliJ IDEA 2025.1 database tools = DataGrip engine, against PostgreSQL 17) — connect: oldest open transaction id (incremental introspection bookkeeping; xid cast chain ::varchar::bigint)
select L.transactionid::varchar::bigint as transaction_id
from pg_catalog.pg_locks L
where L.transactionid is not null
order by pg_catalog.age(L.transactionid) desc
limit 1;

-- source: ybrs/pg_catalog/captures/intellij.yaml@8090f41 (wire capture of IntelliJ IDEA 2025.1 database tools = DataGrip engine, against PostgreSQL 17) — connect: current txid
select case
  when pg_catalog.pg_is_in_recovery()
    then null
  else
    (pg_catalog.txid_current() % 4294967296)::varchar::bigint
  end as current_txid;

-- source: ybrs/pg_catalog/captures/intellij.yaml@8090f41 (wire capture of IntelliJ IDEA 2025.1 database tools = DataGrip engine, against PostgreSQL 17) — databases list
select N.oid::bigint as id,
       datname as name,
       D.description,
       datistemplate as is_template,
       datallowconn as allow_connections,
       pg_catalog.pg_get_userbyid(N.datdba) as "owner"
from pg_catalog.pg_database N
  left join pg_catalog.pg_shdescription D on N.oid = D.objoid
order by case when datname = pg_catalog.current_database() then -1::bigint else N.oid::bigint end;

-- source: ybrs/pg_catalog/captures/intellij.yaml@8090f41 (wire capture of IntelliJ IDEA 2025.1 database tools = DataGrip engine, against PostgreSQL 17) — session DateStyle
show DateStyle;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — time zone names for the editor
select name, is_dst from pg_catalog.pg_timezone_names
union distinct
select abbrev as name, is_dst from pg_catalog.pg_timezone_abbrevs;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection: access methods (regproc column cast to oid)
select A.oid as access_method_id,
       A.xmin as state_number,
       A.amname as access_method_name
       ,
       A.amhandler::oid as handler_id,
       pg_catalog.quote_ident(N.nspname) || '.' || pg_catalog.quote_ident(P.proname) as handler_name,
       A.amtype as access_method_type
       
from pg_am A
  join pg_proc P on A.amhandler::oid = P.oid
  join pg_namespace N on P.pronamespace = N.oid
  
--  where pg_catalog.age(A.xmin) <= #TXAGE;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection: extensions (set-returning function in FROM, unnest in scalar subquery)
select E.oid        as id,
       E.xmin       as state_number,
       extname      as name,
       extversion   as version,
       extnamespace as schema_id,
       nspname      as schema_name
       ,
       array(select unnest
             from unnest(available_versions)
             where unnest > extversion) as available_updates
       
from pg_catalog.pg_extension E
       join pg_namespace N on E.extnamespace = N.oid
       left join (select name, array_agg(version) as available_versions
                  from pg_available_extension_versions()
                  group by name) V on E.extname = V.name
       
--  where pg_catalog.age(E.xmin) <= #TXAGE;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection: casts
select C.oid,
       C.xmin as state_number,
       C.castsource as castsource_id,
       pg_catalog.quote_ident(SN.nspname) || '.' || pg_catalog.quote_ident(S.typname) as castsource_name,
       C.casttarget as casttarget_id,
       pg_catalog.quote_ident(TN.nspname) || '.' || pg_catalog.quote_ident(T.typname) as casttarget_name,
       C.castfunc as castfunc_id,
       pg_catalog.quote_ident(FN.nspname) || '.' || pg_catalog.quote_ident(F.proname) as castfunc_name,
       C.castcontext,
       C.castmethod
from pg_cast C
     left outer join pg_proc F on C.castfunc::oid = F.oid
     left outer join pg_namespace FN on F.pronamespace = FN.oid
     join pg_type S on C.castsource::oid = S.oid
     join pg_namespace SN on S.typnamespace = SN.oid
     join pg_type T on C.casttarget::oid = T.oid
     join pg_namespace TN on T.typnamespace = TN.oid
--  where pg_catalog.age(C.xmin) <= #TXAGE;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: sequences ($1 = schema OID, sent as binary int8)
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select cls.xmin as sequence_state_number,
       sq.seqrelid as sequence_id,
       cls.relname as sequence_name,
       pg_catalog.format_type(sq.seqtypid, null) as data_type,
       sq.seqstart as start_value,
       sq.seqincrement as inc_value,
       sq.seqmin as min_value,
       sq.seqmax as max_value,
       sq.seqcache as cache_size,
       sq.seqcycle as cycle_option,
       pg_catalog.pg_get_userbyid(cls.relowner) as "owner"
from pg_catalog.pg_sequence sq
    join pg_class cls on sq.seqrelid = cls.oid
    where cls.relnamespace = $1::oid
        --  and pg_catalog.age(cls.xmin) <= #TXAGE;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: types
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select T.oid as type_id,
       T.xmin as type_state_number,
       T.typname as type_name,
       T.typtype as type_sub_kind,
       T.typcategory as type_category,
       T.typrelid as class_id,
       T.typbasetype as base_type_id,
       case when T.typtype in ('c','e') then null
            else pg_catalog.format_type(T.typbasetype, T.typtypmod) end as type_def,
       T.typndims as dimensions_number,
       T.typdefault as default_expression,
       T.typnotnull as mandatory,
       pg_catalog.pg_get_userbyid(T.typowner) as "owner"
from pg_catalog.pg_type T
         left outer join pg_catalog.pg_class C
             on T.typrelid = C.oid
where T.typnamespace = $1::oid
  --  and pg_catalog.age(T.xmin) <= #TXAGE
  and (T.typtype in ('d','e') or
       C.relkind = 'c'::"char" or
       (T.typtype = 'b' and (T.typelem = 0 OR T.typcategory <> 'A')) or
       T.typtype = 'p' and not T.typisdefined)
order by 1;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: tables/views/matviews/foreign/partitioned
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select T.relkind as table_kind,
       T.relname as table_name,
       T.oid as table_id,
       T.xmin as table_state_number,
       false /* T.relhasoids */ as table_with_oids,
       T.reltablespace as tablespace_id,
       T.reloptions as options,
       T.relpersistence as persistence,
       (select pg_catalog.array_agg(inhparent::bigint order by inhseqno)::varchar from pg_catalog.pg_inherits where T.oid = inhrelid) as ancestors,
       (select pg_catalog.array_agg(inhrelid::bigint order by inhrelid)::varchar from pg_catalog.pg_inherits where T.oid = inhparent) as successors,
       T.relispartition /* false */ as is_partition,
       pg_catalog.pg_get_partkeydef(T.oid) /* null */ as partition_key,
       pg_catalog.pg_get_expr(T.relpartbound, T.oid) /* null */ as partition_expression,
       T.relam am_id,
       pg_catalog.pg_get_userbyid(T.relowner) as "owner"
from pg_catalog.pg_class T
where relnamespace = $1::oid
  and relkind in ('r', 'm', 'v', 'f', 'p')
  --  and pg_catalog.age(T.xmin) <= #TXAGE
order by table_kind, table_id;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: foreign tables
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select ft.ftrelid as table_id,
       srv.srvname as table_server,
       ft.ftoptions as table_options,
       pg_catalog.pg_get_userbyid(cls.relowner) as "owner"
from pg_catalog.pg_foreign_table ft
     left outer join pg_catalog.pg_foreign_server srv on ft.ftserver = srv.oid
     join pg_catalog.pg_class cls on ft.ftrelid = cls.oid
where cls.relnamespace = $1::oid
  --  and pg_catalog.age(ft.xmin) <= #TXAGE
order by table_id;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: types referenced by routines/operators/aggregates (CTEs, UNION, unnest of oidvector)
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
with schema_procs as (select prorettype, proargtypes, proallargtypes
                      from pg_catalog.pg_proc
                      where pronamespace = $1::oid
                        /* and pg_catalog.age(xmin) <= #TXAGE */ ),
     schema_opers as (select oprleft, oprright, oprresult
                      from pg_catalog.pg_operator
                      where oprnamespace = $2::oid
                        /* and pg_catalog.age(xmin) <= #TXAGE */ ),
     schema_aggregates as (select A.aggtranstype , A.aggmtranstype 
                           from pg_catalog.pg_aggregate A
                           join pg_catalog.pg_proc P
                             on A.aggfnoid = P.oid
                           where P.pronamespace = $3::oid
                           /* and (pg_catalog.age(A.xmin) <= #TXAGE or pg_catalog.age(P.xmin) <= #TXAGE) */),
     schema_arg_types as ( select prorettype as type_id
                           from schema_procs
                           union
                           select distinct unnest(proargtypes) as type_id
                           from schema_procs
                           union
                           select distinct unnest(proallargtypes) as type_id
                           from schema_procs
                           union
                           select oprleft as type_id
                           from schema_opers
                           where oprleft is not null
                           union
                           select oprright as type_id
                           from schema_opers
                           where oprright is not null
                           union
                           select oprresult as type_id
                           from schema_opers
                           where oprresult is not null
                           union
                           select aggtranstype::oid as type_id
                           from schema_aggregates
                           union
                           select aggmtranstype::oid as type_id
                           from schema_aggregates
                           
                           )
select type_id, pg_catalog.format_type(type_id, null) as type_spec
from schema_arg_types
where type_id <> 0;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: routines (NATURAL JOIN, oidvector::int[] casts)
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
with languages as (select oid as lang_oid, lanname as lang
                   from pg_catalog.pg_language),
     routines as (select proname as r_name,
                         prolang as lang_oid,
                         oid as r_id,
                         xmin as r_state_number,
                         proargnames as arg_names,
                         proargmodes as arg_modes,
                         proargtypes::int[] as in_arg_types,
                         proallargtypes::int[] as all_arg_types,
                         pg_catalog.pg_get_expr(proargdefaults, 0) as arg_defaults,
                         provariadic as arg_variadic_id,
                         prorettype as ret_type_id,
                         proretset as ret_set,
                         prokind /* case when proiswindow then 'w'
                                                when proisagg then 'a'
                                                else 'f'
                                           end */ as kind,
                         provolatile as volatile_kind,
                         proisstrict as is_strict,
                         prosecdef as is_security_definer,
                         proconfig as configuration_parameters,
                         procost as cost,
                         pg_catalog.pg_get_userbyid(proowner) as "owner",
                         prorows as rows ,
                         proleakproof as is_leakproof  ,
                         proparallel as concurrency_kind 
                  from pg_catalog.pg_proc
                  where pronamespace = $1::oid
                    and not (prokind = 'a') /* proisagg */
                    /* and pg_catalog.age(xmin) <= #TXAGE */)
select *
from routines natural join languages;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: operators (regoper casts)
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select O.oid as op_id,
       O.xmin as state_number,
       oprname as op_name,
       oprkind as op_kind,
       oprleft as arg_left_type_id,
       oprright as arg_right_type_id,
       oprresult as arg_result_type_id,
       oprcode::oid as main_id,
       oprcode::varchar as main_name,
       oprrest::oid as restrict_id,
       oprrest::varchar as restrict_name,
       oprjoin::oid as join_id,
       oprjoin::varchar as join_name,
       oprcom::oid as com_id,
       oprcom::regoper::varchar as com_name,
       oprnegate::oid as neg_id,
       oprnegate::regoper::varchar as neg_name,
       oprcanmerge as merges,
       oprcanhash as hashes,
       pg_catalog.pg_get_userbyid(O.oprowner) as "owner"
from pg_catalog.pg_operator O
where oprnamespace = $1::oid
  --  and pg_catalog.age(xmin) <= #TXAGE;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: collations
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select oid as id,
       xmin as state_number,
       collname as name,
       collcollate as lc_collate,
       collctype as lc_ctype,
       pg_catalog.pg_get_userbyid(collowner) as "owner"
from pg_catalog.pg_collation
where collnamespace = $1::oid
  --  and pg_catalog.age(xmin) <= #TXAGE;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: operator classes (regtype casts)
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select O.oid as id,
       O.xmin as state_number,
       opcname as name,
       opcintype::regtype::varchar as in_type,
       case when opckeytype = 0 then null else opckeytype::regtype::varchar end as key_type,
       opcdefault as is_default,
       opcfamily as family_id,
       opfname as family,
       opcmethod as access_method_id,
       pg_catalog.pg_get_userbyid(O.opcowner) as "owner"
from pg_catalog.pg_opclass O join pg_catalog.pg_opfamily F on F.oid = opcfamily
where opcnamespace = $1::oid
  --  and pg_catalog.age(O.xmin) <= #TXAGE;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: operator families
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select O.oid as id,
       O.xmin as state_number,
       opfname as name,
       opfmethod as access_method_id,
       pg_catalog.pg_get_userbyid(O.opfowner) as "owner"
from pg_catalog.pg_opfamily O
where opfnamespace = $1::oid
  --  and pg_catalog.age(xmin) <= #TXAGE;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: indexes (= ANY(indclass) join)
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select tab.oid               table_id,
       tab.relkind           table_kind,
       ind_stor.relname      index_name,
       ind_head.indexrelid   index_id,
       ind_stor.xmin         state_number,
       ind_head.indisunique  is_unique,
       ind_head.indisprimary is_primary,
       pg_catalog.pg_get_expr(ind_head.indpred, ind_head.indrelid) as condition,
       (select pg_catalog.array_agg(inhparent::bigint order by inhseqno)::varchar from pg_catalog.pg_inherits where ind_stor.oid = inhrelid) as ancestors,
       ind_stor.reltablespace tablespace_id,
       opcmethod as access_method_id
from pg_catalog.pg_class tab
         join pg_catalog.pg_index ind_head
              on ind_head.indrelid = tab.oid
         join pg_catalog.pg_class ind_stor
              on tab.relnamespace = ind_stor.relnamespace and ind_stor.oid = ind_head.indexrelid
         left join pg_catalog.pg_opclass on pg_opclass.oid = ANY(indclass)
where tab.relnamespace = $1::oid
        and tab.relkind in ('r', 'm', 'v', 'p')
        and ind_stor.relkind in ('i', 'I')
--  and pg_catalog.age(ind_stor.xmin) <= #TXAGE;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: constraints (xmin::varchar::bigint, unnest(conexclop)::regoper)
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select T.oid table_id,
       relkind table_kind,
       C.oid::bigint con_id,
       C.xmin::varchar::bigint con_state_id,
       conname con_name,
       contype con_kind,
       conkey con_columns,
       conindid index_id,
       confrelid ref_table_id,
       condeferrable is_deferrable,
       condeferred is_init_deferred,
       confupdtype on_update,
       confdeltype on_delete,
      connoinherit no_inherit,
      pg_catalog.pg_get_expr(conbin, T.oid) /* consrc */ con_expression,
       confkey ref_columns,
       conexclop::int[] excl_operators,
       array(select unnest::regoper::varchar from unnest(conexclop)) excl_operators_str
from pg_catalog.pg_constraint C
         join pg_catalog.pg_class T
              on C.conrelid = T.oid
   where relkind in ('r', 'v', 'f', 'p')
     and relnamespace = $1::oid
     and contype in ('p', 'u', 'f', 'c', 'x')
     and connamespace = $2::oid
--  and pg_catalog.age(T.xmin) <= #TXAGE or pg_catalog.age(c.xmin) <= #TXAGE;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: row-level security policies
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select
       P.oid id,
       P.xmin as state_number,
       polname policyname,
       polrelid table_id,
       polpermissive /* true */ as permissive,
       polroles roles,
       polcmd cmd,
       pg_get_expr(polqual, polrelid) qual,
       pg_get_expr(polwithcheck, polrelid) with_check
from pg_catalog.pg_policy P
       join pg_catalog.pg_class C on polrelid = C.oid
where relnamespace = $1::oid
  --  and pg_catalog.age(P.xmin) <= #TXAGE
order by polrelid;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: ACLs of relations, routines, types
-- sample params: $1..$n = 2200 (public schema OID, binary int8)
select T.oid as object_id,
                 T.relacl as acl
          from pg_catalog.pg_class T
          where relnamespace = $1::oid 
          union all
          select T.oid as object_id,
                 T.proacl as acl
          from pg_catalog.pg_proc T
          where pronamespace = $2::oid 
          union all
          select T.oid as object_id,
                 T.typacl as acl
          from pg_catalog.pg_type T
          where typnamespace = $3::oid 
          order by object_id;

-- source: third-party copy of the DataGrip column-introspection query (search tool, file id 70346808216; JDBC '?' form, sent as $1) — per schema: columns (row-value comparison (a,b) = (c,d), attfdwoptions, attidentity, attgenerated)
with T as ( select
                  T.oid as table_id, T.relname as table_name
            from pg_catalog.pg_class T
            where T.relnamespace = $1::oid
              and T.relkind in ('r', 'm', 'v', 'f', 'p')
            )
select T.table_id,
       C.attnum as column_position,
       C.attname as column_name,
       C.xmin as column_state_number,
       C.atttypmod as type_mod,
       C.attndims as dimensions_number,
       pg_catalog.format_type(C.atttypid, C.atttypmod) as type_spec,
       C.atttypid as type_id,
       C.attnotnull as mandatory,
       pg_catalog.pg_get_expr(D.adbin, T.table_id) as column_default_expression,
       not C.attislocal as column_is_inherited,
        C.attfdwoptions as options,
       C.attisdropped as column_is_dropped,
       C.attidentity as identity_kind,
       C.attgenerated as generated
from T
  join pg_catalog.pg_attribute C on T.table_id = C.attrelid
  left join pg_catalog.pg_attrdef D on (C.attrelid, C.attnum) = (D.adrelid, D.adnum)
where attnum > 0
order by table_id, attnum;

-- source: ybrs/pg_catalog/errors_query-intellij.txt@5c08c87 (same capture; statements logged by the emulating server) — introspection per schema: comments of all object kinds (11-way UNION ALL, translate(), 'x'::char literals)
-- sample params: $1..$11 = 2200 (public schema OID, binary int8)
select D.objoid id, C.relkind::char as kind, D.objsubid sub_id, D.description
from pg_catalog.pg_description D
  join pg_catalog.pg_class C on D.objoid = C.oid
where C.relnamespace = $1::oid and C.relkind != 'c' and D.classoid = 'pg_catalog.pg_class'::regclass
--  and pg_catalog.age(D.xmin) <= #TXAGE
union all
select T.oid id, 'T'::char as kind, D.objsubid sub_id, D.description
from pg_catalog.pg_description D
  join pg_catalog.pg_type T on T.oid = D.objoid or T.typrelid = D.objoid
  left join pg_catalog.pg_class C on T.typrelid = C.oid
where T.typnamespace = $2::oid and (C.relkind = 'c' or C.relkind is null)
--  and pg_catalog.age(D.xmin) <= #TXAGE
union all
select D.objoid id, pg_catalog.translate(C.contype, 'pufc', 'kkxz')::char as kind, D.objsubid sub_id, D.description
from pg_catalog.pg_description D
  join pg_catalog.pg_constraint C on D.objoid = C.oid
where C.connamespace = $3::oid and D.classoid = 'pg_catalog.pg_constraint'::regclass
--  and pg_catalog.age(D.xmin) <= #TXAGE
union all
select D.objoid id, 't'::char as kind, D.objsubid sub_id, D.description
from pg_catalog.pg_description D
  join pg_catalog.pg_trigger T on T.oid = D.objoid
  join pg_catalog.pg_class C on C.oid = T.tgrelid
where C.relnamespace = $4::oid and D.classoid = 'pg_catalog.pg_trigger'::regclass
--  and pg_catalog.age(D.xmin) <= #TXAGE
union all
select D.objoid id, 'R'::char as kind, D.objsubid sub_id, D.description
from pg_catalog.pg_description D
  join pg_catalog.pg_rewrite R on R.oid = D.objoid
  join pg_catalog.pg_class C on C.oid = R.ev_class
where C.relnamespace = $5::oid and D.classoid = 'pg_catalog.pg_rewrite'::regclass
--  and pg_catalog.age(D.xmin) <= #TXAGE
union all
select D.objoid id, 'F'::char as kind, D.objsubid sub_id, D.description
from pg_catalog.pg_description D
  join pg_catalog.pg_proc P on P.oid = D.objoid
where P.pronamespace = $6::oid and D.classoid = 'pg_catalog.pg_proc'::regclass
--  and pg_catalog.age(D.xmin) <= #TXAGE
union all
select D.objoid id, 'O'::char as kind, D.objsubid sub_id, D.description
from pg_catalog.pg_description D
  join pg_catalog.pg_operator O on O.oid = D.objoid
where O.oprnamespace = $7::oid and D.classoid = 'pg_catalog.pg_operator'::regclass
--  and pg_catalog.age(D.xmin) <= #TXAGE
union all
select D.objoid id, 'f'::char as kind, D.objsubid sub_id, D.description
from pg_catalog.pg_description D
  join pg_catalog.pg_opfamily O on O.oid = D.objoid
where O.opfnamespace = $8::oid and D.classoid = 'pg_catalog.pg_opfamily'::regclass
--  and pg_catalog.age(D.xmin) <= #TXAGE
union all
select D.objoid id, 'c'::char as kind, D.objsubid sub_id, D.description
from pg_catalog.pg_description D
  join pg_catalog.pg_opclass O on O.oid = D.objoid
where O.opcnamespace = $9::oid and D.classoid = 'pg_catalog.pg_opclass'::regclass
--  and pg_catalog.age(D.xmin) <= #TXAGE
union all
select D.objoid id, 'C'::char as kind, D.objsubid sub_id, D.description
from pg_catalog.pg_description D
  join pg_catalog.pg_collation C on C.oid = D.objoid
where C.collnamespace = $10::oid and D.classoid = 'pg_catalog.pg_collation'::regclass
--  and pg_catalog.age(D.xmin) <= #TXAGE

union all
select D.objoid id, 'P'::char as kind, D.objsubid sub_id, D.description
from pg_catalog.pg_description D
       join pg_catalog.pg_policy P on P.oid = D.objoid
       join pg_catalog.pg_class C on P.polrelid = C.oid
where C.relnamespace = $11::oid and D.classoid = 'pg_catalog.pg_policy'::regclass
--  and pg_catalog.age(D.xmin) <= #TXAGE
;

