package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import dev.pgwire.serve.sql.Translation;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Types the parameters DuckDB leaves open, the way PostgreSQL resolves an {@code unknown}: as the
 * declared type where there is one, else as text — and, where text does not fit because the
 * parameter is an operand of an operator ({@code balance + $1}, {@code now() - $1}), as the type of
 * the other operand, PostgreSQL's first guess for an unknown operand. The statement is prepared
 * with {@code CAST($n AS type)} for each such parameter.
 */
final class ParameterInference {
    /** DuckDB's binder names the failed call in its error: {@code +(INTEGER, VARCHAR)}. */
    private static final Pattern BINARY_CALL = Pattern.compile("^([^\\w\\s(]+)\\((.+), (.+)\\)$");
    /** … or the two types a comparison could not compare. */
    private static final Pattern COMPARISON = Pattern.compile(
            "Cannot compare values of type (.+) and type (.+?) - an explicit cast is required"
                    // … or the two a COALESCE, CASE or IN could not mix (coalesce($1, false))
                    + "|Cannot mix values of type (.+?) and (.+?) in [^-]+ - an explicit cast is required"
                    // … or the two a VALUES column or greatest/least could not combine (VALUES ($1), ($2))
                    + "|Cannot combine types (?:of )?(.+?) and (.+?) - an explicit cast is required");
    private static final String TEXT = "VARCHAR";

    private final DuckDbStatementRunner runner;
    private final Translation translation;
    private final String sql;
    /** DuckDB type to cast each parameter to, null for none. */
    final String[] casts;
    /** Parameters typed by guessing (declared by nobody), in order. */
    private final List<Integer> guesses = new ArrayList<>();
    String preparedSql;

    ParameterInference(DuckDbStatementRunner runner, Translation translation, int count) {
        this.runner = runner;
        this.translation = translation;
        this.sql = translation.duckDbSql();
        this.casts = new String[count];
    }

    void declare(int parameter, String duckDbType) {
        casts[parameter] = duckDbType;
    }

    /**
     * Types an undeclared parameter as text, or as an array of text where DuckDB saw a list of
     * an open type ({@code ANY[]}: {@code x = ANY($1)}, an array PostgreSQL types from x).
     */
    void guess(int parameter, String duckDbType) {
        casts[parameter] = TEXT + dimensions(duckDbType);
        guesses.add(parameter);
    }

    private static String dimensions(String duckDbType) {
        String t = duckDbType == null ? "" : duckDbType.trim();
        StringBuilder dims = new StringBuilder();
        while (t.endsWith("[]")) {
            dims.append("[]");
            t = t.substring(0, t.length() - 2);
        }
        return dims.toString();
    }

    boolean anyCasts() {
        for (String c : casts) if (c != null) return true;
        return false;
    }

    /**
     * Prepares the statement with the casts, refining guesses until DuckDB accepts it. Inside a
     * DuckDB transaction, which a statement failing to prepare aborts, the guesses are refined by
     * trial prepares on a second connection first ({@link TrialPrepares}).
     */
    PreparedStatement prepare(boolean inTransaction) {
        if (inTransaction) {
            String[] guessed = casts.clone();
            try {
                java.util.function.Function<String, PgException> trial = runner.trials().start();
                PgException failure = refine(sql -> {
                    PgException e = trial.apply(sql);
                    if (e != null && isCatalogError(e)) throw new CannotTell();
                    return e;
                });
                if (failure != null) throw failure;
                return prepareTyped();
            } catch (CannotTell e) {
                System.arraycopy(guessed, 0, casts, 0, casts.length);
            }
        }
        PreparedStatement[] prepared = new PreparedStatement[1];
        PgException failure = refine(sql -> {
            try {
                prepared[0] = prepareTyped();
                return null;
            } catch (PgException e) {
                return e;
            }
        });
        if (failure != null) throw failure;
        return prepared[0];
    }

    /** The trial connection sees another catalog than the session's (its transaction's tables, temporary ones). */
    private static final class CannotTell extends RuntimeException {
        CannotTell() {
            super(null, null, false, false);
        }
    }

    private static boolean isCatalogError(PgException e) {
        return e.getCause() instanceof java.sql.SQLException sql && DuckDbError.parse(sql.getMessage()).type().equals("Catalog");
    }

    /**
     * Tries the casts with {@code trial} (null when the statement prepared with the casts of
     * now), each round fixing one guessed parameter: null when one prepared, else the error.
     */
    private PgException refine(java.util.function.Function<String, PgException> trial) {
        PgException failure = trial.apply(ParameterTypes.withCasts(sql, casts));
        if (failure == null) return null;
        for (int round = 0; round < guesses.size(); round++) {
            String other = otherOperandType(failure);
            if (other == null) break;
            boolean progressed = false;
            for (int p : guesses) {
                String dims = dimensions(casts[p]);
                if (!casts[p].equals(TEXT + dims)) continue;
                casts[p] = other + dims;
                PgException e = trial.apply(ParameterTypes.withCasts(sql, casts));
                if (e == null) return null;
                if (!java.util.Objects.equals(position(e), position(failure))) {
                    failure = e; // this parameter was the operand: the next error is elsewhere
                    progressed = true;
                    break;
                }
                casts[p] = TEXT + dims;
            }
            if (!progressed) break;
        }
        if (guesses.isEmpty()) return failure;
        int first = guesses.get(0) + 1;
        return new PgException(SqlState.INDETERMINATE_DATATYPE, "could not determine data type of parameter $" + first)
                .withHint("Add an explicit cast, such as $" + first + "::integer.")
                .withDetail(failure.getMessage());
    }

    private PreparedStatement prepareTyped() {
        preparedSql = ParameterTypes.withCasts(sql, casts);
        return runner.prepare(translation.withDuckDbSql(preparedSql));
    }

    /**
     * The other operand's type when DuckDB found no operator for a guessed text operand
     * ({@code +(INTEGER, VARCHAR)} gives INTEGER), as a type a parameter can be cast to.
     */
    static String otherOperandType(PgException e) {
        if (!(e.getCause() instanceof java.sql.SQLException sql)) return null;
        DuckDbError error = DuckDbError.parse(sql.getMessage());
        String call = error.field("call");
        Matcher m = call != null ? BINARY_CALL.matcher(call.trim()) : COMPARISON.matcher(error.message());
        if (call != null ? !m.matches() : !m.find()) return null;
        int group = call != null ? 2 : 1;
        while (call == null && m.group(group) == null) group += 2;
        String left = m.group(group).trim();
        String right = m.group(group + 1).trim();
        String other = isText(left) ? right : isText(right) ? left : null;
        if (other == null || isText(other)) return null;
        if (other.endsWith("_LITERAL")) other = other.substring(0, other.length() - "_LITERAL".length());
        // a decimal literal's precision is not the parameter's: keep numeric's own
        if (other.toUpperCase(Locale.ROOT).startsWith("DECIMAL")) return ParameterTypes.duckDbType(1700);
        return other;
    }

    /** Where DuckDB's binder failed, in the prepared text. */
    private static String position(PgException e) {
        if (!(e.getCause() instanceof java.sql.SQLException sql)) return e.getMessage();
        DuckDbError error = DuckDbError.parse(sql.getMessage());
        String position = error.field("position");
        return position != null ? position : error.message();
    }

    private static boolean isText(String duckDbType) {
        return duckDbType.equals(TEXT) || duckDbType.equals("STRING_LITERAL");
    }
}
