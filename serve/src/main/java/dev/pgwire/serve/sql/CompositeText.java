package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.List;
import java.util.Set;

/**
 * A composite value cast to text ({@code p::text}) in PostgreSQL's record notation —
 * {@code (1,"a b",)} — where DuckDB would write its struct notation ({@code {'a': 1, 'b': a b}}).
 * Each attribute is written as PostgreSQL's output function writes it and quoted by record_out's
 * rules (empty, or holding quotes, backslashes, parentheses, commas or white space; quotes and
 * backslashes doubled). A composite with an attribute whose text DuckDB does not write as
 * PostgreSQL does is refused rather than written differently.
 */
final class CompositeText {
    private CompositeText() {}

    private static final Set<String> TEXTS = Set.of("text", "varchar", "bpchar", "name");
    private static final Set<String> PLAIN = Set.of("int2", "int4", "int8", "uuid", "date");

    /** The DuckDB expression writing {@code value} (of composite type {@code c}) as PostgreSQL's text. */
    static Node of(Node value, CompositeMeta c) {
        StringBuilder sb = new StringBuilder("CASE WHEN r IS NULL THEN NULL ELSE '(' || ");
        List<String> attributes = c.attributes();
        for (int i = 0; i < attributes.size(); i++) {
            PgTypeName t = c.types().get(i);
            String e = "struct_extract(r, " + SqlWriter.quoteLiteral(attributes.get(i)) + ")";
            String text;
            if (t.isArray()) {
                text = null;
            } else if (TEXTS.contains(t.name())) {
                text = e;
            } else if (PLAIN.contains(t.name())) {
                text = "CAST(" + e + " AS VARCHAR)";
            } else if (t.name().equals("bool")) {
                text = "CASE WHEN " + e + " THEN 't' ELSE 'f' END";
            } else {
                text = null;
            }
            if (text == null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "a composite value with an attribute of type "
                        + t.name() + (t.isArray() ? "[]" : "") + " cannot be cast to text")
                        .withDetail("The value itself is written in PostgreSQL's notation when it is a query's result.");
            }
            if (i > 0) sb.append(" || ',' || ");
            sb.append("coalesce(CASE WHEN (").append(text).append(") = '' OR regexp_matches(").append(text)
                    .append(", '[\"\\\\(),\\s]') THEN '\"' || replace(replace(").append(text)
                    .append(", '\\', '\\\\'), '\"', '\"\"') || '\"' ELSE ").append(text).append(" END, '')");
        }
        sb.append(" || ')' END");
        // the value is named once: a lambda over a one-element list binds it
        return Expressions.duckDb("list_transform([{0}], lambda r: " + sb + ")[1]", value);
    }

    /**
     * IS [NOT] NULL of a row as PostgreSQL tests it: a row is null when it is null or every
     * attribute is, and not null when every attribute is not null (DuckDB tests the struct alone).
     */
    static Node nullTest(Node test, SqlType argType, CatalogView catalog) {
        Node arg = test.node("arg");
        boolean isNull = test.str("nulltesttype").equals("IS_NULL");
        if (arg.is("RowExpr")) {
            List<Node> each = new java.util.ArrayList<>();
            for (Node a : arg.list("args")) each.add(Node.of("NullTest").set("arg", a).set("nulltesttype", test.str("nulltesttype")));
            if (each.size() == 1) return each.get(0);
            return Node.of("BoolExpr").set("boolop", "AND_EXPR").set("args", each);
        }
        CompositeMeta c = argType == null || argType.isArray() || TypeMapper.knownBuiltin(argType.name()) ? null
                : catalog.composite(null, argType.name());
        if (c == null) return test;
        StringBuilder sb = new StringBuilder(isNull ? "r IS NULL OR (" : "r IS NOT NULL AND (");
        for (int i = 0; i < c.attributes().size(); i++) {
            if (i > 0) sb.append(" AND ");
            sb.append("struct_extract(r, ").append(SqlWriter.quoteLiteral(c.attributes().get(i))).append(isNull ? ") IS NULL" : ") IS NOT NULL");
        }
        return Expressions.duckDb("list_transform([{0}], lambda r: " + sb + "))[1]", arg);
    }
}
