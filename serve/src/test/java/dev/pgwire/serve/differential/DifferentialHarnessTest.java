package dev.pgwire.serve.differential;

import dev.pgwire.serve.differential.Outcome.Column;
import dev.pgwire.serve.differential.Outcome.Failure;
import dev.pgwire.serve.differential.Outcome.Success;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The corpus format, the comparison rules and the accepted-differences file, without servers. */
class DifferentialHarnessTest {

    static CorpusStatement statement(String sql) {
        return Corpus.parse("t", List.of("-- name: s", sql)).get(0);
    }

    @SafeVarargs
    static Success rows(String tag, List<Column> columns, List<String>... rows) {
        return new Success(tag, columns, List.of(rows));
    }

    @Test
    void aStatementRunsFromItsNameLineToTheNextWithDirectivesCommentsAndSemicolonDropped() {
        List<CorpusStatement> parsed = Corpus.parse("numeric", List.of(
                "-- Header comment.",
                "",
                "-- name: create",
                "CREATE TABLE t (",
                "    -- a comment inside",
                "    x int",
                ");",
                "",
                "-- name: overflow",
                "-- expect-error: 22003",
                "SELECT 1000::numeric(5,2);",
                "-- name: version",
                "-- match: PostgreSQL 15\\..*",
                "SELECT version()"));

        assertThat(parsed).extracting(CorpusStatement::id)
                .containsExactly("numeric:create", "numeric:overflow", "numeric:version");
        assertThat(parsed.get(0).sql()).isEqualTo("CREATE TABLE t (\n    x int\n)");
        assertThat(parsed.get(0).line()).isEqualTo(3);
        assertThat(parsed.get(1).expectedError()).isEqualTo("22003");
        assertThat(parsed.get(1).sql()).isEqualTo("SELECT 1000::numeric(5,2)");
        assertThat(parsed.get(2).valuePattern().pattern()).isEqualTo("PostgreSQL 15\\..*");
    }

    @Test
    void duplicateNamesSqlWithoutNameAndLateDirectivesAreRefused() {
        assertThatThrownBy(() -> Corpus.parse("t", List.of("-- name: a", "SELECT 1", "-- name: a", "SELECT 2")))
                .hasMessageContaining("t.sql:3").hasMessageContaining("duplicate name a");
        assertThatThrownBy(() -> Corpus.parse("t", List.of("SELECT 1")))
                .hasMessageContaining("before the first -- name:");
        assertThatThrownBy(() -> Corpus.parse("t", List.of("-- name: a", "SELECT 1", "-- expect-error: 22003")))
                .hasMessageContaining("right after a -- name: line");
        assertThatThrownBy(() -> Corpus.parse("t", List.of("-- name: a", "-- expect-error: oops", "SELECT 1")))
                .hasMessageContaining("not a SQLSTATE");
        assertThatThrownBy(() -> Corpus.parse("t", List.of("-- name: a", "-- name: b", "SELECT 1")))
                .hasMessageContaining("statement a has no SQL");
    }

    @Test
    void equalOutcomesDoNotDifferAndUserDefinedTypeOidsCompareAsEqual() {
        CorpusStatement st = statement("SELECT m FROM moods");
        Success pg = rows("SELECT 1", List.of(new Column("m", 16496)), List.of("happy"));
        Success serve = rows("SELECT 1", List.of(new Column("m", 20001)), List.of("happy"));

        assertThat(Comparison.differences(st, pg, serve)).isEmpty();
    }

    @Test
    void tagColumnNameTypeAndValueDifferencesAreEachReported() {
        CorpusStatement st = statement("SELECT 1.50 AS price");
        Success pg = rows("SELECT 1", List.of(new Column("price", 1700)), List.of("1.50"));
        Success serve = rows("SELECT 2", List.of(new Column("(1.50)", 701)), List.of("1.5"));

        assertThat(Comparison.differences(st, pg, serve)).containsExactly(
                "command tag: PG 'SELECT 1', serve 'SELECT 2'",
                "column 1 name: PG \"price\", serve \"(1.50)\"",
                "column 1 type: PG numeric, serve float8",
                "row 1 \"price\": PG '1.50', serve '1.5'");
    }

    @Test
    void nullDiffersFromTheTextNull() {
        CorpusStatement st = statement("SELECT x");
        Success pg = rows("SELECT 1", List.of(new Column("x", 25)), Arrays.asList((String) null));
        Success serve = rows("SELECT 1", List.of(new Column("x", 25)), List.of("NULL"));

        assertThat(Comparison.differences(st, pg, serve)).containsExactly("row 1 \"x\": PG NULL, serve 'NULL'");
    }

