package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.catalog.Builtins;
import dev.pgwire.serve.plpgsql.FunctionBody;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * CREATE FUNCTION … LANGUAGE sql as a DuckDB macro: the body (a query, or {@code RETURN
 * expression}) goes through serve's translation with the parameters as typed {@code $n}, then each
 * becomes a reference to the macro's parameter cast to the declared type, and the result is cast
 * to the declared return type (without its modifier, which PostgreSQL drops from a function's
 * result) — so {@code add_one('5')} and {@code add_one(5)} both give an integer, as in PostgreSQL.
 * RETURNS SETOF / TABLE makes a table macro (a function in FROM). A STRICT function gives NULL (no
 * rows) when an argument is NULL. LANGUAGE plpgsql takes the same path once {@link FunctionBody}
 * has made its body one expression.
 * What PostgreSQL keeps of the definition (arguments, result, volatility, body) is recorded in the
 * macro's comment for the catalog (pg_proc, \df, pg_get_functiondef).
 */
final class SqlFunctions {
    private SqlFunctions() {}

    /** One argument or result column: its name and PostgreSQL type. */
    record Param(String name, PgTypeName type, Node typeName, Node defexpr) {
    }

    static String create(Node s, SessionContext session, String source, TypeMapper types) {
        Map<String, String> options = new LinkedHashMap<>();
        String body = null;
        boolean strict = false;
        for (Node o : s.list("options")) {
            Node arg = o.node("arg");
            if (o.str("defname").equals("as")) {
                List<Node> items = arg != null && arg.is("List") ? arg.list("items") : List.of();
                if (items.size() != 1) throw new PgException(SqlState.SYNTAX_ERROR, "only one AS item needed for language \"sql\"");
                body = items.get(0).str("sval");
            } else if (o.str("defname").equals("set")) {
                // the body would run with the caller's settings (its search_path, say: other tables)
                throw DdlEmitter.unsupported("CREATE FUNCTION … SET")
                        .withDetail("serve's functions run with the settings of the statement that calls them.");
            } else if (o.str("defname").equals("strict")) {
                strict = arg != null && arg.bool("boolval"); // STRICT, RETURNS NULL ON NULL INPUT; CALLED ON NULL INPUT is false
            } else if (arg != null && arg.is("String")) {
                options.put(o.str("defname"), arg.str("sval"));
            } else {
                options.put(o.str("defname"), "");
            }
        }
        String language = options.getOrDefault("language", "sql");
        if (!language.equals("sql") && !language.equals("plpgsql")) {
            throw new PgException("42704", "language \"" + language + "\" does not exist");
        }
        boolean plpgsql = language.equals("plpgsql");
        boolean standardBody = !plpgsql && body == null && s.node("sql_body") != null; // RETURN …: prosrc is empty, as in PostgreSQL
        if (standardBody) body = returnBody(s.node("sql_body"), source);
        if (body == null) throw new PgException("42P13", "no function body specified");

        List<String> name = s.names("funcname");
        String schema = name.size() > 1 ? name.get(name.size() - 2) : session.currentSchema();
        String function = name.get(name.size() - 1);
        List<Param> in = new ArrayList<>();
        List<Param> out = new ArrayList<>();
        for (Node p : s.list("parameters")) {
            String mode = p.str("mode");
            PgTypeName type = PgTypeName.of(p.node("argType"));
            Node defexpr = p.node("defexpr");
            if (defexpr == null && !in.isEmpty() && in.get(in.size() - 1).defexpr() != null
                    && (mode.equals("FUNC_PARAM_DEFAULT") || mode.equals("FUNC_PARAM_IN"))) {
                throw new PgException("42P13", "input parameters after one with a default value must also have defaults");
            }
            switch (mode) {
                case "FUNC_PARAM_DEFAULT", "FUNC_PARAM_IN" -> in.add(new Param(p.str("name"), type, p.node("argType"), defexpr));
                case "FUNC_PARAM_TABLE" -> out.add(new Param(p.str("name"), type, p.node("argType"), null));
                default -> throw DdlEmitter.unsupported("OUT, INOUT and VARIADIC function parameters");
            }
        }
        boolean returnsTable = !out.isEmpty(); // RETURNS TABLE (…): its row type is its columns'
        Node returnType = s.node("returnType");
        if (returnType == null) throw DdlEmitter.unsupported("procedures");
        PgTypeName result = PgTypeName.of(returnType);
        boolean set = returnType.bool("setof");
        if (set && out.isEmpty()) out.add(new Param(function, result, returnType, null));
        if (!set && result.name().equals("record")) throw DdlEmitter.unsupported("functions returning record");
        if (result.name().equals("trigger") || result.name().equals("void")) {
            throw DdlEmitter.unsupported("functions returning " + result.name());
        }

        existing(schema, function, in, result, set, s.bool("replace") && !returnsTable, session);
        if (plpgsql && (set || !out.isEmpty())) throw FunctionBody.unsupported("RETURNS SETOF or TABLE (RETURN NEXT, RETURN QUERY)");
        String duckDb = plpgsql ? translateBody("SELECT " + plpgsqlBody(source, function, in, result, session), function, in, session, types, null)
                : translateBody(body, function, in, session, types, set ? null : result);
        String nullArgument = null; // STRICT: the condition under which an argument is NULL
        if (strict && !in.isEmpty()) {
            StringBuilder c = new StringBuilder();
            for (int i = 0; i < in.size(); i++) c.append(i > 0 ? " OR " : "").append(SqlNames.quote(argName(in, i))).append(" IS NULL");
            nullArgument = c.toString();
        }
        String macro = SqlNames.quote(schema) + "." + SqlNames.quote(function);
        // CREATE OR REPLACE keeps the function, and with it its description (COMMENT ON FUNCTION)
        FunctionMeta replaced = s.bool("replace") ? session.catalog().sqlFunction(schema, function) : null;
        String keptDescription = replaced == null ? null : replaced.description();
        StringBuilder sql = new StringBuilder(s.bool("replace") ? "CREATE OR REPLACE MACRO " : "CREATE MACRO ").append(macro).append('(');
        for (int i = 0; i < in.size(); i++) {
            if (i > 0) sql.append(", ");
            sql.append(SqlNames.quote(argName(in, i)));
            Node defexpr = in.get(i).defexpr();
            if (defexpr != null) {
                // the default cast to the parameter's type as PostgreSQL casts it ('{1,2}' to int[]),
                // evaluated where the call leaves the argument out
                SqlWriter w = new SqlWriter();
                new Emitter(w, types).expr(Node.of("TypeCast").set("arg", defexpr).set("typeName", withoutModifier(in.get(i).typeName()))
                        .set("location", defexpr.location()));
                sql.append(" := (").append(w).append(')');
            }
        }
        sql.append(") AS ");
        String resultType = types.duckDbType(withoutModifier(returnType));
        if (!set) {
            if (nullArgument != null) sql.append("CASE WHEN ").append(nullArgument).append(" THEN CAST(NULL AS ").append(resultType).append(") ELSE ");
            // the first row the query gives, as PostgreSQL returns it (DuckDB's subquery of several rows is 21000)
            String first = plpgsql ? duckDb : "SELECT * FROM (" + duckDb + ") AS pgwire_rows LIMIT 1";
            sql.append(asType("(" + first + ")", returnType, types, false));
            if (nullArgument != null) sql.append(" END");
        } else {
            sql.append("TABLE SELECT ");
            for (int i = 0; i < out.size(); i++) {
                if (i > 0) sql.append(", ");
                sql.append(asType("pgwire_c" + i, out.get(i).typeName(), types, false)).append(" AS ")
                        .append(SqlNames.quote(out.get(i).name()));
            }
            sql.append(" FROM (").append(duckDb).append(") AS pgwire_f(");
            for (int i = 0; i < out.size(); i++) sql.append(i > 0 ? ", " : "").append("pgwire_c").append(i);
            sql.append(')');
            if (nullArgument != null) sql.append(" WHERE NOT (").append(nullArgument).append(')');
        }
        PgTypeName returns = new PgTypeName(result.name(), -1, result.dimensions(), result.builtin());
        String meta = new FunctionMeta(params(in), set ? params(out) : List.of(), returns, set,
                options.getOrDefault("volatility", "volatile"), standardBody ? "" : body, language, strict,
                standardBody ? standardBodyText(s.node("sql_body"), body, in, returns) : null, keptDescription).write();
        return sql + ";\nCOMMENT ON MACRO " + (set ? "TABLE " : "") + macro + " IS " + SqlNames.literal(meta);
    }

