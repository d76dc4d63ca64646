package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;
import dev.pgwire.serve.sql.Emitter.Untranslatable;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes DuckDB SQL for PostgreSQL statements that change or remove what exists: DROP
 * ({@link DdlDrops}), ALTER TABLE, renames, TRUNCATE, COMMENT ON ({@link CommentOn}), ALTER SEQUENCE. These consult the catalog for what
 * PostgreSQL keeps implicitly — the sequences a table's serial columns own go with it, TRUNCATE …
 * RESTART IDENTITY restarts them, a column's comment lives beside its recorded type.
 */
public final class DdlChanges {
    private final Emitter em;
    private final SessionContext session;
    private final List<String> script = new ArrayList<>();
    private final ReferencingKeys keys;
    private final DdlDrops drops;

    DdlChanges(Emitter em, SessionContext session) {
        this.em = em;
        this.session = session;
        this.keys = new ReferencingKeys(session, script);
        this.drops = new DdlDrops(session, script, keys);
    }

    static boolean handles(Node stmt) {
        return switch (stmt.type()) {
            case "DropStmt", "AlterTableStmt", "RenameStmt", "TruncateStmt", "CommentStmt", "AlterSeqStmt", "RefreshMatViewStmt",
                 "AlterDomainStmt", "AlterEnumStmt" -> true;
            default -> false;
        };
    }

    /** The DuckDB script; empty when PostgreSQL would do nothing (DROP … IF EXISTS of nothing, say). */
    String write(Node stmt) {
        switch (stmt.type()) {
            case "DropStmt" -> drops.drop(stmt);
            case "AlterTableStmt" -> new AlterTableChanges(em, session, script, keys, drops).write(stmt);
            case "RenameStmt" -> rename(stmt);
            case "TruncateStmt" -> truncate(stmt);
            case "RefreshMatViewStmt" -> refresh(stmt);
            case "CommentStmt" -> CommentOn.write(stmt, session, script);
            case "AlterSeqStmt" -> alterSequence(stmt);
            // the domain's checks are in its columns' table definitions, which DuckDB cannot change
            // written when it runs, from the type's columns and indexes then (EnumAlter)
            case "AlterEnumStmt" -> { }
            case "AlterDomainStmt" -> throw DdlEmitter.unsupported("ALTER DOMAIN")
                    .withHint("Drop the domain (with its columns) and create it again.");
            default -> throw new Untranslatable(stmt.type());
        }
        return String.join(";\n", script);
    }

    // ---------------------------------------------------------------- renames, TRUNCATE, sequences

    private void rename(Node s) {
        String type = s.str("renameType");
        Node rel = s.node("relation");
        String newName = SqlWriter.quoteIdent(s.str("newname"));
        String ifExists = s.bool("missing_ok") ? "IF EXISTS " : "";
        switch (type) {
            case "OBJECT_TABLE" -> {
                script.add("ALTER TABLE " + ifExists + relationText(rel) + " RENAME TO " + newName);
                keys.renamed(relation(rel), s.str("newname"), null, null);
            }
            case "OBJECT_VIEW" -> script.add("ALTER VIEW " + ifExists + relationText(rel) + " RENAME TO " + newName);
            case "OBJECT_INDEX" -> { } // written when it runs, from the index as it is then (IndexRename)
            case "OBJECT_COLUMN" -> {
                script.add("ALTER TABLE " + ifExists + relationText(rel) + " RENAME COLUMN "
                        + SqlWriter.quoteIdent(s.str("subname")) + " TO " + newName);
                keys.renamed(relation(rel), null, s.str("subname"), s.str("newname"));
                generatedRenamed(relation(rel), rel, s.str("subname"), s.str("newname"));
            }
            case "OBJECT_TABCONSTRAINT" -> {
                Relation r = relation(rel);
                if (r == null && s.bool("missing_ok")) return; // ALTER TABLE IF EXISTS of no table: nothing to do
                String schema = r == null || r.schema().equals("pg_temp") ? null : r.schema();
                script.addAll(ConstraintRename.write(r, rel.str("relname"), relationText(rel), s.str("subname"), s.str("newname"),
                        name -> session.catalog().relation(schema, name) != null));
            }
            default -> throw DdlEmitter.unsupported("ALTER " + Classifier.objectName(type) + " … RENAME");
        }
    }

