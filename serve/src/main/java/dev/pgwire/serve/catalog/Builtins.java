package dev.pgwire.serve.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's built-in types, operators, functions and implicit casts (from its own catalogs),
 * and the choice PostgreSQL makes among operators and functions of one name for given argument
 * types — enough to write an expression the way PostgreSQL shows it back (with the implicit casts
 * its analysis adds).
 */
public final class Builtins {
    private Builtins() {}

    /** PostgreSQL's encodings by their number (pg_encoding_to_char(6) is UTF8). */
    public static final java.util.List<String> ENCODINGS = java.util.List.of("SQL_ASCII", "EUC_JP", "EUC_CN", "EUC_KR", "EUC_TW",
            "EUC_JIS_2004", "UTF8", "MULE_INTERNAL", "LATIN1", "LATIN2", "LATIN3", "LATIN4", "LATIN5", "LATIN6", "LATIN7", "LATIN8",
            "LATIN9", "LATIN10", "WIN1256", "WIN1258", "WIN866", "WIN874", "KOI8R", "WIN1251", "WIN1252", "ISO_8859_5", "ISO_8859_6",
            "ISO_8859_7", "ISO_8859_8", "WIN1250", "WIN1253", "WIN1254", "WIN1255", "WIN1257", "KOI8U", "SJIS", "BIG5", "GBK", "UHC",
            "GB18030", "JOHAB", "SHIFT_JIS_2004");

    /** 2249: the pseudo-type record. */
    private static final int RECORD = 2249;

    /** 705: a string literal not yet given a type. */
    public static final int UNKNOWN = 705;

    /** An operator or function chosen for a call: the types its arguments take, and its result. */
    public record Choice(String name, List<Integer> parameters, int result) {
    }

    /**
     * @param variadicAny whether the last parameter is {@code VARIADIC "any"} (format, concat): it
     *                    takes any number of arguments of any type, each as it is
     */
    private record Candidate(String name, List<Integer> parameters, int result, boolean retset, boolean variadicAny) {
        Candidate(String name, List<Integer> parameters, int result, boolean retset) {
            this(name, parameters, result, retset, false);
        }

        /** The parameters for a call with {@code count} arguments: the variadic one repeated; null when it cannot take them. */
        List<Integer> forArguments(int count) {
            if (count == parameters.size()) return parameters;
            if (!variadicAny || count < parameters.size()) return null;
            List<Integer> out = new ArrayList<>(parameters);
            while (out.size() < count) out.add(ANY);
            return out;
        }
    }

    /** The pseudo-type "any". */
    private static final int ANY = 2276;

    private static final Map<String, List<Candidate>> OPERATORS = new HashMap<>();
    private static final Map<String, List<Candidate>> FUNCTIONS = new HashMap<>();
    /** The names of the built-in aggregates (pg_proc.prokind a). */
    private static final java.util.Set<String> AGGREGATES = new java.util.HashSet<>();
    private static final Set<Long> IMPLICIT_CASTS = new HashSet<>();
    private static final Set<Long> ASSIGNMENT_CASTS = new HashSet<>();
    private static final Map<Integer, String> CATEGORIES = new HashMap<>();
    private static final Set<Integer> PREFERRED = new HashSet<>();
    private static final Map<Integer, Integer> ELEMENTS = new HashMap<>();
    private static final Map<Integer, Integer> ARRAYS = new HashMap<>();
    /** anyarray and anycompatiblearray; anynonarray and anycompatiblenonarray. */
    private static final Set<Integer> ANY_ARRAYS = Set.of(2277, 5078);
    private static final Set<Integer> NON_ARRAYS = Set.of(2776, 5079);
    private static final Set<Integer> POLYMORPHIC = Set.of(2283, 2776, 2277, 3500, 5077, 5078, 5079, 5080, 3831, 4537, 4538, 2276);

