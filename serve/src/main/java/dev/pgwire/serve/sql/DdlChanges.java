package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;
import dev.pgwire.serve.sql.Emitter.Untranslatable;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes DuckDB SQL for PostgreSQL statements that change or remove what exists: DROP, ALTER
 * TABLE, renames, TRUNCATE, COMMENT ON, ALTER SEQUENCE. These consult the catalog for what
 * PostgreSQL keeps implicitly — the sequences a table's serial columns own go with it, TRUNCATE …
 * RESTART IDENTITY restarts them, a column's comment lives beside its recorded type.
 */
public final class DdlChanges {
    private final Emitter em;
    private final SessionContext session;
    private final List<String> script = new ArrayList<>();
    private final ReferencingKeys keys;

    DdlChanges(Emitter em, SessionContext session) {
        this.em = em;
        this.session = session;
        this.keys = new ReferencingKeys(session, script);
    }

    static boolean handles(Node stmt) {
        return switch (stmt.type()) {
            case "DropStmt", "AlterTableStmt", "RenameStmt", "TruncateStmt", "CommentStmt", "AlterSeqStmt", "RefreshMatViewStmt",
                 "AlterDomainStmt", "AlterEnumStmt" -> true;
            default -> false;
        };
    }

    /** The DuckDB script; empty when PostgreSQL would do nothing (DROP … IF EXISTS of nothing, say). */
    String write(Node stmt) {
        switch (stmt.type()) {
            case "DropStmt" -> drop(stmt);
            case "AlterTableStmt" -> alterTable(stmt);
            case "RenameStmt" -> rename(stmt);
            case "TruncateStmt" -> truncate(stmt);
            case "RefreshMatViewStmt" -> refresh(stmt);
            case "CommentStmt" -> comment(stmt);
            case "AlterSeqStmt" -> alterSequence(stmt);
            // the domain's checks are in its columns' table definitions, which DuckDB cannot change
            // written when it runs, from the type's columns and indexes then (EnumAlter)
            case "AlterEnumStmt" -> { }
            case "AlterDomainStmt" -> throw DdlEmitter.unsupported("ALTER DOMAIN")
                    .withHint("Drop the domain (with its columns) and create it again.");
            default -> throw new Untranslatable(stmt.type());
        }
        return String.join(";\n", script);
    }

    // ---------------------------------------------------------------- DROP

