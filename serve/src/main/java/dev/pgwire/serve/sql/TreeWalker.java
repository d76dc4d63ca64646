package dev.pgwire.serve.sql;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Visits every node of a tree, parents before children, without recursion. */
public final class TreeWalker {
    private TreeWalker() {}

    public static void forEachNode(Node root, Consumer<Node> visitor) {
        ArrayDeque<Object> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Object o = stack.pop();
            if (o instanceof Node n) {
                visitor.accept(n);
                for (Map.Entry<String, Object> e : n.fields().entrySet()) push(stack, e.getValue());
            } else if (o instanceof List<?> l) {
                for (int i = l.size() - 1; i >= 0; i--) push(stack, l.get(i));
            }
        }
    }

    /** Every node of the tree, parents first. */
    static java.util.List<Node> nodes(Node root) {
        java.util.List<Node> out = new java.util.ArrayList<>();
        forEachNode(root, out::add);
        return out;
    }

    private static void push(ArrayDeque<Object> stack, Object v) {
        if (v instanceof Node || v instanceof List<?>) stack.push(v);
    }
}
