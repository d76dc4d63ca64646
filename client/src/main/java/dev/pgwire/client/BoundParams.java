package dev.pgwire.client;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.PgCodec;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.protocol.types.TypeRegistry;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Parameter values encoded for Bind, with the types to declare in Parse.
 *
 * <p>Values whose Java type the registry maps to a PostgreSQL type (Integer → int4, Long → int8,
 * UUID → uuid, OffsetDateTime → timestamptz, Java arrays, and Lists as arrays of their first
 * element's type) are declared with that type and sent in binary. Strings and nulls are left for the server to type (OID 0) and sent as text, as libpq
 * does: {@code WHERE id = $1} with "42" then works for an integer column. For a prepared
 * statement the server's parameter types win: a value is encoded as that type when it converts
 * without loss, and a String is always sent as text for the server to parse.
 */
record BoundParams(int[] types, short[] formats, byte[][] values) {

    static final BoundParams NONE = new BoundParams(new int[0], new short[0], new byte[0][]);

    /** For a one-shot query: types inferred from the values. */
    static BoundParams infer(List<?> params, TypeRegistry registry, CodecContext ctx) {
        int n = params.size();
        if (n == 0) return NONE;
        checkCount(n);
        int[] types = new int[n];
        short[] formats = new short[n];
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            Object v = params.get(i);
            if (v == null) continue;
            if (v instanceof CharSequence || v instanceof Character) {
                values[i] = v.toString().getBytes(StandardCharsets.UTF_8);
                continue;
            }
            int oid = v instanceof Collection<?> c ? listType(c, registry) : registry.oidFor(v);
            if (oid == 0) {
                values[i] = v.toString().getBytes(StandardCharsets.UTF_8);
                continue;
            }
            types[i] = oid;
            formats[i] = TypeRegistry.BINARY;
            values[i] = encode(registry, oid, v, TypeRegistry.BINARY, ctx, i);
        }
        return new BoundParams(types, formats, values);
    }

    /** For a prepared statement whose parameter types the server described. */
    static BoundParams forTypes(int[] declared, List<?> params, TypeRegistry registry, CodecContext ctx) {
        int n = params.size();
        if (n != declared.length) {
            throw new PgException("08P01", "bind message supplies " + n + " parameters, but prepared statement requires "
                    + declared.length);
        }
        short[] formats = new short[n];
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            Object v = params.get(i);
            if (v == null) continue;
            int oid = declared[i];
            if (v instanceof CharSequence || v instanceof Character || registry.codec(oid) == null
                    || oid == PgType.UNKNOWN.oid()) {
                values[i] = (v instanceof CharSequence || v instanceof Character ? v.toString()
                        : registry.encodeText(oid, v, ctx)).getBytes(StandardCharsets.UTF_8);
                continue;
            }
            formats[i] = TypeRegistry.BINARY;
            values[i] = encode(registry, oid, v, TypeRegistry.BINARY, ctx, i);
        }
        return new BoundParams(declared, formats, values);
    }

    /** A list is an array of its first non-null element's type (a List of Integer is int4[]). */
    private static int listType(Collection<?> list, TypeRegistry registry) {
        for (Object e : list) {
            if (e == null) continue;
            PgCodec<?> codec = registry.codecFor(e.getClass());
            return codec == null ? 0 : codec.type().arrayOid();
        }
        return 0;
    }

    private static byte[] encode(TypeRegistry registry, int oid, Object v, int format, CodecContext ctx, int i) {
        try {
            return registry.encode(oid, v, format, ctx);
        } catch (PgException e) {
            throw new PgException(e.sqlState(), "parameter $" + (i + 1) + ": " + e.getMessage());
        }
    }

    private static void checkCount(int n) {
        if (n > 65535) throw new IllegalArgumentException("too many parameters: " + n + " (the protocol allows 65535)");
    }
}
