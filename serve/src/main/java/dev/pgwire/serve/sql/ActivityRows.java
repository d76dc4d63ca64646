package dev.pgwire.serve.sql;

import java.util.List;

/**
 * pg_stat_activity's rows of the serve process, read when the statement runs (not when it is
 * translated or prepared, so a prepared statement that polls it sees sessions change): the
 * sessions pass as a JSON array that {@code pgwire_activity(pid)} returns at run time.
 */
public final class ActivityRows {
    private ActivityRows() {}

    /** The fields of one session's row, in the order serve's sessions give them. */
    static final List<String> FIELDS = List.of("datname", "pid", "usename", "application_name", "backend_start", "xact_start",
            "query_start", "state_change", "state", "query", "wait_event_type", "wait_event");

    /** The rows (each a session's values in the order of {@link #FIELDS}) as the JSON array pgwire_activity returns. */
    public static String json(List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            sb.append(r > 0 ? ",{" : "{");
            for (int i = 0; i < FIELDS.size() && i < row.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append('"').append(FIELDS.get(i)).append("\":");
                if (row.get(i) == null) sb.append("null"); else ColumnMeta.appendString(sb, row.get(i));
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    /** The rows as a relation of text columns named as {@link #FIELDS}, for the session with process id {@code pid}. */
    static String relation(int pid) {
        StringBuilder schema = new StringBuilder("[{");
        for (int i = 0; i < FIELDS.size(); i++) schema.append(i > 0 ? "," : "").append('"').append(FIELDS.get(i)).append("\":\"VARCHAR\"");
        schema.append("}]");
        return "(SELECT unnest(from_json(pgwire_activity(" + pid + "), '" + schema + "'), recursive := true))";
    }
}
