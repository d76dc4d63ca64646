package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.Node;
import dev.pgwire.serve.sql.SqlNames;
import dev.pgwire.serve.sql.Translation;
import dev.pgwire.server.spi.ResultSink;

import java.util.List;

/**
 * Statements serve answers itself rather than DuckDB: CREATE and DROP DATABASE, extensions, the
 * SQL-level prepared statements and cursors, LOCK TABLE, and the commands PostgreSQL has that have
 * no meaning here (DO, LOAD) — which are refused rather than accepted and ignored.
 */
final class UtilityCommands {

    /** Extensions whose functions serve provides; CREATE EXTENSION of them records them (pg_extension). */
    private final DuckDbSession session;
    private final DatabaseRegistry databases;
    private final String database;
    private final SqlLevelStatements sqlLevel;
    private final DuckDbStatementRunner runner;
    private final SessionRoles roles;
    private final RoleCommands roleCommands;

    UtilityCommands(DuckDbSession session, DatabaseRegistry databases, String database, SqlLevelStatements sqlLevel,
                    DuckDbStatementRunner runner, SessionRoles roles) {
        this.session = session;
        this.databases = databases;
        this.database = database;
        this.sqlLevel = sqlLevel;
        this.runner = runner;
        this.roles = roles;
        this.roleCommands = new RoleCommands(roles);
    }

