package dev.pgwire.serve.sql;

import dev.pgwire.serve.catalog.Builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An expression of a definition (a column default, a check constraint, an index key or
 * predicate) as PostgreSQL prints it back (pg_get_expr, pg_get_constraintdef, pg_get_indexdef):
 * after PostgreSQL's analysis, with the types it gives constants ({@code 'x'::character varying}),
 * the implicit casts it adds where they show ({@code price > (0)::numeric}), IN lists as
 * {@code = ANY (ARRAY[…])}, BETWEEN as two comparisons, and its parentheses — every operator in
 * parentheses, or in the pretty form only where precedence needs them.
 *
 * <p>This class analyses the raw tree ({@link DeparseWriter} writes the result). Constructs it
 * does not know give null; the caller then keeps the text as written.
 */
public final class PgDeparse {
    /** A type: a built-in's OID (0 for a user type), its pg_type name and modifier. */
    public record Type(int oid, String name, int typmod) {
        static Type of(int oid) {
            return new Type(oid, Builtins.typeName(oid), -1);
        }

        static Type of(PgTypeName t) {
            String typname = t.typname();
            int oid = t.builtin() ? Builtins.typeOid(typname) : 0;
            return new Type(oid, oid != 0 ? typname : t.isArray() ? t.name() + "[]" : t.name(), t.typmod());
        }

        boolean same(Type o) {
            return o != null && (oid != 0 ? oid == o.oid : o.oid == 0 && name.equals(o.name));
        }

        String label() {
            // a user type: named as the asking session's search_path finds it
            if (oid == 0) return name.endsWith("[]") ? SchemaNames.type(name.substring(0, name.length() - 2)) + "[]" : SchemaNames.type(name);
            int element = Builtins.elementOf(oid);
            boolean array = element != 0 && name.startsWith("_");
            String base = array ? Builtins.typeName(element) : name;
            return FormatTypeText.format(base, array, typmod);
        }
    }

    /** The analysed expression: what PostgreSQL's parse analysis makes of the raw tree. */
    interface E {
        Type type();
    }

    /** A column: {@code qualifier} is the name of its FROM item where it is written qualified (a view's query), else null. */
    record Var(String qualifier, String name, Type type) implements E {
    }

    /** A subquery of an expression ({@code (SELECT …)}, {@code x IN (SELECT …)}, {@code EXISTS (SELECT …)}). */
    record SubLink(String kind, E test, String op, Node select, Type type) implements E {
    }

    /** The subqueries of an expression, written by the query's writer (a view's). */
    interface Subqueries {
        /** The type of the subquery's one column. */
        Type type(Node select);

        /** The subquery as ruleutils writes it, indented from {@code indentLevel}. */
        String text(Node select, int indentLevel);
    }

    /** A constant: {@code kind} i (integer), n (numeric text), b (boolean), s (string), null. */
    record Const(String text, char kind, Type type, boolean isNull) implements E {
    }

    record Coerce(E arg, Type type, boolean implicit) implements E {
    }

    record Op(String name, E left, E right, Type type) implements E {
    }

    record Func(String name, List<E> args, Type type, boolean star, boolean distinct, E filter, Window over) implements E {
        Func(String name, List<E> args, Type type) {
            this(name, args, type, false, false, null, null);
        }
    }

    /** A window function's OVER (PARTITION BY … ORDER BY …), with the default frame. */
    record Window(List<E> partition, List<E> order, List<String> directions) {
    }

    record Bool(String op, List<E> args) implements E {
        public Type type() {
            return Type.of(16);
        }
    }

    record NullTest(E arg, boolean not) implements E {
        public Type type() {
            return Type.of(16);
        }
    }

    record AnyAll(String op, boolean any, E left, E array) implements E {
        public Type type() {
            return Type.of(16);
        }
    }

    record Arr(List<E> elements, Type type) implements E {
    }

    record Keyword(String text, Type type) implements E {
    }

    /** COALESCE, GREATEST, LEAST or NULLIF ({@code name}) of its arguments, written as a function of them. */
    record Coalesce(String name, List<E> args, Type type) implements E {
    }

