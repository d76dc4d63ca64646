package dev.pgwire.serve.catalog;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * pg_get_function_result, pg_get_function_arguments and pg_get_functiondef: a function's signature and
 * definition as PostgreSQL writes them, from its pg_proc row.
 */
final class Functions {
    private Functions() {}

    private static final CatalogDefinitions.Relation PROC = CatalogDefinitions.get().relation(CatalogDefinitions.PG_CATALOG, "pg_proc");
    private static final int LANG = PROC.index("prolang"), COST = PROC.index("procost"), ROWS = PROC.index("prorows"),
            SUPPORT = PROC.index("prosupport"), SECDEF = PROC.index("prosecdef"), LEAKPROOF = PROC.index("proleakproof"),
            STRICT = PROC.index("proisstrict"), VOLATILE = PROC.index("provolatile"), PARALLEL = PROC.index("proparallel"),
            SRC = PROC.index("prosrc"), BIN = PROC.index("probin"), SQL_BODY = PROC.index("prosqlbody");
    /** pg_language's names by OID: the built-in languages are all there are. */
    private static final Map<Long, String> LANGUAGES = new HashMap<>();

    static {
        Rows languages = StaticCatalog.get().rows("pg_language");
        int oid = languages.column("oid"), name = languages.column("lanname");
        for (Object[] r : languages.rows) LANGUAGES.put((Long) r[oid], (String) r[name]);
    }

    /**
     * pg_get_functiondef: the CREATE OR REPLACE statement that makes the function again, or null for
     * an OID that is no function's; an aggregate has none (42809).
     */
    static String definition(Snapshot s, int oid) {
        Snapshot.ProcInfo p = s.proc(oid);
        if (p == null) return null;
        if (p.kind() == 'a') throw new PgException(SqlState.WRONG_OBJECT_TYPE, "\"" + p.name() + "\" is an aggregate function");
        Object[] r = p.row();
        boolean function = p.kind() != 'p';
        StringBuilder sb = new StringBuilder("CREATE OR REPLACE ").append(function ? "FUNCTION " : "PROCEDURE ")
                .append(PgCatalogRows.quoteIdent(p.schema())).append('.').append(PgCatalogRows.quoteIdent(p.name()))
                .append('(').append(arguments(s, oid, true)).append(")\n");
        if (function) sb.append(" RETURNS ").append(result(s, oid)).append('\n');
        String language = LANGUAGES.getOrDefault((Long) r[LANG], "-");
        sb.append(" LANGUAGE ").append(PgCatalogRows.quoteIdent(language)).append('\n');
        int options = sb.length();
        if (p.kind() == 'w') sb.append(" WINDOW");
        switch ((String) r[VOLATILE]) {
            case "i" -> sb.append(" IMMUTABLE");
            case "s" -> sb.append(" STABLE");
            default -> { }
        }
        switch ((String) r[PARALLEL]) {
            case "s" -> sb.append(" PARALLEL SAFE");
            case "r" -> sb.append(" PARALLEL RESTRICTED");
            default -> { }
        }
        if (Boolean.TRUE.equals(r[STRICT])) sb.append(" STRICT");
        if (Boolean.TRUE.equals(r[SECDEF])) sb.append(" SECURITY DEFINER");
        if (Boolean.TRUE.equals(r[LEAKPROOF])) sb.append(" LEAKPROOF");
        // the default cost of CREATE FUNCTION: 1 for internal and C functions, else 100
        float defaultCost = language.equals("internal") || language.equals("c") ? 1 : 100;
        float cost = (Float) r[COST], rows = (Float) r[ROWS];
        if (cost != defaultCost) sb.append(" COST ").append(shortest(cost));
        if (rows > 0 && rows != 1000) sb.append(" ROWS ").append(shortest(rows));
        Snapshot.ProcInfo support = s.proc(((Long) r[SUPPORT]).intValue());
        if (support != null) sb.append(" SUPPORT ").append(PgCatalogRows.quoteIdent(support.name()));
        if (sb.length() != options) sb.append('\n');
        // a SQL-standard body (RETURN …), as serve keeps it written back
        if (r[SQL_BODY] != null) return sb.append(r[SQL_BODY]).append('\n').toString();
        sb.append("AS ");
        if (r[BIN] != null) sb.append(dev.pgwire.serve.sql.SqlNames.literal((String) r[BIN])).append(", ");
        String source = (String) r[SRC];
        if (r[BIN] != null) {
            sb.append(dev.pgwire.serve.sql.SqlNames.literal(source));
        } else {
            // a dollar quote the body does not hold
            StringBuilder tag = new StringBuilder("$function");
            while (source.contains(tag)) tag.append('x');
            tag.append('$');
            sb.append(tag).append(source).append(tag);
        }
        return sb.append('\n').toString();
    }

