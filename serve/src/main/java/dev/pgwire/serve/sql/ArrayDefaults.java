package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;

import java.util.Locale;

/**
 * The default of an array column given as an untyped string ({@code DEFAULT '{}'}, what Rails
 * writes for {@code array: true, default: []}): PostgreSQL reads it as an array literal of the
 * column's type, so it is written as that list — DuckDB would cast the text by its own list
 * syntax, which '{…}' is not.
 */
final class ArrayDefaults {
    private ArrayDefaults() {}

    /**
     * Writes {@code expr}, the default of a column declared {@code typeName}, as the array it
     * stands for, when the column is an array and the default an untyped string; false (nothing
     * written) otherwise.
     */
    static boolean write(Emitter em, Node expr, Node typeName) {
        String text = untypedString(expr);
        if (text == null || !TypeMapper.isArray(typeName)) return false;
        String base = TypeMapper.isBuiltin(typeName) ? TypeMapper.baseName(typeName).toLowerCase(Locale.ROOT) : "";
        literal(em, expr, text, em.types.elementType(typeName), base);
        return true;
    }

    /**
     * As {@link #write(Emitter, Node, Node)}, for a column known from the catalog: its DuckDB type
     * (a list, {@code VARCHAR[]}) and its PostgreSQL element type's name.
     */
    static boolean write(Emitter em, Node expr, String duckDbType, PgTypeName pg) {
        String text = untypedString(expr);
        if (text == null || pg == null || !pg.isArray() || duckDbType == null || !duckDbType.endsWith("[]")) return false;
        String element = duckDbType;
        while (element.endsWith("[]")) element = element.substring(0, element.length() - 2);
        literal(em, expr, text, element, pg.name());
        return true;
    }

    /** The literal as a list; a malformed one is PostgreSQL's 22P02, at the literal. */
    private static void literal(Emitter em, Node expr, String text, String elementType, String pgElementName) {
        try {
            ArrayLiteral.write(em, text, elementType, pgElementName);
        } catch (PgException e) {
            throw expr.has("location") && expr.location() >= 0 ? e.withPosition(expr.location() + 1) : e;
        }
    }

    /** The text of an untyped string constant, or null for anything else. */
    private static String untypedString(Node expr) {
        return expr != null && expr.is("A_Const") && expr.has("sval") ? expr.node("sval").str("sval") : null;
    }
}
