package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.SqlLexer;
import dev.pgwire.serve.sql.SqlNames;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ALTER TYPE e ADD VALUE [IF NOT EXISTS] 'v' [BEFORE | AFTER 'w']} and {@code ALTER TYPE e
 * RENAME VALUE 'a' TO 'b'} of an enum (the migrations of Prisma, Rails and Sequelize write them).
 * DuckDB cannot change an enum type, and keeps each column of it tied to it. So serve changes the
 * columns of the type (of any table, arrays of it too) to text, makes the type again with its new
 * labels and changes the columns back, in one transaction: the values stay (a renamed label's rows
 * and defaults take the new name), and so do the columns' defaults and comments and the tables'
 * indexes, which are dropped before and made again after. A table whose column of the type is in
 * an index, a key or a check is built again instead, twice ({@link IndexedAlter#rebuild}): DuckDB
 * changes the type of no such column. A column of a domain over the type or a generated column of
 * it is refused with 0A000, and so is RENAME VALUE where a check, a view or an index predicate
 * names the old label (PostgreSQL's follow the label; serve's keep their text).
 */
final class EnumAlter {
    private EnumAlter() {}

    private static final String TYPES = "SELECT schema_name, logical_type, comment FROM duckdb_types()"
            + " WHERE type_name = ? AND database_name = current_database() AND NOT internal";
    /** The columns of tables (not views) of a DuckDB type or an array of it. */
    private static final String COLUMNS = "SELECT CASE WHEN c.database_name = 'temp' THEN 'pg_temp' ELSE c.schema_name END, c.table_name,"
            + " c.column_name, c.comment, t.comment FROM duckdb_columns() c JOIN duckdb_tables() t ON t.database_name = c.database_name"
            + " AND t.schema_name = c.schema_name AND t.table_name = c.table_name"
            + " WHERE (c.database_name = current_database() OR c.database_name = 'temp') AND c.data_type IN (?, ?)"
            + " ORDER BY c.database_name = 'temp', c.schema_name, c.table_name, c.column_index";
    /** A table's checks and its indexes' recorded text (a partial index's predicate). */
    private static final String TABLE_TEXTS = "SELECT constraint_text FROM duckdb_constraints() WHERE constraint_type = 'CHECK'"
            + " AND table_name = ? AND schema_name = ? AND database_name = CASE WHEN ? THEN 'temp' ELSE current_database() END"
            + " UNION ALL SELECT comment FROM duckdb_indexes() WHERE table_name = ? AND schema_name = ?"
            + " AND database_name = CASE WHEN ? THEN 'temp' ELSE current_database() END";
    private static final String COLUMN = "SELECT column_default, comment, data_type FROM duckdb_columns()"
            + " WHERE table_name = ? AND column_name = ? AND schema_name = ? AND database_name = CASE WHEN ? THEN 'temp' ELSE current_database() END";

    /**
     * The DuckDB script of an ALTER TYPE of an enum's values; empty when it changes nothing (ADD
     * VALUE IF NOT EXISTS of a label there, after its notice); null for any other statement.
     */
    static String script(Node tree, CatalogView catalog, DuckDbStatementRunner runner, List<String> searchPath, Consumer<String> notice) {
        if (tree == null || !tree.is("AlterEnumStmt")) return null;
        List<String> typeName = tree.names("typeName");
        String name = typeName.get(typeName.size() - 1);
        String schema = typeName.size() > 1 ? typeName.get(typeName.size() - 2) : null;
        List<String[]> found = runner.query(TYPES, ps -> ps.setString(1, name), rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        String[] type = null;
        for (String s : schema != null ? List.of(schema) : searchPath) {
            for (String[] t : found) if (type == null && t[0].equals(s)) type = t;
        }
        if (type == null) throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", typeName) + "\" does not exist");
        if (!type[1].equals("ENUM")) throw new PgException("42809", "\"" + name + "\" is not an enum");
        String qualified = SqlNames.quote(type[0]) + "." + SqlNames.quote(name);
        List<String> labels = runner.queryColumn("SELECT unnest(enum_range(NULL::" + qualified + "))");
        List<String> changed = new ArrayList<>(labels);
        String renamedFrom = null;
        String renamedTo = null;
        if (!tree.str("oldVal").isEmpty()) { // RENAME VALUE
            renamedFrom = tree.str("oldVal");
            renamedTo = tree.str("newVal");
            int at = labels.indexOf(renamedFrom);
            if (at < 0) throw new PgException("22023", "\"" + renamedFrom + "\" is not an existing enum label");
            if (labels.contains(renamedTo)) throw new PgException("42710", "enum label \"" + renamedTo + "\" already exists");
            checkLength(renamedTo);
            changed.set(at, renamedTo);
        } else {
            String added = tree.str("newVal");
            if (labels.contains(added)) {
                if (!tree.bool("skipIfNewValExists")) throw new PgException("42710", "enum label \"" + added + "\" already exists");
                notice.accept("enum label \"" + added + "\" already exists, skipping");
                return "";
            }
            checkLength(added);
            String neighbor = tree.str("newValNeighbor");
            int at = changed.size();
            if (!neighbor.isEmpty()) {
                int n = labels.indexOf(neighbor);
                if (n < 0) throw new PgException("22023", "\"" + neighbor + "\" is not an existing enum label");
                at = tree.bool("newValIsAfter") ? n + 1 : n;
            }
            changed.add(at, added);
        }
        String from = renamedFrom;
        String to = renamedTo;
        // the columns of the type (DuckDB's type of theirs is this enum's), by table: materialized views' too
        String literal = runner.queryColumn("SELECT typeof(NULL::" + qualified + ")").get(0);
        Map<String, List<String[]>> byTable = new LinkedHashMap<>();
        for (String[] c : runner.query(COLUMNS, ps -> {
            ps.setString(1, literal);
            ps.setString(2, literal + "[]");
        }, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)})) {
            // DuckDB's type of a column is the labels alone: the column names the type it was declared with
            // (a materialized view's records none of its own)
            PgTypeName declared = CatalogView.ColumnInfo.of(c[2], 0, literal, c[3], false, null).pgType();
            boolean matView = dev.pgwire.serve.sql.TableMeta.read(c[4]).matView() != null;
            if (!matView && declared != null && !declared.name().equals(name)) continue;
            byTable.computeIfAbsent(c[0] + "\u0000" + c[1], k -> new ArrayList<>()).add(c);
        }
        if (from != null) refuseRenamedLiterals(name, from, byTable, catalog, runner);
        List<String> before = new ArrayList<>();
        List<String> toText = new ArrayList<>();
        List<String> back = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (List<String[]> columns : byTable.values()) {
            String[] first = columns.get(0);
            boolean temporary = first[0].equals("pg_temp");
            CatalogView.Relation r = catalog.relation(temporary ? null : first[0], first[1]); // a temporary table comes first
            if (r == null || r.view() || temporary != r.schema().equals("pg_temp")) continue;
            boolean temp = r.schema().equals("pg_temp");
            String table = IndexedAlter.qualifier(r) + SqlNames.quote(r.name());
            Map<String, String[]> asText = new LinkedHashMap<>();
            List<String> comments = new ArrayList<>(); // of a table built again: those that change
            Map<String, String[]> asEnum = new LinkedHashMap<>();
            List<String> plainToText = new ArrayList<>();
            List<String> plainBack = new ArrayList<>();
            for (String[] c : columns) {
                CatalogView.ColumnInfo info = r.column(c[2]);
                if (info == null) continue;
                if (info.generated()) refuse(name, "column \"" + c[2] + "\" of table \"" + r.name() + "\" is a generated column");
                if (info.domain() != null) refuse(name, "column \"" + c[2] + "\" of table \"" + r.name() + "\" is of a domain over it");
                List<String[]> about = runner.query(COLUMN, ps -> {
                    ps.setString(1, r.name());
                    ps.setString(2, c[2]);
                    ps.setString(3, temp ? "main" : r.schema());
                    ps.setBoolean(4, temp);
                }, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                if (about.isEmpty()) continue;
                boolean array = about.get(0)[2].endsWith("[]");
                String quoted = SqlNames.quote(c[2]);
                String column = "ALTER TABLE " + table + " ALTER COLUMN " + quoted;
                String text = from == null ? null : array
                        ? "list_transform(" + quoted + ", lambda pgwire_x: " + renamedValue("CAST(pgwire_x AS VARCHAR)", from, to) + ")"
                        : renamedValue("CAST(" + quoted + " AS VARCHAR)", from, to);
                String textType = "VARCHAR" + (array ? "[]" : "");
                String enumType = qualified + (array ? "[]" : "");
                String defaultExpr = about.get(0)[0];
                String newDefault = defaultExpr == null ? null : renamedLiterals(defaultExpr, renamedFrom, renamedTo);
                asText.put(c[2], new String[] {textType, text == null ? "CAST(" + quoted + " AS " + textType + ")" : text, null});
                asEnum.put(c[2], new String[] {enumType, "CAST(" + quoted + " AS " + enumType + ")", newDefault});
                if (defaultExpr != null) plainToText.add(column + " DROP DEFAULT");
                plainToText.add(column + " TYPE " + textType + (text == null ? "" : " USING " + text));
                plainBack.add(column + " TYPE " + enumType);
                if (newDefault != null) plainBack.add(column + " SET DEFAULT " + newDefault);
                String comment = about.get(0)[1];
                if (comment != null) {
                    // the default psql and pg_attrdef show names the label's new name too
                    String renamed = dev.pgwire.serve.sql.ColumnMeta.withDefault(comment, d -> renamedLiterals(d, from, to));
                    plainBack.add("COMMENT ON COLUMN " + table + "." + quoted + " IS " + SqlNames.literal(renamed));
                    if (!renamed.equals(comment)) comments.add("COMMENT ON COLUMN " + table + "." + quoted + " IS " + SqlNames.literal(renamed));
                }
            }
            if (asText.isEmpty()) continue;
            if (IndexedAlter.keyed(r, asText.keySet(), runner)) {
                // DuckDB changes no type of a column in an index or key: the table is built again, twice
                toText.add(IndexedAlter.rebuild(r, IndexedAlter.Change.retyping(asText), List.of(), runner));
                back.add(IndexedAlter.rebuild(r, IndexedAlter.Change.retyping(asEnum), comments, runner));
                continue;
            }
            // the table's other indexes would stop the change: dropped before it, made again after
            List<List<String>> indexes = IndexedAlter.dropAndRemake(r, runner);
            before.addAll(indexes.get(0));
            toText.addAll(plainToText);
            back.addAll(plainBack);
            after.addAll(indexes.get(1));
        }
        List<String> script = new ArrayList<>(before);
        script.addAll(toText);
        script.add("DROP TYPE " + qualified);
        StringBuilder create = new StringBuilder("CREATE TYPE ").append(qualified).append(" AS ENUM (");
        for (int i = 0; i < changed.size(); i++) create.append(i == 0 ? "" : ", ").append(SqlNames.literal(changed.get(i)));
        script.add(create.append(')').toString());
        if (type[2] != null && !type[2].isEmpty()) script.add("COMMENT ON TYPE " + qualified + " IS " + SqlNames.literal(type[2]));
        script.addAll(back);
        script.addAll(after);
        return String.join(";\n", script);
    }

    /** A value of the type as text, the renamed label under its new name. */
    private static String renamedValue(String text, String from, String to) {
        return "CASE WHEN " + text + " = " + SqlNames.literal(from) + " THEN " + SqlNames.literal(to) + " ELSE " + text + " END";
    }

    /**
     * RENAME VALUE where a check of the type's tables, a view or an index predicate names the old
     * label as a constant: PostgreSQL's would follow the label (it holds the value, not the text);
     * serve's would keep the old text, and a check would stop holding. Refused (0A000).
     */
    private static void refuseRenamedLiterals(String type, String label, Map<String, List<String[]>> byTable, CatalogView catalog,
                                              DuckDbStatementRunner runner) {
        for (String[] v : catalog.views()) {
            if (v[2] != null && namesLiteral(v[2], label)) refuse(type, v[3] + " \"" + v[1] + "\" names the label '" + label + "'");
        }
        for (List<String[]> columns : byTable.values()) {
            String[] t = columns.get(0);
            boolean temp = t[0].equals("pg_temp");
            for (String sql : runner.query(TABLE_TEXTS, ps -> {
                ps.setString(1, t[1]);
                ps.setString(2, temp ? "main" : t[0]);
                ps.setBoolean(3, temp);
                ps.setString(4, t[1]);
                ps.setString(5, temp ? "main" : t[0]);
                ps.setBoolean(6, temp);
            }, rs -> rs.getString(1))) {
                if (sql != null && namesLiteral(sql, label)) refuse(type, "a check or index of table \"" + t[1] + "\" names the label '" + label + "'");
            }
        }
    }

    /** Whether {@code sql} holds the string constant {@code label}. */
    private static boolean namesLiteral(String sql, String label) {
        SqlLexer lexer = new SqlLexer(sql);
        for (SqlLexer.Token t = lexer.next(); t.kind() != SqlLexer.Kind.END; t = lexer.next()) {
            if (t.kind() != SqlLexer.Kind.STRING) continue;
            if (t.text().equals(label) || t.text().startsWith("{") && t.text().contains(label)) return true; // an array's element too
        }
        return false;
    }

    /** PostgreSQL's NAMEDATALEN: a label of 64 bytes or more is 42602. */
    private static void checkLength(String label) {
        if (label.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw new PgException("42602", "invalid enum label \"" + label + "\"").withDetail("Labels must be 63 bytes or less.");
        }
    }

    private static void refuse(String type, String why) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER TYPE \"" + type + "\" of its values is not supported here: " + why)
                .withDetail("serve changes an enum's values by changing its columns to text and back.");
    }

    /** A default's DuckDB text with each string constant naming the renamed label naming its new name. */
    private static String renamedLiterals(String expression, String from, String to) {
        if (from == null) return expression;
        StringBuilder out = new StringBuilder();
        int copied = 0;
        SqlLexer lexer = new SqlLexer(expression);
        for (SqlLexer.Token t = lexer.next(); t.kind() != SqlLexer.Kind.END; t = lexer.next()) {
            if (t.kind() != SqlLexer.Kind.STRING) continue;
            String renamed = t.text().equals(from) ? to : renamedElements(t.text(), from, to);
            if (renamed == null) continue;
            out.append(expression, copied, t.start()).append(SqlNames.literal(renamed));
            copied = t.end();
        }
        return out.append(expression.substring(copied)).toString();
    }

    /**
     * An array literal ({@code {a,b}}) with the element {@code from} as {@code to}; null when it is
     * no array literal, has no such element, or has an element in quotes (left as it is).
     */
    private static String renamedElements(String text, String from, String to) {
        if (!text.startsWith("{") || !text.endsWith("}") || text.indexOf('"') >= 0 || text.indexOf('\\') >= 0) return null;
        List<String> elements = new ArrayList<>(List.of(text.substring(1, text.length() - 1).split(",", -1)));
        if (!elements.contains(from) || !to.matches("[^,{}\"\\\\\\s]+")) return null;
        elements.replaceAll(e -> e.equals(from) ? to : e);
        return "{" + String.join(",", elements) + "}";
    }
}
