package dev.pgwire.serve;

import dev.pgwire.protocol.types.PgType;
import dev.pgwire.serve.catalog.Snapshot;
import dev.pgwire.serve.sql.CompositeMeta;
import dev.pgwire.serve.sql.PgTypeName;
import dev.pgwire.serve.sql.SqlType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A session's composite and enum types as result columns describe them: found on the session's
 * search path, with the OIDs of the catalog snapshot (the ones pg_type shows, stable across
 * sessions and restarts).
 */
final class SessionUserTypes implements UserTypes {
    private final SessionCatalog catalog;
    private final Supplier<Snapshot> snapshot;
    private final Supplier<List<String>> schemas;

    SessionUserTypes(SessionCatalog catalog, Supplier<Snapshot> snapshot, Supplier<List<String>> schemas) {
        this.catalog = catalog;
        this.snapshot = snapshot;
        this.schemas = schemas;
    }

    @Override
    public Composite composite(String name) {
        CompositeMeta meta = catalog.composite(null, name);
        if (meta == null) return null;
        Snapshot s = snapshot.get();
        int oid = s.typeOid(meta.schema(), meta.name());
        if (oid == 0) return null;
        List<SqlType> attributes = new ArrayList<>();
        for (PgTypeName t : meta.types()) attributes.add(new SqlType(t.name(), t.typmod(), t.dimensions()));
        return new Composite(new PgType(oid, meta.name(), (short) -1, s.arrayTypeOid(meta.schema(), meta.name())), attributes);
    }

    @Override
    public PgType enumType(String name) {
        Snapshot s = snapshot.get();
        for (String schema : schemas.get()) {
            int oid = s.typeOid(schema, name);
            if (oid != 0) return new PgType(oid, name, (short) 4, s.arrayTypeOid(schema, name));
        }
        // an enum of a schema not on the search_path: the one schema that has a type of the name
        // (a column's type keeps no schema; where several have one it is left as text)
        List<String> owners = s.typeSchemas(name);
        if (owners.size() != 1) return null;
        String schema = owners.get(0);
        return new PgType(s.typeOid(schema, name), name, (short) 4, s.arrayTypeOid(schema, name));
    }
}
