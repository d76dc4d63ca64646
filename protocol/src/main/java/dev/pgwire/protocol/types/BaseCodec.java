package dev.pgwire.protocol.types;

/** The type and Java class every codec carries. */
abstract class BaseCodec<T> implements PgCodec<T> {
    private final PgType type;
    private final Class<T> javaType;

    BaseCodec(PgType type, Class<T> javaType) {
        this.type = type;
        this.javaType = javaType;
    }

    @Override
    public final PgType type() {
        return type;
    }

    @Override
    public final Class<T> javaType() {
        return javaType;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + type.name() + "]";
    }
}
