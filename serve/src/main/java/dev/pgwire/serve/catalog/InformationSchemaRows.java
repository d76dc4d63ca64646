package dev.pgwire.serve.catalog;

import dev.pgwire.serve.catalog.CatalogDefinitions.Relation;
import dev.pgwire.serve.catalog.UserObjects.Column;
import dev.pgwire.serve.catalog.UserObjects.Sequence;
import dev.pgwire.serve.catalog.UserObjects.Table;
import dev.pgwire.serve.sql.DomainMeta;
import dev.pgwire.serve.sql.FunctionMeta;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.SchemaNames;
import dev.pgwire.serve.sql.TableMeta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of information_schema's views for a database, as PostgreSQL 15 computes them for a
 * superuser: schemata, tables, columns, views, table_constraints, key_column_usage,
 * referential_constraints, constraint_column_usage, check_constraints and sequences — for the
 * user's objects and, where PostgreSQL lists them, the system catalogs.
 */
final class InformationSchemaRows {
    private static final int VARHDRSZ = 4;

    private final UserObjects user;
    private final PgCatalogRows pg;
    private final String database;
    private final String owner;
    private final CatalogDefinitions defs = CatalogDefinitions.get();
    private final Map<String, Rows> out = new LinkedHashMap<>();

    InformationSchemaRows(UserObjects user, PgCatalogRows pg, String database, String owner) {
        this.user = user;
        this.pg = pg;
        this.database = database;
        this.owner = owner;
    }

    private Rows rows(String view) {
        return out.computeIfAbsent(view, v -> new Rows(defs.relation(CatalogDefinitions.INFORMATION_SCHEMA, v)));
    }

    Map<String, Rows> build() {
        for (String v : List.of("schemata", "tables", "columns", "views", "table_constraints", "key_column_usage",
                "referential_constraints", "constraint_column_usage", "check_constraints", "sequences", "domains",
                "domain_constraints", "routines", "parameters")) {
            rows(v);
        }
        rows("information_schema_catalog_name").add().set("catalog_name", database);
        for (String s : List.of("pg_catalog", "pg_toast", "information_schema")) schema(s, owner);
        for (UserObjects.Schema s : user.schemas) schema(s.name(), s.name().equals("public") ? "pg_database_owner" : owner);
        for (Relation r : defs.relations()) {
            table(r.schema(), r.name(), r.kind() == 'v', r.kind() != 'v');
            if (r.kind() == 'v') view(r.schema(), r.name(), StaticCatalog.get().viewDefinition(r.schema(), r.name()), false);
            for (CatalogDefinitions.Column c : r.columns()) {
                String typname = defs.typeName(c.typeOid());
                boolean array = typname != null && typname.startsWith("_");
                PgTypeName type = c.pgType();
                column(r.schema(), r.name(), c.name(), c.number(), new PgTypeName(type.name(), c.typmod(), array ? 1 : 0, true),
                        !c.notNull(), null, "", null, false, r.kind() == 'v');
            }
        }
        for (String v : CatalogStore.INFO_WITH_BUILTIN_ROWS) builtinCounts.put(v, rows(v).rows.size());
        userObjects();
        return out;
    }

    private final Map<String, Integer> builtinCounts = new java.util.HashMap<>();

    /**
     * How many of the first rows of each view of {@link CatalogStore#INFO_WITH_BUILTIN_ROWS} describe
     * the catalog's own relations (after {@link #build}): the same in every build of a database.
     */
    Map<String, Integer> builtinCounts() {
        return builtinCounts;
    }

    /**
     * The rows of a session's temporary tables and views alone (tables, columns, views,
     * constraints), their table_type LOCAL TEMPORARY, and of its schemas {@code tempSchema}
     * (pg_temp_N) and pg_toast_temp_N.
     */
    Map<String, Rows> buildTemporary(String tempSchema) {
        temporary = true;
        schema(tempSchema, owner);
        schema(tempSchema.replace("pg_temp_", "pg_toast_temp_"), owner);
        userObjects();
        return out;
    }

    /** Whether the rows are of a session's temporary objects. */
    private boolean temporary;

