package dev.pgwire.protocol.types;

import io.netty.buffer.ByteBuf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * numeric. Binary form (numeric_send): int16 ndigits, int16 weight, uint16 sign, uint16 dscale,
 * then ndigits base-10000 digits, most significant first; value = sum(digit[i] * 10000^(weight-i)).
 */
final class NumericCodec extends BaseCodec<PgNumeric> {

    static final NumericCodec INSTANCE = new NumericCodec();

    private static final int SIGN_POS = 0x0000;
    private static final int SIGN_NEG = 0x4000;
    private static final int SIGN_NAN = 0xC000;
    private static final int SIGN_PINF = 0xD000;
    private static final int SIGN_NINF = 0xF000;
    /** NUMERIC_DSCALE_MAX. */
    private static final int MAX_DSCALE = 0x3FFF;
    /** The largest base-10000 weight the on-disk format can hold (NUMERIC_WEIGHT_MAX). */
    private static final int MAX_WEIGHT = 0x7FFF;
    /** The bound on exponents in input (INT_MAX / 2). */
    private static final int MAX_EXPONENT = Integer.MAX_VALUE / 2;

    private NumericCodec() {
        super(PgType.NUMERIC, PgNumeric.class);
    }

    @Override
    public String encodeText(PgNumeric value, CodecContext ctx) {
        return value.toString();
    }

    @Override
    public PgNumeric decodeText(String text, CodecContext ctx) {
        return parse(text);
    }

    static PgNumeric parse(String text) {
        String s = ScalarCodecs.trimSpace(text);
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan": return PgNumeric.NaN;
            case "infinity", "+infinity", "inf", "+inf": return PgNumeric.POSITIVE_INFINITY;
            case "-infinity", "-inf": return PgNumeric.NEGATIVE_INFINITY;
            default: break;
        }
        if (!FloatText.isDecimal(s)) throw Errors.invalidText("numeric", text);
        int e = Math.max(s.indexOf('e'), s.indexOf('E'));
        if (e >= 0) {
            String exp = s.substring(e + 1);
            // compare on the digits so that a huge exponent cannot overflow
            String digits = exp.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
            if (digits.length() > 10 || Long.parseLong(digits) > MAX_EXPONENT) {
                throw Errors.numericOutOfRange("value overflows numeric format");
            }
        }
        BigDecimal d;
        try {
            d = new BigDecimal(s);
        } catch (NumberFormatException ex) {
            throw Errors.invalidText("numeric", text);
        }
        checkLimits(d);
        return PgNumeric.of(d);
    }

    /** Rejects values whose digits do not fit numeric's storage format (weight and dscale limits). */
    private static PgNumeric checked(PgNumeric n) {
        if (n.isFinite()) checkLimits(n.bigDecimal());
        return n;
    }

    private static void checkLimits(BigDecimal d) {
        if (d.scale() > MAX_DSCALE) throw Errors.numericOutOfRange("value overflows numeric format");
        if (d.signum() != 0) {
            long intDigits = (long) d.precision() - d.scale();
            if (intDigits > 4L * (MAX_WEIGHT + 1)) throw Errors.numericOutOfRange("value overflows numeric format");
        }
    }

    @Override
    public void encodeBinary(PgNumeric value, ByteBuf out, CodecContext ctx) {
        if (!value.isFinite()) {
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(value.isNaN() ? SIGN_NAN : value.doubleValue() > 0 ? SIGN_PINF : SIGN_NINF);
            // numeric_send reads the display scale out of the special value's header bits, which
            // yields 32 for the infinities (and 0 for NaN)
            out.writeShort(value.isNaN() ? 0 : 32);
            return;
        }
        BigDecimal d = checked(value).bigDecimal();
        int dscale = d.scale();
        // Align the fraction to whole base-10000 digits.
        int fracGroups = (dscale + 3) / 4;
        BigInteger n = d.unscaledValue().abs().multiply(BigInteger.TEN.pow(fracGroups * 4 - dscale));
        if (n.signum() == 0) {
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(SIGN_POS);
            out.writeShort(dscale);
            return;
        }
        String dec = n.toString();
        int groups = (dec.length() + 3) / 4;
        int[] digits = new int[groups];
        int end = dec.length();
        for (int g = groups - 1; g >= 0; g--) {
            int start = Math.max(0, end - 4);
            digits[g] = Integer.parseInt(dec, start, end, 10);
            end = start;
        }
        int weight = groups - 1 - fracGroups;
        int first = 0;  // leading groups are never zero here, as dec has no leading zeros
        int last = groups - 1;
        while (digits[last] == 0) last--;
        out.writeShort(last - first + 1);
        out.writeShort(weight);
        out.writeShort(d.signum() < 0 ? SIGN_NEG : SIGN_POS);
        out.writeShort(dscale);
        for (int i = first; i <= last; i++) out.writeShort(digits[i]);
    }

    @Override
    public PgNumeric decodeBinary(ByteBuf in, int length, CodecContext ctx) {
        if (length < 8) throw Errors.invalidBinary("insufficient data left in message");
        int ndigits = in.readUnsignedShort();
        int weight = in.readShort();
        int sign = in.readUnsignedShort();
        int dscale = in.readUnsignedShort();
        if (length != 8 + 2 * ndigits) throw Errors.invalidBinary("incorrect binary data format in numeric value");
        if (sign != SIGN_POS && sign != SIGN_NEG && sign != SIGN_NAN && sign != SIGN_PINF && sign != SIGN_NINF) {
            throw Errors.invalidBinary("invalid sign in external \"numeric\" value");
        }
        if ((dscale & MAX_DSCALE) != dscale) throw Errors.invalidBinary("invalid scale in external \"numeric\" value");
        BigInteger unscaled = BigInteger.ZERO;
        StringBuilder dec = new StringBuilder(ndigits * 4);
        for (int i = 0; i < ndigits; i++) {
            int digit = in.readShort();
            if (digit < 0 || digit >= 10000) throw Errors.invalidBinary("invalid digit in external \"numeric\" value");
            String s = Integer.toString(digit);
            for (int k = s.length(); k < 4; k++) dec.append('0');
            dec.append(s);
        }
        switch (sign) {
            case SIGN_NAN: return PgNumeric.NaN;
            case SIGN_PINF: return PgNumeric.POSITIVE_INFINITY;
            case SIGN_NINF: return PgNumeric.NEGATIVE_INFINITY;
            default: break;
        }
        if (ndigits > 0) unscaled = new BigInteger(dec.toString());
        if (sign == SIGN_NEG) unscaled = unscaled.negate();
        BigDecimal d = new BigDecimal(unscaled, 4 * (ndigits - 1 - weight));
        // numeric_recv truncates digits the display scale would hide.
        return PgNumeric.of(d.setScale(dscale, RoundingMode.DOWN));
    }
}
