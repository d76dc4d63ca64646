package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.PgDeparse.E;
import dev.pgwire.serve.sql.PgDeparse.Type;
import dev.pgwire.serve.sql.PgDeparse.Var;

import java.util.ArrayList;
import java.util.List;

/** The names one query level sees, inside the enclosing query's. */
final class ViewScope {
    final ViewScope parent;
    final List<Item> items = new ArrayList<>();
    /** A join's USING columns, by name: the side's column an unqualified name stands for. */
    final List<Var> merged = new ArrayList<>();
    /** The CTEs a WITH clause of this level names: their columns. */
    final java.util.Map<String, Item> ctes = new java.util.HashMap<>();

    Item cte(String name) {
        for (ViewScope s = this; s != null; s = s.parent) {
            Item i = s.ctes.get(name);
            if (i != null) return i;
        }
        return null;
    }

    ViewScope(ViewScope parent) {
        this.parent = parent;
    }

    Var resolve(List<String> fields) {
        for (ViewScope s = this; s != null; s = s.parent) {
            Var v = s.resolveHere(fields);
            if (v != null) return v;
        }
        throw new ViewDeparse.Unknown();
    }

    private Var resolveHere(List<String> fields) {
        if (fields.size() == 1) {
            String name = fields.get(0);
            for (Var m : merged) if (m.name().equals(name)) return m;
            Var found = null;
            for (Item i : items) {
                Var v = i.column(name);
                if (v != null && found != null) throw new ViewDeparse.Unknown(); // ambiguous: PostgreSQL refuses it
                if (v != null) found = v;
            }
            return found;
        }
        if (fields.size() == 2) {
            for (Item i : items) {
                if (i.refname().equals(fields.get(0))) {
                    Var v = i.column(fields.get(1));
                    if (v == null) throw new ViewDeparse.Unknown();
                    return v;
                }
            }
            return null;
        }
        throw new ViewDeparse.Unknown();
    }

    /** A FROM item: the name it is referred to by and its columns. */
    record Item(String refname, List<String> names, List<Type> types) {
        Var column(String name) {
            int i = names.indexOf(name);
            return i < 0 ? null : new Var(refname, name, types.get(i));
        }

        List<E> all() {
            List<E> out = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) out.add(new Var(refname, names.get(i), types.get(i)));
            return out;
        }
    }
}
