package dev.pgwire.serve.sql;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Helpers for rewrites that replace parts of a tree in place. */
final class Rewrites {
    private Rewrites() {}

    /**
     * Offers every node to {@code replace}, parents first; a non-null answer takes the node's place
     * and is not visited further. Iterative, so no tree can drive it into deep recursion.
     */
    @SuppressWarnings("unchecked")
    static void replaceExpressions(Node root, Function<Node, Node> replace) {
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (Map.Entry<String, Object> e : n.fields().entrySet()) {
                Object v = e.getValue();
                if (v instanceof Node child) {
                    Node r = replace.apply(child);
                    if (r != null) n.set(e.getKey(), r); else stack.push(child);
                } else if (v instanceof List<?> list) {
                    List<Object> items = (List<Object>) list;
                    for (int i = 0; i < items.size(); i++) {
                        if (items.get(i) instanceof Node child) {
                            Node r = replace.apply(child);
                            if (r != null) items.set(i, r); else stack.push(child);
                        }
                    }
                }
            }
        }
    }
}