    /** A CASE; {@code arg} is the value a simple CASE compares (each WHEN is then the compared value alone), else null. */
    record Case(E arg, List<E[]> whens, E otherwise, Type type) implements E {
    }

    /** Not something this class can write. */
    static final class Unknown extends RuntimeException {
        Unknown() {
            super(null, null, false, false);
        }
    }

    private final Function<List<String>, Var> columns;
    private final Subqueries subqueries;
    private final DeparseWriter writer;

    private PgDeparse(Function<List<String>, Var> columns, boolean pretty, Subqueries subqueries) {
        this.columns = columns;
        this.subqueries = subqueries;
        this.writer = new DeparseWriter(pretty, subqueries);
    }

    /** An analyser and writer of a view's expressions: {@code columns} resolves a column reference's names. */
    static PgDeparse forQuery(Function<List<String>, Var> columns, boolean pretty, Subqueries subqueries) {
        return new PgDeparse(columns, pretty, subqueries);
    }

    /** The expression analysed (throws where this class does not know a construct). */
    E analysed(Node expr) {
        return analyse(expr);
    }

    /** The expression's text at ruleutils' {@code indentLevel} (its CASE is indented from there). */
    String text(E e, boolean showImplicit, int indentLevel) {
        return writer.text(e, showImplicit, indentLevel);
    }

    /** A GROUP BY or ORDER BY key as get_rule_sortgroupclause writes it (see {@link DeparseWriter#sortKey}). */
    String sortKey(E e, int indentLevel) {
        return writer.sortKey(e, indentLevel);
    }

    static boolean isVar(E e) {
        return e instanceof Var;
    }

    static String varName(E e) {
        return e instanceof Var v ? v.name() : null;
    }

    /** A constant integer (a GROUP BY or ORDER BY position), or null. */
    static Long position(Node n) {
        return n != null && n.is("A_Const") && n.has("ival") ? n.node("ival").num("ival") : null;
    }

    /** The name a domain check's VALUE is given to be written as VALUE (no column name holds a NUL). */
    static final String DOMAIN_VALUE = "\u0000VALUE";

    /**
     * The expression as pg_get_expr shows it, converted to {@code target} as a column default is
     * (null for a check or index expression), or null when it cannot be written.
     *
     * @param columns the types of the table's columns by name (null for a column that is not there)
     */
    public static String text(Node expr, PgTypeName target, Function<String, PgTypeName> columns, boolean pretty) {
        try {
            PgDeparse d = new PgDeparse(fields -> {
                String name = fields.get(fields.size() - 1);
                PgTypeName t = columns.apply(name);
                return t == null ? null : new Var(null, name, Type.of(t));
            }, pretty, null);
            E e = d.analyse(expr);
            if (target != null) e = d.coerceTo(e, Type.of(target), false);
            if (e instanceof Const c && c.isNull() && target != null) return null; // a NULL default is no default
            // pg_get_expr and pg_get_constraintdef indent a CASE also when not pretty (PRETTYFLAG_INDENT)
            return d.writer.text(e, false, 0);
        } catch (RuntimeException e) { // Unknown, or a construct analysed wrongly: the text as written stays
            return null;
        }
    }

    // ---------------------------------------------------------------- analysis

