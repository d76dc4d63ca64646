package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether a statement that changed data could be run again with the same effect — what rolling
 * back to a savepoint needs, since DuckDB has no savepoints and serve restores one by running the
 * transaction's earlier statements again. A statement is repeatable when it calls nothing whose
 * answer changes between runs (clock, random values, sequences — including the defaults of the
 * columns an INSERT leaves out); it depends on data when it reads tables, which others may have
 * changed meanwhile.
 *
 * @param writes     whether the statement changes data or definitions (a plain SELECT does not)
 * @param repeatable whether running it again gives the same effect on the same data
 * @param readsData  whether its effect depends on what tables hold
 */
public record ReplayInfo(boolean writes, boolean repeatable, boolean readsData) {

    public static final ReplayInfo READ_ONLY = new ReplayInfo(false, true, true);
    /** Statements serve cannot judge: never repeated. */
    public static final ReplayInfo UNKNOWN = new ReplayInfo(true, false, true);

    private static final Set<String> VOLATILE = Set.of("random", "now", "clock_timestamp", "statement_timestamp",
            "transaction_timestamp", "timeofday", "gen_random_uuid", "uuid_generate_v4", "uuid_generate_v1", "uuid",
            "nextval", "setval", "currval", "lastval", "pg_sleep", "set_config", "txid_current", "random_normal",
            "pgwire_numeric_div", "get_current_timestamp");

    static ReplayInfo of(Node stmt, CatalogView catalog) {
        boolean writes = !stmt.is("SelectStmt") || containsDataChange(stmt);
        if (!writes) return READ_ONLY;
        boolean[] repeatable = {true};
        boolean[] reads = {stmt.is("UpdateStmt") || stmt.is("DeleteStmt") || stmt.is("CreateTableAsStmt")};
        Set<Node> targets = new HashSet<>();
        if (stmt.is("InsertStmt")) targets.add(stmt.node("relation"));
        TreeWalker.forEachNode(stmt, n -> {
            if (n.is("FuncCall") && VOLATILE.contains(Operators.lastName(n))) repeatable[0] = false;
            if (n.is("FuncCall") && userFunction(n)) {
                // a function of the user's may draw from a sequence, ask the clock or read tables in its body
                repeatable[0] = false;
                reads[0] = true;
            }
            if (n.is("SQLValueFunction") && n.str("op").contains("TIME") || n.is("SQLValueFunction") && n.str("op").contains("DATE")) {
                repeatable[0] = false;
            }
            if (n.is("RangeVar") && !targets.contains(n)) reads[0] = true;
            if (n.is("SubLink")) reads[0] = true;
        });
        if (stmt.is("InsertStmt") && repeatable[0]) repeatable[0] = !defaultsVolatile(stmt, catalog);
        return new ReplayInfo(true, repeatable[0], reads[0]);
    }

    static boolean userFunction(Node call) {
        java.util.List<String> names = call.names("funcname");
        if (names.size() > 1 && !names.get(0).equals("pg_catalog")) return true;
        return !dev.pgwire.serve.catalog.Builtins.builtinFunction(names.get(names.size() - 1));
    }

    private static boolean containsDataChange(Node stmt) {
        boolean[] found = {false};
        TreeWalker.forEachNode(stmt, n -> {
            if (n.is("InsertStmt") || n.is("UpdateStmt") || n.is("DeleteStmt") || n.is("IntoClause")) found[0] = true;
        });
        return found[0];
    }

    /** Whether an INSERT leaves to a volatile default (a serial's sequence, now()) a column it does not name. */
    private static boolean defaultsVolatile(Node insert, CatalogView catalog) {
        Node rel = insert.node("relation");
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null) return true;
        Set<String> named = new HashSet<>();
        for (Node c : insert.list("cols")) named.add(c.str("name"));
        Node select = insert.node("selectStmt");
        // no column list: the rows give the leading columns, the others are left to their defaults
        // (all of them where the rows' width is not known here: a volatile default makes it unrepeatable)
        if (!insert.has("cols")) {
            int given = select == null ? 0 : SequenceCalls.width(select);
            for (int i = 0; i < given && i < r.columns().size(); i++) named.add(r.columns().get(i).name());
        }
        boolean defaultKeyword = false;
        if (select == null) defaultKeyword = true;
        if (select != null) {
            for (Node row : select.list("valuesLists")) {
                for (Node item : row.list("items")) if (item.is("SetToDefault")) defaultKeyword = true;
            }
        }
        for (ColumnInfo c : r.columns()) {
            boolean defaulted = defaultKeyword || !named.contains(c.name());
            if (defaulted && c.volatileDefault()) return true;
        }
        return false;
    }
}
