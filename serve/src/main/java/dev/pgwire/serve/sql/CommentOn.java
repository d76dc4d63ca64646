package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;

import java.util.List;

/**
 * COMMENT ON (part of {@link DdlChanges}): where DuckDB keeps the description beside what serve
 * records of the object — a column's recorded type, a table's constraints, a view's query, a
 * composite type's attributes — the description joins that record; a schema's goes to
 * pgwire.schema_comments, since DuckDB keeps none.
 */
final class CommentOn {
    private CommentOn() {}

    static void write(Node s, SessionContext session, List<String> script) {
        String type = s.str("objtype");
        Node object = s.node("object");
        // an empty comment removes the description, as NULL does (PostgreSQL's CreateComments)
        String text = s.has("comment") && !s.str("comment").isEmpty() ? s.str("comment") : null;
        switch (type) {
            case "OBJECT_COLUMN" -> {
                List<String> name = DdlDrops.stringsOf(object.list("items"));
                List<String> table = name.subList(0, name.size() - 1);
                String column = name.get(name.size() - 1);
                Relation r = DdlChanges.relation(session, table);
                if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", table) + "\" does not exist");
                ColumnInfo c = r.column(column);
                if (c == null) {
                    throw new PgException(SqlState.UNDEFINED_COLUMN,
                            "column \"" + column + "\" of relation \"" + r.name() + "\" does not exist");
                }
                script.add("COMMENT ON COLUMN " + DdlChanges.dotted(table) + "." + SqlWriter.quoteIdent(column) + " IS "
                        + SqlWriter.quoteLiteral(ColumnMeta.write(c.pgType(), c.sequence(), c.identity(), text, c.pgDefault(), c.domain())));
            }
            case "OBJECT_EXTENSION" -> {
                // pg_dump writes each extension's own comment: accepted as it is, as no other can be kept
                String extension = object.str("sval");
                var available = dev.pgwire.serve.catalog.Extensions.AVAILABLE.stream().filter(a -> a.name().equals(extension)).findFirst();
                if (available.isEmpty()) throw new PgException(SqlState.UNDEFINED_OBJECT, "extension \"" + extension + "\" does not exist");
                if (!java.util.Objects.equals(text, available.get().comment())) {
                    throw DdlEmitter.unsupported("COMMENT ON EXTENSION with another comment than the extension's own")
                            .withDetail("The extension's comment is \"" + available.get().comment() + "\".");
                }
            }
            case "OBJECT_SCHEMA" -> {
                // kept in pgwire.schema_comments: DuckDB keeps no comment on a schema
                String schema = object.str("sval");
                if (schema.equals("public")) throw DdlEmitter.unsupported("COMMENT ON SCHEMA public");
                String literal = SqlWriter.quoteLiteral(schema);
                script.add("SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM duckdb_schemas() WHERE database_name = current_database()"
                        + " AND schema_name = " + literal + ") THEN error(" + SqlWriter.quoteLiteral("[pgwire:3F000] schema \""
                        + schema.replace("'", "''") + "\" does not exist") + ") END");
                script.add("DELETE FROM pgwire.schema_comments WHERE name = " + literal);
                if (text != null) script.add("INSERT INTO pgwire.schema_comments VALUES (" + literal + ", " + SqlWriter.quoteLiteral(text) + ")");
            }
            case "OBJECT_TYPE" -> {
                // a composite type keeps its attributes in its comment; an enum's comment is the text itself
                List<String> name = object.names("names");
                String typeSchema = name.size() > 1 ? name.get(name.size() - 2) : null;
                CompositeMeta c = session.catalog().composite(typeSchema, name.get(name.size() - 1));
                DomainMeta d = c != null ? null : session.catalog().domain(typeSchema, name.get(name.size() - 1));
                if (c != null) {
                    script.add("COMMENT ON TYPE " + SqlWriter.quoteIdent(c.schema()) + "." + SqlWriter.quoteIdent(c.name()) + " IS "
                            + SqlWriter.quoteLiteral(c.withDescription(text).write()));
                } else if (d != null) {
                    script.add("COMMENT ON TYPE " + SqlWriter.quoteIdent(d.schema()) + "." + SqlWriter.quoteIdent(d.name()) + " IS "
                            + SqlWriter.quoteLiteral(d.withDescription(text).write()));
                } else {
                    script.add("COMMENT ON TYPE " + DdlChanges.dotted(name) + " IS " + (text == null ? "NULL" : SqlWriter.quoteLiteral(text)));
                }
            }
            case "OBJECT_DOMAIN" -> {
                List<String> name = object.names("names");
                DomainMeta d = session.catalog().domain(name.size() > 1 ? name.get(name.size() - 2) : null, name.get(name.size() - 1));
                if (d == null) throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + String.join(".", name) + "\" does not exist");
                script.add("COMMENT ON TYPE " + SqlWriter.quoteIdent(d.schema()) + "." + SqlWriter.quoteIdent(d.name()) + " IS "
                        + SqlWriter.quoteLiteral(d.withDescription(text).write()));
            }
            case "OBJECT_TABLE", "OBJECT_MATVIEW" -> { // a materialized view is a table here
                List<String> name = DdlDrops.stringsOf(object.list("items"));
                Relation r = DdlChanges.relation(session, name);
                if (r == null) throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", name) + "\" does not exist");
                if (r.view()) throw new PgException("42809", "\"" + r.name() + "\" is not a " + (type.equals("OBJECT_TABLE") ? "table" : "materialized view"));
                script.add("COMMENT ON TABLE " + DdlChanges.dotted(name) + " IS " + SqlWriter.quoteLiteral(r.meta().withDescription(text).write()));
            }
            case "OBJECT_VIEW", "OBJECT_SEQUENCE", "OBJECT_INDEX" -> {
                List<String> name = DdlDrops.stringsOf(object.list("items"));
                Relation view = type.equals("OBJECT_VIEW") ? DdlChanges.relation(session, name) : null;
                if (view != null && !view.view() && !view.schema().startsWith("pg_temp")) {
                    throw new PgException("42809", "\"" + view.name() + "\" is not a view");
                }
                if (view != null && view.view() && view.comment() != null) {
                    // the view's comment holds its query and column types as PostgreSQL shows them: the description joins them
                    script.add("COMMENT ON VIEW " + DdlChanges.dotted(name) + " IS "
                            + SqlWriter.quoteLiteral(ObjectMeta.read(view.comment()).withDescription(text).write()));
                    return;
                }
                script.add("COMMENT ON " + Classifier.objectName(type) + " " + DdlChanges.dotted(name) + " IS "
                        + (text == null ? "NULL" : SqlWriter.quoteLiteral(text)));
            }
            case "OBJECT_FUNCTION" -> {
                // written as the statement runs, from the function's record then (FunctionChanges)
            }
            default -> throw DdlEmitter.unsupported("COMMENT ON " + (type.endsWith("CONSTRAINT") ? "CONSTRAINT" : Classifier.objectName(type)));
        }
    }
}
