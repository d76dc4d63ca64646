package dev.pgwire.protocol.types;

import io.netty.buffer.ByteBuf;

/** bool, int2, int4, int8 and oid. */
final class ScalarCodecs {
    private ScalarCodecs() {}

    /** C isspace() in the C locale, which PostgreSQL's input functions skip around values. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    static String trimSpace(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.charAt(b))) b++;
        while (e > b && isSpace(s.charAt(e - 1))) e--;
        return s.substring(b, e);
    }

    /**
     * PostgreSQL 15's pg_strtoint*: optional whitespace, sign, decimal digits, whitespace.
     * Returns the value; throws 22P02 for bad syntax and 22003 outside [min, max].
     */
    static long parseInteger(String text, long min, long max, String typeName) {
        String s = trimSpace(text);
        int i = 0;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (i == s.length()) throw Errors.invalidText(typeName, text);
        long v = 0;  // accumulated as a negative number so that MIN_VALUE fits
        boolean overflow = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw Errors.invalidText(typeName, text);
            int d = c - '0';
            if (v < (Long.MIN_VALUE + d) / 10) {
                overflow = true;
            } else if (!overflow) {
                v = v * 10 - d;
            }
        }
        if (overflow) throw Errors.outOfRange(typeName, text);
        if (!neg) {
            if (v == Long.MIN_VALUE) throw Errors.outOfRange(typeName, text);
            v = -v;
        }
        if (v < min || v > max) throw Errors.outOfRange(typeName, text);
        return v;
    }

    static final PgCodec<Boolean> BOOL = new BaseCodec<>(PgType.BOOL, Boolean.class) {
        @Override
        public String encodeText(Boolean value, CodecContext ctx) {
            return value ? "t" : "f";
        }

        @Override
        public Boolean decodeText(String text, CodecContext ctx) {
            Boolean b = parseBool(trimSpace(text));
            if (b == null) throw Errors.invalidText("boolean", text);
            return b;
        }

        @Override
        public void encodeBinary(Boolean value, ByteBuf out, CodecContext ctx) {
            out.writeByte(value ? 1 : 0);
        }

        @Override
        public Boolean decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("boolean", length, 1);
            return in.readByte() != 0;
        }
    };

    /** PostgreSQL's parse_bool: unique prefixes of true/false/yes/no, on/off, 1/0, any case. */
    static Boolean parseBool(String s) {
        if (s.isEmpty()) return null;
        String l = s.toLowerCase(java.util.Locale.ROOT);
        switch (l.charAt(0)) {
            case 't': if ("true".startsWith(l)) return true; break;
            case 'f': if ("false".startsWith(l)) return false; break;
            case 'y': if ("yes".startsWith(l)) return true; break;
            case 'n': if ("no".startsWith(l)) return false; break;
            case 'o':
                if (l.equals("on")) return true;
                if (l.length() >= 2 && "off".startsWith(l)) return false;
                break;
            case '1': if (l.length() == 1) return true; break;
            case '0': if (l.length() == 1) return false; break;
            default: break;
        }
        return null;
    }

    static final PgCodec<Short> INT2 = new BaseCodec<>(PgType.INT2, Short.class) {
        @Override
        public String encodeText(Short value, CodecContext ctx) {
            return value.toString();
        }

        @Override
        public Short decodeText(String text, CodecContext ctx) {
            return (short) parseInteger(text, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
        }

        @Override
        public void encodeBinary(Short value, ByteBuf out, CodecContext ctx) {
            out.writeShort(value);
        }

        @Override
        public Short decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("smallint", length, 2);
            return in.readShort();
        }
    };

    static final PgCodec<Integer> INT4 = new BaseCodec<>(PgType.INT4, Integer.class) {
        @Override
        public String encodeText(Integer value, CodecContext ctx) {
            return value.toString();
        }

        @Override
        public Integer decodeText(String text, CodecContext ctx) {
            return (int) parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
        }

        @Override
        public void encodeBinary(Integer value, ByteBuf out, CodecContext ctx) {
            out.writeInt(value);
        }

        @Override
        public Integer decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("integer", length, 4);
            return in.readInt();
        }
    };

    static final PgCodec<Long> INT8 = new BaseCodec<>(PgType.INT8, Long.class) {
        @Override
        public String encodeText(Long value, CodecContext ctx) {
            return value.toString();
        }

        @Override
        public Long decodeText(String text, CodecContext ctx) {
            return parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
        }

        @Override
        public void encodeBinary(Long value, ByteBuf out, CodecContext ctx) {
            out.writeLong(value);
        }

        @Override
        public Long decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("bigint", length, 8);
            return in.readLong();
        }
    };

    /** oid: unsigned 32-bit, held in a Long 0..4294967295. */
    static final PgCodec<Long> OID = new BaseCodec<>(PgType.OID, Long.class) {
        @Override
        public String encodeText(Long value, CodecContext ctx) {
            return Long.toString(checkOid(value));
        }

        @Override
        public Long decodeText(String text, CodecContext ctx) {
            // oidin goes through strtoul: any value that fits in uint32 or int32 is accepted, and
            // negative ones wrap around (-1 is 4294967295).
            long v = parseInteger(text, Integer.MIN_VALUE, 0xFFFF_FFFFL, "oid");
            return v & 0xFFFF_FFFFL;
        }

        @Override
        public void encodeBinary(Long value, ByteBuf out, CodecContext ctx) {
            out.writeInt((int) checkOid(value));
        }

        @Override
        public Long decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("oid", length, 4);
            return in.readUnsignedInt();
        }
    };

    private static long checkOid(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) throw Errors.outOfRange("oid", Long.toString(v));
        return v;
    }
}
