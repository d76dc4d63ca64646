package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.catalog.Builtins;
import dev.pgwire.serve.catalog.CatalogDefinitions;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Infers PostgreSQL's types for the expressions of a statement, as far as the translation needs
 * them: names are resolved through the FROM clauses (tables from the catalog, subqueries, CTEs,
 * joins) and expressions typed by PostgreSQL's rules for constants, operators and the common
 * functions. Where a type cannot be told, the answer is null and the translation keeps DuckDB's.
 */
final class TypeResolver {

    /** A column visible in a scope: its name, type, and where it comes from when it is a table's. */
    record Col(String name, SqlType type, Relation relation, int number) {
    }

    /**
     * One FROM item: the name it is referred to by, its columns, and the relation when it is a
     * table of pg_catalog (whose system columns xmin, tableoid, … can be named too).
     */
    record Entry(String alias, List<Col> cols, Relation catalogTable, boolean scalarFunction) {
        Entry(String alias, List<Col> cols) {
            this(alias, cols, null, false);
        }

        Entry(String alias, List<Col> cols, Relation catalogTable) {
            this(alias, cols, catalogTable, false);
        }
    }

    /** The system columns serve answers for pg_catalog's tables, with their attnum and type. */
    static final Map<String, Col> SYSTEM_COLUMNS = Map.of(
            "tableoid", new Col("tableoid", SqlType.OID, null, -6),
            "cmax", new Col("cmax", SqlType.of("cid"), null, -5),
            "xmax", new Col("xmax", SqlType.of("xid"), null, -4),
            "cmin", new Col("cmin", SqlType.of("cid"), null, -3),
            "xmin", new Col("xmin", SqlType.of("xid"), null, -2));

    /** The names visible at one level of a query, with the enclosing query's around it. */
    static final class Scope {
        final Scope parent;
        final List<Entry> entries = new ArrayList<>();
        final Map<String, List<Col>> ctes = new HashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        List<Col> cte(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                List<Col> c = s.ctes.get(name);
                if (c != null) return c;
            }
            return null;
        }

        Col resolve(List<String> fields) {
            for (Scope s = this; s != null; s = s.parent) {
                Col c = s.resolveHere(fields);
                if (c != null) return c;
            }
            return null;
        }

