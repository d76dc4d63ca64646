package dev.pgwire.serve.sql;

import dev.pgwire.serve.catalog.Builtins;
import dev.pgwire.serve.catalog.RegTypes;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.sql.TypeResolver.Col;
import dev.pgwire.serve.sql.TypeResolver.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * The rewrites that depend on the types of their operands, so that DuckDB computes PostgreSQL's
 * value of PostgreSQL's type: {@code sum} of int4 is int8, {@code length} is int4 and counts the
 * bytes of a bytea, numeric division and {@code avg} of exact numbers are exact with PostgreSQL's
 * scale, {@code round} of a double rounds half to even, {@code ||} joins arrays. It also records
 * the PostgreSQL type of each result column, for the columns whose DuckDB type alone would be
 * reported otherwise (varchar, char(n), name, jsonb, numeric without a modifier).
 */
final class TypedRewrites {
    private final TypeResolver types;
    private final CatalogView catalog;
    /** The result columns of the statement, once rewritten. */
    private List<Col> result = List.of();

    private final SessionContext session;
    private final JsonOperators json;
    private final OperatorRewrites operators;
    private final JsonCalls jsonCalls;
    private final JsonbKeys jsonbKeys;
    private final FunctionRewrites functions;
    private final RegCasts regs;
    private final CastRewrites casts;

    /**
     * The field of a DuckDbSql node made before the statement's rewrite (an assignment's coercion)
     * whose arguments are still to be rewritten with it.
     */
    static final String REWRITE_ARGS = "pgwire_rewrite_args";

    /** Whether the result columns are stored (a view's, a CREATE TABLE … AS's) rather than sent to the client. */
    private boolean stored;

    TypedRewrites(SessionContext session) {
        this(session, null);
    }

    /**
     * For a query whose result columns are stored — a view's, a materialized view's, CREATE TABLE
     * … AS's: a numeric quotient stays a number (DECIMAL(38,20)) rather than PostgreSQL's text of
     * it, so that the column sorts, compares and sums as numeric.
     */
    TypedRewrites storingResults() {
        stored = true;
        return this;
    }

    /** With the parameter types the client declared (see {@link TypeResolver#declareParameters}). */
    TypedRewrites(SessionContext session, int[] declaredParameters) {
        this.session = session;
        this.catalog = session.catalog();
        this.types = new TypeResolver(catalog);
        this.json = new JsonOperators(types);
        this.operators = new OperatorRewrites(types, json);
        this.jsonCalls = new JsonCalls(types, session, this::expr);
        this.jsonbKeys = new JsonbKeys(types);
        this.functions = new FunctionRewrites(session, types, jsonCalls);
        this.regs = new RegCasts(session, types);
        this.casts = new CastRewrites(types, session, json, regs);
        types.declareParameters(declaredParameters);
    }

    /** Whether the statement calls serve's catalog functions (the catalog must be ready when it runs). */
    boolean usesCatalog() {
        return regs.usesCatalog();
    }

    TypeResolver types() {
        return types;
    }

    /**
     * A column default's expression with the rewrites a query's expressions get (PostgreSQL's
     * functions DuckDB names otherwise or lacks, {@code extract}, …); a default refers to no column.
     */
    static Node columnDefault(SessionContext session, Node expr) {
        SequenceCalls.nameArguments(expr);
        List<Node> targets = new ArrayList<>();
        targets.add(Node.of("ResTarget").set("val", expr).set("location", expr.location()));
        Node select = Node.of("SelectStmt").set("targetList", targets).set("limitOption", "LIMIT_OPTION_DEFAULT")
                .set("op", "SETOP_NONE");
        SessionFunctions.inDefault(select, session);
        new TypedRewrites(session).apply(select);
        return select.list("targetList").get(0).node("val");
    }

    /** Rewrites a query or data-changing statement in place. */
    void apply(Node stmt) {
        // the SQL-standard forms DuckDB's grammar lacks, written out before the statement is typed
        JoinUsingAlias.apply(stmt);
        RecursiveSearch.apply(stmt);
        unqualifyExtensionFunctions(stmt);
        applyTyped(stmt);
        WithTies.apply(stmt); // over the rewritten sort keys
    }

