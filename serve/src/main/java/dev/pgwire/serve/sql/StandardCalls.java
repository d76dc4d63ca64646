package dev.pgwire.serve.sql;

import java.util.List;
import java.util.function.Function;

/**
 * The calls whose PostgreSQL meaning DuckDB has no function for, each rewritten by the class of
 * its concept: OVERLAPS ({@link PeriodOverlaps}), aggregates of intervals
 * ({@link IntervalAggregates}), generate_series over numeric ({@link NumericSeries}),
 * date_trunc in a zone ({@link ZonedDateTrunc}), substring's SIMILAR form ({@link SimilarTo})
 * and the case mapping of a C-locale database ({@link CaseMapping}).
 */
final class StandardCalls {
    private StandardCalls() {}

    /** The rewritten call (its arguments already rewritten), or null when it is none of these. */
    static Node rewrite(Node f, List<SqlType> types, Function<Node, SqlType> typeOf) {
        List<String> names = f.names("funcname");
        if (names.size() > 2 || names.size() == 2 && !names.get(0).equals("pg_catalog")) return null;
        return switch (Operators.lastName(f)) {
            case "overlaps" -> PeriodOverlaps.rewrite(f, types);
            case "sum", "avg", "percentile_cont" -> IntervalAggregates.rewrite(f, types, typeOf);
            case "generate_series" -> NumericSeries.rewrite(f, types);
            case "date_trunc" -> ZonedDateTrunc.rewrite(f, types);
            case "substring" -> SimilarTo.substring(f, types);
            case "upper", "lower" -> CaseMapping.rewrite(f, types);
            default -> null;
        };
    }
}
