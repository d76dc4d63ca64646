package dev.pgwire.serve.sql;

import dev.pgwire.serve.catalog.RegTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Arrays of OIDs and of the OID alias types: {@code proargtypes::regtype[]} is an array of the types
 * an oidvector names, and {@code ::text[]} of it their names, as PostgreSQL gives them. An oidvector
 * or int2vector counts its elements from 0, and so does an array cast from it: PostgreSQL shows
 * {@code proargtypes::int[]} as {@code [0:1]={26,23}}. Such an array among a statement's result
 * columns is written as PostgreSQL's text of it, with its bounds (the column keeps its array type).
 */
final class OidArrays {
    private OidArrays() {}

    /** Marks a rewritten array whose subscripts start at 0 (an oidvector or int2vector, or cast from one). */
    private static final String ZERO_BASED = "zeroBasedArray";
    private static final Set<String> TEXTS = Set.of("text", "varchar", "name", "bpchar");
    private static final Set<String> NUMBERS = Set.of("oid", "int2", "int4", "int8");

    static boolean isVector(SqlType t) {
        return t != null && !t.isArray() && (t.name().equals("oidvector") || t.name().equals("int2vector"));
    }

    /**
     * A cast to an array type of an array of OIDs or of a vector, rewritten; {@code cast} itself when
     * nothing needs doing. {@code regOut} writes an OID alias as its name.
     */
    static Node cast(Node cast, PgTypeName target, SqlType from, TypeResolver types, RegOut regOut) {
        Node arg = cast.node("arg");
        if (target.dimensions() != 1 || from == null) return cast;
        boolean zeroBased = isVector(from) || arg.bool(ZERO_BASED);
        boolean oids = isVector(from) || from.isArray() && from.dims() == 1 && (NUMBERS.contains(from.name()) || isReg(from.name()));
        if (RegTypes.NAMES.contains(target.name()) && oids) {
            Node out = Expressions.duckDb("CAST({0} AS BIGINT[])", arg);
            if (zeroBased) out.set(ZERO_BASED, true);
            types.assume(out, SqlType.of(target.name()).arrayOf());
            return out;
        }
        if (TEXTS.contains(target.name()) && from.isArray() && from.dims() == 1 && isReg(from.name())) {
            if (arg.is("CoalesceExpr")) {
                // each array in its own names: which one is the value decides the bounds too
                List<Node> args = new ArrayList<>();
                for (Node a : arg.list("args")) {
                    SqlType t = types.type(a, null);
                    args.add(t != null && t.isArray() && isReg(t.name()) ? names(a, t.name(), target, types, regOut) : a);
                }
                arg.set("args", args);
                types.assume(arg, SqlType.of(target.name()).arrayOf());
                return arg;
            }
            return names(arg, from.name(), target, types, regOut);
        }
        if (zeroBased) cast.set(ZERO_BASED, true);
        return cast;
    }

    /** Writes one OID alias value as its name (see TypedRewrites' regOut). */
    interface RegOut {
        Node apply(Node value, String type);
    }

    private static Node names(Node array, String regType, PgTypeName target, TypeResolver types, RegOut regOut) {
        Node element = Expressions.duckDb("x");
        types.assume(element, SqlType.of(regType));
        Node out = Expressions.duckDb("list_transform({0}, lambda x: {1})", array, regOut.apply(element, regType));
        if (array.bool(ZERO_BASED)) out.set(ZERO_BASED, true);
        types.assume(out, SqlType.of(target.name()).arrayOf());
        return out;
    }

    /** An OID alias array among the result columns: the names of its elements. */
    static Node resultNames(Node array, String regType, TypeResolver types, RegOut regOut) {
        Node out = names(array, regType, new PgTypeName("text", -1, 1, true), types, regOut);
        types.assume(out, SqlType.of(regType).arrayOf());
        return out;
    }

    static boolean isReg(String name) {
        return RegTypes.outputFunction(name) != null;
    }

