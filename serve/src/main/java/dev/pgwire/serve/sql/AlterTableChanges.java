package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * ALTER TABLE (part of {@link DdlChanges}): each subcommand as DuckDB can do it, with what
 * PostgreSQL keeps implicitly — the views reading a dropped or retyped column, the constraints
 * and foreign keys on a dropped column, the sequence of a serial column added, the table's
 * recorded constraints (its comment) — or refused with PostgreSQL's SQLSTATE where DuckDB cannot.
 * One instance per statement.
 */
final class AlterTableChanges {
    private final Emitter em;
    private final SessionContext session;
    private final List<String> script;
    private final ReferencingKeys keys;
    private final DdlDrops drops;

    AlterTableChanges(Emitter em, SessionContext session, List<String> script, ReferencingKeys keys, DdlDrops drops) {
        this.em = em;
        this.session = session;
        this.script = script;
        this.keys = keys;
        this.drops = drops;
    }

    /** The relation the ALTER TABLE being written acts on. */
    private Node currentRelation;
    /** Whether the ALTER TABLE being written says IF EXISTS. */
    private boolean ifExists;
    /** What serve keeps of that table as the ALTER TABLE's commands so far leave it (null: unchanged). */
    private TableMeta alteredMeta;

    private TableMeta meta(Relation r) {
        return alteredMeta != null ? alteredMeta : r.meta();
    }

    void write(Node s) {
        Node rel = s.node("relation");
        currentRelation = rel;
        ifExists = s.bool("missing_ok");
        String objtype = s.str("objtype");
        if (!objtype.equals("OBJECT_TABLE")) throw DdlEmitter.unsupported("ALTER " + Classifier.objectName(objtype));
        String target = "ALTER TABLE " + (s.bool("missing_ok") ? "IF EXISTS " : "") + DdlChanges.relationText(rel);
        // PostgreSQL adds the columns before the constraints: a check may name a column added after it
        for (Node cmd : s.list("cmds")) {
            if (cmd.str("subtype").equals("AT_AddColumn") && cmd.node("def") != null) {
                addedColumns.put(cmd.node("def").str("colname"), PgTypeName.of(cmd.node("def").node("typeName")));
            }
        }
        for (Node cmd : s.list("cmds")) {
            String subtype = cmd.str("subtype");
            String column = cmd.str("name");
            switch (subtype) {
                case "AT_AddColumn" -> addColumn(target, rel, cmd);
                case "AT_DropColumn" -> {
                    droppedColumns.add(column);
                    columnViews(rel, column, cmd.str("behavior").equals("DROP_CASCADE"), true);
                    dropColumnKeys(rel, column);
                    script.add(target + " DROP COLUMN " + (cmd.bool("missing_ok") ? "IF EXISTS " : "")
                        + SqlWriter.quoteIdent(column) + (cmd.str("behavior").equals("DROP_CASCADE") ? " CASCADE" : ""));
                    // other tables' keys on the column: refused, or with CASCADE they go (after the column: a rebuild reads the script's first statement)
                    if (relation(rel) != null && !relation(rel).view()) {
                        for (String own : keys.dropReferencedColumn(relation(rel), column, cmd.str("behavior").equals("DROP_CASCADE"))) {
                            alteredMeta = meta(relation(rel)).withoutConstraint(own);
                        }
                    }
                }
                case "AT_ColumnDefault" -> {
                    refuseIdentity(rel, column, cmd.node("def") == null);
                    columnDefault(target, rel, column, cmd.node("def"));
                }
                case "AT_SetNotNull" -> script.add(target + " ALTER COLUMN " + SqlWriter.quoteIdent(column) + " SET NOT NULL");
                case "AT_DropNotNull" -> {
                    refuseIdentity(rel, column, false);
                    Relation r = relation(rel);
                    if (r != null && meta(r).constraints().stream().anyMatch(c -> c.type().equals("p") && c.columns().contains(column))) {
                        throw new PgException("42P16", "column \"" + column + "\" is in a primary key");
                    }
                    script.add(target + " ALTER COLUMN " + SqlWriter.quoteIdent(column) + " DROP NOT NULL");
                }
                case "AT_AlterColumnType" -> {
                    columnViews(rel, column, false, false);
                    alterType(target, rel, cmd);
                }
                case "AT_AddConstraint" -> addConstraint(target, cmd.node("def"));
                case "AT_DropConstraint" -> dropConstraint(cmd);
                case "AT_ValidateConstraint" -> validateConstraint(cmd.str("name"));
                case "AT_SetIdentity" -> {
                    if (relation(rel) != null || !s.bool("missing_ok")) {
                        script.addAll(IdentityAlter.write(cmd, relation(rel), rel.str("relname"), DdlChanges.relationText(rel)));
                    }
                }
                case "AT_AddIdentity" -> script.addAll(IdentityAlter.add(cmd, relation(rel), rel.str("relname"), DdlChanges.relationText(rel)));
                case "AT_DropIdentity" -> script.addAll(IdentityAlter.drop(cmd, relation(rel), rel.str("relname"), DdlChanges.relationText(rel)));
                case "AT_ChangeOwner" -> changeOwner(cmd.node("newowner"));
                case "AT_DisableTrigAll", "AT_EnableTrigAll" -> triggers(rel, subtype.equals("AT_DisableTrigAll"));
                case "AT_DisableTrigUser", "AT_EnableTrigUser" -> {
                    // the table's own triggers: serve has none to turn off or on
                }
                case "AT_DisableTrig", "AT_EnableTrig", "AT_EnableAlwaysTrig", "AT_EnableReplicaTrig" ->
                        throw new PgException(SqlState.UNDEFINED_OBJECT, "trigger \"" + column + "\" for table \"" + rel.str("relname")
                                + "\" does not exist");
                case "AT_EnableRowSecurity" -> throw DdlEmitter.unsupported("ALTER TABLE … ENABLE ROW LEVEL SECURITY")
                        .withDetail("serve has no row security policies; the table's rows would stay visible to every role.");
                case "AT_SetRelOptions", "AT_ResetRelOptions", "AT_SetStatistics", "AT_ClusterOn",
                     "AT_DropCluster", "AT_SetLogged", "AT_SetUnLogged", "AT_DisableRowSecurity" -> {
                    // storage and ownership details that change no answer here
                }
                default -> throw DdlEmitter.unsupported("ALTER TABLE " + subtype.substring(3).replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase());
            }
        }
        if (alteredMeta != null) {
            script.add("COMMENT ON TABLE " + DdlChanges.relationText(rel) + " IS " + SqlWriter.quoteLiteral(alteredMeta.write()));
        }
    }

