package dev.pgwire.serve.sql;

/**
 * {@code SELECT … INTO [TEMP] t FROM …} as what it is in PostgreSQL: CREATE TABLE t AS of the
 * query without its INTO, so that it makes the same table (column types, numeric kept exact) and
 * answers with the same tag ({@code SELECT n}). In a set operation the INTO is on the leftmost
 * SELECT, as PostgreSQL's grammar puts it there.
 */
final class SelectInto {
    private SelectInto() {
    }

    /** {@code stmt} as a CreateTableAsStmt when it is a SELECT with INTO, else {@code stmt} itself. */
    static Node asCreateTableAs(Node stmt) {
        if (!stmt.is("SelectStmt")) return stmt;
        Node leftmost = stmt;
        while (leftmost.node("larg") != null) leftmost = leftmost.node("larg");
        Node into = leftmost.node("intoClause");
        if (into == null) return stmt;
        leftmost.set("intoClause", null);
        return Node.of("CreateTableAsStmt").set("query", stmt).set("into", into).set("objtype", "OBJECT_TABLE");
    }
}
