package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * CREATE TABLE … AS and CREATE MATERIALIZED VIEW (part of {@link DdlEmitter}): DuckDB's table
 * from the query, with PostgreSQL's column types kept where DuckDB's do not tell them (json,
 * varchar(n), character(n), timestamp(p); a materialized view's numeric), and a materialized
 * view's query kept for REFRESH.
 */
final class CreateTableAs {
    private final Emitter em;
    private final SessionContext session;
    /** Statements that follow the CREATE in the script. */
    private final List<String> after;
    /** The statement's text (a materialized view's query as written). */
    private final String source;

    CreateTableAs(Emitter em, SessionContext session, List<String> after, String source) {
        this.em = em;
        this.session = session;
        this.after = after;
        this.source = source;
    }

    /** Writes CREATE TABLE … AS {@code s}; true when its query reads serve's catalog tables. */
    boolean write(Node s) {
        SqlWriter w = em.w;
        Node into = s.node("into");
        Node rel = into.node("rel");
        boolean matView = s.str("objtype").equals("OBJECT_MATVIEW");
        if (!into.bool("skipData")) UnpopulatedReads.check(s.node("query"), session.catalog());
        w.append(rel.str("relpersistence").equals("t") ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ");
        if (s.bool("if_not_exists")) w.append("IF NOT EXISTS ");
        em.rangeVar(rel, false);
        boolean callsCatalog = CatalogCalls.callsAny(s.node("query"));
        TypedRewrites typed = new TypedRewrites(session).storingResults();
        typed.apply(s.node("query"));
        // the query reads serve's pg_catalog and information_schema, as a SELECT does (not DuckDB's own)
        boolean readsCatalog = CatalogRoutes.readsCatalog(s.node("query"), session, callsCatalog, typed);
        // IF NOT EXISTS of a table that is not there makes it as without (of one that is, nothing happens)
        boolean mayExist = s.bool("if_not_exists")
                && session.catalog().relation(rel.str("schemaname").isEmpty() ? null : rel.str("schemaname"), rel.str("relname")) != null;
        if (!matView && !mayExist && declaredTable(rel, into, s.node("query"), typed)) return readsCatalog;
        if (into.has("colNames")) {
            w.append(" (");
            em.identList(into.names("colNames"));
            w.append(')');
        }
        w.append(" AS ");
        List<String> comments = mayExist ? List.of()
                : recordedColumnTypes(rel, into.names("colNames"), keptTypes(s.node("query"), typed), typed.resultNames(), matView);
        if (into.bool("skipData") || !comments.isEmpty() || matView) {
            List<String> widened = matView ? List.of() : widenedNumerics(typed.resultTypes(), typed.resultNames());
            w.append("SELECT ").append(widened.isEmpty() ? "*" : String.join(", ", widened)).append(" FROM (");
            int start = w.length();
            em.statement(s.node("query"));
            String query = w.toString().substring(start);
            w.append(')');
            if (!widened.isEmpty()) {
                w.append(" AS pgwire_q(");
                for (int i = 0; i < widened.size(); i++) w.append(i > 0 ? ", " : "").append("pgwire_c").append(String.valueOf(i + 1));
                w.append(')');
            }
            w.append(" LIMIT 0");
            after.addAll(comments);
            if (matView) {
                // a table that REFRESH fills again from the query kept in its comment
                TableMeta meta = new TableMeta(List.of(), null, new TableMeta.MatView(ViewText.matViewQuery(source, query), query,
                        !into.bool("skipData")));
                after.add("COMMENT ON TABLE " + DdlEmitter.qualifiedRelation(relSchema(rel), rel.str("relname")) + " IS "
                        + SqlWriter.quoteLiteral(meta.write()));
            }
            // the rows go in last, so that the script's count is theirs (PostgreSQL's tag is "SELECT n")
            if (!into.bool("skipData")) after.add("INSERT INTO " + DdlEmitter.qualifiedRelation(relSchema(rel), rel.str("relname")) + " " + query);
        } else {
            em.statement(s.node("query"));
        }
        return readsCatalog;
    }

    /**
     * CREATE TABLE … AS of a query with a column of declared length ({@code varchar(20)}, {@code
     * character(4)}): the table is declared with the query's column types — lengths checked, as
     * a column declared so is — then filled, as PostgreSQL keeps the query's types with their
     * modifiers (DuckDB's CREATE TABLE AS would make them text without a limit). False, with
     * nothing written, for a query without one, or one whose column types are not all known.
     */
    /**
     * The query's column types as CREATE TABLE … AS keeps them: a modifier ({@code varchar(5)},
     * {@code character(4)}, {@code timestamp(0)}) only on a column the query takes as it is from a
     * table (PostgreSQL's expressions — coalesce, CASE, a union, min — have none).
     */
    private static List<SqlType> keptTypes(Node select, TypedRewrites typed) {
        List<SqlType> types = new ArrayList<>(typed.resultTypes());
        List<ColumnOrigin> origins = select.is("SelectStmt") && "SETOP_NONE".equals(select.str("op")) ? typed.resultOrigins() : List.of();
        for (int i = 0; i < types.size(); i++) {
            SqlType t = types.get(i);
            boolean direct = i < origins.size() && origins.get(i) != null;
            if (t != null && t.typmod() >= 0 && !direct && !t.element().name().equals("numeric")) types.set(i, t.withoutTypmod());
        }
        return types;
    }

    private boolean declaredTable(Node rel, Node into, Node select, TypedRewrites typed) {
        List<SqlType> types = keptTypes(select, typed);
        List<String> names = new ArrayList<>(typed.resultNames());
        List<String> given = into.names("colNames");
        if (given.size() > names.size()) return false; // DuckDB reports too many column names
        for (int i = 0; i < given.size(); i++) names.set(i, given.get(i));
        boolean bounded = false;
        for (SqlType t : types) {
            if (t == null || t.isUnknown()) return false;
            // numeric without modifier: DuckDB's CREATE TABLE AS keeps the scale of the query's DECIMAL
            // (sum(price) shows 12.50), which a declared numeric column would not
            if (t.element().name().equals("numeric") && t.element().numericPrecisionAndScale() == null) return false;
            bounded |= !t.isArray() && t.typmod() >= 0 && (t.name().equals("varchar") || t.is(SqlType.BPCHAR));
        }
        if (!bounded || names.size() != types.size() || new java.util.HashSet<>(names).size() != names.size()) return false;
        String table = DdlEmitter.qualifiedRelation(relSchema(rel), rel.str("relname"));
        SqlWriter w = em.w;
        w.append(" (");
        for (int i = 0; i < types.size(); i++) {
            SqlType t = types.get(i);
            PgTypeName pg = new PgTypeName(t.name(), t.typmod(), t.dims(), true);
            if (i > 0) w.append(", ");
            w.ident(names.get(i)).append(' ').append(em.types.duckDbType(t.typeName()));
            DdlEmitter.lengthCheck(w, names.get(i), pg);
            after.add("COMMENT ON COLUMN " + table + "." + SqlWriter.quoteIdent(names.get(i)) + " IS "
                    + SqlWriter.quoteLiteral(ColumnMeta.write(pg, null, "", null, null)));
        }
        w.append(')');
        if (!into.bool("skipData")) {
            Emitter query = new Emitter(new SqlWriter(), em.types);
            query.statement(select);
            after.add("INSERT INTO " + table + " " + query.w);
        }
        return true;
    }

    /**
     * The table's columns for a query with a numeric column without modifier, each as {@code
     * pgwire_cN AS name} over the query's columns: DuckDB's result is a DECIMAL(p,s) whose p
     * fits the query's rows alone, so such a column is widened to 38 digits with its scale kept
     * ({@code + CAST(0 AS DECIMAL(38,0))}), and the values stored there later are held exactly or
     * refused (TargetCoercion). Empty where there is none, or where the query's column names are
     * not all known.
     */
    private static List<String> widenedNumerics(List<SqlType> types, List<String> names) {
        if (types.size() != names.size() || new java.util.HashSet<>(names).size() != names.size()) return List.of();
        boolean any = false;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            SqlType t = types.get(i);
            boolean numeric = t != null && t.name().equals("numeric") && t.typmod() < 0 && !t.isArray();
            any |= numeric;
            String c = "pgwire_c" + (i + 1);
            out.add((numeric ? c + " + CAST(0 AS DECIMAL(38,0))" : c) + " AS " + SqlWriter.quoteIdent(names.get(i)));
        }
        return any ? out : List.of();
    }

    private String relSchema(Node rel) {
        return rel.str("relpersistence").equals("t") ? null : DdlEmitter.schemaOf(rel, session);
    }

    /**
     * The column comments that keep PostgreSQL's type where DuckDB's column type does not tell it:
     * json and jsonb, and numeric without a modifier (DuckDB's result is a DECIMAL of some precision).
     */
    private List<String> recordedColumnTypes(Node rel, List<String> given, List<SqlType> types, List<String> names, boolean matView) {
        List<String> comments = new ArrayList<>();
        for (int i = 0; i < types.size() && i < names.size(); i++) {
            SqlType t = types.get(i);
            if (EnumComparisons.isEnum(t) && !t.name().equals("record")) {
                // DuckDB's table would hold an ENUM of the values, no longer the type: its order and name go
                String name = i < given.size() ? given.get(i) : names.get(i);
                String table = DdlEmitter.qualifiedRelation(relSchema(rel), rel.str("relname"));
                comments.add("ALTER TABLE " + table + " ALTER COLUMN " + SqlWriter.quoteIdent(name) + " SET DATA TYPE " + SqlWriter.quoteIdent(t.name()));
                comments.add("COMMENT ON COLUMN " + table + "." + SqlWriter.quoteIdent(name) + " IS "
                        + SqlWriter.quoteLiteral(ColumnMeta.write(new PgTypeName(t.name(), -1, 0, false), null, "", null, null)));
                continue;
            }
            // numeric without modifier: DuckDB's column keeps the query's DECIMAL(p,s), and what is later
            // stored there is checked against it (TargetCoercion.otherDecimal) rather than rounded to it
            boolean unconstrainedNumeric = t != null && t.name().equals("numeric") && t.typmod() < 0 && (matView || !t.isArray());
            // varchar(n), character(n), timestamp(p), …: the modifier DuckDB's column type does not keep
            boolean modified = t != null && !t.element().name().equals("numeric")
                    && (t.typmod() >= 0 || t.name().equals("varchar") || t.is(SqlType.BPCHAR)); // (varchar, not text)
            if (t == null || !(t.name().equals("json") || t.name().equals("jsonb") || unconstrainedNumeric || modified)) continue;
            String name = i < given.size() ? given.get(i) : names.get(i);
            PgTypeName pg = new PgTypeName(t.name(), modified ? t.typmod() : -1, t.dims(), true);
            comments.add("COMMENT ON COLUMN " + DdlEmitter.qualifiedRelation(relSchema(rel), rel.str("relname")) + "."
                    + SqlWriter.quoteIdent(name) + " IS " + SqlWriter.quoteLiteral(ColumnMeta.write(pg, null, "", null, null)));
        }
        return comments;
    }
}