    private void drop(Node s) {
        String type = s.str("removeType");
        boolean ifExists = s.bool("missing_ok");
        boolean cascade = s.str("behavior").equals("DROP_CASCADE");
        String keyword = switch (type) {
            case "OBJECT_TABLE" -> "TABLE";
            case "OBJECT_VIEW" -> "VIEW";
            case "OBJECT_INDEX" -> "INDEX";
            case "OBJECT_SEQUENCE" -> "SEQUENCE";
            case "OBJECT_SCHEMA" -> "SCHEMA";
            case "OBJECT_TYPE", "OBJECT_DOMAIN" -> "TYPE";
            case "OBJECT_MATVIEW" -> "TABLE";
            case "OBJECT_FUNCTION" -> "MACRO";
            default -> throw DdlEmitter.unsupported("DROP " + Classifier.objectName(type));
        };
        if (!ifExists && (type.equals("OBJECT_TABLE") || type.equals("OBJECT_VIEW") || type.equals("OBJECT_MATVIEW"))) {
            // the statement drops all or nothing: every object is looked for before the first goes
            for (Node object : s.list("objects")) {
                List<String> name = objectName(object, type);
                if (relation(name) == null) {
                    throw new PgException(SqlState.UNDEFINED_TABLE, (type.equals("OBJECT_TABLE") ? "table" : type.equals("OBJECT_VIEW")
                            ? "view" : "materialized view") + " \"" + name.get(name.size() - 1) + "\" does not exist");
                }
            }
        }
        if (type.equals("OBJECT_TABLE") || type.equals("OBJECT_MATVIEW")) {
            for (Node object : s.list("objects")) wrongKind(objectName(object, type), type);
        }
        if (type.equals("OBJECT_TABLE") || type.equals("OBJECT_VIEW") || type.equals("OBJECT_MATVIEW")) dependentViews(s, type, cascade);
        List<Relation> dropped = new ArrayList<>();
        if (type.equals("OBJECT_TABLE")) {
            for (Node object : s.list("objects")) {
                Relation r = relation(objectName(object, type));
                if (r != null && !r.view()) dropped.add(r);
            }
            keys.dropReferencing(dropped, cascade);
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        for (Node object : s.list("objects")) {
            List<String> name = objectName(object, type);
            String qualified = dotted(name);
            if (!named.add(qualified)) continue; // named twice: dropped once, as in PostgreSQL
            if (type.equals("OBJECT_DOMAIN") || type.equals("OBJECT_TYPE")) typeColumns(name, cascade);
            List<String> owned = type.equals("OBJECT_TABLE") ? ownedSequences(name) : List.of();
            script.add("DROP " + keyword + (ifExists ? " IF EXISTS " : " ") + qualified + (cascade ? " CASCADE" : ""));
            for (String seq : owned) script.add("DROP SEQUENCE IF EXISTS " + seq);
            if (type.equals("OBJECT_SCHEMA")) {
                script.add("DELETE FROM pgwire.schema_comments WHERE name = " + SqlWriter.quoteLiteral(name.get(name.size() - 1)));
            }
        }
    }

    /** serve keeps a materialized view as a table: each DROP takes only its own kind (42809). */
    private void wrongKind(List<String> name, String type) {
        Relation r = relation(name);
        boolean matView = r != null && !r.view() && r.meta().matView() != null;
        if (r != null && !r.view() && matView != type.equals("OBJECT_MATVIEW")) {
            throw new PgException("42809", "\"" + name.get(name.size() - 1) + "\" is not a "
                    + (matView ? "table" : "materialized view"))
                    .withHint("Use DROP " + (matView ? "MATERIALIZED VIEW" : "TABLE") + " to remove a "
                            + (matView ? "materialized view" : "table") + ".");
        }
    }

    /** The views reading the relations dropped: refused without CASCADE, dropped first with it. */
    private void dependentViews(Node s, String type, boolean cascade) {
        List<ViewDependents.Dependent> dependents = ViewDependents.ofDrop(s, session.catalog());
        if (dependents.isEmpty()) return;
        if (!cascade) {
            String what = null;
            if (s.list("objects").size() == 1) {
                List<String> name = objectName(s.list("objects").get(0), type);
                Relation r = relation(name);
                what = ViewDependents.kind(r) + " " + name.get(name.size() - 1);
            }
            throw ViewDependents.refusal(what, dependents, session.catalog());
        }
        dropViews(dependents);
    }

    /**
     * DROP DOMAIN or DROP TYPE of a domain or composite type columns are declared with: refused
     * (2BP01) as PostgreSQL refuses it, or with CASCADE those columns are dropped first.
     */
    private void typeColumns(List<String> name, boolean cascade) {
        String typeSchema = name.size() > 1 ? name.get(name.size() - 2) : null;
        DomainMeta d = session.catalog().domain(typeSchema, name.get(name.size() - 1));
        CompositeMeta composite = d != null ? null : session.catalog().composite(typeSchema, name.get(name.size() - 1));
        if (d == null && composite == null) return;
        String typeName = d != null ? d.name() : composite.name();
        List<String[]> columns = d != null ? session.catalog().domainColumns(d.schema(), d.name())
                : session.catalog().compositeColumns(composite.schema(), composite.name());
        if (columns.isEmpty()) return;
        if (!cascade) {
            StringBuilder detail = new StringBuilder();
            for (String[] c : columns) {
                if (detail.length() > 0) detail.append('\n');
                detail.append("column ").append(c[2]).append(" of table ").append(c[1]).append(" depends on type ").append(typeName);
            }
            throw new PgException("2BP01", "cannot drop type " + typeName + " because other objects depend on it")
                    .withDetail(detail.toString()).withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        for (String[] c : columns) {
            String schema = c[0].equals("pg_temp") ? "temp.main" : SqlWriter.quoteIdent(c[0]);
            script.add("ALTER TABLE " + schema + "." + SqlWriter.quoteIdent(c[1]) + " DROP COLUMN "
                    + SqlWriter.quoteIdent(c[2]));
        }
    }

    /** A domain's checks cannot be given to an existing table's column (DuckDB adds no CHECK there): refused, not ignored. */
    private void refuseDomain(Node typeName, String what) {
        if (Domains.lookup(typeName, session.catalog()) != null) {
            throw DdlEmitter.unsupported(what).withDetail("A column gets a domain's checks when its table is created.");
        }
    }

    /** The sequences serial and identity columns of a table own (dropped with it, as in PostgreSQL). */
    private List<String> ownedSequences(List<String> name) {
        Relation r = relation(name);
        List<String> seqs = new ArrayList<>();
        if (r == null) return seqs;
        for (ColumnInfo c : r.columns()) {
            if (c.sequence() != null) seqs.add(quoteQualified(c.sequence()));
        }
        return seqs;
    }

    static List<String> objectName(Node object, String type) {
        if (object.is("List")) return stringsOf(object.list("items"));
        if (object.is("String")) return List.of(object.str("sval"));
        if (object.is("TypeName")) return object.names("names");
        if (object.is("ObjectWithArgs")) return object.names("objname");
        throw new Untranslatable("DROP " + type + " of " + object.type());
    }

    private static List<String> stringsOf(List<Node> items) {
        List<String> out = new ArrayList<>();
        for (Node n : items) out.add(n.str("sval"));
        return out;
    }

    // ---------------------------------------------------------------- ALTER TABLE

    /** The relation the ALTER TABLE being written acts on. */
    private Node currentRelation;
    /** Whether the ALTER TABLE being written says IF EXISTS. */
    private boolean ifExists;
    /** What serve keeps of that table as the ALTER TABLE's commands so far leave it (null: unchanged). */
    private TableMeta alteredMeta;

    private TableMeta meta(Relation r) {
        return alteredMeta != null ? alteredMeta : r.meta();
    }

    private void alterTable(Node s) {
        Node rel = s.node("relation");
        currentRelation = rel;
        ifExists = s.bool("missing_ok");
        String objtype = s.str("objtype");
        if (!objtype.equals("OBJECT_TABLE")) throw DdlEmitter.unsupported("ALTER " + Classifier.objectName(objtype));
        String target = "ALTER TABLE " + (s.bool("missing_ok") ? "IF EXISTS " : "") + relationText(rel);
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
                }
                case "AT_ColumnDefault" -> columnDefault(target, rel, column, cmd.node("def"));
                case "AT_SetNotNull" -> script.add(target + " ALTER COLUMN " + SqlWriter.quoteIdent(column) + " SET NOT NULL");
                case "AT_DropNotNull" -> script.add(target + " ALTER COLUMN " + SqlWriter.quoteIdent(column) + " DROP NOT NULL");
                case "AT_AlterColumnType" -> {
                    columnViews(rel, column, false, false);
                    alterType(target, rel, cmd);
                }
                case "AT_AddConstraint" -> addConstraint(target, cmd.node("def"));
                case "AT_DropConstraint" -> dropConstraint(cmd);
                case "AT_SetIdentity" -> {
                    if (relation(rel) != null || !s.bool("missing_ok")) {
                        script.addAll(IdentityAlter.write(cmd, relation(rel), rel.str("relname"), relationText(rel)));
                    }
                }
                case "AT_AddIdentity" -> script.addAll(IdentityAlter.add(cmd, relation(rel), rel.str("relname"), relationText(rel)));
                case "AT_ChangeOwner" -> changeOwner(cmd.node("newowner"));
                case "AT_DisableTrigAll", "AT_EnableTrigAll" -> triggers(rel, subtype.equals("AT_DisableTrigAll"));
                case "AT_DisableTrigUser", "AT_EnableTrigUser" -> {
                    // the table's own triggers: serve has none to turn off or on
                }
                case "AT_DisableTrig", "AT_EnableTrig", "AT_EnableAlwaysTrig", "AT_EnableReplicaTrig" ->
                        throw new PgException(SqlState.UNDEFINED_OBJECT, "trigger \"" + column + "\" for table \"" + rel.str("relname")
                                + "\" does not exist");
                case "AT_SetRelOptions", "AT_ResetRelOptions", "AT_SetStatistics", "AT_ClusterOn",
                     "AT_DropCluster", "AT_SetLogged", "AT_SetUnLogged", "AT_EnableRowSecurity", "AT_DisableRowSecurity" -> {
                    // storage and ownership details that change no answer here
                }
                default -> throw DdlEmitter.unsupported("ALTER TABLE " + subtype.substring(3).replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase());
            }
        }
        if (alteredMeta != null) {
            script.add("COMMENT ON TABLE " + relationText(rel) + " IS " + SqlWriter.quoteLiteral(alteredMeta.write()));
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
        dropViews(views);
    }

