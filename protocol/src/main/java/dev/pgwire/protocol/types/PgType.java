package dev.pgwire.protocol.types;

import java.util.HashMap;
import java.util.Map;

/**
 * A PostgreSQL built-in type as pg_type describes it: OID, name, typlen and the OID of its array
 * type. The OIDs are fixed by PostgreSQL (src/include/catalog/pg_type.dat) and drivers rely on them.
 *
 * @param oid       pg_type.oid
 * @param name      pg_type.typname
 * @param size      pg_type.typlen: bytes for fixed width, -1 varlena, -2 C string
 * @param arrayOid  pg_type.typarray, 0 if none
 */
public record PgType(int oid, String name, short size, int arrayOid) {

    private static final Map<Integer, PgType> BY_OID = new HashMap<>();
    private static final Map<String, PgType> BY_NAME = new HashMap<>();

    private static PgType def(int oid, String name, int size, int arrayOid) {
        PgType t = new PgType(oid, name, (short) size, arrayOid);
        BY_OID.put(oid, t);
        BY_NAME.put(name, t);
        return t;
    }

    public static final PgType BOOL = def(16, "bool", 1, 1000);
    public static final PgType BYTEA = def(17, "bytea", -1, 1001);
    public static final PgType CHAR = def(18, "char", 1, 1002);
    public static final PgType NAME = def(19, "name", 64, 1003);
    public static final PgType INT8 = def(20, "int8", 8, 1016);
    public static final PgType INT2 = def(21, "int2", 2, 1005);
    public static final PgType INT2VECTOR = def(22, "int2vector", -1, 1006);
    public static final PgType INT4 = def(23, "int4", 4, 1007);
    public static final PgType REGPROC = def(24, "regproc", 4, 1008);
    public static final PgType TEXT = def(25, "text", -1, 1009);
    public static final PgType OID = def(26, "oid", 4, 1028);
    public static final PgType TID = def(27, "tid", 6, 1010);
    public static final PgType XID = def(28, "xid", 4, 1011);
    public static final PgType CID = def(29, "cid", 4, 1012);
    public static final PgType OIDVECTOR = def(30, "oidvector", -1, 1013);
    public static final PgType JSON = def(114, "json", -1, 199);
    public static final PgType XML = def(142, "xml", -1, 143);
    public static final PgType POINT = def(600, "point", 16, 1017);
    public static final PgType CIDR = def(650, "cidr", -1, 651);
    public static final PgType FLOAT4 = def(700, "float4", 4, 1021);
    public static final PgType FLOAT8 = def(701, "float8", 8, 1022);
    public static final PgType UNKNOWN = def(705, "unknown", -2, 0);
    public static final PgType MONEY = def(790, "money", 8, 791);
    public static final PgType MACADDR = def(829, "macaddr", 6, 1040);
    public static final PgType INET = def(869, "inet", -1, 1041);
    public static final PgType ACLITEM = def(1033, "aclitem", 12, 1034);
    public static final PgType BPCHAR = def(1042, "bpchar", -1, 1014);
    public static final PgType VARCHAR = def(1043, "varchar", -1, 1015);
    public static final PgType DATE = def(1082, "date", 4, 1182);
    public static final PgType TIME = def(1083, "time", 8, 1183);
    public static final PgType TIMESTAMP = def(1114, "timestamp", 8, 1115);
    public static final PgType TIMESTAMPTZ = def(1184, "timestamptz", 8, 1185);
    public static final PgType INTERVAL = def(1186, "interval", 16, 1187);
    public static final PgType TIMETZ = def(1266, "timetz", 12, 1270);
    public static final PgType BIT = def(1560, "bit", -1, 1561);
    public static final PgType VARBIT = def(1562, "varbit", -1, 1563);
    public static final PgType NUMERIC = def(1700, "numeric", -1, 1231);
    public static final PgType REFCURSOR = def(1790, "refcursor", -1, 2201);
    public static final PgType REGPROCEDURE = def(2202, "regprocedure", 4, 2207);
    public static final PgType REGOPER = def(2203, "regoper", 4, 2208);
    public static final PgType REGCLASS = def(2205, "regclass", 4, 2210);
    public static final PgType REGTYPE = def(2206, "regtype", 4, 2211);
    public static final PgType RECORD = def(2249, "record", -1, 2287);
    public static final PgType CSTRING = def(2275, "cstring", -2, 1263);
    public static final PgType ANY = def(2276, "any", 4, 0);
    public static final PgType ANYARRAY = def(2277, "anyarray", -1, 0);
    public static final PgType VOID = def(2278, "void", 4, 0);
    public static final PgType UUID = def(2950, "uuid", 16, 2951);
    public static final PgType JSONB = def(3802, "jsonb", -1, 3807);
    public static final PgType REGNAMESPACE = def(4089, "regnamespace", 4, 4090);
    public static final PgType REGROLE = def(4096, "regrole", 4, 4097);