    /**
     * DISABLE / ENABLE TRIGGER ALL: the table's foreign key triggers — serve's checks and actions —
     * off or on, as pg_dump --disable-triggers and test fixture loaders use it. As in PostgreSQL,
     * system triggers are a superuser's to turn off (42501).
     */
    private void triggers(Node rel, boolean disable) {
        Relation r = relation(rel);
        if (r == null) {
            if (ifExists) return;
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + rel.str("relname") + "\" does not exist");
        }
        boolean keyed = meta(r).constraints().stream().anyMatch(c -> c.rule() != null) || !session.catalog().referencing(r.name()).isEmpty();
        if (keyed && !session.superuser()) {
            throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied: the foreign key triggers of table \""
                    + r.name() + "\" are system triggers");
        }
        alteredMeta = meta(r).withTriggersDisabled(disable);
    }

    /**
     * The views reading a column that is dropped (refused without CASCADE, else dropped first) or
     * whose type changes (refused, as PostgreSQL refuses it for a column a view uses).
     */
    private void columnViews(Node rel, String column, boolean cascade, boolean drop) {
        Relation r = relation(rel);
        if (r == null || r.view()) return;
        List<ViewDependents.Dependent> views = ViewDependents.ofColumn(r.schema() + "." + r.name(), column, session.catalog());
        if (views.isEmpty()) return;
        if (!drop) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot alter type of a column used by a view or rule")
                    .withDetail("rule _RETURN on " + views.get(0).kind() + " " + views.get(0).name() + " depends on column \"" + column + "\"");
        }
        if (!cascade) throw ViewDependents.refusal("column " + column + " of table " + r.name(), views, session.catalog());
        drops.dropViews(views);
    }

    /** A dropped column takes the table's constraints and foreign keys on it along, as in PostgreSQL. */
    private void dropColumnKeys(Node rel, String column) {
        Relation r = session.catalog().relation(DdlChanges.emptyToNull(rel.str("schemaname")), rel.str("relname"));
        if (r == null || r.view()) return;
        for (TableMeta.Constraint c : meta(r).constraints()) {
            if (c.columns().contains(column) || c.type().equals("c") && c.expression() != null
                    && SqlLexer.mentions(SchemaNames.write(ColumnMeta.form(c.expression(), false)), column)) {
                alteredMeta = meta(r).withoutConstraint(c.name());
            }
        }
    }

    /**
     * OWNER TO: every relation here is owned by the bootstrap superuser (as pg_class says), so
     * giving it to that role changes nothing; another owner is refused rather than ignored.
     */
    private void changeOwner(Node spec) {
        String owner = switch (spec.str("roletype")) {
            case "ROLESPEC_CURRENT_USER", "ROLESPEC_CURRENT_ROLE" -> session.user();
            case "ROLESPEC_SESSION_USER" -> session.sessionUser();
            default -> spec.str("rolename");
        };
        if (!session.roleExists(owner)) {
            throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.UNDEFINED_OBJECT, "role \"" + owner + "\" does not exist");
        }
        if (!owner.equals(session.bootstrapSuperuser())) {
            throw new dev.pgwire.protocol.PgException(dev.pgwire.protocol.SqlState.FEATURE_NOT_SUPPORTED,
                    "ALTER TABLE … OWNER TO is not supported")
                    .withDetail("Every object here is owned by the bootstrap superuser \"" + session.bootstrapSuperuser()
                            + "\"; serve does not keep other owners.");
        }
    }

    /** The columns this ALTER TABLE has added so far, and their types (a check may read them). */
    private final java.util.Map<String, PgTypeName> addedColumns = new java.util.HashMap<>();

    /** The columns this ALTER TABLE has dropped so far (one may be added again). */
    private final java.util.Set<String> droppedColumns = new java.util.HashSet<>();
    /** Columns given a new type earlier in the statement: {PostgreSQL type, DuckDB type}; what later subcommands record follows it. */
    private final java.util.Map<String, Object[]> retypedColumns = new java.util.HashMap<>();
    /** Columns whose default the statement set or dropped before: the default's text as PostgreSQL shows it (null: none). */
    private final java.util.Map<String, String> changedDefaults = new java.util.HashMap<>();

    private void addColumn(String target, Node rel, Node cmd) {
        Node def = cmd.node("def");
        if (ifExists && relation(rel) == null) return; // ALTER TABLE IF EXISTS of no table: nothing to add
        // ADD COLUMN IF NOT EXISTS of a column there already: nothing changes (PostgreSQL's NOTICE, skippedColumns)
        if (cmd.bool("missing_ok") && column(rel, def.str("colname")) != null) return;
        if (column(rel, def.str("colname")) != null && !droppedColumns.contains(def.str("colname"))) {
            throw new PgException("42701", "column \"" + def.str("colname") + "\" of relation \"" + rel.str("relname") + "\" already exists");
        }
        Node typeName = def.node("typeName");
        Node identity = null;
        for (Node c : def.list("constraints")) {
            String t = c.str("contype");
            if (t.equals("CONSTR_IDENTITY")) identity = c;
            if (!t.equals("CONSTR_NOTNULL") && !t.equals("CONSTR_NULL") && !t.equals("CONSTR_DEFAULT") && !t.equals("CONSTR_FOREIGN")
                    && !t.equals("CONSTR_UNIQUE") && !t.equals("CONSTR_CHECK") && !t.startsWith("CONSTR_ATTR_")
                    && !t.equals("CONSTR_IDENTITY") && !t.equals("CONSTR_PRIMARY")) {
                throw DdlEmitter.unsupported("ALTER TABLE … ADD COLUMN with a " + t.substring(7).toLowerCase() + " constraint");
            }
        }
        if (PgTypeName.isSerial(typeName) || identity != null) {
            addSequenceColumn(target, rel, cmd, identity);
            return;
        }
        if (def.list("constraints").stream().anyMatch(c -> c.str("contype").equals("CONSTR_PRIMARY"))) {
            throw DdlEmitter.unsupported("ALTER TABLE … ADD COLUMN … PRIMARY KEY of a column that is not serial or identity")
                    .withHint("Add the column, fill it, then add the key with ALTER TABLE … ADD PRIMARY KEY.");
        }
        refuseDomain(typeName, "ALTER TABLE … ADD COLUMN of a domain");
        PgTypeName pg = PgTypeName.of(typeName);
        addedColumns.put(def.str("colname"), pg);
        StringBuilder sb = new StringBuilder(target).append(" ADD COLUMN ");
        // the column is known to be new where the table is known (DuckDB refuses IF NOT EXISTS with NOT NULL)
        if (cmd.bool("missing_ok") && relation(rel) == null) sb.append("IF NOT EXISTS ");
        sb.append(SqlWriter.quoteIdent(def.str("colname"))).append(' ').append(em.types.duckDbType(typeName));
        String pgDefault = null;
        for (Node c : def.list("constraints")) {
            switch (c.str("contype")) {
                case "CONSTR_NOTNULL" -> sb.append(" NOT NULL");
                case "CONSTR_DEFAULT" -> {
                    SqlWriter w = new SqlWriter();
                    Emitter e = new Emitter(w, em.types);
                    Node value = SequenceCalls.boundDefault(c.node("raw_expr"), pg, session);
                    pgDefault = defaultText(value, pg); // before the rewrite below, which works in place
                    if (!ArrayDefaults.write(e, value, typeName)) {
                        e.expr(DateTimePrecision.roundDefault(TypedRewrites.columnDefault(session, value), SqlType.of(pg)));
                    }
                    sb.append(" DEFAULT ").append(w);
                }
                default -> { }
            }
        }
        script.add(sb.toString());
        script.add("COMMENT ON COLUMN " + DdlChanges.relationText(rel) + "." + SqlWriter.quoteIdent(def.str("colname")) + " IS "
                + SqlWriter.quoteLiteral(ColumnMeta.write(pg, null, "", null, pgDefault)));
        for (Node c : def.list("constraints")) {
            if (c.str("contype").equals("CONSTR_FOREIGN")) addColumnKey(def, ForeignKeyDefinitions.withAttributes(c, def.list("constraints")));
            // ADD COLUMN … UNIQUE: the column's unique constraint, as ADD UNIQUE (column) would add it
            if (c.str("contype").equals("CONSTR_UNIQUE") && !(ifExists && relation(rel) == null)) {
                addUnique(c.copy().set("keys", new ArrayList<>(List.of(Node.string(def.str("colname"))))), def.str("colname"));
            }
            if (c.str("contype").equals("CONSTR_CHECK")) addCheck(target, c);
        }
    }

    /**
     * ADD COLUMN of a serial or identity column: its sequence is made, and the table's rows get
     * its values in their order, as PostgreSQL fills them; the column is NOT NULL (and the table's
     * primary key when declared so).
     */
    private void addSequenceColumn(String target, Node rel, Node cmd, Node identity) {
        Node def = cmd.node("def");
        Relation r = relation(rel);
        if (r == null && ifExists) return; // ALTER TABLE IF EXISTS of no table: nothing to add
        if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + rel.str("relname") + "\" does not exist");
        if (r.view()) throw new PgException("42809", "\"" + r.name() + "\" is not a table");
        String column = def.str("colname");
        Node typeName = def.node("typeName");
        PgTypeName pg = PgTypeName.of(typeName);
        for (Node c : def.list("constraints")) {
            if (c.str("contype").equals("CONSTR_DEFAULT") || PgTypeName.isSerial(typeName) && identity != null) {
                throw new PgException(SqlState.SYNTAX_ERROR, "multiple default values specified for column \"" + column
                        + "\" of table \"" + r.name() + "\"");
            }
        }
        boolean temp = r.schema().equals("pg_temp");
        String schema = temp ? null : r.schema();
        String named = identity == null ? null : IdentityAlter.sequenceOption(identity.list("options"), schema, null);
        String sequence = named;
        if (named != null && taken(schema, named)) {
            throw new PgException("42P07", "relation \"" + named + "\" already exists");
        }
        // PostgreSQL's choice of a free name: t_c_seq, else t_c_seq1, t_c_seq2, …
        String base = r.name() + "_" + column + "_seq";
        for (int i = 0; sequence == null; i++) {
            String candidate = i == 0 ? base : base + i;
            if (!taken(schema, candidate)) sequence = candidate;
        }
        String qualified = schema == null ? sequence : schema + "." + sequence;
        String duckDbType = switch (pg.name()) {
            case "int2" -> "SMALLINT";
            case "int4" -> "INTEGER";
            case "int8" -> "BIGINT";
            default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "identity column type must be smallint, integer, or bigint");
        };
        script.add((temp ? "CREATE TEMPORARY SEQUENCE " : "CREATE SEQUENCE ") + (schema == null ? "" : SqlWriter.quoteIdent(schema) + ".")
                + SqlWriter.quoteIdent(sequence) + (identity == null ? "" : DdlEmitter.sequenceOptions(identity.list("options")))
                + DdlEmitter.columnTypeBound(pg, identity));
        // the table is built again with the column (ConstraintAlter), its rows copied in their order: each
        // draws the default in turn, 1, 2, …
        script.add(target + " ADD COLUMN " + SqlWriter.quoteIdent(column) + " " + duckDbType + " DEFAULT nextval("
                + SqlWriter.quoteLiteral(qualified) + ") NOT NULL");
        addedColumns.put(column, pg);
        script.add("COMMENT ON COLUMN " + DdlChanges.relationText(rel) + "." + SqlWriter.quoteIdent(column) + " IS "
                + SqlWriter.quoteLiteral(ColumnMeta.write(pg, sequence, identity == null ? "" : identity.str("generated_when"), null, null)));
        for (Node c : def.list("constraints")) {
            switch (c.str("contype")) {
                case "CONSTR_PRIMARY" -> {
                    if (meta(r).constraints().stream().anyMatch(k -> k.type().equals("p"))) {
                        throw new PgException("42P16", "multiple primary keys for table \"" + r.name() + "\" are not allowed");
                    }
                    String name = c.str("conname").isEmpty() ? r.name() + "_pkey" : c.str("conname");
                    script.add(target + " ADD CONSTRAINT " + SqlWriter.quoteIdent(name) + " PRIMARY KEY (" + SqlWriter.quoteIdent(column) + ")");
                    alteredMeta = meta(r).withConstraint(new TableMeta.Constraint(name, "p", List.of(column), null, List.of()));
                }
                case "CONSTR_UNIQUE" -> addUnique(c.copy().set("keys", new ArrayList<>(List.of(Node.string(column)))), column);
                case "CONSTR_CHECK" -> addCheck(target, c);
                case "CONSTR_FOREIGN" -> {
                    // the key's column is of the serial's integer type
                    Node typed = def.copy().set("typeName", Node.of("TypeName")
                            .set("names", new ArrayList<>(List.of(Node.string("pg_catalog"), Node.string(pg.name())))).set("typemod", -1L));
                    addColumnKey(typed, ForeignKeyDefinitions.withAttributes(c, def.list("constraints")));
                }
                default -> { }
            }
        }
    }

    /** Whether a relation (a table, view or sequence) of the name is in the schema. */
    private boolean taken(String schema, String name) {
        if (session.catalog().relation(schema, name) != null) return true;
        if (schema != null && session.catalog().sequence(schema, name) != null) return true;
        Relation r = relation(currentRelation); // the table's own indexes (an index elsewhere of that name is not looked for)
        return r != null && session.catalog().indexes(r).stream().anyMatch(i -> i.name().equals(name));
    }

    /** ADD COLUMN … REFERENCES: the column's foreign key, as ADD FOREIGN KEY (column) would add it. */
    private void addColumnKey(Node def, Node c) {
        Relation r = relation(currentRelation);
        if (r == null && ifExists) return; // ALTER TABLE IF EXISTS of no table: DuckDB's ALTER does nothing either
        if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + currentRelation.str("relname") + "\" does not exist");
        String column = def.str("colname");
        String name = c.str("conname").isEmpty() ? freeName(r, TableMeta.defaultName(r.name(), List.of(column), "fkey")) : c.str("conname");
        if (meta(r).constraint(name) != null) {
            throw new PgException("42710", "constraint \"" + name + "\" for relation \"" + r.name() + "\" already exists");
        }
        ForeignKeyDefinitions.Table table = ForeignKeyDefinitions.withColumn(ForeignKeyDefinitions.of(r), column,
                em.types.duckDbType(def.node("typeName")));
        alteredMeta = meta(r).withConstraint(ForeignKeyDefinitions.define(c.copy().set("initially_valid", true), name, List.of(column),
                table, null, session.catalog()));
    }

    /**
     * ALTER COLUMN … SET DEFAULT / DROP DEFAULT: DuckDB's default changes, and so does the default
     * serve records for the catalog (as PostgreSQL shows it: {@code '{}'::character varying[]}).
     * An untyped string default of an array column is the array it stands for ({@link ArrayDefaults}).
     */
    private void columnDefault(String target, Node rel, String column, Node def) {
        String alter = target + " ALTER COLUMN " + SqlWriter.quoteIdent(column);
        ColumnInfo c = column(rel, column);
        Object[] retyped = retypedColumns.get(column);
        PgTypeName pgType = retyped != null ? (PgTypeName) retyped[0] : c == null ? null : c.pgType();
        String duckDbType = retyped != null ? (String) retyped[1] : c == null ? null : c.duckDbType();
        if (def == null) {
            script.add(alter + " DROP DEFAULT");
        } else {
            SqlWriter w = new SqlWriter();
            Emitter e = new Emitter(w, em.types);
            def = SequenceCalls.boundDefault(def, c == null ? null : pgType, session);
            Node named = TypedRewrites.columnDefault(session, def.copy());
            if (c == null || c.domain() != null || !ArrayDefaults.write(e, def, duckDbType, pgType)) {
                e.expr(pgType == null ? named : DateTimePrecision.roundDefault(named, SqlType.of(pgType)));
            }
            script.add(alter + " SET DEFAULT " + w);
        }
        // a serial column's new default, or none, replaces its nextval as the catalog shows it; its own nextval
        // (pg_dump sets a serial's default after making its sequence) leaves it a serial
        if (c == null || pgType == null || c.sequence() != null && drawsFrom(def, SqlNames.sequence("", c.sequence())[1])) return;
        String pgDefault = def == null ? null : defaultText(def, pgType);
        changedDefaults.put(column, pgDefault);
        script.add("COMMENT ON COLUMN " + DdlChanges.relationText(rel) + "." + SqlWriter.quoteIdent(column) + " IS "
                + SqlWriter.quoteLiteral(ColumnMeta.write(pgType, null, c.identity(), c.description(), pgDefault, c.domain())));
    }

    /** Whether default {@code def} is a nextval of a sequence named {@code sequence}. */
    private static boolean drawsFrom(Node def, String sequence) {
        if (def == null || !def.is("FuncCall") || !Operators.lastName(def).equals("nextval") || def.list("args").size() != 1) return false;
        String text = Operators.stringConstant(def.list("args").get(0));
        if (text == null) return false;
        List<String> named = dev.pgwire.serve.catalog.QualifiedNames.parse(text);
        return named.get(named.size() - 1).equals(sequence);
    }

    /** A column default as PostgreSQL shows it, coerced to the column's type (null: DuckDB's text stands). */
    private String defaultText(Node expr, PgTypeName type) {
        Node shown = SequenceCalls.markRelations(expr, session.catalog());
        return ColumnMeta.expressionPair(PgDeparse.text(shown, type, name -> null, false), PgDeparse.text(shown, type, name -> null, true));
    }

    private void alterType(String target, Node rel, Node cmd) {
        Node def = cmd.node("def");
        Node typeName = def.node("typeName");
        String column = cmd.str("name");
        refuseDomain(typeName, "ALTER TABLE … ALTER COLUMN … TYPE to a domain");
        ColumnInfo current = column(rel, column);
        if (current != null && current.domain() != null) throw DdlEmitter.unsupported("ALTER TABLE … ALTER COLUMN … TYPE of a column of a domain");
        String duckDbType = em.types.duckDbType(typeName);
        StringBuilder sb = new StringBuilder(target).append(" ALTER COLUMN ").append(SqlWriter.quoteIdent(column))
                .append(" TYPE ").append(duckDbType);
        Node using = def.node("raw_default");
        PgTypeName to = PgTypeName.of(typeName);
        boolean toText = to.dimensions() == 0 && (to.name().equals("text") || to.name().equals("varchar") || to.name().equals("bpchar"));
        if (using == null && !toText && current != null) assignable(column, current, to);
        if (using == null && toText && current != null) {
            // to a string type: the value's text as PostgreSQL writes it (its assignment cast), not DuckDB's;
            // as text, so that a length is checked as the column checks it rather than cut as a cast cuts
            Node ref = Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(column))));
            Node text = Node.of("TypeName").set("names", new ArrayList<>(List.of(Node.string("pg_catalog"), Node.string("text"))))
                    .set("typemod", -1L);
            using = Node.of("TypeCast").set("arg", ref).set("typeName", text);
        }
        boolean fromFloat = current != null && (current.duckDbType().equals("DOUBLE") || current.duckDbType().equals("FLOAT"));
        if (using == null && fromFloat && to.dimensions() == 0 && to.name().equals("numeric")) {
            // float to numeric: the float's 15 (6) significant digits, as its cast takes them, not its binary value
            Node ref = Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(column))));
            using = Node.of("TypeCast").set("arg", ref).set("typeName", typeName);
        }
        boolean toPrecision = to.dimensions() == 0 && to.typmod() >= 0
                && List.of("timestamp", "timestamptz", "time", "interval").contains(to.name());
        if (toPrecision && current != null) {
            // to a fractional-second precision (timestamp(0)): the values (USING's too) rounded to it, as the cast rounds them
            Node value = using != null ? using : Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(column))));
            using = Node.of("TypeCast").set("arg", value).set("typeName", typeName);
        }
        if (using != null) sb.append(" USING ").append(typedExpression(rel, using));
        script.add(sb.toString());
        retypedColumns.put(column, new Object[] {PgTypeName.of(typeName), duckDbType});
        // the column's comment and its default's text stay, as in PostgreSQL
        script.add("COMMENT ON COLUMN " + DdlChanges.relationText(rel) + "." + SqlWriter.quoteIdent(column) + " IS "
                + SqlWriter.quoteLiteral(current == null ? ColumnMeta.write(PgTypeName.of(typeName), null, "", null)
                : ColumnMeta.write(PgTypeName.of(typeName), current.sequence(), current.identity(), current.description(),
                current.sequence() != null ? null : changedDefaults.containsKey(column) ? changedDefaults.get(column) : current.pgDefault())));
    }

    /**
     * ALTER COLUMN … TYPE without USING converts by the assignment cast: where there is none (text
     * to integer, integer to boolean, text to jsonb) PostgreSQL refuses it (42804), where DuckDB
     * would convert the values by its own casts.
     */
    private static void assignable(String column, ColumnInfo current, PgTypeName to) {
        SqlType from = current.pgType() != null ? SqlType.of(current.pgType()) : SqlType.ofDuckDb(current.duckDbType());
        if (from == null || from.isArray() || to.dimensions() > 0) return;
        int fromOid = dev.pgwire.serve.catalog.Builtins.typeOid(from.name());
        int toOid = dev.pgwire.serve.catalog.Builtins.typeOid(to.name());
        if (fromOid == 0 || toOid == 0 || fromOid == toOid || dev.pgwire.serve.catalog.Builtins.assignable(fromOid, toOid)) return;
        String target = FormatType.displayName(SqlType.of(to));
        throw new PgException(SqlState.DATATYPE_MISMATCH, "column \"" + column + "\" cannot be cast automatically to type " + target)
                .withHint("You might need to specify \"USING " + SqlWriter.quoteIdent(column) + "::" + target + "\".");
    }

    /** SET / DROP DEFAULT and DROP NOT NULL of an identity column are 42601, as in PostgreSQL (its sequence is its default). */
    private void refuseIdentity(Node rel, String column, boolean hint) {
        ColumnInfo c = column(rel, column);
        if (c == null || c.identity() == null || c.identity().isEmpty()) return;
        PgException e = new PgException(SqlState.SYNTAX_ERROR, "column \"" + column + "\" of relation \"" + rel.str("relname")
                + "\" is an identity column");
        throw hint ? e.withHint("Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.") : e;
    }

    private void addConstraint(String target, Node c) {
        switch (c.str("contype")) {
            case "CONSTR_PRIMARY" -> {
                script.add(target + " ADD PRIMARY KEY (" + identList(c.names("keys")) + ")");
                Relation r = session.catalog().relation(DdlChanges.emptyToNull(currentRelation.str("schemaname")), currentRelation.str("relname"));
                if (r != null) {
                    String name = c.str("conname").isEmpty() ? r.name() + "_pkey" : c.str("conname");
                    alteredMeta = meta(r).withConstraint(new TableMeta.Constraint(name, "p", c.names("keys"), null, List.of()));
                }
            }
            case "CONSTR_UNIQUE" -> addUnique(c, null);
            case "CONSTR_FOREIGN" -> addForeignKey(c);
            case "CONSTR_CHECK" -> addCheck(target, c);
            default -> throw DdlEmitter.unsupported("ALTER TABLE … ADD " + c.str("contype").substring(7).replace('_', ' ') + " constraint")
                    .withDetail("DuckDB adds only primary keys and unique constraints to existing tables; declare other"
                            + " constraints in CREATE TABLE.");
        }
    }

    /** ADD CHECK, or the CHECK of a column ADD COLUMN adds (see {@link AddedChecks}). */
    private void addCheck(String target, Node c) {
        Relation r = relation(currentRelation);
        if (r == null && ifExists) return; // ALTER TABLE IF EXISTS of no table: nothing to add
        if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + currentRelation.str("relname") + "\" does not exist");
        AddedChecks.Added added = AddedChecks.write(target, c, r, meta(r), addedColumns, em.types);
        script.add(added.statement());
        alteredMeta = meta(r).withConstraint(added.constraint());
    }

    /**
     * ADD [CONSTRAINT name] UNIQUE (columns): a unique index of the constraint's name, which enforces
     * the same rule (NULLs distinct), recorded as the constraint so the catalog shows a constraint.
     *
     * @param addedColumn a column this ALTER TABLE adds (not in the catalog yet), or null
     */
    private void addUnique(Node c, String addedColumn) {
        Relation r = session.catalog().relation(DdlChanges.emptyToNull(currentRelation.str("schemaname")), currentRelation.str("relname"));
        if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + currentRelation.str("relname") + "\" does not exist");
        if (c.bool("deferrable") || c.has("including") || c.bool("nulls_not_distinct") || c.has("indexname")) {
            throw DdlEmitter.unsupported("ALTER TABLE … ADD UNIQUE with DEFERRABLE, INCLUDE, NULLS NOT DISTINCT or USING INDEX");
        }
        List<String> keys = c.names("keys");
        for (String k : keys) {
            if (r.column(k) == null && !k.equals(addedColumn)) {
                throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + k + "\" named in key does not exist");
            }
        }
        String name = c.str("conname").isEmpty() ? freeName(r, TableMeta.defaultName(r.name(), keys, "key")) : c.str("conname");
        if (meta(r).constraint(name) != null) {
            // the constraint's index is a relation of that name, as in PostgreSQL
            throw new PgException("42P07", "relation \"" + name + "\" already exists");
        }
        script.add("CREATE UNIQUE INDEX " + SqlWriter.quoteIdent(name) + " ON " + DdlChanges.relationText(currentRelation) + " (" + identList(keys) + ")");
        alteredMeta = meta(r).withConstraint(new TableMeta.Constraint(name, "u", keys, null, List.of(), null, false, true));
    }

    /** A constraint name of {@code r} not taken yet: {@code base}, else base1, base2, … as PostgreSQL chooses. */
    private String freeName(Relation r, String base) {
        String name = base;
        for (int i = 1; meta(r).constraint(name) != null; i++) name = base + i;
        return name;
    }

    /**
     * ADD [CONSTRAINT name] FOREIGN KEY: recorded for serve to enforce; the rows already there are
     * checked when the statement has run (unless NOT VALID), by the session ({@code ForeignKeys}).
     */
    private void addForeignKey(Node c) {
        Relation r = session.catalog().relation(DdlChanges.emptyToNull(currentRelation.str("schemaname")), currentRelation.str("relname"));
        if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + currentRelation.str("relname") + "\" does not exist");
        List<String> columns = c.names("fk_attrs");
        String name = c.str("conname").isEmpty() ? freeName(r, TableMeta.defaultName(r.name(), columns, "fkey")) : c.str("conname");
        if (meta(r).constraint(name) != null) {
            throw new PgException("42710", "constraint \"" + name + "\" for relation \"" + r.name() + "\" already exists");
        }
        ForeignKeyDefinitions.Table table = ForeignKeyDefinitions.of(r);
        alteredMeta = meta(r).withConstraint(ForeignKeyDefinitions.define(c, name, columns, table, null, session.catalog()));
    }

    /** DROP CONSTRAINT: one ALTER TABLE added (its index goes); DuckDB keeps the others for the table's life. */
    private void dropConstraint(Node cmd) {
        String name = cmd.str("name");
        Relation r = session.catalog().relation(DdlChanges.emptyToNull(currentRelation.str("schemaname")), currentRelation.str("relname"));
        TableMeta.Constraint c = r == null ? null : meta(r).constraint(name);
        if (c == null) {
            if (cmd.bool("missing_ok") || r == null && ifExists) return; // ALTER TABLE IF EXISTS of no table: nothing to drop
            throw new PgException(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" of relation \""
                    + currentRelation.str("relname") + "\" does not exist");
        }
        if (c.index()) { // a unique index, which is no constraint
            throw new PgException(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" of relation \""
                    + currentRelation.str("relname") + "\" does not exist");
        }
        if (c.rule() != null) { // a foreign key serve enforces: forgetting it is all
            alteredMeta = meta(r).withoutConstraint(name);
            return;
        }
        if (!c.backedByIndex()) {
            // declared in CREATE TABLE or added as a check: serve builds the table again without it (ConstraintAlter)
            if (c.key()) refuseReferenced(r, c, cmd.str("behavior").equals("DROP_CASCADE"));
            script.add("ALTER TABLE " + DdlChanges.relationText(currentRelation) + " DROP CONSTRAINT " + SqlWriter.quoteIdent(name));
            alteredMeta = meta(r).withoutConstraint(name);
            return;
        }
        String schema = DdlChanges.emptyToNull(currentRelation.str("schemaname"));
        script.add("DROP INDEX " + (schema == null ? "" : SqlWriter.quoteIdent(schema) + ".") + SqlWriter.quoteIdent(name));
        alteredMeta = meta(r).withoutConstraint(name);
    }

    /**
     * VALIDATE CONSTRAINT of a foreign key or check added NOT VALID: marked validated. A foreign
     * key's rows are then checked as when it is added (ForeignKeys.validateAdded); a check's rows
     * passed it when it was added (DuckDB checks every row against it).
     */
    private void validateConstraint(String name) {
        Relation r = session.catalog().relation(DdlChanges.emptyToNull(currentRelation.str("schemaname")), currentRelation.str("relname"));
        if (r == null) return; // ALTER TABLE IF EXISTS of no table
        TableMeta.Constraint c = meta(r).constraint(name);
        if (c == null || c.index()) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" of relation \"" + r.name() + "\" does not exist");
        }
        if (!c.type().equals("f") && !c.type().equals("c")) {
            throw new PgException(SqlState.WRONG_OBJECT_TYPE, "constraint \"" + name + "\" of relation \"" + r.name()
                    + "\" is not a foreign key or check constraint");
        }
        if (!c.validated()) alteredMeta = meta(r).replacing(c.asValidated());
    }

    /** A key that foreign keys reference is not dropped: 2BP01 as in PostgreSQL (CASCADE, which drops them too, is not supported). */
    private void refuseReferenced(Relation r, TableMeta.Constraint key, boolean cascade) {
        for (Relation child : session.catalog().referencing(r.name())) {
            for (TableMeta.Constraint fk : child.meta().constraints()) {
                if (!fk.type().equals("f") || !r.name().equals(fk.references())) continue;
                boolean onKey = fk.referencedColumns().isEmpty() ? key.type().equals("p") : fk.referencedColumns().equals(key.columns());
                if (!onKey) continue;
                if (cascade) throw DdlEmitter.unsupported("ALTER TABLE … DROP CONSTRAINT … CASCADE of a referenced key");
                throw new PgException("2BP01", "cannot drop constraint " + key.name() + " on table " + r.name()
                        + " because other objects depend on it")
                        .withDetail("constraint " + fk.name() + " on table " + child.name() + " depends on index " + key.name())
                        .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
        }
    }

    private Relation relation(Node rel) {
        return session.catalog().relation(DdlChanges.emptyToNull(rel.str("schemaname")), rel.str("relname"));
    }

    /** A domain's checks cannot be given to an existing table's column (DuckDB adds no CHECK there): refused, not ignored. */
    private void refuseDomain(Node typeName, String what) {
        if (Domains.lookup(typeName, session.catalog()) != null) {
            throw DdlEmitter.unsupported(what).withDetail("A column gets a domain's checks when its table is created.");
        }
    }

    private ColumnInfo column(Node rel, String column) {
        Relation r = session.catalog().relation(DdlChanges.emptyToNull(rel.str("schemaname")), rel.str("relname"));
        return r == null ? null : r.column(column);
    }

    /** An expression over the table's columns (ALTER COLUMN … TYPE … USING), rewritten as a query's is. */
    private String typedExpression(Node rel, Node e) {
        Node target = Node.of("ResTarget").set("val", e);
        Node select = Node.of("SelectStmt").set("targetList", new ArrayList<>(List.of(target)))
                .set("fromClause", new ArrayList<>(List.of(asRangeVar(rel)))).set("op", "SETOP_NONE");
        new TypedRewrites(session).apply(select);
        return expr(select.list("targetList").get(0).node("val"));
    }

    /** The statement's relation (a field of no node type of its own) as a FROM item. */
    private static Node asRangeVar(Node rel) {
        Node range = Node.of("RangeVar");
        for (var f : rel.copy().fields().entrySet()) range.set(f.getKey(), f.getValue());
        return range;
    }

    private String expr(Node e) {
        SqlWriter w = new SqlWriter();
        new Emitter(w, em.types).expr(e);
        return w.toString();
    }

    private static String identList(List<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String n : names) quoted.add(SqlWriter.quoteIdent(n));
        return String.join(", ", quoted);
    }
}
