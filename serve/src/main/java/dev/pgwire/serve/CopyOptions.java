package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options of a COPY statement as PostgreSQL 15 reads them ({@code ProcessCopyOptions}): the
 * format, and for text and csv the delimiter, the NULL string, HEADER, and for csv QUOTE, ESCAPE,
 * FORCE_QUOTE, FORCE_NOT_NULL and FORCE_NULL — with PostgreSQL's defaults, its errors for options
 * that conflict or do not apply, and its old spellings ({@code CSV HEADER}, {@code NULL AS ''}).
 */
final class CopyOptions {
    enum Format { TEXT, CSV, BINARY }

    enum Header { NONE, PRESENT, MATCH }

    Format format = Format.TEXT;
    Header header = Header.NONE;
    byte delimiter;
    String nullString;
    byte quote = '"';
    byte escape = '"';
    /** FORCE_QUOTE *: every non-null value is quoted. */
    boolean forceQuoteAll;
    List<String> forceQuote = List.of();
    List<String> forceNotNull = List.of();
    List<String> forceNull = List.of();

    /** Reads and checks the DefElem options of a CopyStmt. */
    static CopyOptions of(List<Node> options, boolean from) {
        CopyOptions o = new CopyOptions();
        List<String> seen = new ArrayList<>();
        String delimiter = null;
        String quote = null;
        String escape = null;
        boolean formatGiven = false;
        for (Node d : options) {
            String name = d.str("defname");
            if (seen.contains(name)) throw conflicting();
            seen.add(name);
            switch (name) {
                case "format" -> {
                    formatGiven = true;
                    String f = text(d).toLowerCase(Locale.ROOT);
                    o.format = switch (f) {
                        case "text" -> Format.TEXT;
                        case "csv" -> Format.CSV;
                        case "binary" -> Format.BINARY;
                        default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "COPY format \"" + f + "\" not recognized");
                    };
                }
                case "delimiter" -> delimiter = text(d);
                case "null" -> o.nullString = text(d);
                case "header" -> o.header = header(d, from);
                case "quote" -> quote = text(d);
                case "escape" -> escape = text(d);
                case "force_quote" -> {
                    if (d.node("arg") != null && d.node("arg").is("A_Star")) o.forceQuoteAll = true; else o.forceQuote = names(d);
                }
                case "force_not_null" -> o.forceNotNull = names(d);
                case "force_null" -> o.forceNull = names(d);
                case "encoding" -> {
                    String e = text(d).toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
                    if (!e.equals("UTF8") && !e.equals("UNICODE") && !e.equals("SQLASCII")) {
                        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY encoding \"" + text(d) + "\" is not supported")
                                .withDetail("Data is read and written in UTF8.");
                    }
                }
                case "freeze", "oids" -> {
                    if (name.equals("oids") && bool(d)) {
                        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY OIDS is not supported");
                    }
                }
                default -> throw new PgException(SqlState.SYNTAX_ERROR, "option \"" + name + "\" not recognized");
            }
        }
        if (!formatGiven && seen.isEmpty()) return o.withDefaults(null, null, null);
        return o.check(from, delimiter, quote, escape);
    }

    private CopyOptions check(boolean from, String delimiter, String quote, String escape) {
        boolean csv = format == Format.CSV;
        if (format == Format.BINARY && delimiter != null) throw invalid("cannot specify DELIMITER in BINARY mode");
        if (format == Format.BINARY && nullString != null) throw invalid("cannot specify NULL in BINARY mode");
        if (format == Format.BINARY && header != Header.NONE) throw invalid("cannot specify HEADER in BINARY mode");
        if (!csv && quote != null) throw feature("COPY quote available only in CSV mode");
        if (!csv && escape != null) throw feature("COPY escape available only in CSV mode");
        if (!csv && (forceQuoteAll || !forceQuote.isEmpty())) throw feature("COPY force quote available only in CSV mode");
        if (!csv && !forceNotNull.isEmpty()) throw feature("COPY force not null available only in CSV mode");
        if (!csv && !forceNull.isEmpty()) throw feature("COPY force null available only in CSV mode");
        if ((forceQuoteAll || !forceQuote.isEmpty()) && from) throw feature("COPY force quote only available using COPY TO");
        if (!forceNotNull.isEmpty() && !from) throw feature("COPY force not null only available using COPY FROM");
        if (!forceNull.isEmpty() && !from) throw feature("COPY force null only available using COPY FROM");
        return withDefaults(delimiter, quote, escape);
    }

    private CopyOptions withDefaults(String delimiter, String quote, String escape) {
        boolean csv = format == Format.CSV;
        String d = delimiter != null ? delimiter : csv ? "," : "\t";
        if (format != Format.BINARY) {
            if (d.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 1) {
                throw feature("COPY delimiter must be a single one-byte character");
            }
            if (d.equals("\r") || d.equals("\n")) throw invalid("COPY delimiter cannot be newline or carriage return");
            if (!csv && "\\.abcdefghijklmnopqrstuvwxyz0123456789".indexOf(Character.toLowerCase(d.charAt(0))) >= 0) {
                throw feature("COPY delimiter cannot be \"" + d + "\"");
            }
        }
        this.delimiter = (byte) d.charAt(0);
        if (nullString == null) nullString = csv ? "" : "\\N";
        if (nullString.contains("\r") || nullString.contains("\n")) {
            throw invalid("COPY null representation cannot use newline or carriage return");
        }
        if (nullString.indexOf((char) this.delimiter) >= 0 && format != Format.BINARY) {
            throw invalid("COPY delimiter must not appear in the NULL specification");
        }
        if (csv) {
            String q = quote != null ? quote : "\"";
            if (q.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 1) throw feature("COPY quote must be a single one-byte character");
            if (q.charAt(0) == d.charAt(0)) throw invalid("COPY delimiter and quote must be different");
            String e = escape != null ? escape : q;
            if (e.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 1) throw feature("COPY escape must be a single one-byte character");
            this.quote = (byte) q.charAt(0);
            this.escape = (byte) e.charAt(0);
            if (nullString.indexOf(q.charAt(0)) >= 0) throw invalid("CSV quote character must not appear in the NULL specification");
        }
        return this;
    }

    private static Header header(Node d, boolean from) {
        Node arg = d.node("arg");
        if (arg == null) return Header.PRESENT;
        if (arg.is("String") && arg.str("sval").equalsIgnoreCase("match")) {
            if (!from) throw feature("cannot use \"match\" with HEADER in COPY TO");
            return Header.MATCH;
        }
        return bool(d) ? Header.PRESENT : Header.NONE;
    }

    private static boolean bool(Node d) {
        Node arg = d.node("arg");
        if (arg == null) return true;
        if (arg.is("Boolean")) return arg.bool("boolval");
        if (arg.is("Integer")) {
            long v = arg.num("ival");
            if (v == 0 || v == 1) return v == 1;
        }
        String s = text(d).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "on", "yes", "1", "t", "y" -> true;
            case "false", "off", "no", "0", "f", "n" -> false;
            default -> throw new PgException(SqlState.SYNTAX_ERROR, d.str("defname") + " requires a Boolean value");
        };
    }

    private static String text(Node d) {
        Node arg = d.node("arg");
        if (arg == null) throw new PgException(SqlState.SYNTAX_ERROR, d.str("defname") + " requires a parameter");
        if (arg.is("String")) return arg.str("sval");
        if (arg.is("Integer")) return Long.toString(arg.num("ival"));
        if (arg.is("Boolean")) return arg.bool("boolval") ? "true" : "false";
        throw new PgException(SqlState.SYNTAX_ERROR, d.str("defname") + " requires a parameter");
    }

    private static List<String> names(Node d) {
        Node arg = d.node("arg");
        if (arg == null || !arg.is("List")) {
            throw new PgException(SqlState.SYNTAX_ERROR, "argument to option \"" + d.str("defname") + "\" must be a list of column names");
        }
        List<String> out = new ArrayList<>();
        for (Node n : arg.list("items")) out.add(n.str("sval"));
        return out;
    }

    private static PgException conflicting() {
        return new PgException(SqlState.SYNTAX_ERROR, "conflicting or redundant options");
    }

    private static PgException invalid(String message) {
        return new PgException(SqlState.INVALID_PARAMETER_VALUE, message);
    }

    private static PgException feature(String message) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, message);
    }
}
