package dev.pgwire.serve;

import dev.pgwire.serve.sql.CatalogView.Relation;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.serve.sql.SqlNames;
import dev.pgwire.serve.sql.Translation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DuckDB refuses most ALTER TABLE (SET / DROP NOT NULL, defaults, types, dropping or renaming a
 * column, renaming the table) on a table that indexes made by CREATE INDEX depend on — among them
 * the indexes serve makes for UNIQUE constraints that ALTER TABLE adds, as Django's
 * {@code unique_together} does. PostgreSQL alters such a table, so the indexes are dropped before
 * the change and made again after it, in the same transaction: following a renamed table or
 * column, and leaving out an index on a dropped column (PostgreSQL drops it with the column) or
 * one the statement drops itself.
 */
final class IndexedAlter {
    private IndexedAlter() {}

    private static final String INDEXES = "SELECT index_name, is_unique, sql FROM duckdb_indexes()"
            + " WHERE table_name = ? AND schema_name = ? AND database_name = CASE WHEN ? THEN 'temp' ELSE current_database() END";

    /** The DuckDB script of {@code t} with the table's indexes dropped before and made after it; null when nothing needs it. */
    static String around(Translation t, Relation table, DuckDbStatementRunner runner) {
        Node tree = t.tree();
        if (tree == null || table == null || table.view() || t.duckDbSql() == null || t.duckDbSql().isEmpty()) return null;
        String newTable = table.name();
        String oldColumn = null;
        String newColumn = null;
        Set<String> droppedColumns = new HashSet<>();
        Set<String> droppedIndexes = new HashSet<>();
        boolean alters = false;
        if (tree.is("AlterTableStmt")) {
            for (Node cmd : tree.list("cmds")) {
                switch (cmd.str("subtype")) {
                    case "AT_DropColumn" -> {
                        droppedColumns.add(cmd.str("name"));
                        alters = true;
                    }
                    case "AT_ColumnDefault", "AT_SetNotNull", "AT_DropNotNull", "AT_AlterColumnType" -> alters = true;
                    case "AT_AddConstraint" -> alters |= cmd.node("def") != null && cmd.node("def").str("contype").equals("CONSTR_PRIMARY");
                    case "AT_DropConstraint" -> droppedIndexes.add(cmd.str("name"));
                    default -> { }
                }
            }
        } else if (tree.is("RenameStmt")) {
            switch (tree.str("renameType")) {
                case "OBJECT_TABLE" -> {
                    newTable = tree.str("newname");
                    alters = true;
                }
                case "OBJECT_COLUMN" -> {
                    oldColumn = tree.str("subname");
                    newColumn = tree.str("newname");
                    alters = true;
                }
                default -> { }
            }
        }
        if (!alters) return null;
        boolean temp = table.schema().equals("pg_temp");
        String schema = temp ? "main" : table.schema();
        List<String[]> indexes = runner.query(INDEXES, ps -> {
            ps.setString(1, table.name());
            ps.setString(2, schema);
            ps.setBoolean(3, temp);
        }, rs -> new String[] {rs.getString(1), Boolean.toString(rs.getBoolean(2)), rs.getString(3)});
        if (indexes.isEmpty()) return null;
        String qualifier = temp ? "temp.main." : SqlNames.quote(schema) + ".";
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (String[] index : indexes) {
            String name = index[0];
            before.add("DROP INDEX " + qualifier + SqlNames.quote(name));
            String expressions = expressions(index[2]);
            if (expressions == null || droppedIndexes.contains(name) || mentions(expressions, droppedColumns)) continue;
            if (oldColumn != null) expressions = renamed(expressions, oldColumn, newColumn);
            after.add("CREATE " + ("true".equals(index[1]) ? "UNIQUE " : "") + "INDEX " + SqlNames.quote(name) + " ON "
                    + qualifier + SqlNames.quote(newTable) + " (" + expressions + ")");
        }
        return String.join(";\n", before) + ";\n" + t.duckDbSql() + ";\n" + String.join(";\n", after);
    }

    /** The indexed expressions of DuckDB's {@code CREATE [UNIQUE] INDEX name ON table(expressions);}. */
    private static String expressions(String createIndex) {
        if (createIndex == null) return null;
        SqlLexer lexer = new SqlLexer(createIndex);
        boolean on = false;
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            if (tok.isWord("ON")) on = true;
            if (on && tok.isOp('(') && tok.depth() == 0) {
                int open = tok.end();
                int close = -1;
                for (SqlLexer.Token t = lexer.next(); t.kind() != SqlLexer.Kind.END; t = lexer.next()) {
                    if (t.isOp(')') && t.depth() == 1) close = t.start();
                }
                return close < 0 ? null : createIndex.substring(open, close);
            }
        }
        return null;
    }

    private static boolean mentions(String expressions, Set<String> columns) {
        if (columns.isEmpty()) return false;
        SqlLexer lexer = new SqlLexer(expressions);
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            for (String c : columns) if (names(tok, c)) return true;
        }
        return false;
    }

    /** {@code expressions} with every mention of column {@code from} naming {@code to}. */
    private static String renamed(String expressions, String from, String to) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        SqlLexer lexer = new SqlLexer(expressions);
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            if (!names(tok, from)) continue;
            out.append(expressions, at, tok.start()).append(SqlNames.quote(to));
            at = tok.end();
        }
        return out.append(expressions.substring(at)).toString();
    }

    private static boolean names(SqlLexer.Token tok, String column) {
        return tok.kind() == SqlLexer.Kind.QUOTED_IDENT && tok.text().equals(column)
                || tok.kind() == SqlLexer.Kind.WORD && tok.text().equals(column.toUpperCase(Locale.ROOT))
                && column.equals(column.toLowerCase(Locale.ROOT));
    }
}
