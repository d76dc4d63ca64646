package dev.pgwire.server.spi;

import dev.pgwire.protocol.types.PgType;

/**
 * A result column as announced in RowDescription.
 *
 * @param name         column label
 * @param typeOid      PostgreSQL type OID (see {@link PgType})
 * @param typeSize     pg_type.typlen: fixed width in bytes, -1 varlena, -2 C string
 * @param typeModifier type modifier (atttypmod), -1 for none
 * @param tableOid     OID of the source table, 0 if not a table column
 * @param columnNumber attribute number in the source table, 0 if not a table column
 */
public record Column(String name, int typeOid, short typeSize, int typeModifier, int tableOid, short columnNumber) {

    public static Column of(String name, PgType type) {
        return new Column(name, type.oid(), type.size(), -1, 0, (short) 0);
    }

    public static Column of(String name, PgType type, int typeModifier) {
        return new Column(name, type.oid(), type.size(), typeModifier, 0, (short) 0);
    }

    public static Column text(String name) {
        return of(name, PgType.TEXT);
    }
}
