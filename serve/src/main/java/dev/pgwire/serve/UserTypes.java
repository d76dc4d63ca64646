package dev.pgwire.serve;

import dev.pgwire.protocol.types.PgType;
import dev.pgwire.serve.sql.SqlType;

import java.util.List;

/**
 * The types users create, as a result column of such a type is described: the type's OID from
 * the catalog (the one pg_type shows) and, for a composite type, its attributes' PostgreSQL types.
 */
interface UserTypes {

    /** A composite type: its pg_type entry and its attributes' types in order. */
    record Composite(PgType type, List<SqlType> attributeTypes) {
    }

    /** The composite type {@code name} as the session finds it, or null. */
    Composite composite(String name);

    /** The enum type {@code name} as the session finds it, or null. */
    PgType enumType(String name);

    UserTypes NONE = new UserTypes() {
        @Override
        public Composite composite(String name) {
            return null;
        }

        @Override
        public PgType enumType(String name) {
            return null;
        }
    };
}
