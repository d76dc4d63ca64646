package dev.pgwire.serve.differential;

import dev.pgwire.protocol.types.PgType;

import java.util.List;
import java.util.stream.Collectors;

/** What one server answered to one statement: rows and a command tag, or an error. */
sealed interface Outcome {

    /** OIDs from here on are assigned at run time (FirstNormalObjectId), so only "user-defined" compares. */
    int FIRST_NORMAL_OID = 16384;

    /** A column of a RowDescription. */
    record Column(String name, int typeOid) {
        String typeName() {
            if (typeOid >= FIRST_NORMAL_OID) return "user-defined type";
            PgType t = PgType.byOid(typeOid);
            if (t == null) return "oid " + typeOid;
            return t.name().startsWith("_") ? t.name().substring(1) + "[]" : t.name();
        }

        boolean sameType(Column other) {
            return typeOid == other.typeOid || (typeOid >= FIRST_NORMAL_OID && other.typeOid >= FIRST_NORMAL_OID);
        }

        @Override
        public String toString() {
            return Texts.quoteName(name) + " " + typeName();
        }
    }

    /** A statement that completed: its command tag, columns (none for most non-queries) and rows as text. */
    record Success(String tag, List<Column> columns, List<List<String>> rows) implements Outcome {
        @Override
        public String summary() {
            return tag;
        }
    }

    /**
     * A statement that failed. {@code constraint} is the ErrorResponse's constraint name field,
     * compared for integrity-constraint violations (class 23), which is what ORMs map errors by.
     */
    record Failure(String sqlState, String constraint, String message) implements Outcome {
        @Override
        public String summary() {
            return "ERROR " + sqlState;
        }
    }

    /** A few words: the tag or the SQLSTATE. */
    String summary();

    /** The whole outcome over a few lines, for reports. */
    static String describe(Outcome o, String indent) {
        if (o instanceof Failure f) {
            return "ERROR " + f.sqlState() + (f.constraint() == null ? "" : " (constraint " + f.constraint() + ")")
                    + ": " + Texts.oneLine(f.message());
        }
        Success s = (Success) o;
        StringBuilder b = new StringBuilder(Texts.quoteValue(s.tag()));
        if (!s.columns().isEmpty()) {
            b.append('\n').append(indent).append("columns: ")
                    .append(s.columns().stream().map(Column::toString).collect(Collectors.joining(", ")));
            int shown = Math.min(s.rows().size(), 20);
            for (int i = 0; i < shown; i++) b.append('\n').append(indent).append(Texts.row(s.rows().get(i)));
            if (shown < s.rows().size()) b.append('\n').append(indent).append("… ").append(s.rows().size() - shown).append(" more rows");
        }
        return b.toString();
    }
}
