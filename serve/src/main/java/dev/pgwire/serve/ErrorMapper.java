package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.message.ErrorField;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.Translation;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB errors into PostgreSQL errors: a SQLSTATE, PostgreSQL's wording where clients are
 * known to match on it ({@code relation "x" does not exist}), DuckDB's own text as detail when it
 * says more (never its "Did you mean" suggestions, which name its own objects), and the error position as a 1-based character index.
 */
final class ErrorMapper {
    private ErrorMapper() {}

    static final String CANCELED_MESSAGE = "canceling statement due to user request";

    /**
     * The message the JDBC driver gives when a streamed query fails before its first chunk: the
     * real error is lost inside the driver (see {@link DuckDbStatementRunner}).
     */
    static final String LOST_ERROR_MESSAGE = "Invalid Input Error: Invalid result set";

    static boolean isLostError(SQLException e) {
        return LOST_ERROR_MESSAGE.equals(e.getMessage());
    }

    static PgException canceled() {
        return new PgException(SqlState.QUERY_CANCELED, CANCELED_MESSAGE);
    }

    /**
     * Maps a DuckDB error of a translated statement: a position DuckDB reports in its SQL points at
     * the same place of the client's SQL; a statement passed on as DuckDB dialect that DuckDB
     * cannot parse either reports PostgreSQL's syntax error.
     */
    static PgException map(SQLException e, Translation t) {
        DuckDbError error = DuckDbError.parse(e.getMessage());
        if (t.parseError() != null && (error.kind().equals("parser") || error.kind().equals("syntax"))) return t.parseError();
        PgException pg = new PgException(map(error).fields());
        pg.initCause(e);
        Integer duckDbPosition = position(error, t.duckDbSql());
        if (duckDbPosition != null && pg.field('P') == null) {
            Integer source = t.sourcePosition(duckDbPosition - 1);
            if (source != null) pg.withPosition(source);
        }
        return pg;
    }

    /** Maps a DuckDB error for the statement {@code sql} (used to turn byte offsets into positions). */
    static PgException map(SQLException e, String sql) {
        DuckDbError error = DuckDbError.parse(e.getMessage());
        PgException pg = new PgException(map(error).fields()); // the fields constructor leaves the cause settable
        pg.initCause(e);
        Integer position = position(error, sql);
        if (position != null && pg.field('P') == null) pg.withPosition(position);
        return pg;
    }

