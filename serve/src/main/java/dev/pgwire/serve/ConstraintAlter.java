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
        if (!tree.is("AlterTableStmt") || tree.list("cmds").stream().noneMatch(cmd -> addsCheck(cmd) || dropsDeclared(cmd, table))) {
            return null;
        }
        for (Node cmd : tree.list("cmds")) {
            String subtype = cmd.str("subtype");
            if (!subtype.equals("AT_AddColumn") && !subtype.equals("AT_AddConstraint") && !subtype.equals("AT_DropConstraint")) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE adding a check constraint together with other changes is not supported")
                        .withDetail("Add the check in an ALTER TABLE of its own.");
            }
        }
        List<String> columns = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        List<TableMeta.Constraint> dropped = new ArrayList<>();
        for (String statement : dev.pgwire.server.SqlSplitter.split(t.duckDbSql())) {
            int[] at = clause(statement);
            if (at == null) rest.add(statement);
            else if (at[1] == 0) columns.add(statement.substring(at[0]).trim());
            else if (at[1] == 1) checks.add(statement.substring(at[0]).trim());
            else dropped.add(table.meta().constraint(identifier(statement.substring(at[0]))));
        }
        for (String check : checks) validate(table, check, columns, runner);
        String rebuilt = IndexedAlter.rebuild(table, new IndexedAlter.Change(null, null, null, null, columns, checks,
                c -> dropped.stream().anyMatch(d -> d != null && declares(d, c))), rest, runner);
        if (rebuilt == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TABLE … ADD CHECK of a table with generated columns is not supported")
                    .withDetail("DuckDB adds no check to a table it has, and serve cannot build this table again with it.");
        }
        return rebuilt;
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
            case "c" -> c[0].equals("CHECK") && d.name().equals(lastString(c[2]));
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
            if (constraint && tok.isWord("CHECK")) return new int[] {tok.start(), 1};
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
    private static void validate(Relation table, String check, List<String> added, DuckDbStatementRunner runner) {
        String name = lastString(check);
        StringBuilder rows = new StringBuilder("SELECT *");
        for (String column : added) rows.append(", ").append(asValue(column));
        rows.append(" FROM ").append(table.schema().equals("pg_temp") ? "temp.main." : SqlNames.quote(table.schema()) + ".")
                .append(SqlNames.quote(table.name()));
        String condition = check.substring("CHECK".length()); // a row breaks the check where it is false
        List<Long> broken = runner.query("SELECT count(*) FROM (" + rows + ") AS pgwire_rows WHERE NOT " + condition,
                ps -> { }, rs -> rs.getLong(1));
        if (!broken.isEmpty() && broken.get(0) > 0) {
            throw ConstraintErrors.fields(new PgException(SqlState.CHECK_VIOLATION, "check constraint \"" + name + "\" of relation \""
                    + table.name() + "\" is violated by some row"), table, name);
        }
    }

    /** DuckDB's column definition {@code "c" TYPE [DEFAULT e] [NOT NULL]} as the value the column has in the rows there. */
    private static String asValue(String definition) {
        SqlLexer lexer = new SqlLexer(definition);
        SqlLexer.Token name = lexer.next();
        int typeStart = name.end();
        int typeEnd = definition.length();
        int defaultStart = -1;
        int defaultEnd = definition.length();
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            if (tok.depth() != 0) continue;
            if (tok.isWord("DEFAULT") && defaultStart < 0) {
                typeEnd = Math.min(typeEnd, tok.start());
                defaultStart = tok.end();
            } else if (tok.isWord("NOT") || tok.isWord("NULL") && defaultStart < 0) {
                typeEnd = Math.min(typeEnd, tok.start());
                if (defaultStart >= 0) defaultEnd = Math.min(defaultEnd, tok.start());
            }
        }
        String type = definition.substring(typeStart, typeEnd).trim();
        String value = defaultStart < 0 ? "NULL" : definition.substring(defaultStart, defaultEnd).trim();
        return "CAST(" + value + " AS " + type + ") AS " + name.raw();
    }
}
