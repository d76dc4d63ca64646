package dev.pgwire.serve.sql;

import java.util.ArrayList;
import java.util.List;

/** Constants of a parse tree read as values (EXECUTE's arguments, say). */
public final class Constants {
    private Constants() {}

    /** The text of a constant (possibly cast), or null when the node is not one or is NULL. */
    public static String text(Node n) {
        Node c = n.is("TypeCast") ? n.node("arg") : n;
        if (!c.is("A_Const") || c.bool("isnull")) return null;
        if (c.has("sval")) return c.node("sval").str("sval");
        if (c.has("ival")) return Long.toString(c.node("ival").num("ival"));
        if (c.has("fval")) return c.node("fval").str("fval");
        if (c.has("boolval")) return c.node("boolval").bool("boolval") ? "t" : "f";
        if (c.has("bsval")) return c.node("bsval").str("bsval").substring(1);
        return "0";
    }

    /** The first $n of a statement, or null. */
    public static Node firstParameter(Node tree) {
        Node[] found = {null};
        TreeWalker.forEachNode(tree, n -> {
            if (found[0] == null && n.is("ParamRef")) found[0] = n;
        });
        return found[0];
    }

    /** SELECT of the expressions, to compute them. */
    public static Node selectOf(List<Node> expressions) {
        List<Node> targets = new ArrayList<>();
        for (Node e : expressions) targets.add(Node.of("ResTarget").set("val", e.copy()));
        return Node.of("SelectStmt").set("targetList", targets).set("op", "SETOP_NONE");
    }
}
