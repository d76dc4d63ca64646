package dev.pgwire.serve;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * DuckDB macros the translation calls for PostgreSQL behaviour that has no single DuckDB
 * function. They live in the schema {@value #SCHEMA} of every database serve opens and are
 * replaced at each open, so they match the running version — except a macro the database's own
 * objects depend on (a varchar(n) column's CHECK calls {@code varchar_fits}), which DuckDB keeps
 * as those objects were made with it.
 */
final class Macros {
    private Macros() {}

    static final String SCHEMA = "pgwire";

    static final List<String> DEFINITIONS = List.of(
            // varchar(n) and char(n) columns hold at most n characters (trailing spaces beyond n are cut, as PostgreSQL does)
            "CREATE OR REPLACE MACRO pgwire.varchar_fits(v, n) AS v IS NULL OR length(v) <= n OR length(rtrim(v, ' ')) <= n",
            "CREATE OR REPLACE MACRO pgwire.bpchar_fits(v, n) AS v IS NULL OR length(v) <= n OR length(rtrim(v, ' ')) <= n",
            // … and so do the elements of varchar(n)[] and char(n)[] columns, checked as values are assigned to them
            // (TargetCoercion: DuckDB takes no lambda in a CHECK); a multidimensional array flattened first
            "CREATE OR REPLACE MACRO pgwire.varchar_fits_list(v, n) AS v IS NULL OR len(list_filter(v, lambda e: NOT pgwire.varchar_fits(e, n))) = 0",
            "CREATE OR REPLACE MACRO pgwire.bpchar_fits_list(v, n) AS v IS NULL OR len(list_filter(v, lambda e: NOT pgwire.bpchar_fits(e, n))) = 0",
            // a check of a domain on a column: its DuckDB error names the domain and constraint (see ErrorMapper)
            "CREATE OR REPLACE MACRO pgwire.domain_check(ok, domain_schema, domain_name, constraint_name) AS ok IS NOT FALSE",
            // a table's CHECK constraint: its DuckDB error names the constraint (see ConstraintErrors)
            "CREATE OR REPLACE MACRO pgwire.table_check(ok, constraint_name) AS ok IS NOT FALSE",
            // pg_options_to_table(reloptions and the like): a row per name=value
            "CREATE OR REPLACE MACRO pgwire.options_to_table(options) AS TABLE SELECT CAST(split_part(o, '=', 1) AS VARCHAR)"
                    + " AS option_name, CAST(CASE WHEN strpos(o, '=') > 0 THEN substr(o, strpos(o, '=') + 1) END AS VARCHAR)"
                    + " AS option_value FROM unnest(CAST(options AS VARCHAR[])) AS t(o)",
            "CREATE OR REPLACE MACRO pgwire.varchar_assign(v, n) AS"
                    + " CASE WHEN length(v) > n AND length(rtrim(v, ' ')) <= n THEN left(v, n) ELSE v END",
            // timestamptz ± interval as PostgreSQL's timestamptz_pl_interval: months and days move the wall clock,
            // and a wall clock the zone shows twice (clocks going back) is the later moment, the time part then
            // added as absolute time; DuckDB takes the earlier moment
            "CREATE OR REPLACE MACRO pgwire.interval_clock(iv) AS iv - to_months(CAST(date_part('year', iv) * 12"
                    + " + date_part('month', iv) AS INTEGER)) - to_days(CAST(date_part('day', iv) AS INTEGER))",
            "CREATE OR REPLACE MACRO pgwire.later_wall_clock(r) AS CASE WHEN r IS NULL OR NOT isfinite(r) THEN r"
                    + " WHEN date_part('timezone', r) > date_part('timezone', r + INTERVAL 3 HOUR)"
                    + " AND CAST(r + to_seconds(CAST(date_part('timezone', r) - date_part('timezone', r + INTERVAL 3 HOUR) AS BIGINT))"
                    + " AS TIMESTAMP) = CAST(r AS TIMESTAMP)"
                    + " THEN r + to_seconds(CAST(date_part('timezone', r) - date_part('timezone', r + INTERVAL 3 HOUR) AS BIGINT)) ELSE r END",
            // (an interval of no days or months moves the moment alone, whatever its wall clock)
            "CREATE OR REPLACE MACRO pgwire.timestamptz_plus(ts, iv) AS CASE WHEN date_part('year', iv) = 0 AND date_part('month', iv) = 0"
                    + " AND date_part('day', iv) = 0 THEN ts + iv"
                    + " ELSE pgwire.later_wall_clock(ts + (iv - pgwire.interval_clock(iv))) + pgwire.interval_clock(iv) END",
            // a value for a numeric column without modifier (DECIMAL(38,10)): stored only if no digit is lost
            "CREATE OR REPLACE MACRO pgwire.exact_numeric(v) AS CASE WHEN v IS NULL THEN NULL"
                    + " WHEN TRY_CAST(v AS DECIMAL(38,10)) = v THEN CAST(v AS DECIMAL(38,10))"
                    + " ELSE error('[pgwire:22003] numeric field overflow: ' || CAST(v AS VARCHAR)"
                    + " || ' cannot be held exactly in a numeric column without precision (28 digits before and 10 after the point)') END",
            // a sequence's state as PostgreSQL shows it: DuckDB keeps the value nextval returns next only in the
            // CREATE text duckdb_sequences() writes for it (its START), and last_value stays as it was after setval(s, n, false)
            "CREATE OR REPLACE MACRO pgwire.sequence_next(sql) AS CAST(regexp_extract(sql, ' START (-?[0-9]+) (NO )?CYCLE;$', 1) AS BIGINT)",
            "CREATE OR REPLACE MACRO pgwire.sequence_called(s) AS s.last_value IS NOT NULL AND (pgwire.sequence_next(s.sql) IS NULL"
                    + " OR CAST(s.last_value AS HUGEINT) + s.increment_by = pgwire.sequence_next(s.sql)"
                    + " OR s.cycle AND s.last_value = CASE WHEN s.increment_by > 0 THEN s.max_value ELSE s.min_value END"
                    + " AND pgwire.sequence_next(s.sql) = CASE WHEN s.increment_by > 0 THEN s.min_value ELSE s.max_value END)",
            // a date, timestamp or timestamptz of DuckDB's text before the common era as PostgreSQL writes it
            "CREATE OR REPLACE MACRO pgwire.bc_text(s) AS CASE WHEN contains(s, ' (BC)') THEN replace(s, ' (BC)', '') || ' BC' ELSE s END",
            // real and double precision arithmetic: a result beyond the type's range from finite operands is 22003,
            // as PostgreSQL's float8_mul and friends report it (DuckDB would answer Infinity or 0)
            "CREATE OR REPLACE MACRO pgwire.float_add(a, b) AS CASE WHEN isinf(a + b) AND NOT isinf(a) AND NOT isinf(b)"
                    + " THEN error('[pgwire:22003] value out of range: overflow') ELSE a + b END",
            "CREATE OR REPLACE MACRO pgwire.float_sub(a, b) AS CASE WHEN isinf(a - b) AND NOT isinf(a) AND NOT isinf(b)"
                    + " THEN error('[pgwire:22003] value out of range: overflow') ELSE a - b END",
            "CREATE OR REPLACE MACRO pgwire.float_mul(a, b) AS CASE WHEN isinf(a * b) AND NOT isinf(a) AND NOT isinf(b)"
                    + " THEN error('[pgwire:22003] value out of range: overflow')"
                    + " WHEN a * b = 0 AND a <> 0 AND b <> 0 THEN error('[pgwire:22003] value out of range: underflow') ELSE a * b END",
            "CREATE OR REPLACE MACRO pgwire.float_div(a, b) AS CASE WHEN isinf(a / b) AND NOT isinf(a)"
                    + " THEN error('[pgwire:22003] value out of range: overflow')"
                    + " WHEN a / b = 0 AND a <> 0 AND NOT isinf(b) THEN error('[pgwire:22003] value out of range: underflow') ELSE a / b END",
            // exp and power of double precision as PostgreSQL's dexp and dpow check them
            "CREATE OR REPLACE MACRO pgwire.float_exp(x) AS CASE WHEN isnan(x) OR isinf(x) THEN exp(x)"
                    + " WHEN isinf(exp(x)) THEN error('[pgwire:22003] value out of range: overflow')"
                    + " WHEN exp(x) = 0 THEN error('[pgwire:22003] value out of range: underflow') ELSE exp(x) END",
            "CREATE OR REPLACE MACRO pgwire.float_pow(a, b) AS CASE"
                    + " WHEN a = 0 AND b < 0 THEN error('[pgwire:2201F] zero raised to a negative power is undefined')"
                    + " WHEN a < 0 AND floor(b) <> b THEN error('[pgwire:2201F] a negative number raised to a non-integer power yields a complex result')"
                    + " WHEN isinf(a) OR isinf(b) OR isnan(a) OR isnan(b) THEN pow(a, b)"
                    + " WHEN isinf(pow(a, b)) THEN error('[pgwire:22003] value out of range: overflow')"
                    + " WHEN pow(a, b) = 0 AND a <> 0 THEN error('[pgwire:22003] value out of range: underflow') ELSE pow(a, b) END");

    static void install(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            // the extensions CREATE EXTENSION recorded in this database (pg_extension)
            st.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".extensions (name VARCHAR PRIMARY KEY, version VARCHAR)");
            // COMMENT ON SCHEMA (DuckDB keeps no comment on a schema): pg_description
            st.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".schema_comments (name VARCHAR PRIMARY KEY, description VARCHAR)");
        }
        for (String sql : DEFINITIONS) {
            // a statement each: DuckDB's driver closes a statement that failed
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                // the database's own objects use the macro (a varchar(n) column's CHECK, a view): DuckDB
                // cannot replace it while they do, and the definition they were made with stays
                if (!usedByOthers(e)) throw e;
            }
        }
    }

    private static boolean usedByOthers(SQLException e) {
        String message = e.getMessage();
        return message != null && message.contains("because there are entries that depend on it");
    }
}
