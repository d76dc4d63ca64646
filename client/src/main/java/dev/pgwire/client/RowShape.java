package dev.pgwire.client;

import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.types.CodecContext;
import dev.pgwire.protocol.types.TypeRegistry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The columns of a result with what decoding their values needs; shared by all its rows. */
final class RowShape {
    final List<RowDescription.Field> fields;
    final int[] oids;
    final short[] formats;
    final TypeRegistry types;
    final CodecContext context;
    private final Map<String, Integer> byName;

    RowShape(List<RowDescription.Field> fields, TypeRegistry types, CodecContext context) {
        this.fields = fields;
        this.types = types;
        this.context = context;
        int n = fields.size();
        this.oids = new int[n];
        this.formats = new short[n];
        this.byName = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            RowDescription.Field f = fields.get(i);
            oids[i] = f.typeOid();
            formats[i] = f.format();
            byName.putIfAbsent(f.name(), i); // the first of duplicate names wins, as in JDBC
        }
    }

    int indexOf(String name) {
        Integer i = byName.get(name);
        return i == null ? -1 : i;
    }

    static final RowShape EMPTY = new RowShape(List.of(), TypeRegistry.standard(), CodecContext.DEFAULT);
}
