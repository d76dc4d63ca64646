package dev.pgwire.serve.sql;

import java.util.List;

/**
 * A smallint among integers — a branch of CASE, an argument of coalesce, greatest or least, an
 * element of ARRAY[] — is widened to the common type PostgreSQL gives them (integer beside an
 * integer constant). DuckDB types a small constant smallint beside a smallint, and the result
 * then overflows where PostgreSQL's integer does not ({@code CASE … THEN s ELSE 2 END * 20000}).
 */
final class IntegerWidening {
    private IntegerWidening() {}

    /** {@code branch}, cast to {@code common} where it is a narrower integer. */
    static Node branch(Node branch, SqlType common, TypeResolver types, TypeResolver.Scope scope) {
        if (branch == null || common == null || common.isArray() || !(common.is(SqlType.INT4) || common.is(SqlType.INT8))) return branch;
        SqlType t = types.type(branch, scope);
        if (t == null || t.isArray() || !(t.is(SqlType.INT2) || t.is(SqlType.INT4) && common.is(SqlType.INT8))) return branch;
        Node cast = Expressions.duckDb("CAST({0} AS " + (common.is(SqlType.INT8) ? "BIGINT" : "INTEGER") + ")", branch);
        types.assume(cast, common.withoutTypmod());
        return cast;
    }

    /** Each of {@code items}, widened to {@code common}. */
    static void items(List<Node> items, SqlType common, TypeResolver types, TypeResolver.Scope scope) {
        for (int i = 0; i < items.size(); i++) items.set(i, branch(items.get(i), common, types, scope));
    }

    /** The results of CASE {@code e}, widened to its type. */
    static void caseResults(Node e, TypeResolver types, TypeResolver.Scope scope) {
        SqlType common = types.type(e, scope);
        for (Node w : e.list("args")) w.set("result", branch(w.node("result"), common, types, scope));
        if (e.node("defresult") != null) e.set("defresult", branch(e.node("defresult"), common, types, scope));
    }
}