    static {
        StaticCatalog st = StaticCatalog.get();
        Rows op = st.rows("pg_operator");
        int oprname = op.column("oprname"), oprkind = op.column("oprkind"), oprleft = op.column("oprleft"),
                oprright = op.column("oprright"), oprresult = op.column("oprresult");
        for (Object[] r : op.rows) {
            if (!"b".equals(r[oprkind]) && !"l".equals(r[oprkind])) continue;
            List<Integer> params = new ArrayList<>();
            if ("b".equals(r[oprkind])) params.add(((Long) r[oprleft]).intValue());
            params.add(((Long) r[oprright]).intValue());
            OPERATORS.computeIfAbsent((String) r[oprname], k -> new ArrayList<>())
                    .add(new Candidate((String) r[oprname], params, ((Long) r[oprresult]).intValue(), false));
        }
        Rows proc = st.rows("pg_proc");
        int proname = proc.column("proname"), argtypes = proc.column("proargtypes"), rettype = proc.column("prorettype"),
                kind = proc.column("prokind"), retset = proc.column("proretset"), variadic = proc.column("provariadic");
        for (Object[] r : proc.rows) {
            if (!"f".equals(r[kind]) && !"a".equals(r[kind]) && !"w".equals(r[kind])) continue;
            if ("a".equals(r[kind])) AGGREGATES.add((String) r[proname]);
            List<Integer> params = new ArrayList<>();
            if (r[argtypes] instanceof List<?> l) for (Object o : l) params.add(((Number) o).intValue());
            FUNCTIONS.computeIfAbsent((String) r[proname], k -> new ArrayList<>())
                    .add(new Candidate((String) r[proname], params, ((Long) r[rettype]).intValue(), (Boolean) r[retset],
                            r[variadic] instanceof Number v && v.intValue() == ANY));
        }
        Rows cast = st.rows("pg_cast");
        int src = cast.column("castsource"), dst = cast.column("casttarget"), ctx = cast.column("castcontext");
        for (Object[] r : cast.rows) {
            long k = key(((Long) r[src]).intValue(), ((Long) r[dst]).intValue());
            if ("i".equals(r[ctx])) IMPLICIT_CASTS.add(k);
            if ("i".equals(r[ctx]) || "a".equals(r[ctx])) ASSIGNMENT_CASTS.add(k);
        }
        Rows type = st.rows("pg_type");
        int oid = type.column("oid"), cat = type.column("typcategory"), pref = type.column("typispreferred"),
                elem = type.column("typelem"), array = type.column("typarray");
        for (Object[] r : type.rows) {
            int o = ((Long) r[oid]).intValue();
            CATEGORIES.put(o, (String) r[cat]);
            if (Boolean.TRUE.equals(r[pref])) PREFERRED.add(o);
            if ("A".equals(r[cat])) ELEMENTS.put(o, ((Long) r[elem]).intValue());
            int a = ((Long) r[array]).intValue();
            if (a != 0) ARRAYS.put(o, a);
        }
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }

    /** A built-in type's OID by its pg_type name (int4, varchar, _text), or 0. */
    public static int typeOid(String typname) {
        return StaticCatalog.get().typeOid(typname);
    }

    public static String typeName(int oid) {
        return StaticCatalog.get().typeName(oid);
    }

    /** The array type of a built-in type, or 0. */
    public static int arrayOf(int oid) {
        return ARRAYS.getOrDefault(oid, 0);
    }

    /** The element type of a built-in array type, or 0. */
    public static int elementOf(int oid) {
        return ELEMENTS.getOrDefault(oid, 0);
    }

    /**
     * Whether PostgreSQL stores a value of type {@code from} into a column of type {@code to}
     * (find_coercion_pathway in COERCION_ASSIGNMENT): the same type, an implicit or assignment
     * cast, or the I/O conversion to a string type every type has.
     */
    public static boolean assignable(int from, int to) {
        return implicitlyCoercible(from, to) || ASSIGNMENT_CASTS.contains(key(from, to)) || "S".equals(CATEGORIES.get(to));
    }

    /** A built-in type's pg_type.typcategory (N numeric, B boolean, D date/time, S string, …), or null. */
    public static String category(int oid) {
        return CATEGORIES.get(oid);
    }

    /** Whether PostgreSQL converts {@code from} to {@code to} implicitly (or they are the same). */
    public static boolean implicitlyCoercible(int from, int to) {
        return from == to || from == UNKNOWN || IMPLICIT_CASTS.contains(key(from, to));
    }

    /** The operator PostgreSQL chooses for {@code left op right} (left 0 for a prefix operator), or null. */
    public static Choice operator(String name, int left, int right) {
        List<Integer> args = left == 0 ? List.of(right) : List.of(left, right);
        return choose(OPERATORS.getOrDefault(name, List.of()), args);
    }

    /** Whether {@code name} is a built-in aggregate (count, sum, …). */
    public static boolean aggregate(String name) {
        return AGGREGATES.contains(name);
    }

    /** Whether {@code name} is a function (or aggregate) PostgreSQL has built in. */
    public static boolean builtinFunction(String name) {
        return FUNCTIONS.containsKey(name) || AGGREGATES.contains(name);
    }

    /**
     * Whether {@code name} is a built-in function none of whose forms returns a set: in FROM
     * PostgreSQL makes it a one-row relation, where DuckDB knows only table functions.
     */
    public static boolean scalarFunction(String name) {
        List<Candidate> forms = FUNCTIONS.get(name);
        if (forms == null) return false;
        // a record result (json_to_record) is a row of several columns
        for (Candidate c : forms) if (c.retset() || c.result() == RECORD) return false;
        return true;
    }