    /** The rows of what users made: tables, views, their columns and constraints, domains, sequences. */
    private void userObjects() {
        for (Table t : user.tables) {
            if (t.matView()) continue; // information_schema lists no materialized views
            // a simple view is updated through (ViewWrites): YES where PostgreSQL's rules say so
            dev.pgwire.serve.sql.UpdatableViews.Simple simple = t.view() ? simpleView(t, 0) : null;
            boolean updatable = simple != null && simple.anyUpdatable();
            table(t.schema(), t.name(), t.view(), !t.view() || updatable);
            privileges(t.schema(), t.name());
            if (t.view()) view(t.schema(), t.name(), t.shownDefinition(false), updatable);
            for (Column c : t.columns()) {
                Sequence seq = c.identity() == null || c.identity().isEmpty() ? null : sequenceOf(t.schema(), c.sequence());
                boolean readOnly = t.view() && !(updatable && Boolean.TRUE.equals(
                        dev.pgwire.serve.sql.UpdatableViews.updatableColumns(simple).get(c.name())));
                column(t.schema(), t.name(), c.name(), c.number(), c.type(), !c.notNull(), c.defaultExpr(), c.identity(), seq,
                        c.generated(), readOnly);
            }
            if (!t.view()) constraints(t);
        }
        for (DomainMeta d : user.domains) domain(d);
        // an identity column's sequence is internal to it: information_schema.sequences leaves it out
        java.util.Set<String> identity = new java.util.HashSet<>();
        for (Table t : user.tables) {
            for (Column c : t.columns()) {
                if (c.sequence() != null && c.identity() != null && !c.identity().isEmpty()) {
                    identity.add(String.join(".", dev.pgwire.serve.sql.SqlNames.sequence(t.schema(), c.sequence())));
                }
            }
        }
        for (Sequence s : user.sequences) if (!identity.contains(s.schema() + "." + s.name())) sequence(s);
        for (UserObjects.SqlFunction f : user.functions) routine(f);
    }

    /**
     * A SQL or PL/pgSQL function in routines, and its arguments and result columns in parameters.
     * (PostgreSQL lists its thousands of built-in functions there too; serve lists the database's own.)
     */
    private void routine(UserObjects.SqlFunction f) {
        FunctionMeta m = f.meta();
        String specific = f.name() + "_" + pg.functionOid(f.schema(), f.name());
        boolean table = UserTypeRows.returnsTable(f);
        Rows.Row r = rows("routines").add().set("specific_catalog", database).set("specific_schema", f.schema())
                .set("specific_name", specific).set("routine_catalog", database).set("routine_schema", f.schema())
                .set("routine_name", f.name()).set("routine_type", "FUNCTION").set("dtd_identifier", "0")
                .set("routine_body", "sql".equals(m.language()) ? "SQL" : "EXTERNAL").set("routine_definition", m.body())
                .set("external_language", m.language().toUpperCase(java.util.Locale.ROOT)).set("parameter_style", "GENERAL")
                .set("is_deterministic", "immutable".equals(m.volatility()) ? "YES" : "NO").set("sql_data_access", "MODIFIES")
                .set("is_null_call", m.strict() ? "YES" : "NO").set("schema_level_routine", "YES")
                .set("max_dynamic_result_sets", 0).set("security_type", "INVOKER").set("as_locator", "NO")
                .set("is_udt_dependent", "NO");
        if (table) {
            r.set("data_type", "record").set("type_udt_catalog", database).set("type_udt_schema", "pg_catalog").set("type_udt_name", "record");
        } else {
            routineType(r, m.returns(), "data_type", "type_udt_");
        }
        int position = 0;
        for (FunctionMeta.Param p : m.args()) parameter(f, specific, ++position, "IN", p);
        if (table) for (FunctionMeta.Param p : m.columns()) parameter(f, specific, ++position, "OUT", p);
    }

