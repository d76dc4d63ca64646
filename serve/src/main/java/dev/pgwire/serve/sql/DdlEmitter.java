package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.Emitter.Untranslatable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes DuckDB DDL for PostgreSQL's CREATE TABLE, CREATE INDEX, CREATE SEQUENCE, CREATE VIEW,
 * CREATE TABLE AS and CREATE SCHEMA. One PostgreSQL statement may become several DuckDB statements
 * (a serial column's sequence before its table; each column's PostgreSQL definition, kept in its
 * comment, after it), written as one script. What DuckDB cannot hold is refused with 0A000 rather
 * than accepted and ignored.
 */
final class DdlEmitter {
    private final Emitter em;
    private final SessionContext session;
    /** The statements of the script, the main one among them. */
    private final List<String> script = new ArrayList<>();
    private final List<String> after = new ArrayList<>();
    /** The constraints of the table being made, with PostgreSQL's names. */
    private final List<TableMeta.Constraint> constraints = new ArrayList<>();
    private String tableName;
    /** The foreign keys of the table being made: defined once its columns and keys are known. */
    private final List<PendingKey> foreignKeys = new ArrayList<>();
    private final List<PendingCheck> checks = new ArrayList<>();

    private record PendingKey(Node constraint, List<String> columns) {
    }
    /** The columns of the table being made and their types, for writing its expressions as PostgreSQL does. */
    private final java.util.Map<String, PgTypeName> tableColumns = new java.util.HashMap<>();
    private final java.util.Map<String, Node> columnTypeNames = new java.util.HashMap<>();
    /** Whether the statement reads serve's catalog tables (a view of pg_class): they are made current before it runs. */
    private boolean readsCatalog;

    /** Whether the statement written reads serve's catalog tables. */
    boolean readsCatalog() {
        return readsCatalog;
    }

    DdlEmitter(Emitter em, SessionContext session) {
        this.em = em;
        this.session = session;
    }

    private String source;

    /** The statement's text (for definitions PostgreSQL shows as written, a view's query). */
    DdlEmitter source(String sql) {
        this.source = sql;
        return this;
    }

    /** Whether this class writes statements of this kind. */
    static boolean handles(Node stmt) {
        return switch (stmt.type()) {
            case "CreateStmt", "IndexStmt", "CreateSeqStmt", "ViewStmt", "CreateTableAsStmt", "CreateSchemaStmt",
                 "CreateEnumStmt", "CreateFunctionStmt", "CreateDomainStmt", "CompositeTypeStmt" -> true;
            default -> false;
        };
    }

    /** The DuckDB script for {@code stmt}: statements separated by ";\n". */
    String write(Node stmt) {
        SqlWriter main = em.w;
        if (stmt.is("CreateFunctionStmt")) return SqlFunctions.create(stmt, session, source, em.types);
        switch (stmt.type()) {
            case "CreateStmt" -> createTable(stmt);
            case "IndexStmt" -> new CreateIndex(em, session, after).write(stmt);
            case "CreateSeqStmt" -> createSequence(stmt);
            case "ViewStmt" -> createView(stmt);
            case "CreateTableAsStmt" -> readsCatalog = new CreateTableAs(em, session, after, source).write(stmt);
            case "CreateSchemaStmt" -> createSchema(stmt);
            case "CreateEnumStmt" -> new CreateTypes(em, session, after, source).enumType(stmt);
            case "CreateDomainStmt" -> new CreateTypes(em, session, after, source).domain(stmt);
            case "CompositeTypeStmt" -> new CreateTypes(em, session, after, source).composite(stmt);
            default -> throw new Untranslatable(stmt.type());
        }
        script.add(main.toString());
        script.addAll(after);
        return String.join(";\n", script);
    }

    // ---------------------------------------------------------------- CREATE TABLE