    /** The expressions of generated columns that name a renamed column, as PostgreSQL shows them (pg_attrdef), name it anew. */
    private void generatedRenamed(Relation r, Node rel, String from, String to) {
        if (r == null || r.view()) return;
        for (CatalogView.ColumnInfo c : r.columns()) {
            if (c.pgDefault() == null || c.sequence() != null || c.pgType() == null) continue;
            String renamed = ColumnRename.expression(c.pgDefault(), from, to, ColumnRename.columnTypes(r, from, to));
            if (renamed.equals(c.pgDefault())) continue;
            String column = c.name().equals(from) ? to : c.name();
            script.add("COMMENT ON COLUMN " + relationText(rel) + "." + SqlWriter.quoteIdent(column) + " IS "
                    + SqlWriter.quoteLiteral(ColumnMeta.write(c.pgType(), null, c.identity(), c.description(), renamed, c.domain())));
        }
    }

    /**
     * REFRESH MATERIALIZED VIEW: the table that holds it emptied and filled again from its query,
     * in one transaction (CONCURRENTLY does the same: readers see the old rows until it commits).
     * WITH NO DATA empties it and marks it not populated, so that reading it fails until a REFRESH.
     */
    private void refresh(Node s) {
        Node rel = s.node("relation");
        Relation r = session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
        if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + rel.str("relname") + "\" does not exist");
        TableMeta.MatView mv = r.view() ? null : r.meta().matView();
        if (mv == null) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "\"" + rel.str("relname") + "\" is not a materialized view");
        boolean populate = !s.bool("skipData");
        if (s.bool("concurrent") && !mv.populated()) {
            throw new PgException("0A000", "CONCURRENTLY cannot be used when the materialized view is not populated");
        }
        if (!populate && s.bool("concurrent")) {
            throw new PgException(SqlState.SYNTAX_ERROR, "REFRESH options CONCURRENTLY and WITH NO DATA cannot be used together");
        }
        script.add("DELETE FROM " + relationText(rel));
        if (populate) script.add("INSERT INTO " + relationText(rel) + " " + mv.query());
        if (populate != mv.populated()) {
            script.add("COMMENT ON TABLE " + relationText(rel) + " IS " + SqlWriter.quoteLiteral(r.meta().withPopulated(populate).write()));
        }
    }

    private void truncate(Node s) {
        List<Relation> tables = new ArrayList<>();
        for (Node rel : s.list("relations")) {
            Relation r = session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
            if (r != null && !r.view()) tables.add(r);
        }
        boolean restart = s.bool("restart_seqs");
        for (Relation r : keys.truncatedWith(tables, s.str("behavior").equals("DROP_CASCADE"))) {
            script.add("DELETE FROM " + SqlNames.table(r.schema(), r.name()));
            if (restart) restartSequences(r); // the tables CASCADE empties too
        }
        for (Node rel : s.list("relations")) {
            refuseMatView(rel);
            script.add("DELETE FROM " + relationText(rel));
            if (!restart) continue;
            Relation r = session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
            if (r != null) restartSequences(r);
        }
    }

    /** RESTART IDENTITY: the sequences the table's serial and identity columns draw from, back at their start. */
    private void restartSequences(Relation r) {
        for (ColumnInfo c : r.columns()) {
            if (c.sequence() != null) {
                // of the table's schema where the column names its sequence without one
                String sequence = c.sequence().contains(".") ? c.sequence()
                        : SqlWriter.quoteIdent(r.schema()) + "." + SqlWriter.quoteIdent(c.sequence());
                script.add("SELECT setval(" + SqlWriter.quoteLiteral(sequence) + ", (SELECT start_value FROM duckdb_sequences()"
                        + " WHERE sequence_name = " + SqlWriter.quoteLiteral(last(c.sequence())) + " AND schema_name = "
                        + SqlWriter.quoteLiteral(r.schema()) + " LIMIT 1), false)");
            }
        }
    }

    /** A materialized view changes only by REFRESH (PostgreSQL's 42809). */
    private void refuseMatView(Node rel) {
        Relation r = session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
        if (r != null && !r.view() && r.meta().matView() != null) {
            throw new PgException("42809", "\"" + rel.str("relname") + "\" is not a table");
        }
    }

    /**
     * ALTER SEQUENCE … OWNED BY table.column (as pg_dump writes every serial): the column draws from
     * the sequence as a serial's does — pg_get_serial_sequence names it, \d shows its default as
     * PostgreSQL does, and DROP TABLE drops it. OWNED BY NONE is refused (0A000).
     */
    private void ownedBy(Node sequence, List<String> owner) {
        String comment = ownerComment(session, sequence, owner);
        if (comment != null) script.add(comment);
    }

    /**
     * OWNED BY {@code owner} (table and column) of sequence {@code sequence}, of ALTER or CREATE
     * SEQUENCE: the statement recording the sequence as the column's (pg_get_serial_sequence,
     * pg_depend), or null where nothing is recorded (an identity column has its own sequence).
     */
    static String ownerComment(SessionContext session, Node sequence, List<String> owner) {
        if (owner.size() == 1 && owner.get(0).equals("none")) {
            // the column that owns it is not looked up, and DROP TABLE would still drop it
            throw DdlEmitter.unsupported("ALTER SEQUENCE … OWNED BY NONE");
        }
        if (owner.size() < 2) throw new PgException(SqlState.SYNTAX_ERROR, "invalid OWNED BY option");
        List<String> table = owner.subList(0, owner.size() - 1);
        String column = owner.get(owner.size() - 1);
        Relation r = relation(session, table);
        if (r == null || r.view()) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", table) + "\" does not exist");
        }
        ColumnInfo c = r.column(column);
        if (c == null) {
            throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + r.name() + "\" does not exist");
        }
        String sequenceSchema = emptyToNull(sequence.str("schemaname"));
        if (sequenceSchema != null && !sequenceSchema.equals(r.schema())) {
            throw new PgException("55000", "sequence must be in same schema as table it is linked to");
        }
        if (c.identity() != null && !c.identity().isEmpty()) return null; // an identity column has its own sequence
        return "COMMENT ON COLUMN " + SqlNames.table(r.schema(), r.name()) + "." + SqlWriter.quoteIdent(column) + " IS "
                + SqlWriter.quoteLiteral(ColumnMeta.write(c.pgType(), sequence.str("relname"), c.identity(), c.description(),
                        c.pgDefault(), c.domain()));
    }

    private void alterSequence(Node s) {
        Node rel = s.node("sequence");
        String name = SqlWriter.quoteLiteral(relationPlain(rel));
        for (Node o : s.list("options")) {
            switch (o.str("defname")) {
                case "restart" -> {
                    Node arg = o.node("arg");
                    if (arg == null) {
                        script.add("SELECT setval(" + name + ", (SELECT start_value FROM duckdb_sequences() WHERE sequence_name = "
                                + SqlWriter.quoteLiteral(rel.str("relname")) + " LIMIT 1), false)");
                    } else {
                        script.add("SELECT setval(" + name + ", " + arg.num("ival") + ", false)");
                    }
                }
                case "owned_by" -> ownedBy(rel, DdlDrops.stringsOf(o.node("arg").list("items")));
                case "cache" -> { }
                default -> throw DdlEmitter.unsupported("ALTER SEQUENCE … " + o.str("defname").toUpperCase());
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private Relation relation(List<String> name) {
        return relation(session, name);
    }

    /** The relation a (possibly qualified) name names, as the session sees it; null if there is none. */
    static Relation relation(SessionContext session, List<String> name) {
        String schema = name.size() > 1 ? name.get(name.size() - 2) : null;
        return session.catalog().relation(schema, name.get(name.size() - 1));
    }

    private Relation relation(Node rel) {
        return session.catalog().relation(emptyToNull(rel.str("schemaname")), rel.str("relname"));
    }

    /** A relation of the parse tree as DuckDB SQL, quoted where it must be. */
    static String relationText(Node rel) {
        StringBuilder sb = new StringBuilder();
        if (!rel.str("schemaname").isEmpty()) sb.append(SqlWriter.quoteIdent(rel.str("schemaname"))).append('.');
        return sb.append(SqlWriter.quoteIdent(rel.str("relname"))).toString();
    }

    private static String relationPlain(Node rel) {
        return (rel.str("schemaname").isEmpty() ? "" : rel.str("schemaname") + ".") + rel.str("relname");
    }

    /** Names quoted where they must be, joined by dots. */
    static String dotted(List<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String n : names) quoted.add(SqlWriter.quoteIdent(n));
        return String.join(".", quoted);
    }

    static String quoteQualified(String dottedName) {
        return dotted(List.of(dottedName.split("\\.")));
    }

    private static String last(String dottedName) {
        int dot = dottedName.lastIndexOf('.');
        return dot < 0 ? dottedName : dottedName.substring(dot + 1);
    }

    /** A parse tree's empty string field (no schema written, say) as null. */
    static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
