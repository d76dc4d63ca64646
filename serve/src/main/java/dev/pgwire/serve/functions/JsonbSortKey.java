package dev.pgwire.serve.functions;

import dev.pgwire.serve.functions.JsonbValue.Arr;
import dev.pgwire.serve.functions.JsonbValue.Bool;
import dev.pgwire.serve.functions.JsonbValue.Num;
import dev.pgwire.serve.functions.JsonbValue.Obj;
import dev.pgwire.serve.functions.JsonbValue.Str;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A text whose byte order is jsonb's order ({@link JsonbOperators#compare}), so that DuckDB can
 * sort, group and compare jsonb values by it: {@code ORDER BY pg_jsonb_sort_key(j)}, and equal keys
 * for equal values ({@code 1.0} and {@code 1}).
 *
 * <p>The key encodes the steps of jsonb's walk, each so that comparing bytes decides as
 * compareJsonbContainers decides at that step: a type byte in PostgreSQL's type order, then for a
 * container its number of members (and, for an array of equal length, whether it is a raw scalar,
 * which sorts first), for a string its UTF-8 bytes and a terminating zero, for a number its sign,
 * decimal exponent and digits. The ends of containers need no bytes: two walks meet them at the
 * same place, since the member counts already agree. The bytes are written in hexadecimal, which
 * keeps their order and makes a valid VARCHAR.
 */
final class JsonbSortKey {
    private JsonbSortKey() {}

    static String of(JsonbValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Jsonb.Iterator it = new Jsonb.Iterator(value);
        Jsonb.Step step;
        while ((step = it.next()) != null) {
            JsonbValue v = it.value;
            switch (step) {
                case BEGIN_ARRAY -> {
                    out.write(4);
                    int32(out, ((Arr) v).size());
                    out.write(v == it.rawScalar ? 0 : 1);
                }
                case BEGIN_OBJECT -> {
                    out.write(5);
                    int32(out, ((Obj) v).size());
                }
                case KEY -> string(out, ((Str) v).value());
                case VALUE, ELEM -> scalar(out, v);
                default -> {
                    // the end of a container
                }
            }
        }
        return HexFormat.of().formatHex(out.toByteArray());
    }

    private static void scalar(ByteArrayOutputStream out, JsonbValue v) {
        if (v instanceof Str s) {
            out.write(1);
            string(out, s.value());
        } else if (v instanceof Num n) {
            out.write(2);
            number(out, n.value());
        } else if (v instanceof Bool b) {
            out.write(3);
            out.write(b.value() ? 1 : 0);
        } else {
            out.write(0);
        }
    }

    private static void string(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    /** Sign, then the exponent of the first digit and the digits, all inverted for negative numbers. */
    private static void number(ByteArrayOutputStream out, BigDecimal value) {
        if (value.signum() == 0) {
            out.write(0x80);
            return;
        }
        BigDecimal v = value.stripTrailingZeros();
        boolean negative = v.signum() < 0;
        int invert = negative ? 0xFF : 0;
        out.write(negative ? 0x7F : 0x81);
        long exponent = (long) v.precision() - v.scale() - 1;
        long biased = exponent + (1L << 31);
        for (int shift = 24; shift >= 0; shift -= 8) out.write((int) ((biased >>> shift) & 0xFF) ^ invert);
        for (char c : v.unscaledValue().abs().toString().toCharArray()) out.write(c ^ invert);
        out.write(invert);
    }

    private static void int32(ByteArrayOutputStream out, int n) {
        for (int shift = 24; shift >= 0; shift -= 8) out.write((n >>> shift) & 0xFF);
    }
}
