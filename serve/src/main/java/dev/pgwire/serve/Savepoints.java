package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.PgParser;
import dev.pgwire.serve.sql.PinnedSequences;
import dev.pgwire.serve.sql.ReplayInfo;
import dev.pgwire.serve.sql.Translation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * PostgreSQL's savepoints on DuckDB, which has none. The statements of a transaction (a block, or
 * the implicit transaction of a Query of several statements, which BEGIN or DO can turn into a
 * block) that changed data are kept in order, with the savepoints among them; ROLLBACK TO SAVEPOINT rolls the
 * DuckDB transaction back and runs the statements before the savepoint again, in a new one.
 *
 * <p>That restores the savepoint's state only when running them again has the same effect, so it
 * is refused (0A000, the transaction stays failed and must be rolled back) when one of them calls
 * something that answers differently each time — the clock, random values, a sequence, or a column
 * default that does — or read tables that another session changed since the transaction began.
 * When nothing was changed since the savepoint and DuckDB's transaction is still usable, there is
 * nothing to undo.
 */
final class Savepoints {

    /** A statement that changed data: what DuckDB ran, its parameters, and whether it can run again. */
    record Entry(String duckDbSql, ParameterBinder parameters, ReplayInfo replay) {
    }

    private record Savepoint(String name, int entries) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Savepoint> savepoints = new ArrayList<>();
    /** The database's commit count when the transaction began. */
    private long commitsAtStart;

    /** A transaction block begins. */
    void begin(long commits) {
        entries.clear();
        savepoints.clear();
        commitsAtStart = commits;
    }

    /** The transaction block ended. */
    void end() {
        entries.clear();
        savepoints.clear();
    }

    boolean anyWrites() {
        return !entries.isEmpty();
    }

    void record(Entry e) {
        if (e.replay().writes()) entries.add(e);
    }

    void savepoint(String name) {
        savepoints.add(new Savepoint(name, entries.size()));
    }

    /** RELEASE: the savepoint and every later one go; the changes stay. */
    void release(String name) {
        int i = find(name);
        savepoints.subList(i, savepoints.size()).clear();
    }

    /** The statements to run again to reach savepoint {@code name}; the savepoints after it go. */
    List<Entry> rollbackTo(String name, long commitsNow) {
        int i = find(name);
        Savepoint sp = savepoints.get(i);
        List<Entry> before = new ArrayList<>(entries.subList(0, sp.entries));
        for (Entry e : before) {
            if (!e.replay().repeatable()) {
                throw cannotRestore(name, "A statement before it may give another result each time it runs (it uses the clock,"
                        + " random values, a sequence or a function of the database's own, or leaves such a column default to fill in).");
            }
            if (e.replay().readsData() && commitsNow != commitsAtStart) {
                throw cannotRestore(name, "A statement before it read data that other sessions have changed since the"
                        + " transaction began.");
            }
        }
        return before;
    }

    /** Whether anything changed since savepoint {@code name}. */
    boolean changedSince(String name) {
        return entries.size() > savepoints.get(find(name)).entries;
    }

    /** After a successful ROLLBACK TO: the savepoint stays, later changes and savepoints are gone. */
    void rolledBackTo(String name) {
        int i = find(name);
        Savepoint sp = savepoints.get(i);
        entries.subList(sp.entries, entries.size()).clear();
        savepoints.subList(i + 1, savepoints.size()).clear();
    }

    /**
     * {@code t} as it must run in a transaction block to be run again by a later ROLLBACK TO: an
     * INSERT that leaves serial or identity columns to their sequences gets the sequences' values
     * written in ({@link PinnedSequences}), drawn now from DuckDB in the statement's transaction.
     * An INSERT … SELECT gets them as an array its rows index in order, the query's rows counted
     * first with the statement's parameters. Anything else is {@code t} itself.
     */
    static Translation pinned(Translation t, ParameterBinder parameters, CatalogView catalog, DuckDbStatementRunner runner,
                              BiFunction<Node, String, Translation> translate) {
        // an INSERT without a column list may leave sequence columns to their defaults unseen by ReplayInfo
        if (t.tree() == null || !t.tree().is("InsertStmt") || t.replay().repeatable() && t.tree().has("cols")) return t;
        List<PgParser.Statement> parsed = PgParser.parse(t.source());
        if (parsed.size() != 1) return t;
        Node tree = parsed.get(0).tree();
        boolean pinned = PinnedSequences.apply(tree, catalog, new PinnedSequences.Source() {
            @Override
            public long[] next(CatalogView.ColumnInfo column, int count) {
                List<String> drawn = runner.queryColumn("SELECT " + column.defaultExpr() + " FROM range(" + count + ")");
                long[] values = new long[drawn.size()];
                for (int i = 0; i < values.length; i++) values[i] = Long.parseLong(drawn.get(i));
                // the INSERT would have drawn them row by row: the first row gets the first value
                if (values.length > 1 && values[values.length - 1] > values[0]) Arrays.sort(values);
                return values;
            }

            @Override
            public List<String> values(CatalogView.ColumnInfo column, int count) {
                return runner.queryColumn("SELECT CAST(" + column.defaultExpr() + " AS VARCHAR) FROM range(" + count + ")");
            }

            @Override
            public long rows(Node select) {
                // counted no further than the most rows written in: a larger query is not read through twice
                Node counted = PgParser.parse("SELECT count(*) FROM (SELECT * FROM (SELECT) AS pgwire_r LIMIT "
                        + (PinnedSequences.MAX_QUERY_ROWS + 1) + ") AS pgwire_q").get(0).tree();
                counted.list("fromClause").get(0).node("subquery").list("fromClause").get(0).set("subquery", select.copy());
                List<String> count = runner.queryColumn(translate.apply(counted, t.source()).duckDbSql(), parameters);
                return count == null || count.size() != 1 ? -1 : Long.parseLong(count.get(0));
            }
        });
        return pinned ? translate.apply(tree, t.source()) : t;
    }

    private int find(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).name.equals(name)) return i;
        }
        throw new PgException("3B001", "savepoint \"" + name + "\" does not exist");
    }

    private static PgException cannotRestore(String name, String why) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot roll back to savepoint \"" + name + "\"")
                .withDetail("serve restores a savepoint by running the transaction's earlier statements again. " + why)
                .withHint("Roll back the whole transaction and run it again.");
    }
}
