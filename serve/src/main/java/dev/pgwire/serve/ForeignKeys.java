package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.Relation;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.SqlNames;
import dev.pgwire.serve.sql.TableMeta;
import dev.pgwire.serve.sql.Translation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The foreign keys serve enforces itself (DuckDB is not told of them: see
 * {@code ForeignKeyDefinitions}), with PostgreSQL's rules: when a statement that changes a table
 * with such keys has run, the referential actions of the keys referencing the rows it removed or
 * changed run (CASCADE, SET NULL, SET DEFAULT, and on through the tables they change), then every
 * key the changes could break is checked — at once, or at commit for a deferred key.
 *
 * <p>Checks and actions find the rows to act on as the rows that reference nothing: there are
 * none before the statement (every statement is checked), so the ones there after it are the ones
 * it made. A check reads the whole referencing table (DuckDB joins it with the referenced one);
 * an UPDATE that sets none of a key's columns does not check or act on it.
 */
final class ForeignKeys {
    /** How many tables one statement's actions may go on to (a cycle of cascades ends well before). */
    private static final int MAX_STEPS = 10_000;

    private final DuckDbStatementRunner runner;
    private final SessionCatalog catalog;
    /** Keeps what an action ran, for ROLLBACK TO SAVEPOINT to run it again. */
    private final Consumer<String> actionRan;

    /** SET CONSTRAINTS ALL of the transaction: null when not given. */
    private Boolean allDeferred;
    /** SET CONSTRAINTS name … of the transaction. */
    private final Map<String, Boolean> deferredByName = new HashMap<>();
    /** The deferred checks of the transaction, to run at commit. */
    private final Map<String, Check> pending = new LinkedHashMap<>();

    ForeignKeys(DuckDbStatementRunner runner, SessionCatalog catalog, Consumer<String> actionRan) {
        this.runner = runner;
        this.catalog = catalog;
        this.actionRan = actionRan;
    }

    /** A change a statement made to a table: which kind, and which columns an UPDATE set (null: any). */
    record Change(Relation table, char kind, Set<String> columns) {
    }

    /** A key between two tables, and the side its check speaks for (the referencing table's change or the referenced one's). */
    private record Check(Relation child, TableMeta.Constraint key, Relation parent, boolean childSide, Inserted inserted) {
        Check(Relation child, TableMeta.Constraint key, Relation parent, boolean childSide) {
            this(child, key, parent, childSide, null);
        }
    }

    /**
     * The statement's own INSERT … VALUES and its parameters ($n → value, as bound): the keys of
     * the rows it gave are checked alone, rather than every row of the table.
     */
    record Inserted(Node stmt, java.util.function.IntFunction<Object> parameter) {
    }

    /**
     * The changes statement {@code t} makes that keys serve enforces could be broken by, or null
     * when there are none (no such key on or to the tables it changes): such a statement runs as
     * before, with nothing more to do. The changes are the statement's own, then those of every
     * INSERT, UPDATE and DELETE in its WITH clause (data-modifying CTEs, and theirs in turn), which
     * PostgreSQL checks and acts on at the end of the statement as it does the statement's own.
     * EXPLAIN ANALYZE and CREATE TABLE AS make the changes of the query they run.
     */
    List<Change> changes(Translation t) {
        Node tree = t.tree();
        if (tree == null) return null;
        Node run = executed(tree);
        if (run == null) return null;
        List<Change> out = new ArrayList<>();
        own(run, out);
        withChanges(run, out);
        for (Change c : out) {
            if (!keysOf(c.table()).isEmpty() || !referencing(c.table()).isEmpty()) return out;
        }
        return null;
    }

    /**
     * The statement that runs for {@code tree}: itself, or the query EXPLAIN ANALYZE or CREATE
     * TABLE AS runs (null for an EXPLAIN that runs nothing).
     */
    private static Node executed(Node tree) {
        switch (tree.type()) {
            case "ExplainStmt" -> {
                return dev.pgwire.serve.sql.Explain.analyzes(tree) ? tree.node("query") : null;
            }
            case "CreateTableAsStmt" -> {
                return tree.node("query");
            }
            default -> {
                return tree;
            }
        }
    }