    private void applyTyped(Node stmt) {
        switch (stmt.type()) {
            case "SelectStmt" -> {
                result = types.select(stmt, null);
                if (JoinStars.joinOrder(stmt, types.scopeOf(stmt))) result = types.select(stmt, null);
                select(stmt, null, true);
            }
            case "InsertStmt" -> {
                RowAssignments.apply(stmt);
                ArrayAssignments.apply(stmt, catalog);
                TargetCoercion.insert(stmt, catalog, types);
                ConflictTargets.onConflict(stmt, catalog, types);
                ConflictRowChecks.apply(stmt, catalog);
                dml(stmt);
                ConflictBatches.markNothing(stmt, catalog, this::rewriteOver);
                UpsertOrder.mark(stmt, catalog, types);
                ConflictBatches.markUpdate(stmt, catalog);
                RowReferences.insertAlias(stmt);
            }
            case "UpdateStmt" -> {
                RowAssignments.apply(stmt);
                ArrayAssignments.apply(stmt, catalog);
                TargetCoercion.update(stmt, catalog, types);
                dml(stmt);
            }
            case "DeleteStmt" -> dml(stmt);
            case "MergeStmt" -> MergeStatements.assign(stmt, catalog, types);
            default -> { }
        }
    }

    /**
     * An extension's function called with the schema the extension was made in
     * ({@code public.uuid_generate_v4()}, as pg_dump writes a default; {@code
     * extensions.uuid_generate_v4()}): serve's function of that name, which is built in.
     */
    private static void unqualifyExtensionFunctions(Node stmt) {
        TreeWalker.forEachNode(stmt, n -> {
            if (!n.is("FuncCall")) return;
            List<String> names = n.names("funcname");
            if (names.size() == 2 && !names.get(0).equals("pg_catalog")
                    && dev.pgwire.serve.catalog.Extensions.FUNCTIONS.contains(names.get(1))) {
                n.set("funcname", new ArrayList<>(List.of(Node.string(names.get(1)))));
            }
        });
    }

    /** The names of the statement's result columns. */
    List<String> resultNames() {
        List<String> out = new ArrayList<>();
        for (Col c : result) out.add(c.name());
        return out;
    }

    /** The PostgreSQL types of the statement's result columns (entries may be null: unknown). */
    List<SqlType> resultTypes() {
        List<SqlType> out = new ArrayList<>();
        for (Col c : result) out.add(c.type());
        return out;
    }

    /** The table column each result column is (null where it is an expression, or of a subquery). */
    List<ColumnOrigin> resultOrigins() {
        List<ColumnOrigin> out = new ArrayList<>();
        boolean any = false;
        for (Col c : result) {
            ColumnOrigin o = c.relation() != null && c.number() > 0 ? new ColumnOrigin(c.relation().schema(), c.relation().name(), c.number()) : null;
            any |= o != null;
            out.add(o);
        }
        return any ? out : List.of();
    }

    List<Col> resultColumns() {
        return result;
    }

    private void dml(Node stmt) {
        dml(stmt, true);
    }

    /**
     * An INSERT, UPDATE or DELETE inside WITH (a writable CTE): its values assigned to its
     * columns and rewritten as the statement's own would be; its RETURNING is the CTE's columns,
     * not the statement's result.
     */
    private void cteWrite(Node q) {
        switch (q.type()) {
            case "InsertStmt" -> {
                RowAssignments.apply(q);
                TargetCoercion.insert(q, catalog, types);
                ConflictTargets.onConflict(q, catalog, types);
                dml(q, false);
                RowReferences.insertAlias(q);
            }
            case "UpdateStmt" -> {
                RowAssignments.apply(q);
                TargetCoercion.update(q, catalog, types);
                dml(q, false);
            }
            default -> dml(q, false);
        }
    }

