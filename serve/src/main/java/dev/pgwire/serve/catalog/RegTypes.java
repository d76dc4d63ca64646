package dev.pgwire.serve.catalog;

import java.util.List;
import java.util.Set;

/**
 * The OID alias types (regclass, regtype, regproc, regprocedure, regnamespace, regrole): their
 * input from a name while a statement is translated, and the names of the functions that convert
 * at run time ({@code pgwire_regclass_in(text, search_path)}, {@code pgwire_regclass_out(oid, search_path)}).
 */
public final class RegTypes {
    private RegTypes() {}

    public static final Set<String> NAMES = Set.of("regclass", "regtype", "regproc", "regprocedure", "regnamespace", "regrole",
            "regoper", "regoperator", "regconfig", "regdictionary", "regcollation");

    /** The OID a name denotes as {@code type} (PostgreSQL's error when there is none). */
    public static long input(Snapshot s, String type, String text, List<String> searchPath) {
        String path = String.join(",", searchPath);
        return switch (type) {
            case "regclass" -> Integer.toUnsignedLong(CatalogFunctions.regclassIn(s, text, path));
            case "regtype" -> CatalogFunctions.regtypeIn(s, text, CatalogFunctions.path(path), true);
            case "regproc" -> CatalogFunctions.regprocIn(s, text.contains("(") ? text.substring(0, text.indexOf('(')) : text);
            case "regprocedure" -> CatalogFunctions.regprocedureIn(s, text, CatalogFunctions.path(path));
            case "regnamespace" -> {
                List<String> names = QualifiedNames.parse(text);
                int oid = names.size() == 1 ? s.namespaceOid(names.get(0)) : 0;
                if (oid == 0) throw new dev.pgwire.protocol.PgException("3F000", "schema \"" + text + "\" does not exist");
                yield oid;
            }
            case "regrole" -> {
                List<String> names = QualifiedNames.parse(text);
                int oid = names.size() == 1 ? s.roleOid(names.get(0)) : 0;
                if (oid == 0) throw new dev.pgwire.protocol.PgException("42704", "role \"" + text + "\" does not exist");
                yield oid;
            }
            default -> Long.parseLong(text.trim());
        };
    }

    /** The run-time input function of a type, taking (text, search_path); null when there is none. */
    public static String inputFunction(String type) {
        return switch (type) {
            case "regclass", "regtype" -> "pgwire_" + type + "_in";
            default -> null;
        };
    }

    /** The run-time output function of a type, taking (oid, search_path). */
    public static String outputFunction(String type) {
        return switch (type) {
            case "regclass", "regtype" -> "pgwire_" + type + "_out";
            case "regproc", "regprocedure", "regnamespace", "regrole" -> "pgwire_" + type + "_out";
            default -> null;
        };
    }

    /** Every output function takes the search_path (its marker names the catalog of a session's open transaction). */
    public static boolean takesSearchPath(String type) {
        return outputFunction(type) != null;
    }
}
