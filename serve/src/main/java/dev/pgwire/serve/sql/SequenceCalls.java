package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.ArrayList;
import java.util.List;

/**
 * lastval() and currval(s): the value nextval last returned in this session, of any sequence and of
 * s. DuckDB keeps neither (its currval is the sequence's, whichever session drew it), so every value
 * a query or data-changing statement draws passes through {@code pgwire_nextval_seen(pid, sequence,
 * value)}, which records it for the session, and lastval() asks {@code pgwire_lastval(pid)},
 * currval {@code pgwire_currval(pid, sequence)} (55000 before any). The draws are the explicit nextval calls and the
 * sequence defaults an INSERT leaves to its serial or identity columns: those are written into the
 * INSERT as values ({@code INSERT INTO t (name) VALUES ('a')} becomes {@code INSERT INTO t (name,
 * id) VALUES ('a', pgwire_nextval_seen(pid, 't_id_seq', nextval('t_id_seq')))}), which is what the default
 * would have drawn, row by row.
 */
final class SequenceCalls {
    private SequenceCalls() {}

    /** Marks a value {@link PinnedSequences} drew from a sequence and wrote into an INSERT. */
    static final String DRAWN = "pgwire_drawn";
    /** … and the DuckDB default (a nextval call) the column would have drawn it with. */
    static final String DRAWN_FROM = "pgwire_drawn_from";

    /** Rewrites the nextval and lastval calls of a query or data-changing statement, and an INSERT's sequence defaults. */
    static void rewrite(Node tree, SessionContext session) {
        int pid = session.backendPid();
        nameArguments(tree);
        if (tree.is("InsertStmt")) insertDefaults(tree, session, pid);
        Rewrites.replaceExpressions(tree, n -> replacement(n, pid, session));
    }

    private static Node replacement(Node n, int pid, SessionContext session) {
        if (n.bool(DRAWN)) {
            Node value = n.copy().set(DRAWN, false).set(DRAWN_FROM, null);
            Node call = n.has(DRAWN_FROM) ? defaultDraw(n.str(DRAWN_FROM)) : null;
            return seen(pid, call == null ? null : sequenceKey(call.list("args").get(0), session), "{0}", value);
        }
        if (!n.is("FuncCall") || n.node("over") != null || n.bool("pgwire_keep")) return null;
        List<String> names = n.names("funcname");
        if (names.size() > 2 || (names.size() == 2 && !names.get(0).equals("pg_catalog"))) return null;
        List<Node> args = n.list("args");
        String name = names.get(names.size() - 1);
        if (name.equals("lastval") && args.isEmpty()) {
            return Expressions.duckDb("pgwire_lastval(" + pid + ")").set("pgType", "int8");
        }
        if (name.equals("currval") && args.size() == 1) {
            // the value nextval last gave this session of the sequence (DuckDB's currval is any session's)
            // (a name known only when the statement runs, currval(pg_get_serial_sequence('t', 'id')), is left to DuckDB)
            String key = sequenceKey(args.get(0), session);
            return key == null ? null : Expressions.duckDb("pgwire_currval(" + pid + ", " + SqlWriter.quoteLiteral(key) + ")").set("pgType", "int8");
        }
        if (name.equals("setval") && args.size() == 2) {
            // setval(s, n) is what currval of s answers next (and lastval, where s was the last drawn from), as in PostgreSQL
            String key = sequenceKey(args.get(0), session);
            if (key != null) {
                return Expressions.duckDb("pgwire_setval_seen(" + pid + ", " + SqlWriter.quoteLiteral(key) + ", {0})", n.set("pgwire_keep", true))
                        .set("pgType", "int8");
            }
        }
        if (name.equals("nextval") && args.size() == 1) {
            for (int i = 0; i < args.size(); i++) {
                Node holder = Node.of("List").set("items", new ArrayList<>(List.of(args.get(i))));
                Rewrites.replaceExpressions(holder, c -> replacement(c, pid, session));
                args.set(i, holder.list("items").get(0));
            }
            return seen(pid, sequenceKey(args.get(0), session), "{0}", n.set("pgwire_keep", true));
        }
        return null;
    }

