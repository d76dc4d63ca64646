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
}
