package dev.pgwire.serve.sql;

import dev.pgwire.serve.catalog.RegTypes;
import dev.pgwire.serve.catalog.Snapshot;
import dev.pgwire.serve.sql.TypeResolver.Scope;

/**
 * Casts to and from PostgreSQL's OID alias types (regclass, regtype, regproc, …) for
 * {@link TypedRewrites}: a constant name becomes its OID while translating, a name known only when
 * the statement runs is looked up then by serve's catalog functions, and an OID alias cast to text
 * (or shown as a result column) is its name.
 */
final class RegCasts {
    private final SessionContext session;
    private final TypeResolver types;

    RegCasts(SessionContext session, TypeResolver types) {
        this.session = session;
        this.types = types;
    }

    private String searchPathLiteral() {
        return SqlWriter.quoteLiteral(session.catalogPath());
    }

    /** Whether the statement calls serve's catalog functions (the catalog must be ready when it runs). */
    private boolean usesCatalog;


    boolean usesCatalog() {
        return usesCatalog;
    }

    /** An OID alias value as its name (regclass as the relation's name, …). */
    Node out(Node val, String type) {
        if (val.bool("regText")) return val; // already the name
        if (type.equals("regtype") && val.has("regOid")) {
            // a built-in type known while translating: its name is a constant too
            String name = dev.pgwire.serve.catalog.TypeNames.regtype((int) val.num("regOid"));
            if (name != null) {
                Node out = Expressions.duckDb("CAST(" + SqlWriter.quoteLiteral(name) + " AS VARCHAR)");
                types.assume(out, SqlType.REGTYPE);
                return out;
            }
        }
        usesCatalog = true;
        String fn = RegTypes.outputFunction(type);
        Node out = Expressions.duckDb(fn + "(CAST({0} AS BIGINT)" + (RegTypes.takesSearchPath(type) ? ", " + searchPathLiteral() : "") + ")", val);
        types.assume(out, SqlType.of(type));
        return out;
    }

    /**
     * Casts to and from the OID alias types: a name becomes its OID (while translating when it is
     * a constant, as PostgreSQL does it while parsing), an OID alias cast to text its name.
     */
    Node cast(Node cast, Scope scope) {
        PgTypeName target = PgTypeName.of(cast.node("typeName"));
        if (target.isArray()) return OidArrays.cast(cast, target, types.type(cast.node("arg"), scope), types, this::out);
        Node arg = cast.node("arg");
        SqlType from = types.type(arg, scope);
        if (RegTypes.NAMES.contains(target.name())) {
            String constant = arg.is("A_Const") && arg.has("sval") ? Operators.stringConstant(arg) : null;
            Node out;
            if (constant != null) {
                Snapshot snapshot = session.catalogSnapshot();
                if (snapshot == null) return cast;
                long oid;
                try {
                    oid = RegTypes.input(snapshot, target.name(), constant, session.currentSchemas(true));
                } catch (dev.pgwire.protocol.PgException e) {
                    // at the name, as PostgreSQL's parser reports it
                    throw arg.has("location") && e.field(dev.pgwire.protocol.message.ErrorField.POSITION) == null ? e.withPosition(arg.location() + 1) : e;
                }
                out = Expressions.duckDb("CAST(" + oid + " AS BIGINT)").set("regOid", oid);
            } else if (from == null && arg.is("ParamRef")
                    || from != null && !from.isArray() && (from.isText() || from.isUnknown())) {
                // a name (or an OID as text) resolved when the statement runs: a parameter of no
                // declared type is the cast's type in PostgreSQL, whose input takes names
                // (SQLAlchemy binds 'pg_catalog.pg_class' to CAST($2 AS REGCLASS))
                String fn = RegTypes.inputFunction(target.name());
                if (fn == null) return cast;
                usesCatalog = true;
                out = Expressions.duckDb(fn + "(CAST({0} AS VARCHAR), " + searchPathLiteral() + ")", arg);
            } else {
                out = Expressions.duckDb("CAST({0} AS BIGINT)", arg);
            }
            types.assume(out, SqlType.of(target.name()));
            return out;
        }
        if (from != null && !from.isArray() && RegTypes.outputFunction(from.name()) != null
                && (target.name().equals("text") || target.name().equals("varchar") || target.name().equals("name")
                || target.name().equals("bpchar"))) {
            cast.set("arg", out(arg, from.name()));
        }
        return cast;
    }
}
