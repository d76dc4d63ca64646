package dev.pgwire.serve.sql;

import dev.pgwire.serve.catalog.Builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parameters of no declared type given to a built-in function (node-postgres sends every
 * parameter so, psycopg a string), and string constants: of the type PostgreSQL's function resolution gives them,
 * where DuckDB could not type them (42P18) or would take them as text. {@code round($1, 2)} takes
 * a numeric (its only form of two arguments), {@code make_date($1, $2, $3)} integers,
 * {@code date_bin($1, …)} an interval; among forms of one category the choice is PostgreSQL's
 * ({@code abs($1)} double precision, its category's preferred type; {@code mod($1, 3)} integer,
 * as the other argument), and so among moments ({@code age($1, $2)}: timestamp with time zone).
 * Where the forms take types of different categories ({@code to_char}), the parameter is left as it was.
 */
final class UntypedArguments {
    private UntypedArguments() {}

    private static final int UNKNOWN = 705;
    /** The types a parameter is given here; text and the rest stay DuckDB's to decide. */
    private static final Set<String> TYPES = Set.of("numeric", "int2", "int4", "int8", "float4", "float8", "date", "timestamp",
            "timestamptz", "interval", "time", "bool", "bytea", "json", "jsonb");

    static void resolve(String name, List<Node> args, List<SqlType> types) {
        if (!Builtins.scalarFunction(name)) return;
        List<Integer> oids = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < args.size(); i++) {
            SqlType t = i < types.size() ? types.get(i) : null;
            if (untyped(args.get(i)) && (t == null || t.isUnknown())) {
                oids.add(UNKNOWN);
                any = true;
                continue;
            }
            if (t == null) return; // an argument of a type not known here: the call is left to the engine
            int oid = Builtins.typeOid(t.isArray() ? "_" + t.name() : t.name());
            if (oid == 0) return;
            oids.add(oid);
        }
        if (!any) return;
        Builtins.Choice choice = Builtins.function(name, oids);
        if (choice == null) return;
        for (int i = 0; i < args.size(); i++) {
            if (oids.get(i) != UNKNOWN || !untyped(args.get(i))) continue;
            String chosen = Builtins.typeName(choice.parameters().get(i));
            if (chosen == null || !TYPES.contains(chosen)) continue;
            // every form takes that type there, or a type of one category (numbers, moments: PostgreSQL's
            // choice among them, its category's preferred type where nothing else decides)
            String category = Builtins.category(choice.parameters().get(i));
            boolean oneCategory = category != null;
            for (int p : Builtins.parameterTypes(name, args.size(), i)) oneCategory &= category != null && category.equals(Builtins.category(p));
            if (!oneCategory) continue;
            SqlType as = SqlType.of(chosen);
            args.set(i, as.cast(args.get(i), args.get(i).location()));
            types.set(i, as);
        }
    }

    /** A parameter or a string constant: of type unknown until the call decides it. */
    private static boolean untyped(Node arg) {
        return arg.is("ParamRef") || arg.is("A_Const") && arg.has("sval");
    }
}
