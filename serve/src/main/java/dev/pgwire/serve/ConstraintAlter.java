package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.Relation;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.serve.sql.SqlNames;
import dev.pgwire.serve.sql.TableMeta;
import dev.pgwire.serve.sql.Translation;

import java.util.ArrayList;
import java.util.List;

/**
 * ALTER TABLE … ADD [CONSTRAINT name] CHECK (…), ADD COLUMN … CHECK (…) and DROP CONSTRAINT of a
 * check, primary key or unique constraint declared with the table: DuckDB adds no check to a
 * table it has and drops no constraint, so the table is built again with the checks or without the
 * constraint ({@link IndexedAlter#rebuild}), and its rows are copied into it. As in PostgreSQL,
 * the rows there must pass an added check: one that does not fails the statement with 23514
 * {@code check constraint "…" of relation "…" is violated by some row}, and nothing changes.
 *
 * <p>The translation writes each change as DuckDB would take it if it could: {@code ALTER TABLE t
 * ADD CONSTRAINT name CHECK (…)} (see AddedChecks), {@code ALTER TABLE t DROP CONSTRAINT name},
 * and added columns as {@code ALTER TABLE t ADD COLUMN definition}; all become part of the table
 * built again.
 */
final class ConstraintAlter {
    private ConstraintAlter() {}