    /** @param top whether {@code stmt} is the statement (its RETURNING list the result) rather than a CTE of it */
    private void dml(Node stmt, boolean top) {
        Scope scope = new Scope(null);
        Node rel = Node.typed("RangeVar", stmt.node("relation"));
        CatalogView.Relation target = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (target != null && !target.view() && target.meta().matView() != null) {
            throw new PgException("42809", "cannot change materialized view \"" + rel.str("relname") + "\"");
        }
        List<Node> from = new ArrayList<>();
        from.add(rel);
        from.addAll(stmt.list("fromClause"));
        from.addAll(stmt.list("usingClause"));
        Node probe = Node.of("SelectStmt").set("fromClause", from).set("op", "SETOP_NONE");
        types.select(probe, null);
        Scope s = types.scopeOf(probe);
        if (s != null) scope = s;
        Node sel = stmt.node("selectStmt");
        if (sel != null) select(sel, null, false);
        rewriteList(stmt.list("targetList"), scope, "val");
        rewriteField(stmt, "whereClause", scope);
        Node conflict = stmt.node("onConflictClause");
        if (conflict != null && conflict.has("targetList")) {
            // ON CONFLICT … DO UPDATE sees the table's row and the row proposed for insertion as "excluded"
            Node excluded = rel.copy().set("alias", Node.of("Alias").set("aliasname", "excluded"));
            List<Node> both = new ArrayList<>(List.of(rel, excluded));
            Node upsert = Node.of("SelectStmt").set("fromClause", both).set("op", "SETOP_NONE");
            types.select(upsert, null);
            Scope u = types.scopeOf(upsert);
            if (u != null) {
                rewriteList(conflict.list("targetList"), u, "val");
                rewriteField(conflict, "whereClause", u);
            }
        }
        if (stmt.has("returningList")) {
            RowReferences.unqualifyReturning(stmt);
            Node ret = Node.of("SelectStmt").set("targetList", stmt.list("returningList")).set("fromClause", from)
                    .set("op", "SETOP_NONE");
            List<Col> returned = types.select(ret, null);
            if (top) result = returned;
            rewriteList(stmt.list("returningList"), types.scopeOf(ret), "val");
            if (top) {
                for (int i = 0; i < stmt.list("returningList").size(); i++) topLevel(stmt.list("returningList").get(i), types.scopeOf(ret), null);
            }
        }
    }

    private void select(Node s, Scope outer, boolean top) {
        if (types.scopeOf(s) == null) types.select(s, outer);
        Scope scope = types.scopeOf(s);
        Node with = s.node("withClause");
        if (with != null) {
            for (Node cte : with.list("ctes")) {
                Node q = cte.node("ctequery");
                if (q.is("InsertStmt") || q.is("UpdateStmt") || q.is("DeleteStmt")) {
                    cteWrite(q);
                    continue;
                }
                List<Integer> numeric = List.of();
                if (with.bool("recursive") && q.node("larg") != null) {
                    if (types.scopeOf(q) == null) types.select(q, scope);
                    numeric = RecursiveColumns.numericColumns(cte, types);
                }
                select(q, scope, false);
                RecursiveColumns.exact(q, numeric);
            }
        }
        if (s.node("larg") != null) {
            UntypedValues.setOperation(s, types, scope);
            select(s.node("larg"), scope, top);
            select(s.node("rarg"), scope, top); // both branches give the result's columns: shown alike (an OID alias as its name)
            jsonbKeys.setOperation(s, scope);
            return;
        }
        for (Node item : s.list("fromClause")) fromItem(item, scope);
        if (s.has("valuesLists")) UntypedValues.valuesLists(s, types, scope);
        for (Node row : s.list("valuesLists")) rewriteItems(row.list("items"), scope);
        if (top) JoinStars.regColumns(s, scope, ref -> OidArrays.countsFromZero(ref, s));
        for (Node t : s.list("targetList")) {
            Node val = t.node("val");
            if (val != null && val.is("FuncCall")) val.set("selectList", true); // set-returning calls return rows here
            if (val != null) SelectListSeries.mark(val);
        }
        rewriteList(s.list("targetList"), scope, "val");
        for (Node t : s.list("targetList")) {
            // a one-column function's alias read as its value keeps the alias as the column's name
            Node val = t.node("val");
            if (val != null && val.has("scalarAlias") && !t.has("name")) t.set("name", val.str("scalarAlias"));
        }
        Node[] quotients = top ? quotients(s.list("targetList")) : null;
        if (top) {
            List<Node> targets = s.list("targetList");
            for (int i = 0; i < targets.size(); i++) {
                Node before = targets.get(i).node("val");
                // an array written as its text still sorts as the array
                if (topLevel(targets.get(i), scope, s) && quotients[i] == null) quotients[i] = before;
            }
        }
        rewriteField(s, "whereClause", scope);
        rewriteField(s, "havingClause", scope);
        rewriteItems(s.list("groupClause"), scope);
        if (quotients != null) ExactDivision.groupByShownText(s.list("groupClause"), s.list("targetList"));
        rewriteList(s.list("sortClause"), scope, "node");
        List<Node> on = s.list("distinctClause");
        boolean plainDistinct = on.size() == 1 && on.get(0).fields().isEmpty();
        if (quotients != null && (on.isEmpty() || plainDistinct)) {
            sortByQuotients(s, quotients, plainDistinct || !s.list("groupClause").isEmpty());
        }
        if (!plainDistinct) rewriteItems(on, scope);
        jsonbKeys.apply(s, scope);
    }