    /** pg_get_function_sqlbody: a SQL-standard body (RETURN …) as written back, else null. */
    static String sqlBody(Snapshot s, int oid) {
        Snapshot.ProcInfo p = s.proc(oid);
        return p == null ? null : (String) p.row()[SQL_BODY];
    }

    /** A real as printf's %g writes it (six significant digits, trailing zeros dropped). */
    private static String shortest(float v) {
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String m = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            return m + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return d.toPlainString();
    }

    static String result(Snapshot s, int oid) {
        Snapshot.ProcInfo p = s.proc(oid);
        if (p == null || p.kind() == 'p') return null;
        if (p.returnsSet() && p.argModes().contains("t")) {
            List<String> cols = new ArrayList<>();
            for (int i = 0; i < p.argModes().size(); i++) {
                if (!p.argModes().get(i).equals("t")) continue;
                cols.add(name(p, i) + CatalogFunctions.formatType(s, p.allArgTypes().get(i), null));
            }
            return "TABLE(" + String.join(", ", cols) + ")";
        }
        return (p.returnsSet() ? "SETOF " : "") + CatalogFunctions.formatType(s, p.returnType(), null);
    }

    /** The arguments; {@code all} includes OUT arguments (pg_get_function_arguments), else only inputs (identity). */
    static String arguments(Snapshot s, int oid, boolean all) {
        Snapshot.ProcInfo p = s.proc(oid);
        if (p == null) return null;
        List<String> out = new ArrayList<>();
        if (p.allArgTypes().isEmpty()) {
            for (int i = 0; i < p.argTypes().size(); i++) out.add(name(p, i) + CatalogFunctions.formatType(s, p.argTypes().get(i), null));
        } else {
            for (int i = 0; i < p.allArgTypes().size(); i++) {
                String mode = i < p.argModes().size() ? p.argModes().get(i) : "i";
                if (mode.equals("t")) continue;
                if (mode.equals("o") && !all) continue;
                String prefix = switch (mode) {
                    case "o" -> "OUT ";
                    case "b" -> "INOUT ";
                    case "v" -> "VARIADIC ";
                    default -> "";
                };
                out.add(prefix + name(p, i) + CatalogFunctions.formatType(s, p.allArgTypes().get(i), null));
            }
        }
        // pg_get_function_arguments shows the defaults of the last inputs; the identity arguments do not
        List<String> defaults = all ? s.functionDefaults.getOrDefault(oid, List.of()) : List.of();
        for (int d = 0; d < defaults.size() && d < out.size(); d++) {
            int at = out.size() - defaults.size() + d;
            out.set(at, out.get(at) + " DEFAULT " + defaults.get(d));
        }
        return String.join(", ", out);
    }

    private static String name(Snapshot.ProcInfo p, int i) {
        if (i >= p.argNames().size()) return "";
        String n = p.argNames().get(i);
        return n == null || n.isEmpty() ? "" : PgCatalogRows.quoteIdent(n) + " ";
    }
}
