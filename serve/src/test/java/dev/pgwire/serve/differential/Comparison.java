package dev.pgwire.serve.differential;

import dev.pgwire.serve.differential.Outcome.Column;
import dev.pgwire.serve.differential.Outcome.Failure;
import dev.pgwire.serve.differential.Outcome.Success;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules by which serve's outcome is compared with PostgreSQL's: success or SQLSTATE (and the
 * constraint name of integrity violations), command tag, column names, type OIDs, and every value
 * as text. OIDs assigned at run time (user-defined types) compare as equal to each other.
 */
final class Comparison {
    private static final int MAX_VALUE_DIFFERENCES = 3;
    private static final int MAX_MESSAGE = 120;

    private Comparison() {
    }

    /** Why PostgreSQL's own outcome is not what the corpus expects (the corpus is wrong), or null. */
    static String corpusProblem(CorpusStatement st, Outcome pg) {
        if (st.expectedError() != null) {
            if (pg instanceof Failure f && f.sqlState().equals(st.expectedError())) return null;
            return "expected PostgreSQL to fail with " + st.expectedError() + " but got " + Outcome.describe(pg, "  ");
        }
        if (pg instanceof Failure f) return "PostgreSQL failed: " + Outcome.describe(f, "  ");
        if (st.valuePattern() != null) {
            for (List<String> row : ((Success) pg).rows()) {
                for (String v : row) {
                    if (v != null && !st.valuePattern().matcher(v).matches()) {
                        return "PostgreSQL's value " + Texts.quoteValue(v) + " does not match " + st.valuePattern();
                    }
                }
            }
        }
        return null;
    }

    /** How serve's outcome differs from PostgreSQL's, one short line per aspect; empty when they agree. */
    static List<String> differences(CorpusStatement st, Outcome pg, Outcome serve) {
        List<String> out = new ArrayList<>();
        if (pg instanceof Failure p && serve instanceof Failure s) {
            if (!p.sqlState().equals(s.sqlState())) {
                out.add("SQLSTATE: PG " + p.sqlState() + ", serve " + s.sqlState() + " (" + message(s) + ")");
            } else if (p.sqlState().startsWith("23") && !Objects.equals(p.constraint(), s.constraint())) {
                out.add("constraint: PG " + p.constraint() + ", serve " + s.constraint());
            }
        } else if (pg instanceof Failure p) {
            out.add("serve succeeds (" + serve.summary() + ") where PG fails with " + p.sqlState());
        } else if (serve instanceof Failure s) {
            out.add("serve fails: " + s.sqlState() + " " + message(s));
        } else {
            compareSuccesses(st.valuePattern(), (Success) pg, (Success) serve, out);
        }
        return out;
    }

    private static void compareSuccesses(Pattern pattern, Success pg, Success serve, List<String> out) {
        if (!Objects.equals(pg.tag(), serve.tag())) {
            out.add("command tag: PG " + Texts.quoteValue(pg.tag()) + ", serve " + Texts.quoteValue(serve.tag()));
        }
        List<Column> pc = pg.columns();
        List<Column> sc = serve.columns();
        if (pc.size() != sc.size()) {
            out.add("columns: PG " + pc + ", serve " + sc);
        } else {
            for (int i = 0; i < pc.size(); i++) {
                if (!pc.get(i).name().equals(sc.get(i).name())) {
                    out.add("column " + (i + 1) + " name: PG " + Texts.quoteName(pc.get(i).name())
                            + ", serve " + Texts.quoteName(sc.get(i).name()));
                }
                if (!pc.get(i).sameType(sc.get(i))) {
                    out.add("column " + (i + 1) + " type: PG " + pc.get(i).typeName() + ", serve " + sc.get(i).typeName());
                }
            }
        }
        if (pg.rows().size() != serve.rows().size()) {
            out.add("rows: PG " + pg.rows().size() + ", serve " + serve.rows().size());
            return;
        }
        int differing = 0;
        for (int r = 0; r < pg.rows().size(); r++) {
            List<String> pr = pg.rows().get(r);
            List<String> sr = serve.rows().get(r);
            if (pr.size() != sr.size()) {
                if (differing++ < MAX_VALUE_DIFFERENCES) out.add("row " + (r + 1) + ": PG " + Texts.row(pr) + ", serve " + Texts.row(sr));
                continue;
            }
            for (int c = 0; c < pr.size(); c++) {
                if (sameValue(pattern, pr.get(c), sr.get(c))) continue;
                if (differing++ < MAX_VALUE_DIFFERENCES) {
                    String column = c < pc.size() ? " " + Texts.quoteName(pc.get(c).name()) : " column " + (c + 1);
                    out.add("row " + (r + 1) + column + ": PG " + Texts.quoteValue(pr.get(c))
                            + ", serve " + Texts.quoteValue(sr.get(c)));
                }
            }
        }
        if (differing > MAX_VALUE_DIFFERENCES) out.add("… " + (differing - MAX_VALUE_DIFFERENCES) + " more differing values");
    }

    private static boolean sameValue(Pattern pattern, String pg, String serve) {
        if (pattern == null || pg == null || serve == null) return Objects.equals(pg, serve);
        return pattern.matcher(pg).matches() && pattern.matcher(serve).matches();
    }

    private static String message(Failure f) {
        return Texts.shorten(Texts.oneLine(f.message()), MAX_MESSAGE);
    }
}
