package dev.pgwire.serve.sql;

import java.util.List;

/**
 * Writes DuckDB SQL for a PostgreSQL parse tree: queries, data-changing statements and every
 * expression node of PostgreSQL 15's grammar that DuckDB can express. DuckDB's grammar descends
 * from PostgreSQL's, so most nodes are written as PostgreSQL writes them; the differences of
 * meaning are made beforehand by the rewrites ({@link Rewriter}), and type names go through
 * {@link TypeMapper}. Expressions are parenthesised wherever precedence could differ.
 *
 * <p>A node this class cannot write raises {@link Untranslatable}; the statement then goes to
 * DuckDB as it was sent.
 */
class Emitter {
    /** A construct that has no DuckDB spelling here. */
    static final class Untranslatable extends RuntimeException {
        Untranslatable(String what) {
            super(what, null, false, false);
        }
    }

    final SqlWriter w;
    final TypeMapper types;

    Emitter(SqlWriter w, TypeMapper types) {
        this.w = w;
        this.types = types;
    }

    // ---------------------------------------------------------------- statements

    /** Whether statements of this kind are written by the emitter (others go to DuckDB as sent). */
    static boolean handles(Node stmt) {
        return switch (stmt.type()) {
            case "SelectStmt", "InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt" -> true;
            default -> false;
        };
    }

    void statement(Node stmt) {
        switch (stmt.type()) {
            case "SelectStmt" -> select(stmt);
            case "InsertStmt" -> insert(stmt);
            case "UpdateStmt" -> update(stmt);
            case "DeleteStmt" -> delete(stmt);
            case "MergeStmt" -> MergeStatements.write(this, stmt);
            default -> throw new Untranslatable(stmt.type());
        }
    }

    void select(Node s) {
        with(s.node("withClause"));
        String op = s.str("op");
        if (!op.isEmpty() && !op.equals("SETOP_NONE")) {
            selectOperand(s.node("larg"));
            w.space().append(switch (op) {
                case "SETOP_UNION" -> "UNION";
                case "SETOP_INTERSECT" -> "INTERSECT";
                case "SETOP_EXCEPT" -> "EXCEPT";
                default -> throw new Untranslatable(op);
            });
            // PostgreSQL's set operations match columns by position, as DuckDB's UNION does; ALL keeps duplicates
            if (s.bool("all")) w.append(" ALL");
            w.append(' ');
            selectOperand(s.node("rarg"));
        } else if (s.has("valuesLists")) {
            w.append("VALUES ");
            List<Node> rows = s.list("valuesLists");
            for (int i = 0; i < rows.size(); i++) {
                if (i > 0) w.append(", ");
                w.append('(');
                exprList(rows.get(i).list("items"));
                w.append(')');
            }
        } else {
            w.append("SELECT");
            if (s.has("distinctClause")) {
                List<Node> on = s.list("distinctClause");
                w.append(" DISTINCT");
                if (!(on.size() == 1 && on.get(0).fields().isEmpty())) {
                    w.append(" ON (");
                    exprList(on);
                    w.append(')');
                }
            }
            List<Node> targets = s.list("targetList");
            w.append(' ');
            for (int i = 0; i < targets.size(); i++) {
                if (i > 0) w.append(", ");
                resTarget(targets.get(i));
            }
            Node into = s.node("intoClause");
            if (into != null) throw new Untranslatable("SELECT INTO");
            fromClause(s.list("fromClause"));
            where(s.node("whereClause"));
            if (s.has("groupClause")) {
                w.append(" GROUP BY ");
                if (s.bool("groupDistinct")) w.append("DISTINCT ");
                exprList(s.list("groupClause"));
            }
            if (s.node("havingClause") != null) {
                w.append(" HAVING ");
                expr(s.node("havingClause"));
            }
            if (s.has("windowClause")) {
                w.append(" WINDOW ");
                List<Node> windows = s.list("windowClause");
                for (int i = 0; i < windows.size(); i++) {
                    if (i > 0) w.append(", ");
                    w.ident(windows.get(i).str("name")).append(" AS ");
                    windowSpec(windows.get(i));
                }
            }
            if (s.node(WithTies.QUALIFY) != null) { // FETCH … WITH TIES
                w.append(" QUALIFY ");
                expr(s.node(WithTies.QUALIFY));
            }
        }
        orderBy(s.list("sortClause"));
        limit(s);
        locking(s.list("lockingClause"));
    }