        /**
         * The column a bare name stands for when it names a function in FROM that returns one
         * column ({@code jsonb_array_elements(…) AS item}: {@code item} is the value, as in
         * PostgreSQL), and no column has that name; else null.
         */
        Col scalarFunctionColumn(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                for (Entry e : s.entries) for (Col c : e.cols) if (c.name.equals(name)) return null;
                for (Entry e : s.entries) {
                    if (e.scalarFunction && e.alias.equals(name) && e.cols.size() == 1) return e.cols.get(0);
                }
            }
            return null;
        }

        /**
         * The name of the one FROM item of the nearest level that has a column {@code column}, or
         * null when none has or several have (a join's USING column, say).
         */
        String owner(String column) {
            for (Scope s = this; s != null; s = s.parent) {
                Entry found = null;
                int count = 0;
                for (Entry e : s.entries) {
                    for (Col c : e.cols) {
                        if (c.name.equals(column)) {
                            found = e;
                            count++;
                            break;
                        }
                    }
                }
                if (count > 1 || count == 1 && (found.alias == null || found.scalarFunction)) return null;
                if (count == 1) return found.alias;
            }
            return null;
        }

        /**
         * The FROM item a bare name stands for as a whole row ({@code SELECT t::text FROM t}): the
         * nearest whose alias it is, when no column has that name; else null.
         */
        Entry wholeRow(List<String> fields) {
            if (fields.size() != 1 || resolve(fields) != null) return null;
            for (Scope s = this; s != null; s = s.parent) {
                for (Entry e : s.entries) if (!e.scalarFunction && e.alias != null && e.alias.equals(fields.get(0))) return e;
            }
            return null;
        }

        private Col resolveHere(List<String> fields) {
            String column = fields.get(fields.size() - 1);
            String qualifier = fields.size() >= 2 ? fields.get(fields.size() - 2) : null;
            for (Entry e : entries) {
                if (qualifier != null && !qualifier.equals(e.alias)) continue;
                for (Col c : e.cols) if (c.name.equals(column)) return c;
            }
            if (qualifier == null) {
                for (Entry e : entries) {
                    if (e.scalarFunction && e.alias.equals(column) && e.cols.size() == 1) return e.cols.get(0);
                }
            }
            Col system = SYSTEM_COLUMNS.get(column);
            if (system == null) return null;
            for (Entry e : entries) {
                if (e.catalogTable == null || (qualifier != null && !qualifier.equals(e.alias))) continue;
                return new Col(column, system.type, e.catalogTable, system.number);
            }
            return null;
        }
    }

    private final CatalogView catalog;
    private final Map<Node, SqlType> types = new IdentityHashMap<>();
    /** The scope each SELECT's expressions are typed in. */
    private final Map<Node, Scope> scopes = new IdentityHashMap<>();

    /** Parameters the client declared json or jsonb (the types the translation reads parameters by). */
    private final Map<Integer, SqlType> parameters = new java.util.HashMap<>();
    /** Parameters the client declared a type for. */
    private final java.util.Set<Integer> declared = new java.util.HashSet<>();
    /** The declared type OIDs of the parameters (0 for none), as the client sent them. */
    private int[] declaredOids = new int[0];

    /** The relations and types the statement is typed against. */
    CatalogView catalog() {
        return catalog;
    }

    TypeResolver(CatalogView catalog) {
        this.catalog = catalog;
    }

    /**
     * The types the client declared in Parse for the parameters (0 for none). Taken are json and
     * jsonb (their operators and functions differ, and which one a parameter is cannot be told
     * from DuckDB's type: both are JSON there) and the numbers (numeric division is exact,
     * integer division truncates, a real compares as PostgreSQL compares it: the operator is
     * chosen by the declared types, as PostgreSQL chooses it), arrays of numbers (their unnested
     * elements keep those rules), and the dates, times and intervals
     * (to_char and json write each in its own way).
     */
    void declareParameters(int[] oids) {
        if (oids == null) return;
        declaredOids = oids.clone();
        for (int i = 0; i < oids.length; i++) {
            if (oids[i] != 0 && oids[i] != dev.pgwire.protocol.types.PgType.UNKNOWN.oid()) declared.add(i + 1);
            SqlType t = DECLARED.get(oids[i]);
            if (t != null) parameters.put(i + 1, t);
        }
    }

    private static final Map<Integer, SqlType> DECLARED = Map.ofEntries(
            Map.entry(dev.pgwire.protocol.types.PgType.JSON.oid(), SqlType.JSON),
            Map.entry(dev.pgwire.protocol.types.PgType.JSONB.oid(), SqlType.JSONB),
            Map.entry(dev.pgwire.protocol.types.PgType.NUMERIC.oid(), SqlType.NUMERIC),
            Map.entry(dev.pgwire.protocol.types.PgType.INT2.oid(), SqlType.INT2),
            Map.entry(dev.pgwire.protocol.types.PgType.INT4.oid(), SqlType.INT4),
            Map.entry(dev.pgwire.protocol.types.PgType.INT8.oid(), SqlType.INT8),
            Map.entry(dev.pgwire.protocol.types.PgType.FLOAT4.oid(), SqlType.FLOAT4),
            Map.entry(dev.pgwire.protocol.types.PgType.FLOAT8.oid(), SqlType.FLOAT8),
            Map.entry(dev.pgwire.protocol.types.PgType.BOOL.oid(), SqlType.BOOL),
            Map.entry(dev.pgwire.protocol.types.PgType.BYTEA.oid(), SqlType.BYTEA),
            Map.entry(dev.pgwire.protocol.types.PgType.DATE.oid(), SqlType.DATE),
            Map.entry(dev.pgwire.protocol.types.PgType.TIME.oid(), SqlType.TIME),
            Map.entry(dev.pgwire.protocol.types.PgType.TIMESTAMP.oid(), SqlType.TIMESTAMP),
            Map.entry(dev.pgwire.protocol.types.PgType.TIMESTAMPTZ.oid(), SqlType.TIMESTAMPTZ),
            Map.entry(dev.pgwire.protocol.types.PgType.INTERVAL.oid(), SqlType.INTERVAL),
            // arrays drivers send from lists (psycopg: unnest(%s), = ANY(%s)): their elements keep their type
            Map.entry(dev.pgwire.protocol.types.PgType.NUMERIC.arrayOid(), SqlType.NUMERIC.arrayOf()),
            Map.entry(dev.pgwire.protocol.types.PgType.INT2.arrayOid(), SqlType.INT2.arrayOf()),
            Map.entry(dev.pgwire.protocol.types.PgType.INT4.arrayOid(), SqlType.INT4.arrayOf()),
            Map.entry(dev.pgwire.protocol.types.PgType.INT8.arrayOid(), SqlType.INT8.arrayOf()),
            Map.entry(dev.pgwire.protocol.types.PgType.FLOAT4.arrayOid(), SqlType.FLOAT4.arrayOf()),
            Map.entry(dev.pgwire.protocol.types.PgType.FLOAT8.arrayOid(), SqlType.FLOAT8.arrayOf()));

    /** Whether the client declared a type for parameter {@code number} (PostgreSQL infers the others). */
    boolean parameterDeclared(long number) {
        return declared.contains((int) number);
    }

    /**
     * Whether parameter {@code number} is compared as character(n) beside a character(n): of no
     * declared type (PostgreSQL resolves it as bpchar), or declared character or varchar (bpchareq).
     */
    boolean parameterComparesAsCharacter(long number) {
        if (!parameterDeclared(number)) return true;
        int oid = parameterOid(number);
        return oid == dev.pgwire.protocol.types.PgType.BPCHAR.oid() || oid == dev.pgwire.protocol.types.PgType.VARCHAR.oid();
    }

    /** Whether {@code e} holds a parameter of no declared type (outside subqueries). */
    boolean hasUntypedParameter(Node e) {
        boolean[] found = {false};
        TreeWalker.forEachNode(e, n -> {
            if (n.is("ParamRef") && !parameterDeclared(n.num("number"))) found[0] = true;
        });
        return found[0];
    }

    /** Whether the client declared parameter {@code number} text or varchar (pgjdbc's setString). */
    boolean parameterIsText(long number) {
        int oid = parameterOid(number);
        return oid == dev.pgwire.protocol.types.PgType.TEXT.oid() || oid == dev.pgwire.protocol.types.PgType.VARCHAR.oid();
    }

    /** The type OID the client declared for parameter {@code number}, 0 for none. */
    int parameterOid(long number) {
        return number >= 1 && number <= declaredOids.length ? declaredOids[(int) number - 1] : 0;
    }

    /** The declared type of parameter {@code number} where the translation reads it, else null. */
    SqlType parameterType(long number) {
        return parameters.get((int) number);
    }

    /** Whether a branch of a set operation selects a string constant or a parameter of no declared type at {@code i}: that column is untyped. */
    private boolean untypedAt(Node branch, int i) {
        if (branch == null || branch.node("larg") != null) return false;
        List<Node> targets = branch.list("targetList");
        if (i >= targets.size()) return false;
        Node v = targets.get(i).node("val");
        return v != null && (v.is("A_Const") && v.has("sval") || v.is("ParamRef") && !parameterDeclared(v.num("number")));
    }

    /**
     * The columns of a data-modifying CTE (INSERT, UPDATE or DELETE … RETURNING): its RETURNING
     * list read where it is, over the table the statement changes (and UPDATE's FROM, DELETE's
     * USING); {@code RETURNING *} is the table's columns. None for a statement without RETURNING.
     */
    private List<Col> returning(Node q, Scope scope) {
        if (!(q.is("InsertStmt") || q.is("UpdateStmt") || q.is("DeleteStmt")) || !q.has("returningList") || q.node("relation") == null) {
            return List.of();
        }
        List<Node> from = new ArrayList<>();
        from.add(Node.typed("RangeVar", q.node("relation")));
        from.addAll(q.list("fromClause"));
        from.addAll(q.list("usingClause"));
        Node probe = Node.of("SelectStmt").set("targetList", q.list("returningList")).set("fromClause", from).set("op", "SETOP_NONE");
        return select(probe, scope);
    }

    /** The scope a SELECT's target list, WHERE, GROUP BY and ORDER BY are resolved in (after {@link #select}). */
    Scope scopeOf(Node select) {
        return scopes.get(select);
    }

    /** The result columns of a SELECT (or VALUES, or set operation) in an enclosing scope. */
    List<Col> select(Node s, Scope outer) {
        Scope scope = new Scope(outer);
        Node with = s.node("withClause");
        if (with != null) {
            for (Node cte : with.list("ctes")) {
                List<Col> cols = new ArrayList<>();
                Node q = cte.node("ctequery");
                // a recursive CTE's columns are known from its first branch
                Node first = q.node("larg") != null ? q.node("larg") : q;
                if (cte.has("aliascolnames")) scope.ctes.put(cte.str("ctename"), List.of()); // self-reference while typing
                List<Col> inner = q.is("SelectStmt") || q.type() == null ? select(first, scope) : returning(q, scope);
                List<String> aliases = cte.names("aliascolnames");
                for (int i = 0; i < inner.size(); i++) {
                    String name = i < aliases.size() ? aliases.get(i) : inner.get(i).name;
                    // a CTE's column is the table column it selects (not through a recursive CTE), as PostgreSQL marks it
                    cols.add(with.bool("recursive") ? new Col(name, inner.get(i).type, null, 0) : passedOn(inner.get(i), name));
                }
                scope.ctes.put(cte.str("ctename"), cols);
            }
        }
        String op = s.str("op");
        if (!op.isEmpty() && !op.equals("SETOP_NONE")) {
            List<Col> left = select(s.node("larg"), scope);
            List<Col> right = select(s.node("rarg"), scope);
            List<Col> out = new ArrayList<>();
            for (int i = 0; i < left.size(); i++) {
                SqlType t = i < right.size() ? SqlType.common(left.get(i).type, right.get(i).type) : left.get(i).type;
                // a string constant in one branch is untyped: it takes the other branch's type
                if (i < right.size() && untypedAt(s.node("rarg"), i)) t = left.get(i).type;
                else if (i < right.size() && untypedAt(s.node("larg"), i)) t = right.get(i).type;
                out.add(new Col(left.get(i).name, t, null, 0));
            }
            scopes.put(s, scope);
            return out;
        }
        if (s.has("valuesLists")) {
            List<Node> rows = s.list("valuesLists");
            List<Col> out = new ArrayList<>();
            if (rows.isEmpty()) return out;
            List<Node> first = rows.get(0).list("items");
            for (Node row : rows) {
                if (row.list("items").size() != first.size()) {
                    throw new PgException(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length");
                }
            }
            for (int i = 0; i < first.size(); i++) {
                SqlType t = null;
                for (Node row : rows) {
                    Node item = row.list("items").get(i);
                    // a parameter of no declared type takes the other rows' type
                    SqlType ti = item.is("ParamRef") && !parameterDeclared(item.num("number")) ? SqlType.UNKNOWN : type(item, scope);
                    t = t == null ? ti : SqlType.common(t, ti);
                }
                out.add(new Col("column" + (i + 1), t != null && t.isUnknown() ? SqlType.TEXT : t, null, 0));
            }
            scopes.put(s, scope);
            return out;
        }
        for (Node item : s.list("fromClause")) fromItem(item, scope, scope.entries);
        scopes.put(s, scope);
        List<Col> out = new ArrayList<>();
        for (Node target : s.list("targetList")) {
            Node val = target.node("val");
            if (val == null) continue;
            if (val.is("ColumnRef") && val.list("fields").get(val.list("fields").size() - 1).is("A_Star")) {
                List<String> fields = val.names("fields");
                String qualifier = fields.size() > 1 ? fields.get(fields.size() - 2) : null;
                for (Entry e : scope.entries) if (qualifier == null || qualifier.equals(e.alias)) out.addAll(e.cols);
                continue;
            }
            SqlType t = type(val, scope);
            Col source = val.is("ColumnRef") ? scope.resolve(val.names("fields")) : null;
            String name = target.has("name") ? target.str("name") : ColumnNames.nameOf(val);
            if (t != null && t.isUnknown()) t = SqlType.TEXT; // an unknown result is text, as PostgreSQL resolves it
            out.add(source != null ? new Col(name, t, source.relation, source.number) : new Col(name, t, null, 0));
        }
        return out;
    }

    /** A column of a subquery or CTE: the table column it selects passes on (a system column does not). */
    private static Col passedOn(Col c, String name) {
        return c.number > 0 ? new Col(name, c.type, c.relation, c.number) : new Col(name, c.type, null, 0);
    }

    /** Adds the entries a FROM item makes visible (a join without alias: both sides). */
    private void fromItem(Node item, Scope scope, List<Entry> out) {
        switch (item.type()) {
            case "RangeVar" -> {
                String name = item.str("relname");
                String schema = item.str("schemaname");
                Node alias = item.node("alias");
                String aliasName = alias != null ? alias.str("aliasname") : name;
                List<Col> cols = new ArrayList<>();
                List<Col> cte = schema.isEmpty() ? scope.cte(name) : null;
                Relation table = null;
                if (cte != null) {
                    cols.addAll(cte);
                } else {
                    Relation r = catalog.relation(schema.isEmpty() ? null : schema, name);
                    if (r != null) {
                        for (ColumnInfo c : r.columns()) {
                            SqlType t = c.pgType() != null ? SqlType.of(c.pgType()) : SqlType.ofDuckDb(c.duckDbType());
                            cols.add(new Col(c.name(), t, r, c.number()));
                        }
                        if (!r.view() && r.schema().equals(CatalogDefinitions.PG_CATALOG)) table = r;
                    }
                }
                out.add(new Entry(aliasName, renamed(cols, alias), table));
            }
            case "RangeSubselect" -> {
                Node alias = item.node("alias");
                List<Col> cols = select(item.node("subquery"), item.bool("lateral") ? scope : scope.parent);
                List<Col> plain = new ArrayList<>();
                for (Col c : cols) plain.add(passedOn(c, c.name));
                out.add(new Entry(alias == null ? "" : alias.str("aliasname"), renamed(plain, alias)));
            }
            case "JoinExpr" -> {
                Node alias = item.node("alias");
                List<Entry> sides = alias == null ? out : new ArrayList<>();
                fromItem(item.node("larg"), scope, sides);
                fromItem(item.node("rarg"), scope, sides);
                if (alias != null) {
                    List<Col> cols = new ArrayList<>();
                    for (Entry e : sides) cols.addAll(e.cols);
                    out.add(new Entry(alias.str("aliasname"), renamed(cols, alias)));
                }
            }
            case "RangeFunction" -> {
                Node alias = item.node("alias");
                List<Node> functions = item.list("functions");
                Node call = functions.isEmpty() ? null : functions.get(0).list("items").get(0);
                List<Col> cols = new ArrayList<>();
                JsonCalls.SetColumns json = call != null && call.is("FuncCall") ? JsonCalls.setColumns(Operators.lastName(call)) : null;
                List<Col> defined = JsonCalls.definedColumns(item);
                if (defined == null && call != null && call.is("FuncCall") && JsonCalls.POPULATE.contains(Operators.lastName(call))) {
                    defined = JsonCalls.populatedColumns(call, catalog);
                }
                if (defined != null) {
                    cols.addAll(defined);
                } else if (json != null) {
                    for (int i = 0; i < json.names().size(); i++) cols.add(new Col(json.names().get(i), json.types().get(i), null, 0));
                } else if (call != null && call.is("FuncCall") && Operators.lastName(call).equals("unnest") && call.list("args").size() > 1) {
                    for (Node arg : call.list("args")) { // unnest(a, b, …): a column of each array's elements
                        SqlType a = type(arg, scope);
                        cols.add(new Col("unnest", a != null && a.isArray() ? a.element() : null, null, 0));
                    }
                } else if (call != null && call.is("FuncCall")) {
                    cols.add(new Col(Operators.lastName(call), setReturningType(call, scope), null, 0));
                }
                if (item.bool("ordinality")) cols.add(new Col("ordinality", SqlType.INT8, null, 0));
                String aliasName = alias != null ? alias.str("aliasname") : (call != null && call.is("FuncCall") ? Operators.lastName(call) : "");
                if (alias != null && !alias.has("colnames") && !cols.isEmpty() && (json == null || !json.named()) && defined == null) {
                    // a function returning one column takes the alias as its column name too
                    cols.set(0, new Col(aliasName, cols.get(0).type, null, 0));
                }
                out.add(new Entry(aliasName, renamed(cols, alias), null, cols.size() == 1 && !item.bool("ordinality")));
            }
            default -> out.add(new Entry("", List.of()));
        }
    }

    private static List<Col> renamed(List<Col> cols, Node alias) {
        if (alias == null || !alias.has("colnames")) return cols;
        List<String> names = alias.names("colnames");
        List<Col> out = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            Col c = cols.get(i);
            out.add(i < names.size() ? new Col(names.get(i), c.type, c.relation, c.number) : c);
        }
        return out;
    }

    private SqlType setReturningType(Node call, Scope scope) {
        List<Node> args = call.list("args");
        return switch (Operators.lastName(call)) {
            case "generate_series" -> args.isEmpty() ? null : type(call, scope) != null && type(call, scope).is(SqlType.NUMERIC)
                    ? SqlType.NUMERIC : seriesType(type(args.get(0), scope));
            case "unnest" -> {
                SqlType a = args.isEmpty() ? null : type(args.get(0), scope);
                yield a != null && a.isArray() ? a.element() : null;
            }
            case "generate_subscripts" -> SqlType.INT4;
            case "regexp_split_to_table", "string_to_table" -> SqlType.TEXT;
            // a scalar function in FROM (a session function, string_to_array) is one row of its value
            default -> call.bool("pgwire_keep") || (Builtins.scalarFunction(Operators.lastName(call))
                    && !JsonCalls.POPULATE.contains(Operators.lastName(call))) ? type(call, scope) : null;
        };
    }

    private static SqlType seriesType(SqlType start) {
        if (start == null) return null;
        if (start.name().equals("timestamp") || start.name().equals("date")) {
            return start.name().equals("date") ? SqlType.TIMESTAMPTZ : SqlType.TIMESTAMP;
        }
        return start.isUnknown() ? null : start.withoutTypmod();
    }

    /** The type of an expression in {@code scope}, or null when it cannot be told. */
    SqlType type(Node e, Scope scope) {
        if (e == null) return null;
        if (types.containsKey(e)) return types.get(e);
        SqlType t = ExpressionTypes.infer(this, e, scope);
        types.put(e, t);
        return t;
    }

    /** Remembers a type for a node a rewrite made (so later questions about it have an answer). */
    void assume(Node e, SqlType t) {
        types.put(e, t);
    }

    /** The columns a subquery returns (typed in its own scope, nested in {@code scope}). */
    List<Col> subquery(Node select, Scope scope) {
        return select(select, scope);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