    /**
     * A result column's value that is, or may be, an array counted from 0: PostgreSQL's text of
     * it with the bounds ({@code [0:1]={26,23}}); null when the value is no such array.
     */
    static Node resultText(Node val, SqlType type, Node select) {
        if (type == null || !type.isArray() || type.dims() != 1) return null;
        if (val.bool(ZERO_BASED)) return withBounds(val, type);
        if (val.is("ColumnRef") && select != null) {
            // a column of a CTE or subquery that is such an array
            Node definition = definition(val, select);
            if (definition != null && definition.bool(ZERO_BASED)) return withBounds(val, type);
        }
        if (val.is("CoalesceExpr")) {
            boolean any = false;
            for (Node a : val.list("args")) any |= a.bool(ZERO_BASED);
            if (!any) return null;
            List<Node> args = new ArrayList<>();
            for (Node a : val.list("args")) {
                Node text = a.bool(ZERO_BASED) ? withBounds(a, type) : ArrayText.of(a, elementsAs(type));
                if (text == null) return null;
                args.add(text);
            }
            return Node.of("CoalesceExpr").set("args", args).set("location", val.location());
        }
        return null;
    }

    /** Whether a column of a CTE or subquery in {@code select}'s FROM is an array counted from 0. */
    static boolean countsFromZero(Node columnRef, Node select) {
        Node definition = definition(columnRef, select);
        return definition != null && definition.bool(ZERO_BASED);
    }

    /**
     * The expression a column of a CTE or of a subquery in {@code select}'s FROM stands for, once
     * rewritten (the first branch's, for a set operation), or null.
     */
    private static Node definition(Node columnRef, Node select) {
        List<String> fields = columnRef.names("fields");
        if (fields.isEmpty() || fields.size() > 2) return null;
        String qualifier = fields.size() == 2 ? fields.get(0) : null;
        String column = fields.get(fields.size() - 1);
        List<Node> items = new ArrayList<>(select.list("fromClause"));
        Node found = null;
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (item.is("JoinExpr")) {
                items.add(item.node("larg"));
                items.add(item.node("rarg"));
                continue;
            }
            Node alias = item.node("alias");
            if (alias != null && alias.has("colnames")) continue;
            Node query = null;
            String name = null;
            if (item.is("RangeSubselect") && alias != null) {
                query = item.node("subquery");
                name = alias.str("aliasname");
            } else if (item.is("RangeVar") && item.str("schemaname").isEmpty() && select.node("withClause") != null) {
                name = alias != null ? alias.str("aliasname") : item.str("relname");
                for (Node cte : select.node("withClause").list("ctes")) {
                    if (cte.str("ctename").equals(item.str("relname")) && !cte.has("aliascolnames")) query = cte.node("ctequery");
                }
            }
            if (query == null || (qualifier != null && !qualifier.equals(name))) continue;
            while (query.node("larg") != null) query = query.node("larg");
            for (Node t : query.list("targetList")) {
                Node val = t.node("val");
                String named = t.has("name") ? t.str("name") : val == null ? null : ColumnNames.nameOf(val);
                if (column.equals(named)) {
                    if (found != null) return null; // named twice: not told apart here
                    found = val;
                }
            }
        }
        return found;
    }

    private static Node withBounds(Node array, SqlType type) {
        Node text = ArrayText.of(array, elementsAs(type));
        if (text == null) return null;
        return Expressions.duckDb("CASE WHEN len({0}) = 0 THEN {1} ELSE '[0:' || CAST(len({0}) - 1 AS VARCHAR) || ']=' || {1} END",
                array, text);
    }

    /** The element type whose text ArrayText writes as this array's (OIDs are numbers, names text). */
    private static SqlType elementsAs(SqlType type) {
        if (NUMBERS.contains(type.name())) return SqlType.INT8.arrayOf();
        if (isReg(type.name()) || TEXTS.contains(type.name())) return SqlType.TEXT.arrayOf();
        return type;
    }
}
