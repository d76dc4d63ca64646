package dev.pgwire.serve.catalog;

import java.util.List;

/**
 * A definition that names a relation — pg_get_indexdef's {@code ON table}, pg_get_constraintdef's
 * {@code REFERENCES table}. PostgreSQL's ruleutils prints such a name schema-qualified, or (where
 * it uses generate_relation_name) bare when the search_path finds that very relation by the bare
 * name, so the text depends on the session asking.
 */
record RelationText(String before, String schema, String name, String after) {

    /** A definition that names no relation. */
    static RelationText plain(String text) {
        return new RelationText(text, null, null, "");
    }

    /**
     * {@code definition} with its {@code ON schema.table USING} cut out as the relation it names —
     * {@code schema.table} now, also when the definition was recorded before the table was renamed;
     * a definition without it (written by an older serve) stays as it is.
     */
    static RelationText index(String definition, String schema, String table) {
        String on = " ON " + TypeNames.quoteIdent(schema) + "." + TypeNames.quoteIdent(table) + " USING ";
        int at = definition.indexOf(on);
        if (at >= 0) {
            return new RelationText(definition.substring(0, at) + " ON ", schema, table,
                    definition.substring(at + on.length() - " USING ".length()));
        }
        int named = definition.indexOf(" ON ");
        int using = named < 0 ? -1 : definition.indexOf(" USING ", named);
        if (using < 0) return plain(definition);
        return new RelationText(definition.substring(0, named) + " ON ", schema, table, definition.substring(using));
    }

    /** The text with the relation schema-qualified (generate_qualified_relation_name). */
    String qualified() {
        if (name == null) return before + after;
        return before + TypeNames.quoteIdent(schema) + "." + TypeNames.quoteIdent(name) + after;
    }

    /** The text as a session with {@code path} sees it (generate_relation_name). */
    String text(Snapshot s, List<String> path) {
        if (name == null) return before + after;
        for (String searched : path) {
            if (s.relationOid(searched, name) != 0) {
                return searched.equals(schema) ? before + TypeNames.quoteIdent(name) + after : qualified();
            }
        }
        return qualified();
    }
}
