package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import io.netty.buffer.ByteBuf;

/**
 * An array type over an element codec. Binary form (array_send): int32 ndim, int32 has-null flag,
 * int32 element OID, then length and lower bound of each dimension, then each element as int32
 * length (-1 for NULL) and its binary value.
 */
final class ArrayCodec extends BaseCodec<PgArray> {

    private final PgCodec<Object> element;

    @SuppressWarnings("unchecked")
    ArrayCodec(PgType arrayType, PgCodec<?> element) {
        super(arrayType, PgArray.class);
        this.element = (PgCodec<Object>) element;
    }

    PgCodec<?> elementCodec() {
        return element;
    }

    private int elementOid() {
        return element.type().oid();
    }

    @Override
    public String encodeText(PgArray value, CodecContext ctx) {
        return ArrayText.format(value, e -> element.encodeText(TypeRegistry.coerce(element, e), ctx));
    }

    @Override
    public PgArray decodeText(String text, CodecContext ctx) {
        return ArrayText.parse(text, elementOid(), s -> element.decodeText(s, ctx));
    }

    @Override
    public void encodeBinary(PgArray value, ByteBuf out, CodecContext ctx) {
        int ndim = value.ndim();
        out.writeInt(ndim);
        out.writeInt(value.hasNulls() ? 1 : 0);
        out.writeInt(elementOid());
        for (int i = 0; i < ndim; i++) {
            out.writeInt(value.dimension(i));
            out.writeInt(value.lowerBound(i));
        }
        for (int i = 0; i < value.size(); i++) {
            Object e = value.element(i);
            if (e == null) {
                out.writeInt(-1);
                continue;
            }
            int at = out.writerIndex();
            out.writeInt(0);
            element.encodeBinary(TypeRegistry.coerce(element, e), out, ctx);
            out.setInt(at, out.writerIndex() - at - 4);
        }
    }

    @Override
    public PgArray decodeBinary(ByteBuf in, int length, CodecContext ctx) {
        int end = in.readerIndex() + length;
        if (length < 12) throw Errors.invalidBinary("insufficient data left in message");
        int ndim = in.readInt();
        int flags = in.readInt();
        int elemOid = in.readInt();
        if (ndim < 0) throw Errors.invalidBinary("invalid number of dimensions: " + ndim);
        if (ndim > PgArray.MAX_DIMENSIONS) throw ArrayText.tooManyDims(ndim);
        if (flags != 0 && flags != 1) throw Errors.invalidBinary("invalid array flags");
        if (elemOid != elementOid()) {
            throw new PgException(SqlState.DATATYPE_MISMATCH, "binary data has array element type " + elemOid
                    + " instead of expected " + elementOid() + " (" + element.type().name() + ")");
        }
        if (end - in.readerIndex() < 8L * ndim) throw Errors.invalidBinary("insufficient data left in message");
        int[] dims = new int[ndim];
        int[] lower = new int[ndim];
        long n = ndim == 0 ? 0 : 1;
        for (int i = 0; i < ndim; i++) {
            dims[i] = in.readInt();
            lower[i] = in.readInt();
            if (dims[i] < 0 || (n *= dims[i]) > (1 << 27)) {
                throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed");
            }
            if ((long) lower[i] + dims[i] - 1 > Integer.MAX_VALUE) {
                throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "array upper bound is too large");
            }
        }
        if (n == 0) {
            in.readerIndex(end);
            return PgArray.empty(elementOid());
        }
        // every element takes at least its 4-byte length
        if ((end - in.readerIndex()) / 4 < n) throw Errors.invalidBinary("insufficient data left in message");
        Object[] elements = new Object[(int) n];
        for (int i = 0; i < n; i++) {
            if (end - in.readerIndex() < 4) throw Errors.invalidBinary("insufficient data left in message");
            int len = in.readInt();
            if (len == -1) continue;
            if (len < -1 || len > end - in.readerIndex()) throw Errors.invalidBinary("insufficient data left in message");
            ByteBuf slice = in.readSlice(len);
            elements[i] = element.decodeBinary(slice, len, ctx);
            if (slice.isReadable()) {
                throw Errors.invalidBinary("improper binary format in array element " + (i + 1));
            }
        }
        return new PgArray(elementOid(), dims, lower, elements);
    }
}
