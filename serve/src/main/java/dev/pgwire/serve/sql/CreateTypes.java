package dev.pgwire.serve.sql;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.util.ArrayList;
import java.util.List;

/**
 * CREATE TYPE … AS ENUM, CREATE DOMAIN and CREATE TYPE … AS (attributes) (part of
 * {@link DdlEmitter}): DuckDB's ENUM, a type alias of the domain's base type and a STRUCT, with
 * what PostgreSQL's catalog shows of them — a domain's statement, checks and default, a composite
 * type's attribute types — kept in the type's comment.
 */
final class CreateTypes {
    private final Emitter em;
    private final SessionContext session;
    /** Statements that follow the CREATE TYPE in the script. */
    private final List<String> after;
    /** The statement's text, for the domain's definition as written. */
    private final String source;

    CreateTypes(Emitter em, SessionContext session, List<String> after, String source) {
        this.em = em;
        this.session = session;
        this.after = after;
        this.source = source;
    }

    void enumType(Node s) {
        em.w.append("CREATE TYPE ").append(DdlEmitter.dotted(s.names("typeName"))).append(" AS ENUM (");
        List<Node> vals = s.list("vals");
        for (int i = 0; i < vals.size(); i++) {
            if (i > 0) em.w.append(", ");
            em.w.literal(vals.get(i).str("sval"));
        }
        em.w.append(')');
    }

    /**
     * CREATE DOMAIN: a DuckDB type alias of the base type, whose comment keeps the statement (its
     * checks and default are applied from it to each column and cast of the domain) and what the
     * catalog shows of the domain.
     */
    void domain(Node s) {
        List<String> names = s.names("domainname");
        String name = names.get(names.size() - 1);
        String schema = names.size() > 1 ? names.get(names.size() - 2) : session.currentSchema();
        Node typeName = s.node("typeName");
        if (Domains.lookup(typeName, session.catalog()) != null) throw DdlEmitter.unsupported("domains over domains");
        if (PgTypeName.isSerial(typeName)) {
            throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + TypeMapper.baseName(typeName) + "\" does not exist");
        }
        PgTypeName base = PgTypeName.of(typeName);
        String duckDb = em.types.duckDbType(typeName);
        if (s.node("collClause") != null) DdlEmitter.checkCollation(s.node("collClause").names("collname"));
        boolean notNull = false;
        boolean nullable = false;
        String pgDefault = null;
        List<String> checkNames = new ArrayList<>();
        List<String> checkDefs = new ArrayList<>();
        for (Node c : s.list("constraints")) {
            switch (c.str("contype")) {
                case "CONSTR_NOTNULL" -> notNull = true;
                case "CONSTR_NULL" -> nullable = true;
                case "CONSTR_DEFAULT" -> {
                    if (pgDefault != null) throw new PgException(SqlState.SYNTAX_ERROR, "multiple default expressions");
                    pgDefault = ColumnMeta.expressionPair(PgDeparse.text(c.node("raw_expr"), base, col -> null, false),
                            PgDeparse.text(c.node("raw_expr"), base, col -> null, true));
                    if (pgDefault == null) pgDefault = "";
                }
                case "CONSTR_CHECK" -> {
                    if (c.bool("is_no_inherit")) {
                        throw new PgException("42P17", "check constraints for domains cannot be marked NO INHERIT");
                    }
                    String con = c.str("conname");
                    if (con.isEmpty()) {
                        con = name + "_check";
                        for (int n = 1; checkNames.contains(con); n++) con = name + "_check" + n;
                    } else if (checkNames.contains(con)) {
                        throw new PgException("42710", "constraint \"" + con + "\" for domain \"" + name + "\" already exists");
                    }
                    checkNames.add(con);
                    checkDefs.add(domainCheckText(c.node("raw_expr"), base));
                }
                case "CONSTR_UNIQUE" -> throw new PgException(SqlState.SYNTAX_ERROR, "unique constraints not possible for domains");
                case "CONSTR_PRIMARY" -> throw new PgException(SqlState.SYNTAX_ERROR, "primary key constraints not possible for domains");
                case "CONSTR_EXCLUSION" -> throw new PgException(SqlState.SYNTAX_ERROR, "exclusion constraints not possible for domains");
                case "CONSTR_FOREIGN" -> throw new PgException(SqlState.SYNTAX_ERROR, "foreign key constraints not possible for domains");
                default -> throw DdlEmitter.unsupported("this domain constraint");
            }
        }
        if (notNull && nullable) throw new PgException(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL constraints");
        DomainMeta meta = new DomainMeta(schema, name, source == null ? "" : sourceOf(s), base, notNull,
                pgDefault, checkNames, checkDefs, null);
        em.w.append("CREATE TYPE ").append(SqlWriter.quoteIdent(schema)).append('.').append(SqlWriter.quoteIdent(name))
                .append(" AS ").append(duckDb);
        after.add("COMMENT ON TYPE " + SqlWriter.quoteIdent(schema) + "." + SqlWriter.quoteIdent(name) + " IS "
                + SqlWriter.quoteLiteral(meta.write()));
    }

