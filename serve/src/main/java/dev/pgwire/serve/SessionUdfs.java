package dev.pgwire.serve;

import dev.pgwire.serve.functions.Udf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The functions serve registers in each database's engine that reach its sessions while DuckDB
 * runs a statement: advisory locks, set_config / current_setting, pg_notify,
 * pg_stat_activity, pg_listening_channels, pg_cancel_backend / pg_terminate_backend, lastval. The
 * translation calls them with the calling session's process id.
 */
final class SessionUdfs {
    private static final Logger log = LoggerFactory.getLogger(SessionUdfs.class);

    private SessionUdfs() {}

    /**
     * {@code pgwire_advisory(op, pid, space, key)}: the advisory lock functions, which the
     * translation calls with the session's process id (see SessionFunctions).
     */
    static void registerAdvisoryLocks(java.sql.Connection c, AdvisoryLocks locks) throws SQLException {
        Udf.Type v = Udf.Type.VARCHAR;
        Udf.Type i = Udf.Type.INTEGER;
        Udf.Type b = Udf.Type.BIGINT;
        Udf.register(c, new Udf.Signature("pgwire_advisory",
                List.of(v, i, i, b), null, Udf.Type.BOOLEAN, false), a -> {
            String op = (String) a[0];
            int pid = (Integer) a[1];
            if (op.equals("unlock_all")) {
                locks.unlockAll(pid);
                return true;
            }
            if (a[3] == null) return null;
            int space = (Integer) a[2];
            long key = (Long) a[3];
            boolean shared = op.endsWith("_shared");
            boolean xact = op.contains("xact");
            if (op.startsWith("unlock")) return locks.unlock(pid, space, key, !shared);
            if (op.startsWith("try")) return locks.tryLock(pid, space, key, !shared, xact);
            locks.lock(pid, space, key, !shared, xact);
            return true;
        }, true);
    }

    /**
     * {@code pgwire_row_chosen(pid, table, rowid)}: whether the session's locking statement chose and locked the row;
     * {@code pgwire_row_free(pid, table, rowid, strength)}: whether no other session holds it in a
     * conflicting strength (see LockingSelect).
     */
    static void registerRowLocks(java.sql.Connection c, RowLocks locks) throws SQLException {
        Udf.Type v = Udf.Type.VARCHAR;
        Udf.Type i = Udf.Type.INTEGER;
        Udf.Type b = Udf.Type.BIGINT;
        Udf.register(c, new Udf.Signature("pgwire_row_chosen", List.of(i, v, b), null, Udf.Type.BOOLEAN, true),
                a -> locks.chosen((Integer) a[0], (String) a[1], (Long) a[2]), true);
        Udf.register(c, new Udf.Signature("pgwire_row_free", List.of(i, v, b, i), null, Udf.Type.BOOLEAN, true),
                a -> locks.free((Integer) a[0], (String) a[1], (Long) a[2], (Integer) a[3]), true);
    }