    /** The changes of an INSERT, UPDATE, DELETE, MERGE or COPY FROM itself (none for anything else). */
    private void own(Node stmt, List<Change> out) {
        switch (stmt.type()) {
            case "InsertStmt" -> {
                Relation r = relation(stmt.node("relation"));
                if (r == null) return;
                out.add(new Change(r, 'i', null));
                Node conflict = stmt.node("onConflictClause");
                if (conflict != null && conflict.str("action").equals("ONCONFLICT_UPDATE")) {
                    out.add(new Change(r, 'u', targetColumns(conflict.list("targetList"))));
                }
            }
            case "UpdateStmt" -> {
                Relation r = relation(stmt.node("relation"));
                if (r != null) out.add(new Change(r, 'u', targetColumns(stmt.list("targetList"))));
            }
            case "DeleteStmt" -> {
                Relation r = relation(stmt.node("relation"));
                if (r != null) out.add(new Change(r, 'd', null));
            }
            case "MergeStmt" -> {
                Relation r = relation(stmt.node("relation"));
                if (r == null) return;
                out.add(new Change(r, 'i', null));
                out.add(new Change(r, 'u', null));
                out.add(new Change(r, 'd', null));
            }
            case "CopyStmt" -> {
                if (!stmt.bool("is_from") || stmt.node("relation") == null) return;
                Relation r = relation(stmt.node("relation"));
                if (r != null) out.add(new Change(r, 'i', null));
            }
            default -> {
            }
        }
    }

    /**
     * The changes of the data-modifying statements in the WITH clause of {@code stmt} (of the query
     * of a COPY … TO), and of those in theirs. Elsewhere PostgreSQL and DuckDB refuse them (a WITH
     * clause with one must be at the top level).
     */
    private void withChanges(Node stmt, List<Change> out) {
        Node with = stmt.node("withClause");
        if (with == null && stmt.is("CopyStmt") && stmt.node("query") != null) {
            withChanges(stmt.node("query"), out);
            return;
        }
        if (with == null) return;
        for (Node cte : with.list("ctes")) {
            Node query = cte.node("ctequery");
            if (query == null) continue;
            own(query, out);
            withChanges(query, out);
        }
    }

    /**
     * ALTER TABLE … ADD FOREIGN KEY: the rows already in the table are checked against the new key
     * (unless NOT VALID), as PostgreSQL does when it adds one, and against a key VALIDATE CONSTRAINT
     * names. Null when the statement adds or validates none.
     */
    List<String> addedKeys(Translation t) {
        Node tree = t.tree();
        if (tree == null || !tree.is("AlterTableStmt")) return null;
        List<String> names = new ArrayList<>();
        for (Node cmd : tree.list("cmds")) {
            Node def = cmd.node("def");
            if (cmd.str("subtype").equals("AT_AddConstraint") && def != null && def.str("contype").equals("CONSTR_FOREIGN")
                    && def.bool("initially_valid")) {
                names.add(def.str("conname"));
            }
            // VALIDATE CONSTRAINT of a key added NOT VALID: its rows are checked now
            if (cmd.str("subtype").equals("AT_ValidateConstraint")) names.add(cmd.str("name"));
            // ADD COLUMN … REFERENCES: the column's default may already reference a row, or none
            if (cmd.str("subtype").equals("AT_AddColumn") && def != null) {
                for (Node c : def.list("constraints")) if (c.str("contype").equals("CONSTR_FOREIGN")) names.add(c.str("conname"));
            }
        }
        return names.isEmpty() ? null : names;
    }

    /** Checks the keys an ALTER TABLE added (those without a name: every key of the table made by it). */
    void validateAdded(Translation t, List<String> names) {
        catalog.forget();
        Relation r = relation(t.tree().node("relation"));
        if (r == null) return;
        for (TableMeta.Constraint k : keysOf(r)) {
            if (!k.rule().validated()) continue;
            if (names.contains(k.name()) || names.contains("")) {
                Relation parent = parentOf(k, r);
                if (parent != null) check(new Check(r, k, parent, true));
            }
        }
    }

    /**
     * After a statement made {@code changes}: the actions of the keys its changes reach, then the
     * checks — deferred to commit for a deferred key when {@code inBlock}.
     */
    void afterStatement(List<Change> changes, boolean inBlock) {
        afterStatement(changes, inBlock, null);
    }

