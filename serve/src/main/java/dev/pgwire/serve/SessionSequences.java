package dev.pgwire.serve;

import dev.pgwire.serve.sql.SqlNames;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a session's sequences answer it, which DuckDB does not keep per session: lastval() (the last
 * value nextval gave the session, of any sequence) and currval(s) (the last it gave of s, keyed by
 * the sequence's schema-qualified name). Every value a statement draws passes through
 * {@code pgwire_nextval_seen} (see {@code SequenceCalls}), which records it here.
 */
final class SessionSequences {
    /** The value lastval() answers (null before any, or after DISCARD). */
    private volatile Long last;
    /** The sequence nextval last drew from (null where not known): a setval of it is what lastval answers. */
    private volatile String lastSequence;
    /** The value nextval last gave this session of each sequence: what currval answers. */
    private final Map<String, Long> bySequence = new ConcurrentHashMap<>();

    void drawn(String sequence, long value) {
        last = value;
        lastSequence = sequence;
        if (sequence != null) bySequence.put(sequence, value);
    }

    /** setval(sequence, value): currval of it answers the value, and lastval too where it was the last drawn from. */
    void set(String sequence, long value) {
        bySequence.put(sequence, value);
        if (sequence.equals(lastSequence)) last = value;
    }

    Long last() {
        return last;
    }

    /** currval: the value nextval last gave this session of {@code sequence}, or null before any. */
    Long of(String sequence) {
        return bySequence.get(sequence);
    }

    /** DISCARD ALL or SEQUENCES: lastval() and currval have nothing to answer until a sequence gives a value again. */
    void forget() {
        last = null;
        lastSequence = null;
        bySequence.clear();
    }

    /** What lastval() and currval answer now, to be put back after a ROLLBACK TO SAVEPOINT ran statements again. */
    record Drawn(Map<String, Long> bySequence, Long last, String lastSequence) {}

    Drawn snapshot() {
        return new Drawn(Map.copyOf(bySequence), last, lastSequence);
    }

    /**
     * After a ROLLBACK TO SAVEPOINT ran the block's statements again: lastval and currval answer
     * what they did before it (the statements run again drew or recorded values anew), and no
     * sequence gives a value twice — PostgreSQL's are not transactional, while one the block made
     * was made again by the replay, starting over, with its INSERTs' values written in: it goes on
     * from the last value the session drew.
     */
    void restore(Drawn before, DuckDbStatementRunner runner) {
        bySequence.clear();
        bySequence.putAll(before.bySequence());
        last = before.last();
        lastSequence = before.lastSequence();
        if (before.bySequence().isEmpty()) return;
        List<String[]> sequences = runner.query("SELECT schema_name, sequence_name, CAST(last_value AS VARCHAR), increment_by > 0"
                + " FROM duckdb_sequences() WHERE database_name = current_database()", ps -> { },
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        for (String[] q : sequences) {
            String key = SqlNames.quote(q[0]) + "." + SqlNames.quote(q[1]);
            Long drawn = before.bySequence().get(key);
            if (drawn == null) continue;
            boolean behind = q[2] == null || (Boolean.parseBoolean(q[3]) ? Long.parseLong(q[2]) < drawn : Long.parseLong(q[2]) > drawn);
            if (behind) runner.execute("SELECT setval(" + SqlNames.literal(key) + ", " + drawn + ")");
        }
    }
}