    private static List<FunctionMeta.Param> params(List<Param> params) {
        List<FunctionMeta.Param> out = new ArrayList<>();
        for (Param p : params) {
            String text = p.defexpr() == null ? null : PgDeparse.text(p.defexpr(), p.type(), c -> null, false);
            if (text == null && isNull(p.defexpr())) {
                // DEFAULT NULL: a default all the same (a column's is none), shown as NULL::type
                PgTypeName t = p.type();
                text = "NULL::" + FormatType.displayName(SqlType.of(new PgTypeName(t.name(), -1, t.dimensions(), t.builtin())));
            }
            if (p.defexpr() != null && text == null) throw DdlEmitter.unsupported("this parameter default");
            out.add(new FunctionMeta.Param(p.name(), p.type(), text));
        }
        return out;
    }

    /**
     * A SQL function's query gives a value PostgreSQL can assign to the declared result type, or
     * the CREATE fails with 42P13 as PostgreSQL's does (a boolean, a text or a date is no integer;
     * DuckDB's cast would turn true into 1).
     */
    private static void assignable(SqlType actual, SqlType declared) {
        if (actual == null || actual.isArray() || actual.isUnknown() || declared.isText()) return;
        boolean bool = actual.name().equals("bool");
        boolean mismatch = bool ? !declared.name().equals("bool")
                : actual.isText() ? declared.isNumber() || declared.name().equals("bool") || declared.isDateTime()
                : actual.isNumber() ? declared.name().equals("bool") || declared.isDateTime()
                : actual.isDateTime() && (declared.isNumber() || declared.name().equals("bool"));
        if (mismatch) {
            throw new PgException("42P13", "return type mismatch in function declared to return " + FormatType.displayName(declared))
                    .withDetail("Actual return type is " + FormatType.displayName(actual) + ".");
        }
    }