    /** DROP … CASCADE: the dependent views go first, each before the one it reads. */
    private void dropViews(List<ViewDependents.Dependent> views) {
        for (int i = views.size() - 1; i >= 0; i--) {
            ViewDependents.Dependent v = views.get(i);
            // a materialized view is a table of DuckDB's
            script.add("DROP " + (v.materialized() ? "TABLE" : "VIEW") + " IF EXISTS " + SqlWriter.quoteIdent(v.schema()) + "."
                    + SqlWriter.quoteIdent(v.name()));
        }
    }

    /** A dropped column takes the table's constraints and foreign keys on it along, as in PostgreSQL. */
    private void dropColumnKeys(Node rel, String column) {
        Relation r = session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
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
                    if (!ArrayDefaults.write(e, c.node("raw_expr"), typeName)) e.expr(c.node("raw_expr"));
                    sb.append(" DEFAULT ").append(w);
                    pgDefault = defaultText(c.node("raw_expr"), pg);
                }
                default -> { }
            }
        }
        script.add(sb.toString());
        script.add("COMMENT ON COLUMN " + relationText(rel) + "." + SqlWriter.quoteIdent(def.str("colname")) + " IS "
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
        script.add("COMMENT ON COLUMN " + relationText(rel) + "." + SqlWriter.quoteIdent(column) + " IS "
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
        if (def == null) {
            script.add(alter + " DROP DEFAULT");
        } else {
            SqlWriter w = new SqlWriter();
            Emitter e = new Emitter(w, em.types);
            Node named = def.copy();
            SequenceCalls.nameArguments(named);
            if (c == null || c.domain() != null || !ArrayDefaults.write(e, def, c.duckDbType(), c.pgType())) e.expr(named);
            script.add(alter + " SET DEFAULT " + w);
        }
        if (c == null || c.sequence() != null || c.pgType() == null) return; // a serial's default is its sequence's
        String pgDefault = def == null ? null : defaultText(def, c.pgType());
        script.add("COMMENT ON COLUMN " + relationText(rel) + "." + SqlWriter.quoteIdent(column) + " IS "
                + SqlWriter.quoteLiteral(ColumnMeta.write(c.pgType(), null, c.identity(), c.description(), pgDefault, c.domain())));
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
        StringBuilder sb = new StringBuilder(target).append(" ALTER COLUMN ").append(SqlWriter.quoteIdent(column))
                .append(" TYPE ").append(em.types.duckDbType(typeName));
        if (def.node("raw_default") != null) sb.append(" USING ").append(expr(def.node("raw_default")));
        script.add(sb.toString());
        ColumnInfo old = column(rel, column);
        script.add("COMMENT ON COLUMN " + relationText(rel) + "." + SqlWriter.quoteIdent(column) + " IS "
                + SqlWriter.quoteLiteral(ColumnMeta.write(PgTypeName.of(typeName), old == null ? null : old.sequence(),
                old == null ? "" : old.identity(), null)));
    }

    private void addConstraint(String target, Node c) {
        switch (c.str("contype")) {
            case "CONSTR_PRIMARY" -> {
                script.add(target + " ADD PRIMARY KEY (" + identList(c.names("keys")) + ")");
                Relation r = session.catalog().relation(emptyToNull(currentRelation.str("schemaname")), currentRelation.str("relname"));
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
        Relation r = session.catalog().relation(emptyToNull(currentRelation.str("schemaname")), currentRelation.str("relname"));
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
        script.add("CREATE UNIQUE INDEX " + SqlWriter.quoteIdent(name) + " ON " + relationText(currentRelation) + " (" + identList(keys) + ")");
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
        Relation r = session.catalog().relation(emptyToNull(currentRelation.str("schemaname")), currentRelation.str("relname"));
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
        Relation r = session.catalog().relation(emptyToNull(currentRelation.str("schemaname")), currentRelation.str("relname"));
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
            script.add("ALTER TABLE " + relationText(currentRelation) + " DROP CONSTRAINT " + SqlWriter.quoteIdent(name));
            alteredMeta = meta(r).withoutConstraint(name);
            return;
        }
        String schema = emptyToNull(currentRelation.str("schemaname"));
        script.add("DROP INDEX " + (schema == null ? "" : SqlWriter.quoteIdent(schema) + ".") + SqlWriter.quoteIdent(name));
        alteredMeta = meta(r).withoutConstraint(name);
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

    // ---------------------------------------------------------------- renames, TRUNCATE, COMMENT, sequences

    private void rename(Node s) {
        String type = s.str("renameType");
        Node rel = s.node("relation");
        String newName = SqlWriter.quoteIdent(s.str("newname"));
        String ifExists = s.bool("missing_ok") ? "IF EXISTS " : "";
        switch (type) {
            case "OBJECT_TABLE" -> {
                script.add("ALTER TABLE " + ifExists + relationText(rel) + " RENAME TO " + newName);
                keys.renamed(relation(rel), s.str("newname"), null, null);
            }
            case "OBJECT_VIEW" -> script.add("ALTER VIEW " + ifExists + relationText(rel) + " RENAME TO " + newName);
            case "OBJECT_INDEX" -> { } // written when it runs, from the index as it is then (IndexRename)
            case "OBJECT_COLUMN" -> {
                script.add("ALTER TABLE " + ifExists + relationText(rel) + " RENAME COLUMN "
                        + SqlWriter.quoteIdent(s.str("subname")) + " TO " + newName);
                keys.renamed(relation(rel), null, s.str("subname"), s.str("newname"));
            }
            case "OBJECT_TABCONSTRAINT" -> {
                Relation r = relation(rel);
                if (r == null && s.bool("missing_ok")) return; // ALTER TABLE IF EXISTS of no table: nothing to do
                String schema = r == null || r.schema().equals("pg_temp") ? null : r.schema();
                script.addAll(ConstraintRename.write(r, rel.str("relname"), relationText(rel), s.str("subname"), s.str("newname"),
                        name -> session.catalog().relation(schema, name) != null));
            }
            default -> throw DdlEmitter.unsupported("ALTER " + Classifier.objectName(type) + " … RENAME");
        }
    }

    /**
     * REFRESH MATERIALIZED VIEW: the table that holds it emptied and filled again from its query,
     * in one transaction (CONCURRENTLY does the same: readers see the old rows until it commits).
     * WITH NO DATA empties it and marks it not populated, so that reading it fails until a REFRESH.
     */
    private void refresh(Node s) {
        Node rel = s.node("relation");
        Relation r = session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
        if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + rel.str("relname") + "\" does not exist");
        TableMeta.MatView mv = r.view() ? null : r.meta().matView();
        if (mv == null) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "\"" + rel.str("relname") + "\" is not a materialized view");
        boolean populate = !s.bool("skipData");
        if (s.bool("concurrent") && !mv.populated()) {
            throw new PgException("0A000", "CONCURRENTLY cannot be used when the materialized view is not populated");
        }
        if (!populate && s.bool("concurrent")) {
            throw new PgException(SqlState.SYNTAX_ERROR, "REFRESH options CONCURRENTLY and WITH NO DATA cannot be used together");
        }
        script.add("DELETE FROM " + relationText(rel));
        if (populate) script.add("INSERT INTO " + relationText(rel) + " " + mv.query());
        if (populate != mv.populated()) {
            script.add("COMMENT ON TABLE " + relationText(rel) + " IS " + SqlWriter.quoteLiteral(r.meta().withPopulated(populate).write()));
        }
    }

    private void truncate(Node s) {
        List<Relation> tables = new ArrayList<>();
        for (Node rel : s.list("relations")) {
            Relation r = session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
            if (r != null && !r.view()) tables.add(r);
        }
        for (Relation r : keys.truncatedWith(tables, s.str("behavior").equals("DROP_CASCADE"))) {
            script.add("DELETE FROM " + SqlNames.table(r.schema(), r.name()));
        }
        for (Node rel : s.list("relations")) {
            refuseMatView(rel);
            script.add("DELETE FROM " + relationText(rel));
            if (!s.bool("restart_seqs")) continue;
            Relation r = session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
            if (r == null) continue;
            for (ColumnInfo c : r.columns()) {
                if (c.sequence() != null) {
                    script.add("SELECT setval(" + SqlWriter.quoteLiteral(c.sequence()) + ", (SELECT start_value FROM duckdb_sequences()"
                            + " WHERE sequence_name = " + SqlWriter.quoteLiteral(last(c.sequence())) + " LIMIT 1), false)");
                }
            }
        }
    }

    /** A materialized view changes only by REFRESH (PostgreSQL's 42809). */
    private void refuseMatView(Node rel) {
        Relation r = session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
        if (r != null && !r.view() && r.meta().matView() != null) {
            throw new PgException("42809", "\"" + rel.str("relname") + "\" is not a table");
        }
    }

    private void comment(Node s) {
        String type = s.str("objtype");
        Node object = s.node("object");
        String text = s.has("comment") ? s.str("comment") : null;
        switch (type) {
            case "OBJECT_COLUMN" -> {
                List<String> name = stringsOf(object.list("items"));
                List<String> table = name.subList(0, name.size() - 1);
                String column = name.get(name.size() - 1);
                Relation r = relation(table);
                if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", table) + "\" does not exist");
                ColumnInfo c = r.column(column);
                if (c == null) {
                    throw new PgException(SqlState.UNDEFINED_COLUMN,
                            "column \"" + column + "\" of relation \"" + r.name() + "\" does not exist");
                }
                script.add("COMMENT ON COLUMN " + dotted(table) + "." + SqlWriter.quoteIdent(column) + " IS "
                        + SqlWriter.quoteLiteral(ColumnMeta.write(c.pgType(), c.sequence(), c.identity(), text, c.pgDefault(), c.domain())));
            }
            case "OBJECT_SCHEMA" -> {
                // kept in pgwire.schema_comments: DuckDB keeps no comment on a schema
                String schema = object.str("sval");
                if (schema.equals("public")) throw DdlEmitter.unsupported("COMMENT ON SCHEMA public");
                String literal = SqlWriter.quoteLiteral(schema);
                script.add("SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM duckdb_schemas() WHERE database_name = current_database()"
                        + " AND schema_name = " + literal + ") THEN error(" + SqlWriter.quoteLiteral("[pgwire:3F000] schema \""
                        + schema.replace("'", "''") + "\" does not exist") + ") END");
                script.add("DELETE FROM pgwire.schema_comments WHERE name = " + literal);
                if (text != null) script.add("INSERT INTO pgwire.schema_comments VALUES (" + literal + ", " + SqlWriter.quoteLiteral(text) + ")");
            }
            case "OBJECT_TYPE" -> {
                // a composite type keeps its attributes in its comment; an enum's comment is the text itself
                List<String> name = object.names("names");
                String typeSchema = name.size() > 1 ? name.get(name.size() - 2) : null;
                CompositeMeta c = session.catalog().composite(typeSchema, name.get(name.size() - 1));
                DomainMeta d = c != null ? null : session.catalog().domain(typeSchema, name.get(name.size() - 1));
                if (c != null) {
                    script.add("COMMENT ON TYPE " + SqlWriter.quoteIdent(c.schema()) + "." + SqlWriter.quoteIdent(c.name()) + " IS "
                            + SqlWriter.quoteLiteral(c.withDescription(text).write()));
                } else if (d != null) {
                    script.add("COMMENT ON TYPE " + SqlWriter.quoteIdent(d.schema()) + "." + SqlWriter.quoteIdent(d.name()) + " IS "
                            + SqlWriter.quoteLiteral(d.withDescription(text).write()));
                } else {
                    script.add("COMMENT ON TYPE " + dotted(name) + " IS " + (text == null ? "NULL" : SqlWriter.quoteLiteral(text)));
                }
            }
            case "OBJECT_DOMAIN" -> {
                List<String> name = object.names("names");
                DomainMeta d = session.catalog().domain(name.size() > 1 ? name.get(name.size() - 2) : null, name.get(name.size() - 1));
                if (d == null) throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", name) + "\" does not exist");
                script.add("COMMENT ON TYPE " + SqlWriter.quoteIdent(d.schema()) + "." + SqlWriter.quoteIdent(d.name()) + " IS "
                        + SqlWriter.quoteLiteral(d.withDescription(text).write()));
            }
            case "OBJECT_TABLE", "OBJECT_MATVIEW" -> { // a materialized view is a table here
                List<String> name = stringsOf(object.list("items"));
                Relation r = relation(name);
                if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", name) + "\" does not exist");
                if (r.view()) throw new PgException("42809", "\"" + r.name() + "\" is not a " + (type.equals("OBJECT_TABLE") ? "table" : "materialized view"));
                script.add("COMMENT ON TABLE " + dotted(name) + " IS " + SqlWriter.quoteLiteral(r.meta().withDescription(text).write()));
            }
            case "OBJECT_VIEW", "OBJECT_SEQUENCE", "OBJECT_INDEX" -> {
                List<String> name = stringsOf(object.list("items"));
                Relation view = type.equals("OBJECT_VIEW") ? relation(name) : null;
                if (view != null && !view.view() && !view.schema().startsWith("pg_temp")) {
                    throw new PgException("42809", "\"" + view.name() + "\" is not a view");
                }
                if (view != null && view.view() && view.comment() != null) {
                    // the view's comment holds its query and column types as PostgreSQL shows them: the description joins them
                    script.add("COMMENT ON VIEW " + dotted(name) + " IS "
                            + SqlWriter.quoteLiteral(ObjectMeta.read(view.comment()).withDescription(text).write()));
                    return;
                }
                script.add("COMMENT ON " + Classifier.objectName(type) + " " + dotted(name) + " IS "
                        + (text == null ? "NULL" : SqlWriter.quoteLiteral(text)));
            }
            default -> throw DdlEmitter.unsupported("COMMENT ON " + Classifier.objectName(type));
        }
    }

    /**
     * ALTER SEQUENCE … OWNED BY table.column (as pg_dump writes every serial): the column draws from
     * the sequence as a serial's does — pg_get_serial_sequence names it, \d shows its default as
     * PostgreSQL does, and DROP TABLE drops it. OWNED BY NONE is refused (0A000).
     */
    private void ownedBy(Node sequence, List<String> owner) {
        if (owner.size() == 1 && owner.get(0).equals("none")) {
            // the column that owns it is not looked up, and DROP TABLE would still drop it
            throw DdlEmitter.unsupported("ALTER SEQUENCE … OWNED BY NONE");
        }
        if (owner.size() < 2) throw new PgException(SqlState.SYNTAX_ERROR, "invalid OWNED BY option");
        List<String> table = owner.subList(0, owner.size() - 1);
        String column = owner.get(owner.size() - 1);
        Relation r = relation(table);
        if (r == null || r.view()) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", table) + "\" does not exist");
        }
        ColumnInfo c = r.column(column);
        if (c == null) {
            throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + r.name() + "\" does not exist");
        }
        String sequenceSchema = emptyToNull(sequence.str("schemaname"));
        if (sequenceSchema != null && !sequenceSchema.equals(r.schema())) {
            throw new PgException("55000", "sequence must be in same schema as table it is linked to");
        }
        if (c.identity() != null && !c.identity().isEmpty()) return; // an identity column has its own sequence
        script.add("COMMENT ON COLUMN " + SqlNames.table(r.schema(), r.name()) + "." + SqlWriter.quoteIdent(column) + " IS "
                + SqlWriter.quoteLiteral(ColumnMeta.write(c.pgType(), sequence.str("relname"), c.identity(), c.description(),
                        c.pgDefault(), c.domain())));
    }

    private void alterSequence(Node s) {
        Node rel = s.node("sequence");
        String name = SqlWriter.quoteLiteral(relationPlain(rel));
        for (Node o : s.list("options")) {
            switch (o.str("defname")) {
                case "restart" -> {
                    Node arg = o.node("arg");
                    if (arg == null) {
                        script.add("SELECT setval(" + name + ", (SELECT start_value FROM duckdb_sequences() WHERE sequence_name = "
                                + SqlWriter.quoteLiteral(rel.str("relname")) + " LIMIT 1), false)");
                    } else {
                        script.add("SELECT setval(" + name + ", " + arg.num("ival") + ", false)");
                    }
                }
                case "owned_by" -> ownedBy(rel, stringsOf(o.node("arg").list("items")));
                case "cache" -> { }
                default -> throw DdlEmitter.unsupported("ALTER SEQUENCE … " + o.str("defname").toUpperCase());
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private Relation relation(List<String> name) {
        String schema = name.size() > 1 ? name.get(name.size() - 2) : null;
        return session.catalog().relation(schema, name.get(name.size() - 1));
    }

    private Relation relation(Node rel) {
        return session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
    }

    private ColumnInfo column(Node rel, String column) {
        Relation r = session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
        return r == null ? null : r.column(column);
    }

    private String expr(Node e) {
        SqlWriter w = new SqlWriter();
        new Emitter(w, em.types).expr(e);
        return w.toString();
    }

    private static String relationText(Node rel) {
        StringBuilder sb = new StringBuilder();
        if (!rel.str("schemaname").isEmpty()) sb.append(SqlWriter.quoteIdent(rel.str("schemaname"))).append('.');
        return sb.append(SqlWriter.quoteIdent(rel.str("relname"))).toString();
    }

    private static String relationPlain(Node rel) {
        return (rel.str("schemaname").isEmpty() ? "" : rel.str("schemaname") + ".") + rel.str("relname");
    }

    private static String dotted(List<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String n : names) quoted.add(SqlWriter.quoteIdent(n));
        return String.join(".", quoted);
    }

    private static String identList(List<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String n : names) quoted.add(SqlWriter.quoteIdent(n));
        return String.join(", ", quoted);
    }

    private static String quoteQualified(String dottedName) {
        return dotted(List.of(dottedName.split("\\.")));
    }

    private static String last(String dottedName) {
        int dot = dottedName.lastIndexOf('.');
        return dot < 0 ? dottedName : dottedName.substring(dot + 1);
    }

    /** A parse tree's empty string field (no schema written, say) as null. */
    static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
