package dev.pgwire.serve;

import dev.pgwire.protocol.message.ErrorField;
import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView;
import dev.pgwire.serve.sql.CatalogView.Relation;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.TableMeta.Constraint;
import dev.pgwire.serve.sql.Translation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Constraint violations as PostgreSQL reports them: the constraint's name (PostgreSQL's, kept in
 * the table's metadata), the message naming it, the key in the detail, and the schema, table and
 * constraint fields drivers and ORMs read. DuckDB's own report names the key but not the
 * constraint; the statement's target table and the key's columns find it.
 */
final class ConstraintErrors {
    private ConstraintErrors() {}

    /** DuckDB's keys: {@code "id: 1"} or {@code "a: 1, b: x"}. */
    private static final Pattern KEY = Pattern.compile("(?:key|Key) \"(.+?)\"");
    /** A key as PostgreSQL's detail gives it: {@code Key (a, b)=(1, x) already exists.} */
    private static final Pattern PG_KEY = Pattern.compile("^Key \\(([^()]+)\\)=\\((.*)\\) already exists\\.$");
    private static final Pattern TABLE = Pattern.compile("on table \"([^\"]+)\"");
    /** A table's check as DuckDB reports it: {@code CHECK(pgwire.table_check((n > 0), 'items_n_check'))} (see DdlEmitter). */
    private static final Pattern PG_NOT_NULL = Pattern.compile("^null value in column \"(.*)\" of relation \"(.*)\" violates not-null constraint$");
    private static final Pattern PG_CHECK = Pattern.compile("^new row for relation \".*\" violates check constraint \"(.*)\"$");
    private static final Pattern TABLE_CHECK = Pattern.compile("CHECK\\(pgwire\\.table_check\\(.*, '((?:[^']|'')*)'\\)\\)", Pattern.DOTALL);

    static PgException enrich(PgException e, Translation t, CatalogView catalog) {
        String state = e.sqlState();
        Matcher notNull = SqlState.NOT_NULL_VIOLATION.equals(state) && e.field(ErrorField.COLUMN_NAME) == null
                ? PG_NOT_NULL.matcher(e.getMessage()) : null;
        if (notNull != null && notNull.find()) {
            // raised with PostgreSQL's message (ConflictRowChecks): the column and table fields drivers read
            return e.with(ErrorField.COLUMN_NAME, notNull.group(1)).with(ErrorField.TABLE_NAME, notNull.group(2));
        }
        if (!(SqlState.UNIQUE_VIOLATION.equals(state) || SqlState.FOREIGN_KEY_VIOLATION.equals(state)
                || SqlState.CHECK_VIOLATION.equals(state)) || t == null || t.tree() == null) {
            return e;
        }
        if (e.getMessage().startsWith("value for domain ")) return domainFields(e, catalog);
        Node rel = t.tree().node("relation");
        if (rel == null || isPostgresForeignKeyError(e)) return e;
        String schema = rel.str("schemaname").isEmpty() ? null : rel.str("schemaname");
        Relation r = catalog.relation(schema, rel.str("relname"));
        if (r == null) return e;
        // DuckDB's JDBC driver reports errors as JSON: its message, unescaped
        String duckDb = e.getCause() == null ? String.valueOf(e.detail()) : DuckDbError.parse(e.getCause().getMessage()).message();
        try {
            return switch (state) {
                case SqlState.UNIQUE_VIOLATION -> unique(e, r, duckDb, t.tree().is("InsertStmt") ? t.tree() : null, catalog);
                case SqlState.FOREIGN_KEY_VIOLATION -> foreignKey(e, r, duckDb, catalog, t.tree().is("DeleteStmt") || duckDb.contains("still referenced"));
                default -> check(e, r, duckDb);
            };
        } catch (RuntimeException unexpected) {
            return e; // the report stays as DuckDB's mapping made it
        }
    }

    /**
     * A domain's check refusing a cast ({@code '0'::positive_int}): the error raised in DuckDB has
     * PostgreSQL's message; the schema, data type and constraint fields are added from it.
     */
    private static PgException domainFields(PgException e, CatalogView catalog) {
        String m = e.getMessage();
        int at = m.lastIndexOf(" violates check constraint \"");
        if (e.field(ErrorField.CONSTRAINT_NAME) != null || at < 0 || !m.endsWith("\"")) return e;
        String domain = m.substring("value for domain ".length(), at);
        String constraint = m.substring(at + " violates check constraint \"".length(), m.length() - 1);
        dev.pgwire.serve.sql.DomainMeta d = catalog.domain(null, domain);
        if (d != null) e.with(ErrorField.SCHEMA_NAME, d.schema());
        return e.with(ErrorField.DATA_TYPE_NAME, domain).with(ErrorField.CONSTRAINT_NAME, constraint);
    }