    /**
     * The sequence a nextval or currval argument names, schema-qualified as the session's
     * search_path finds it now (PostgreSQL binds the call to the sequence's OID): the key under
     * which the session keeps the sequence's last value for currval. Null for an argument that is
     * no constant name, or names no sequence.
     */
    private static String sequenceKey(Node arg, SessionContext session) {
        List<String> names = arg == null ? null : names(arg);
        if (names == null || names.isEmpty() || names.size() > 2) return null;
        String name = names.get(names.size() - 1);
        CatalogView catalog = session.catalog();
        if (catalog == null) return null;
        // (none for a sequence not there: DuckDB's error about it stands, 42P01)
        for (String schema : names.size() == 2 ? List.of(names.get(0)) : session.currentSchemas(false)) {
            if (catalog.sequence(schema, name) != null) return SqlWriter.quoteIdent(schema) + "." + SqlWriter.quoteIdent(name);
        }
        return null;
    }

    /**
     * The sequence argument of nextval, currval and setval as DuckDB takes it, a name: PostgreSQL's
     * {@code nextval('s'::regclass)} (as pg_dump and {@code \\d} write a serial's default) names
     * the sequence by the string; any other regclass argument by its text.
     */
    static void nameArguments(Node tree) {
        TreeWalker.forEachNode(tree, n -> {
            if (!n.is("FuncCall") || n.list("args").isEmpty() || !SEQUENCE_FUNCTIONS.contains(Operators.lastName(n))) return;
            List<String> names = n.names("funcname");
            if (names.size() > 2 || (names.size() == 2 && !names.get(0).equals("pg_catalog"))) return;
            Node arg = n.list("args").get(0);
            if (!arg.is("TypeCast") || !PgTypeName.of(arg.node("typeName")).name().equals("regclass")) return;
            Node inner = arg.node("arg");
            Node name = inner != null && inner.is("A_Const") && inner.has("sval") ? inner
                    : Node.of("TypeCast").set("arg", arg).set("typeName", Node.of(null)
                            .set("names", new ArrayList<>(List.of(Node.string("pg_catalog"), Node.string("text")))).set("typemod", -1L))
                            .set("location", arg.location());
            n.list("args").set(0, name);
        });
    }

    /**
     * A column default as PostgreSQL keeps it: its {@code nextval('s')} names the sequence the
     * search_path finds when the default is made (PostgreSQL stores the sequence's OID), written
     * qualified, so that a later search_path does not send the draws to another sequence.
     */
    static Node boundDefault(Node expr, PgTypeName column, SessionContext session) {
        Node value = DateTimeLiterals.frozenDefault(expr, column, session);
        CatalogView catalog = session.catalog();
        if (value == null || catalog == null) return value;
        TreeWalker.forEachNode(value, n -> {
            if (!n.is("FuncCall") || n.list("args").isEmpty() || !SEQUENCE_FUNCTIONS.contains(Operators.lastName(n))) return;
            Node arg = n.list("args").get(0);
            if (arg.is("TypeCast") && PgTypeName.of(arg.node("typeName")).name().equals("regclass")) arg = arg.node("arg");
            List<String> names = names(arg);
            if (names == null || names.size() != 1) return;
            for (String schema : session.currentSchemas(false)) {
                if (catalog.relation(schema, names.get(0)) != null) return; // a table or view of that name comes first: DuckDB's error stands
                if (catalog.sequence(schema, names.get(0)) == null) continue;
                if (!schema.startsWith("pg_temp")) {
                    arg.set("sval", Node.string(SqlWriter.quoteIdent(schema) + "." + SqlWriter.quoteIdent(names.get(0))));
                }
                return;
            }
        });
        return value;
    }

    /**
     * {@code expr} as shown in the catalog: each {@code 'name'::regclass} constant names its
     * relation by a mark ({@link SchemaNames}), so that {@code \\d} and pg_dump see it bare or
     * qualified as their search_path finds it, as PostgreSQL's regclass output does.
     */
    static Node markRelations(Node expr, CatalogView catalog) {
        if (expr == null || catalog == null) return expr;
        Node shown = expr.copy();
        TreeWalker.forEachNode(shown, n -> {
            if (n.is("TypeCast") && PgTypeName.of(n.node("typeName")).name().equals("regclass")) {
                markRelation(n.node("arg"), catalog);
            } else if (n.is("FuncCall") && !n.list("args").isEmpty() && SEQUENCE_FUNCTIONS.contains(Operators.lastName(n))) {
                markRelation(n.list("args").get(0), catalog); // nextval('s'), shown as nextval('s'::regclass)
            }
        });
        return shown;
    }

