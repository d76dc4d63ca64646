package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's json and jsonb operators, casts and subscripts as calls of the {@code pg_json*}
 * functions ({@code dev.pgwire.serve.functions.PgFunctions}), chosen by the operands' types as
 * PostgreSQL chooses the operator: {@code ->} on json keeps the text as written, on jsonb gives the
 * normal form; an untyped constant takes the type the operator wants ({@code jsonb ? 'k'} is text,
 * {@code jsonb #> '{a,b}'} text[], {@code jsonb @> '{"a":1}'} jsonb); operands no operator takes are
 * PostgreSQL's errors (42883, 42725). json and jsonb values are DuckDB JSON; jsonb results are
 * in PostgreSQL's normal form.
 *
 * <p>With {@code types} null (statements that are not typed) an operand of unknown type is read
 * as jsonb by the operators only json has, and the others are left to DuckDB.
 */
final class JsonOperators {
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
    private static final String NO_OPERATOR_HINT = "No operator matches the given name and argument types. You might need to add explicit type casts.";

    private final TypeResolver types;

    JsonOperators(TypeResolver types) {
        this.types = types;
    }

    /** What an operand is to these operators. */
    private enum Kind {
        JSONB, JSON,
        /** an untyped constant (a string or NULL): takes the type the operator wants */
        UNKNOWN,
        /** a type the translation cannot tell */
        NONE,
        TEXT, INTEGER, TEXT_ARRAY, OTHER
    }

    /** In a statement that is not typed, a constant still has its type (an integer subscript, a string key). */
    private static SqlType constantType(Node n) {
        return n.is("A_Const") ? ExpressionTypes.infer(null, n, null) : null;
    }

    private static Kind kind(SqlType t) {
        if (t == null) return Kind.NONE;
        if (t.isUnknown()) return Kind.UNKNOWN;
        if (t.isArray()) return t.dims() == 1 && t.element().isText() ? Kind.TEXT_ARRAY : Kind.OTHER;
        return switch (t.name()) {
            case "jsonb" -> Kind.JSONB;
            case "json" -> Kind.JSON;
            case "text", "varchar", "bpchar", "name" -> Kind.TEXT;
            case "int2", "int4" -> Kind.INTEGER;
            default -> Kind.OTHER;
        };
    }

    /** {@code l op r} when it is a json or jsonb operator; null when it is not. */
    Node operator(String op, Node l, Node r, SqlType lt, SqlType rt) {
        if (l == null || r == null) return null;
        Kind a = kind(lt != null || types != null ? lt : constantType(l));
        Kind b = kind(rt != null || types != null ? rt : constantType(r));
        // a parameter of no declared type is untyped like a string constant; where the operator reads it
        // as jsonb it is cast to jsonb, so that it is described (and bound) as jsonb
        if (a == Kind.JSONB && untypedParameter(r, rt)) {
            b = Kind.UNKNOWN;
            if (op.equals("@>") || op.equals("<@") || op.equals("||") || COMPARISONS.contains(op)) r = parameterAs(r, SqlType.JSONB);
        } else if (b == Kind.JSONB && untypedParameter(l, lt)) {
            a = Kind.UNKNOWN;
            l = parameterAs(l, SqlType.JSONB);
        }
        switch (op) {
            case "->", "->>" -> {
                boolean json = jsonOperand(op, a, lt, rt);
                String f = (json ? "pg_json_" : "pg_jsonb_") + (b == Kind.INTEGER ? "array_element" : "object_field")
                        + (op.equals("->>") ? "_text" : "");
                String key = switch (b) {
                    case INTEGER -> "CAST({1} AS INTEGER)";
                    case UNKNOWN, TEXT, NONE -> "CAST({1} AS VARCHAR)";
                    default -> throw noOperator(op, lt, rt);
                };
                if (op.equals("->>")) return typed(SqlType.TEXT, f + "({0}, " + key + ")", l, r);
                return typed(json ? SqlType.JSON : SqlType.JSONB, "CAST(" + f + "({0}, " + key + ") AS JSON)", l, r);
            }
            case "#>", "#>>" -> {
                boolean json = jsonOperand(op, a, lt, rt);
                Node path = textArray(r, b, op, lt, rt);
                String f = (json ? "pg_json_" : "pg_jsonb_") + "extract_path" + (op.equals("#>>") ? "_text" : "");
                if (op.equals("#>>")) return typed(SqlType.TEXT, f + "({0}, {1})", l, path);
                return typed(json ? SqlType.JSON : SqlType.JSONB, "CAST(" + f + "({0}, {1}) AS JSON)", l, path);
            }
            case "?" -> {
                jsonbOnly(op, a, lt, rt);
                if (b != Kind.UNKNOWN && b != Kind.TEXT && b != Kind.NONE) throw noOperator(op, lt, rt);
                return typed(SqlType.BOOL, "pg_jsonb_exists({0}, CAST({1} AS VARCHAR))", l, r);
            }
            case "?|", "?&" -> {
                jsonbOnly(op, a, lt, rt);
                Node keys = textArray(r, b, op, lt, rt);
                return typed(SqlType.BOOL, (op.equals("?|") ? "pg_jsonb_exists_any" : "pg_jsonb_exists_all") + "({0}, {1})", l, keys);
            }
            case "#-" -> {
                jsonbOnly(op, a, lt, rt);
                Node path = textArray(r, b, op, lt, rt);
                return typed(SqlType.JSONB, "CAST(pg_jsonb_delete_path({0}, {1}) AS JSON)", l, path);
            }
            case "@>", "<@" -> {
                if (!jsonPair(op, a, b, lt, rt)) return null;
                String f = op.equals("@>") ? "pg_jsonb_contains" : "pg_jsonb_contained";
                return typed(SqlType.BOOL, f + "({0}, {1})", l, r);
            }
            case "||" -> {
                return concat(l, r, a, b, lt, rt);
            }
            case "-" -> {
                if (a == Kind.JSON) throw noOperator(op, lt, rt);
                if (a != Kind.JSONB) return null;
                return switch (b) {
                    case UNKNOWN, TEXT -> typed(SqlType.JSONB, "CAST(pg_jsonb_delete({0}, CAST({1} AS VARCHAR)) AS JSON)", l, r);
                    case INTEGER -> typed(SqlType.JSONB, "CAST(pg_jsonb_delete({0}, CAST({1} AS INTEGER)) AS JSON)", l, r);
                    case TEXT_ARRAY -> typed(SqlType.JSONB, "CAST(pg_jsonb_delete_array({0}, CAST(to_json({1}) AS VARCHAR)) AS JSON)", l, r);
                    case NONE -> null;
                    default -> throw noOperator(op, lt, rt);
                };
            }
            default -> {
                if (!COMPARISONS.contains(op) || !jsonPair(op, a, b, lt, rt)) return null;
                String cmp = op.equals("!=") ? "<>" : op;
                return typed(SqlType.BOOL, "(pg_jsonb_cmp({0}, {1}) " + cmp + " 0)", l, r);
            }
        }
    }

    /** {@code l IN (…)} of a jsonb: each comparison by jsonb's equality; null when {@code l} is no jsonb. */
    Node in(Node l, List<Node> items, boolean not, SqlType lt, List<SqlType> itemTypes) {
        if (kind(lt) != Kind.JSONB) return null;
        StringBuilder sql = new StringBuilder("(");
        List<Node> args = new ArrayList<>();
        args.add(l);
        for (int i = 0; i < items.size(); i++) {
            Kind k = kind(itemTypes.get(i));
            if (k != Kind.JSONB && k != Kind.UNKNOWN) throw noOperator("=", lt, itemTypes.get(i));
            if (i > 0) sql.append(not ? " AND " : " OR ");
            args.add(items.get(i));
            sql.append("pg_jsonb_cmp({0}, {").append(i + 1).append("}) ").append(not ? "<> 0" : "= 0");
        }
        return typed(SqlType.BOOL, sql.append(')').toString(), args.toArray(new Node[0]));
    }

    /** {@code l IS [NOT] DISTINCT FROM r} of jsonb values, by jsonb's equality. */
    Node distinct(Node l, Node r, boolean not, SqlType lt, SqlType rt) {
        if (!jsonPair(not ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM", kind(lt), kind(rt), lt, rt)) return null;
        String same = "CASE WHEN {0} IS NULL OR {1} IS NULL THEN ({0} IS NULL AND {1} IS NULL) ELSE pg_jsonb_cmp({0}, {1}) = 0 END";
        return typed(SqlType.BOOL, not ? "(" + same + ")" : "(NOT " + same + ")", l, r);
    }

    /**
     * {@code value::json}, {@code ::jsonb}, and casts from json and jsonb: text is read by json's
     * or jsonb's input rules (22P02 as PostgreSQL words it), jsonb is written in its normal form,
     * a jsonb scalar casts to a number or boolean of its own type only (22023). Null when the cast
     * involves neither type.
     */
    Node cast(Node typeCast, Node arg, SqlType from, SqlType to) {
        if (to == null) return null;
        Kind source = kind(from);
        boolean toJson = !to.isArray() && (to.name().equals("json") || to.name().equals("jsonb"));
        if (toJson) {
            boolean jsonb = to.name().equals("jsonb");
            return switch (source) {
                case JSONB -> jsonb ? typed(to, "CAST({0} AS JSON)", arg) : typed(to, "CAST(pg_jsonb_out({0}) AS JSON)", arg);
                case JSON -> jsonb ? typed(to, "CAST(pg_jsonb_out({0}) AS JSON)", arg) : typed(to, "CAST({0} AS JSON)", arg);
                case UNKNOWN, TEXT, NONE -> {
                    // a parameter keeps its cast inside, which says what type it is described as
                    Node value = arg.is("ParamRef") ? typeCast : arg;
                    yield typed(to, jsonb ? "CAST(pg_jsonb_out(CAST({0} AS VARCHAR)) AS JSON)" : "CAST(pg_json_in(CAST({0} AS VARCHAR)) AS JSON)", value);
                }
                default -> throw cannotCast(from, to);
            };
        }
        if (source != Kind.JSONB && source != Kind.JSON) return null;
        if (to.isText() && !to.isUnknown()) {
            if (source == Kind.JSONB) typeCast.set("arg", typed(SqlType.TEXT, "pg_jsonb_out({0})", arg));
            return typeCast;
        }
        if (source == Kind.JSON || to.isArray()) throw cannotCast(from, to);
        String sqlType = switch (to.name()) {
            case "int2" -> "smallint";
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "numeric" -> "numeric";
            case "float4" -> "real";
            case "float8" -> "double precision";
            case "bool" -> "boolean";
            default -> throw cannotCast(from, to);
        };
        String expected = to.name().equals("bool") ? "boolean" : "number";
        String scalar = "CASE WHEN {0} IS NULL THEN NULL WHEN pg_jsonb_typeof({0}) = '" + expected + "' THEN pg_jsonb_text({0})"
                + " ELSE error('[pgwire:22023] cannot cast jsonb ' || replace(pg_jsonb_typeof({0}), 'number', 'numeric')"
                + " || ' to type " + sqlType + "') END";
        Node text = Expressions.duckDb(switch (to.name()) {
            // numeric to an integer rounds half away from zero, as DuckDB's DECIMAL does
            case "int2", "int4", "int8" -> "CAST(" + scalar + " AS DECIMAL(38,10))";
            case "bool" -> "(" + scalar + " = 'true')";
            default -> scalar;
        }, arg);
        types(text, to.name().equals("bool") ? SqlType.BOOL : SqlType.TEXT);
        if (to.name().equals("bool")) return text;
        typeCast.set("arg", text);
        return typeCast;
    }

    /** {@code jsonb[subscript]…}: the element at that path, as {@code #>} finds it; null when the value is no jsonb. */
    Node subscript(Node arg, List<Node> steps, SqlType argType) {
        Kind k = kind(argType);
        if (k == Kind.JSON) {
            throw new PgException(SqlState.DATATYPE_MISMATCH, "cannot subscript type json because it does not support subscripting");
        }
        if (k != Kind.JSONB) return null;
        StringBuilder path = new StringBuilder("CAST(pg_jsonb_extract_path({0}, CAST(to_json([");
        List<Node> args = new ArrayList<>();
        args.add(arg);
        for (Node step : steps) {
            if (!step.is("A_Indices")) return null;
            if (step.bool("is_slice")) throw new PgException(SqlState.DATATYPE_MISMATCH, "jsonb subscript does not support slices");
            if (args.size() > 1) path.append(", ");
            args.add(step.node("uidx"));
            path.append("CAST({").append(args.size() - 1).append("} AS VARCHAR)");
        }
        return typed(SqlType.JSONB, path.append("]) AS VARCHAR)) AS JSON)").toString(), args.toArray(new Node[0]));
    }

    private boolean untypedParameter(Node n, SqlType t) {
        return types != null && t == null && n.is("ParamRef");
    }

    /** {@code $n::type}, which is how PostgreSQL describes the parameter; the cast itself reads it by the type's rules. */
    static Node parameterAs(Node param, SqlType type) {
        List<Node> names = new ArrayList<>(List.of(Node.string("pg_catalog"), Node.string(type.name())));
        Node typeName = Node.of(null).set("names", names).set("typemod", -1L);
        return Node.of("TypeCast").set("arg", param).set("typeName", typeName).set("location", param.location());
    }

    // ---------------------------------------------------------------- operand rules

    /** {@code ->}, {@code ->>}, {@code #>}, {@code #>>}: whether the left operand is json (else jsonb). */
    private static boolean jsonOperand(String op, Kind a, SqlType lt, SqlType rt) {
        return switch (a) {
            case JSON -> true;
            case JSONB, NONE -> false;
            case UNKNOWN -> throw new PgException("42725", "operator is not unique: " + name(lt) + " " + op + " " + name(rt))
                    .withHint("Could not choose a best candidate operator. You might need to add explicit type casts.");
            default -> throw noOperator(op, lt, rt);
        };
    }

    /** The operators only jsonb has: an untyped left operand is jsonb. */
    private static void jsonbOnly(String op, Kind a, SqlType lt, SqlType rt) {
        if (a != Kind.JSONB && a != Kind.UNKNOWN && a != Kind.NONE) throw noOperator(op, lt, rt);
    }

    /**
     * The operators jsonb shares with other types ({@code @>}, comparisons): true for jsonb with
     * jsonb or an untyped constant, false when neither operand is json or jsonb, an error for json
     * (which has none of them) and for jsonb with another type.
     */
    private static boolean jsonPair(String op, Kind a, Kind b, SqlType lt, SqlType rt) {
        if (a == Kind.JSON || b == Kind.JSON) {
            if (a == Kind.NONE || b == Kind.NONE) return false;
            throw noOperator(op, lt, rt);
        }
        if (a != Kind.JSONB && b != Kind.JSONB) return false;
        Kind other = a == Kind.JSONB ? b : a;
        if (other == Kind.JSONB || other == Kind.UNKNOWN) return true;
        if (other == Kind.NONE) return false;
        throw noOperator(op, lt, rt);
    }

    /** {@code ||}: jsonb with jsonb concatenates; jsonb or json with text is text's concatenation of its text. */
    private Node concat(Node l, Node r, Kind a, Kind b, SqlType lt, SqlType rt) {
        boolean lj = a == Kind.JSONB || a == Kind.JSON;
        boolean rj = b == Kind.JSONB || b == Kind.JSON;
        if (!lj && !rj) return null;
        if (a == Kind.NONE || b == Kind.NONE) return null;
        if ((a == Kind.JSONB && (b == Kind.JSONB || b == Kind.UNKNOWN)) || (a == Kind.UNKNOWN && b == Kind.JSONB)) {
            return typed(SqlType.JSONB, "CAST(pg_jsonb_concat({0}, {1}) AS JSON)", l, r);
        }
        boolean lText = a == Kind.TEXT || a == Kind.UNKNOWN;
        boolean rText = b == Kind.TEXT || b == Kind.UNKNOWN;
        if (lj && rText) return typed(SqlType.TEXT, "(" + asText(a) + " || CAST({1} AS VARCHAR))", l, r);
        if (rj && lText) return typed(SqlType.TEXT, "(CAST({0} AS VARCHAR) || " + asText(b).replace("{0}", "{1}") + ")", l, r);
        throw noOperator("||", lt, rt);
    }

    private static String asText(Kind k) {
        return k == Kind.JSONB ? "pg_jsonb_out({0})" : "CAST({0} AS VARCHAR)";
    }

    /** A text[] operand as the JSON array the functions take; an untyped constant is read as text[]. */
    private Node textArray(Node r, Kind b, String op, SqlType lt, SqlType rt) {
        Node array = switch (b) {
            case TEXT_ARRAY, NONE -> r;
            case UNKNOWN -> {
                List<Node> names = new ArrayList<>(List.of(Node.string("pg_catalog"), Node.string("text")));
                Node typeName = Node.of(null).set("names", names).set("typemod", -1L)
                        .set("arrayBounds", new ArrayList<>(List.of(Node.of("Integer").set("ival", -1L))));
                yield Node.of("TypeCast").set("arg", r).set("typeName", typeName).set("location", r.location());
            }
            default -> throw noOperator(op, lt, rt);
        };
        return Expressions.duckDb("CAST(to_json({0}) AS VARCHAR)", array);
    }

    static PgException noOperator(String op, SqlType lt, SqlType rt) {
        return new PgException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + name(lt) + " " + op + " " + name(rt))
                .withHint(NO_OPERATOR_HINT);
    }

    private static PgException cannotCast(SqlType from, SqlType to) {
        return new PgException("42846", "cannot cast type " + name(from) + " to " + name(to));
    }

    private static String name(SqlType t) {
        return t == null ? "unknown" : FormatType.displayName(t);
    }

    private Node typed(SqlType t, String sql, Node... args) {
        return types(Expressions.duckDb(sql, args), t);
    }

    private Node types(Node n, SqlType t) {
        if (types != null) types.assume(n, t);
        return n;
    }
}
