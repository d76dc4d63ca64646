package dev.pgwire.serve.sql;

/**
 * A window's frame clause from PostgreSQL's {@code frameOptions} bits ({@code FRAMEOPTION_*} in
 * PostgreSQL's parsenodes.h). A frame left at the default writes nothing.
 */
final class WindowFrame {
    private WindowFrame() {}

    static final int NONDEFAULT = 0x00001;
    static final int RANGE = 0x00002;
    static final int ROWS = 0x00004;
    static final int GROUPS = 0x00008;
    static final int BETWEEN = 0x00010;
    static final int START_UNBOUNDED_PRECEDING = 0x00020;
    static final int END_UNBOUNDED_PRECEDING = 0x00040;
    static final int START_UNBOUNDED_FOLLOWING = 0x00080;
    static final int END_UNBOUNDED_FOLLOWING = 0x00100;
    static final int START_CURRENT_ROW = 0x00200;
    static final int END_CURRENT_ROW = 0x00400;
    static final int START_OFFSET_PRECEDING = 0x00800;
    static final int END_OFFSET_PRECEDING = 0x01000;
    static final int START_OFFSET_FOLLOWING = 0x02000;
    static final int END_OFFSET_FOLLOWING = 0x04000;
    static final int EXCLUDE_CURRENT_ROW = 0x08000;
    static final int EXCLUDE_GROUP = 0x10000;
    static final int EXCLUDE_TIES = 0x20000;

    static void write(Emitter em, Node def, boolean afterOther) {
        int o = (int) def.num("frameOptions");
        if ((o & NONDEFAULT) == 0) return;
        SqlWriter w = em.w;
        if (afterOther) w.append(' ');
        w.append((o & ROWS) != 0 ? "ROWS " : (o & GROUPS) != 0 ? "GROUPS " : "RANGE ");
        if ((o & BETWEEN) != 0) w.append("BETWEEN ");
        bound(em, o, true, def.node("startOffset"));
        if ((o & BETWEEN) != 0) {
            w.append(" AND ");
            bound(em, o, false, def.node("endOffset"));
        }
        if ((o & EXCLUDE_CURRENT_ROW) != 0) w.append(" EXCLUDE CURRENT ROW");
        else if ((o & EXCLUDE_GROUP) != 0) w.append(" EXCLUDE GROUP");
        else if ((o & EXCLUDE_TIES) != 0) w.append(" EXCLUDE TIES");
    }

    private static void bound(Emitter em, int o, boolean start, Node offset) {
        SqlWriter w = em.w;
        if ((o & (start ? START_UNBOUNDED_PRECEDING : END_UNBOUNDED_PRECEDING)) != 0) {
            w.append("UNBOUNDED PRECEDING");
        } else if ((o & (start ? START_UNBOUNDED_FOLLOWING : END_UNBOUNDED_FOLLOWING)) != 0) {
            w.append("UNBOUNDED FOLLOWING");
        } else if ((o & (start ? START_CURRENT_ROW : END_CURRENT_ROW)) != 0) {
            w.append("CURRENT ROW");
        } else {
            em.expr(offset);
            w.append((o & (start ? START_OFFSET_PRECEDING : END_OFFSET_PRECEDING)) != 0 ? " PRECEDING" : " FOLLOWING");
        }
    }
}