    private void createTable(Node s) {
        Node rel = s.node("relation");
        if (s.has("inhRelations")) throw unsupported("table inheritance (INHERITS)");
        if (s.node("partspec") != null) throw unsupported("partitioned tables");
        if (s.node("ofTypename") != null) throw unsupported("typed tables (OF type)");
        if (s.has("partbound")) throw unsupported("partitions");
        boolean temp = rel.str("relpersistence").equals("t");
        String schema = temp ? null : schemaOf(rel, session);
        String table = rel.str("relname");
        tableName = table;
        SqlWriter w = em.w;
        w.append(temp ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ");
        if (s.bool("if_not_exists")) w.append("IF NOT EXISTS ");
        relationName(rel, schema);
        w.append(" (");
        java.util.Set<String> columnNames = new java.util.HashSet<>();
        List<Node> elements = new ArrayList<>(CreateTableLike.expand(s.list("tableElts"), session.catalog()));
        List<Node> likeIndexes = new ArrayList<>(elements.stream().filter(e -> e.is(CreateTableLike.INDEX)).toList());
        elements.removeAll(likeIndexes);
        for (Node elt : elements) {
            if (elt.is("ColumnDef") && !columnNames.add(elt.str("colname"))) {
                throw new PgException("42701", "column \"" + elt.str("colname") + "\" specified more than once");
            }
            if (elt.is("ColumnDef")) {
                tableColumns.put(elt.str("colname"), PgTypeName.of(elt.node("typeName")));
                columnTypeNames.put(elt.str("colname"), elt.node("typeName"));
            }
        }
        boolean first = true;
        for (Node elt : elements) {
            if (elt.is("Constraint") && elt.str("contype").equals("CONSTR_FOREIGN")) {
                tableConstraint(elt); // kept by serve, not written for DuckDB
                continue;
            }
            if (elt.is("Constraint") && elt.str("contype").equals("CONSTR_CHECK")) {
                tableConstraint(elt); // written after the columns (writeChecks)
                continue;
            }
            if (!first) w.append(", ");
            first = false;
            switch (elt.type()) {
                case "ColumnDef" -> column(elt, schema, table, temp, s.bool("if_not_exists"));
                case "Constraint" -> tableConstraint(elt);
                default -> throw new Untranslatable(elt.type());
            }
        }
        writeChecks();
        w.append(')');
        defineForeignKeys(schema, table, temp);
        after.addAll(CreateTableLike.indexes(likeIndexes, schema, table, constraints));
        after.add("COMMENT ON TABLE " + qualifiedRelation(schema, table) + " IS "
                + SqlWriter.quoteLiteral(new TableMeta(constraints, null).write()));
        String onCommit = s.str("oncommit");
        if (!temp && (onCommit.equals("ONCOMMIT_DROP") || onCommit.equals("ONCOMMIT_DELETE_ROWS"))) {
            throw new PgException("42P16", "ON COMMIT can only be used on temporary tables");
        }
    }

    private void column(Node def, String schema, String table, boolean temp, boolean ifNotExists) {
        SqlWriter w = em.w;
        String name = def.str("colname");
        Node typeName = def.node("typeName");
        PgTypeName pg = PgTypeName.of(typeName);
        String sequence = null;
        String identity = "";
        Node identityOptions = null;
        if (PgTypeName.isSerial(typeName)) {
            sequence = table + "_" + name + "_seq";
        }
        for (Node c : def.list("constraints")) {
            if (c.str("contype").equals("CONSTR_IDENTITY")) {
                if (sequence != null) throw new PgException(SqlState.SYNTAX_ERROR, "multiple default values specified for column \"" + name + "\" of table \"" + table + "\"");
                sequence = IdentityAlter.sequenceOption(c.list("options"), schema, table + "_" + name + "_seq");
                identity = c.str("generated_when");
                identityOptions = c;
            }
        }
        Domains.refuseArray(typeName, session.catalog());
        DomainMeta domain = sequence == null ? domainOf(typeName) : null;
        if (domain != null) {
            // a domain's column holds its base type; the domain's checks, NOT NULL and default go with it
            w.ident(name).append(' ').append(qualifiedType(domain));
        } else {
            w.ident(name).append(' ').append(sequence != null ? serialType(pg) : em.types.duckDbType(typeName));
        }
        if (def.node("collClause") != null) checkCollation(def.node("collClause").names("collname"));
        boolean notNull = false;
        String pgDefault = null;
        boolean hasDefault = false;
        if (sequence != null) {
            String qualified = schema == null ? sequence : schema + "." + sequence;
            script.add((temp ? "CREATE TEMPORARY SEQUENCE " : "CREATE SEQUENCE ") + (ifNotExists ? "IF NOT EXISTS " : "")
                    + SqlWriter.quoteIdent(schema == null ? sequence : schema) + (schema == null ? "" : "." + SqlWriter.quoteIdent(sequence))
                    + (identityOptions == null ? "" : sequenceOptions(identityOptions.list("options")))
                    + columnTypeBound(pg, identityOptions));
            w.append(" DEFAULT nextval(").literal(qualified).append(") NOT NULL");
            notNull = true;
        }
        for (Node c : def.list("constraints")) {
            switch (c.str("contype")) {
                case "CONSTR_NOTNULL" -> {
                    if (!notNull) w.append(" NOT NULL");
                    notNull = true;
                }
                case "CONSTR_NULL" -> w.append(" NULL");
                case "CONSTR_DEFAULT" -> {
                    if (sequence != null) throw new PgException(SqlState.SYNTAX_ERROR, "multiple default values specified for column \"" + name + "\" of table \"" + table + "\"");
                    w.append(" DEFAULT ");
                    hasDefault = true;
                    Node value = SequenceCalls.boundDefault(c.node("raw_expr"), domain != null ? domain.base() : pg, session);
                    pgDefault = c.has(CreateTableLike.SHOWN_DEFAULT) ? c.str(CreateTableLike.SHOWN_DEFAULT)
                            : expressionPair(value, domain != null ? domain.base() : pg);
                    if (domain == null && pg != null && !pg.isArray() && pg.name().equals("time")) {
                        // time DEFAULT now(): timestamptz's assignment cast to time, which DuckDB does not make itself
                        value = SqlType.of(pg).cast(value, value.location());
                    }
                    if (domain != null || !ArrayDefaults.write(em, value, typeName)) {
                        // timestamp(3) DEFAULT CURRENT_TIMESTAMP holds milliseconds, as PostgreSQL stores it
                        em.expr(DateTimePrecision.roundDefault(TypedRewrites.columnDefault(session, value), SqlType.of(pg)));
                    }
                }
                case "CONSTR_IDENTITY" -> { }
                case "CONSTR_GENERATED" -> {
                    // PostgreSQL keeps a generated column's expression where it keeps defaults (pg_attrdef)
                    pgDefault = expressionPair(c.node("raw_expr"), null);
                    w.append(" GENERATED ALWAYS AS (");
                    em.expr(c.node("raw_expr"));
                    w.append(')');
                }
                case "CONSTR_CHECK" -> {
                    String expression = expressionPair(c.node("raw_expr"), null);
                    check(c.node("raw_expr"), record(c, "c", List.of(name), "check", expression));
                }
                case "CONSTR_PRIMARY" -> {
                    w.append(" PRIMARY KEY");
                    record(c, "p", List.of(name), null);
                }
                case "CONSTR_UNIQUE" -> {
                    if (c.bool("nulls_not_distinct")) throw unsupported("UNIQUE NULLS NOT DISTINCT");
                    w.append(" UNIQUE");
                    record(c, "u", List.of(name), "key");
                }
                case "CONSTR_FOREIGN" -> foreignKeys.add(new PendingKey(ForeignKeyDefinitions.withAttributes(c, def.list("constraints")),
                        List.of(name))); // serve enforces it (ForeignKeys): DuckDB is not told
                case "CONSTR_ATTR_DEFERRABLE", "CONSTR_ATTR_NOT_DEFERRABLE", "CONSTR_ATTR_DEFERRED", "CONSTR_ATTR_IMMEDIATE" -> { }
                default -> throw new Untranslatable(c.str("contype"));
            }
        }
        // a column copied by LIKE … INCLUDING COMMENTS keeps its comment
        String description = def.has(CreateTableLike.DESCRIPTION) ? def.str(CreateTableLike.DESCRIPTION) : null;
        if (domain != null) {
            domainConstraints(name, domain, hasDefault);
            lengthCheck(name, domain.base());
            after.add("COMMENT ON COLUMN " + qualifiedRelation(schema, table) + "." + SqlWriter.quoteIdent(name) + " IS "
                    + SqlWriter.quoteLiteral(ColumnMeta.write(domain.base(), null, "", description, pgDefault, domain)));
            return;
        }
        lengthCheck(name, pg);
        after.add("COMMENT ON COLUMN " + qualifiedRelation(schema, table) + "." + SqlWriter.quoteIdent(name) + " IS "
                + SqlWriter.quoteLiteral(ColumnMeta.write(pg, sequence, identity, description, pgDefault)));
    }

    /** The domain a column or cast is declared with, or null when its type is not a domain. */
    private DomainMeta domainOf(Node typeName) {
        return Domains.lookup(typeName, session.catalog());
    }

    private static String qualifiedType(DomainMeta d) {
        return SqlWriter.quoteIdent(d.schema()) + "." + SqlWriter.quoteIdent(d.name());
    }

    /**
     * A column of a domain: its default where the column has none, and the domain's NOT NULL and
     * checks as the column's checks, each naming the domain and constraint for the error that
     * PostgreSQL reports ({@code pgwire.domain_check}, recognised in DuckDB's error).
     */
    private void domainConstraints(String column, DomainMeta d, boolean hasDefault) {
        SqlWriter w = em.w;
        Node def = d.defaultExpr();
        if (def != null && !hasDefault) {
            w.append(" DEFAULT ");
            em.expr(def);
        }
        Node ref = Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(column)))).set("location", -1L);
        if (d.notNull()) {
            w.append(" CHECK (pgwire.domain_check(").ident(column).append(" IS NOT NULL, ").literal(d.schema()).append(", ").literal(d.name()).append(", ''))");
        }
        List<Node> checks = d.checks();
        List<String> names = d.namesInOrder();
        for (int i = 0; i < checks.size(); i++) {
            w.append(" CHECK (pgwire.domain_check((");
            em.expr(DomainMeta.withValue(checks.get(i), ref));
            w.append("), ").literal(d.schema()).append(", ").literal(d.name()).append(", ").literal(names.get(i)).append("))");
        }
    }

    private void lengthCheck(String column, PgTypeName pg) {
        lengthCheck(em.w, column, pg);
    }

    /** varchar(n) and char(n) hold at most n characters: a check DuckDB enforces, recognised in its error. */
    static void lengthCheck(SqlWriter w, String column, PgTypeName pg) {
        if (pg.typmod() < 0 || pg.isArray() || !(pg.name().equals("varchar") || pg.name().equals("bpchar"))) return;
        w.append(" CHECK (pgwire.").append(pg.name()).append("_fits(").ident(column).append(", ")
                .append(pg.typmod() - 4).append("))");
    }

    /**
     * The sequence of a serial or identity column is of the column's type (PostgreSQL's
     * {@code AS integer}): its maximum is the type's, unless the column's options name one.
     */
    static String columnTypeBound(PgTypeName pg, Node identityOptions) {
        if (identityOptions != null) {
            for (Node o : identityOptions.list("options")) {
                if (o.str("defname").equals("maxvalue") && o.node("arg") != null || o.str("defname").equals("as")) return "";
            }
        }
        return switch (pg.name()) {
            case "int2" -> " MAXVALUE " + Short.MAX_VALUE;
            case "int4" -> " MAXVALUE " + Integer.MAX_VALUE;
            default -> "";
        };
    }

    private static String serialType(PgTypeName pg) {
        return switch (pg.name()) {
            case "int2" -> "SMALLINT";
            case "int8" -> "BIGINT";
            case "int4" -> "INTEGER";
            default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "identity column type must be smallint, integer, or bigint");
        };
    }

    private void tableConstraint(Node c) {
        SqlWriter w = em.w;
        switch (c.str("contype")) {
            case "CONSTR_PRIMARY" -> {
                w.append("PRIMARY KEY (");
                em.identList(c.names("keys"));
                w.append(')');
                record(c, "p", c.names("keys"), null);
            }
            case "CONSTR_UNIQUE" -> {
                if (c.bool("nulls_not_distinct")) throw unsupported("UNIQUE NULLS NOT DISTINCT");
                w.append("UNIQUE (");
                em.identList(c.names("keys"));
                w.append(')');
                record(c, "u", c.names("keys"), "key");
            }
            case "CONSTR_CHECK" -> {
                Node expr = c.node("raw_expr").copy();
                String expression = expressionPair(expr, null);
                List<String> cols = AddedChecks.columnsOf(expr);
                // named after its column when it reads one; conkey lists every column it reads
                check(c.node("raw_expr"), record(c, "c", cols.size() == 1 ? cols : List.of(), "check", expression, cols));
            }
            case "CONSTR_FOREIGN" -> foreignKeys.add(new PendingKey(c, c.names("fk_attrs")));
            case "CONSTR_EXCLUSION" -> throw unsupported("exclusion constraints");
            default -> throw new Untranslatable(c.str("contype"));
        }
    }

    private void defineForeignKeys(String schema, String table, boolean temp) {
        if (foreignKeys.isEmpty()) return;
        java.util.Map<String, String> types = new java.util.HashMap<>();
        for (java.util.Map.Entry<String, Node> e : columnTypeNames.entrySet()) types.put(e.getKey(),
                PgTypeName.isSerial(e.getValue()) ? serialType(PgTypeName.of(e.getValue())) : em.types.duckDbType(e.getValue()));
        ForeignKeyDefinitions.Table self = ForeignKeyDefinitions.of(schema, table, temp, types::get, constraints);
        for (PendingKey k : foreignKeys) {
            String name = k.constraint().str("conname");
            if (name.isEmpty()) name = TableMeta.defaultName(table, k.columns(), "fkey");
            constraints.add(ForeignKeyDefinitions.define(k.constraint(), name, k.columns(), self, self, session.catalog()));
        }
    }

    /** Notes a constraint under its name, or the name PostgreSQL would give it. */
    private void record(Node c, String type, List<String> columns, String suffix) {
        record(c, type, columns, suffix, null);
    }

    private String record(Node c, String type, List<String> columns, String suffix, String expression) {
        return record(c, type, columns, suffix, expression, columns);
    }

    /** As above, with the columns the constraint is on ({@code stored}) other than those it is named after. */
    private String record(Node c, String type, List<String> columns, String suffix, String expression, List<String> stored) {
        String name = c.str("conname");
        if (name.isEmpty() && type.equals("p")) name = tableName + "_pkey";
        if (name.isEmpty()) {
            // a name another constraint of the table has is followed by a number, as ChooseConstraintName does
            // (two unnamed checks of column a: t_a_check, t_a_check1)
            name = TableMeta.defaultName(tableName, columns, suffix);
            for (int n = 1; named(name); n++) name = TableMeta.defaultName(tableName, columns, suffix + n);
        }
        Node pk = c.node("pktable");
        constraints.add(new TableMeta.Constraint(name, type, stored, pk == null ? null : pk.str("relname"),
                pk == null ? List.of() : c.names("pk_attrs"), expression, false));
        return name;
    }

    private boolean named(String name) {
        for (TableMeta.Constraint c : constraints) if (c.name().equals(name)) return true;
        return false;
    }

    /**
     * A CHECK constraint of the table being made: kept until its columns are written, then written
     * with the others in the order of their names, the order PostgreSQL tests them in (so a row
     * failing two is reported with the first name), each naming itself for the error
     * ({@code pgwire.table_check}, read back by ConstraintErrors).
     */
    private void check(Node expr, String name) {
        checks.add(new PendingCheck(expr, name));
    }

    private void writeChecks() {
        checks.sort(java.util.Comparator.comparing(PendingCheck::name));
        for (PendingCheck c : checks) {
            em.w.append(", CHECK (pgwire.table_check((");
            em.expr(c.expr());
            em.w.append("), ").literal(c.name()).append("))");
        }
        checks.clear();
    }

    private record PendingCheck(Node expr, String name) {}

    /**
     * An expression of the table being made as PostgreSQL shows it (plain and pretty), converted
     * to {@code target} for a default; null when it cannot be written so.
     */
    private String expressionPair(Node expr, PgTypeName target) {
        java.util.function.Function<String, PgTypeName> columns = tableColumns::get;
        Node shown = SequenceCalls.markRelations(expr, session.catalog());
        return ColumnMeta.expressionPair(PgDeparse.text(shown, target, columns, false), PgDeparse.text(shown, target, columns, true));
    }

    static String sequenceOptions(List<Node> options) {
        StringBuilder sb = new StringBuilder();
        String as = null;
        boolean hasMax = false;
        boolean hasMin = false;
        boolean descending = false;
        for (Node o : options) {
            switch (o.str("defname")) {
                case "as" -> as = PgTypeName.of(o.node("arg")).name();
                case "maxvalue" -> hasMax = o.node("arg") != null;
                case "minvalue" -> hasMin = o.node("arg") != null;
                case "increment" -> descending = o.node("arg") != null && o.node("arg").is("Integer") && o.node("arg").num("ival") < 0;
                default -> { }
            }
        }
        if (as != null && !List.of("int2", "int4", "int8").contains(as)) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "sequence type must be smallint, integer, or bigint");
        }
        for (Node o : options) {
            Node arg = o.node("arg");
            String value = arg == null ? null : arg.is("Integer") ? Long.toString(arg.num("ival"))
                    : arg.is("Float") ? arg.str("fval") : null;
            switch (o.str("defname")) {
                case "increment" -> sb.append(" INCREMENT BY ").append(value);
                case "start" -> sb.append(" START WITH ").append(value);
                // NO MINVALUE and NO MAXVALUE are the defaults: the type's bound (below) may stand in their place
                case "minvalue" -> sb.append(value == null ? "" : " MINVALUE " + value);
                case "maxvalue" -> sb.append(value == null ? "" : " MAXVALUE " + value);
                case "cycle" -> sb.append(arg != null && arg.is("Boolean") && arg.bool("boolval") ? " CYCLE" : " NO CYCLE");
                case "cache", "owned_by", "as", "sequence_name" -> { }
                default -> throw unsupported("sequence option " + o.str("defname"));
            }
        }
        // AS smallint or integer: the type's bound where no MAXVALUE (MINVALUE, descending) is given
        long bound = "int2".equals(as) ? Short.MAX_VALUE : "int4".equals(as) ? Integer.MAX_VALUE : 0;
        if (bound != 0 && !(descending ? hasMin : hasMax)) sb.append(descending ? " MINVALUE " + (-bound - 1) : " MAXVALUE " + bound);
        return sb.toString();
    }

    // ---------------------------------------------------------------- other CREATEs (indexes: CreateIndex; types: CreateTypes)

    private void createSequence(Node s) {
        Node rel = s.node("sequence");
        boolean temp = rel.str("relpersistence").equals("t");
        em.w.append(temp ? "CREATE TEMPORARY SEQUENCE " : "CREATE SEQUENCE ");
        if (s.bool("if_not_exists")) em.w.append("IF NOT EXISTS ");
        em.rangeVar(rel, false);
        em.w.append(sequenceOptions(s.list("options")));
        for (Node o : s.list("options")) {
            if (!o.str("defname").equals("owned_by")) continue;
            String owner = DdlChanges.ownerComment(session, rel, DdlDrops.stringsOf(o.node("arg").list("items")));
            if (owner != null) after.add(owner);
        }
    }

    /** Whether {@code query} names one of the session's temporary tables (or views). */
    private boolean readsTemporary(Node query) {
        java.util.Set<String> ctes = new java.util.HashSet<>();
        List<Node> named = new ArrayList<>();
        TreeWalker.forEachNode(query, n -> {
            if (n.is("CommonTableExpr")) ctes.add(n.str("ctename"));
            else if (n.is("RangeVar")) named.add(n);
        });
        for (Node r : named) {
            String schema = r.str("schemaname");
            if (schema.startsWith("pg_temp")) return true;
            if (!schema.isEmpty() || ctes.contains(r.str("relname"))) continue;
            CatalogView.Relation rel = session.catalog().relation(null, r.str("relname"));
            if (rel != null && rel.schema() != null && rel.schema().startsWith("pg_temp")) return true;
        }
        return false;
    }

    private void createView(Node s) {
        SqlWriter w = em.w;
        Node view = s.node("view");
        if (s.node("options") != null && !s.list("options").isEmpty()) throw unsupported("view options");
        if (!s.str("withCheckOption").isEmpty() && !s.str("withCheckOption").equals("NO_CHECK_OPTION")) {
            throw unsupported("WITH CHECK OPTION");
        }
        // a view of a temporary table is temporary itself, as PostgreSQL makes it (its NOTICE aside)
        if (view.str("schemaname").isEmpty() && readsTemporary(s.node("query"))) view.set("relpersistence", "t");
        w.append(s.bool("replace") ? "CREATE OR REPLACE " : "CREATE ");
        if (view.str("relpersistence").equals("t")) w.append("TEMPORARY ");
        w.append("VIEW ");
        em.rangeVar(view, false);
        if (s.has("aliases")) {
            w.append(" (");
            em.identList(s.names("aliases"));
            w.append(')');
        }
        w.append(" AS ");
        Node query = s.node("query");
        boolean callsCatalog = CatalogCalls.callsAny(query);
        // what pg_get_viewdef shows: PostgreSQL's text of the query as the client wrote it
        String shown = ViewDeparse.pair(query.copy(), s.names("aliases"), session.catalog());
        TypedRewrites typed = new TypedRewrites(session).storingResults();
        if (query.is("SelectStmt") && !query.has("larg") && !query.has("valuesLists")) {
            try {
                typed.types().select(query, null);
                if (!JoinStars.joinOrder(query, typed.types().scopeOf(query))) JoinStars.all(query, typed.types().scopeOf(query));
            } catch (RuntimeException e) {
                // a query not typed here keeps its stars; its own translation below reports what is wrong with it
            }
        }
        typed.apply(query);
        List<String> columnNames = new ArrayList<>(typed.resultNames());
        List<String> aliases = s.names("aliases");
        for (int i = 0; i < aliases.size() && i < columnNames.size(); i++) columnNames.set(i, aliases.get(i));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String c : columnNames) {
            if (!seen.add(c)) throw new PgException("42701", "column \"" + c + "\" specified more than once");
        }
        if (s.bool("replace")) {
            CatalogView.Relation old = session.catalog().relation(view.str("schemaname").isEmpty() ? null : view.str("schemaname"),
                    view.str("relname"));
            if (old != null && old.view()) replacedColumns(old, columnNames, typed.resultTypes());
        }
        // a view reading the catalog tables: a statement reading it needs them current, as one reading them does
        readsCatalog = CatalogRoutes.readsCatalog(query, session, callsCatalog, typed);
        em.statement(query);
        // what PostgreSQL shows of the view: its query and its columns' types
        List<String> types = new ArrayList<>();
        for (SqlType t : typed.resultTypes()) {
            SqlType c = t == null || t.isUnknown() ? SqlType.TEXT : t;
            types.add((c.isArray() ? "_" : "") + c.name() + ":" + c.typmod());
        }
        boolean temp = view.str("relpersistence").equals("t");
        after.add("COMMENT ON VIEW " + qualifiedRelation(temp ? null : schemaOf(view, session), view.str("relname")) + " IS "
                + SqlWriter.quoteLiteral(new ObjectMeta(ViewText.query(source), null, null, null, types, null, shown, null,
                        readsCatalog).write()));
    }

    /**
     * CREATE OR REPLACE VIEW keeps the view's columns — their number, names and types — and may add
     * some at the end; anything else is 42P16 (checkViewTupleDesc), where DuckDB would replace the
     * view and leave the views over it reading columns that changed.
     */
    private static void replacedColumns(CatalogView.Relation old, List<String> names, List<SqlType> types) {
        List<CatalogView.ColumnInfo> before = old.columns();
        if (names.size() < before.size()) throw new PgException("42P16", "cannot drop columns from view");
        for (int i = 0; i < before.size(); i++) {
            CatalogView.ColumnInfo c = before.get(i);
            if (!c.name().equals(names.get(i))) {
                throw new PgException("42P16", "cannot change name of view column \"" + c.name() + "\" to \"" + names.get(i) + "\"")
                        .withHint("Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
            }
            // (a column whose PostgreSQL type was not recorded: its DuckDB type's, where that tells one type from the others)
            SqlType was = c.pgType() != null ? SqlType.of(c.pgType()) : SqlType.ofDuckDb(c.duckDbType());
            if (c.pgType() == null && was != null && (was.isText() || was.isJson())) was = null;
            SqlType now = i < types.size() ? types.get(i) : null;
            if (was == null || now == null || now.isUnknown() || was.withoutTypmod().equals(now.withoutTypmod())) continue;
            throw new PgException("42P16", "cannot change data type of view column \"" + c.name() + "\" from "
                    + FormatType.displayName(was.withoutTypmod()) + " to " + FormatType.displayName(now.withoutTypmod()));
        }
    }

    private void createSchema(Node s) {
        if (s.has("schemaElts")) throw unsupported("CREATE SCHEMA with schema elements");
        String name = s.str("schemaname");
        if (name.isEmpty()) name = s.node("authrole") == null ? session.user() : s.node("authrole").str("rolename");
        em.w.append("CREATE SCHEMA ");
        if (s.bool("if_not_exists")) em.w.append("IF NOT EXISTS ");
        em.w.ident(name);
    }

    // ---------------------------------------------------------------- helpers

    /** The schema a new relation lands in: the one named, else the first of search_path that exists (3F000 for none). */
    static String schemaOf(Node rel, SessionContext session) {
        String schema = rel.str("schemaname");
        if (!schema.isEmpty()) return schema;
        String current = session.currentSchema();
        if (current == null) throw new PgException("3F000", "no schema has been selected to create in");
        return current;
    }

    private void relationName(Node rel, String schema) {
        if (!rel.str("catalogname").isEmpty()) em.w.ident(rel.str("catalogname")).append('.');
        if (schema != null) em.w.ident(schema).append('.');
        em.w.ident(rel.str("relname"));
    }

    static String qualifiedRelation(String schema, String table) {
        return (schema == null ? "" : SqlWriter.quoteIdent(schema) + ".") + SqlWriter.quoteIdent(table);
    }

    static String dotted(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            if (sb.length() > 0) sb.append('.');
            sb.append(SqlWriter.quoteIdent(n));
        }
        return sb.toString();
    }

    static void checkCollation(List<String> names) {
        String name = names.get(names.size() - 1);
        if (!(name.equals("default") || name.equals("C") || name.equals("POSIX") || name.equals("ucs_basic"))) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "collation \"" + name + "\" for encoding \"UTF8\" does not exist");
        }
    }

    static PgException unsupported(String what) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, what + " " + (what.endsWith("s") ? "are" : "is") + " not supported")
                .withDetail("serve stores data in DuckDB, which has no equivalent.");
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
