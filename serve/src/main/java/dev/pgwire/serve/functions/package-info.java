/**
 * PostgreSQL 15 functions that DuckDB lacks or computes differently, as pure Java methods and as DuckDB
 * scalar functions named {@code pg_*}; {@link dev.pgwire.serve.functions.PgFunctions} is the entry
 * point and lists what is registered.
 *
 * <h2>How the functions are organised</h2>
 * <ul>
 * <li>to_char for date/time values: {@code DateTemplate} parses the template, {@code DateTimeToChar}
 * formats, {@code DateTimeFromChar} reads (to_date, to_timestamp), {@code Calendar} holds PostgreSQL's
 * Julian-day and ISO-week arithmetic, {@code ZoneAbbreviations} names zones as the IANA database does;</li>
 * <li>to_char for numbers: {@code NumberTemplate} parses the template, {@code NumberToChar} produces each
 * type's digit string (exact decimal rounding for numeric, C's printf for the floating-point types),
 * {@code NumberProcessor} lays it out or reads it back (to_number);</li>
 * <li>regular expressions: {@code RegexTranslator} with {@code RegexEscapes}, {@code RegexBrackets} and
 * {@code RegexInput} turns Spencer's syntax into a Java pattern, {@code RegexMatcher} finds the match
 * PostgreSQL's engine finds, {@code Regexp} implements the SQL functions;</li>
 * <li>json and jsonb: {@code JsonLexer} and {@code JsonParser} are PostgreSQL's JSON lexer and parser,
 * errors and the order of the semantic actions included; the json functions are those actions over
 * the text as written ({@code JsonGet} for the extraction operators, {@code JsonFunctions},
 * {@code JsonBuild}); jsonb is a {@code JsonbValue} tree that {@code Jsonb} reads and prints in the
 * normal form, which {@code JsonbOperators}, {@code JsonbPaths} and {@code JsonbFunctions} work on;
 * {@code JsonScalars} writes floating-point numbers, dates and timestamps as json does;</li>
 * <li>{@code Format}, {@code Encode}, {@code Strings}, {@code WidthBucket}, {@code Intervals}: one concept each;</li>
 * <li>{@code Registrations} lists the DuckDB signatures, {@code Udf} adapts a Java body to DuckDB's
 * vectors, {@link dev.pgwire.serve.functions.PgFunctionError} carries errors through DuckDB.</li>
 * </ul>
 *
 * <h2>Values DuckDB's Java functions cannot take</h2>
 * DuckDB 2.0's JDBC driver registers Java scalar functions only over BOOLEAN, the integer and
 * floating-point types, DECIMAL, VARCHAR, DATE and the TIMESTAMP types; an INTERVAL, BLOB or LIST
 * parameter or result is refused ({@code Unsupported logical type for UDF registration: INTERVAL}).
 * Those values therefore cross as text: intervals as their text in both directions
 * ({@link dev.pgwire.serve.functions.PgInterval}: DuckDB's INTERVAL is months, days and microseconds,
 * exactly PostgreSQL's), bytea as hex ({@code hex()} / {@code unhex()}), text arrays as JSON
 * ({@code to_json()} / {@code CAST(CAST(x AS JSON) AS VARCHAR[])}). DECIMAL parameters are declared
 * DECIMAL(38,18); {@code pg_to_char_numeric} takes numeric text instead and is exact for every value.
 *
 * <h2>What differs from PostgreSQL</h2>
 * <ul>
 * <li>Capture groups: within the match PostgreSQL chooses, a greedy group that is an alternation of
 * overlapping alternatives may capture a different part ({@code (a|ab)(c|bcd)} on {@code abcd}), and a
 * group inside a repetition keeps the text of an earlier iteration where PostgreSQL reports null.</li>
 * <li>Java's regex engine backtracks: a pathological pattern fails with SQLSTATE 54000 after 200 million
 * steps, and a repeated group over a very long string with 54001, where PostgreSQL succeeds.</li>
 * <li>Inside a lookbehind, {@code *} and {@code +} match at most 100,000 characters.</li>
 * <li>The locale is C: English month and day names also for {@code TM}, {@code .} and {@code ,} as
 * decimal point and group separator, a space as currency symbol, ASCII-only case folding and
 * character classes, as in a database created with {@code --locale=C}.</li>
 * <li>format() receives its arguments as text, so the caller converts each to its PostgreSQL text
 * output first ({@code t} for true, not DuckDB's {@code true}).</li>
 * <li>json and jsonb text is read without recursion, and refused with PostgreSQL's 54001 "stack depth
 * limit exceeded" where PostgreSQL 15 refuses it at its default max_stack_depth (about 14,500 nested
 * arrays, 13,100 objects); of the operations on values, those that recurse (containment,
 * jsonb_strip_nulls) give the same error if the thread's stack runs out.</li>
 * <li>to_json(timestamptz) of an infinite value is NULL, since infinite timestamps reach Java functions
 * as NULL; the translator writes {@code "infinity"} itself.</li>
 * <li>Time zone offsets come from Java's time zone rules, the zone abbreviations printed by
 * {@code TZ} from the system's zone files; the two use different releases of the IANA database only
 * if the JDK and the system are out of step.</li>
 * </ul>
 */
package dev.pgwire.serve.functions;