    static PgException map(DuckDbError error) {
        PgException fromFunction = EngineError.from(error.message());
        if (fromFunction != null) return fromFunction;
        String kind = error.kind();
        String msg = error.firstLine();
        Matcher m;
        if ((m = DECIMAL_TO_INTEGER.matcher(msg)).find()) {
            return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, pgTypeName(m.group(1)) + " out of range");
        }
        if (msg.startsWith("Failed to cast value: ")) {
            // a list's element cast as a parameter is bound ({40000} for a smallint[] column): DuckDB reports it as its own kind
            return conversion(error, msg.substring("Failed to cast value: ".length()));
        }
        if ((m = EXTRACT_SPECIFIER.matcher(msg)).find()) {
            return new PgException(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + m.group(1) + "\" not recognized");
        }
        if (msg.equals("Argument for ntile must be greater than zero")) {
            return new PgException("22014", "argument of ntile must be greater than zero");
        }
        PgException known = knownMessage(msg);
        if (known != null) return known;
        switch (kind) {
            case "parser":
            case "syntax":
                return new PgException(SqlState.SYNTAX_ERROR, msg);
            case "catalog":
                return catalog(error, msg);
            case "binder":
                return binder(error, msg);
            case "constraint":
                return constraint(error, msg);
            case "conversion":
                return conversion(error, msg);
            case "outofrange":
                return outOfRange(error, msg);
            case "invalidinput":
                return invalidInput(msg);
            case "interrupt":
                return canceled();
            case "transactioncontext":
                if (msg.contains("PRIMARY KEY or UNIQUE constraint violation")) {
                    return new PgException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint").withDetail(msg);
                }
                if (msg.contains("Conflict") || msg.contains("conflict")) {
                    return new PgException(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update")
                            .withDetail(msg);
                }
                if (msg.contains("transaction is aborted")) {
                    return new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                            "current transaction is aborted, commands ignored until end of transaction block");
                }
                return new PgException(SqlState.INVALID_TRANSACTION_STATE, msg);
            case "notimplemented":
                if (msg.startsWith("Unknown TimeZone '") && msg.endsWith("'")) {
                    return new PgException(SqlState.INVALID_PARAMETER_VALUE, "time zone \""
                            + msg.substring("Unknown TimeZone '".length(), msg.length() - 1) + "\" not recognized");
                }
                return new PgException(SqlState.FEATURE_NOT_SUPPORTED, msg);
            case "permission":
                return new PgException(SqlState.INSUFFICIENT_PRIVILEGE, msg);
            case "io":
                if (msg.startsWith("Could not set lock on file")) {
                    // another process (a second serve on the same data directory) has the database open
                    int held = msg.indexOf("Conflicting lock is held in");
                    int see = msg.indexOf(". See also");
                    return new PgException(SqlState.OBJECT_IN_USE, "the database is in use by another process")
                            .withDetail(held < 0 ? msg : msg.substring(held, see > held ? see : msg.length()).trim())
                            .withHint("Only one serve process can use a data directory at a time.");
                }
                return new PgException(msg.startsWith("No files found") ? "58P01" : SqlState.IO_ERROR, msg);
            case "outofmemory":
                return new PgException(SqlState.OUT_OF_MEMORY, msg);
            case "dependency":
                return new PgException("2BP01", msg);
            case "mismatchtype":
            case "type":
                return new PgException(SqlState.DATATYPE_MISMATCH, msg);
            case "sequence":
                return sequenceError(msg);
            default:
                return new PgException(SqlState.INTERNAL_ERROR, msg.isEmpty() ? "DuckDB reported an error without a message" : msg);
        }
    }

    /** DuckDB's sequence errors with PostgreSQL's codes (DuckDB doubles the quotes of a name in some). */
    private static PgException sequenceError(String msg) {
        String text = msg.replace("\"\"", "\"");
        if (text.startsWith("currval: sequence is not yet defined")) return new PgException("55000", text);
        if (text.startsWith("setval: value") && text.contains("out of bounds")) return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, text);
        return new PgException("2200H", text);
    }

    private static final Pattern USING_COLUMN = Pattern.compile("^Column \"(.+?)\" does not exist on (left|right) side of join");
    private static final Pattern INSERT_TWICE = Pattern.compile("^Duplicate column name \"(.+?)\" in INSERT");
    private static final Pattern OTHER_KIND = Pattern.compile("^Existing object \"?(.+?)\"? is of type (\\w+), trying to (?:drop|alter|replace) type (\\w+)");
    private static final Pattern SECOND_PRIMARY_KEY = Pattern.compile("^table \"(.+?)\" can have only one primary key");

    /** DuckDB's messages for errors PostgreSQL has its own SQLSTATE and words for, whatever DuckDB's kind. */
    private static PgException knownMessage(String msg) {
        Matcher m;
        PgException clause = QueryClauseErrors.of(msg);
        if (clause != null) return clause;
        if ((m = USING_COLUMN.matcher(msg)).find()) {
            return new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + m.group(1) + "\" specified in USING clause does not exist in "
                    + m.group(2) + " table");
        }
        if ((m = INSERT_TWICE.matcher(msg)).find()) return new PgException("42701", "column \"" + m.group(1) + "\" specified more than once");
        if ((m = OTHER_KIND.matcher(msg)).find()) {
            String wanted = m.group(3).toLowerCase(Locale.ROOT);
            return new PgException("42809", "\"" + m.group(1) + "\" is not " + (wanted.startsWith("i") ? "an " : "a ") + wanted);
        }
        if (msg.contains("Like pattern must not end with escape character")) {
            return new PgException("22025", "LIKE pattern must not end with escape character");
        }
        if (msg.contains("could not convert blob to UTF8 string")) {
            return new PgException("22021", "invalid byte sequence for encoding \"UTF8\"");
        }
        if (msg.startsWith("Date and time not in timestamp range")) {
            return new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        if (msg.startsWith("Invalid escape string. Escape string must be empty or one character")) {
            return new PgException("22025", "invalid escape string").withHint("Escape string must be empty or one character.");
        }
        if ((m = SECOND_PRIMARY_KEY.matcher(msg)).find()) {
            return new PgException("42P16", "multiple primary keys for table \"" + m.group(1) + "\" are not allowed");
        }
        if (msg.startsWith("zero raised to a negative power is undefined")
                || msg.startsWith("a negative number raised to a non-integer power yields a complex result")) {
            return new PgException("2201F", msg);
        }
        return null;
    }

    private static final Pattern WITH_NAME = Pattern.compile("^(.+?) with name \"?(.+?)\"? (does not exist|already exists)");

    private static PgException catalog(DuckDbError e, String msg) {
        Matcher m = WITH_NAME.matcher(msg);
        // DuckDB's "Did you mean …" suggestions are not passed on: they name DuckDB's own tables and
        // functions (duckdb_tables, nanosecond), and PostgreSQL suggests nothing for these errors
        if (m.find()) {
            String what = m.group(1).toLowerCase(Locale.ROOT);
            String name = e.field("name") != null ? e.field("name") : m.group(2);
            boolean missing = m.group(3).equals("does not exist");
            boolean relation = what.equals("table") || what.equals("view") || what.equals("index") || what.equals("sequence");
            PgException pg;
            if (missing && what.equals("index")) {
                pg = new PgException(SqlState.UNDEFINED_OBJECT, "index \"" + name + "\" does not exist");
            } else if (missing && relation) {
                pg = new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
            } else if (!missing && relation) {
                pg = new PgException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            } else if (what.equals("schema")) {
                pg = missing ? new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist")
                        : new PgException(SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
            } else if (what.endsWith("function") || what.endsWith("macro")) {
                pg = missing ? new PgException(SqlState.UNDEFINED_FUNCTION, "function " + name + " does not exist")
                        .withHint(NO_FUNCTION_MATCHES) : new PgException("42723", "function \"" + name + "\" already exists");
            } else if (what.equals("type")) {
                pg = missing ? new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist")
                        : new PgException(SqlState.DUPLICATE_OBJECT, "type \"" + name + "\" already exists");
                return pg; // DuckDB's suggestion would name one of its own types ("struct")
            } else {
                pg = missing ? new PgException(SqlState.UNDEFINED_OBJECT, msg) : new PgException(SqlState.DUPLICATE_OBJECT, msg);
            }
            return pg;
        }
        if (msg.startsWith("Table with name") && msg.contains("does not exist because schema")) {
            Matcher schema = Pattern.compile("schema \"([^\"]+)\" does not exist").matcher(msg);
            if (schema.find()) return new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema.group(1) + "\" does not exist");
        }
        if (msg.startsWith("unrecognized configuration parameter")) {
            return new PgException(SqlState.UNDEFINED_OBJECT, msg);
        }
        if (msg.contains("does not exist")) return new PgException(SqlState.UNDEFINED_OBJECT, msg);
        if (msg.contains("already exists")) return new PgException(SqlState.DUPLICATE_OBJECT, msg);
        if (msg.startsWith("Could not drop")) return new PgException("2BP01", msg);
        return new PgException(SqlState.UNDEFINED_OBJECT, msg);
    }

    private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Referenced column \"(.+?)\" (not found|was not found)");
    private static final Pattern NO_SUCH_COLUMN = Pattern.compile("Table \"(.+?)\" does not have a column (?:named|with name) \"(.+?)\"");
    /** A qualified reference to a column a VALUES list or subquery alias lacks (MERGE's ON, which DuckDB binds). */
    private static final Pattern NO_SUCH_ALIAS_COLUMN = Pattern.compile("Values list \"(.+?)\" does not have a column named \"(.+?)\"");
    private static final Pattern REFERENCED_TABLE = Pattern.compile("Referenced table \"(.+?)\" not found");
    private static final Pattern AMBIGUOUS = Pattern.compile("Ambiguous reference to column name \"(.+?)\"");

    /** DuckDB's answer for a column that is missing but named like a result column of the same SELECT. */
    private static final Pattern ALIAS_BEFORE_DEFINITION =
            Pattern.compile("Column \"(.+?)\" referenced that exists in the SELECT clause - but this column cannot be referenced");

    private static final Pattern CAST_UNIMPLEMENTED = Pattern.compile("Unimplemented type for cast \\((.+?) -> (.+?)\\)");
    private static final Pattern ORDER_TERM = Pattern.compile("ORDER term out of range - should be between 1 and (\\d+)");

    /** Errors DuckDB raises while running a statement on bad input. */
    private static PgException invalidInput(String msg) {
        if (msg.startsWith("Invalid UTF8 Codepoint ")) {
            // chr() of a number that is no character, with PostgreSQL's errors
            long n;
            try {
                n = Long.parseLong(msg.substring("Invalid UTF8 Codepoint ".length()).trim());
            } catch (NumberFormatException ex) {
                n = Long.MAX_VALUE;
            }
            if (n < 0) return new PgException(SqlState.INVALID_PARAMETER_VALUE, "character number must be positive");
            if (n == 0) return new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
            return new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: " + n);
        }
        String lower = msg.toLowerCase(Locale.ROOT);
        Matcher m;
        if (lower.startsWith("division by zero")) return new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
        if (msg.startsWith("More than one row returned by a subquery")) {
            return new PgException("21000", "more than one row returned by a subquery used as an expression");
        }
        if (msg.contains("MERGE INTO command cannot affect the same target row more than once")) {
            return new PgException("21000", "MERGE command cannot affect row a second time")
                    .withHint("Ensure that not more than one source row matches any one target row.");
        }
        if (msg.startsWith("Date out of range")) return dateOutOfRange(msg);
        if ((m = CAST_UNIMPLEMENTED.matcher(msg)).find()) {
            return new PgException("42846", "cannot cast type " + pgTypeName(m.group(1)) + " to " + pgTypeName(m.group(2)));
        }
        if (isRegexError(lower)) return new PgException("2201B", "invalid regular expression: " + msg);
        return new PgException(SqlState.INTERNAL_ERROR, msg);
    }

    /** RE2's messages for patterns it cannot compile (DuckDB's regular expressions). */
    private static boolean isRegexError(String lower) {
        return lower.startsWith("missing ") || lower.startsWith("invalid escape") || lower.startsWith("invalid character class")
                || lower.startsWith("invalid repetition") || lower.startsWith("bad repetition") || lower.startsWith("trailing \\")
                || lower.startsWith("unexpected )") || lower.startsWith("invalid perl") || lower.startsWith("invalid named capture")
                || lower.startsWith("no argument for repetition") || lower.contains("regular expression");
    }

    private static PgException binder(DuckDbError e, String msg) {
        Matcher m;
        if (msg.startsWith("WHERE clause cannot contain aggregates")) {
            return new PgException("42803", "aggregate functions are not allowed in WHERE");
        }
        if (msg.startsWith("LIMIT/OFFSET cannot be negative") || msg.startsWith("LIMIT cannot be negative")) {
            return new PgException("2201W", "LIMIT must not be negative");
        }
        if (msg.startsWith("OFFSET cannot be negative")) return new PgException("2201X", "OFFSET must not be negative");
        if (msg.startsWith("The specified columns as conflict target are not referenced by a UNIQUE/PRIMARY KEY")) {
            return new PgException("42P10", "there is no unique or exclusion constraint matching the ON CONFLICT specification");
        }
        if ((m = ORDER_TERM.matcher(msg)).find()) {
            return new PgException("42P10", "ORDER BY position is not in select list");
        }
        if (msg.startsWith("Set operations can only apply to expressions with the same number of result columns")) {
            return new PgException(SqlState.SYNTAX_ERROR, "each UNION query must have the same number of columns");
        }
        if ((m = CAST_UNIMPLEMENTED.matcher(msg)).find()) {
            return new PgException("42846", "cannot cast type " + pgTypeName(m.group(1)) + " to " + pgTypeName(m.group(2)));
        }
        if ((m = COLUMN_NOT_FOUND.matcher(msg)).find()) {
            String candidates = e.field("candidates");
            PgException pg = new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + m.group(1) + "\" does not exist");
            return candidates == null || candidates.isEmpty() ? pg : pg.withHint("Candidate columns: " + candidates);
        }
        if ((m = ALIAS_BEFORE_DEFINITION.matcher(msg)).find()) {
            return new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + m.group(1) + "\" does not exist");
        }
        if ((m = NO_SUCH_COLUMN.matcher(msg)).find()) {
            return new PgException(SqlState.UNDEFINED_COLUMN,
                    "column \"" + m.group(2) + "\" of relation \"" + m.group(1) + "\" does not exist");
        }
        if ((m = NO_SUCH_ALIAS_COLUMN.matcher(msg)).find()) {
            return new PgException(SqlState.UNDEFINED_COLUMN, "column " + m.group(1) + "." + m.group(2) + " does not exist");
        }
        if ((m = REFERENCED_TABLE.matcher(msg)).find()) {
            return new PgException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + m.group(1) + "\"");
        }
        if ((m = AMBIGUOUS.matcher(msg)).find()) {
            return new PgException(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + m.group(1) + "\" is ambiguous");
        }
        if (msg.contains("must appear in the GROUP BY clause")) {
            return new PgException("42803", msg).withHint(rest(e.message()));
        }
        if (msg.startsWith("DECIMAL type width must be between 1 and 38")) {
            // an integer wider than 38 digits (held exactly as HUGEINT) met numeric arithmetic or a cast
            return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric value out of range")
                    .withDetail("Numbers are held exactly in at most 38 digits.");
        }
        if (msg.startsWith("DO UPDATE SET clause cannot contain a subquery")) {
            return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "a subquery in ON CONFLICT … DO UPDATE SET is not supported");
        }
        if (msg.startsWith("SUBQUERY is not supported in returning statements")) {
            return new PgException(SqlState.FEATURE_NOT_SUPPORTED, "a subquery in RETURNING is not supported");
        }
        if (msg.startsWith("No function matches") || msg.startsWith("Could not choose a best candidate function")
                || msg.contains("explicit cast")) {
            return new PgException(SqlState.UNDEFINED_FUNCTION, msg).withHint("You might need to add explicit type casts.");
        }
        return new PgException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, msg).withDetail(rest(e.message()));
    }

    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate key \"(.+)\" violates (primary key|unique) constraint");
    /** A duplicate among the rows of one statement or one transaction. */
    private static final Pattern DUPLICATE_IN_TRANSACTION = Pattern.compile("PRIMARY KEY or UNIQUE constraint violation: duplicate key \"(.*)\"");
    private static final Pattern NOT_NULL = Pattern.compile("NOT NULL constraint failed: (?:(.+)\\.)?([^.]+)$");
    /** The check serve adds to varchar(n) and char(n) columns (see Macros). */
    private static final Pattern LENGTH_CHECK = Pattern.compile("pgwire\\.(varchar|bpchar)_fits\\(.*, (\\d+)\\)\\)");
    private static final Pattern CHECK = Pattern.compile("CHECK constraint failed on table \"?([^\" ]+)\"?");
    /** A domain's check on a column (see DdlEmitter): the domain's schema and name and the constraint's, '' for NOT NULL. */
    private static final Pattern DOMAIN_CHECK = Pattern.compile(
            "pgwire\\.domain_check\\(.*, '((?:[^']|'')*)', '((?:[^']|'')*)', '((?:[^']|'')*)'\\)");

    /** A name as DuckDB's message writes it, its quotes (where it needs them) taken off. */
    private static String unquoted(String name) {
        if (name == null || name.length() < 2 || !name.startsWith("\"") || !name.endsWith("\"")) return name;
        return name.substring(1, name.length() - 1).replace("\"\"", "\"");
    }

    private static PgException constraint(DuckDbError e, String msg) {
        Matcher m;
        if ((m = DUPLICATE_KEY.matcher(msg)).find()) {
            return new PgException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint")
                    .withDetail(keyDetail(m.group(1)) + " already exists.");
        }
        if (msg.contains("Data contains duplicates on indexed column")) {
            // CREATE UNIQUE INDEX (or ADD UNIQUE) over rows that already repeat a key
            return new PgException(SqlState.UNIQUE_VIOLATION, "could not create unique index")
                    .withDetail("The rows already hold duplicate values of the key.");
        }
        if ((m = DUPLICATE_IN_TRANSACTION.matcher(msg)).find()) {
            return new PgException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint")
                    .withDetail("Key " + m.group(1) + " already exists.");
        }
        if ((m = NOT_NULL.matcher(msg)).find()) {
            String table = unquoted(m.group(1));
            String column = unquoted(m.group(2));
            PgException notNull = new PgException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + column + "\""
                    + (table == null ? "" : " of relation \"" + table + "\"") + " violates not-null constraint")
                    .with(ErrorField.COLUMN_NAME, column); // (drivers read the column, and the table, from these fields)
            return table == null ? notNull : notNull.with(ErrorField.TABLE_NAME, table);
        }
        if ((m = DOMAIN_CHECK.matcher(msg)).find()) {
            String schema = m.group(1).replace("''", "'");
            String domain = m.group(2).replace("''", "'");
            String constraint = m.group(3).replace("''", "'");
            if (constraint.isEmpty()) {
                return new PgException(SqlState.NOT_NULL_VIOLATION, "domain " + domain + " does not allow null values")
                        .with(ErrorField.SCHEMA_NAME, schema).with(ErrorField.DATA_TYPE_NAME, domain);
            }
            return new PgException(SqlState.CHECK_VIOLATION, "value for domain " + domain + " violates check constraint \""
                    + constraint + "\"").with(ErrorField.SCHEMA_NAME, schema).with(ErrorField.DATA_TYPE_NAME, domain)
                    .with(ErrorField.CONSTRAINT_NAME, constraint);
        }
        if ((m = LENGTH_CHECK.matcher(msg)).find()) {
            String type = m.group(1).equals("varchar") ? "character varying" : "character";
            return new PgException(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type " + type + "(" + m.group(2) + ")");
        }
        if ((m = CHECK.matcher(msg)).find()) {
            return new PgException(SqlState.CHECK_VIOLATION, "new row for relation \"" + m.group(1) + "\" violates check constraint")
                    .withDetail(msg);
        }
        if (msg.toLowerCase(Locale.ROOT).contains("foreign key")) {
            return new PgException(SqlState.FOREIGN_KEY_VIOLATION, msg);
        }
        return new PgException(SqlState.INTEGRITY_CONSTRAINT_VIOLATION, msg);
    }

    /** DuckDB's {@code a: 1, b: x} as PostgreSQL's {@code Key (a, b)=(1, x)}. */
    private static String keyDetail(String duckKey) {
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        for (String part : duckKey.split(", ")) {
            int colon = part.indexOf(": ");
            if (colon < 0) return "Key " + duckKey;
            if (cols.length() > 0) { cols.append(", "); vals.append(", "); }
            cols.append(part, 0, colon);
            vals.append(part.substring(colon + 2));
        }
        return "Key (" + cols + ")=(" + vals + ")";
    }

    private static final Pattern CONVERT_STRING = Pattern.compile("Could not convert string '(.*)' to ([A-Z0-9_]+)");
    private static final Pattern CONVERT_TO_DECIMAL = Pattern.compile("Could not convert string [\"'](.*)[\"'] to DECIMAL\\((\\d+),(\\d+)\\)");
    private static final Pattern CAST_RANGE = Pattern.compile(
            "Type (\\w+) with value (.+) can't be cast because the value is out of range for the destination type (\\w+)");
    private static final Pattern FIELD_FORMAT = Pattern.compile("invalid (date|timestamp|time) field format: \"(.*?)\"");
    private static final Pattern FIELD_RANGE = Pattern.compile("(date|timestamp|time) field value out of range: \"(.*?)\"");

    /** A numeric beyond an integer type's range, cast to it (PostgreSQL's numeric_int4 and friends: 22003). */
    private static final Pattern DECIMAL_TO_INTEGER = Pattern.compile("^Failed to cast decimal value -?\\d+ to type (INT16|INT32|INT64)( when casting from source column .*)?$");
    /** A unit date_trunc or date_part does not know ('fortnight'): PostgreSQL's 22023. */
    private static final Pattern EXTRACT_SPECIFIER = Pattern.compile("^extract specifier \"(.*)\" not recognized$");
    private static final Pattern CAST_OUT_OF_RANGE = Pattern.compile("Casting value \"(.*?)\" to type (DECIMAL\\(\\d+,\\d+\\)) failed: value is out of range");

    private static final Pattern DATE_FIELDS = Pattern.compile("^(-?\\d+)-(\\d+)-(\\d+)$");
    private static final Pattern DECIMAL_TYPE = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

    /** make_date's "Date out of range: 2023-2-29": PostgreSQL's text of the fields, month and day in two digits. */
    private static PgException dateOutOfRange(String msg) {
        String fields = msg.substring(msg.indexOf(':') + 1).trim();
        Matcher m = DATE_FIELDS.matcher(fields);
        if (m.matches()) fields = m.group(1) + "-" + pad2(m.group(2)) + "-" + pad2(m.group(3));
        return new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "date field value out of range: " + fields);
    }

    private static String pad2(String digits) {
        return digits.length() < 2 ? "0" + digits : digits;
    }

    /** A value too wide for numeric(p,s) ({@code DECIMAL(p,s)}): PostgreSQL's 22003 and its detail. */
    private static PgException numericFieldOverflow(String decimal) {
        Matcher m = DECIMAL_TYPE.matcher(decimal);
        PgException e = new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow");
        if (!m.find()) return e;
        int p = Integer.parseInt(m.group(1));
        int sc = Integer.parseInt(m.group(2));
        return e.withDetail("A field with precision " + p + ", scale " + sc + " must round to an absolute value less than "
                + (p == sc ? "1" : "10^" + (p - sc)) + ".");
    }

    private static PgException conversion(DuckDbError e, String msg) {
        Matcher m;
        if ((m = CAST_OUT_OF_RANGE.matcher(msg)).find()) return numericFieldOverflow(m.group(2));
        if ((m = CAST_UNIMPLEMENTED.matcher(msg)).find()) {
            return new PgException("42846", "cannot cast type " + pgTypeName(m.group(1)) + " to " + pgTypeName(m.group(2)));
        }
        if (msg.startsWith("Date out of range")) return dateOutOfRange(msg);
        if ((m = CONVERT_STRING.matcher(msg)).find()) {
            // an integer beyond the type's range is PostgreSQL's 22003, anything else no integer 22P02
            if (m.group(2).matches("INT(16|32|64)") && m.group(1).strip().matches("[+-]?[0-9]+")) {
                return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "value \"" + m.group(1) + "\" is out of range for type " + pgTypeName(m.group(2)));
            }
            return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type " + pgTypeName(m.group(2)) + ": \"" + m.group(1) + "\"");
        }
        if ((m = CONVERT_TO_DECIMAL.matcher(msg)).find()) {
            // a number too wide for numeric(p,s) is PostgreSQL's 22003 with its detail; other text 22P02
            try {
                new java.math.BigDecimal(m.group(1).strip());
                return numericFieldOverflow("DECIMAL(" + m.group(2) + "," + m.group(3) + ")");
            } catch (NumberFormatException notANumber) {
                return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type numeric: \"" + m.group(1) + "\"");
            }
        }
        if ((m = CAST_RANGE.matcher(msg)).find()) {
            return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, pgTypeName(m.group(3)) + " out of range");
        }
        if ((m = FIELD_FORMAT.matcher(msg)).find()) {
            return new PgException(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type " + m.group(1) + ": \"" + m.group(2) + "\"");
        }
        if ((m = FIELD_RANGE.matcher(msg)).find()) {
            return new PgException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + m.group(2) + "\"");
        }
        if (msg.startsWith("Could not cast value") && msg.contains("DECIMAL")) {
            return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow").withDetail(msg);
        }
        if (msg.startsWith("Malformed JSON")) {
            return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json").withDetail(msg);
        }
        return new PgException(SqlState.INVALID_TEXT_REPRESENTATION, msg);
    }

    private static final Pattern OVERFLOW = Pattern.compile("Overflow in \\w+ of (\\w+)");

    private static PgException outOfRange(DuckDbError e, String msg) {
        Matcher m = OVERFLOW.matcher(msg);
        if (m.find()) return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, pgTypeName(m.group(1)) + " out of range");
        if (msg.startsWith("cannot take square root")) return new PgException("2201F", msg);
        if (msg.startsWith("cannot take logarithm")) return new PgException("2201E", msg);
        if (msg.toLowerCase(Locale.ROOT).contains("division by zero")) return new PgException(SqlState.DIVISION_BY_ZERO, "division by zero");
        return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, msg);
    }

    private static final Map<String, String> PG_TYPE_NAMES = Map.ofEntries(
            Map.entry("INT8", "tinyint"), Map.entry("TINYINT", "tinyint"),
            Map.entry("INT16", "smallint"), Map.entry("SMALLINT", "smallint"),
            Map.entry("INT32", "integer"), Map.entry("INTEGER", "integer"),
            Map.entry("INT64", "bigint"), Map.entry("BIGINT", "bigint"),
            Map.entry("INT128", "numeric"), Map.entry("HUGEINT", "numeric"),
            Map.entry("UINT8", "utinyint"), Map.entry("UINT16", "usmallint"),
            Map.entry("UINT32", "uinteger"), Map.entry("UINT64", "ubigint"),
            Map.entry("DOUBLE", "double precision"), Map.entry("FLOAT", "real"),
            Map.entry("BOOL", "boolean"), Map.entry("BOOLEAN", "boolean"),
            Map.entry("DATE", "date"), Map.entry("TIMESTAMP", "timestamp without time zone"),
            Map.entry("UUID", "uuid"), Map.entry("DECIMAL", "numeric"), Map.entry("VARCHAR", "text"),
            Map.entry("BLOB", "bytea"), Map.entry("INTERVAL", "interval"),
            Map.entry("INTEGER[]", "integer[]"), Map.entry("BIGINT[]", "bigint[]"), Map.entry("VARCHAR[]", "text[]"),
            Map.entry("TIMESTAMP WITH TIME ZONE", "timestamp with time zone"), Map.entry("JSON", "json"));

    private static String pgTypeName(String duckType) {
        return PG_TYPE_NAMES.getOrDefault(duckType.toUpperCase(Locale.ROOT), duckType.toLowerCase(Locale.ROOT));
    }

    /** PostgreSQL's hint when no function of a name takes the arguments given. */
    private static final String NO_FUNCTION_MATCHES =
            "No function matches the given name and argument types. You might need to add explicit type casts.";

    /** The message after its first line, or null when there is nothing more. */
    private static String rest(String message) {
        int nl = message.indexOf('\n');
        if (nl < 0) return null;
        String rest = message.substring(nl + 1).strip();
        return rest.isEmpty() ? null : rest;
    }

    /**
     * DuckDB reports a byte offset into the UTF-8 query ({@code "position":"14"}); PostgreSQL's P
     * field counts characters from 1.
     */
    static Integer position(DuckDbError e, String sql) {
        String p = e.field("position");
        if (p == null || sql == null) return null;
        int byteOffset;
        try {
            byteOffset = Integer.parseInt(p.trim());
        } catch (NumberFormatException ex) {
            return null;
        }
        byte[] utf8 = sql.getBytes(StandardCharsets.UTF_8);
        if (byteOffset < 0 || byteOffset > utf8.length) return null;
        String prefix = new String(utf8, 0, byteOffset, StandardCharsets.UTF_8);
        return prefix.codePointCount(0, prefix.length()) + 1;
    }
}