    /** Whether an expression is NULL written as such ({@code NULL}, {@code NULL::text}). */
    private static boolean isNull(Node e) {
        while (e != null && e.is("TypeCast")) e = e.node("arg");
        return e != null && e.is("A_Const") && e.bool("isnull");
    }

    /** A parameter's name in the macro: its own, or {@code $n}'s stand-in for an unnamed one. */
    private static String argName(List<Param> in, int i) {
        String n = in.get(i).name();
        return n == null || n.isEmpty() ? "pgwire_arg" + (i + 1) : n;
    }

    /**
     * {@code expr} as a value of an argument's or result's type (without its modifier): a numeric
     * exactly as serve's numeric without modifier holds it, or 22003 rather than rounded; an integer
     * argument only from an integral value.
     */
    private static String asType(String expr, Node typeName, TypeMapper types, boolean argument) {
        Domains.refuseArray(typeName, types.catalog());
        DomainMeta domain = Domains.lookup(typeName, types.catalog());
        if (domain != null) {
            // a domain's value: of its base type as above, then cast to the domain as any value is
            // (the base type's modifier applied, NOT NULL and the checks: 23502, 23514)
            Node baseType = domain.statement().node("typeName");
            String base = asType(expr, baseType, types, argument);
            PgTypeName b = PgTypeName.of(baseType);
            if (b.builtin() && !b.isArray() && b.typmod() > 4 && (b.name().equals("varchar") || b.name().equals("bpchar"))) {
                // a string too long for the domain's varchar(n) is 22001, as assigning it is (the cast below would cut it)
                int n = b.typmod() - 4;
                base = "list_transform([" + base + "], lambda pgwire_v: CASE WHEN NOT pgwire.varchar_fits(CAST(pgwire_v AS VARCHAR), " + n
                        + ") THEN error('[pgwire:22001] value too long for type " + (b.name().equals("varchar") ? "character varying(" : "character(")
                        + n + ")') ELSE pgwire_v END)[1]";
            }
            Node cast = Node.of("TypeCast").set("arg", Expressions.duckDb(base)).set("typeName", typeName).set("location", -1);
            Domains.checkCasts(cast, types.catalog());
            SqlWriter w = new SqlWriter();
            new Emitter(w, types).expr(cast);
            return w.toString();
        }
        PgTypeName t = PgTypeName.of(typeName);
        if (t.builtin() && !t.isArray() && t.name().equals("numeric")) return "pgwire.exact_numeric(" + expr + ")";
        // (a result is assigned to its type as PostgreSQL assigns: 2.5 returned as int is 3)
        if (argument && t.builtin() && !t.isArray() && (t.name().equals("int2") || t.name().equals("int4") || t.name().equals("int8"))) {
            // an integer as it is; anything else by its digits: 2.5 or '2.5' is no integer (22P02), where
            // DuckDB's cast would round it to 3 (the value is named once: a lambda over a one-element list binds it)
            String duck = types.duckDbType(withoutModifier(typeName));
            return "CASE WHEN typeof(" + expr + ") IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT',"
                    + " 'UINTEGER', 'UBIGINT', 'HUGEINT', 'UHUGEINT') THEN CAST(" + expr + " AS " + duck + ")"
                    + " ELSE list_transform([CAST(" + expr + " AS VARCHAR)], lambda pgwire_s: CASE WHEN pgwire_s IS NULL THEN NULL"
                    + " WHEN regexp_full_match(pgwire_s, '\\s*[+-]?[0-9]+\\s*') THEN CAST(pgwire_s AS " + duck + ")"
                    + " ELSE error('[pgwire:22P02] invalid input syntax for type " + FormatType.displayName(SqlType.of(t)) + ": \"'"
                    + " || pgwire_s || '\"') END)[1] END";
        }
        return "CAST(" + expr + " AS " + types.duckDbType(withoutModifier(typeName)) + ")";
    }

