package dev.pgwire.compat.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one soak client wrote and what it was told: rows whose commit was acknowledged (they must
 * be in the table exactly once), rows that must not be there (rolled back, refused, or written in
 * a transaction whose connection was dropped before COMMIT), and rows in doubt (the connection
 * broke while their commit was in flight). The Java clients fill one directly; the Python and Node
 * clients print one as a JSON line that {@link #fromJson} reads.
 */
final class Ledger {
    final String client;
    final String driver;
    final List<Long> acked = new ArrayList<>();
    final List<Long> absent = new ArrayList<>();
    final List<Long> indoubt = new ArrayList<>();
    long txAcked;
    long txInDoubt;
    long ops;
    long disconnects;
    final Map<String, Long> errors = new LinkedHashMap<>();
    final List<String> unexpected = new ArrayList<>();
    /** Per kind of operation (connect, insert, tx, copy, read, drop): count, total seconds, longest seconds. */
    final Map<String, double[]> timing = new LinkedHashMap<>();

    Ledger(String client, String driver) {
        this.client = client;
        this.driver = driver;
    }

    void error(String sqlState, String what) {
        String key = sqlState == null ? "none" : sqlState;
        errors.merge(key, 1L, Long::sum);
        if (!SoakTest.EXPECTED_SQLSTATES.contains(sqlState) && unexpected.size() < 20) {
            unexpected.add(what.length() > 500 ? what.substring(0, 500) : what);
        }
    }

    void time(String kind, double seconds) {
        double[] t = timing.computeIfAbsent(kind, k -> new double[3]);
        t[0]++;
        t[1] += seconds;
        t[2] = Math.max(t[2], seconds);
    }

    @SuppressWarnings("unchecked")
    static Ledger fromJson(Map<String, Object> m) {
        if (m.containsKey("crashed")) {
            throw new AssertionError("soak client " + m.get("client") + " crashed:\n" + m.get("crashed"));
        }
        Ledger l = new Ledger((String) m.get("client"), (String) m.get("driver"));
        for (Object o : (List<Object>) m.get("acked")) l.acked.add(((Number) o).longValue());
        for (Object o : (List<Object>) m.get("absent")) l.absent.add(((Number) o).longValue());
        for (Object o : (List<Object>) m.get("indoubt")) l.indoubt.add(((Number) o).longValue());
        l.txAcked = ((Number) m.get("tx_acked")).longValue();
        l.txInDoubt = ((Number) m.get("tx_indoubt")).longValue();
        l.ops = ((Number) m.get("ops")).longValue();
        l.disconnects = ((Number) m.get("disconnects")).longValue();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) m.get("errors")).entrySet()) {
            l.errors.put(e.getKey(), ((Number) e.getValue()).longValue());
        }
        for (Object o : (List<Object>) m.get("unexpected")) l.unexpected.add(String.valueOf(o));
        Object timing = m.get("timing");
        if (timing != null) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) timing).entrySet()) {
                List<Object> t = (List<Object>) e.getValue();
                l.timing.put(e.getKey(), new double[] {((Number) t.get(0)).doubleValue(), ((Number) t.get(1)).doubleValue(),
                        ((Number) t.get(2)).doubleValue()});
            }
        }
        return l;
    }
}
