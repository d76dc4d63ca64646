package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.StatementInfo.Command;

import java.util.Locale;

/** What a parsed statement is: its command and the command tag PostgreSQL completes it with. */
final class Classifier {
    private Classifier() {}

    static StatementInfo classify(Node stmt) {
        String type = stmt.type();
        return switch (type) {
            case "SelectStmt" -> new StatementInfo(Command.OTHER, "SELECT", stmt.node("intoClause") != null ? " INTO" : "");
            case "InsertStmt" -> other("INSERT");
            case "UpdateStmt" -> other("UPDATE");
            case "DeleteStmt" -> other("DELETE");
            case "MergeStmt" -> other("MERGE");
            case "TransactionStmt" -> transaction(stmt);
            case "VariableSetStmt" -> stmt.str("kind").startsWith("VAR_RESET")
                    ? new StatementInfo(Command.RESET, "RESET", "") : new StatementInfo(Command.SET, "SET", "");
            case "VariableShowStmt" -> new StatementInfo(Command.SHOW, "SHOW", "");
            case "DiscardStmt" -> new StatementInfo(Command.DISCARD, "DISCARD", "");
            case "CopyStmt" -> new StatementInfo(stmt.has("filename") || stmt.bool("is_program") ? Command.OTHER : Command.COPY_STDIO,
                    "COPY", "");
            case "CreateStmt" -> create(" TABLE");
            // CREATE TABLE … AS … WITH NO DATA is tagged CREATE TABLE AS (with data: SELECT n)
            case "CreateTableAsStmt" -> stmt.str("objtype").equals("OBJECT_MATVIEW") ? create(" MATERIALIZED VIEW")
                    : create(stmt.node("into") != null && stmt.node("into").bool("skipData") ? " TABLE AS" : " TABLE");
            case "ViewStmt" -> create(" VIEW");
            case "IndexStmt" -> create(" INDEX");
            case "CreateSeqStmt" -> create(" SEQUENCE");
            case "CreateSchemaStmt" -> create(" SCHEMA");
            case "CreateEnumStmt", "CompositeTypeStmt", "CreateRangeStmt" -> create(" TYPE");
            case "CreateDomainStmt" -> create(" DOMAIN");
            case "CreateFunctionStmt" -> create(stmt.bool("is_procedure") ? " PROCEDURE" : " FUNCTION");
            case "CreateExtensionStmt" -> new StatementInfo(Command.UTILITY, "CREATE", " EXTENSION");
            case "CreatedbStmt" -> new StatementInfo(Command.UTILITY, "CREATE", " DATABASE");
            case "CreateRoleStmt" -> new StatementInfo(Command.UTILITY, "CREATE", " ROLE");
            case "CreateTrigStmt" -> create(" TRIGGER");
            case "DefineStmt" -> create(" " + objectName(stmt.str("kind")));
            case "DropStmt" -> new StatementInfo(stmt.str("removeType").equals("OBJECT_EXTENSION") ? Command.UTILITY : Command.OTHER,
                    "DROP", " " + objectName(stmt.str("removeType")));
            case "DropdbStmt" -> new StatementInfo(Command.UTILITY, "DROP", " DATABASE");
            case "DropRoleStmt" -> new StatementInfo(Command.UTILITY, "DROP", " ROLE");
            case "AlterTableStmt" -> new StatementInfo(Command.OTHER, "ALTER", " " + objectName(stmt.str("objtype")));
            case "AlterSeqStmt" -> new StatementInfo(Command.OTHER, "ALTER", " SEQUENCE");
            case "AlterEnumStmt" -> new StatementInfo(Command.OTHER, "ALTER", " TYPE");
            case "AlterDomainStmt" -> new StatementInfo(Command.OTHER, "ALTER", " DOMAIN");
            case "AlterDatabaseStmt", "AlterDatabaseSetStmt", "AlterDatabaseRefreshCollStmt" ->
                    new StatementInfo(Command.UTILITY, "ALTER", " DATABASE");
            case "AlterRoleStmt", "AlterRoleSetStmt" -> new StatementInfo(Command.UTILITY, "ALTER", " ROLE");
            case "RenameStmt" -> new StatementInfo(stmt.str("renameType").equals("OBJECT_ROLE")
                    || stmt.str("renameType").equals("OBJECT_DATABASE") ? Command.UTILITY : Command.OTHER, "ALTER", " " + objectName(switch (stmt.str("renameType")) {
                // renaming a column or constraint alters the relation that holds it
                case "OBJECT_COLUMN", "OBJECT_ATTRIBUTE" -> stmt.str("relationType");
                case "OBJECT_TABCONSTRAINT" -> "OBJECT_TABLE"; // the grammar leaves relationType unset
                default -> stmt.str("renameType");
            }));
            case "AlterObjectSchemaStmt" -> new StatementInfo(Command.OTHER, "ALTER", " " + objectName(stmt.str("objectType")));
            case "AlterOwnerStmt" -> new StatementInfo(Command.UTILITY, "ALTER", " " + objectName(stmt.str("objectType")));
            case "TruncateStmt" -> other("TRUNCATE");
            case "RefreshMatViewStmt" -> other("REFRESH MATERIALIZED VIEW");
            case "CommentStmt" -> other("COMMENT");
            case "GrantStmt" -> utility(stmt.bool("is_grant") ? "GRANT" : "REVOKE");
            case "GrantRoleStmt" -> utility(stmt.bool("is_grant") ? "GRANT" : "REVOKE");
            case "ExplainStmt" -> other("EXPLAIN");
            case "VacuumStmt" -> other(stmt.bool("is_vacuumcmd") ? "VACUUM" : "ANALYZE");
            case "CheckPointStmt" -> other("CHECKPOINT");
            case "LockStmt" -> utility("LOCK TABLE");
            case "ReindexStmt" -> utility("REINDEX");
            case "ConstraintsSetStmt" -> utility("SET CONSTRAINTS");
            case "PrepareStmt" -> utility("PREPARE");
            case "ExecuteStmt" -> utility("EXECUTE");
            case "DeallocateStmt" -> utility(stmt.has("name") ? "DEALLOCATE" : "DEALLOCATE ALL");
            case "DeclareCursorStmt" -> utility("DECLARE CURSOR");
            case "FetchStmt" -> utility(stmt.bool("ismove") ? "MOVE" : "FETCH");
            case "ClosePortalStmt" -> utility("CLOSE CURSOR");
            case "ListenStmt" -> utility("LISTEN");
            case "UnlistenStmt" -> utility("UNLISTEN");
            case "NotifyStmt" -> utility("NOTIFY");
            case "DoStmt" -> utility("DO");
            case "CallStmt" -> other("CALL");
            case "LoadStmt" -> utility("LOAD");
            default -> other(type.replace("Stmt", "").toUpperCase(Locale.ROOT));
        };
    }