    /** The types the forms of function {@code name} taking {@code count} arguments have at argument {@code position}. */
    public static Set<Integer> parameterTypes(String name, int count, int position) {
        Set<Integer> out = new HashSet<>();
        for (Candidate c : FUNCTIONS.getOrDefault(name, List.of())) {
            List<Integer> parameters = c.forArguments(count);
            if (parameters != null) out.add(parameters.get(position));
        }
        return out;
    }

    /** The function PostgreSQL chooses for {@code name(args)}, or null. */
    public static Choice function(String name, List<Integer> args) {
        return choose(FUNCTIONS.getOrDefault(name, List.of()), args);
    }

    /**
     * PostgreSQL's candidate selection, simplified (func_select_candidate): exact matches win;
     * then the candidates every argument converts to implicitly, preferring the most exact
     * matches, then the preferred type of each argument's category; an unknown literal beside a
     * known type is taken as that type first. Polymorphic parameters take the argument's type.
     */
    private static Choice choose(List<Candidate> all, List<Integer> args) {
        List<Integer> probe = new ArrayList<>(args);
        // an unknown literal next to a known type is first tried as that type
        int known = 0;
        for (int a : args) if (a != UNKNOWN) known = a;
        if (known != 0) for (int i = 0; i < probe.size(); i++) if (probe.get(i) == UNKNOWN) probe.set(i, known);
        Candidate best = null;
        int bestExact = -1;
        int bestPreferred = -1;
        List<Integer> bestParameters = null;
        for (Candidate c : all) {
            List<Integer> parameters = c.forArguments(args.size());
            if (parameters == null) continue;
            boolean ok = true;
            int exact = 0;
            int preferred = 0;
            int element = 0;
            for (int i = 0; i < args.size() && ok; i++) {
                int p = parameters.get(i);
                int a = args.get(i);
                if (POLYMORPHIC.contains(p)) {
                    // anyarray takes arrays only, anynonarray anything else
                    boolean array = a != UNKNOWN && a != 0 && elementOf(a) != 0;
                    if (a != UNKNOWN && a != 0 && (ANY_ARRAYS.contains(p) && !array || NON_ARRAYS.contains(p) && array)) ok = false;
                    // and the polymorphic parameters stand for one element type (an unknown literal taken as its neighbour's type):
                    // array_cat(int[], '{3}') fits, array_append(int[], '{3}') does not
                    int probed = probe.get(i);
                    if (p != ANY && probed != UNKNOWN && probed != 0) {
                        int e = ANY_ARRAYS.contains(p) ? elementOf(probed) : probed;
                        if (ANY_ARRAYS.contains(p) && e == 0) ok = false;
                        else if (element == 0) element = e;
                        else if (element != e) ok = false;
                    }
                    continue;
                }
                if (p == probe.get(i)) {
                    exact++;
                } else if (!implicitlyCoercible(a, p)) {
                    ok = false;
                } else if (PREFERRED.contains(p)) {
                    preferred++;
                }
            }
            if (!ok) continue;
            if (exact > bestExact || (exact == bestExact && preferred > bestPreferred)) {
                best = c;
                bestParameters = parameters;
                bestExact = exact;
                bestPreferred = preferred;
            }
        }
        if (best == null) return null;
        // the element type the polymorphic parameters stand for, from the arguments of known type
        int element = 0;
        for (int i = 0; i < args.size() && element == 0; i++) {
            int p = bestParameters.get(i);
            int a = args.get(i);
            if (p == ANY || !POLYMORPHIC.contains(p) || a == UNKNOWN || a == 0) continue;
            element = ANY_ARRAYS.contains(p) ? elementOf(a) : a;
        }
        for (int i = 0; i < args.size() && element == 0; i++) {
            // none known: as the unknown literals were tried (next to a known type, as that type)
            int p = bestParameters.get(i);
            if (p != ANY && POLYMORPHIC.contains(p)) element = ANY_ARRAYS.contains(p) ? elementOf(probe.get(i)) : probe.get(i);
        }
        List<Integer> params = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            int p = bestParameters.get(i);
            if (p == ANY) {
                params.add(args.get(i)); // "any" takes the argument as it is, an unknown literal too
            } else if (POLYMORPHIC.contains(p)) {
                // (array_append(int[], '4'): the '4' is an integer, the array an integer[])
                params.add(element == 0 ? probe.get(i) : ANY_ARRAYS.contains(p) ? arrayOf(element) : element);
            } else {
                params.add(p);
            }
        }
        int result = best.result();
        if (POLYMORPHIC.contains(result)) result = ANY_ARRAYS.contains(result) ? arrayOf(element) : element;
        return new Choice(best.name(), params, result);
    }
}
