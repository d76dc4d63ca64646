package dev.pgwire.serve;

import dev.pgwire.serve.sql.CatalogView;
import dev.pgwire.serve.sql.SessionContext;

import java.util.ArrayList;
import java.util.List;

/** What serve's translation step needs of a session: its user, database, schemas, settings and catalog. */
final class SessionTranslationContext implements SessionContext {
    private final DuckDbSession s;

    SessionTranslationContext(DuckDbSession session) {
        this.s = session;
    }

    @Override
    public String user() {
        return s.sessionRoles().currentUser();
    }

    @Override
    public String sessionUser() {
        return s.sessionRoles().sessionUser();
    }

    @Override
    public boolean superuser() {
        return s.sessionRoles().isSuperuser();
    }

    @Override
    public boolean externalAccess() {
        return s.externalAccess();
    }

    @Override
    public String bootstrapSuperuser() {
        return s.sessionRoles().roles().bootstrap();
    }

    @Override
    public boolean roleExists(String name) {
        return s.sessionRoles().roles().exists(name);
    }

    @Override
    public String database() {
        return s.database();
    }

    @Override
    public int backendPid() {
        return s.processId();
    }

    @Override
    public String currentSchema() {
        return s.schemasOnPath().isEmpty() ? null : s.schemasOnPath().get(0);
    }

    @Override
    public void temporaryRelationNamed() {
        s.temporaryCatalog().mayHaveObjects();
    }

    @Override
    public String temporarySchema() {
        return s.temporaryCatalog().hasObjects(s.runner()::connection) ? s.temporaryCatalog().schema() : null;
    }

    @Override
    public List<String> currentSchemas(boolean implicit) {
        List<String> out = new ArrayList<>();
        // the session's temporary schema is searched first once it exists, as in PostgreSQL
        if (implicit && temporarySchema() != null) out.add(temporarySchema());
        if (implicit && !s.schemasOnPath().contains("pg_catalog")) out.add("pg_catalog");
        out.addAll(s.schemasOnPath());
        return out;
    }

    @Override
    public String setting(String name) {
        String value = s.parameters().get(name);
        if (value != null) return value;
        String[] server = dev.pgwire.serve.catalog.ServerSettings.shown(name); // max_connections, shared_buffers, …
        return server == null ? null : server[1];
    }

    @Override
    public String versionText() {
        return ServeParameters.versionText();
    }

    @Override
    public CatalogView catalog() {
        return s.catalogView();
    }

    @Override
    public dev.pgwire.serve.catalog.Snapshot catalogSnapshot() {
        return s.catalogSnapshot();
    }

    @Override
    public boolean definingCatalog() {
        return s.definingCatalog();
    }

    @Override
    public String timeZoneName() {
        return s.parameters().timeZone().getId();
    }

    @Override
    public long catalogVersion() {
        return s.visibleCatalogVersion();
    }

    @Override
    public String setConfig(String name, String value, boolean isLocal) {
        if (s.parameters().key(name) == null) throw SessionParameters.unrecognized(name);
        boolean local = isLocal; // outside a block: until the statement's transaction ends
        switch (s.parameters().key(name)) {
            case "role" -> s.sessionRoles().setRole(value, local);
            case "session_authorization" -> s.sessionRoles().setSessionAuthorization(value, local);
            default -> s.parameters().set(name, value, local);
        }
        return s.parameters().get(name);
    }
}
