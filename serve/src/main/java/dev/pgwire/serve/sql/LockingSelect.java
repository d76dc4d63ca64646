package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code SELECT … FOR UPDATE | FOR NO KEY UPDATE | FOR SHARE | FOR KEY SHARE [OF …] [NOWAIT |
 * SKIP LOCKED]}: the rows it returns are locked, as in PostgreSQL, by serve (DuckDB has no row
 * locks). It runs in two steps. The <em>probe</em> is the statement with the rowid of each locked
 * table added to its result (and, under SKIP LOCKED, the rows other sessions hold left out before
 * any LIMIT): serve takes the rows it names, waiting where it must. The statement itself then runs
 * with each locked table kept to the rows its probe chose and the session locked (without the
 * OFFSET, which the probe applied), so it never returns a row it did not lock.
 *
 * <p>An UPDATE or DELETE waits, as in PostgreSQL, for the rows of its table that other
 * transactions hold, and holds them itself until its transaction ends: while another session
 * holds rows of the table, its probe names the rows it changes ({@link #whileOthersHold}).
 *
 * <p>PostgreSQL's restrictions are kept: no locking with DISTINCT, GROUP BY, HAVING, aggregates,
 * window functions or UNION/INTERSECT/EXCEPT (0A000), nor of the nullable side of an outer join;
 * a table named in OF must be in FROM (42P01). Views, subqueries and functions in FROM are read
 * without locks.
 *
 * @param targets  the locked tables in the order of the probe's columns
 * @param probeSql the probe as DuckDB SQL: one rowid column per target (NULL where a join gave none)
 * @param whileOthersHold true for an UPDATE or DELETE, whose probe runs only while another session
 *                 holds rows of its table
 */
public record LockingSelect(List<Target> targets, String probeSql, boolean whileOthersHold, List<LockingSelect> before, String touchSql) {

    public LockingSelect(List<Target> targets, String probeSql, boolean whileOthersHold) {
        this(targets, probeSql, whileOthersHold, List.of(), null);
    }

    public LockingSelect(List<Target> targets, String probeSql, boolean whileOthersHold, List<LockingSelect> before) {
        this(targets, probeSql, whileOthersHold, before, null);
    }

    /** The strengths as RowLocks numbers them. */
    private static final List<String> STRENGTHS = List.of("LCS_FORKEYSHARE", "LCS_FORSHARE", "LCS_FORNOKEYUPDATE", "LCS_FORUPDATE");
    private static final List<String> WORDS = List.of("FOR KEY SHARE", "FOR SHARE", "FOR NO KEY UPDATE", "FOR UPDATE");

    /**
     * One locked table.
     *
     * @param table    its key in the lock table: DuckDB's quoted schema and name
     * @param relation its name, for errors
     * @param alias    what the statement calls it
     * @param strength 0 (KEY SHARE) to 3 (UPDATE)
     * @param policy   "wait", "nowait" or "skip"
     */
    public record Target(String table, String relation, String alias, int strength, String policy) {}

    /** Field marking a locking SELECT inside the statement (in WITH, FROM or an expression) between {@link #plan} and {@link #apply}. */
    private static final String MARK = "pgwire_locking";

    /**
     * What a statement locks, found before it is rewritten: its own targets (null when it is no
     * locking SELECT, UPDATE or DELETE), how many parameters it has, and the locking SELECTs inside it.
     */
    record Plan(List<Target> targets, int parameters, List<List<Target>> nested) {}

    /** The plan of {@code tree}, or null when it locks nothing. */
    static Plan plan(Node tree, CatalogView catalog) {
        List<Target> targets = targets(tree, catalog);
        List<List<Target>> nested = nested(tree, catalog);
        return targets == null && nested.isEmpty() ? null : new Plan(targets, maxParameter(tree), nested);
    }

    /**
     * The locking SELECTs inside {@code tree} (a subquery, a WITH query, a FROM item) that read
     * nothing of the statement around them, each marked ({@link #MARK}) with its place in the list:
     * the queue's {@code UPDATE jobs … WHERE id = (SELECT id … FOR UPDATE SKIP LOCKED LIMIT 1)}.
     * Their rows are taken before the statement runs, which then reads each such SELECT kept to the
     * rows its probe chose. One that reads the statement's own FROM items or WITH queries locks
     * nothing.
     */
    private static List<List<Target>> nested(Node tree, CatalogView catalog) {
        List<List<Target>> out = new ArrayList<>();
        List<Node> selects = new ArrayList<>();
        Set<String> ctes = new HashSet<>(); // every WITH query's name in the statement
        TreeWalker.forEachNode(tree, n -> {
            n.set(MARK, null);
            if (n.is("CommonTableExpr")) ctes.add(n.str("ctename"));
            if (!n.is("SelectStmt")) return;
            String op = n.str("op");
            if (!op.isEmpty() && !op.equals("SETOP_NONE")) {
                for (Node branch : new Node[] {n.node("larg"), n.node("rarg")}) {
                    if (branch != null && !branch.list("lockingClause").isEmpty()) {
                        refuse(WORDS.get(strength(branch.list("lockingClause").get(0))) + " is not allowed with UNION/INTERSECT/EXCEPT");
                    }
                }
            }
            if (n != tree && !n.list("lockingClause").isEmpty()) selects.add(n);
        });
        for (Node select : selects) {
            if (insideMarked(select, selects)) continue;
            if (!resolves(select, null, ctes, catalog)) continue; // reads the statement around it: locks nothing
            List<Target> targets = targets(select, catalog, true);
            if (targets == null || targets.isEmpty()) continue;
            select.set(MARK, (long) out.size());
            out.add(targets);
        }
        return out;
    }

    /** Whether {@code select} lies inside another locking SELECT already marked (that one's probe covers it). */
    private static boolean insideMarked(Node select, List<Node> selects) {
        for (Node other : selects) {
            if (other == select || !other.has(MARK)) continue;
            boolean[] inside = {false};
            TreeWalker.forEachNode(other, n -> inside[0] |= n == select);
            if (inside[0]) return true;
        }
        return false;
    }

    /** The names a query level brings into scope: its FROM items' names and their columns, and its WITH queries. */
    private static final class Scope {
        final Scope parent;
        final Set<String> names = new HashSet<>();
        final Set<String> columns = new HashSet<>();
        final Set<String> ctes = new HashSet<>();
        /** A FROM item whose columns are not known here (a function, a WITH query): a bare name may be its. */
        boolean anyColumn;

        Scope(Scope parent) {
            this.parent = parent;
        }

        boolean cte(String name) {
            for (Scope s = this; s != null; s = s.parent) if (s.ctes.contains(name)) return true;
            return false;
        }

        boolean resolves(Node ref) {
            List<Node> fields = ref.list("fields");
            if (fields.isEmpty()) return false;
            Node last = fields.get(fields.size() - 1);
            if (fields.size() == 1) {
                if (last.is("A_Star")) return true;
                if (!last.is("String")) return false;
                for (Scope s = this; s != null; s = s.parent) if (s.anyColumn || s.columns.contains(last.str("sval"))) return true;
                return false;
            }
            Node qualifier = fields.get(fields.size() - 2);
            if (!qualifier.is("String")) return false;
            for (Scope s = this; s != null; s = s.parent) if (s.names.contains(qualifier.str("sval"))) return true;
            return false;
        }
    }

    /**
     * Whether a SELECT inside the statement reads only what it names itself: every column it (or
     * a query inside it) refers to is of its own FROM items or theirs, and every relation it reads
     * is a table or one of its own WITH queries — not one of the statement's ({@code outerCtes}),
     * which a bare name there may mean.
     */
    private static boolean resolves(Node select, Scope parent, Set<String> outerCtes, CatalogView catalog) {
        if (select == null) return true;
        if (!select.is("SelectStmt")) return false;
        String op = select.str("op");
        if (!op.isEmpty() && !op.equals("SETOP_NONE")) {
            return resolves(select.node("larg"), parent, outerCtes, catalog) && resolves(select.node("rarg"), parent, outerCtes, catalog);
        }
        Scope scope = new Scope(parent);
        Node with = select.node("withClause");
        if (with != null) {
            for (Node cte : with.list("ctes")) {
                if (with.bool("recursive")) scope.ctes.add(cte.str("ctename"));
                if (!resolves(cte.node("ctequery"), scope, outerCtes, catalog)) return false;
                scope.ctes.add(cte.str("ctename"));
            }
        }
        List<Node> quals = new ArrayList<>();
        for (Node item : select.list("fromClause")) {
            if (!fromItem(item, scope, quals, outerCtes, catalog)) return false;
        }
        if (select.has("valuesLists")) return expressions(select.get("valuesLists"), scope, outerCtes, catalog);
        for (String field : new String[] {"targetList", "whereClause", "groupClause", "havingClause", "sortClause",
                "distinctClause", "limitCount", "limitOffset", "windowClause"}) {
            if (!expressions(select.get(field), scope, outerCtes, catalog)) return false;
        }
        for (Node q : quals) if (!expressions(q, scope, outerCtes, catalog)) return false;
        return true;
    }

    /** Enters a FROM item's names in {@code scope} (its join conditions in {@code quals}); false when it reads what is outside. */
    private static boolean fromItem(Node item, Scope scope, List<Node> quals, Set<String> outerCtes, CatalogView catalog) {
        Node alias = item.node("alias");
        if (alias != null) {
            scope.names.add(alias.str("aliasname"));
            scope.columns.addAll(alias.names("colnames"));
        }
        if (item.is("RangeVar")) {
            String schema = item.str("schemaname");
            String name = item.str("relname");
            if (alias == null) scope.names.add(name);
            if (schema.isEmpty() && scope.cte(name)) {
                scope.anyColumn = true;
                return true;
            }
            if (schema.isEmpty() && outerCtes.contains(name)) return false; // the statement's WITH query of that name
            CatalogView.Relation r = catalog == null ? null : catalog.relation(schema.isEmpty() ? null : schema, name);
            if (r == null) return false;
            for (CatalogView.ColumnInfo c : r.columns()) scope.columns.add(c.name());
            return true;
        }
        if (item.is("JoinExpr")) {
            if (item.node("quals") != null) quals.add(item.node("quals"));
            scope.columns.addAll(item.names("usingClause"));
            return fromItem(item.node("larg"), scope, quals, outerCtes, catalog) && fromItem(item.node("rarg"), scope, quals, outerCtes, catalog);
        }
        if (item.is("RangeSubselect")) {
            Node q = item.node("subquery");
            // a LATERAL subquery sees the FROM items before it; another only the queries around
            if (!resolves(q, item.bool("lateral") ? scope : scope.parent, outerCtes, catalog)) return false;
            if (alias == null || alias.names("colnames").isEmpty()) {
                for (Node t : q == null ? List.<Node>of() : q.list("targetList")) {
                    Node val = t.node("val");
                    if (!t.str("name").isEmpty()) {
                        scope.columns.add(t.str("name"));
                    } else if (val != null && val.is("ColumnRef")) {
                        List<String> f = val.names("fields");
                        if (f.get(f.size() - 1).equals("*")) scope.anyColumn = true; else scope.columns.add(f.get(f.size() - 1));
                    } else {
                        scope.anyColumn = true;
                    }
                }
            }
            return true;
        }
        // a function in FROM: its arguments may read what is around; its columns are not known here
        scope.anyColumn = true;
        return expressions(item, scope, outerCtes, catalog);
    }

    /** Whether every column reference in {@code value} (a subquery's in its own scope) resolves in {@code scope}. */
    private static boolean expressions(Object value, Scope scope, Set<String> outerCtes, CatalogView catalog) {
        if (value instanceof List<?> l) {
            for (Object o : l) if (!expressions(o, scope, outerCtes, catalog)) return false;
            return true;
        }
        if (!(value instanceof Node n)) return true;
        if (n.is("SelectStmt")) return resolves(n, scope, outerCtes, catalog);
        if (n.is("ColumnRef")) return scope.resolves(n);
        for (Object v : n.fields().values()) if (!expressions(v, scope, outerCtes, catalog)) return false;
        return true;
    }

    /**
     * The locked tables of {@code tree}, checked against PostgreSQL's restrictions before it is
     * rewritten; null when it is not a locking SELECT.
     */
    private static List<Target> targets(Node tree, CatalogView catalog) {
        return targets(tree, catalog, false);
    }

    /** @param nested a SELECT inside the statement: one serve cannot keep to its probe's rows (OFFSET) locks nothing */
    private static List<Target> targets(Node tree, CatalogView catalog, boolean nested) {
        if (modifiesInWith(tree)) return null; // a probe cannot hold the data-modifying WITH: locked as before, by nothing
        if (tree.is("UpdateStmt") || tree.is("DeleteStmt")) return written(tree, catalog);
        if (!tree.is("SelectStmt") || !tree.has("lockingClause")) return null;
        List<Node> clauses = tree.list("lockingClause");
        String words = WORDS.get(strength(clauses.get(0)));
        String op = tree.str("op");
        if (!op.isEmpty() && !op.equals("SETOP_NONE")) refuse(words + " is not allowed with UNION/INTERSECT/EXCEPT");
        if (tree.has("distinctClause")) refuse(words + " is not allowed with DISTINCT clause");
        if (tree.has("groupClause")) refuse(words + " is not allowed with GROUP BY clause");
        if (tree.node("havingClause") != null) refuse(words + " is not allowed with HAVING clause");
        if (tree.has("windowClause") || Checks.find(listNode(tree.list("targetList")), n -> n.is("FuncCall") && n.node("over") != null) != null) {
            refuse(words + " is not allowed with window functions");
        }
        if (Checks.find(listNode(tree.list("targetList")), n -> n.is("FuncCall") && n.node("over") == null
                && (Checks.isAggregate(Operators.lastName(n)) || n.bool("agg_star") || n.bool("agg_distinct"))) != null) {
            refuse(words + " is not allowed with aggregate functions");
        }
        Set<String> ctes = new HashSet<>();
        Node with = tree.node("withClause");
        if (with != null) for (Node cte : with.list("ctes")) ctes.add(cte.str("ctename"));
        Map<String, Node> tables = new LinkedHashMap<>(); // alias → RangeVar
        Set<String> nullable = new HashSet<>();
        for (Node item : tree.list("fromClause")) collect(item, false, tables, nullable);
        List<Target> out = new ArrayList<>();
        Map<String, int[]> chosen = new LinkedHashMap<>(); // alias → {strength, policy rank}
        for (Node clause : clauses) {
            int strength = strength(clause);
            int policy = switch (clause.str("waitPolicy")) {
                case "LockWaitError" -> 2;
                case "LockWaitSkip" -> 1;
                default -> 0;
            };
            List<String> named = new ArrayList<>();
            for (Node rel : clause.list("lockedRels")) {
                String name = rel.str("relname");
                if (!tables.containsKey(name)) {
                    throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" in " + WORDS.get(strength)
                            + " clause not found in FROM clause").withPosition(rel.location() + 1);
                }
                named.add(name);
            }
            for (String alias : named.isEmpty() ? tables.keySet() : named) {
                if (nullable.contains(alias)) refuse(WORDS.get(strength) + " cannot be applied to the nullable side of an outer join");
                int[] was = chosen.get(alias);
                // the strongest strength of the clauses naming a table, and NOWAIT over SKIP LOCKED over waiting
                chosen.put(alias, was == null ? new int[] {strength, policy} : new int[] {Math.max(was[0], strength), Math.max(was[1], policy)});
            }
        }
        for (Map.Entry<String, int[]> e : chosen.entrySet()) {
            Node rv = tables.get(e.getKey());
            String schema = rv.str("schemaname");
            if (schema.isEmpty() && ctes.contains(rv.str("relname"))) continue; // a WITH query is read as it is
            CatalogView.Relation r = catalog == null ? null : catalog.relation(schema.isEmpty() ? null : schema, rv.str("relname"));
            if (r == null || r.view() || temporary(r) || catalogRelation(r)) continue;
            String policy = switch (e.getValue()[1]) {
                case 2 -> "nowait";
                case 1 -> "skip";
                default -> "wait";
            };
            out.add(new Target(tableKey(r), r.name(), e.getKey(), e.getValue()[0], policy));
        }
        // the statement reads the rows the probe chose without the OFFSET; rows of a table it does
        // not lock would not be kept to the probe's, and the OFFSET would skip others than the probe did
        boolean everyTable = out.size() == tables.size()
                && tree.list("fromClause").stream().allMatch(f -> f.is("RangeVar") || f.is("JoinExpr"));
        if (tree.node("limitOffset") != null && !out.isEmpty() && !everyTable) {
            if (nested) return List.of();
            refuse(words + " with OFFSET is supported only when it locks every table of FROM");
        }
        return out;
    }

    /** The table an UPDATE or DELETE changes, as a target (FOR NO KEY UPDATE, FOR UPDATE), or null. */
    private static List<Target> written(Node tree, CatalogView catalog) {
        Node rv = tree.node("relation");
        if (rv == null || catalog == null || Checks.find(tree.node("whereClause"), n -> n.is("CurrentOfExpr")) != null) return null;
        String schema = rv.str("schemaname");
        CatalogView.Relation r = catalog.relation(schema.isEmpty() ? null : schema, rv.str("relname"));
        if (r == null || r.view() || temporary(r)) return null;
        Node alias = rv.node("alias");
        String name = alias != null ? alias.str("aliasname") : rv.str("relname");
        int strength = tree.is("DeleteStmt") ? 3 : 2;
        return List.of(new Target(tableKey(r), r.name(), name, strength, "wait"));
    }

    /**
     * The probe of {@code tree} (rewritten, about to be written) as DuckDB SQL; then a SELECT keeps
     * each locked table to the rows {@code pid}'s probe chose.
     */
    static LockingSelect apply(Node tree, Plan plan, int pid, CatalogView catalog) {
        if (plan == null) return null;
        List<LockingSelect> before = new ArrayList<>();
        if (!plan.nested().isEmpty()) {
            Node[] marked = new Node[plan.nested().size()];
            TreeWalker.forEachNode(tree, n -> {
                if (n.has(MARK)) marked[(int) n.num(MARK)] = n;
            });
            for (int i = 0; i < marked.length; i++) {
                if (marked[i] == null) continue; // rewritten away
                marked[i].set(MARK, null);
                LockingSelect nested = select(marked[i], plan.nested().get(i), plan.parameters(), pid, catalog, before.size());
                if (nested != null) before.add(nested);
            }
        }
        LockingSelect own = plan.targets() == null ? null
                : tree.is("SelectStmt") ? select(tree, plan.targets(), plan.parameters(), pid, catalog, -1 - before.size())
                : writeProbe(tree, plan.targets(), plan.parameters(), pid, catalog);
        if (before.isEmpty()) return own;
        return own == null ? new LockingSelect(List.of(), null, false, List.copyOf(before))
                : new LockingSelect(own.targets(), own.probeSql(), own.whileOthersHold(), List.copyOf(before), own.touchSql());
    }

    /**
     * The probe of a locking SELECT ({@code tree}, the statement or one inside it); then the SELECT
     * keeps each locked table to the rows the probe chose.
     *
     * @param probeAt the probe's place among the statement's probes ({@link #chosenKey}): a SELECT
     *              inside the statement (whose probe binds every parameter of the statement) as is,
     *              the statement itself as {@code -1 - place}
     */
    private static LockingSelect select(Node tree, List<Target> targets, int parameters, int pid, CatalogView catalog, int probeAt) {
        boolean nested = probeAt >= 0;
        int place = nested ? probeAt : -1 - probeAt;
        tree.set("lockingClause", null);
        if (targets.isEmpty()) return null;
        List<Node> targetList = tree.list("targetList");
        Node where = tree.node("whereClause");
        List<Node> probeTargets = new ArrayList<>(targetList);
        List<Node> skip = new ArrayList<>();
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            String rowid = SqlNames.quote(t.alias()) + ".rowid";
            probeTargets.add(Node.of("ResTarget").set("name", "pgwire_lock_" + i).set("val", Expressions.duckDb(rowid)));
            if (t.policy().equals("skip")) {
                skip.add(Expressions.duckDb("pgwire_row_free(" + pid + ", " + SqlNames.literal(t.table()) + ", " + rowid + ", " + t.strength() + ")"));
            }
            columns.append(i == 0 ? "" : ", ").append("pgwire_lock_").append(i);
        }
        tree.set("targetList", probeTargets);
        tree.set("whereClause", and(where, skip));
        SqlWriter w = new SqlWriter();
        new Emitter(w, new TypeMapper(catalog)).statement(tree);
        String probe = "SELECT " + columns + " FROM (" + w + ") AS pgwire_locking" + (nested ? parametersJoin(parameters) : "");
        List<Node> chosen = new ArrayList<>();
        for (Target t : targets) {
            chosen.add(Expressions.duckDb("pgwire_row_chosen(" + pid + ", " + SqlNames.literal(chosenKey(t.table(), place)) + ", "
                    + SqlNames.quote(t.alias()) + ".rowid)"));
        }
        tree.set("targetList", targetList);
        tree.set("whereClause", and(where, chosen));
        Node offset = tree.node("limitOffset");
        // the probe skipped those rows already (a parameter in it stays, for the statement's parameter numbering)
        if (offset != null) tree.set("limitOffset", Expressions.duckDb("(({0}) * 0)", offset));
        return new LockingSelect(List.copyOf(targets), probe, false);
    }

    /**
     * The probe of an UPDATE or DELETE: the rowids of the rows it changes that another session
     * holds (those it waits for), and every parameter of the statement (so that it binds as the
     * statement does).
     */
    private static LockingSelect writeProbe(Node tree, List<Target> targets, int parameters, int pid, CatalogView catalog) {
        Target t = targets.get(0);
        String rowid = SqlNames.quote(t.alias()) + ".rowid";
        String touched = ReturningGuard.touchedColumns(tree, catalog);
        // an UPDATE … RETURNING of an indexed table locks every row it changes (see ReturningGuard)
        Node heldElsewhere = touched != null ? null : Expressions.duckDb("NOT pgwire_row_free(" + pid + ", " + SqlNames.literal(t.table())
                + ", " + rowid + ", " + t.strength() + ")");
        List<Node> from = new ArrayList<>();
        from.add(Node.typed("RangeVar", tree.node("relation")));
        from.addAll(tree.list(tree.is("UpdateStmt") ? "fromClause" : "usingClause"));
        Node select = Node.of("SelectStmt")
                .set("targetList", new ArrayList<>(List.of(Node.of("ResTarget").set("name", "pgwire_lock_0")
                        .set("val", Expressions.duckDb(rowid)))))
                .set("fromClause", from)
                .set("whereClause", heldElsewhere == null ? tree.node("whereClause") : and(tree.node("whereClause"), List.of(heldElsewhere)))
                .set("withClause", tree.node("withClause"));
        SqlWriter w = new SqlWriter();
        new Emitter(w, new TypeMapper(catalog)).statement(select);
        String probe = "SELECT pgwire_lock_0 FROM (" + w + ") AS pgwire_locking" + parametersJoin(parameters);
        if (touched == null) return new LockingSelect(List.copyOf(targets), probe, true);
        String touch = "UPDATE " + t.table() + " SET " + touched + " WHERE rowid IN (" + probe + ")";
        return new LockingSelect(List.copyOf(targets), probe, false, List.of(), touch);
    }

    /** Every parameter of the statement in a probe of part of it, so that the probe binds as the statement does. */
    private static String parametersJoin(int parameters) {
        if (parameters == 0) return "";
        StringBuilder out = new StringBuilder(", (SELECT ");
        for (int i = 1; i <= parameters; i++) out.append(i > 1 ? ", $" : "$").append(i);
        return out.append(") AS pgwire_parameters").toString();
    }

    private static int maxParameter(Node tree) {
        int[] max = {0};
        TreeWalker.forEachNode(tree, n -> {
            if (n.is("ParamRef")) max[0] = Math.max(max[0], (int) n.num("number"));
        });
        return max[0];
    }

    /**
     * The key under which probe number {@code probe} of a statement (its locking subqueries first,
     * then the statement itself) notes the rows of {@code table} it chose: each SELECT reads its own.
     */
    public static String chosenKey(String table, int probe) {
        return table + "\u0001" + probe;
    }

    /** A table's name in the lock table. */
    public static String tableKey(CatalogView.Relation r) {
        return SqlNames.quote(r.schema()) + "." + SqlNames.quote(r.name());
    }

    /** A relation of pg_catalog or information_schema: serve answers it from its own catalog, with no rows to lock. */
    private static boolean catalogRelation(CatalogView.Relation r) {
        return r.schema().equals("pg_catalog") || r.schema().equals("information_schema");
    }

    /** A temporary table: no other session sees it, so none can hold its rows (and every session's is pg_temp's). */
    private static boolean temporary(CatalogView.Relation r) {
        return r.schema().equals("pg_temp") || r.schema().startsWith("pg_temp_");
    }

    /** Whether the statement's WITH holds an INSERT, UPDATE, DELETE or MERGE. */
    private static boolean modifiesInWith(Node tree) {
        Node with = tree.node("withClause");
        if (with == null) return false;
        for (Node cte : with.list("ctes")) {
            Node q = cte.node("ctequery");
            if (q != null && !q.is("SelectStmt")) return true;
        }
        return false;
    }

    private static Node and(Node where, List<Node> more) {
        if (more.isEmpty()) return where;
        List<Node> args = new ArrayList<>();
        if (where != null) args.add(where);
        args.addAll(more);
        return args.size() == 1 ? args.get(0) : Node.of("BoolExpr").set("boolop", "AND_EXPR").set("args", args);
    }

    /** The tables of a FROM item by the names the statement gives them, noting those on the nullable side of an outer join. */
    private static void collect(Node item, boolean onNullableSide, Map<String, Node> tables, Set<String> nullable) {
        if (item.is("RangeVar")) {
            Node alias = item.node("alias");
            String name = alias != null ? alias.str("aliasname") : item.str("relname");
            tables.put(name, item);
            if (onNullableSide) nullable.add(name);
        } else if (item.is("JoinExpr")) {
            String type = item.str("jointype");
            collect(item.node("larg"), onNullableSide || type.equals("JOIN_RIGHT") || type.equals("JOIN_FULL"), tables, nullable);
            collect(item.node("rarg"), onNullableSide || type.equals("JOIN_LEFT") || type.equals("JOIN_FULL"), tables, nullable);
        }
    }

    private static int strength(Node clause) {
        int i = STRENGTHS.indexOf(clause.str("strength"));
        return i < 0 ? 3 : i;
    }

    private static Node listNode(List<Node> items) {
        return Node.of("List").set("items", new ArrayList<>(items));
    }

    private static void refuse(String message) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, message);
    }
}