    /** As {@link #afterStatement(List, boolean)}, for a statement that may be an INSERT … VALUES ({@code inserted}, or null). */
    void afterStatement(List<Change> changes, boolean inBlock, Inserted inserted) {
        Deque<Change> work = new ArrayDeque<>(changes);
        Map<String, Check> checks = new LinkedHashMap<>();
        int steps = 0;
        while (!work.isEmpty()) {
            if (++steps > MAX_STEPS) {
                throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "foreign key actions reached too many tables");
            }
            Change change = work.poll();
            Relation table = change.table();
            // a table whose triggers are disabled (DISABLE TRIGGER ALL): its keys neither check nor act
            if (table.meta().triggersDisabled()) continue;
            // as the referencing table: rows it gained or changed must reference something
            if (change.kind() != 'd') {
                // the VALUES rows alone are checked only when nothing else of the statement changed the table
                boolean values = inserted != null && changes.size() == 1 && change == changes.get(0) && change.kind() == 'i';
                for (TableMeta.Constraint k : keysOf(table)) {
                    if (!touches(change, k.columns())) continue;
                    Relation parent = parentOf(k, table);
                    if (parent != null) checks.putIfAbsent(id(table, k), new Check(table, k, parent, true, values ? inserted : null));
                }
            }
            // as the referenced table: rows it lost or whose key changed
            if (change.kind() == 'i') continue;
            for (Relation child : referencing(table)) {
                for (TableMeta.Constraint k : keysOf(child)) {
                    if (!references(k, table)) continue;
                    if (change.kind() == 'u' && !touches(change, k.referencedColumns())) continue;
                    String action = change.kind() == 'd' ? k.rule().onDelete() : k.rule().onUpdate();
                    Check check = new Check(child, k, table, false);
                    switch (action) {
                        case "c" -> {
                            if (change.kind() == 'u') {
                                if (violation(check) != null) {
                                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                                            "ON UPDATE CASCADE of a changed referenced key is not supported")
                                            .withDetail("Key of table \"" + table.name() + "\" referenced by foreign key constraint \""
                                                    + k.name() + "\" on table \"" + child.name() + "\" was changed.");
                                }
                            } else if (act("DELETE FROM " + name(child) + " AS " + CHILD + " WHERE " + orphan(check)) > 0) {
                                work.add(new Change(child, 'd', null));
                            }
                        }
                        case "n", "d" -> {
                            List<String> set = change.kind() == 'd' && !k.rule().setColumns().isEmpty()
                                    ? k.rule().setColumns() : k.columns();
                            StringBuilder sql = new StringBuilder("UPDATE ").append(name(child)).append(" AS ").append(CHILD).append(" SET ");
                            for (int i = 0; i < set.size(); i++) {
                                if (i > 0) sql.append(", ");
                                sql.append(SqlNames.quote(set.get(i))).append(action.equals("n") ? " = NULL" : " = DEFAULT");
                            }
                            if (act(sql.append(" WHERE ").append(orphan(check)).toString()) > 0) {
                                // a default that references nothing fails as the referenced row's removal, as in PostgreSQL
                                if (action.equals("d")) checks.putIfAbsent(id(child, k), check);
                                work.add(new Change(child, 'u', new HashSet<>(set)));
                            }
                        }
                        default -> checks.putIfAbsent(id(child, k) + "\u0000parent", check);
                    }
                }
            }
        }
        for (Check c : checks.values()) {
            boolean restrict = !c.childSide() && "r".equals(c.key().rule().onDelete());
            if (inBlock && !restrict && deferred(c.key())) {
                pending.putIfAbsent(id(c.child(), c.key()), c);
            } else {
                check(c);
            }
        }
    }

    /** At commit: the deferred checks. */
    void beforeCommit() {
        if (pending.isEmpty()) return;
        List<Check> due = new ArrayList<>(pending.values());
        pending.clear();
        catalog.forget();
        for (Check c : due) {
            Relation child = relationIn(c.child().schema(), c.child().name());
            if (child == null) continue; // dropped since
            TableMeta.Constraint k = child.meta().constraint(c.key().name());
            if (k == null || k.rule() == null) continue;
            Relation parent = parentOf(k, child);
            if (parent != null) check(new Check(child, k, parent, c.childSide()));
        }
    }

    /** The transaction ended: SET CONSTRAINTS and deferred checks end with it. */
    void transactionEnded() {
        allDeferred = null;
        deferredByName.clear();
        pending.clear();
    }

    /**
     * SET CONSTRAINTS {ALL | name, …} {DEFERRED | IMMEDIATE}. IMMEDIATE runs the checks waiting
     * for the named keys now. Names that are no foreign key serve enforces are refused (42704),
     * as are keys that are not deferrable (55000).
     */
    void setConstraints(Node stmt) {
        boolean deferred = stmt.bool("deferred");
        List<Node> names = stmt.list("constraints");
        if (names.isEmpty()) {
            allDeferred = deferred;
            deferredByName.clear();
        } else {
            for (Node n : names) {
                String name = n.str("relname");
                TableMeta.Constraint k = findKey(n.str("schemaname"), name);
                if (k == null) throw new PgException(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" does not exist");
                if (!k.rule().deferrable()) throw new PgException("42809", "constraint \"" + name + "\" is not deferrable");
                deferredByName.put(name, deferred);
            }
        }
        if (deferred) return;
        List<Check> now = new ArrayList<>();
        for (Map.Entry<String, Check> e : pending.entrySet()) {
            if (!deferred(e.getValue().key())) now.add(e.getValue());
        }
        for (Check c : now) {
            pending.remove(id(c.child(), c.key()));
            check(c);
        }
    }

    private TableMeta.Constraint findKey(String schema, String name) {
        String pattern = "%\"name\":" + SqlNames.jsonString(name) + "%";
        for (String table : runner.query("SELECT table_name FROM duckdb_tables() WHERE comment LIKE ?",
                ps -> ps.setString(1, pattern), rs -> rs.getString(1))) {
            Relation r = catalog.relation(schema == null || schema.isEmpty() ? null : schema, table);
            if (r == null) continue;
            TableMeta.Constraint k = r.meta().constraint(name);
            if (k != null && k.rule() != null) return k;
        }
        return null;
    }

    private boolean deferred(TableMeta.Constraint k) {
        if (!k.rule().deferrable()) return false;
        Boolean byName = deferredByName.get(k.name());
        if (byName != null) return byName;
        if (allDeferred != null) return allDeferred;
        return k.rule().deferred();
    }

    // ---------------------------------------------------------------- checks

    private static final String CHILD = "pgwire_child";
    private static final String PARENT = "pgwire_parent";

    /** Fails with PostgreSQL's 23503 when a row of the key's table references nothing. */
    private void check(Check c) {
        String[] row = c.inserted() == null ? NOT_APPLICABLE : insertedViolation(c);
        if (row == NOT_APPLICABLE) row = violation(c);
        if (row == null) return;
        TableMeta.Constraint k = c.key();
        boolean mixed = "true".equals(row[row.length - 1]);
        String values = String.join(", ", java.util.Arrays.asList(row).subList(0, row.length - 1));
        if (c.childSide() || mixed) {
            PgException e = new PgException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + c.child().name()
                    + "\" violates foreign key constraint \"" + k.name() + "\"");
            throw ConstraintErrors.fields(mixed ? e.withDetail("MATCH FULL does not allow mixing of null and nonnull key values.")
                    : e.withDetail("Key (" + String.join(", ", k.columns()) + ")=(" + values + ") is not present in table \""
                    + c.parent().name() + "\"."), c.child(), k.name());
        }
        throw ConstraintErrors.fields(new PgException(SqlState.FOREIGN_KEY_VIOLATION, "update or delete on table \"" + c.parent().name()
                + "\" violates foreign key constraint \"" + k.name() + "\" on table \"" + c.child().name() + "\"")
                .withDetail("Key (" + String.join(", ", k.referencedColumns()) + ")=(" + values
                        + ") is still referenced from table \"" + c.child().name() + "\"."), c.child(), k.name());
    }

    /** The key values of a row that references nothing, then whether they mix nulls and values (MATCH FULL); null when none does. */
    private String[] violation(Check c) {
        TableMeta.Constraint k = c.key();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String col : k.columns()) sql.append("CAST(").append(CHILD).append('.').append(SqlNames.quote(col)).append(" AS VARCHAR), ");
        sql.append(nulls(k, " OR ")).append(" FROM ").append(name(c.child())).append(" AS ").append(CHILD).append(" WHERE ").append(orphan(c));
        if ("f".equals(k.rule().match())) sql.append(" OR (").append(nulls(k, " OR ")).append(" AND NOT ").append(nulls(k, " AND ")).append(')');
        return runner.firstRow(sql.append(" LIMIT 1").toString());
    }

    private static final String[] NOT_APPLICABLE = new String[0];

    /**
     * As {@link #violation}, for the rows of an INSERT … VALUES whose key columns are given as
     * constants or parameters: their keys are looked up in the referenced table (by its key's
     * index) instead of joining the whole referencing table. {@link #NOT_APPLICABLE} for any other
     * statement.
     */
    private String[] insertedViolation(Check c) {
        TableMeta.Constraint k = c.key();
        Node stmt = c.inserted().stmt();
        Node select = stmt.node("selectStmt");
        if (!"s".equals(k.rule().match()) || stmt.node("onConflictClause") != null || select == null
                || !select.has("valuesLists")) {
            return NOT_APPLICABLE;
        }
        List<String> targets = new ArrayList<>();
        if (stmt.has("cols")) {
            for (Node col : stmt.list("cols")) targets.add((col.is("ResTarget") ? col : col.node("ResTarget")).str("name"));
        } else {
            for (dev.pgwire.serve.sql.CatalogView.ColumnInfo col : c.child().columns()) targets.add(col.name());
        }
        int[] at = new int[k.columns().size()];
        String[] types = new String[at.length];
        for (int i = 0; i < at.length; i++) {
            at[i] = targets.indexOf(k.columns().get(i));
            dev.pgwire.serve.sql.CatalogView.ColumnInfo col = c.child().column(k.columns().get(i));
            if (at[i] < 0 || col == null) return NOT_APPLICABLE;
            types[i] = col.duckDbType();
        }
        List<Object> binds = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        for (Node row : select.list("valuesLists")) {
            List<Node> items = row.list("items");
            rows.append(rows.length() == 0 ? "(" : ", (");
            for (int i = 0; i < at.length; i++) {
                if (at[i] >= items.size()) return NOT_APPLICABLE;
                String value = valueSql(items.get(at[i]), c.inserted(), binds);
                if (value == null) return NOT_APPLICABLE;
                rows.append(i > 0 ? ", " : "").append("CAST(").append(value).append(" AS ").append(types[i]).append(')');
            }
            rows.append(')');
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < at.length; i++) names.add("k" + i);
        for (String n : names) sql.append("CAST(").append(CHILD).append('.').append(n).append(" AS VARCHAR), ");
        sql.append("false FROM (VALUES ").append(rows).append(") AS ").append(CHILD).append('(').append(String.join(", ", names))
                .append(") WHERE ");
        for (String n : names) sql.append(CHILD).append('.').append(n).append(" IS NOT NULL AND ");
        sql.append("NOT EXISTS (SELECT 1 FROM ").append(name(c.parent())).append(" AS ").append(PARENT).append(" WHERE ");
        for (int i = 0; i < at.length; i++) {
            if (i > 0) sql.append(" AND ");
            sql.append(PARENT).append('.').append(SqlNames.quote(k.referencedColumns().get(i))).append(" = ")
                    .append(CHILD).append('.').append(names.get(i));
        }
        sql.append(") LIMIT 1");
        List<String[]> found = runner.query(sql.toString(), ps -> {
            for (int i = 0; i < binds.size(); i++) ps.setObject(i + 1, binds.get(i));
        }, rs -> {
            String[] r = new String[at.length + 1];
            for (int i = 0; i < r.length; i++) r[i] = rs.getString(i + 1);
            return r;
        });
        return found.isEmpty() ? null : found.get(0);
    }

    /** A constant or parameter of VALUES as DuckDB SQL ({@code ?} with its value added to {@code binds}); null for anything else. */
    private static String valueSql(Node v, Inserted inserted, List<Object> binds) {
        if (v.is("A_Const")) {
            if (v.bool("isnull")) return "NULL";
            Node i = v.node("ival");
            if (i != null && i.has("ival")) return Long.toString(i.num("ival"));
            Node str = v.node("sval");
            if (str != null && str.has("sval")) return "'" + str.str("sval").replace("'", "''") + "'";
            return null;
        }
        if (v.is("ParamRef")) {
            Object value = inserted.parameter().apply((int) v.num("number"));
            if (value == NO_VALUE) return null;
            binds.add(value);
            return "?";
        }
        return null;
    }

    /** What {@link Inserted#parameter()} answers for a parameter whose value cannot be bound here. */
    static final Object NO_VALUE = new Object();

    /** A referencing row (as {@value #CHILD}) whose key is complete and matches no referenced row. */
    private String orphan(Check c) {
        TableMeta.Constraint k = c.key();
        StringBuilder sql = new StringBuilder("(");
        for (String col : k.columns()) sql.append(CHILD).append('.').append(SqlNames.quote(col)).append(" IS NOT NULL AND ");
        sql.append("NOT EXISTS (SELECT 1 FROM ").append(name(c.parent())).append(" AS ").append(PARENT).append(" WHERE ");
        for (int i = 0; i < k.columns().size(); i++) {
            if (i > 0) sql.append(" AND ");
            sql.append(PARENT).append('.').append(SqlNames.quote(k.referencedColumns().get(i))).append(" = ")
                    .append(CHILD).append('.').append(SqlNames.quote(k.columns().get(i)));
        }
        return sql.append("))").toString();
    }

    /** Whether any ({@code " OR "}) or all ({@code " AND "}) of the key's columns are null. */
    private static String nulls(TableMeta.Constraint k, String join) {
        List<String> parts = new ArrayList<>();
        for (String col : k.columns()) parts.add(CHILD + "." + SqlNames.quote(col) + " IS NULL");
        return "(" + String.join(join, parts) + ")";
    }

    private long act(String sql) {
        long changed = runner.executeCount(sql);
        if (changed > 0) actionRan.accept(sql);
        return changed;
    }

    // ---------------------------------------------------------------- keys and tables

    /** The keys serve enforces on {@code table} (its own foreign keys). */
    private static List<TableMeta.Constraint> keysOf(Relation table) {
        if (table.view()) return List.of();
        List<TableMeta.Constraint> keys = new ArrayList<>();
        for (TableMeta.Constraint c : table.meta().constraints()) if (c.rule() != null) keys.add(c);
        return keys;
    }

    /** The tables with a key serve enforces referencing {@code table}. */
    private List<Relation> referencing(Relation table) {
        if (table.view()) return List.of();
        List<Relation> out = new ArrayList<>();
        for (Relation r : catalog.referencing(table.name())) {
            for (TableMeta.Constraint k : keysOf(r)) {
                if (references(k, table)) {
                    out.add(r);
                    break;
                }
            }
        }
        return out;
    }

    private static boolean references(TableMeta.Constraint k, Relation table) {
        return k.rule() != null && k.references().equals(table.name()) && k.rule().schema().equals(table.schema());
    }

    private Relation parentOf(TableMeta.Constraint k, Relation child) {
        return relationIn(k.rule().schema(), k.references());
    }

    /** Table {@code name} of {@code schema}; a temporary one (pg_temp) by its unqualified name, which finds temporary tables first. */
    private Relation relationIn(String schema, String name) {
        return catalog.relation(schema.equals("pg_temp") ? null : schema, name);
    }

    private static boolean touches(Change change, List<String> columns) {
        if (change.columns() == null) return true;
        for (String c : columns) if (change.columns().contains(c)) return true;
        return false;
    }

    private static String id(Relation table, TableMeta.Constraint k) {
        return table.schema() + "\u0000" + table.name() + "\u0000" + k.name();
    }

    private Relation relation(Node rangeVar) {
        if (rangeVar == null) return null;
        String schema = rangeVar.str("schemaname");
        return catalog.relation(schema.isEmpty() ? null : schema, rangeVar.str("relname"));
    }

    private static Set<String> targetColumns(List<Node> targets) {
        Set<String> cols = new HashSet<>();
        for (Node t : targets) {
            Node res = t.is("ResTarget") ? t : t.node("ResTarget");
            if (res != null) cols.add(res.str("name"));
        }
        return cols;
    }

    /** The table as DuckDB SQL names it. */
    private static String name(Relation r) {
        return SqlNames.table(r.schema(), r.name());
    }
}