    /** A string constant naming a relation or a sequence, marked with its schema; anything else is left alone. */
    private static void markRelation(Node constant, CatalogView catalog) {
        List<String> names = names(constant);
        if (names == null || names.isEmpty() || names.size() > 2) return;
        Relation r = catalog.relation(names.size() == 2 ? names.get(0) : null, names.get(names.size() - 1));
        if (r != null) {
            constant.set("sval", Node.string(SchemaNames.relationInLiteral(r.schema(), r.name())));
        } else if (names.size() == 2 && catalog.sequence(names.get(0), names.get(1)) != null) { // as boundDefault names it
            constant.set("sval", Node.string(SchemaNames.relationInLiteral(names.get(0), names.get(1))));
        }
    }

    /** The name a string constant gives ({@code 'public.s'}), or null when it is no constant or no name. */
    private static List<String> names(Node constant) {
        if (constant == null || !constant.is("A_Const") || !constant.has("sval")) return null;
        try {
            return dev.pgwire.serve.catalog.QualifiedNames.parse(constant.node("sval").str("sval"));
        } catch (RuntimeException notAName) {
            return null;
        }
    }

    private static final java.util.Set<String> SEQUENCE_FUNCTIONS = java.util.Set.of("nextval", "currval", "setval");

    private static Node seen(int pid, String sequence, String value, Node... args) {
        return Expressions.duckDb("pgwire_nextval_seen(" + pid + ", " + (sequence == null ? "NULL" : SqlWriter.quoteLiteral(sequence)) + ", "
                + value + ")", args).set("pgType", "int8");
    }