    /**
     * {@code pgwire_set_config(pid, name, value, is_local)} and {@code pgwire_current_setting(pid,
     * name, missing_ok)}: set_config and current_setting whose arguments are known only when the
     * statement runs (parameters, column values); constant ones are answered by the translation.
     * {@code pgwire_setting_source(pid, name)}: pg_settings.source where the session set the value.
     * {@code pgwire_notify(pid, channel, payload)}: pg_notify, sent when the session's transaction commits.
     */
    static void register(java.sql.Connection c, Map<Integer, DuckDbSession> sessions,
                                                 java.util.function.IntFunction<DuckDbSession> anySession,
                                                 java.util.function.Supplier<List<DuckDbSession>> allSessions) throws SQLException {
        Udf.Type v = Udf.Type.VARCHAR;
        Udf.Type i = Udf.Type.INTEGER;
        Udf.Type b = Udf.Type.BOOLEAN;
        Udf.register(c, new Udf.Signature("pgwire_set_config",
                List.of(i, v, v, b), null, v, false), a -> {
            DuckDbSession s = sessions.get((Integer) a[0]);
            if (s == null || a[1] == null) return null;
            return s.engineSettings().setConfigFromEngine((String) a[1], (String) a[2], Boolean.TRUE.equals(a[3]));
        }, true);
        Udf.register(c, new Udf.Signature("pgwire_notify",
                List.of(i, v, v), null, b, false), a -> {
            DuckDbSession s = sessions.get((Integer) a[0]);
            if (s == null) return null;
            s.notifications().notifyFromEngine((String) a[1], (String) a[2]);
            return true;
        }, true);
        // pg_typeof of a value whose PostgreSQL type the translation does not know (a user function's
        // result): the type DuckDB computed it in, as PostgreSQL names its counterpart
        Udf.register(c, new Udf.Signature("pgwire_typeof_duckdb", List.of(v), null, v, true),
                a -> dev.pgwire.serve.catalog.TypeNames.regtype(PgTypes.forDuckDbType((String) a[0]).pgType.oid()));
        // clock_timestamp(): the wall clock at each call (DuckDB's now() is the transaction's start)
        Udf.register(c, new Udf.Signature("pgwire_clock_timestamp", List.of(i), null, Udf.Type.TIMESTAMPTZ, false),
                a -> java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), true);
        Udf.register(c, new Udf.Signature("pgwire_activity", List.of(i), null, v, true), a -> {
            // pg_stat_activity as the statement runs: every session of the process, the asking one active
            List<List<String>> rows = new ArrayList<>();
            for (DuckDbSession s : allSessions.get()) {
                try {
                    rows.add(s.activity(s.processId() == (Integer) a[0]));
                } catch (RuntimeException closing) {
                    log.debug("a session left pg_stat_activity while it was read: {}", closing.toString());
                }
            }
            return dev.pgwire.serve.sql.ActivityRows.json(rows);
        }, true);
        Udf.register(c, new Udf.Signature("pgwire_listening_channels", List.of(i), null, v, true), a -> {
            DuckDbSession s = sessions.get((Integer) a[0]);
            return dev.pgwire.serve.sql.ColumnMeta.jsonStrings(s == null ? List.of() : s.listeningChannels());
        }, true);
        Udf.register(c, new Udf.Signature("pgwire_signal_backend",
                List.of(i, i, b), null, b, true), a -> {
            DuckDbSession caller = sessions.get((Integer) a[0]);
            return caller == null ? null : BackendSignals.signal(caller, anySession.apply((Integer) a[1]), (Boolean) a[2]);
        }, true);
        Udf.register(c, new Udf.Signature("pgwire_setting_source",
                List.of(i, v), null, v, false), a -> {
            DuckDbSession s = sessions.get((Integer) a[0]);
            return s == null || a[1] == null ? null : s.engineSettings().settingSourceFromEngine((String) a[1]);
        }, true);
        // lastval(): every value a statement draws passes through pgwire_nextval_seen (see SequenceCalls)
        Udf.register(c, new Udf.Signature("pgwire_nextval_seen", List.of(i, v, Udf.Type.BIGINT), null, Udf.Type.BIGINT, false), a -> {
            DuckDbSession s = sessions.get((Integer) a[0]);
            if (s != null && a[2] != null) s.sequences().drawn((String) a[1], (Long) a[2]);
            return a[2];
        }, true);
        Udf.register(c, new Udf.Signature("pgwire_setval_seen", List.of(i, v, Udf.Type.BIGINT), null, Udf.Type.BIGINT, false), a -> {
            DuckDbSession s = sessions.get((Integer) a[0]);
            if (s != null && a[1] != null && a[2] != null) s.sequences().set((String) a[1], (Long) a[2]);
            return a[2];
        }, true);
        // currval(s): the value nextval last gave this session of s (DuckDB's currval is the sequence's, whoever drew it)
        Udf.register(c, new Udf.Signature("pgwire_currval", List.of(i, v), null, Udf.Type.BIGINT, false), a -> {
            DuckDbSession s = sessions.get((Integer) a[0]);
            Long value = s == null || a[1] == null ? null : s.sequences().of((String) a[1]);
            if (value != null) return value;
            List<String> parts = dev.pgwire.serve.catalog.QualifiedNames.parse(a[1] == null ? "" : (String) a[1]);
            throw new dev.pgwire.protocol.PgException("55000", "currval of sequence \"" + (parts.isEmpty() ? "" : parts.get(parts.size() - 1))
                    + "\" is not yet defined in this session");
        }, true);
        Udf.register(c, new Udf.Signature("pgwire_lastval", List.of(i), null, Udf.Type.BIGINT, false), a -> {
            DuckDbSession s = sessions.get((Integer) a[0]);
            Long value = s == null ? null : s.sequences().last();
            if (value == null) throw new dev.pgwire.protocol.PgException("55000", "lastval is not yet defined in this session");
            return value;
        }, true);
        Udf.register(c, new Udf.Signature("pgwire_current_setting",
                List.of(i, v, b), null, v, false), a -> {
            DuckDbSession s = sessions.get((Integer) a[0]);
            if (s == null || a[1] == null) return null;
            return s.engineSettings().settingFromEngine((String) a[1], Boolean.TRUE.equals(a[2]));
        }, true);
        Udf.register(c, new Udf.Signature("pgwire_setting_in_unit", List.of(v, v), null, v, false),
                a -> SettingUnits.inUnit((String) a[0], (String) a[1]), false);
    }
}