    private void parameter(UserObjects.SqlFunction f, String specific, int position, String mode, FunctionMeta.Param p) {
        Rows.Row r = rows("parameters").add().set("specific_catalog", database).set("specific_schema", f.schema())
                .set("specific_name", specific).set("ordinal_position", position).set("parameter_mode", mode)
                .set("is_result", "NO").set("as_locator", "NO")
                .set("parameter_name", p.name() == null || p.name().isEmpty() ? null : p.name())
                .set("dtd_identifier", Integer.toString(position))
                .set("parameter_default", p.defaultText() == null ? null : SchemaNames.write(p.defaultText()));
        routineType(r, p.type(), "data_type", "udt_");
    }

    /**
     * A routine's or parameter's type as information_schema names it: ARRAY, a built-in type's name
     * without modifier, or USER-DEFINED (a domain named as itself, not as its base type).
     */
    private void routineType(Rows.Row r, PgTypeName type, String dataType, String udt) {
        boolean builtin = StaticCatalog.get().isBuiltinType(pg.typeOid(type));
        String schema = builtin ? "pg_catalog" : userTypeSchema(type.name());
        r.set(dataType, type.isArray() ? "ARRAY" : builtin ? FormatTypes.format(type.name(), false, -1, false, null) : "USER-DEFINED")
                .set(udt + "catalog", database).set(udt + "schema", schema)
                .set(udt + "name", type.isArray() ? PgCatalogRows.arrayName(type.name()) : type.name());
    }

    private String userTypeSchema(String name) {
        DomainMeta d = user.domain(name);
        return d != null ? d.schema() : enumSchema(name);
    }

    private Sequence sequenceOf(String schema, String name) {
        for (Sequence s : user.sequences) if (s.schema().equals(schema) && s.name().equals(name)) return s;
        return null;
    }

    private void schema(String name, String schemaOwner) {
        rows("schemata").add().set("catalog_name", database).set("schema_name", name).set("schema_owner", schemaOwner);
    }

    /** A view PostgreSQL would update automatically ({@link dev.pgwire.serve.sql.UpdatableViews}), over a table or such a view. */
    private dev.pgwire.serve.sql.UpdatableViews.Simple simpleView(Table view, int depth) {
        List<String> names = new java.util.ArrayList<>();
        for (Column c : view.columns()) names.add(c.name());
        dev.pgwire.serve.sql.UpdatableViews.Simple s = dev.pgwire.serve.sql.UpdatableViews.simple(view.definition(), names, base -> {
            Table b = baseOf(view, base.str("schemaname"), base.str("relname"));
            if (b == null) return null;
            List<String> columns = new java.util.ArrayList<>();
            for (Column c : b.columns()) columns.add(c.name());
            return columns;
        });
        if (s == null) return null;
        Table base = baseOf(view, s.baseSchema() == null ? "" : s.baseSchema(), s.baseRelation());
        if (base == null || base.matView()) return null;
        if (base.view() && (depth > 16 || simpleView(base, depth + 1) == null)) return null;
        return s;
    }

    /** The relation a view's FROM names: in the schema named, else the view's own, else public. */
    private Table baseOf(Table view, String schema, String name) {
        for (String s : schema.isEmpty() ? List.of(view.schema(), "public") : List.of(schema)) {
            for (Table t : user.tables) if (t.schema().equals(s) && t.name().equals(name)) return t;
        }
        return null;
    }

    private void table(String schema, String name, boolean view, boolean insertable) {
        rows("tables").add().set("table_catalog", database).set("table_schema", schema).set("table_name", name)
                .set("table_type", temporary ? "LOCAL TEMPORARY" : view ? "VIEW" : "BASE TABLE").set("is_insertable_into", insertable ? "YES" : "NO")
                .set("is_typed", "NO");
    }

    /** PostgreSQL's privileges on a table or view: its owner's, every one, grantable (serve has no GRANT). */
    private void privileges(String schema, String name) {
        for (String privilege : List.of("INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")) {
            for (String view : List.of("table_privileges", "role_table_grants")) {
                rows(view).add().set("grantor", owner).set("grantee", owner).set("table_catalog", database).set("table_schema", schema)
                        .set("table_name", name).set("privilege_type", privilege).set("is_grantable", "YES")
                        .set("with_hierarchy", privilege.equals("SELECT") ? "YES" : "NO");
            }
        }
    }