    // array types (element OID recorded via arrayOid of the element)
    public static final PgType BOOL_ARRAY = def(1000, "_bool", -1, 0);
    public static final PgType BYTEA_ARRAY = def(1001, "_bytea", -1, 0);
    public static final PgType INT2_ARRAY = def(1005, "_int2", -1, 0);
    public static final PgType INT4_ARRAY = def(1007, "_int4", -1, 0);
    public static final PgType TEXT_ARRAY = def(1009, "_text", -1, 0);
    public static final PgType BPCHAR_ARRAY = def(1014, "_bpchar", -1, 0);
    public static final PgType VARCHAR_ARRAY = def(1015, "_varchar", -1, 0);
    public static final PgType INT8_ARRAY = def(1016, "_int8", -1, 0);
    public static final PgType FLOAT4_ARRAY = def(1021, "_float4", -1, 0);
    public static final PgType FLOAT8_ARRAY = def(1022, "_float8", -1, 0);
    public static final PgType OID_ARRAY = def(1028, "_oid", -1, 0);
    public static final PgType TIMESTAMP_ARRAY = def(1115, "_timestamp", -1, 0);
    public static final PgType DATE_ARRAY = def(1182, "_date", -1, 0);
    public static final PgType TIME_ARRAY = def(1183, "_time", -1, 0);
    public static final PgType TIMESTAMPTZ_ARRAY = def(1185, "_timestamptz", -1, 0);
    public static final PgType INTERVAL_ARRAY = def(1187, "_interval", -1, 0);
    public static final PgType NUMERIC_ARRAY = def(1231, "_numeric", -1, 0);
    public static final PgType UUID_ARRAY = def(2951, "_uuid", -1, 0);
    public static final PgType JSON_ARRAY = def(199, "_json", -1, 0);
    public static final PgType JSONB_ARRAY = def(3807, "_jsonb", -1, 0);
    public static final PgType CHAR_ARRAY = def(1002, "_char", -1, 0);
    public static final PgType NAME_ARRAY = def(1003, "_name", -1, 0);
    public static final PgType CIDR_ARRAY = def(651, "_cidr", -1, 0);
    public static final PgType INET_ARRAY = def(1041, "_inet", -1, 0);
    public static final PgType TIMETZ_ARRAY = def(1270, "_timetz", -1, 0);

    /** The type with this OID, or null if it is not a built-in known here. */
    public static PgType byOid(int oid) {
        return BY_OID.get(oid);
    }

    /** The type with this pg_type.typname (e.g. "int4", "_text"), or null. */
    public static PgType byName(String name) {
        return BY_NAME.get(name);
    }

    /** For an array type, the built-in type of its elements; null otherwise. */
    public PgType elementType() {
        if (!name.startsWith("_")) return null;
        for (PgType t : BY_OID.values()) {
            if (t.arrayOid == oid && t.oid != oid) return t;
        }
        return null;
    }

    /** The array type whose elements are this type, or null. */
    public PgType arrayType() {
        return arrayOid == 0 ? null : BY_OID.get(arrayOid);
    }
}
