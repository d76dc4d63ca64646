package dev.pgwire.serve.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results of one run against the accepted differences: what is new, what is accepted, what
 * no longer differs, and what the corpus itself got wrong; the per-category summary; the
 * markdown report and the candidate accepted-differences file.
 */
final class DifferentialReport {

    /** One statement as both sides answered it. */
    record Result(CorpusStatement statement, Outcome postgres, Outcome serve, List<String> differences) {
        boolean differs() {
            return !differences.isEmpty();
        }
    }

    private final List<Result> results;
    private final Map<String, String> accepted;
    private final Set<String> ids = new LinkedHashSet<>();

    DifferentialReport(List<Result> results, Map<String, String> accepted) {
        this.results = results;
        this.accepted = accepted;
        for (Result r : results) ids.add(r.statement().id());
    }

    List<Result> newDifferences() {
        return results.stream().filter(r -> r.differs() && !accepted.containsKey(r.statement().id())).toList();
    }

    List<Result> noLongerDifferent() {
        return results.stream().filter(r -> !r.differs() && accepted.containsKey(r.statement().id())).toList();
    }

    /** Accepted ids the corpus does not have (renamed or removed statements). */
    List<String> unknownAcceptedIds() {
        return accepted.keySet().stream().filter(id -> !ids.contains(id)).toList();
    }

    /** Statements whose PostgreSQL outcome is not what the corpus says: the corpus is wrong. */
    List<String> corpusProblems() {
        List<String> out = new ArrayList<>();
        for (Result r : results) {
            String problem = Comparison.corpusProblem(r.statement(), r.postgres());
            if (problem != null) {
                out.add(r.statement().id() + " (" + r.statement().location() + "): " + problem
                        + "\n    " + Texts.oneLine(r.statement().sql()));
            }
        }
        return out;
    }

    boolean clean() {
        return newDifferences().isEmpty() && noLongerDifferent().isEmpty() && unknownAcceptedIds().isEmpty();
    }

    /** The accepted-differences file as it would be for today's serve: kept reasons, "not yet: …" for new ones. */
    String candidateAcceptedFile() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Result r : results) {
            if (!r.differs()) continue;
            String id = r.statement().id();
            entries.put(id, accepted.getOrDefault(id, "not yet: " + shortSummary(r.differences())));
        }
        return AcceptedDifferences.format(entries);
    }

    /** The first way a statement differs, and how many more there are. */
    static String shortSummary(List<String> differences) {
        String first = Texts.shorten(differences.get(0), 140);
        return differences.size() == 1 ? first : first + " (+" + (differences.size() - 1) + " more)";
    }

    /** A markdown table: per category, statements, same, accepted, new differences, no longer different. */
    String summaryTable() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Result r : results) {
            int[] c = counts.computeIfAbsent(r.statement().category(), k -> new int[5]);
            boolean isAccepted = accepted.containsKey(r.statement().id());
            c[0]++;
            if (!r.differs()) c[1]++;
            if (r.differs() && isAccepted) c[2]++;
            if (r.differs() && !isAccepted) c[3]++;
            if (!r.differs() && isAccepted) c[4]++;
        }
        int[] total = new int[5];
        StringBuilder b = new StringBuilder("| category | statements | same | accepted | new differences | no longer different |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        counts.forEach((category, c) -> {
            row(b, category, c);
            for (int i = 0; i < 5; i++) total[i] += c[i];
        });
        row(b, "**total**", total);
        return b.toString();
    }

    private static void row(StringBuilder b, String name, int[] c) {
        b.append("| ").append(name);
        for (int v : c) b.append(" | ").append(v);
        b.append(" |\n");
    }

    /** Why the run fails, with both sides' outcomes for every new difference; empty when it does not. */
    String failureMessage() {
        StringBuilder b = new StringBuilder();
        List<Result> fresh = newDifferences();
        if (!fresh.isEmpty()) {
            b.append(fresh.size()).append(" statements differ from PostgreSQL and are not in ")
                    .append(AcceptedDifferences.FILE_NAME).append(":\n\n");
            for (Result r : fresh) b.append(details(r)).append('\n');
        }
        List<Result> fixed = noLongerDifferent();
        if (!fixed.isEmpty()) {
            b.append(fixed.size()).append(" statements in ").append(AcceptedDifferences.FILE_NAME)
                    .append(" no longer differ; remove them:\n");
            for (Result r : fixed) b.append("  ").append(r.statement().id()).append('\n');
            b.append('\n');
        }
        List<String> unknown = unknownAcceptedIds();
        if (!unknown.isEmpty()) {
            b.append(unknown.size()).append(" ids in ").append(AcceptedDifferences.FILE_NAME)
                    .append(" are not in the corpus:\n");
            for (String id : unknown) b.append("  ").append(id).append('\n');
            b.append('\n');
        }
        return b.toString();
    }

    /** The whole run as markdown: the summary, then every differing statement with both outcomes. */
    String markdown() {
        StringBuilder b = new StringBuilder("# serve against PostgreSQL 15: differential corpus\n\n")
                .append(summaryTable()).append('\n');
        appendSection(b, "New differences", newDifferences());
        appendSection(b, "Accepted differences that no longer differ", noLongerDifferent());
        List<Result> acceptedNow = results.stream()
                .filter(r -> r.differs() && accepted.containsKey(r.statement().id())).toList();
        appendSection(b, "Accepted differences", acceptedNow);
        return b.toString();
    }

    private void appendSection(StringBuilder b, String title, List<Result> section) {
        if (section.isEmpty()) return;
        b.append("## ").append(title).append(" (").append(section.size()).append(")\n\n```\n");
        for (Result r : section) b.append(details(r)).append('\n');
        b.append("```\n\n");
    }

    private String details(Result r) {
        CorpusStatement st = r.statement();
        String indent = "              ";
        StringBuilder b = new StringBuilder(st.id()).append("  (").append(st.location()).append(")\n");
        b.append("  SQL:        ").append(st.sql().replace("\n", "\n" + indent)).append('\n');
        b.append("  PostgreSQL: ").append(Outcome.describe(r.postgres(), indent)).append('\n');
        b.append("  serve:      ").append(Outcome.describe(r.serve(), indent)).append('\n');
        if (r.differs()) b.append("  differs:    ").append(String.join("\n" + indent, r.differences())).append('\n');
        String reason = accepted.get(st.id());
        if (reason != null) b.append("  accepted:   ").append(reason).append('\n');
        return b.toString();
    }
}