    /**
     * CREATE TYPE name AS (attributes): a DuckDB STRUCT type of the attributes' types, whose
     * comment keeps their PostgreSQL types for the catalog. Attributes are built-in types or arrays
     * of them; a length-limited string attribute is refused, as nothing would check its length.
     */
    void composite(Node s) {
        Node typevar = s.node("typevar");
        String name = typevar.str("relname");
        String schema = typevar.str("schemaname").isEmpty() ? session.currentSchema() : typevar.str("schemaname");
        List<String> attributes = new ArrayList<>();
        List<PgTypeName> types = new ArrayList<>();
        StringBuilder struct = new StringBuilder("STRUCT(");
        for (Node def : s.list("coldeflist")) {
            String attribute = def.str("colname");
            if (attributes.contains(attribute)) {
                throw new PgException("42701", "column \"" + attribute + "\" specified more than once");
            }
            Node typeName = def.node("typeName");
            if (PgTypeName.isSerial(typeName)) {
                throw new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + TypeMapper.baseName(typeName) + "\" does not exist");
            }
            if (def.node("collClause") != null) DdlEmitter.checkCollation(def.node("collClause").names("collname"));
            PgTypeName type = PgTypeName.of(typeName);
            if (!type.builtin()) throw DdlEmitter.unsupported("composite type attributes of user-defined types");
            if (type.typmod() >= 0 && List.of("varchar", "bpchar", "bit", "varbit").contains(type.name())) {
                throw DdlEmitter.unsupported("length-limited attributes of composite types");
            }
            if (!attributes.isEmpty()) struct.append(", ");
            struct.append(SqlWriter.quoteIdent(attribute)).append(' ').append(em.types.duckDbType(typeName));
            attributes.add(attribute);
            types.add(type);
        }
        if (attributes.isEmpty()) throw DdlEmitter.unsupported("composite types without attributes");
        em.w.append("CREATE TYPE ").append(SqlWriter.quoteIdent(schema)).append('.').append(SqlWriter.quoteIdent(name))
                .append(" AS ").append(struct.append(')').toString());
        after.add("COMMENT ON TYPE " + SqlWriter.quoteIdent(schema) + "." + SqlWriter.quoteIdent(name) + " IS "
                + SqlWriter.quoteLiteral(new CompositeMeta(schema, name, attributes, types, null).write()));
    }

    /** The statement's own text (the source may hold several statements): the parse tree's position and length. */
    private String sourceOf(Node s) {
        List<PgParser.Statement> all = PgParser.parse(source);
        for (PgParser.Statement st : all) {
            if (st.tree().is("CreateDomainStmt") && st.tree().names("domainname").equals(s.names("domainname"))) {
                byte[] bytes = source.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                int from = st.location();
                int to = st.length() == 0 ? bytes.length : from + st.length();
                return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.UTF_8).trim();
            }
        }
        return source;
    }

    /** A domain check's expression as PostgreSQL shows it (plain and pretty), VALUE as VALUE. */
    private static String domainCheckText(Node expr, PgTypeName base) {
        Node marked = DomainMeta.withValue(expr, Node.of("ColumnRef")
                .set("fields", new ArrayList<>(List.of(Node.string(PgDeparse.DOMAIN_VALUE)))).set("location", -1L));
        java.util.function.Function<String, PgTypeName> columns = c -> c.equals(PgDeparse.DOMAIN_VALUE) ? base : null;
        String pair = ColumnMeta.expressionPair(PgDeparse.text(marked, null, columns, false), PgDeparse.text(marked, null, columns, true));
        return pair == null ? "" : pair;
    }
}