    /**
     * A type name without its modifier: PostgreSQL keeps none on a function's arguments and result
     * ({@code numeric(10,2)} is numeric).
     */
    private static Node withoutModifier(Node typeName) {
        if (!typeName.has("typmods")) return typeName;
        return typeName.copy().set("typmods", null);
    }

    /** A PL/pgSQL function's body as one expression over its parameters ({@link FunctionBody}). */
    private static String plpgsqlBody(String source, String function, List<Param> in, PgTypeName result, SessionContext session) {
        if (source == null) throw DdlEmitter.unsupported("this PL/pgSQL function");
        Node tree = PgParser.parsePlpgsqlFunction(source, function);
        List<String> names = new ArrayList<>();
        for (Param p : in) names.add(p.name() == null ? "" : p.name());
        // typed with each parameter cast to its declared type: the translation's types follow from them
        IntFunction<String> typedParameter = n -> {
            if (n < 1 || n > in.size()) return null;
            PgTypeName t = in.get(n - 1).type();
            return "CAST($" + n + " AS " + (t.builtin() ? t.name() : SqlNames.quote(t.name())) + "[]".repeat(t.dimensions()) + ")";
        };
        Function<String, String> typed = expression -> ColumnReferences.apply("SELECT " + expression,
                ref -> ref.size() == 1 && !ref.get(0).isEmpty() && names.contains(ref.get(0)) ? typedParameter.apply(names.indexOf(ref.get(0)) + 1) : null,
                typedParameter).substring("SELECT ".length());
        String body = FunctionBody.compile(tree, function, names, result, expression -> {
            Translation t = translate("SELECT " + typed.apply(expression), function, in, session);
            return t.resultTypes() == null || t.resultTypes().isEmpty() ? null : t.resultType(0);
        });
        return typed.apply(body); // the translation then computes with the parameters' types (n / 2.0 in numeric)
    }

    /** {@code RETURN expression} as the query {@code SELECT expression}. */
    /**
     * A {@code RETURN expression} body as PostgreSQL writes it back (pg_get_functiondef): the
     * expression deparsed with its casts to the result type ({@code RETURN (a * (2)::numeric)}); as
     * written where it cannot be.
     */
    private static String standardBodyText(Node sqlBody, String select, List<Param> in, PgTypeName returns) {
        String text = PgDeparse.text(sqlBody.node("returnval"), returns, column -> {
            for (Param p : in) if (column.equals(p.name())) return p.type();
            return null;
        }, false);
        return "RETURN " + (text != null ? text : select.substring("SELECT ".length()));
    }

    private static String returnBody(Node sqlBody, String source) {
        if (!sqlBody.is("ReturnStmt") || source == null) throw DdlEmitter.unsupported("BEGIN ATOMIC function bodies");
        SqlLexer lexer = new SqlLexer(source);
        int after = -1;
        for (SqlLexer.Token t = lexer.next(); t.kind() != SqlLexer.Kind.END; t = lexer.next()) {
            if (t.depth() == 0 && t.isWord("RETURN")) after = t.end();
        }
        if (after < 0) throw DdlEmitter.unsupported("this function body");
        String expression = source.substring(after).trim();
        if (expression.endsWith(";")) expression = expression.substring(0, expression.length() - 1);
        return "SELECT " + expression;
    }