    private E analyse(Node n) {
        switch (n.type()) {
            case "A_Const" -> {
                if (n.bool("isnull")) return new Const("NULL", 'u', Type.of(Builtins.UNKNOWN), true);
                if (n.has("ival")) {
                    long v = n.node("ival").num("ival");
                    return new Const(Long.toString(v), 'i', Type.of(v == (int) v ? 23 : 20), false);
                }
                if (n.has("fval")) {
                    String f = n.node("fval").str("fval");
                    boolean integral = f.chars().allMatch(ch -> Character.isDigit(ch) || ch == '-');
                    return new Const(f, integral ? 'i' : 'n', Type.of(integral ? 20 : 1700), false);
                }
                if (n.has("boolval")) return new Const(n.node("boolval").bool("boolval") ? "true" : "false", 'b', Type.of(16), false);
                if (n.has("sval")) return new Const(n.node("sval").str("sval"), 's', Type.of(Builtins.UNKNOWN), false);
                if (n.has("bsval")) throw new Unknown();
                return new Const(Long.toString(n.num("ival")), 'i', Type.of(23), false); // 0 is written as an empty ival
            }
            case "ColumnRef" -> {
                List<String> names = new ArrayList<>();
                for (Node f : n.list("fields")) {
                    if (!f.is("String")) throw new Unknown();
                    names.add(f.str("sval"));
                }
                Var v = columns.apply(names);
                if (v == null) throw new Unknown();
                return v;
            }
            case "SubLink" -> {
                if (subqueries == null) throw new Unknown();
                return subLink(n);
            }
            case "TypeCast" -> {
                PgTypeName target = PgTypeName.of(n.node("typeName"));
                Type t = Type.of(target);
                // ARRAY[]::int[] is an empty array of that type (transformArrayExpr), written with its type
                if (n.node("arg").is("A_ArrayExpr") && n.node("arg").list("elements").isEmpty()) return new Arr(List.of(), t);
                E arg = analyse(n.node("arg"));
                if (arg instanceof Const c && (c.type().oid() == Builtins.UNKNOWN)) {
                    return new Const(c.text(), c.isNull() ? 'u' : 's', t, c.isNull());
                }
                if (arg.type().same(t) && arg.type().typmod() == t.typmod()) return arg;
                return new Coerce(arg, t, false);
            }
            case "A_Expr" -> {
                return expression(n);
            }
            case "BoolExpr" -> {
                String op = switch (n.str("boolop")) {
                    case "AND_EXPR" -> "AND";
                    case "OR_EXPR" -> "OR";
                    default -> "NOT";
                };
                List<E> args = new ArrayList<>();
                for (Node a : n.list("args")) args.add(coerceTo(analyse(a), Type.of(16), true));
                return new Bool(op, args);
            }
            case "NullTest" -> {
                return new NullTest(analyse(n.node("arg")), n.str("nulltesttype").equals("IS_NOT_NULL"));
            }
            case "FuncCall" -> {
                return function(n);
            }
            case "SQLValueFunction" -> {
                return keyword(n);
            }
            case "A_ArrayExpr" -> {
                List<E> elems = new ArrayList<>();
                for (Node el : n.list("elements")) elems.add(analyse(el));
                if (elems.isEmpty()) throw new Unknown(); // PostgreSQL refuses ARRAY[] without a type (42P18)
                Type common = common(elems);
                List<E> typed = new ArrayList<>();
                for (E e : elems) typed.add(coerceTo(e, common, true));
                int array = Builtins.arrayOf(common.oid());
                if (array == 0) throw new Unknown();
                return new Arr(typed, Type.of(array));
            }
            case "CoalesceExpr", "MinMaxExpr" -> {
                List<E> args = new ArrayList<>();
                for (Node a : n.list("args")) args.add(analyse(a));
                Type common = common(args);
                List<E> typed = new ArrayList<>();
                for (E e : args) typed.add(coerceTo(e, common, true));
                String name = n.is("CoalesceExpr") ? "COALESCE" : n.str("op").equals("IS_GREATEST") ? "GREATEST" : "LEAST";
                return new Coalesce(name, typed, common);
            }
            case "CaseExpr" -> {
                E arg = n.node("arg") == null ? null : analyse(n.node("arg"));
                List<E[]> whens = new ArrayList<>();
                List<E> results = new ArrayList<>();
                for (Node w : n.list("args")) {
                    E cond;
                    if (arg != null) {
                        // CASE x WHEN v: the parser's x = v, of which ruleutils writes v
                        if (!(binary("=", arg, analyse(w.node("expr"))) instanceof Op o) || !o.left().type().same(arg.type())) {
                            throw new Unknown();
                        }
                        cond = o.right();
                    } else {
                        cond = coerceTo(analyse(w.node("expr")), Type.of(16), true);
                    }
                    E result = analyse(w.node("result"));
                    whens.add(new E[] {cond, result});
                    results.add(result);
                }
                E otherwise = n.node("defresult") == null ? null : analyse(n.node("defresult"));
                if (otherwise != null) results.add(otherwise);
                Type common = common(results);
                for (E[] w : whens) w[1] = coerceTo(w[1], common, true);
                if (otherwise != null) otherwise = coerceTo(otherwise, common, true);
                return new Case(arg, whens, otherwise, common);
            }
            default -> throw new Unknown();
        }
    }

