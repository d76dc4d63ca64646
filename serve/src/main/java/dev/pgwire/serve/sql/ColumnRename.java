package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A column renamed in the texts serve keeps of expressions over it (a check, a generated column,
 * an index's keys and predicate): the text is read back with the PostgreSQL parser, its
 * references to the column renamed, and written again as PostgreSQL shows it.
 */
public final class ColumnRename {
    private ColumnRename() {}

    /** Renames column {@code from} to {@code to} in every unqualified or table-qualified column reference of {@code tree}. */
    static boolean references(Node tree, String from, String to) {
        boolean[] changed = {false};
        TreeWalker.forEachNode(tree, n -> {
            if (!n.is("ColumnRef")) return;
            List<Node> fields = n.list("fields");
            if (fields.isEmpty() || fields.size() > 2) return;
            Node last = fields.get(fields.size() - 1);
            if (last.is("String") && from.equals(last.str("sval"))) {
                List<Node> renamed = new ArrayList<>(fields);
                renamed.set(renamed.size() - 1, Node.string(to));
                n.set("fields", renamed);
                changed[0] = true;
            }
        });
        return changed[0];
    }

    /**
     * An expression's plain and pretty text ({@link ColumnMeta#expressionPair}) with column {@code
     * from} named {@code to}, {@code columns} giving the types of the table's columns by their new
     * names; the text itself when it names no such column or cannot be read back.
     */
    public static String expression(String pair, String from, String to, Function<String, PgTypeName> columns) {
        if (pair == null) return null;
        try {
            Node plain = parse(ColumnMeta.form(pair, false));
            if (!references(plain, from, to)) return pair;
            Node pretty = parse(ColumnMeta.form(pair, false));
            references(pretty, from, to);
            String plainText = PgDeparse.text(plain, null, columns, false);
            if (plainText == null) return pair;
            return ColumnMeta.expressionPair(plainText, PgDeparse.text(pretty, null, columns, true));
        } catch (RuntimeException e) {
            return pair; // not read back: the text stays as it was
        }
    }

    /** The PostgreSQL types of table {@code r}'s columns by name, after its column {@code from} is named {@code to}. */
    public static Function<String, PgTypeName> columnTypes(CatalogView.Relation r, String from, String to) {
        Function<String, PgTypeName> before = CreateIndex.columnTypes(r);
        return name -> name.equals(to) ? before.apply(from) : name.equals(from) ? null : before.apply(name);
    }

    private static Node parse(String expression) {
        Node select = PgParser.parse("SELECT " + expression).get(0).tree();
        return select.list("targetList").get(0).node("val");
    }
}
