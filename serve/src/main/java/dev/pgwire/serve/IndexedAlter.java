package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.Relation;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.serve.sql.SqlNames;
import dev.pgwire.serve.sql.Translation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /** The table of a catalog query: its name, DuckDB schema, and whether it is temporary ({@link #table}). */
    private static final String OF_TABLE = " WHERE table_name = ? AND schema_name = ? AND database_name = CASE WHEN ? THEN 'temp' ELSE current_database() END";
    private static final String INDEXES = "SELECT index_name, is_unique, sql, comment FROM duckdb_indexes()" + OF_TABLE;

    /**
     * A statement DuckDB refuses on a table its transaction updated ("Cannot create index with
     * outstanding updates": ALTER COLUMN … SET NOT NULL, CREATE INDEX): the table is built again
     * first — its rows copied into a new table no update touched — and the statement runs on that.
     * Null when the statement is neither, or the table cannot be built again here.
     */
    static String afterUpdates(Translation t, Relation table, DuckDbStatementRunner runner) {
        Node tree = t.tree();
        if (tree == null || table == null || table.view() || t.duckDbSql() == null || t.duckDbSql().isEmpty()) return null;
        boolean refused = tree.is("IndexStmt") || tree.is("AlterTableStmt")
                && tree.list("cmds").stream().anyMatch(cmd -> cmd.str("subtype").equals("AT_SetNotNull"));
        if (!refused) return null;
        return rebuild(table, Change.retyping(java.util.Map.of()), dev.pgwire.server.SqlSplitter.split(t.duckDbSql()), List.of(), runner);
    }

    /** The DuckDB script of {@code t} with the table's indexes dropped before and made after it; null when nothing needs it. */
    static String around(Translation t, Relation table, DuckDbStatementRunner runner) {
        Node tree = t.tree();
        if (tree == null || table == null || table.view() || t.duckDbSql() == null || t.duckDbSql().isEmpty()) return null;
        String checked = ConstraintAlter.script(t, table, runner);
        if (checked != null) return checked;
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
                    // a column added NOT NULL (a serial or identity column too) is added, then made NOT NULL
                    case "AT_AddColumn" -> alters |= cmd.node("def") != null
                            && (dev.pgwire.serve.sql.PgTypeName.isSerial(cmd.node("def").node("typeName"))
                            || cmd.node("def").list("constraints").stream().anyMatch(c -> c.str("contype").equals("CONSTR_NOTNULL")
                            || c.str("contype").equals("CONSTR_IDENTITY") || c.str("contype").equals("CONSTR_PRIMARY")));
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
        if (tree.is("AlterTableStmt") && tree.list("cmds").size() == 1) {
            Node cmd = tree.list("cmds").get(0);
            List<String> statements = dev.pgwire.server.SqlSplitter.split(t.duckDbSql());
            Change change = switch (cmd.str("subtype")) {
                case "AT_DropColumn" -> new Change(cmd.str("name"), null, null, null);
                case "AT_AlterColumnType" -> retype(statements.get(0), cmd);
                default -> null;
            };
            String rebuilt = change == null ? null : rebuild(table, change, statements.subList(1, statements.size()), runner);
            if (rebuilt != null) return rebuilt;
        }
        if (tree.is("AlterTableStmt") && tree.list("cmds").size() > 1) {
            String rebuilt = retypeAmong(t, tree.list("cmds"), table, runner);
            if (rebuilt != null) return rebuilt;
        }
        List<Index> indexes = indexes(table, runner);
        if (indexes.isEmpty()) return null;
        String qualifier = qualifier(table);
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (Index index : indexes) {
            String name = index.name();
            before.add("DROP INDEX " + qualifier + SqlNames.quote(name));
            String expressions = expressions(index.sql());
            if (expressions == null || droppedIndexes.contains(name) || index.names(droppedColumns)) continue;
            Index remade = index;
            if (oldColumn != null) {
                expressions = renamed(expressions, oldColumn, newColumn);
                // what serve keeps of the index goes with it, its keys and predicate naming the column anew
                String comment = index.comment() == null ? null : dev.pgwire.serve.sql.CreateIndex.renamedColumn(index.comment(),
                        oldColumn, newColumn, dev.pgwire.serve.sql.ColumnRename.columnTypes(table, oldColumn, newColumn));
                remade = new Index(name, index.unique(), index.sql(), comment);
            }
            after.addAll(remade.remade(qualifier, qualifier + SqlNames.quote(newTable), expressions, true));
        }
        return String.join(";\n", before) + ";\n" + t.duckDbSql() + ";\n" + String.join(";\n", after);
    }

    private static final String COLUMNS = "SELECT column_name, data_type, column_default, is_nullable, comment FROM duckdb_columns()"
            + OF_TABLE + " ORDER BY column_index";
    private static final String CONSTRAINTS = "SELECT constraint_type, constraint_column_names, constraint_text FROM duckdb_constraints()"
            + OF_TABLE + " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'CHECK')";
    private static final String TABLE = "SELECT comment, sql LIKE '%GENERATED ALWAYS%' FROM duckdb_tables()" + OF_TABLE;

    /**
     * A change of one column that DuckDB makes by rebuilding the table.
     *
     * @param type   the column's new DuckDB type, or null to drop the column
     * @param select the new column's value from the old row (DuckDB SQL), for a new type
     * @param check  the new type's length check (varchar(n), char(n)), or null
     * @param addedColumns columns added as well, as DuckDB's column definitions
     * @param addedChecks  checks added as well, as DuckDB's CHECK clauses
     * @param dropped which of the table's constraints (DuckDB's type, columns joined by NUL, text) go
     * @param retyped  columns of a new type besides {@code column}: each's DuckDB type, its value
     *                 from the old row and, where given, its new default (null for none); the table
     *                 is then always built again
     */
    record Change(String column, String type, String select, String check, List<String> addedColumns, List<String> addedChecks,
                  java.util.function.Predicate<String[]> dropped, java.util.Map<String, String[]> retyped) {
        Change(String column, String type, String select, String check) {
            this(column, type, select, check, List.of(), List.of(), c -> false, java.util.Map.of());
        }

        Change(String column, String type, String select, String check, List<String> addedColumns, List<String> addedChecks,
               java.util.function.Predicate<String[]> dropped) {
            this(column, type, select, check, addedColumns, addedChecks, dropped, java.util.Map.of());
        }

        /** Columns of new types ({@code retyped}), nothing else changed. */
        static Change retyping(java.util.Map<String, String[]> retyped) {
            return new Change(null, null, null, null, List.of(), List.of(), c -> false, retyped);
        }
    }

    /**
     * ALTER COLUMN … TYPE together with SET / DROP NOT NULL and SET / DROP DEFAULT (Django's
     * alter_field and Rails' change_column write them so), or of several columns at once: the table
     * is built again for the new types, as for one type change alone, and the other clauses run
     * after it (several type changes are made together: DuckDB changes no column a CHECK, such as a
     * varchar(n)'s length, names). Null when the statement has other clauses.
     */
    private static String retypeAmong(Translation t, List<Node> cmds, Relation table, DuckDbStatementRunner runner) {
        List<Node> retyped = new ArrayList<>();
        for (Node cmd : cmds) {
            switch (cmd.str("subtype")) {
                case "AT_AlterColumnType" -> retyped.add(cmd);
                case "AT_SetNotNull", "AT_DropNotNull", "AT_ColumnDefault" -> { }
                default -> {
                    return null;
                }
            }
        }
        if (retyped.isEmpty()) return null;
        List<String> statements = new ArrayList<>(dev.pgwire.server.SqlSplitter.split(t.duckDbSql()));
        List<Change> changes = new ArrayList<>();
        for (Node cmd : retyped) {
            String clause = " ALTER COLUMN " + SqlNames.quote(cmd.str("name")) + " TYPE ";
            int at = -1;
            for (int i = 0; i < statements.size() && at < 0; i++) {
                if (statements.get(i).startsWith("ALTER TABLE") && statements.get(i).contains(clause)) at = i;
            }
            Change change = at < 0 ? null : retype(statements.get(at), cmd);
            if (change == null) return null;
            statements.remove(at);
            changes.add(change);
        }
        // the first change is the table's; the others go with it, each with its length check
        Change first = changes.get(0);
        java.util.Map<String, String[]> others = new java.util.LinkedHashMap<>();
        List<String> checks = new ArrayList<>();
        for (Change other : changes.subList(1, changes.size())) {
            others.put(other.column(), new String[] {other.type(), other.select()});
            if (other.check() != null) checks.add(other.check());
        }
        Change change = new Change(first.column(), first.type(), first.select(), first.check(), List.of(), checks, c -> false, others);
        List<String> alters = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String other : statements) (other.startsWith("ALTER TABLE") ? alters : rest).add(other);
        return rebuild(table, change, alters, rest, runner);
    }

    /** Whether constraint {@code c} (DuckDB's type, columns joined by NUL, text) is a check of {@code column} and others: DuckDB then drops no such column. */
    private static boolean sharedCheck(String[] c, String column) {
        List<String> on = List.of(c[1].split("\u0000"));
        return c[0].equals("CHECK") && on.size() > 1 && on.contains(column);
    }

    private static Change retype(String first, Node cmd) {
        SqlLexer lexer = new SqlLexer(first);
        int typeAt = -1;
        int usingAt = -1;
        int usingEnd = -1;
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            if (tok.depth() != 0) continue;
            if (typeAt < 0 && tok.isWord("TYPE")) typeAt = tok.end();
            else if (typeAt >= 0 && usingAt < 0 && tok.isWord("USING")) {
                usingEnd = tok.start();
                usingAt = tok.end();
            }
        }
        if (typeAt < 0) return null;
        String type = (usingAt < 0 ? first.substring(typeAt) : first.substring(typeAt, usingEnd)).trim();
        String column = cmd.str("name");
        String select = usingAt < 0 ? "CAST(" + SqlNames.quote(column) + " AS " + type + ")"
                : "CAST((" + first.substring(usingAt).trim() + ") AS " + type + ")";
        dev.pgwire.serve.sql.PgTypeName pg = dev.pgwire.serve.sql.PgTypeName.of(cmd.node("def").node("typeName"));
        String check = pg.typmod() >= 0 && !pg.isArray() && (pg.name().equals("varchar") || pg.name().equals("bpchar"))
                ? "CHECK (pgwire." + pg.name() + "_fits(" + SqlNames.quote(column) + ", " + (pg.typmod() - 4) + "))" : null;
        return new Change(column, type, select, check);
    }

    /**
     * Changes DuckDB refuses on a table with keys or checks — dropping a column before one with an
     * index or a primary key or unique constraint ("an index depends on a column after it"),
     * changing the type of a column with a CHECK (serve's varchar(n) length check among them), a
     * key or an index —
     * made by building the table again: its columns, defaults, NOT NULL, constraints and comments
     * as DuckDB's catalog gives them, the column dropped or of its new type (its length check
     * replaced), its rows copied, its indexes made again; then the rest of the statement's script.
     * Constraints and indexes on a dropped column go with it, as in PostgreSQL. Columns and checks
     * added ({@link ConstraintAlter}: no column changed) are made with the table, the new columns'
     * values their defaults. Null when DuckDB makes the change itself.
     *
     * @param rest the rest of the statement's script, run after
     */
    static String rebuild(Relation table, Change change, List<String> rest, DuckDbStatementRunner runner) {
        return rebuild(table, change, List.of(), rest, runner);
    }

    /** As {@link #rebuild(Relation, Change, List, DuckDbStatementRunner)}, with {@code alters} run on the new table before its indexes are made. */
    private static String rebuild(Relation table, Change change, List<String> alters, List<String> rest, DuckDbStatementRunner runner) {
        String column = change.column();
        boolean adds = column == null;
        boolean drop = !adds && change.type() == null;
        boolean temp = table.schema().equals("pg_temp");
        DuckDbStatementRunner.Binder where = table(table);
        List<String[]> columns = runner.query(COLUMNS, where, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                Boolean.toString(rs.getBoolean(4)), rs.getString(5)});
        int at = -1;
        for (int i = 0; i < columns.size(); i++) if (columns.get(i)[0].equals(column)) at = i;
        if (!adds && at < 0) return null; // no such column: DuckDB says so
        List<String[]> constraints = runner.query(CONSTRAINTS, where, rs -> {
            Object[] names = (Object[]) rs.getArray(2).getArray();
            StringBuilder cols = new StringBuilder();
            for (Object n : names) cols.append(n).append('\u0000');
            return new String[] {rs.getString(1), cols.toString(), rs.getString(3)};
        });
        List<Index> indexes = indexes(table, runner);
        if (drop && at == columns.size() - 1 && indexes.stream().noneMatch(i -> i.sql() == null || expressions(i.sql()) == null
                || i.names(Set.of(column))) && constraints.stream().noneMatch(c -> sharedCheck(c, column))) {
            return null; // the last column, in no index or check of several columns: DuckDB drops it
        }
        // (a new length check, varchar(n) or char(n), comes only with a table made anew: DuckDB adds no CHECK to a table)
        boolean needed = adds || !change.retyped().isEmpty() || change.check() != null;
        for (String[] c : constraints) {
            if (adds) break;
            boolean onColumn = List.of(c[1].split("\u0000")).contains(column);
            needed |= drop ? !c[0].equals("CHECK") || !indexes.isEmpty() || sharedCheck(c, column) : c[0].equals("CHECK") && onColumn;
        }
        if (drop) needed |= !indexes.isEmpty();
        if (!drop && !adds) {
            // DuckDB cannot change the type of a key or indexed column, even with the index dropped first in the same transaction
            for (String[] c : constraints) needed |= !c[0].equals("CHECK") && List.of(c[1].split("\u0000")).contains(column);
            for (Index index : indexes) {
                String expressions = expressions(index.sql());
                needed |= expressions == null || mentions(expressions, Set.of(column));
            }
        }
        if (!needed) return null;
        List<Object[]> about = runner.query(TABLE, where, rs -> new Object[] {rs.getString(1), rs.getBoolean(2)});
        if (about.isEmpty() || (Boolean) about.get(0)[1]) return null; // generated columns: left to DuckDB's refusal
        String qualifier = qualifier(table);
        String name = qualifier + SqlNames.quote(table.name());
        String staging = SqlNames.quote(table.name() + "__pgwire_rebuild");
        List<String> script = new ArrayList<>();
        StringBuilder create = new StringBuilder("CREATE ").append(temp ? "TEMPORARY " : "").append("TABLE ")
                .append(qualifier).append(staging).append(" (");
        List<String> targets = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String[] c : columns) {
            boolean changed = c[0].equals(column);
            if (changed && drop) continue;
            String[] retyped = change.retyped().get(c[0]);
            if (!targets.isEmpty()) create.append(", ");
            targets.add(SqlNames.quote(c[0]));
            values.add(changed ? change.select() : retyped != null ? retyped[1] : SqlNames.quote(c[0]));
            create.append(SqlNames.quote(c[0])).append(' ')
                    .append(changed ? change.type() : retyped != null ? retyped[0] : namedType(c[1], c[4], table, runner));
            String defaultExpr = retyped != null && retyped.length > 2 ? retyped[2] : c[2];
            if (defaultExpr != null) create.append(" DEFAULT ").append(defaultExpr);
            if (!Boolean.parseBoolean(c[3])) create.append(" NOT NULL");
        }
        for (String added : change.addedColumns()) create.append(", ").append(added);
        for (String[] c : constraints) {
            List<String> on = List.of(c[1].split("\u0000"));
            boolean onColumn = !adds && on.contains(column);
            // a retyped column's length check goes: its new type brings its own, or none
            boolean lengthCheck = c[0].equals("CHECK") && isLengthCheck(c[2])
                    && (onColumn || on.size() == 1 && change.retyped().containsKey(on.get(0)));
            if (onColumn && drop || lengthCheck || change.dropped().test(c)) continue;
            create.append(", ").append(c[2]);
        }
        if (change.check() != null) create.append(", ").append(change.check());
        for (String check : change.addedChecks()) create.append(", ").append(check);
        script.add(create.append(')').toString());
        script.add("INSERT INTO " + qualifier + staging + " (" + String.join(", ", targets) + ") SELECT "
                + String.join(", ", values) + " FROM " + name);
        for (Index index : indexes) script.add("DROP INDEX " + qualifier + SqlNames.quote(index.name()));
        script.add("DROP TABLE " + name);
        script.add("ALTER TABLE " + qualifier + staging + " RENAME TO " + SqlNames.quote(table.name()));
        script.addAll(alters); // DuckDB alters no table with indexes
        if (about.get(0)[0] != null) script.add("COMMENT ON TABLE " + name + " IS " + literal((String) about.get(0)[0]));
        for (String[] c : columns) {
            if (drop && c[0].equals(column) || c[4] == null) continue;
            script.add("COMMENT ON COLUMN " + name + "." + SqlNames.quote(c[0]) + " IS " + literal(c[4]));
        }
        for (Index index : indexes) {
            String expressions = expressions(index.sql());
            if (expressions == null || drop && index.names(Set.of(column))) continue;
            script.addAll(index.remade(qualifier, name, expressions, true));
        }
        // the rest of the statement's script (what serve keeps of the column and the table's keys)
        script.addAll(rest);
        return String.join(";\n", script);
    }

    private static final String ENUM_TYPES = "SELECT schema_name FROM duckdb_types() WHERE type_name = ? AND logical_type = 'ENUM'"
            + " AND database_name = current_database() ORDER BY schema_name = ? DESC, schema_name";

    /**
     * A column's DuckDB type as a new table takes it: DuckDB's catalog writes a column of an enum
     * type as the enum's labels ({@code ENUM('a', 'b')}), which would make a type of its own; the
     * column keeps its type by name (recorded with the column).
     */
    private static String namedType(String dataType, String comment, Relation table, DuckDbStatementRunner runner) {
        if (!dataType.startsWith("ENUM(") || comment == null) return dataType;
        dev.pgwire.serve.sql.PgTypeName recorded = dev.pgwire.serve.sql.CatalogView.ColumnInfo.of("", 0, dataType, comment, false, null).pgType();
        if (recorded == null) return dataType;
        String name = recorded.name();
        List<String> schemas = runner.query(ENUM_TYPES, ps -> {
            ps.setString(1, name);
            ps.setString(2, table.schema());
        }, rs -> rs.getString(1));
        String suffix = dataType.substring(dataType.lastIndexOf(')') + 1); // [] of an array
        String labels = dataType.substring(0, dataType.length() - suffix.length());
        for (String schema : schemas) { // the enum of that name whose labels the column's type has
            String qualified = SqlNames.quote(schema) + "." + SqlNames.quote(name);
            if (runner.queryColumn("SELECT typeof(NULL::" + qualified + ")").get(0).equals(labels)) return qualified + suffix;
        }
        return dataType;
    }

    /** serve's check that a varchar(n) or char(n) value fits ({@code pgwire.varchar_fits(c, n)}). */
    private static boolean isLengthCheck(String constraintText) {
        SqlLexer lexer = new SqlLexer(constraintText);
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            if (tok.isWord("VARCHAR_FITS") || tok.isWord("BPCHAR_FITS")) return true;
        }
        return false;
    }

    /** Binds {@link #OF_TABLE}'s parameters for {@code table}. */
    private static DuckDbStatementRunner.Binder table(Relation table) {
        boolean temp = table.schema().equals("pg_temp");
        return ps -> {
            ps.setString(1, table.name());
            ps.setString(2, temp ? "main" : table.schema());
            ps.setBoolean(3, temp);
        };
    }

    /**
     * An index made by CREATE INDEX: its name, whether unique, DuckDB's CREATE INDEX text and the
     * comment in which serve keeps what PostgreSQL shows of it.
     */
    private record Index(String name, boolean unique, String sql, String comment) {
        /** The statements that make it again on {@code table} over {@code expressions}, with its comment where {@code keepComment}. */
        List<String> remade(String qualifier, String table, String expressions, boolean keepComment) {
            List<String> out = new ArrayList<>();
            out.add("CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + SqlNames.quote(name) + " ON " + table + " (" + expressions + ")");
            if (comment != null && keepComment) out.add("COMMENT ON INDEX " + qualifier + SqlNames.quote(name) + " IS " + literal(comment));
            return out;
        }

        /**
         * Whether its keys, or the predicate of a partial index (kept in its comment: DuckDB's
         * index is whole), name one of {@code columns}: PostgreSQL drops such an index with the column.
         */
        boolean names(Set<String> columns) {
            String expressions = expressions(sql);
            if (expressions != null && mentions(expressions, columns)) return true;
            String predicate = comment == null ? null : dev.pgwire.serve.sql.ObjectMeta.read(comment).predicate();
            if (predicate == null) return false;
            for (String c : columns) if (SqlLexer.mentions(predicate, c)) return true; // PostgreSQL's text
            return false;
        }
    }

    /**
     * The statements dropping each of the table's indexes (first) and those making them again as
     * they were, with what serve keeps of them (second): around a change DuckDB refuses while the
     * table has indexes.
     */
    static List<List<String>> dropAndRemake(Relation table, DuckDbStatementRunner runner) {
        String qualifier = qualifier(table);
        List<String> drop = new ArrayList<>();
        List<String> make = new ArrayList<>();
        for (Index index : indexes(table, runner)) {
            String expressions = expressions(index.sql());
            if (expressions == null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "index \"" + index.name() + "\" cannot be made again here");
            }
            drop.add("DROP INDEX " + qualifier + SqlNames.quote(index.name()));
            make.addAll(index.remade(qualifier, qualifier + SqlNames.quote(table.name()), expressions, true));
        }
        return List.of(drop, make);
    }

    /**
     * The statements giving index {@code name} of {@code table} the name {@code newName}: DuckDB
     * renames no index, so it is dropped and made again, what serve keeps of it (its definition
     * under the new name) with it.
     */
    static List<String> renameIndex(Relation table, String name, String newName, DuckDbStatementRunner runner) {
        for (Index index : indexes(table, runner)) {
            if (!index.name().equals(name)) continue;
            String expressions = expressions(index.sql());
            if (expressions == null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "index \"" + name + "\" cannot be made again here");
            }
            String qualifier = qualifier(table);
            String comment = index.comment();
            if (comment != null) {
                dev.pgwire.serve.sql.ObjectMeta meta = dev.pgwire.serve.sql.ObjectMeta.read(comment);
                comment = new dev.pgwire.serve.sql.ObjectMeta(renamedDefinition(meta.definition(), newName), meta.columns(), meta.type(),
                        meta.description(), meta.types(), meta.predicate(),
                        meta.shown() == null ? null : renamedDefinition(meta.shown(), newName), meta.options()).write();
            }
            List<String> out = new ArrayList<>();
            out.add("DROP INDEX " + qualifier + SqlNames.quote(name));
            out.addAll(new Index(newName, index.unique(), index.sql(), comment).remade(qualifier, qualifier + SqlNames.quote(table.name()),
                    expressions, true));
            return out;
        }
        throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
    }

    /** Whether the table's index {@code name} (one of DuckDB's) is unique. */
    static boolean unique(Relation table, String name, DuckDbStatementRunner runner) {
        for (Index index : indexes(table, runner)) if (index.name().equals(name)) return index.unique();
        return false;
    }

    /** {@code CREATE [UNIQUE] INDEX name ON …} (PostgreSQL's text of an index) naming {@code newName}. */
    private static String renamedDefinition(String definition, String newName) {
        if (definition == null) return null;
        SqlLexer lexer = new SqlLexer(definition);
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            if (!tok.isWord("INDEX")) continue;
            SqlLexer.Token name = lexer.next();
            if (name.isWord("CONCURRENTLY")) name = lexer.next();
            if (name.kind() == SqlLexer.Kind.END || name.isWord("ON")) return definition;
            return definition.substring(0, name.start()) + SqlNames.quote(newName) + definition.substring(name.end());
        }
        return definition;
    }

    /** Whether an index of the table, or a key or check of DuckDB's, involves one of {@code columns}. */
    static boolean keyed(Relation table, Set<String> columns, DuckDbStatementRunner runner) {
        for (Index index : indexes(table, runner)) {
            String expressions = expressions(index.sql());
            if (expressions == null || mentions(expressions, columns)) return true;
        }
        for (String[] c : runner.query(CONSTRAINTS, table(table), rs -> {
            Object[] names = (Object[]) rs.getArray(2).getArray();
            StringBuilder cols = new StringBuilder();
            for (Object n : names) cols.append(n).append('\u0000');
            return new String[] {rs.getString(1), cols.toString()};
        })) {
            for (String column : c[1].split("\u0000")) if (columns.contains(column)) return true;
        }
        return false;
    }

    private static List<Index> indexes(Relation table, DuckDbStatementRunner runner) {
        return runner.query(INDEXES, table(table), rs -> new Index(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4)));
    }

    /** The prefix naming objects of the table's schema in DuckDB SQL. */
    static String qualifier(Relation table) {
        return table.schema().equals("pg_temp") ? "temp.main." : SqlNames.quote(table.schema()) + ".";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
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

    /** Whether DuckDB's text of an index's {@code expressions} names one of {@code columns}. */
    private static boolean mentions(String expressions, Set<String> columns) {
        SqlLexer lexer = new SqlLexer(expressions);
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            for (String c : columns) if (tok.namesInDuckDb(c)) return true;
        }
        return false;
    }

    /** {@code expressions} with every mention of column {@code from} naming {@code to}. */
    private static String renamed(String expressions, String from, String to) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        SqlLexer lexer = new SqlLexer(expressions);
        for (SqlLexer.Token tok = lexer.next(); tok.kind() != SqlLexer.Kind.END; tok = lexer.next()) {
            if (!tok.namesInDuckDb(from)) continue;
            out.append(expressions, at, tok.start()).append(SqlNames.quote(to));
            at = tok.end();
        }
        return out.append(expressions.substring(at)).toString();
    }

}