    /** @param declared the result type the query must give one of assignable to it (42P13 otherwise), or null */
    private static String translateBody(String body, String function, List<Param> in, SessionContext session, TypeMapper types,
                                        PgTypeName declared) {
        List<PgParser.Statement> statements = PgParser.parse(body);
        if (statements.size() != 1 || !statements.get(0).tree().is("SelectStmt")) {
            throw DdlEmitter.unsupported("SQL function bodies other than one query");
        }
        Translation t = translate(body, function, in, session);
        if (t.duckDbSql() == null || t.tree() == null || !t.tree().is("SelectStmt")) {
            throw DdlEmitter.unsupported("this SQL function body");
        }
        if (declared != null && declared.builtin() && !declared.isArray()) assignable(t.resultType(0), SqlType.of(declared));
        // each $n: the macro's parameter as the declared type (without a modifier, which PostgreSQL
        // does not keep on a function's arguments: numeric(5,1) takes 2.25 unrounded)
        String sql = t.duckDbSql();
        StringBuilder out = new StringBuilder();
        SqlLexer lexer = new SqlLexer(sql);
        int copied = 0;
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            if (tok.kind() != SqlLexer.Kind.PARAM) continue;
            int n = Integer.parseInt(tok.raw().substring(1));
            if (n < 1 || n > in.size()) throw new PgException("42P02", "there is no parameter $" + n);
            out.append(sql, copied, tok.start()).append(asType(SqlNames.quote(argName(in, n - 1)), in.get(n - 1).typeName(), types, true));
            copied = tok.end();
        }
        return out.append(sql.substring(copied)).toString();
    }

    /** A body translated with the parameters as {@code $n} of their declared types. */
    private static Translation translate(String body, String function, List<Param> in, SessionContext session) {
        // parameters by name become $n, typed as declared
        String numbered = ColumnReferences.apply(body, names -> {
            if (names.size() != 1) return null;
            for (int i = 0; i < in.size(); i++) {
                if (!names.get(0).equals(in.get(i).name())) continue;
                // an array argument is a value here, not a parameter bound as text: cast, its text is
                // written in PostgreSQL's notation ({1,2}) as any array value's is
                PgTypeName t = in.get(i).type();
                return t.isArray() ? "CAST($" + (i + 1) + " AS " + SqlNames.quote(t.name()) + "[]".repeat(t.dimensions()) + ")" : "$" + (i + 1);
            }
            return null;
        }, null);
        int[] declared = new int[in.size()];
        for (int i = 0; i < in.size(); i++) {
            PgTypeName t = in.get(i).type();
            // a domain's parameter is of its base type in the body (a domain over int[] is an array there)
            DomainMeta domain = t.isArray() || Builtins.typeOid(t.name()) != 0 ? null : session.catalog().domain(null, t.name());
            if (domain != null) t = domain.base();
            declared[i] = t.builtin() ? Builtins.typeOid(t.isArray() ? "_" + t.name() : t.name()) : 0;
        }
        return Translator.forFunctionBodies(session, function).translate(numbered, declared);
    }

    /**
     * The function of that name serve has already, if any: one with other argument types is a
     * second function PostgreSQL would make, which serve's macros (one per name) cannot be and
     * DuckDB would replace (0A000); with {@code replace}, one of the same argument types keeps its
     * return type (another one, or SETOF where there was none, is PostgreSQL's 42P13, where DuckDB
     * would replace the macro and its callers would get values of another type).
     */
    private static void existing(String schema, String function, List<Param> in, PgTypeName result, boolean set,
                                 boolean replace, SessionContext session) {
        dev.pgwire.serve.catalog.Snapshot catalog = session.catalogSnapshot();
        if (catalog == null) return;
        List<Integer> argTypes = new ArrayList<>();
        for (Param p : in) argTypes.add(typeOid(p.type(), schema, catalog));
        for (dev.pgwire.serve.catalog.Snapshot.ProcInfo p : catalog.procs(function)) {
            if (!p.schema().equals(schema)) continue;
            if (!p.argTypes().equals(argTypes)) {
                if (argTypes.contains(0)) continue; // a type not known here: not told apart
                throw DdlEmitter.unsupported("a second function named " + function + " with other argument types (overloading)")
                        .withDetail("serve keeps one function of a name: DROP FUNCTION " + function + " first to replace it.");
            }
            if (!replace) continue;
            int returns = typeOid(result, schema, catalog);
            if (returns == 0 || (p.returnType() == returns && p.returnsSet() == set)) continue;
            List<String> shown = new ArrayList<>();
            for (Param a : in) shown.add(FormatType.displayName(SqlType.of(a.type())));
            throw new PgException("42P13", "cannot change return type of existing function")
                    .withHint("Use DROP FUNCTION " + function + "(" + String.join(", ", shown) + ") first.");
        }
    }

    /** The OID of type {@code t} (a built-in, else a type of the database), or 0 where it is not known. */
    private static int typeOid(PgTypeName t, String schema, dev.pgwire.serve.catalog.Snapshot catalog) {
        String name = t.dimensions() > 0 ? "_" + t.name() : t.name();
        int oid = dev.pgwire.serve.catalog.Builtins.typeOid(name);
        if (oid != 0) return oid;
        oid = catalog.typeOid(schema, name);
        return oid != 0 ? oid : catalog.typeOid("public", name);
    }
}