    private E expression(Node n) {
        String kind = n.str("kind");
        List<String> opNames = n.names("name");
        String op = opNames.isEmpty() ? "" : opNames.get(opNames.size() - 1);
        switch (kind) {
            case "AEXPR_OP" -> {
                if (n.node("lexpr") == null) {
                    E right = analyse(n.node("rexpr"));
                    if (op.equals("-") && right instanceof Const c && (c.kind() == 'i' || c.kind() == 'n')) {
                        // -1 is a negative constant, as PostgreSQL's grammar reads it
                        return new Const("-" + c.text(), c.kind(), c.type(), false);
                    }
                    Builtins.Choice choice = Builtins.operator(op, 0, right.type().oid());
                    if (choice == null) throw new Unknown();
                    return new Op(op, null, coerceTo(right, Type.of(choice.parameters().get(0)), true), Type.of(choice.result()));
                }
                return binary(op, analyse(n.node("lexpr")), analyse(n.node("rexpr")));
            }
            case "AEXPR_LIKE", "AEXPR_ILIKE" -> {
                String name = switch (op) {
                    case "~~", "~~*", "!~~", "!~~*" -> op;
                    default -> throw new Unknown();
                };
                return binary(name, analyse(n.node("lexpr")), analyse(n.node("rexpr")));
            }
            case "AEXPR_IN" -> {
                // transformAExprIn: the list's elements of the common type of all, the operator of the left
                // operand's type and that one (s IN (1, 2) of a smallint s is s = ANY (ARRAY[1, 2]), int24eq)
                E left = analyse(n.node("lexpr"));
                List<E> elems = new ArrayList<>();
                for (Node el : n.node("rexpr").list("items")) elems.add(analyse(el));
                List<E> all = new ArrayList<>(elems);
                all.add(0, left);
                Type common = common(all);
                List<E> typed = new ArrayList<>();
                for (E e : elems) typed.add(coerceTo(e, common, true));
                Builtins.Choice choice = Builtins.operator(op, left.type().oid(), common.oid());
                if (choice == null) throw new Unknown();
                Type leftParam = Type.of(choice.parameters().get(0));
                Type param = Type.of(choice.parameters().get(1));
                int array = Builtins.arrayOf(common.oid());
                if (array == 0) throw new Unknown();
                E arr = new Arr(typed, Type.of(array));
                if (!param.same(common)) arr = new Coerce(arr, Type.of(Builtins.arrayOf(param.oid())), true);
                return new AnyAll(op, op.equals("="), coerceTo(left, leftParam, true), arr);
            }
            case "AEXPR_NULLIF" -> {
                // the parser's a = b, of which NULLIF keeps the operands (coerced to the operator's types)
                if (!(binary("=", analyse(n.node("lexpr")), analyse(n.node("rexpr"))) instanceof Op o)) throw new Unknown();
                return new Coalesce("NULLIF", List.of(o.left(), o.right()), o.left().type());
            }
            case "AEXPR_BETWEEN", "AEXPR_NOT_BETWEEN" -> {
                List<Node> bounds = n.node("rexpr").list("items");
                E low = binary(kind.equals("AEXPR_BETWEEN") ? ">=" : "<", analyse(n.node("lexpr")), analyse(bounds.get(0)));
                E high = binary(kind.equals("AEXPR_BETWEEN") ? "<=" : ">", analyse(n.node("lexpr")), analyse(bounds.get(1)));
                return new Bool(kind.equals("AEXPR_BETWEEN") ? "AND" : "OR", List.of(low, high));
            }
            default -> throw new Unknown();
        }
    }

    /** Numbers from the narrowest to the widest, each implicitly cast to those after it. */
    private static final List<Integer> NUMBERS = List.of(21, 23, 20, 1700, 700, 701);