    private void fromItem(Node item, Scope scope) {
        switch (item.type()) {
            case "RangeSubselect" -> select(item.node("subquery"), scope, false);
            case "RangeFunction" -> {
                for (Node f : item.list("functions")) {
                    List<Node> items = f.list("items");
                    Node call = items.isEmpty() ? null : items.get(0);
                    if (call == null) continue;
                    // json's set-returning functions become subqueries in FROM (below), not calls
                    if (call.is("FuncCall") && JsonCalls.setColumns(Operators.lastName(call)) != null) {
                        rewriteItems(call.list("args"), scope);
                    } else {
                        if (call.is("FuncCall") && item.list("functions").size() == 1 && !item.bool("ordinality")
                                && !call.bool("pgwire_keep") && Builtins.scalarFunction(Operators.lastName(call))
                                && !JsonCalls.POPULATE.contains(Operators.lastName(call)) && JsonCalls.definedColumns(item) == null) {
                            item.set("pgwire_scalar", Operators.lastName(call)); // emitted as a one-row subquery
                        }
                        items.set(0, expr(call, scope));
                        if (items.get(0).has(NumericSeries.FROM_NAME) && item.node("alias") == null) {
                            item.set("alias", Node.of("Alias").set("aliasname", items.get(0).str(NumericSeries.FROM_NAME)));
                        }
                    }
                }
                jsonCalls.from(item, scope);
            }
            case "JoinExpr" -> {
                fromItem(item.node("larg"), scope);
                fromItem(item.node("rarg"), scope);
                rewriteField(item, "quals", scope);
            }
            default -> { }
        }
    }

    /** Rewrites {@code expressions} over the columns of table {@code rel} (an index's keys), in place. */
    private void rewriteOver(Node rel, List<Node> expressions) {
        List<Node> targets = new ArrayList<>();
        for (Node e : expressions) targets.add(Node.of("ResTarget").set("val", e));
        Node probe = Node.of("SelectStmt").set("targetList", targets).set("fromClause", new ArrayList<>(List.of(rel)))
                .set("op", "SETOP_NONE");
        types.select(probe, null);
        rewriteList(targets, types.scopeOf(probe), "val");
        for (int i = 0; i < expressions.size(); i++) expressions.set(i, targets.get(i).node("val"));
    }

    private void rewriteList(List<Node> holders, Scope scope, String field) {
        for (Node h : holders) rewriteField(h, field, scope);
    }

    private void rewriteItems(List<Node> items, Scope scope) {
        for (int i = 0; i < items.size(); i++) items.set(i, expr(items.get(i), scope));
    }

    private void rewriteField(Node holder, String field, Scope scope) {
        Node e = holder.node(field);
        if (e != null) holder.set(field, expr(e, scope));
    }