    /** An operand of UNION/INTERSECT/EXCEPT: parenthesised when it has its own clauses. */
    private void selectOperand(Node s) {
        // a set operation as an operand keeps its parentheses: DuckDB, like PostgreSQL, binds INTERSECT before
        // UNION and EXCEPT and otherwise reads left to right, which is not the tree's grouping
        String op = s.str("op");
        boolean plain = !s.has("sortClause") && !s.has("limitCount") && !s.has("limitOffset") && !s.has("withClause")
                && !s.has("lockingClause") && (op.isEmpty() || op.equals("SETOP_NONE"));
        if (plain) {
            select(s);
        } else {
            w.append('(');
            select(s);
            w.append(')');
        }
    }

    private void limit(Node s) {
        Node count = s.node("limitCount");
        Node offset = s.node("limitOffset");
        if (count != null) {
            if (s.str("limitOption").equals("LIMIT_OPTION_WITH_TIES")) throw new Untranslatable("FETCH … WITH TIES");
            boolean all = count.is("A_Const") && count.bool("isnull");
            if (!all) {
                w.append(" LIMIT ");
                expr(count);
            }
        }
        if (offset != null) {
            // DuckDB's error names LIMIT for either; PostgreSQL's for OFFSET is its own
            if (offset.is("A_Const") && offset.node("ival") != null && offset.node("ival").num("ival") < 0) {
                throw new dev.pgwire.protocol.PgException("2201X", "OFFSET must not be negative");
            }
            w.append(" OFFSET ");
            expr(offset);
        }
    }

    private void locking(List<Node> clauses) {
        // the rows are locked by serve before the statement runs (LockingSelect, LockedRows); DuckDB
        // is given none of it
    }

    void with(Node with) {
        if (with == null) return;
        w.append("WITH ");
        if (with.bool("recursive")) w.append("RECURSIVE ");
        List<Node> ctes = with.list("ctes");
        for (int i = 0; i < ctes.size(); i++) {
            if (i > 0) w.append(", ");
            Node cte = ctes.get(i);
            if (cte.has("search_clause") || cte.has("cycle_clause")) throw new Untranslatable("SEARCH/CYCLE");
            w.ident(cte.str("ctename"));
            if (cte.has("aliascolnames")) {
                w.append('(');
                identList(cte.names("aliascolnames"));
                w.append(')');
            }
            w.append(" AS ");
            String mat = cte.str("ctematerialized");
            if (mat.equals("CTEMaterializeAlways")) w.append("MATERIALIZED ");
            else if (mat.equals("CTEMaterializeNever")) w.append("NOT MATERIALIZED ");
            w.append('(');
            statement(cte.node("ctequery"));
            w.append(')');
        }
        w.append(' ');
    }

    void resTarget(Node t) {
        Node val = t.node("val");
        w.mark(t.location());
        expr(val);
        String name = t.str("name");
        if (!name.isEmpty()) w.append(" AS ").ident(name);
    }

    void fromClause(List<Node> from) {
        if (from.isEmpty()) return;
        w.append(" FROM ");
        for (int i = 0; i < from.size(); i++) {
            if (i > 0) w.append(", ");
            fromItem(from.get(i));
        }
    }

    void where(Node where) {
        if (where == null) return;
        w.append(" WHERE ");
        expr(where);
    }

    void orderBy(List<Node> sort) {
        if (sort.isEmpty()) return;
        w.append(" ORDER BY ");
        for (int i = 0; i < sort.size(); i++) {
            if (i > 0) w.append(", ");
            sortBy(sort.get(i));
        }
    }

    void sortItem(Node s) {
        sortBy(s);
    }

    void windowSpecOf(Node def) {
        windowSpec(def);
    }