    /**
     * select_common_type of expressions: unknowns take the others' type (text where all are
     * unknown); among numbers the widest; otherwise the first known type.
     */
    private static Type common(List<E> es) {
        Type common = null;
        for (E e : es) {
            Type t = e.type();
            if (t.oid() == Builtins.UNKNOWN) continue;
            if (common == null) common = t;
            else if (NUMBERS.contains(t.oid()) && NUMBERS.contains(common.oid()) && NUMBERS.indexOf(t.oid()) > NUMBERS.indexOf(common.oid())) {
                common = Type.of(t.oid());
            }
        }
        return common == null ? Type.of(25) : common;
    }

    private E binary(String op, E left, E right) {
        int l = left.type().oid();
        int r = right.type().oid();
        if (l == 0 || r == 0) {
            // a user type (an enum): compared with itself, an unknown literal taken as that type
            Type user = l == 0 ? left.type() : right.type();
            return new Op(op, coerceTo(left, user, true), coerceTo(right, user, true), Type.of(16));
        }
        Builtins.Choice choice = Builtins.operator(op, l, r);
        if (choice == null) throw new Unknown();
        return new Op(op, coerceTo(left, Type.of(choice.parameters().get(0)), true),
                coerceTo(right, Type.of(choice.parameters().get(1)), true), Type.of(choice.result()));
    }