    /**
     * A result column whose value DuckDB holds with another precision than PostgreSQL shows it:
     * numeric division and avg of exact numbers at top level are computed as PostgreSQL's text.
     */
    private boolean topLevel(Node target, Scope scope, Node select) {
        Node val = target.node("val");
        SqlType t = val == null ? null : types.type(val, scope);
        if (t != null && !t.isArray() && RegTypes.outputFunction(t.name()) != null) {
            // an OID alias shows as the name it stands for; a column keeps its name once wrapped
            if (!target.has("name") && val.is("ColumnRef")) target.set("name", ColumnNames.nameOf(val));
            target.set("val", regs.out(val, t.name()));
            return true; // ORDER BY the column sorts by the OID, as PostgreSQL sorts an OID alias
        }
        if (t != null && t.dims() == 1 && OidArrays.isReg(t.name())) {
            if (!target.has("name") && val.is("ColumnRef")) target.set("name", ColumnNames.nameOf(val));
            val = OidArrays.resultNames(val, t.name(), types, regs::out);
            target.set("val", val);
        }
        Node bounded = val == null ? null : OidArrays.resultText(val, t, select);
        if (bounded != null) {
            if (!target.has("name") && val.is("ColumnRef")) target.set("name", ColumnNames.nameOf(val));
            target.set("val", bounded);
            return true;
        }
        if (val != null && val.is("DuckDbSql") && val.bool("exactDivision") && !stored) {
            target.set("val", Expressions.duckDb(val.str("topLevelSql"), val.list("args").toArray(new Node[0])));
        }
        return false;
    }

    /** The numeric quotients (division, avg) among the result columns, by position; null entries for the others. */
    private static Node[] quotients(List<Node> targets) {
        Node[] out = new Node[targets.size()];
        for (int i = 0; i < out.length; i++) {
            Node val = targets.get(i).node("val");
            if (val != null && val.is("DuckDbSql") && val.bool("exactDivision")) out[i] = val;
        }
        return out;
    }

    /**
     * ORDER BY a result column that is a quotient (by position or by its alias) sorts by the
     * number: the result column itself is PostgreSQL's text of it, which would sort as a string.
     * Where the query groups or is DISTINCT ({@code ofText}), it may sort only by what it shows:
     * by that text read as a double (the same order but where two values agree to 15 digits).
     */
    private static void sortByQuotients(Node s, Node[] quotients, boolean ofText) {
        List<Node> targets = s.list("targetList");
        for (Node sortBy : s.list("sortClause")) {
            Node key = sortBy.node("node");
            if (key == null) continue;
            int index = -1;
            if (key.is("A_Const") && key.has("ival")) {
                index = (int) key.node("ival").num("ival") - 1;
            } else if (key.is("ColumnRef") && key.list("fields").size() == 1 && key.list("fields").get(0).is("String")) {
                String name = key.names("fields").get(0);
                for (int i = 0; i < targets.size() && index < 0; i++) {
                    if (name.equals(targets.get(i).str("name"))) index = i;
                }
            }
            if (index < 0 || index >= quotients.length || quotients[index] == null || namesAWindow(quotients[index])) continue;
            if (!ofText) sortBy.set("node", quotients[index].copy());
            else if (quotients[index].bool("exactDivision")) {
                sortBy.set("node", Expressions.duckDb("CAST({0} AS DOUBLE)", ExactDivision.asText(quotients[index].copy())));
            }
        }
    }

    /** Whether an expression uses a window of the WINDOW clause by name (DuckDB accepts those in the select list only). */
    private static boolean namesAWindow(Node e) {
        boolean[] named = {false};
        TreeWalker.forEachNode(e, n -> {
            if (n.is("WindowDef") && (!n.str("name").isEmpty() || !n.str("refname").isEmpty())) named[0] = true;
        });
        return named[0];
    }