    /** The DuckDB script of an ALTER TABLE that adds checks, or null when it adds none. */
    static String script(Translation t, Relation table, DuckDbStatementRunner runner) {
        Node tree = t.tree();
        if (!tree.is("AlterTableStmt")
                || tree.list("cmds").stream().noneMatch(cmd -> addsCheck(cmd) || dropsDeclared(cmd, table) || addsSequenceColumn(cmd)
                || addsComputedNotNullColumn(cmd))) {
            return null;
        }
        for (Node cmd : tree.list("cmds")) {
            String subtype = cmd.str("subtype");
            if (!subtype.equals("AT_AddColumn") && !subtype.equals("AT_AddConstraint") && !subtype.equals("AT_DropConstraint")) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "ALTER TABLE adding a check, a serial or identity column, or dropping a constraint together with other changes is not supported")
                        .withDetail("Make that change in an ALTER TABLE of its own.");
            }
        }
        List<String> columns = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        List<String> before = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        List<TableMeta.Constraint> dropped = new ArrayList<>();
        for (String statement : dev.pgwire.server.SqlSplitter.split(t.duckDbSql())) {
            int[] at = clause(statement);
            if (at == null && createsSequence(statement)) before.add(statement); // a serial column's, drawn from by the copy
            else if (at == null) rest.add(statement);
            else if (at[1] == 0) columns.add(statement.substring(at[0]).trim());
            else if (at[1] == 1) checks.add(statement.substring(at[0]).trim());
            else dropped.add(table.meta().constraint(identifier(statement.substring(at[0]))));
        }
        if (columns.isEmpty() && checks.isEmpty() && dropped.isEmpty()) return null; // ADD COLUMN IF NOT EXISTS of one there: nothing to build
        List<Added> added = new ArrayList<>();
        for (String column : columns) added.add(Added.of(column));
        notNulls(table, added, runner);
        // a default computed per row (nextval) is computed once, by the copy, which then checks it
        if (added.stream().allMatch(Added::constant)) {
            boolean notValid = tree.list("cmds").stream().anyMatch(cmd -> addsCheck(cmd) && cmd.node("def").bool("skip_validation"));
            for (String check : checks) if (check.startsWith("CHECK")) validate(table, check, added, notValid, runner);
        }
        String rebuilt = IndexedAlter.rebuild(table, new IndexedAlter.Change(null, null, null, null, columns, checks,
                c -> dropped.stream().anyMatch(d -> d != null && declares(d, c))), rest, runner);
        if (rebuilt == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE … ADD CHECK, DROP CONSTRAINT or ADD COLUMN of a serial or"
                    + " identity column of a table with generated columns is not supported")
                    .withDetail("DuckDB makes none of these changes to a table it has, and serve cannot build this table again.");
        }
        return before.isEmpty() ? rebuilt : String.join(";\n", before) + ";\n" + rebuilt;
    }

    /** ADD COLUMN of a serial or identity column: the table is built again with it, its rows drawing the values in order. */
    private static boolean addsSequenceColumn(Node cmd) {
        Node def = cmd.node("def");
        return cmd.str("subtype").equals("AT_AddColumn") && def != null && (dev.pgwire.serve.sql.PgTypeName.isSerial(def.node("typeName"))
                || def.list("constraints").stream().anyMatch(c -> c.str("contype").equals("CONSTR_IDENTITY")));
    }

    /**
     * ADD COLUMN … NOT NULL with a default that calls a function (now(), gen_random_uuid()): the
     * table is built again with it, each row copied taking the default, as for a serial column.
     * DuckDB's own ALTER fills such a column and then refuses to check it ("outstanding updates").
     */
    private static boolean addsComputedNotNullColumn(Node cmd) {
        Node def = cmd.node("def");
        if (!cmd.str("subtype").equals("AT_AddColumn") || def == null) return false;
        boolean notNull = false;
        Node computed = null;
        for (Node c : def.list("constraints")) {
            if (c.str("contype").equals("CONSTR_NOTNULL")) notNull = true;
            if (c.str("contype").equals("CONSTR_DEFAULT")) computed = c.node("raw_expr");
        }
        return notNull && computed != null && calls(computed);
    }

    private static boolean calls(Object tree) {
        if (tree instanceof Node n) {
            if (n.is("FuncCall") || n.is("SQLValueFunction")) return true;
            for (Object v : n.fields().values()) if (calls(v)) return true;
        } else if (tree instanceof List<?> l) {
            for (Object v : l) if (calls(v)) return true;
        }
        return false;
    }

    /** Whether DuckDB's {@code statement} is a CREATE [TEMPORARY] SEQUENCE. */
    private static boolean createsSequence(String statement) {
        SqlLexer lexer = new SqlLexer(statement);
        if (!lexer.next().isWord("CREATE")) return false;
        SqlLexer.Token next = lexer.next();
        if (next.isWord("TEMPORARY")) next = lexer.next();
        return next.isWord("SEQUENCE");
    }

    /** Whether {@code cmd} drops a constraint of {@code table} that DuckDB has (not a foreign key or an index of serve's). */
    private static boolean dropsDeclared(Node cmd, Relation table) {
        if (!cmd.str("subtype").equals("AT_DropConstraint")) return false;
        TableMeta.Constraint c = table.meta().constraint(cmd.str("name"));
        return c != null && c.rule() == null && !c.backedByIndex() && !c.index() && !c.type().equals("f");
    }

    /** Whether DuckDB's constraint {@code c} (type, columns joined by NUL, text) is serve's constraint {@code d}. */
    private static boolean declares(TableMeta.Constraint d, String[] c) {
        return switch (d.type()) {
            case "p" -> c[0].equals("PRIMARY KEY");
            case "u" -> c[0].equals("UNIQUE") && List.of(c[1].split("\u0000")).equals(d.columns());
            case "c" -> c[0].equals("CHECK") && d.engineName().equals(lastString(c[2]));
            default -> false;
        };
    }

    /** The last string literal of {@code sql} (a check's name in {@code pgwire.table_check(…, 'name')}), or null. */
    private static String lastString(String sql) {
        String found = null;
        SqlLexer lexer = new SqlLexer(sql);
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            if (tok.kind() == SqlLexer.Kind.STRING) found = tok.text();
        }
        return found;
    }

    /** The identifier {@code sql} starts with, as named. */
    private static String identifier(String sql) {
        SqlLexer.Token tok = new SqlLexer(sql).next();
        return tok.kind() == SqlLexer.Kind.QUOTED_IDENT ? tok.text() : tok.raw().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean addsCheck(Node cmd) {
        Node def = cmd.node("def");
        if (def == null) return false;
        if (cmd.str("subtype").equals("AT_AddConstraint")) return def.str("contype").equals("CONSTR_CHECK");
        return cmd.str("subtype").equals("AT_AddColumn") && def.list("constraints").stream().anyMatch(c -> c.str("contype").equals("CONSTR_CHECK"));
    }

    /**
     * Where the added part of DuckDB's {@code ALTER TABLE t ADD COLUMN def} or {@code ALTER TABLE t
     * ADD CONSTRAINT name CHECK (…)} or the name in {@code ALTER TABLE t DROP CONSTRAINT name}
     * starts, and which it is ({start, 0} a column, {start, 1} a check, {start, 2} a dropped
     * constraint); null for any other statement.
     */
    private static int[] clause(String statement) {
        SqlLexer lexer = new SqlLexer(statement);
        if (!lexer.next().isWord("ALTER")) return null;
        SqlLexer.Token previous = null;
        boolean constraint = false;
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            if (tok.depth() != 0) continue;
            if (previous != null && previous.isWord("ADD") && tok.isWord("COLUMN")) return new int[] {tok.end(), 0};
            if (previous != null && previous.isWord("ADD") && tok.isWord("CONSTRAINT")) constraint = true;
            if (constraint && (tok.isWord("CHECK") || tok.isWord("PRIMARY"))) return new int[] {tok.start(), 1};
            if (previous != null && previous.isWord("DROP") && tok.isWord("CONSTRAINT")) {
                SqlLexer.Token name = lexer.next();
                return name.kind() == SqlLexer.Kind.END ? null : new int[] {name.start(), 2};
            }
            previous = tok;
        }
        return null;
    }

    /**
     * The rows there pass {@code check} ({@code CHECK (pgwire.table_check((…), 'name'))}), or the
     * statement fails as PostgreSQL's does; a column the statement adds has its default in them.
     */
    private static void validate(Relation table, String check, List<Added> added, boolean notValid, DuckDbStatementRunner runner) {
        String name = lastString(check);
        StringBuilder rows = new StringBuilder("SELECT *");
        for (Added column : added) rows.append(", ").append(column.asValue());
        rows.append(" FROM ").append(IndexedAlter.qualifier(table) + SqlNames.quote(table.name()));
        String condition = check.substring("CHECK".length()); // a row breaks the check where it is false
        List<Long> broken = runner.query("SELECT count(*) FROM (" + rows + ") AS pgwire_rows WHERE NOT " + condition,
                ps -> { }, rs -> rs.getLong(1));
        if (!broken.isEmpty() && broken.get(0) > 0 && notValid) {
            // PostgreSQL would keep such rows and check only the rows written after; DuckDB checks all
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE … ADD CHECK … NOT VALID of a check that rows of \""
                    + table.name() + "\" break is not supported")
                    .withDetail("DuckDB checks every row of a table against its checks: correct or delete the rows that break \""
                            + name + "\" first.");
        }
        if (!broken.isEmpty() && broken.get(0) > 0) {
            throw ConstraintErrors.fields(new PgException(SqlState.CHECK_VIOLATION, "check constraint \"" + name + "\" of relation \""
                    + table.name() + "\" is violated by some row"), table, name);
        }
    }

    /**
     * A column added NOT NULL without a default to a table with rows: 23502, as PostgreSQL's
     * {@code column "c" of relation "t" contains null values}.
     */
    private static void notNulls(Relation table, List<Added> added, DuckDbStatementRunner runner) {
        for (Added column : added) {
            if (!column.notNull() || column.value() != null) continue;
            List<Long> rows = runner.query("SELECT count(*) FROM " + IndexedAlter.qualifier(table) + SqlNames.quote(table.name()), ps -> { }, rs -> rs.getLong(1));
            if (!rows.isEmpty() && rows.get(0) > 0) {
                throw new PgException(SqlState.NOT_NULL_VIOLATION, "column \"" + column.name() + "\" of relation \"" + table.name()
                        + "\" contains null values").with(dev.pgwire.protocol.message.ErrorField.COLUMN_NAME, column.name());
            }
        }
    }

    /**
     * A column as DuckDB's definition {@code "c" TYPE [DEFAULT e] [NOT NULL]} adds it.
     *
     * @param name   as written (quoted where it needs to be)
     * @param value  the default, or null
     */
    private record Added(String name, String type, String value, boolean notNull) {
        static Added of(String definition) {
            SqlLexer lexer = new SqlLexer(definition);
            SqlLexer.Token name = lexer.next();
            int typeStart = name.end();
            int typeEnd = definition.length();
            int defaultStart = -1;
            int defaultEnd = definition.length();
            boolean notNull = false;
            for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
                if (tok.depth() != 0) continue;
                if (tok.isWord("DEFAULT") && defaultStart < 0) {
                    typeEnd = Math.min(typeEnd, tok.start());
                    defaultStart = tok.end();
                } else if (tok.isWord("NOT") || tok.isWord("NULL") && defaultStart < 0) {
                    notNull |= tok.isWord("NOT");
                    typeEnd = Math.min(typeEnd, tok.start());
                    if (defaultStart >= 0) defaultEnd = Math.min(defaultEnd, tok.start());
                }
            }
            String value = defaultStart < 0 ? null : definition.substring(defaultStart, defaultEnd).trim();
            String shown = name.kind() == SqlLexer.Kind.QUOTED_IDENT ? name.text() : name.raw().toLowerCase(java.util.Locale.ROOT);
            return new Added(shown, definition.substring(typeStart, typeEnd).trim(), value, notNull);
        }

        /** Whether its default is the same for every row (it calls no function: not nextval, random or the clock). */
        boolean constant() {
            if (value == null) return true;
            SqlLexer lexer = new SqlLexer(value);
            SqlLexer.Token previous = null;
            for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
                if (tok.isOp('(') && previous != null && previous.kind() == SqlLexer.Kind.WORD && !previous.isWord("CAST")) return false;
                previous = tok;
            }
            return true;
        }

        /** The value it has in the rows there, as a column of a query over them. */
        String asValue() {
            return "CAST(" + (value == null ? "NULL" : value) + " AS " + type + ") AS " + SqlNames.quote(name);
        }
    }
}