    private E function(Node n) {
        List<String> names = n.names("funcname");
        if (names.size() > 2 || (names.size() == 2 && !names.get(0).equals("pg_catalog"))) throw new Unknown();
        if (n.has("agg_order") || n.bool("func_variadic")) throw new Unknown();
        String name = names.get(names.size() - 1).toLowerCase(Locale.ROOT);
        List<E> args = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (Node a : n.list("args")) {
            if (a.is("NamedArgExpr")) throw new Unknown();
            E e = analyse(a);
            args.add(e);
            types.add(e.type().oid() == 0 ? Builtins.UNKNOWN : e.type().oid());
        }
        Builtins.Choice choice = Builtins.function(name, types);
        if (choice == null) throw new Unknown();
        List<E> typed = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            int p = choice.parameters().get(i);
            typed.add(p == Builtins.UNKNOWN || (args.get(i).type().oid() == 0) ? args.get(i) : coerceTo(args.get(i), Type.of(p), true));
        }
        boolean star = n.bool("agg_star");
        E filter = n.node("agg_filter") == null ? null : coerceTo(analyse(n.node("agg_filter")), Type.of(16), true);
        if (!Builtins.aggregate(name) && (star || n.bool("agg_distinct") || filter != null)) throw new Unknown();
        Type result = Type.of(choice.result());
        if (POLYMORPHIC_RESULTS.contains(choice.result())) {
            if (typed.isEmpty()) throw new Unknown();
            result = typed.get(0).type(); // max(anyelement)-like: the argument's type
        }
        return new Func(name, typed, result, star, n.bool("agg_distinct"), filter, window(n.node("over")));
    }

    /** ruleutils' window: 0x1 marks a frame other than the default (RANGE UNBOUNDED PRECEDING to CURRENT ROW). */
    private static final long FRAME_NOT_DEFAULT = 0x1;

    private Window window(Node over) {
        if (over == null) return null;
        if (!over.str("name").isEmpty() || !over.str("refname").isEmpty() || (over.num("frameOptions") & FRAME_NOT_DEFAULT) != 0) {
            throw new Unknown();
        }
        List<E> partition = new ArrayList<>();
        for (Node p : over.list("partitionClause")) partition.add(analyse(p));
        List<E> order = new ArrayList<>();
        List<String> directions = new ArrayList<>();
        for (Node o : over.list("orderClause")) {
            order.add(analyse(o.node("node")));
            directions.add(sortDirection(o));
        }
        return new Window(partition, order, directions);
    }

    /** What follows an ORDER BY key: DESC, and NULLS FIRST or LAST where they are not the direction's default. */
    static String sortDirection(Node sortBy) {
        String dir = sortBy.str("sortby_dir");
        if (dir.equals("SORTBY_USING")) throw new Unknown();
        boolean desc = dir.equals("SORTBY_DESC");
        String nulls = sortBy.str("sortby_nulls");
        return (desc ? " DESC" : "") + (nulls.equals("SORTBY_NULLS_FIRST") && !desc ? " NULLS FIRST" : "")
                + (nulls.equals("SORTBY_NULLS_LAST") && desc ? " NULLS LAST" : "");
    }

    private static final java.util.Set<Integer> POLYMORPHIC_RESULTS = java.util.Set.of(2283, 2277, 5077, 5078);

    private E subLink(Node n) {
        String kind = n.str("subLinkType");
        Node select = n.node("subselect");
        switch (kind) {
            case "EXPR_SUBLINK" -> {
                return new SubLink(kind, null, null, select, subqueries.type(select));
            }
            case "EXISTS_SUBLINK" -> {
                return new SubLink(kind, null, null, select, Type.of(16));
            }
            case "ANY_SUBLINK", "ALL_SUBLINK" -> {
                List<String> op = n.names("operName");
                String name = op.isEmpty() ? "=" : op.get(op.size() - 1);
                E test = analyse(n.node("testexpr"));
                Type column = subqueries.type(select);
                if (column == null) throw new Unknown();
                E compared = binary(name, test, new Var(null, "", column));
                if (!(compared instanceof Op o)) throw new Unknown();
                return new SubLink(kind, o.left(), name, select, Type.of(16));
            }
            default -> throw new Unknown();
        }
    }

    private static E keyword(Node n) {
        String op = n.str("op");
        long typmod = n.num("typmod");
        String precision = op.endsWith("_N") && typmod >= 0 ? "(" + typmod + ")" : "";
        return switch (op) {
            case "SVFOP_CURRENT_DATE" -> new Keyword("CURRENT_DATE", Type.of(1082));
            case "SVFOP_CURRENT_TIME", "SVFOP_CURRENT_TIME_N" -> new Keyword("CURRENT_TIME" + precision, Type.of(1266));
            case "SVFOP_CURRENT_TIMESTAMP", "SVFOP_CURRENT_TIMESTAMP_N" -> new Keyword("CURRENT_TIMESTAMP" + precision, Type.of(1184));
            case "SVFOP_LOCALTIME", "SVFOP_LOCALTIME_N" -> new Keyword("LOCALTIME" + precision, Type.of(1083));
            case "SVFOP_LOCALTIMESTAMP", "SVFOP_LOCALTIMESTAMP_N" -> new Keyword("LOCALTIMESTAMP" + precision, Type.of(1114));
            case "SVFOP_CURRENT_ROLE" -> new Keyword("CURRENT_ROLE", Type.of(19));
            case "SVFOP_CURRENT_USER" -> new Keyword("CURRENT_USER", Type.of(19));
            case "SVFOP_USER" -> new Keyword("USER", Type.of(19));
            case "SVFOP_SESSION_USER" -> new Keyword("SESSION_USER", Type.of(19));
            case "SVFOP_CURRENT_CATALOG" -> new Keyword("CURRENT_CATALOG", Type.of(19));
            case "SVFOP_CURRENT_SCHEMA" -> new Keyword("CURRENT_SCHEMA", Type.of(19));
            default -> throw new Unknown();
        };
    }

    /**
     * {@code e} as a value of {@code target}: an unknown literal becomes a constant of that type
     * (without the modifier, as PostgreSQL's literal coercion makes it), anything else of another
     * type gets PostgreSQL's implicit cast.
     */
    private E coerceTo(E e, Type target, boolean implicitOnly) {
        if (e instanceof Const c && c.type().oid() == Builtins.UNKNOWN) {
            return new Const(c.text(), c.isNull() ? 'u' : 's', new Type(target.oid(), target.name(), -1), c.isNull());
        }
        if (e.type().same(target)) return e;
        if (target.oid() != 0 && e.type().oid() != 0 && !Builtins.implicitlyCoercible(e.type().oid(), target.oid())) {
            if (implicitOnly) throw new Unknown();
        }
        return new Coerce(e, new Type(target.oid(), target.name(), -1), true);
    }

    static String quote(String ident) {
        return dev.pgwire.serve.catalog.TypeNames.quoteIdent(ident);
    }

    /** format_type's names with modifiers, for type labels. */
    static final class FormatTypeText {
        private FormatTypeText() {}

        static String format(String typname, boolean array, int typmod) {
            return dev.pgwire.serve.catalog.TypeNames.format(typname, array, typmod);
        }
    }
}
