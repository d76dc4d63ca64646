package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Values written to a table's columns (INSERT's VALUES and SELECT list, UPDATE's SET, ON CONFLICT
 * … DO UPDATE) as PostgreSQL assigns them. An untyped string constant takes the column's type with
 * PostgreSQL's input rules ({@code '\xdeadbeef'} into bytea is four bytes, {@code '{1,2}'} into
 * int[] is an array, {@code 'yes'} into boolean is true); a value a numeric column without modifier
 * cannot hold exactly is an error (22003), never rounded; a GENERATED ALWAYS identity column takes
 * only its default unless OVERRIDING SYSTEM VALUE, a generated column only its default (428C9).
 */
public final class TargetCoercion {
    private TargetCoercion() {}

    /** DuckDB's type for a numeric column without modifier. */
    public static final String UNCONSTRAINED_NUMERIC = TypeMapper.UNCONSTRAINED_NUMERIC;

    static void insert(Node stmt, CatalogView catalog, TypeResolver types) {
        Node rel = stmt.node("relation");
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null || r.view()) return;
        List<ColumnInfo> targets = targets(stmt, r);
        Node select = stmt.node("selectStmt");
        if (select == null) return;
        boolean overriding = stmt.str("override").equals("OVERRIDING_SYSTEM_VALUE");
        if (stmt.str("override").equals("OVERRIDING_USER_VALUE")) userValuesIgnored(stmt, targets, select);
        if (select.has("valuesLists")) select.set(UntypedValues.INSERTED, true);
        if (select.has("valuesLists")) {
            if (!select.list("valuesLists").isEmpty()) leadingColumns(stmt, targets, select.list("valuesLists").get(0).list("items").size());
            for (Node row : select.list("valuesLists")) {
                List<Node> items = row.list("items");
                if (items.size() > targets.size()) throw Checks.syntax("INSERT has more expressions than target columns");
                if (stmt.has("cols") && items.size() < targets.size()) throw Checks.syntax("INSERT has more target columns than expressions");
                for (int i = 0; i < items.size() && i < targets.size(); i++) {
                    checkIdentity(targets.get(i), items.get(i), overriding);
                    items.set(i, coerce(items.get(i), targets.get(i), types));
                }
            }
            withoutGenerated(stmt, targets, select.list("valuesLists"));
        } else if (select.has("targetList") && !select.has("larg")) {
            TypeResolver.Scope with = withScope(stmt, types);
            if (hasStar(select.list("targetList"))) {
                select = starColumns(stmt, select, types, targets.size(), with);
            }
            List<Node> list = select.list("targetList");
            leadingColumns(stmt, targets, list.size());
            if (types.scopeOf(select) == null) types.select(select, with);
            TypeResolver.Scope scope = types.scopeOf(select);
            for (int i = 0; i < list.size() && i < targets.size(); i++) {
                Node t = list.get(i);
                checkIdentity(targets.get(i), t.node("val"), overriding);
                t.set("val", coerce(t.node("val"), targets.get(i), types, scope));
            }
        }
    }

    /**
     * A SELECT with a {@code *} as the INSERT's source, wrapped so that each of its columns is a
     * column of its own ({@code SELECT s.c1, s.c2 FROM (SELECT * …) AS s(c1, c2)}) and is assigned
     * to its target like any other value: a star left to DuckDB's casts would round a value into a
     * numeric without precision. Where the star's columns are not known here the statement is
     * refused (0A000) rather than run without those checks.
     */
    private static Node starColumns(Node stmt, Node select, TypeResolver types, int targets, TypeResolver.Scope with) {
        List<TypeResolver.Col> cols = types.select(select, with);
        if (cols == null || cols.isEmpty()) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "INSERT … SELECT * from a source whose columns are not known here")
                    .withHint("Name the columns in the SELECT list.");
        }
        if (cols.size() > targets) throw Checks.syntax("INSERT has more expressions than target columns");
        List<Node> names = new ArrayList<>();
        List<Node> targetList = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            String name = "pgwire_c" + (i + 1);
            names.add(Node.string(name));
            Node ref = Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string("pgwire_star"), Node.string(name))));
            targetList.add(Node.of("ResTarget").set("val", ref));
        }
        Node alias = Node.of(null).set("aliasname", "pgwire_star").set("colnames", names);
        Node from = Node.of("RangeSubselect").set("subquery", select).set("alias", alias);
        Node outer = Node.of("SelectStmt").set("targetList", targetList).set("fromClause", new ArrayList<>(List.of(from)))
                .set("limitOption", "LIMIT_OPTION_DEFAULT").set("op", "SETOP_NONE");
        stmt.set("selectStmt", outer);
        types.select(outer, with);
        return outer;
    }

    /** The scope of the INSERT's own WITH clause (its CTEs, data-modifying ones too), which its SELECT reads in; null without one. */
    private static TypeResolver.Scope withScope(Node stmt, TypeResolver types) {
        if (stmt.node("withClause") == null) return null;
        Node holder = Node.of("SelectStmt").set("withClause", stmt.node("withClause")).set("op", "SETOP_NONE");
        types.select(holder, null);
        return types.scopeOf(holder);
    }

    /**
     * DEFAULT for a generated column (the only value it takes, see {@link #checkIdentity}) is left
     * out, with its column: DuckDB computes the column and takes no value for it, not even DEFAULT.
     */
    private static void withoutGenerated(Node stmt, List<ColumnInfo> targets, List<Node> rows) {
        if (rows.isEmpty() || targets.stream().noneMatch(ColumnInfo::generated)) return;
        if (rows.get(0).list("items").size() != targets.size()) return;
        if (!stmt.has("cols")) {
            List<Node> cols = new ArrayList<>();
            for (ColumnInfo c : targets) cols.add(Node.of("ResTarget").set("name", c.name()));
            stmt.set("cols", cols);
        }
        for (int i = targets.size() - 1; i >= 0; i--) {
            if (!targets.get(i).generated()) continue;
            stmt.list("cols").remove(i);
            for (Node row : rows) row.list("items").remove(i);
        }
    }

    /**
     * An INSERT without a column list that gives fewer values than the table has columns fills
     * the first ones and leaves the rest to their defaults, as in PostgreSQL; DuckDB wants every
     * column, so the columns given are named.
     */
    private static void leadingColumns(Node stmt, List<ColumnInfo> targets, int given) {
        if (stmt.has("cols") || given >= targets.size() || given == 0) return;
        List<Node> cols = new ArrayList<>();
        for (int i = 0; i < given; i++) cols.add(Node.of("ResTarget").set("name", targets.get(i).name()));
        stmt.set("cols", cols);
        targets.subList(given, targets.size()).clear();
    }

    private static boolean hasStar(List<Node> targetList) {
        for (Node t : targetList) {
            Node v = t.node("val");
            if (v != null && v.is("ColumnRef")) {
                List<Node> fields = v.list("fields");
                if (!fields.isEmpty() && fields.get(fields.size() - 1).is("A_Star")) return true;
            }
        }
        return false;
    }

    static void update(Node stmt, CatalogView catalog, TypeResolver types) {
        Node rel = stmt.node("relation");
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null || r.view()) return;
        List<Node> from = new ArrayList<>();
        from.add(Node.typed("RangeVar", rel));
        from.addAll(stmt.list("fromClause"));
        setList(stmt.list("targetList"), r, types, scope(types, from));
    }

    /**
     * The scope SET's expressions are read in (the table, UPDATE's FROM, ON CONFLICT's excluded):
     * their types are remembered, so they must be typed where their names resolve.
     */
    static TypeResolver.Scope scope(TypeResolver types, List<Node> from) {
        Node probe = Node.of("SelectStmt").set("fromClause", from).set("op", "SETOP_NONE");
        try {
            types.select(probe, null);
        } catch (RuntimeException e) {
            return null; // an unknown relation in FROM: the statement's own translation reports it
        }
        return types.scopeOf(probe);
    }

    static void setList(List<Node> targets, Relation r, TypeResolver types, TypeResolver.Scope scope) {
        for (Node t : List.copyOf(targets)) {
            ColumnInfo c = r.column(t.str("name"));
            if (c == null) {
                throw new PgException(SqlState.UNDEFINED_COLUMN,
                        "column \"" + t.str("name") + "\" of relation \"" + r.name() + "\" does not exist");
            }
            if (t.has("indirection")) continue;
            Node val = t.node("val");
            Node assigned = val != null && val.is("MultiAssignRef") && val.node("source") != null && val.node("source").is("RowExpr")
                    && val.num("colno") >= 1 && val.num("colno") <= val.node("source").list("args").size()
                    ? val.node("source").list("args").get((int) val.num("colno") - 1) : val;
            if ((c.identity().equals("a") || c.generated()) && assigned != null && !assigned.is("SetToDefault")) {
                throw new PgException("428C9", "column \"" + c.name() + "\" can only be updated to DEFAULT")
                        .withDetail("Column \"" + c.name() + "\" is " + (c.generated() ? "a generated column."
                                : "an identity column defined as GENERATED ALWAYS."));
            }
            if (c.generated() && val != null && val.is("SetToDefault")) {
                // DuckDB computes the column and takes no assignment to it; a SET of nothing else sets a column to itself
                targets.remove(t);
                if (targets.isEmpty()) {
                    ColumnInfo other = r.columns().stream().filter(o -> !o.generated()).findFirst().orElseThrow();
                    Node ref = Node.of("ColumnRef").set("fields", new ArrayList<>(List.of(Node.string(other.name()))));
                    targets.add(Node.of("ResTarget").set("name", other.name()).set("val", ref));
                }
                continue;
            }
            if (val != null && !val.is("MultiAssignRef")) t.set("val", coerce(val, c, types, scope));
        }
    }

    /** The columns INSERT {@code stmt} into {@code r} writes, in the order of its values (42703 for one {@code r} lacks). */
    static List<ColumnInfo> targets(Node stmt, Relation r) {
        if (!stmt.has("cols")) return new ArrayList<>(r.columns());
        List<ColumnInfo> targets = new ArrayList<>();
        for (Node c : stmt.list("cols")) {
            ColumnInfo col = r.column(c.str("name"));
            if (col == null) {
                throw new PgException(SqlState.UNDEFINED_COLUMN,
                        "column \"" + c.str("name") + "\" of relation \"" + r.name() + "\" does not exist");
            }
            targets.add(col);
        }
        return targets;
    }

    /**
     * OVERRIDING USER VALUE: the values given for identity columns are ignored, each row's identity
     * drawn from its sequence as PostgreSQL does (DuckDB would take them): DEFAULT in their place.
     */
    private static void userValuesIgnored(Node stmt, List<ColumnInfo> targets, Node select) {
        boolean identity = false;
        for (ColumnInfo c : targets) identity |= c.identity() != null && !c.identity().isEmpty();
        if (identity && !select.has("valuesLists")) throw DdlEmitter.unsupported("OVERRIDING USER VALUE with INSERT … SELECT");
        if (identity) {
            for (Node row : select.list("valuesLists")) {
                List<Node> items = row.list("items");
                for (int i = 0; i < items.size() && i < targets.size(); i++) {
                    String kind = targets.get(i).identity();
                    if (kind != null && !kind.isEmpty()) items.set(i, Node.of("SetToDefault").set("location", items.get(i).location()));
                }
            }
        }
        stmt.set("override", "OVERRIDING_NOT_SET");
    }

    static void checkIdentity(ColumnInfo c, Node value, boolean overriding) {
        if (value == null || value.is("SetToDefault")) return;
        if (c.generated()) {
            throw new PgException("428C9", "cannot insert a non-DEFAULT value into column \"" + c.name() + "\"")
                    .withDetail("Column \"" + c.name() + "\" is a generated column.");
        }
        if (!c.identity().equals("a") || overriding) return;
        throw new PgException("428C9", "cannot insert a non-DEFAULT value into column \"" + c.name() + "\"")
                .withDetail("Column \"" + c.name() + "\" is an identity column defined as GENERATED ALWAYS.")
                .withHint("Use OVERRIDING SYSTEM VALUE to override.");
    }

    /** The value as assigned to column {@code c}. */
    static Node coerce(Node value, ColumnInfo c, TypeResolver types) {
        return coerce(value, c, types, null);
    }

    /** The value (an expression in {@code scope}) as assigned to column {@code c}. */
    static Node coerce(Node value, ColumnInfo c, TypeResolver types, TypeResolver.Scope scope) {
        if (value == null || value.is("SetToDefault")) return value;
        Node assigned = elementLengths(assign(value, c, types, scope), c, types);
        int[] ps = otherDecimal(c);
        return ps == null ? assigned : exactDecimal(assigned, c, ps);
    }

    private static Node assign(Node value, ColumnInfo c, TypeResolver types, TypeResolver.Scope scope) {
        if (c.pgType() != null && !TypeMapper.knownBuiltin(c.pgType().name()) && !c.pgType().isArray() && (value.is("A_Const") && value.has("sval") || value.is("ParamRef"))
                && types.catalog().composite(null, c.pgType().name()) != null) {
            // a string or parameter for a composite column is read as PostgreSQL's record_in reads it (see Casts)
            Node typeName = Node.of(null).set("names", new ArrayList<>(List.of(Node.string(c.pgType().name())))).set("typemod", -1L);
            return Node.of("TypeCast").set("arg", value).set("typeName", typeName).set("location", value.location());
        }
        SqlType target = c.pgType() != null ? SqlType.of(c.pgType()) : SqlType.ofDuckDb(c.duckDbType());
        if (target == null) return value;
        moreDimensions(value, c, target, types, scope);
        Node asFloat = Literals.asFloat(value, target); // 1e300 into a double precision column
        if (asFloat != null) return asFloat;
        boolean unknownString = value.is("A_Const") && value.has("sval");
        if (unknownString) {
            Node number = NumberInput.cast(value, target, types); // '1.5' into an integer column is 22P02, not 2
            if (number != null) return number;
        }
        if (unknownString && !target.isArray() && target.name().equals("interval") && target.typmod() != -1) {
            // an interval column with a field qualifier (interval hour to minute) reads a string as PostgreSQL does
            String text = DateTimeLiterals.qualifiedInterval(value.node("sval").str("sval"), (target.typmod() >> 16) & 0x7FFF);
            if (text != null) {
                Node constant = Node.of("A_Const").set("sval", Node.string(text)).set("location", value.location());
                // … and rounds it to the column's precision (interval second(2))
                return DateTimePrecision.round(Node.of("TypeCast").set("arg", constant).set("typeName", typeName(c, SqlType.INTERVAL))
                        .set("location", value.location()), target, types);
            }
        }
        // a parameter into a json or jsonb column is of the column's type, as PostgreSQL describes it
        boolean jsonParameter = value.is("ParamRef") && target.isJson() && types.type(value, null) == null;
        if ((unknownString && needsInputRules(target)) || jsonParameter) {
            Node cast = Node.of("TypeCast").set("arg", value).set("typeName", typeName(c, target)).set("location", value.location());
            return DateTimePrecision.round(cast, target, types);
        }
        SqlType from = types.type(value, scope);
        if (!target.isArray() && target.name().equals("time") && from != null && !from.isArray() && from.is(SqlType.TIMESTAMPTZ)) {
            // timestamptz's assignment cast to time: its time of day in the session's zone (timestamptz_time)
            Node local = Expressions.duckDb("CAST(CAST({0} AS TIMESTAMP) AS TIME)", value);
            types.assume(local, SqlType.TIME);
            return DateTimePrecision.round(local, target, types);
        }
        checkAssignable(value, c, target, types, scope);
        if (target.name().equals("numeric") && !target.isArray() && from != null && !from.isArray() && from.isFloat()) {
            // a float stored as numeric goes through its 15 (6) significant digits, as PostgreSQL converts it:
            // 1.005::float8 into numeric(12,2) is 1.01, 0.1::float8 + 0.2::float8 into numeric is 0.3
            // (a cast, which the statement's rewrite turns into that, after rewriting the value itself)
            int[] ps = target.numericPrecisionAndScale();
            if (ps == null && !isUnconstrained(c)) return value;
            return target.cast(value, value.location());
        }
        if (target.name().equals("numeric") && !target.isArray() && isUnconstrained(c)) return exactNumeric(value, types);
        if (!target.isArray() && target.isText()
                && (value.is("RowExpr") || from != null && !from.isUnknown() && (from.isArray() || !from.isText()))) {
            // a value stored as text is its type's text in PostgreSQL's notation ({1,2}, \xdeadbeef, 1.2345679e+08),
            // as an explicit cast writes it, not DuckDB's ([1, 2], \xDE\xAD…, 123456790.0)
            value = SqlType.TEXT.cast(value, value.location());
        }
        if (!target.isArray() && target.typmod() > 4 && (target.name().equals("varchar") || target.name().equals("bpchar"))) {
            return withLength(value, target, types);
        }
        return DateTimePrecision.round(value, target, types);
    }

    /**
     * A value for a varchar(n)[] or character(n)[] column: an element longer than n (beyond
     * trailing spaces) is 22001, as PostgreSQL's array input checks each element. (A varchar(n)
     * column's own CHECK does this for one value; DuckDB takes no lambda in a CHECK.)
     */
    private static Node elementLengths(Node value, ColumnInfo c, TypeResolver types) {
        PgTypeName t = c.pgType();
        if (value == null || t == null || !t.isArray() || t.typmod() <= 4 || !(t.name().equals("varchar") || t.name().equals("bpchar"))) {
            return value;
        }
        int n = t.typmod() - 4;
        int flattened = Math.max(t.dimensions(), 1) - 1;
        String elements = "flatten(".repeat(flattened) + "pg_a" + ")".repeat(flattened);
        String shown = (t.name().equals("varchar") ? "character varying(" : "character(") + n + ")";
        // the value is named once: a lambda over a one-element list binds it
        // spaces beyond n are cut from each element as from a single value (one dimension; char(n) kept without them)
        String assigned = flattened > 0 ? "pg_a" : "list_transform(pg_a, lambda pg_e: "
                + (t.name().equals("bpchar") ? "rtrim(pg_e, ' ')" : "pgwire.varchar_assign(pg_e, " + n + ")") + ")";
        // (a parameter of no declared type as the column's type: DuckDB binds no untyped list into a lambda)
        String bound = value.is("ParamRef") && types.type(value, null) == null ? "CAST({0} AS " + c.duckDbType() + ")" : "{0}";
        Node checked = Expressions.duckDb("list_transform([" + bound + "], lambda pg_a: CASE WHEN pgwire." + t.name() + "_fits_list(" + elements
                + ", " + n + ") THEN " + assigned + " ELSE error('[pgwire:22001] value too long for type " + shown + "') END)[1]", value);
        checked.set("location", value.location());
        checked.set(TypedRewrites.REWRITE_ARGS, true); // the value is rewritten with the statement, after this
        types.assume(checked, SqlType.of(t));
        return checked;
    }

    /**
     * A value for a varchar(n) or character(n) column as PostgreSQL assigns it: spaces beyond n are
     * cut (more than n other characters stay, for the column's check to refuse with 22001), and
     * character(n) is kept without its trailing spaces, which its output pads back.
     */
    private static Node withLength(Node value, SqlType target, TypeResolver types) {
        int n = target.typmod() - 4;
        Node r = target.name().equals("bpchar")
                ? Expressions.duckDb("rtrim(CAST({0} AS VARCHAR), ' ')", value)
                : Expressions.duckDb("pgwire.varchar_assign(CAST({0} AS VARCHAR), " + n + ")", value);
        r.set("location", value.location());
        r.set("pgType", target.name());
        r.set(TypedRewrites.REWRITE_ARGS, true); // the value is rewritten with the statement, after this
        types.assume(r, target);
        return r;
    }

    /** Categories whose expression types the translation tells reliably: boolean, numeric, date/time. */
    private static final java.util.Set<String> CHECKED_CATEGORIES = java.util.Set.of("B", "N", "D");

    /**
     * An array of more dimensions than the column's declared type has: PostgreSQL's arrays hold any
     * number whatever the declaration, serve's columns the number declared (text[] one, text[][]
     * two), and DuckDB would write each inner array into one element as text. Refused (0A000).
     */
    private static void moreDimensions(Node value, ColumnInfo c, SqlType target, TypeResolver types, TypeResolver.Scope scope) {
        if (!target.isArray()) return;
        int dims;
        if (value.is("A_Const") && value.has("sval")) {
            dims = ArrayLiteral.dimensions(value.node("sval").str("sval"));
        } else {
            SqlType source = types.type(value, scope);
            dims = source == null || !source.isArray() ? 0 : source.dims();
        }
        if (dims <= target.dims()) return;
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "an array of " + dims + " dimensions cannot be stored in column \""
                + c.name() + "\" of type " + FormatType.displayName(target))
                .withDetail("serve keeps as many dimensions as the column's type declares.")
                .withHint("Declare the column with " + dims + " pairs of brackets (" + FormatType.displayName(target.element())
                        + "[]".repeat(dims) + ").");
    }

    /**
     * A value PostgreSQL has no assignment cast for ({@code true} into an integer column, a number
     * into a boolean, a date or a jsonb column, a text column or {@code '1.5'::text} into an integer
     * column) is 42804, where DuckDB would convert it silently (rounding 1.5 to 2).
     */
    private static void checkAssignable(Node value, ColumnInfo c, SqlType target, TypeResolver types, TypeResolver.Scope scope) {
        if (target.isArray()) return;
        SqlType source = types.type(value, scope);
        boolean textParameter = source == null && value.is("ParamRef") && types.parameterIsText(value.num("number"));
        if (textParameter) {
            // a parameter declared text or varchar (pgjdbc's setString) is of that type, as PostgreSQL takes it
            source = types.parameterOid(value.num("number")) == dev.pgwire.protocol.types.PgType.TEXT.oid() ? SqlType.TEXT : SqlType.of("varchar");
        }
        if (source == null || source.isArray() || source.isUnknown()) return;
        int from = dev.pgwire.serve.catalog.Builtins.typeOid(source.name());
        int to = dev.pgwire.serve.catalog.Builtins.typeOid(target.name());
        if (from == 0 || to == 0) return;
        String fromCategory = dev.pgwire.serve.catalog.Builtins.category(from);
        String toCategory = dev.pgwire.serve.catalog.Builtins.category(to);
        boolean checked = CHECKED_CATEGORIES.contains(fromCategory)
                && (CHECKED_CATEGORIES.contains(toCategory) || "U".equals(toCategory)); // a number into a jsonb or uuid column too
        // a string of a type the statement names — a cast to text, a table's text column — has only explicit casts to
        // other categories (a subquery's column of a string constant is still the constant, which INSERT … SELECT coerces)
        boolean text = "S".equals(fromCategory) && (value.is("TypeCast") || textParameter || tableColumn(value, scope));
        if (!checked && !text) return;
        if (dev.pgwire.serve.catalog.Builtins.assignable(from, to)) return;
        PgException e = new PgException(SqlState.DATATYPE_MISMATCH, "column \"" + c.name() + "\" is of type "
                + FormatType.displayName(target) + " but expression is of type " + FormatType.displayName(source))
                .withHint("You will need to rewrite or cast the expression.");
        // at the expression's start, which is its operand's for a cast ('1.5'::text)
        Node first = value;
        while (first.is("TypeCast") && first.node("arg") != null && first.node("arg").has("location")) first = first.node("arg");
        throw first.has("location") ? e.withPosition(first.location() + 1) : e;
    }

    /** Whether {@code value} names a column of a table (through subqueries and CTEs that select it). */
    private static boolean tableColumn(Node value, TypeResolver.Scope scope) {
        if (!value.is("ColumnRef") || scope == null || !value.list("fields").stream().allMatch(f -> f.is("String"))) return false;
        TypeResolver.Col c = scope.resolve(value.names("fields"));
        return c != null && c.relation() != null && c.number() > 0;
    }

    /** Types whose input rules differ between PostgreSQL and DuckDB for a string constant. */
    private static boolean needsInputRules(SqlType t) {
        return t.isArray() || t.name().equals("bytea") || t.name().equals("bool") || t.isJson()
                || t.name().equals("timestamptz") || t.name().equals("timestamp") || t.name().equals("date") || t.name().equals("timetz")
                || t.name().equals("time")
                || t.name().equals("interval") && t.typmod() == -1;
    }

    private static boolean isUnconstrained(ColumnInfo c) {
        return c.duckDbType().replace(" ", "").equalsIgnoreCase(TypeMapper.UNCONSTRAINED_NUMERIC);
    }

    /**
     * The precision and scale of a numeric column without modifier that DuckDB holds as a DECIMAL
     * other than serve's own (a column CREATE TABLE … AS made from a numeric expression keeps the
     * query's DECIMAL(p,s)); null for any other column.
     */
    public static int[] otherDecimal(ColumnInfo c) {
        if (c.pgType() == null || c.pgType().isArray() || !c.pgType().name().equals("numeric") || c.pgType().typmod() != -1) return null;
        String duck = c.duckDbType().replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (!duck.startsWith("DECIMAL(") || !duck.endsWith(")") || isUnconstrained(c)) return null;
        String[] ps = duck.substring(8, duck.length() - 1).split(",");
        return ps.length == 2 ? new int[] {Integer.parseInt(ps[0]), Integer.parseInt(ps[1])} : null;
    }

    /** A value for such a column: stored only where no digit is lost (22003 rather than rounded to the column's scale). */
    private static Node exactDecimal(Node value, ColumnInfo c, int[] ps) {
        String decimal = "DECIMAL(" + ps[0] + "," + ps[1] + ")";
        String message = SqlWriter.quoteLiteral("[pgwire:22003] numeric field overflow\n[pgwire:detail] " + decimalDetail(c.name(), ps[0], ps[1]));
        return Expressions.duckDb("CASE WHEN {0} IS NULL THEN NULL WHEN TRY_CAST({0} AS " + decimal + ") = {0} THEN CAST({0} AS " + decimal
                + ") ELSE error(" + message + " || CAST({0} AS VARCHAR) || ' would have to be rounded.') END", value);
    }

    private static String decimalDetail(String column, int precision, int scale) {
        return "Column \"" + column + "\" holds numbers of up to " + (precision - scale) + " digits before and " + scale
                + " after the point (the type of the query that made it); ";
    }

    /** 22003 unless a DECIMAL(p,s) column that stands for numeric without modifier holds {@code v} exactly. */
    public static void checkFits(BigDecimal v, int precision, int scale, String column) {
        BigDecimal s = v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
        if (Math.max(s.scale(), 0) > scale || Math.max(s.precision() - s.scale(), 0) > precision - scale) {
            throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
                    .withDetail(decimalDetail(column, precision, scale) + v.toPlainString() + " would have to be rounded.");
        }
    }

    /**
     * A value for a numeric column without modifier (DECIMAL(38,10) here): constants are checked
     * now, anything computed at run time by DuckDB before it is stored.
     */
    private static Node exactNumeric(Node value, TypeResolver types) {
        String text = null;
        if (value.is("A_Const") && value.has("fval")) text = value.node("fval").str("fval");
        else if (value.is("A_Const") && value.has("sval")) text = value.node("sval").str("sval").trim();
        else if (value.is("A_Const") && value.has("ival")) return value;
        if (text != null) {
            try {
                BigDecimal v = new BigDecimal(text);
                checkFits(v);
                return value;
            } catch (NumberFormatException e) {
                return value; // DuckDB reports the bad input
            }
        }
        if (value.is("ParamRef") || value.is("A_Const")) return value; // parameters are checked as they are bound
        return Expressions.duckDb("pgwire.exact_numeric({0})", value);
    }

    /** 22003 unless a numeric column without modifier holds {@code v} exactly. */
    public static void checkFits(BigDecimal v) {
        BigDecimal s = v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
        int scale = Math.max(s.scale(), 0);
        int integerDigits = Math.max(s.precision() - s.scale(), 0);
        if (scale > TypeMapper.NUMERIC_SCALE || integerDigits > Literals.MAX_PRECISION - TypeMapper.NUMERIC_SCALE) {
            throw notExact(v.toPlainString());
        }
    }

    static PgException notExact(String value) {
        return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
                .withDetail("A numeric column without precision holds up to " + (Literals.MAX_PRECISION - TypeMapper.NUMERIC_SCALE)
                        + " digits before and " + TypeMapper.NUMERIC_SCALE + " after the decimal point; " + value
                        + " would have to be rounded.")
                .withHint("Declare the column as numeric(p, s) to have values rounded to s digits.");
    }

    private static Node typeName(ColumnInfo c, SqlType t) {
        List<Node> names = new ArrayList<>();
        if (c.pgType() == null || c.pgType().builtin()) names.add(Node.string("pg_catalog"));
        names.add(Node.string(t.name()));
        Node typeName = Node.of(null).set("names", names).set("typemod", -1L);
        if (t.isArray()) {
            List<Node> bounds = new ArrayList<>();
            for (int i = 0; i < t.dims(); i++) bounds.add(Node.of("Integer").set("ival", -1L));
            typeName.set("arrayBounds", bounds);
        }
        return typeName;
    }
}