    /** A violation of a key serve enforces itself: reported as PostgreSQL reports it already. */
    private static boolean isPostgresForeignKeyError(PgException e) {
        String m = e.getMessage();
        return SqlState.FOREIGN_KEY_VIOLATION.equals(e.sqlState()) && e.detail() != null
                && (m.startsWith("insert or update on table \"") || m.startsWith("update or delete on table \""));
    }

    /** @param insert the INSERT that failed, or null for another statement */
    private static PgException unique(PgException e, Relation r, String duckDb, Node insert, CatalogView catalog) {
        Key key = key(duckDb);
        Constraint c = null;
        for (Constraint k : r.meta().constraints()) {
            if ((k.type().equals("p") || k.type().equals("u")) && !k.expressionKeys() && key != null
                    && new HashSet<>(k.columns()).equals(key.columnSet())) {
                c = k;
                break;
            }
        }
        if (c == null && key != null) {
            // a unique index on expressions: DuckDB writes its keys its own way (lower(email)); the index whose keys read
            // the same, or the table's one such index with as many keys
            List<CatalogView.IndexInfo> candidates = new ArrayList<>();
            for (CatalogView.IndexInfo i : catalog.indexes(r)) {
                Constraint k = r.meta().constraint(i.name());
                if (k != null && k.expressionKeys() && i.predicate() == null && i.keys() != null && i.keys().size() == key.columns.size()) {
                    candidates.add(i);
                }
            }
            CatalogView.IndexInfo index = candidates.size() == 1 ? candidates.get(0) : null;
            for (CatalogView.IndexInfo i : candidates) {
                List<String> keys = new ArrayList<>();
                for (String k : i.keys()) keys.add(bare(dev.pgwire.serve.sql.ColumnMeta.form(k, false)));
                List<String> reported = new ArrayList<>();
                for (String k : key.columns) reported.add(bare(k));
                if (keys.equals(reported)) index = i;
            }
            if (index != null) {
                c = r.meta().constraint(index.name());
                key = new Key(shownKeys(index), key.values);
            }
        }
        if (c == null) {
            Key partial = partialKey(duckDb, r, catalog);
            if (partial != null) {
                key = partial;
                c = partial.constraint;
            }
        }
        if (c == null && key == null) {
            // a duplicate among a statement's or a transaction's rows names only the values: the
            // table's one unique key with that many columns, if it has one
            Matcher m = KEY.matcher(duckDb);
            int width = m.find() ? m.group(1).split(", ", -1).length : -1;
            List<Constraint> keys = new ArrayList<>();
            List<Constraint> sameWidth = new ArrayList<>();
            for (Constraint k : r.meta().constraints()) {
                if (!k.type().equals("p") && !k.type().equals("u")) continue;
                keys.add(k);
                if (k.columns().size() == width) sameWidth.add(k);
            }
            if (keys.size() == 1) {
                c = keys.get(0);
            } else if (sameWidth.size() == 1) {
                c = sameWidth.get(0);
                if (width > 1) key = new Key(c.columns(), List.of(m.group(1).split(", ", -1)));
            } else if (width > 0 && insert != null) {
                // several keys of that width: the one whose values the INSERT's rows repeat
                c = repeatedKey(insert, r, sameWidth, List.of(m.group(1).split(", ", -1)));
                if (c != null && width > 1) key = new Key(c.columns(), List.of(m.group(1).split(", ", -1)));
            }
        }
        if (c == null) return e;
        PgException out = new PgException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \"" + c.name() + "\"");
        if (key != null) {
            out.withDetail("Key (" + String.join(", ", key.columns) + ")=(" + String.join(", ", key.values) + ") already exists.");
        } else if (e.detail() != null && c.columns().size() == 1 && e.detail().startsWith("Key ")
                && e.detail().endsWith(" already exists.") && !e.detail().startsWith("Key (")) {
            // the value alone: the key's one column names it as PostgreSQL does
            String value = e.detail().substring(4, e.detail().length() - " already exists.".length());
            out.withDetail("Key (" + c.columns().get(0) + ")=(" + value + ") already exists.");
        } else if (e.detail() != null) {
            out.withDetail(e.detail());
        }
        return fields(out, r, c.name());
    }

    /**
     * Among {@code keys}, the one whose columns hold {@code values} in two of the constant rows of
     * INSERT … VALUES {@code insert}, if exactly one does; else the one they hold in a row, if
     * exactly one does (null otherwise).
     */
    private static Constraint repeatedKey(Node insert, Relation r, List<Constraint> keys, List<String> values) {
        Node select = insert.node("selectStmt");
        if (select == null || select.list("valuesLists").isEmpty()) return null;
        List<String> columns = new ArrayList<>();
        if (insert.has("cols")) {
            for (Node c : insert.list("cols")) columns.add(c.str("name"));
        } else {
            for (CatalogView.ColumnInfo c : r.columns()) columns.add(c.name());
        }
        // a key the rows repeat among themselves, else the one key a row gives the values of (a row
        // there before, in this transaction, has them)
        Constraint repeated = null;
        Constraint given = null;
        boolean repeatedOnce = true;
        boolean givenOnce = true;
        for (Constraint k : keys) {
            int seen = 0;
            for (Node row : select.list("valuesLists")) {
                List<Node> items = row.list("items");
                List<String> tuple = new ArrayList<>();
                for (String column : k.columns()) {
                    int i = columns.indexOf(column);
                    tuple.add(i < 0 || i >= items.size() ? null : constantText(items.get(i)));
                }
                if (tuple.equals(values)) seen++;
            }
            if (seen >= 2) {
                repeatedOnce &= repeated == null;
                repeated = k;
            }
            if (seen >= 1) {
                givenOnce &= given == null;
                given = k;
            }
        }
        if (repeated != null) return repeatedOnce ? repeated : null;
        return givenOnce ? given : null;
    }

    /** A constant's text as DuckDB writes it in a key ({@code 2}, {@code a}), or null for another expression. */
    private static String constantText(Node n) {
        if (n.type() == null) return null;
        if (n.is("TypeCast")) return constantText(n.node("arg"));
        if (!n.is("A_Const")) return null;
        if (n.has("sval")) return n.node("sval").str("sval");
        if (n.has("ival")) return Long.toString(n.node("ival").num("ival"));
        if (n.has("fval")) return n.node("fval").str("fval");
        return null;
    }

    private static PgException foreignKey(PgException e, Relation r, String duckDb, CatalogView catalog, boolean referenced) {
        Key key = key(duckDb);
        if (!referenced) {
            for (Constraint k : r.meta().constraints()) {
                if (k.type().equals("f") && key != null && new HashSet<>(k.columns()).equals(key.columnSet())) {
                    PgException out = new PgException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \"" + r.name()
                            + "\" violates foreign key constraint \"" + k.name() + "\"")
                            .withDetail("Key (" + String.join(", ", key.columns) + ")=(" + String.join(", ", key.values)
                                    + ") is not present in table \"" + k.references() + "\".");
                    return fields(out, r, k.name());
                }
            }
            return e;
        }
        for (Relation child : catalog.referencing(r.name())) {
            for (Constraint k : child.meta().constraints()) {
                if (!k.type().equals("f") || !r.name().equals(k.references())) continue;
                PgException out = new PgException(SqlState.FOREIGN_KEY_VIOLATION, "update or delete on table \"" + r.name()
                        + "\" violates foreign key constraint \"" + k.name() + "\" on table \"" + child.name() + "\"");
                if (key != null) {
                    out.withDetail("Key (" + String.join(", ", key.columns) + ")=(" + String.join(", ", key.values)
                            + ") is still referenced from table \"" + child.name() + "\".");
                }
                return fields(out, child, k.name());
            }
        }
        return e;
    }

    private static PgException check(PgException e, Relation r, String duckDb) {
        List<Constraint> checks = new ArrayList<>();
        for (Constraint k : r.meta().constraints()) if (k.type().equals("c")) checks.add(k);
        Constraint c = null;
        Matcher named = TABLE_CHECK.matcher(duckDb);
        Matcher shown = PG_CHECK.matcher(e.getMessage());
        if (shown.find()) {
            // raised with PostgreSQL's message already (a proposed row of INSERT … ON CONFLICT, ConflictRowChecks)
            for (Constraint k : checks) if (k.name().equals(shown.group(1))) c = k;
        } else if (named.find()) {
            // the name the check was made with (one renamed since is found as before)
            String name = named.group(1).replace("''", "'");
            for (Constraint k : checks) if (k.engineName().equals(name)) c = k;
        }
        if (c != null) {
            // found by its name
        } else if (checks.size() == 1) {
            c = checks.get(0);
        } else {
            int expr = duckDb.indexOf("CHECK(");
            String text = expr < 0 ? duckDb : duckDb.substring(expr);
            for (Constraint k : checks) {
                if (!k.columns().isEmpty() && k.columns().stream().allMatch(col -> Pattern.compile("\\b" + Pattern.quote(col) + "\\b").matcher(text).find())) {
                    c = k;
                    break;
                }
            }
        }
        if (c == null) return e;
        PgException out = new PgException(SqlState.CHECK_VIOLATION, "new row for relation \"" + r.name()
                + "\" violates check constraint \"" + c.name() + "\"");
        return fields(out, r, c.name());
    }

    /** The schema, table and constraint fields of a violation (the table the constraint is on, as PostgreSQL gives them). */
    static PgException fields(PgException e, Relation r, String constraint) {
        e.with(ErrorField.SCHEMA_NAME, r.schema().equals("pg_temp") ? "pg_temp" : r.schema());
        e.with(ErrorField.TABLE_NAME, r.name());
        e.with(ErrorField.CONSTRAINT_NAME, constraint);
        return e;
    }

    /** An index's keys as a violation's detail shows them: pg_get_indexdef's pretty form ({@code (n + 1)}, not {@code ((n + 1))}). */
    private static List<String> shownKeys(CatalogView.IndexInfo index) {
        List<String> keys = new ArrayList<>();
        for (String k : index.keys()) keys.add(dev.pgwire.serve.sql.ColumnMeta.form(k, true));
        return keys;
    }

    /** A key's text without what DuckDB and PostgreSQL write differently: case, spaces, parentheses and quotes. */
    private static String bare(String key) {
        StringBuilder sb = new StringBuilder();
        for (char ch : key.toLowerCase(java.util.Locale.ROOT).toCharArray()) if ("() \"".indexOf(ch) < 0) sb.append(ch);
        return sb.toString();
    }

    /** The columns and values of the key DuckDB names. */
    private record Key(List<String> columns, List<String> values, Constraint constraint) {
        Key(List<String> columns, List<String> values) {
            this(columns, values, null);
        }

        Set<String> columnSet() {
            return new HashSet<>(columns);
        }
    }

    /**
     * The key of a partial unique index as DuckDB names it: each key is written
     * {@code CASE WHEN predicate THEN (column) END} (see DdlEmitter), so the report reads
     * {@code CASE  WHEN … THEN (email) ELSE … END: a, CASE  WHEN … END: 1}. The key's columns are
     * those of the table's partial unique index whose columns, in order, are the THEN parts.
     */
    private static Key partialKey(String duckDb, Relation r, CatalogView catalog) {
        Matcher m = KEY.matcher(duckDb);
        if (!m.find()) return null;
        String text = m.group(1);
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int next = text.indexOf(", CASE  WHEN ", start);
            parts.add(text.substring(start, next < 0 ? text.length() : next));
            if (next < 0) break;
            start = next + 2;
        }
        for (Constraint k : r.meta().constraints()) {
            if (!k.partialUnique()) continue;
            // an index's keys: its columns, or with expressions among them, as pg_get_indexdef shows them
            List<String> keys = k.columns();
            if (k.expressionKeys()) {
                keys = null;
                for (CatalogView.IndexInfo i : catalog.indexes(r)) if (i.name().equals(k.name()) && i.keys() != null) keys = shownKeys(i);
            }
            if (keys == null || keys.size() != parts.size()) continue;
            List<String> values = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                String then = ") THEN (" + keys.get(i) + ") ELSE ";
                int end = part.lastIndexOf(" END: ");
                if (!part.startsWith("CASE  WHEN ") || !k.expressionKeys() && !part.contains(then) || end < 0) break;
                values.add(part.substring(end + " END: ".length()));
            }
            if (values.size() == parts.size()) return new Key(keys, values, k);
        }
        return null;
    }

    private static Key key(String duckDb) {
        Matcher pg = PG_KEY.matcher(duckDb);
        if (pg.find()) {
            // already in PostgreSQL's words (the mapping kept no DuckDB text): the columns, and the values as written
            return new Key(List.of(pg.group(1).split(", ")), List.of(pg.group(2)));
        }
        Matcher m = KEY.matcher(duckDb);
        if (!m.find()) return null;
        List<String> cols = new ArrayList<>();
        List<String> vals = new ArrayList<>();
        for (String part : m.group(1).split(", ")) {
            int colon = part.indexOf(": ");
            if (colon < 0) return null; // a bare value: no column names to match
            cols.add(part.substring(0, colon));
            vals.add(part.substring(colon + 2));
        }
        return new Key(cols, vals);
    }
}