    private void sortBy(Node s) {
        expr(s.node("node"));
        switch (s.str("sortby_dir")) {
            case "SORTBY_ASC" -> w.append(" ASC");
            case "SORTBY_DESC" -> w.append(" DESC");
            case "SORTBY_USING" -> {
                String op = String.join(".", s.names("useOp"));
                if (op.endsWith("<")) w.append(" ASC");
                else if (op.endsWith(">")) w.append(" DESC");
                else throw new Untranslatable("ORDER BY USING " + op);
            }
            default -> { }
        }
        switch (s.str("sortby_nulls")) {
            case "SORTBY_NULLS_FIRST" -> w.append(" NULLS FIRST");
            case "SORTBY_NULLS_LAST" -> w.append(" NULLS LAST");
            default -> { }
        }
    }

    void fromItem(Node f) {
        switch (f.type()) {
            case "RangeVar" -> rangeVar(f, true);
            case "JoinExpr" -> join(f);
            case "RangeSubselect" -> {
                if (f.bool("lateral")) w.append("LATERAL ");
                w.append('(');
                statement(f.node("subquery"));
                w.append(')');
                alias(f.node("alias"));
            }
            case "RangeFunction" -> rangeFunction(f);
            default -> throw new Untranslatable(f.type());
        }
    }

    void rangeVar(Node r, boolean withAlias) {
        w.mark(r.location());
        if (r.has("pgwire_subquery")) { // a catalog relation computed for the session (pg_settings)
            w.append('(').append(r.str("pgwire_subquery")).append(')');
            if (withAlias) alias(r.node("alias"));
            return;
        }
        if (!r.str("catalogname").isEmpty()) w.ident(r.str("catalogname")).append('.');
        if (!r.str("schemaname").isEmpty()) w.ident(r.str("schemaname")).append('.');
        w.ident(r.str("relname"));
        if (withAlias) alias(r.node("alias"));
    }

    void alias(Node a) {
        if (a == null) return;
        w.append(" AS ").ident(a.str("aliasname"));
        if (a.has("colnames")) {
            w.append('(');
            identList(a.names("colnames"));
            w.append(')');
        }
    }

    private void join(Node j) {
        boolean parens = j.has("alias");
        if (parens) w.append('(');
        fromItem(j.node("larg"));
        w.append(' ');
        if (j.bool("isNatural")) w.append("NATURAL ");
        boolean cross = !j.bool("isNatural") && !j.has("quals") && !j.has("usingClause") && j.str("jointype").equals("JOIN_INNER");
        w.append(switch (j.str("jointype")) {
            case "JOIN_LEFT" -> "LEFT JOIN ";
            case "JOIN_RIGHT" -> "RIGHT JOIN ";
            case "JOIN_FULL" -> "FULL JOIN ";
            default -> cross ? "CROSS JOIN " : "JOIN ";
        });
        Node right = j.node("rarg");
        boolean nested = right.is("JoinExpr") && !right.has("alias");
        if (nested) w.append('(');
        fromItem(right);
        if (nested) w.append(')');
        if (j.has("usingClause")) {
            w.append(" USING (");
            identList(j.names("usingClause"));
            w.append(')');
            if (j.has("join_using_alias")) throw new Untranslatable("JOIN USING … AS");
        } else if (j.node("quals") != null) {
            w.append(" ON ");
            expr(j.node("quals"));
        }
        if (parens) {
            w.append(')');
            alias(j.node("alias"));
        }
    }