    /**
     * The sequence defaults an INSERT … VALUES (or DEFAULT VALUES, or INSERT … SELECT with its
     * columns named) leaves to serial and identity columns, written in as seen draws. A column
     * given a value in some rows and DEFAULT in others keeps its DEFAULTs where it is GENERATED
     * ALWAYS (PostgreSQL's error about the values follows from the statement as written).
     */
    private static void insertDefaults(Node insert, SessionContext session, int pid) {
        CatalogView catalog = session.catalog();
        Node rel = insert.node("relation");
        if (catalog == null || rel == null) return;
        Relation r = catalog.relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname"));
        if (r == null || r.view()) return;
        Node select = insert.node("selectStmt");
        boolean values = select != null && !select.list("valuesLists").isEmpty();
        boolean query = select != null && !values;
        List<Node> cols = insert.has("cols") ? insert.list("cols") : new ArrayList<>();
        if (!insert.has("cols") && select != null) {
            // the rows give the leading columns: named here, so that the others can be added
            int width = width(select);
            if (width < 0 || width > r.columns().size()) return;
            for (int i = 0; i < width; i++) cols.add(Node.of("ResTarget").set("name", r.columns().get(i).name()));
        }
        List<Node> added = new ArrayList<>();
        boolean override = false;
        for (ColumnInfo c : r.columns()) {
            if (!drawsFromSequence(c)) continue;
            int position = -1;
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).str("name").equals(c.name())) {
                    if (cols.get(i).has("indirection")) return;
                    position = i;
                }
            }
            String draw = c.defaultExpr();
            String key = defaultKey(c, session);
            if (position < 0) {
                added.add(Node.of("ResTarget").set("name", c.name()));
                if (values) {
                    for (Node row : select.list("valuesLists")) row.list("items").add(seen(pid, key, draw));
                } else if (query) {
                    continue; // added below, around the query
                }
                override |= "a".equals(c.identity());
            } else if (values) {
                boolean allDefault = true;
                for (Node row : select.list("valuesLists")) {
                    List<Node> items = row.list("items");
                    if (position < items.size() && !items.get(position).is("SetToDefault")) allDefault = false;
                }
                if (!allDefault && "a".equals(c.identity())) continue;
                for (Node row : select.list("valuesLists")) {
                    List<Node> items = row.list("items");
                    if (position < items.size() && items.get(position).is("SetToDefault")) items.set(position, seen(pid, key, draw));
                }
                override |= "a".equals(c.identity());
            }
        }
        if (added.isEmpty() && !override) return;
        if (query) {
            // SELECT q.*, draws… FROM (query) AS q: one draw per row the query gives
            if (added.isEmpty()) return;
            List<Node> targets = new ArrayList<>();
            targets.add(Node.of("ResTarget").set("val", Node.of("ColumnRef").set("fields",
                    new ArrayList<>(List.of(Node.string("pgwire_rows"), Node.of("A_Star"))))));
            for (Node col : added) {
                ColumnInfo c = r.column(col.str("name"));
                targets.add(Node.of("ResTarget").set("val", seen(pid, defaultKey(c, session), c.defaultExpr())).set("name", c.name()));
                override |= "a".equals(c.identity());
            }
            Node sub = Node.of("RangeSubselect").set("subquery", select)
                    .set("alias", Node.of("Alias").set("aliasname", "pgwire_rows"));
            Node outer = Node.of("SelectStmt").set("targetList", targets).set("fromClause", new ArrayList<>(List.of(sub)))
                    .set("op", "SETOP_NONE").set("limitOption", "LIMIT_OPTION_DEFAULT");
            if (select.has("withClause")) {
                outer.set("withClause", select.node("withClause"));
                select.set("withClause", null);
            }
            insert.set("selectStmt", outer);
        } else if (select == null) {
            // DEFAULT VALUES: one row of the draws, the other columns still their defaults
            List<Node> items = new ArrayList<>();
            for (Node col : added) {
                ColumnInfo c = r.column(col.str("name"));
                items.add(seen(pid, defaultKey(c, session), c.defaultExpr()));
            }
            Node row = Node.of("List").set("items", items);
            insert.set("selectStmt", Node.of("SelectStmt").set("valuesLists", new ArrayList<>(List.of(row)))
                    .set("op", "SETOP_NONE").set("limitOption", "LIMIT_OPTION_DEFAULT"));
        }
        cols.addAll(added);
        insert.set("cols", cols);
        if (override) insert.set("override", "OVERRIDING_SYSTEM_VALUE");
    }

    /** How many values each row of an INSERT's source has, or -1 where that is not known here (a *). */
    /** How many columns the rows of an INSERT's VALUES or query give, or -1 when not known here (a star). */
    static int width(Node select) {
        if (!select.list("valuesLists").isEmpty()) return select.list("valuesLists").get(0).list("items").size();
        if (select.node("larg") != null) return width(select.node("larg"));
        for (Node t : select.list("targetList")) {
            Node val = t.node("val");
            if (val == null || val.is("ColumnRef") && !val.list("fields").isEmpty()
                    && val.list("fields").get(val.list("fields").size() - 1).is("A_Star")) return -1;
        }
        return select.list("targetList").size();
    }

    /** Whether the column's default is a nextval call (serial, identity, or DEFAULT nextval('…') as written). */
    /** The sequence a column's default draws from, as {@link #sequenceKey} names it, or null. */
    private static String defaultKey(ColumnInfo c, SessionContext session) {
        Node call = defaultDraw(c.defaultExpr());
        return call == null ? null : sequenceKey(call.list("args").get(0), session);
    }

    /** The nextval call that is a column's whole default ({@code defaultExpr}, DuckDB's text of it), or null. */
    private static Node defaultDraw(String defaultExpr) {
        if (defaultExpr == null) return null;
        List<PgParser.Statement> parsed;
        try {
            parsed = PgParser.parse("SELECT " + defaultExpr);
        } catch (RuntimeException notPostgreSql) {
            return null;
        }
        if (parsed.size() != 1) return null;
        List<Node> targets = parsed.get(0).tree().list("targetList");
        Node val = targets.size() == 1 ? targets.get(0).node("val") : null;
        return val != null && val.is("FuncCall") && val.list("args").size() == 1 && Operators.lastName(val).equals("nextval") ? val : null;
    }

    private static boolean drawsFromSequence(ColumnInfo c) {
        if (c.defaultExpr() == null) return false;
        if (c.sequence() != null) return true;
        Node val = defaultDraw(c.defaultExpr());
        return val != null
                && !val.has("over");
    }
}
