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
            String text = attributeText("struct_extract(r, " + SqlWriter.quoteLiteral(attributes.get(i)) + ")", t, false);
            if (text == null) throw refused(t);
            if (i > 0) sb.append(" || ',' || ");
            sb.append(quoted(text));
        }
        sb.append(" || ')' END");
        // the value is named once: a lambda over a one-element list binds it
        return Expressions.duckDb("list_transform([{0}], lambda r: " + sb + ")[1]", value);
    }

    /**
     * A row constructor cast to text ({@code ROW(1, 'a')::text}, {@code (a, b)::text}): each field
     * as its type's output function writes it, quoted by record_out's rules; null when a field's
     * type is not known.
     */
    static Node ofRow(Node row, List<SqlType> fieldTypes) {
        List<Node> fields = row.list("args");
        StringBuilder sb = new StringBuilder("'(' || ");
        for (int i = 0; i < fields.size(); i++) {
            SqlType t = fieldTypes.get(i);
            if (t == null) return null;
            Node f = fields.get(i);
            boolean constantNumeric = f.is("A_Const") && f.has("fval");
            String text = t.isUnknown() ? "CAST({" + i + "} AS VARCHAR)" : attributeText("{" + i + "}", t.asTypeName(), constantNumeric);
            if (text == null) throw refused(t.asTypeName());
            if (i > 0) sb.append(" || ',' || ");
            // each field is named once: a lambda over a one-element list binds it
            sb.append("list_transform([").append(text).append("], lambda s: ").append(quoted("s")).append(")[1]");
        }
        sb.append(" || ')'");
        return Expressions.duckDb(sb.toString(), fields.toArray(new Node[0]));
    }

    /** Whether an attribute of type {@code t} is written here as record_out writes it. */
    static boolean writable(PgTypeName t) {
        return attributeText("v", t, false) != null;
    }

    /** The text of an attribute of type {@code t} written from DuckDB expression {@code e}, or null when DuckDB's is not PostgreSQL's. */
    private static String attributeText(String e, PgTypeName t, boolean constantNumeric) {
        if (t.isArray()) return null;
        if (TEXTS.contains(t.name())) {
            // character(n) is written with its padding (serve keeps its values without it)
            return t.name().equals("bpchar") && t.typmod() > 4 ? "rpad(CAST(" + e + " AS VARCHAR), " + (t.typmod() - 4) + ", ' ')" : e;
        }
        if (PLAIN.contains(t.name())) return "CAST(" + e + " AS VARCHAR)";
        if (t.name().equals("numeric") && (t.typmod() >= 0 || constantNumeric)) return "CAST(" + e + " AS VARCHAR)";
        if (t.name().equals("bool")) return "CASE WHEN " + e + " THEN 't' WHEN NOT " + e + " THEN 'f' END";
        if (t.name().equals("float8")) return "pg_float8_text(CAST(" + e + " AS DOUBLE))";
        if (t.name().equals("float4")) return "pg_float4_text(CAST(" + e + " AS FLOAT))";
        return null;
    }

    /** record_out's quoting of an attribute's text: empty, or holding quotes, backslashes, parentheses, commas or white space. */
    private static String quoted(String text) {
        return "coalesce(CASE WHEN (" + text + ") = '' OR regexp_matches(" + text + ", '[\"\\\\(),\\s]') THEN '\"' || replace(replace("
                + text + ", '\\', '\\\\'), '\"', '\"\"') || '\"' ELSE " + text + " END, '')";
    }

    private static PgException refused(PgTypeName t) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "a composite value with an attribute of type "
                + t.name() + (t.isArray() ? "[]" : "") + " cannot be cast to text")
                .withDetail("The value itself is written in PostgreSQL's notation when it is a query's result.");
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