    private void rangeFunction(Node f) {
        if (f.has("pgwire_subquery")) { // a catalog function answered from serve's catalog tables
            w.append('(').append(f.str("pgwire_subquery")).append(')');
            Node a = f.node("alias");
            if (a == null) {
                w.append(" AS ").ident(f.str("pgwire_name"));
            } else if (f.bool("pgwire_single") && !a.has("colnames")) {
                w.append(" AS ").ident(a.str("aliasname")).append('(').ident(a.str("aliasname")).append(')');
            } else {
                alias(a);
            }
            return;
        }
        if (f.bool("lateral")) w.append("LATERAL ");
        List<Node> functions = f.list("functions");
        if (f.has("pgwire_scalar")) { // a function returning one value: a one-row relation named after it
            String name = f.str("pgwire_scalar");
            Node a = f.node("alias");
            String column = a != null && !a.has("colnames") ? a.str("aliasname") : name;
            w.append("(SELECT ");
            expr(functions.get(0).list("items").get(0));
            w.append(" AS ").ident(column).append(')');
            if (a == null) w.append(" AS ").ident(name); else alias(a);
            return;
        }
        if (f.bool("is_rowsfrom") || functions.size() != 1) throw new Untranslatable("ROWS FROM");
        List<Node> pair = functions.get(0).list("items");
        if (pair.size() > 1 && pair.get(1) != null && !pair.get(1).list("items").isEmpty()) {
            throw new Untranslatable("column definition list");
        }
        Node call = pair.get(0);
        if (call.is("FuncCall") && call.names("funcname").get(call.names("funcname").size() - 1).equals("unnest")
                && call.list("args").size() > 1) {
            // unnest(a, b, …): the arrays side by side, the shorter ones padded with NULL — DuckDB's
            // unnests in one select list do just that (Django's bulk_create inserts from one)
            List<Node> args = call.list("args");
            w.append("(SELECT ");
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) w.append(", ");
                w.append("unnest(");
                expr(args.get(i));
                w.append(") AS ").ident("unnest_" + (i + 1));
            }
            if (f.bool("ordinality")) { // WITH ORDINALITY: 1, 2, … up to the longest array
                w.append(", unnest(range(1, greatest(");
                for (int i = 0; i < args.size(); i++) {
                    if (i > 0) w.append(", ");
                    w.append("coalesce(len(");
                    expr(args.get(i));
                    w.append("), 0)");
                }
                w.append(") + 1)) AS ").ident("ordinality");
            }
            w.append(')');
            if (f.node("alias") != null) {
                alias(f.node("alias"));
            } else {
                w.append(" AS unnest(");
                for (int i = 0; i < args.size(); i++) w.append(i > 0 ? ", " : "").ident("unnest");
                if (f.bool("ordinality")) w.append(", ").ident("ordinality");
                w.append(')');
            }
            return;
        }
        boolean valueAlias = SetFunctionAliases.aliasNamesValue(f, call, types.catalog());
        expr(call);
        if (f.bool("ordinality")) w.append(" WITH ORDINALITY");
        Node a = f.node("alias");
        if (valueAlias) {
            w.append(" AS ").ident(a.str("aliasname")).append('(').ident(a.str("aliasname")).append(')');
            return;
        }
        alias(a);
    }

    private void windowSpec(Node def) {
        w.append('(');
        boolean any = false;
        if (!def.str("refname").isEmpty()) {
            w.ident(def.str("refname"));
            any = true;
        }
        if (def.has("partitionClause")) {
            if (any) w.append(' ');
            w.append("PARTITION BY ");
            exprList(def.list("partitionClause"));
            any = true;
        }
        if (def.has("orderClause")) {
            if (any) w.append(' ');
            w.append("ORDER BY ");
            List<Node> sort = def.list("orderClause");
            for (int i = 0; i < sort.size(); i++) {
                if (i > 0) w.append(", ");
                sortBy(sort.get(i));
            }
            any = true;
        }
        WindowFrame.write(this, def, any);
        w.append(')');
    }

    // ---------------------------------------------------------------- INSERT, UPDATE, DELETE

    private void insert(Node s) {
        if (s.has(UpsertOrder.FIELD)) {
            UpsertOrder.write(this, s);
        } else if (s.has(ConflictBatches.NOTHING) || s.has(ConflictBatches.UPDATE)) {
            ConflictBatches.write(this, s);
            returning(s.list("returningList"));
        } else if (ReturningQuery.applies(s)) {
            ReturningQuery.write(this, s, () -> insertBody(s, null));
        } else {
            insertBody(s, null);
            returning(s.list("returningList"));
        }
    }

    /** INSERT without RETURNING; {@code source}, when not null, writes what stands for its VALUES or query. */
    void insertBody(Node s, Runnable source) {
        with(s.node("withClause"));
        w.append("INSERT INTO ");
        Node rel = s.node("relation");
        rangeVar(rel, false);
        if (rel.node("alias") != null) w.append(" AS ").ident(rel.node("alias").str("aliasname"));
        if (s.has("cols")) {
            w.append(" (");
            List<Node> cols = s.list("cols");
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) w.append(", ");
                if (cols.get(i).has("indirection")) throw new Untranslatable("INSERT into a field or element");
                w.ident(cols.get(i).str("name"));
            }
            w.append(')');
        }
        if (s.str("override").equals("OVERRIDING_USER_VALUE")) throw new Untranslatable("OVERRIDING USER VALUE");
        Node select = s.node("selectStmt");
        if (select == null) {
            w.append(" DEFAULT VALUES");
        } else {
            w.append(' ');
            if (source != null) source.run(); else statement(select);
        }
        Node conflict = s.node("onConflictClause");
        if (conflict != null) onConflict(conflict);
    }

    private void onConflict(Node c) {
        w.append(" ON CONFLICT");
        Node infer = c.node("infer");
        if (infer != null) {
            if (!infer.str("conname").isEmpty()) throw new Untranslatable("ON CONFLICT ON CONSTRAINT");
            w.append(" (");
            List<Node> elems = infer.list("indexElems");
            for (int i = 0; i < elems.size(); i++) {
                if (i > 0) w.append(", ");
                Node e = elems.get(i);
                if (e.node("expr") != null) expr(e.node("expr")); else w.ident(e.str("name"));
            }
            w.append(')');
            where(infer.node("whereClause"));
        }
        if (c.str("action").equals("ONCONFLICT_NOTHING")) {
            w.append(" DO NOTHING");
        } else {
            w.append(" DO UPDATE SET ");
            setList(c.list("targetList"));
            where(c.node("whereClause"));
        }
    }

    private void update(Node s) {
        if (ReturningQuery.applies(s)) {
            ReturningQuery.write(this, s, () -> updateBody(s));
        } else {
            updateBody(s);
            returning(s.list("returningList"));
        }
    }

    private void updateBody(Node s) {
        with(s.node("withClause"));
        w.append("UPDATE ");
        rangeVar(s.node("relation"), true);
        w.append(" SET ");
        setList(s.list("targetList"));
        fromClause(s.list("fromClause"));
        where(s.node("whereClause"));
    }

    /** SET a = 1, (b, c) = (2, 3): MultiAssignRef targets are regrouped into their row. */
    void setList(List<Node> targets) {
        for (int i = 0; i < targets.size(); i++) {
            if (i > 0) w.append(", ");
            Node t = targets.get(i);
            if (t.has("indirection")) throw new Untranslatable("UPDATE of a field or element");
            Node val = t.node("val");
            if (val != null && val.is("MultiAssignRef")) {
                int n = (int) val.num("ncolumns");
                Node source = val.node("source");
                if (!source.is("RowExpr")) throw new Untranslatable("SET (…) = (SELECT …)");
                List<Node> args = source.list("args");
                for (int k = 0; k < n; k++) {
                    if (k > 0) w.append(", ");
                    Node tk = targets.get(i + k);
                    w.ident(tk.str("name")).append(" = ");
                    expr(args.get(k));
                }
                i += n - 1;
                continue;
            }
            w.ident(t.str("name")).append(" = ");
            expr(val);
        }
    }

    private void delete(Node s) {
        if (ReturningQuery.applies(s)) {
            ReturningQuery.write(this, s, () -> deleteBody(s));
        } else {
            deleteBody(s);
            returning(s.list("returningList"));
        }
    }

    private void deleteBody(Node s) {
        with(s.node("withClause"));
        w.append("DELETE FROM ");
        rangeVar(s.node("relation"), true);
        if (s.has("usingClause")) {
            w.append(" USING ");
            List<Node> using = s.list("usingClause");
            for (int i = 0; i < using.size(); i++) {
                if (i > 0) w.append(", ");
                fromItem(using.get(i));
            }
        }
        where(s.node("whereClause"));
    }

    private void returning(List<Node> list) {
        if (list.isEmpty()) return;
        w.append(" RETURNING ");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) w.append(", ");
            resTarget(list.get(i));
        }
    }

    // ---------------------------------------------------------------- expressions

    void exprList(List<Node> list) {
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) w.append(", ");
            expr(list.get(i));
        }
    }

    void identList(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) w.append(", ");
            w.ident(names.get(i));
        }
    }

    void expr(Node e) {
        if (e == null) {
            w.append("NULL");
            return;
        }
        Expressions.write(this, e);
    }
}
