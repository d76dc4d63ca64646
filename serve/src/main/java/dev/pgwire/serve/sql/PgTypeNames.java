package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.protocol.types.PgType;

/** OIDs for type names written in SQL (PREPARE's parameter types, say). */
public final class PgTypeNames {
    private PgTypeNames() {}

    /** The OID of a TypeName node's built-in type; 0 (unknown: inferred) for types PostgreSQL's list here lacks. */
    public static int oid(Node typeName) {
        PgTypeName t = PgTypeName.of(Node.typed("TypeName", typeName));
        if (!t.builtin()) return 0;
        PgType type = PgType.byName(t.typname());
        if (type == null && t.isArray()) return 0;
        if (type == null) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + t.name() + "\" does not exist");
        }
        return type.oid();
    }

    /** A type name written as text ('integer', 'character varying(10)', 'public.mood[]'): its schema (or null) and type. */
    public record Parsed(String schema, PgTypeName type) {
    }

    /** Reads a type name as PostgreSQL's grammar does (42601 when it is not one). */
    public static Parsed parse(String text) {
        java.util.List<PgParser.Statement> statements = PgParser.parse("SELECT NULL::" + text);
        Node cast = statements.size() != 1 ? null : statements.get(0).tree().list("targetList").get(0).node("val");
        if (cast == null || !cast.is("TypeCast") || cast.node("arg") == null || !cast.node("arg").is("A_Const")) {
            throw new PgException(SqlState.SYNTAX_ERROR, "invalid type name \"" + text + "\"");
        }
        Node typeName = cast.node("typeName");
        java.util.List<String> names = typeName.names("names");
        String schema = names.size() >= 2 && !TypeMapper.isBuiltin(typeName) ? names.get(names.size() - 2) : null;
        return new Parsed(schema, PgTypeName.of(typeName));
    }
}