    private void view(String schema, String name, String definition, boolean updatable) {
        rows("views").add().set("table_catalog", database).set("table_schema", schema).set("table_name", name)
                .set("view_definition", definition).set("check_option", "NONE").set("is_updatable", updatable ? "YES" : "NO")
                .set("is_insertable_into", updatable ? "YES" : "NO").set("is_trigger_updatable", "NO").set("is_trigger_deletable", "NO")
                .set("is_trigger_insertable_into", "NO");
    }

    private void column(String schema, String table, String name, int number, PgTypeName type, boolean nullable,
                        String defaultExpr, String identity, Sequence seq, boolean generated, boolean readOnly) {
        // a column of a domain: the domain's base type, and the domain named
        DomainMeta domain = type.builtin() || type.isArray() ? null : user.domain(type.name());
        if (domain != null) type = domain.base();
        Rows.Row r = rows("columns").add().set("table_catalog", database).set("table_schema", schema).set("table_name", table)
                .set("column_name", name).set("ordinal_position", number).set("column_default", generated ? null : SchemaNames.write(dev.pgwire.serve.sql.ColumnMeta.form(defaultExpr, false)))
                .set("is_nullable", nullable ? "YES" : "NO").set("dtd_identifier", Integer.toString(number))
                .set("is_self_referencing", "NO").set("is_identity", identity == null || identity.isEmpty() ? "NO" : "YES")
                .set("identity_cycle", seq != null && seq.cycle() ? "YES" : "NO")
                .set("is_generated", generated ? "ALWAYS" : "NEVER").set("generation_expression", generated ? SchemaNames.write(dev.pgwire.serve.sql.ColumnMeta.form(defaultExpr, false)) : null)
                .set("is_updatable", readOnly ? "NO" : "YES");
        if (domain != null) r.set("domain_catalog", database).set("domain_schema", domain.schema()).set("domain_name", domain.name());
        typeColumns(r, type);
        if (type.isArray()) return;
        if (seq != null) {
            r.set("identity_generation", "a".equals(identity) ? "ALWAYS" : "BY DEFAULT")
                    .set("identity_start", Long.toString(seq.start())).set("identity_increment", Long.toString(seq.increment()))
                    .set("identity_maximum", Long.toString(seq.max())).set("identity_minimum", Long.toString(seq.min()));
        }
    }

    /** information_schema.domains and domain_constraints, and the domain's checks in check_constraints. */
    private void domain(DomainMeta d) {
        Rows.Row r = rows("domains").add().set("domain_catalog", database).set("domain_schema", d.schema())
                .set("domain_name", d.name()).set("dtd_identifier", "1")
                .set("domain_default", d.pgDefault() == null || d.pgDefault().isEmpty() ? null : SchemaNames.write(dev.pgwire.serve.sql.ColumnMeta.form(d.pgDefault(), false)));
        typeColumns(r, d.base());
        for (int i = 0; i < d.checkNames().size(); i++) {
            rows("domain_constraints").add().set("constraint_catalog", database).set("constraint_schema", d.schema())
                    .set("constraint_name", d.checkNames().get(i)).set("domain_catalog", database).set("domain_schema", d.schema())
                    .set("domain_name", d.name()).set("is_deferrable", "NO").set("initially_deferred", "NO");
            rows("check_constraints").add().set("constraint_catalog", database).set("constraint_schema", d.schema())
                    .set("constraint_name", d.checkNames().get(i))
                    .set("check_clause", "(" + SchemaNames.write(dev.pgwire.serve.sql.ColumnMeta.form(d.checkDefs().get(i), false)) + ")");
        }
    }

