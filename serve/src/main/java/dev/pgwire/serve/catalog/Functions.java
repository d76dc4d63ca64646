package dev.pgwire.serve.catalog;

import java.util.ArrayList;
import java.util.List;

/** pg_get_function_result and pg_get_function_arguments: a function's signature as PostgreSQL writes it. */
final class Functions {
    private Functions() {}

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