    /**
     * @param inTransactionBlock whether a transaction (explicit or implicit) is open
     * @param preventedHere      whether PostgreSQL would refuse a command that cannot run in a
     *                           transaction block here (an explicit block, a Query of several
     *                           statements, a pipeline)
     */
    void run(Translation t, ResultSink sink, boolean inTransactionBlock, boolean preventedHere) {
        Node stmt = t.tree();
        switch (stmt.type()) {
            case "CreatedbStmt" -> {
                outsideBlock("CREATE DATABASE", preventedHere);
                for (Node o : stmt.list("options")) checkDatabaseOption(o);
                if (databases == null) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "CREATE DATABASE is not available here");
                if (!roles.canCreateDatabases()) throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create database");
                databases.create(stmt.str("dbname"));
                sink.complete("CREATE DATABASE");
            }
            case "DropdbStmt" -> {
                outsideBlock("DROP DATABASE", preventedHere);
                if (databases == null) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "DROP DATABASE is not available here");
                // every database is owned by the bootstrap superuser (pg_database.datdba)
                databases.drop(stmt.str("dbname"), stmt.bool("missing_ok"), database, roles.isSuperuser());
                sink.complete("DROP DATABASE");
            }
            case "CreateRoleStmt", "AlterRoleStmt", "AlterRoleSetStmt", "DropRoleStmt", "GrantRoleStmt", "GrantStmt" ->
                    roleCommands.run(t, sink, preventedHere);
            case "RenameStmt" -> {
                if (stmt.str("renameType").equals("OBJECT_DATABASE")) {
                    if (databases == null) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER DATABASE is not available here");
                    databases.rename(stmt.str("subname"), stmt.str("newname"), database, roles.isSuperuser());
                    sink.complete("ALTER DATABASE");
                } else {
                    roleCommands.run(t, sink, preventedHere); // OBJECT_ROLE
                }
            }
            case "AlterDatabaseSetStmt" -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER DATABASE … SET is not supported")
                    .withDetail("serve keeps no per-database settings; set parameters in the session or in the connection's options.");
            case "AlterDatabaseStmt", "AlterDatabaseRefreshCollStmt" ->
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER DATABASE options are not supported")
                            .withDetail("Every database here allows connections without a limit, is no template and sorts by the C collation.");
            case "AlterOwnerStmt" -> alterOwner(stmt, t.info().main() + t.info().objectType(), sink);
            case "CreateExtensionStmt" -> createExtension(stmt, sink);
            case "DropStmt" -> dropExtensions(stmt, sink);
            case "PrepareStmt" -> sqlLevel.prepare(stmt, t.source(), sink);
            case "ExecuteStmt" -> sqlLevel.execute(stmt, sink);
            case "DeallocateStmt" -> sqlLevel.deallocate(stmt, sink);
            case "DeclareCursorStmt" -> sqlLevel.declare(stmt, t.source(), session.transactions().inBlockForDeclare(), sink);
            case "FetchStmt" -> sqlLevel.fetch(stmt, sink);
            case "ClosePortalStmt" -> sqlLevel.close(stmt, sink);
            case "ReindexStmt" -> reindex(stmt, sink, preventedHere);
            case "LockStmt" -> {
                // DuckDB's transactions conflict at commit instead of waiting on locks (docs/SERVE.md)
                if (!inTransactionBlock) throw new PgException("25P01", "LOCK TABLE can only be used in transaction blocks");
                sink.complete("LOCK TABLE");
            }
            case "ListenStmt" -> {
                session.notifications().listen(stmt.str("conditionname"), inTransactionBlock);
                sink.complete("LISTEN");
            }
            case "UnlistenStmt" -> {
                session.notifications().unlisten(stmt.has("conditionname") ? stmt.str("conditionname") : null, inTransactionBlock);
                sink.complete("UNLISTEN");
            }
            case "NotifyStmt" -> {
                session.notifications().notify(stmt.str("conditionname"), stmt.has("payload") ? stmt.str("payload") : "",
                        inTransactionBlock);
                sink.complete("NOTIFY");
            }
            case "DoStmt" -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "DO blocks are not supported")
                    .withDetail("serve runs SQL on DuckDB, which has no procedural language.");
            case "LoadStmt" -> throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to load libraries");
            default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, t.info().main() + " is not supported");
        }
    }

    /**
     * REINDEX: DuckDB keeps its indexes up to date as rows change, and none needs building again.
     * serve checks what PostgreSQL checks — the index, table or schema is there; DATABASE and
     * SYSTEM name the open database; those, SCHEMA and CONCURRENTLY run outside a transaction
     * block — and changes nothing.
     */
    private void reindex(Node stmt, ResultSink sink, boolean preventedHere) {
        String kind = stmt.str("kind").replace("REINDEX_OBJECT_", "");
        boolean concurrently = false;
        for (Node p : stmt.list("params")) {
            String option = p.str("defname");
            if (option.equals("concurrently")) concurrently = p.node("arg") == null || !"false".equals(p.node("arg").str("sval"));
            else if (option.equals("tablespace")) throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "REINDEX … TABLESPACE is not supported");
            else if (!option.equals("verbose")) {
                throw new PgException(SqlState.SYNTAX_ERROR, "unrecognized REINDEX option \"" + option + "\"");
            }
        }
        if (concurrently && kind.equals("SYSTEM")) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cannot reindex system catalogs concurrently");
        }
        if (concurrently) outsideBlock("REINDEX CONCURRENTLY", preventedHere);
        dev.pgwire.serve.sql.CatalogView catalog = session.catalogView();
        switch (kind) {
            case "INDEX", "TABLE" -> {
                Node rel = stmt.node("relation");
                String schema = rel.str("schemaname").isEmpty() ? null : rel.str("schemaname");
                String name = rel.str("relname");
                dev.pgwire.serve.sql.CatalogView.Relation table = catalog.relation(schema, name);
                boolean index = IndexRename.tableOf(schema, name, catalog, runner, session.schemasOnPath()) != null;
                if (table == null && !index) {
                    throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + (schema == null ? "" : schema + ".") + name + "\" does not exist");
                }
                if (kind.equals("INDEX") && !index) throw new PgException("42809", "\"" + name + "\" is not an index");
                if (kind.equals("TABLE") && (table == null || table.view() && table.meta().matView() == null)) {
                    throw new PgException("42809", "\"" + name + "\" is not a table or materialized view");
                }
            }
            case "SCHEMA" -> {
                outsideBlock("REINDEX SCHEMA", preventedHere);
                String schema = stmt.str("name");
                if (runner.queryColumn("SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database() AND schema_name = "
                        + dev.pgwire.serve.sql.SqlNames.literal(schema)).isEmpty()) {
                    throw new PgException("3F000", "schema \"" + schema + "\" does not exist");
                }
            }
            default -> { // DATABASE, SYSTEM
                outsideBlock("REINDEX " + kind, preventedHere);
                if (!stmt.str("name").isEmpty() && !stmt.str("name").equals(database)) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "can only reindex the currently open database");
                }
            }
        }
        sink.complete("REINDEX");
    }

    /**
     * ALTER … OWNER TO: every object here is owned by the bootstrap superuser (as the catalog
     * says), so giving it to that role changes nothing and anything else is refused.
     */
    private void alterOwner(Node stmt, String tag, ResultSink sink) {
        Node spec = stmt.node("newowner");
        String owner = switch (spec.str("roletype")) {
            case "ROLESPEC_CURRENT_USER", "ROLESPEC_CURRENT_ROLE" -> roles.currentUser();
            case "ROLESPEC_SESSION_USER" -> roles.sessionUser();
            default -> spec.str("rolename");
        };
        if (!roles.roles().exists(owner)) throw Roles.missing(owner);
        if (!owner.equals(roles.roles().bootstrap())) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, tag + " … OWNER TO is not supported")
                    .withDetail("Every object here is owned by the bootstrap superuser \"" + roles.roles().bootstrap()
                            + "\"; serve does not keep other owners.");
        }
        if (!roles.isSuperuser()) throw new PgException(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to change owners here");
        sink.complete(tag);
    }

    private static void outsideBlock(String command, boolean inTransactionBlock) {
        if (inTransactionBlock) {
            throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION, command + " cannot run inside a transaction block");
        }
    }

    /** CREATE DATABASE options: only what every database here is (UTF8, C) is accepted. */
    private static void checkDatabaseOption(Node o) {
        String name = o.str("defname");
        Node arg = o.node("arg");
        String value = arg == null ? "" : arg.is("String") ? arg.str("sval") : arg.is("Integer") ? Long.toString(arg.num("ival")) : "";
        switch (name) {
            case "encoding" -> {
                if (!value.equalsIgnoreCase("UTF8") && !value.equalsIgnoreCase("UTF-8") && !value.equals("6")) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "encoding \"" + value + "\" is not supported")
                            .withDetail("Every database here is UTF8.");
                }
            }
            case "owner", "template", "connection_limit", "is_template", "allow_connections", "tablespace", "strategy",
                 "oid", "locale_provider", "icu_locale", "collation_version" -> { }
            case "locale", "lc_collate", "lc_ctype" -> {
                if (!value.equals("C") && !value.equals("POSIX") && !value.equalsIgnoreCase("C.UTF-8")) {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "locale \"" + value + "\" is not supported")
                            .withDetail("Every database here sorts text by the C collation.");
                }
            }
            default -> throw new PgException(SqlState.SYNTAX_ERROR, "option \"" + name + "\" not recognized");
        }
    }

    private void createExtension(Node stmt, ResultSink sink) {
        String name = stmt.str("extname");
        String version = dev.pgwire.serve.catalog.Extensions.version(name);
        if (version == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "extension \"" + name + "\" is not available")
                    .withDetail("serve provides the functions of " + String.join(", ", dev.pgwire.serve.catalog.Extensions.names())
                            + "; other extensions cannot be installed.");
        }
        boolean installed = name.equals("plpgsql") || installed(name);
        if (installed) {
            if (!stmt.bool("if_not_exists")) throw new PgException(SqlState.DUPLICATE_OBJECT, "extension \"" + name + "\" already exists");
            sink.notice("NOTICE", SqlState.DUPLICATE_OBJECT, "extension \"" + name + "\" already exists, skipping");
        } else {
            runner.execute("INSERT INTO " + Macros.SCHEMA + ".extensions VALUES (" + SqlNames.literal(name) + ", "
                    + SqlNames.literal(version) + ")");
        }
        sink.complete("CREATE EXTENSION");
    }

    private void dropExtensions(Node stmt, ResultSink sink) {
        for (Node o : stmt.list("objects")) {
            String name = o.str("sval");
            if (!installed(name)) {
                if (stmt.bool("missing_ok")) {
                    sink.notice("NOTICE", SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist, skipping");
                    continue;
                }
                throw new PgException(SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist");
            }
            runner.execute("DELETE FROM " + Macros.SCHEMA + ".extensions WHERE name = " + SqlNames.literal(name));
        }
        sink.complete("DROP EXTENSION");
    }

    private boolean installed(String name) {
        List<String> found = runner.queryColumn("SELECT name FROM " + Macros.SCHEMA + ".extensions WHERE name = "
                + SqlNames.literal(name));
        return !found.isEmpty();
    }
}