    private static StatementInfo utility(String main) {
        return new StatementInfo(Command.UTILITY, main, "");
    }

    private static StatementInfo other(String main) {
        return new StatementInfo(Command.OTHER, main, "");
    }

    private static StatementInfo create(String objectType) {
        return new StatementInfo(Command.OTHER, "CREATE", objectType);
    }

    private static StatementInfo transaction(Node stmt) {
        return switch (stmt.str("kind")) {
            case "TRANS_STMT_BEGIN" -> new StatementInfo(Command.BEGIN, "BEGIN", "");
            case "TRANS_STMT_START" -> new StatementInfo(Command.START_TRANSACTION, "START", "");
            case "TRANS_STMT_COMMIT" -> new StatementInfo(Command.COMMIT, "COMMIT", "");
            case "TRANS_STMT_ROLLBACK" -> new StatementInfo(Command.ROLLBACK, "ROLLBACK", "");
            case "TRANS_STMT_SAVEPOINT" -> new StatementInfo(Command.SAVEPOINT, "SAVEPOINT", "");
            case "TRANS_STMT_RELEASE" -> new StatementInfo(Command.RELEASE_SAVEPOINT, "RELEASE", "");
            case "TRANS_STMT_ROLLBACK_TO" -> new StatementInfo(Command.ROLLBACK_TO_SAVEPOINT, "ROLLBACK", "");
            default -> new StatementInfo(Command.TWO_PHASE, "PREPARE", "");
        };
    }

    /** "OBJECT_MATVIEW" → "MATERIALIZED VIEW", "OBJECT_TABLE" → "TABLE", as command tags spell them. */
    static String objectName(String objectType) {
        String t = objectType.startsWith("OBJECT_") ? objectType.substring(7) : objectType;
        return switch (t) {
            case "MATVIEW" -> "MATERIALIZED VIEW";
            case "FOREIGN_TABLE" -> "FOREIGN TABLE";
            case "ACCESS_METHOD" -> "ACCESS METHOD";
            case "FDW" -> "FOREIGN DATA WRAPPER";
            case "FOREIGN_SERVER" -> "SERVER";
            case "TABCONSTRAINT" -> "TABLE";
            case "EVENT_TRIGGER" -> "EVENT TRIGGER";
            case "OPCLASS" -> "OPERATOR CLASS";
            case "OPFAMILY" -> "OPERATOR FAMILY";
            case "TSCONFIGURATION" -> "TEXT SEARCH CONFIGURATION";
            case "TSDICTIONARY" -> "TEXT SEARCH DICTIONARY";
            case "USER_MAPPING" -> "USER MAPPING";
            case "DEFACL" -> "DEFAULT PRIVILEGES";
            default -> t.replace('_', ' ');
        };
    }
}
