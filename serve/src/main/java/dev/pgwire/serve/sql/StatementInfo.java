package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.SqlLexer.Kind;
import dev.pgwire.serve.sql.SqlLexer.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a statement is, read from its leading keywords: whether it is empty, which transaction or
 * parameter command it is, and the PostgreSQL command tag it completes with.
 *
 * @param command    the statement's command, see {@link Command}
 * @param main       the keyword of the statement proper: the first word, or for {@code WITH …} the
 *                   keyword after the common table expressions
 * @param objectType what CREATE, DROP and ALTER act on, as their command tag names it
 *                   ({@code " TABLE"}, {@code " MATERIALIZED VIEW"}), or ""
 */
public record StatementInfo(Command command, String main, String objectType) {

    public enum Command {
        EMPTY, BEGIN, START_TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, RELEASE_SAVEPOINT, ROLLBACK_TO_SAVEPOINT,
        TWO_PHASE, SET, RESET, SHOW, DISCARD, COPY_STDIO,
        /** Statements serve answers itself: PREPARE, EXECUTE, cursors, CREATE DATABASE, extensions, … */
        UTILITY,
        OTHER;

        /** PostgreSQL still accepts these in a failed transaction block. */
        public boolean endsFailedTransaction() {
            return this == COMMIT || this == ROLLBACK || this == ROLLBACK_TO_SAVEPOINT;
        }
    }