    /** Rewrites an expression bottom-up and returns its replacement (or itself). */
    private Node expr(Node e, Scope scope) {
        if (e == null || e.type() == null) return e;
        CommonTypes.check(e, types, scope);
        switch (e.type()) {
            case "SubLink" -> {
                if (e.node("testexpr") != null) e.set("testexpr", expr(e.node("testexpr"), scope));
                select(e.node("subselect"), scope, false);
                operators.subLink(e, scope);
                return e;
            }
            case "A_Expr" -> {
                RowArguments.ofConcatenation(e, scope, types);
                if (e.node("lexpr") != null) e.set("lexpr", expr(e.node("lexpr"), scope));
                Node r = e.node("rexpr");
                if (r != null && r.is("List")) rewriteItems(r.list("items"), scope);
                else if (r != null) e.set("rexpr", expr(r, scope));
                EnumComparisons.rewrite(e, scope, types);
                return operators.rewrite(e, scope);
            }
            case "FuncCall" -> {
                if (e.bool("func_variadic") && !e.list("args").isEmpty() && e.list("args").get(e.list("args").size() - 1).is("A_ArrayExpr")) {
                    // f(…, VARIADIC ARRAY[a, b]) is f(…, a, b)
                    List<Node> args = e.list("args");
                    Node array = args.remove(args.size() - 1);
                    args.addAll(array.list("elements"));
                    e.set("func_variadic", false);
                }
                if (Operators.lastName(e).equals("count") && e.list("args").size() == 1) {
                    // count(t), count(t.*): the rows of t, which a LEFT JOIN's missing rows are not
                    Node counted = RowReferences.countedColumn(e.list("args").get(0), scope);
                    if (counted != null) e.list("args").set(0, counted);
                    else if (RowReferences.isStarOfRelation(e.list("args").get(0))) return e; // DuckDB reports it, rather than count NULL rows
                }
                MacroArguments.qualify(e, scope);
                MacroArguments.typeConstants(e, types.catalog());
                RowReferences.wholeRowArguments(e.list("args"));
                RowArguments.ofCall(e, scope);
                rewriteItems(e.list("args"), scope);
                if (e.node("agg_filter") != null) e.set("agg_filter", expr(e.node("agg_filter"), scope));
                if (!e.bool("agg_within_group")) {
                    rewriteList(e.list("agg_order"), scope, "node");
                    jsonbKeys.sortItems(e.list("agg_order"), scope, null);
                }
                return functions.rewrite(e, scope);
            }
            case "CaseExpr" -> {
                if (e.node("arg") != null) e.set("arg", expr(e.node("arg"), scope));
                for (Node w : e.list("args")) {
                    rewriteField(w, "expr", scope);
                    if (e.node("arg") != null) {
                        // CASE x WHEN y compares x = y
                        OperatorRewrites.requireComparable("=", e.node("arg"), types.type(e.node("arg"), scope),
                                w.node("expr"), types.type(w.node("expr"), scope), w.location());
                    }
                    rewriteField(w, "result", scope);
                }
                rewriteField(e, "defresult", scope);
                IntegerWidening.caseResults(e, types, scope);
                return e;
            }
            case "TypeCast" -> {
                rewriteField(e, "arg", scope);
                return casts.rewrite(e, scope);
            }
            case "A_Indirection" -> {
                if (JsonCalls.isEachField(e.node("arg"), e.list("indirection"))) {
                    rewriteItems(e.node("arg").list("args"), scope);
                    return jsonCalls.eachField(e.node("arg"), e.list("indirection"), scope);
                }
                rewriteField(e, "arg", scope);
                SqlType t = types.type(e.node("arg"), scope);
                for (Node step : e.list("indirection")) {
                    if (step.is("A_Indices")) {
                        rewriteField(step, "uidx", scope);
                        rewriteField(step, "lidx", scope);
                    }
                }
                Node element = json.subscript(e.node("arg"), e.list("indirection"), t);
                if (element != null) return element;
                List<Node> steps = e.list("indirection");
                if (t != null && !t.isArray() && t.name().equals("name") && steps.size() == 1 && steps.get(0).is("A_Indices")
                        && !steps.get(0).bool("is_slice") && steps.get(0).node("uidx") != null) {
                    // a name is a fixed-length char array: typname[0] is its first byte, as a "char" (pg_dump asks so)
                    return Expressions.duckDb("CAST(substr(CAST({0} AS VARCHAR), CAST({1} AS BIGINT) + 1, 1) AS VARCHAR)",
                            e.node("arg"), steps.get(0).node("uidx")).set("pgType", "char");
                }
                ArraySubscripts.refuseScalar(t, steps);
                if (t != null && !t.isArray() && (t.name().equals("int2vector") || t.name().equals("oidvector"))) {
                    // int2vector and oidvector count their elements from 0
                    for (Node step : e.list("indirection")) {
                        if (!step.is("A_Indices")) continue;
                        for (String bound : new String[] {"uidx", "lidx"}) {
                            Node idx = step.node(bound);
                            if (idx != null) step.set(bound, Expressions.duckDb("({0} + 1)", idx));
                        }
                    }
                }
                return ArraySubscripts.rewrite(e, t, types);
            }
            case "NullTest" -> {
                rewriteField(e, "arg", scope);
                return CompositeText.nullTest(e, types.type(e.node("arg"), scope), types.catalog());
            }
            case "BooleanTest", "CollateClause" -> {
                rewriteField(e, "arg", scope);
                return e;
            }
            case "BoolExpr" -> {
                rewriteItems(e.list("args"), scope);
                String op = e.str("boolop").replace("_EXPR", "");
                for (Node a : e.list("args")) {
                    SqlType t = types.type(a, scope);
                    if (t != null && !t.isUnknown() && !(t.name().equals("bool") && !t.isArray())) {
                        throw new PgException("42804", "argument of " + op + " must be type boolean, not type " + FormatType.displayName(t));
                    }
                }
                return e;
            }
            case "CoalesceExpr", "MinMaxExpr", "RowExpr" -> {
                rewriteItems(e.list("args"), scope);
                SqlType common = e.is("RowExpr") ? null : types.type(e, scope);
                IntegerWidening.items(e.list("args"), common, types, scope);
                if (common != null && common.isArray()) {
                    // an untyped '{…}' among arrays is an array of their type (coalesce(array_agg(x), '{}'))
                    List<Node> args = e.list("args");
                    for (int i = 0; i < args.size(); i++) {
                        if (args.get(i).is("A_Const") && args.get(i).has("sval")) args.set(i, operators.typedConstant(args.get(i), common.withoutTypmod()));
                    }
                } else if (EnumComparisons.isEnum(common)) {
                    // an untyped string (or parameter) beside an enum is of the enum (coalesce(mood, 'ok') > 'sad' in its order)
                    List<Node> args = e.list("args");
                    for (int i = 0; i < args.size(); i++) args.set(i, EnumComparisons.enumConstant(args.get(i), common, types));
                } else if (common != null && common.isNumber()) {
                    // an untyped string among numbers is read as the common type (coalesce(1, 'x') is 22P02)
                    List<Node> args = e.list("args");
                    for (int i = 0; i < args.size(); i++) {
                        Node number = args.get(i).is("A_Const") && args.get(i).has("sval") ? NumberInput.cast(args.get(i), common, types) : null;
                        if (number != null) args.set(i, number);
                    }
                }
                return e;
            }
            case "A_ArrayExpr" -> {
                UntypedValues.arrayElements(e, types, scope);
                rewriteItems(e.list("elements"), scope);
                SqlType array = types.type(e, scope);
                if (array != null && array.dims() == 1) IntegerWidening.items(e.list("elements"), array.element(), types, scope);
                return e;
            }
            case "DuckDbSql" -> {
                if (e.bool(REWRITE_ARGS)) {
                    e.set(REWRITE_ARGS, null);
                    rewriteItems(e.list("args"), scope);
                }
                return e;
            }
            case "ParamRef" -> {
                return References.parameter(e, types);
            }
            case "GroupingSet", "GroupingFunc" -> {
                // ROLLUP's, CUBE's and GROUPING SETS' expressions (and grouping()'s) as the select list's are
                // rewritten, so that DuckDB matches them (date_trunc('month', d) as one group, not computed from d)
                rewriteItems(e.list(e.is("GroupingSet") ? "content" : "args"), scope);
                if (e.is("GroupingSet")) return e;
                Node grouping = Expressions.duckDb("CAST({0} AS INTEGER)", e); // grouping() is an integer in PostgreSQL
                types.assume(grouping, SqlType.INT4);
                return grouping;
            }
            case "ColumnRef" -> {
                List<String> fields = e.names("fields");
                TypeResolver.Col value = scope != null && fields.size() == 1 && e.list("fields").get(0).is("String")
                        ? scope.scalarFunctionColumn(fields.get(0)) : null;
                if (value != null) {
                    // the alias of a one-column function in FROM is its value (DuckDB reads it as a row)
                    e.set("fields", new ArrayList<>(List.of(Node.string(fields.get(0)), Node.string(value.name()))));
                    e.set("scalarAlias", fields.get(0));
                    return e;
                }
                return References.systemColumn(e, scope, types);
            }
            default -> {
                return e;
            }
        }
    }
}
