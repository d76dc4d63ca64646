/**
 * PostgreSQL's built-in types on the wire: OIDs ({@link dev.pgwire.protocol.types.PgType}), and one
 * {@link dev.pgwire.protocol.types.TypeRegistry} of codecs that read and write each type's text
 * format (its output/input functions) and binary format (its send/receive functions), shared by
 * the server, the client, serve and the gateway.
 *
 * <p>Java representations:
 * <table>
 * <caption>type → Java class</caption>
 * <tr><td>bool</td><td>Boolean</td></tr>
 * <tr><td>int2, int4, int8</td><td>Short, Integer, Long</td></tr>
 * <tr><td>oid</td><td>Long, 0..4294967295</td></tr>
 * <tr><td>float4, float8</td><td>Float, Double</td></tr>
 * <tr><td>numeric</td><td>{@link dev.pgwire.protocol.types.PgNumeric}: a BigDecimal with the display
 *     scale, or NaN / Infinity / -Infinity (BigDecimal and other numbers are accepted when writing)</td></tr>
 * <tr><td>text, varchar, bpchar, name, unknown, json, jsonb</td><td>String (jsonb read from text is
 *     normalised as PostgreSQL stores it)</td></tr>
 * <tr><td>"char"</td><td>String: its PostgreSQL text, one ASCII character, {@code \ooo} for bytes
 *     128..255, or empty for 0</td></tr>
 * <tr><td>bytea</td><td>byte[]</td></tr>
 * <tr><td>uuid</td><td>UUID</td></tr>
 * <tr><td>date</td><td>LocalDate; infinity / -infinity are LocalDate.MAX / MIN</td></tr>
 * <tr><td>time</td><td>LocalTime; 24:00:00 is LocalTime.MAX</td></tr>
 * <tr><td>timetz</td><td>OffsetTime</td></tr>
 * <tr><td>timestamp</td><td>LocalDateTime; ±infinity are LocalDateTime.MAX / MIN</td></tr>
 * <tr><td>timestamptz</td><td>OffsetDateTime, read in the session TimeZone's offset; ±infinity are
 *     OffsetDateTime.MAX / MIN</td></tr>
 * <tr><td>interval</td><td>{@link dev.pgwire.protocol.types.PgInterval}</td></tr>
 * <tr><td>inet, cidr</td><td>{@link dev.pgwire.protocol.types.PgInet}</td></tr>
 * <tr><td>void</td><td>null, always written as an empty value</td></tr>
 * <tr><td>arrays of all of these</td><td>{@link dev.pgwire.protocol.types.PgArray}</td></tr>
 * </table>
 *
 * <p>Java values carry nanoseconds; they are rounded half up to PostgreSQL's microseconds.
 */
package dev.pgwire.protocol.types;
