package dev.pgwire.serve.sql;

import java.util.List;
import java.util.Set;

/** Array arguments of functions as PostgreSQL reads them: written as text where text is taken, and untyped ones beside an array. */
final class ArrayArguments {
    private ArrayArguments() {}

    /** Array arguments written in PostgreSQL's array notation (format's and concat's: {1,2}, not [1, 2]), typed text. */
    static void asText(List<Node> args, List<SqlType> types) {
        for (int i = 0; i < args.size(); i++) {
            Node text = i < types.size() ? ArrayText.of(args.get(i), types.get(i)) : null;
            if (text != null) {
                args.set(i, text);
                types.set(i, SqlType.TEXT);
            }
        }
    }

    /**
     * An untyped constant or parameter beside an array in array_append, array_prepend, array_cat,
     * array_remove and array_position: of the element's (or the array's) type, as PostgreSQL's
     * polymorphic functions resolve it ('7' appended to an integer[] is 7).
     */
    static void untyped(String name, List<Node> args, List<SqlType> types) {
        int array = name.equals("array_prepend") ? 1 : 0;
        int other = 1 - array;
        if (args.size() != 2 || !Set.of("array_append", "array_prepend", "array_cat", "array_remove", "array_position").contains(name)) return;
        SqlType a = types.get(array);
        SqlType t = types.get(other);
        Node arg = args.get(other);
        boolean untyped = (t == null || t.isUnknown()) && (arg.is("A_Const") && arg.has("sval") || arg.is("ParamRef"));
        if (a == null || !a.isArray() || !untyped) return;
        SqlType as = name.equals("array_cat") ? a.withoutTypmod() : a.element().withoutTypmod();
        args.set(other, as.cast(arg, arg.location()));
        types.set(other, as);
    }
}