    @Test
    void errorsCompareBySqlStateAndIntegrityViolationsByConstraintName() {
        CorpusStatement st = statement("INSERT INTO t VALUES (1)");
        Failure pg = new Failure("23505", "t_pkey", "duplicate key value violates unique constraint \"t_pkey\"");

        assertThat(Comparison.differences(st, pg, new Failure("23505", "t_pkey", "other words"))).isEmpty();
        assertThat(Comparison.differences(st, pg, new Failure("23505", null, "duplicate key")))
                .containsExactly("constraint: PG t_pkey, serve null");
        assertThat(Comparison.differences(st, pg, new Failure("XX000", null, "boom")))
                .containsExactly("SQLSTATE: PG 23505, serve XX000 (boom)");
        assertThat(Comparison.differences(st, pg, rows("INSERT 0 1", List.of())))
                .containsExactly("serve succeeds (INSERT 0 1) where PG fails with 23505");
        assertThat(Comparison.differences(st, rows("INSERT 0 1", List.of()), new Failure("42P01", null, "no table")))
                .containsExactly("serve fails: 42P01 no table");
    }

    @Test
    void aMatchPatternComparesValuesByPatternAndChecksPostgresOwnValue() {
        List<CorpusStatement> parsed = Corpus.parse("t", List.of("-- name: v", "-- match: PostgreSQL 15\\..*", "SELECT version()"));
        CorpusStatement st = parsed.get(0);
        List<Column> columns = List.of(new Column("version", 25));
        Success pg = rows("SELECT 1", columns, List.of("PostgreSQL 15.18 (Debian) on x86_64"));

        assertThat(Comparison.differences(st, pg, rows("SELECT 1", columns, List.of("PostgreSQL 15.0 (serve)")))).isEmpty();
        assertThat(Comparison.differences(st, pg, rows("SELECT 1", columns, List.of("DuckDB v1")))).hasSize(1);
        assertThat(Comparison.corpusProblem(st, pg)).isNull();
        assertThat(Comparison.corpusProblem(st, rows("SELECT 1", columns, List.of("PostgreSQL 16.1"))))
                .contains("does not match");
    }

    @Test
    void theCorpusIsWrongWhenPostgresDoesNotFailOrSucceedAsItSays() {
        List<CorpusStatement> parsed = Corpus.parse("t", List.of(
                "-- name: must_fail", "-- expect-error: 22003", "SELECT 1",
                "-- name: must_succeed", "SELECT 1"));
        Success ok = rows("SELECT 1", List.of(new Column("?column?", 23)), List.of("1"));

        assertThat(Comparison.corpusProblem(parsed.get(0), ok)).contains("expected PostgreSQL to fail with 22003");
        assertThat(Comparison.corpusProblem(parsed.get(0), new Failure("22012", null, "division by zero")))
                .contains("expected PostgreSQL to fail with 22003");
        assertThat(Comparison.corpusProblem(parsed.get(0), new Failure("22003", null, "out of range"))).isNull();
        assertThat(Comparison.corpusProblem(parsed.get(1), new Failure("42601", null, "syntax error")))
                .contains("PostgreSQL failed");
    }

    @Test
    void acceptedDifferencesAreIdTabReasonLinesAndTheReportKeepsThemHonest() {
        Map<String, String> accepted = AcceptedDifferences.parse(List.of(
                "# comment", "", "t:a\tnot yet: names", "t:gone\tremoved statement", "t:same\tfixed meanwhile"));
        assertThat(accepted).containsOnlyKeys("t:a", "t:gone", "t:same");
        assertThatThrownBy(() -> AcceptedDifferences.parse(List.of("t:a no tab")))
                .hasMessageContaining("<id><TAB><reason>");
        assertThatThrownBy(() -> AcceptedDifferences.parse(List.of("t:a\tx", "t:a\ty")))
                .hasMessageContaining("duplicate id t:a");

        List<CorpusStatement> corpus = Corpus.parse("t", List.of(
                "-- name: a", "SELECT 1", "-- name: b", "SELECT 2", "-- name: same", "SELECT 3"));
        Success one = rows("SELECT 1", List.of(new Column("?column?", 23)), List.of("1"));
        Success other = rows("SELECT 1", List.of(new Column("x", 23)), List.of("1"));
        DifferentialReport report = new DifferentialReport(List.of(
                new DifferentialReport.Result(corpus.get(0), one, other, Comparison.differences(corpus.get(0), one, other)),
                new DifferentialReport.Result(corpus.get(1), one, other, Comparison.differences(corpus.get(1), one, other)),
                new DifferentialReport.Result(corpus.get(2), one, one, List.of())), accepted);

        assertThat(report.newDifferences()).extracting(r -> r.statement().id()).containsExactly("t:b");
        assertThat(report.noLongerDifferent()).extracting(r -> r.statement().id()).containsExactly("t:same");
        assertThat(report.unknownAcceptedIds()).containsExactly("t:gone");
        assertThat(report.clean()).isFalse();
        assertThat(report.candidateAcceptedFile()).endsWith(
                "t:a\tnot yet: names\nt:b\tnot yet: column 1 name: PG \"?column?\", serve \"x\"\n");
        assertThat(report.summaryTable()).contains("| t | 3 | 1 | 1 | 1 | 1 |");
    }
}