    /** The columns a type fills in information_schema (columns, domains): data_type, udt_*, lengths, precision. */
    private void typeColumns(Rows.Row r, PgTypeName type) {
        int typeOid = pg.typeOid(type);
        boolean builtin = StaticCatalog.get().isBuiltinType(typeOid);
        String base = type.name();
        int typmod = type.typmod();
        String dataType = type.isArray() ? "ARRAY" : !builtin ? "USER-DEFINED"
                : FormatTypes.format(base, false, -1, false, null);
        r.set("data_type", dataType).set("udt_catalog", database).set("udt_schema", builtin ? "pg_catalog" : enumSchema(base))
                .set("udt_name", type.isArray() ? PgCatalogRows.arrayName(base) : base);
        if (type.isArray()) return;
        switch (base) {
            case "varchar", "bpchar", "text" -> {
                if (typmod > VARHDRSZ) r.set("character_maximum_length", typmod - VARHDRSZ);
                r.set("character_octet_length", typmod > VARHDRSZ ? (typmod - VARHDRSZ) * 4 : 1073741824);
            }
            case "bit", "varbit" -> {
                if (typmod > 0) r.set("character_maximum_length", typmod);
            }
            case "int2" -> r.set("numeric_precision", 16).set("numeric_precision_radix", 2).set("numeric_scale", 0);
            case "int4" -> r.set("numeric_precision", 32).set("numeric_precision_radix", 2).set("numeric_scale", 0);
            case "int8" -> r.set("numeric_precision", 64).set("numeric_precision_radix", 2).set("numeric_scale", 0);
            case "float4" -> r.set("numeric_precision", 24).set("numeric_precision_radix", 2);
            case "float8" -> r.set("numeric_precision", 53).set("numeric_precision_radix", 2);
            case "numeric" -> {
                r.set("numeric_precision_radix", 10);
                if (typmod >= VARHDRSZ) {
                    r.set("numeric_precision", ((typmod - VARHDRSZ) >> 16) & 0xffff).set("numeric_scale", (typmod - VARHDRSZ) & 0xffff);
                }
            }
            case "date" -> r.set("datetime_precision", 0);
            case "time", "timetz", "timestamp", "timestamptz" -> r.set("datetime_precision", typmod >= 0 ? typmod : 6);
            case "interval" -> r.set("datetime_precision", typmod >= 0 && (typmod & 0xffff) != 0xffff ? typmod & 0xffff : 6);
            default -> { }
        }
    }

    private String enumSchema(String name) {
        for (UserObjects.EnumType e : user.enums) if (e.name().equals(name)) return e.schema();
        return "pg_catalog";
    }

    private void constraints(Table t) {
        int relation = pg.relationOid(t.schema(), t.name());
        for (Column c : t.columns()) {
            if (!c.notNull()) continue;
            String name = Integer.toUnsignedString(pg.namespaceOid(t.schema())) + "_" + Integer.toUnsignedString(relation) + "_"
                    + c.number() + "_not_null";
            tableConstraint(t, name, "CHECK", false, false, false);
            rows("check_constraints").add().set("constraint_catalog", database).set("constraint_schema", t.schema())
                    .set("constraint_name", name).set("check_clause", PgCatalogRows.quoteIdent(c.name()) + " IS NOT NULL");
        }
        for (TableMeta.Constraint c : t.meta().constraints()) {
            if (c.index()) continue;
            String type = switch (c.type()) {
                case "p" -> "PRIMARY KEY";
                case "u" -> "UNIQUE";
                case "f" -> "FOREIGN KEY";
                default -> "CHECK";
            };
            boolean deferrable = c.rule() != null && c.rule().deferrable();
            boolean deferred = c.rule() != null && c.rule().deferred();
            tableConstraint(t, c.name(), type, c.type().equals("u"), deferrable, deferred);
            if (c.type().equals("c")) {
                String def = SchemaNames.write(Snapshot.constraintDefinition(c, t.schema(), false).qualified());
                rows("check_constraints").add().set("constraint_catalog", database).set("constraint_schema", t.schema())
                        .set("constraint_name", c.name()).set("check_clause", def.substring("CHECK ".length()));
                for (String col : c.columns()) constraintColumn(t.schema(), t.name(), col, t.schema(), c.name());
                continue;
            }
            List<String> referenced = c.type().equals("f") ? referencedColumns(t, c) : List.of();
            for (int i = 0; i < c.columns().size(); i++) {
                Rows.Row k = rows("key_column_usage").add().set("constraint_catalog", database).set("constraint_schema", t.schema())
                        .set("constraint_name", c.name()).set("table_catalog", database).set("table_schema", t.schema())
                        .set("table_name", t.name()).set("column_name", c.columns().get(i)).set("ordinal_position", i + 1);
                if (c.type().equals("f")) k.set("position_in_unique_constraint", i + 1);
            }
            if (c.type().equals("f")) {
                String refTable = c.references();
                String refSchema = c.rule() != null ? c.rule().schema() : t.schema();
                for (String col : referenced) constraintColumn(refSchema, refTable, col, t.schema(), c.name());
                String unique = uniqueConstraintOf(refSchema, refTable, referenced);
                rows("referential_constraints").add().set("constraint_catalog", database).set("constraint_schema", t.schema())
                        .set("constraint_name", c.name()).set("unique_constraint_catalog", database)
                        .set("unique_constraint_schema", unique == null ? null : refSchema).set("unique_constraint_name", unique)
                        .set("match_option", c.rule() != null && c.rule().match().equals("f") ? "FULL" : "NONE")
                        .set("update_rule", Snapshot.actionText(c.rule() == null ? "a" : c.rule().onUpdate()))
                        .set("delete_rule", Snapshot.actionText(c.rule() == null ? "a" : c.rule().onDelete()));
            } else {
                for (String col : c.columns()) constraintColumn(t.schema(), t.name(), col, t.schema(), c.name());
            }
        }
    }