    private static final int WORDS = 6;
    private static final Set<String> MAIN_KEYWORDS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "TABLE", "FROM");
    private static final Set<String> CREATE_MODIFIERS = Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL",
            "LOCAL", "UNIQUE", "PERSISTENT", "TRANSIENT");

    public static StatementInfo of(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        List<String> words = new ArrayList<>();
        Token t = lexer.next();
        while (t.isOp(';')) t = lexer.next();
        if (t.kind() == Kind.END) return new StatementInfo(Command.EMPTY, "", "");
        boolean parenthesized = t.isOp('(');
        while (t.isOp('(')) t = lexer.next();
        String first = t.kind() == Kind.WORD ? t.text() : "";
        if (parenthesized) return new StatementInfo(Command.OTHER, "SELECT", "");
        String main = first;
        boolean stdio = false;
        int baseDepth = t.depth();
        int tokens = 0;
        for (; t.kind() != Kind.END; t = lexer.next()) {
            // a long INSERT … VALUES need not be lexed to the end: only WITH and COPY look far ahead
            if (++tokens > 64 && !first.equals("WITH") && !first.equals("COPY")) break;
            if (t.depth() != baseDepth) continue;
            if (t.kind() == Kind.WORD && words.size() < WORDS) words.add(t.text());
            if (first.equals("WITH") && main.equals("WITH") && t.kind() == Kind.WORD && MAIN_KEYWORDS.contains(t.text())) {
                main = t.text();
            }
            if (first.equals("COPY") && (t.isWord("STDIN") || t.isWord("STDOUT"))) stdio = true;
            if (words.size() >= WORDS && !first.equals("WITH") && !first.equals("COPY")) break;
            if (first.equals("WITH") && !main.equals("WITH")) break;
        }
        if (main.equals("WITH")) main = "SELECT";
        if (main.equals("FROM") || main.equals("VALUES") || main.equals("TABLE")) main = "SELECT";
        return new StatementInfo(command(words, stdio), main, objectType(words, 1));
    }

    private static Command command(List<String> w, boolean stdio) {
        String first = w.isEmpty() ? "" : w.get(0);
        String second = w.size() > 1 ? w.get(1) : "";
        switch (first) {
            case "BEGIN":
                return Command.BEGIN;
            case "START":
                return second.equals("TRANSACTION") ? Command.START_TRANSACTION : Command.OTHER;
            case "COMMIT":
            case "END":
                return second.equals("PREPARED") ? Command.TWO_PHASE : Command.COMMIT;
            case "ROLLBACK":
            case "ABORT":
                if (second.equals("PREPARED")) return Command.TWO_PHASE;
                return w.contains("TO") ? Command.ROLLBACK_TO_SAVEPOINT : Command.ROLLBACK;
            case "SAVEPOINT":
                return Command.SAVEPOINT;
            case "RELEASE":
                return Command.RELEASE_SAVEPOINT;
            case "PREPARE":
                return second.equals("TRANSACTION") ? Command.TWO_PHASE : Command.OTHER;
            case "SET":
                return second.equals("GLOBAL") ? Command.OTHER : Command.SET;
            case "RESET":
                return Command.RESET;
            case "SHOW":
                return Command.SHOW;
            case "DISCARD":
                return Command.DISCARD;
            case "COPY":
                return stdio ? Command.COPY_STDIO : Command.OTHER;
            default:
                return Command.OTHER;
        }
    }

    public boolean isEmpty() {
        return command == Command.EMPTY;
    }

    /** CREATE SCHEMA, DROP SCHEMA, ATTACH and DETACH change which schemas a search_path can name. */
    public boolean changesSchemas() {
        return ((main.equals("CREATE") || main.equals("DROP")) && objectType.equals(" SCHEMA"))
                || main.equals("ATTACH") || main.equals("DETACH");
    }

    /**
     * Whether the statement changes what tables, columns, types or sequences exist, or what serve
     * records of them (REFRESH MATERIALIZED VIEW: whether the view is populated; in PostgreSQL it
     * gives the view new storage in pg_class as well).
     */
    public boolean changesCatalog() {
        return main.equals("CREATE") || main.equals("DROP") || main.equals("ALTER") || main.equals("COMMENT")
                || main.equals("REFRESH MATERIALIZED VIEW");
    }

    private static final Set<String> RELATION_OBJECTS = Set.of(" TABLE", " INDEX", " VIEW", " MATERIALIZED VIEW", " SEQUENCE");

    /**
     * Whether the statement, if it {@link #changesCatalog changes the catalog}, may change its
     * functions: all but CREATE, ALTER and DROP of tables, indexes, views and sequences (a function
     * depends on none of them; DROP SCHEMA … CASCADE and DROP TYPE … CASCADE may drop functions).
     */
    public boolean mayChangeRoutines() {
        boolean relationDdl = main.equals("CREATE") || main.equals("ALTER") || main.equals("DROP");
        return !(relationDdl && RELATION_OBJECTS.contains(objectType));
    }

    /** DuckDB answers CHECKPOINT with a one-row status; PostgreSQL sends only the tag. */
    public boolean resultIsStatus() {
        // ALTER and TRUNCATE may run as a script ending in setval (RESTART): PostgreSQL's answer is the tag alone
        return main.equals("CHECKPOINT") || (main.equals("FORCE") && objectType.equals(" CHECKPOINT"))
                || main.equals("ALTER") || main.equals("TRUNCATE");
    }

    /** The tag of a statement that returned {@code rows} rows. */
    public String tagForRows(long rows) {
        switch (main) {
            case "INSERT": return "INSERT 0 " + rows;
            case "UPDATE": return "UPDATE " + rows;
            case "DELETE": return "DELETE " + rows;
            case "MERGE": return "MERGE " + rows;
            case "EXPLAIN": return "EXPLAIN";
            case "SHOW": return "SHOW";
            default: return "SELECT " + rows;
        }
    }

    /** The tag of a statement that returned no rows; {@code count} is DuckDB's update count or -1. */
    public String tagForUpdate(long count) {
        long n = Math.max(count, 0);
        switch (main) {
            case "INSERT": return "INSERT 0 " + n;
            case "UPDATE": return "UPDATE " + n;
            case "DELETE": return "DELETE " + n;
            case "MERGE": return "MERGE " + n;
            case "COPY": return "COPY " + n;
            case "SELECT": return "SELECT " + n;
            case "TRUNCATE": return "TRUNCATE TABLE";
            case "CREATE": return createTag(count);
            case "DROP":
            case "ALTER":
                return main + objectType;
            case "FORCE": return "CHECKPOINT";
            default:
                return main.isEmpty() ? "SELECT 0" : main;
        }
    }

    /** CREATE TABLE … AS reports rows, as PostgreSQL's "SELECT n". */
    private String createTag(long count) {
        if ((objectType.equals(" TABLE") || objectType.equals(" MATERIALIZED VIEW")) && count >= 0) return "SELECT " + count;
        return "CREATE" + objectType;
    }

    /** " TABLE", " MATERIALIZED VIEW", … from the words after CREATE/DROP/ALTER. */
    private static String objectType(List<String> words, int from) {
        int i = from;
        while (i < words.size() && CREATE_MODIFIERS.contains(words.get(i))) i++;
        String type = i < words.size() ? words.get(i) : "";
        String next = i + 1 < words.size() ? words.get(i + 1) : "";
        if (type.isEmpty()) return "";
        if (type.equals("MATERIALIZED") || type.equals("FOREIGN")) return " " + type + " " + next;
        if (type.equals("MACRO") && next.equals("TABLE")) return " MACRO";
        return " " + type;
    }
}
