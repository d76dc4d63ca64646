package dev.pgwire.serve.catalog;

/** Names as PostgreSQL writes them back: format_type's type names, quote_ident's identifiers. */
public final class TypeNames {
    private TypeNames() {}

    /** format_type(type, typmod) of a type named by its pg_type name (of the element, for an array). */
    public static String format(String typname, boolean array, int typmod) {
        return FormatTypes.format(typname, array, typmod, true, null);
    }

    /** regtype's output of a built-in type (format_type(oid, NULL)), or null for a type that is not built in. */
    public static String regtype(int oid) {
        String name = Builtins.typeName(oid);
        if (name == null) return null;
        int element = Builtins.elementOf(oid);
        if (element != 0 && name.startsWith("_")) return FormatTypes.format(Builtins.typeName(element), true, -1, false, null);
        return FormatTypes.format(name, false, -1, false, null);
    }

    /** An identifier quoted where PostgreSQL's quote_ident would quote it. */
    public static String quoteIdent(String name) {
        return PgCatalogRows.quoteIdent(name);
    }
}