    private void tableConstraint(Table t, String name, String type, boolean unique, boolean deferrable, boolean deferred) {
        rows("table_constraints").add().set("constraint_catalog", database).set("constraint_schema", t.schema())
                .set("constraint_name", name).set("table_catalog", database).set("table_schema", t.schema())
                .set("table_name", t.name()).set("constraint_type", type).set("is_deferrable", deferrable ? "YES" : "NO")
                .set("initially_deferred", deferred ? "YES" : "NO").set("enforced", "YES").set("nulls_distinct", unique ? "YES" : null);
    }


    private void constraintColumn(String schema, String table, String column, String constraintSchema, String constraint) {
        rows("constraint_column_usage").add().set("table_catalog", database).set("table_schema", schema).set("table_name", table)
                .set("column_name", column).set("constraint_catalog", database).set("constraint_schema", constraintSchema)
                .set("constraint_name", constraint);
    }

    private List<String> referencedColumns(Table t, TableMeta.Constraint c) {
        if (!c.referencedColumns().isEmpty()) return c.referencedColumns();
        for (Table r : user.tables) {
            if (r.name().equals(c.references()) && (r.schema().equals(t.schema()) || r.schema().equals("public"))) {
                for (TableMeta.Constraint k : r.meta().constraints()) if (k.type().equals("p")) return k.columns();
            }
        }
        return List.of();
    }

    private String uniqueConstraintOf(String schema, String table, List<String> columns) {
        for (Table r : user.tables) {
            if (!r.name().equals(table) || !(r.schema().equals(schema) || r.schema().equals("public"))) continue;
            for (TableMeta.Constraint k : r.meta().constraints()) {
                if (k.key() && k.columns().equals(columns)) return k.name();
            }
        }
        return null;
    }

    private void sequence(Sequence s) {
        String type = switch (s.type()) {
            case "int2" -> "smallint";
            case "int4" -> "integer";
            default -> "bigint";
        };
        int precision = switch (s.type()) {
            case "int2" -> 16;
            case "int4" -> 32;
            default -> 64;
        };
        rows("sequences").add().set("sequence_catalog", database).set("sequence_schema", s.schema()).set("sequence_name", s.name())
                .set("data_type", type).set("numeric_precision", precision).set("numeric_precision_radix", 2).set("numeric_scale", 0)
                .set("start_value", Long.toString(s.start())).set("minimum_value", Long.toString(s.min()))
                .set("maximum_value", Long.toString(s.max())).set("increment", Long.toString(s.increment()))
                .set("cycle_option", s.cycle() ? "YES" : "NO");
    }
}
