package dev.pgwire.serve.differential;

import dev.pgwire.client.PgConnection;
import dev.pgwire.serve.DuckDbSessionFactory;
import dev.pgwire.server.PgServer;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * serve speaks PostgreSQL's SQL: every statement of the differential corpus
 * ({@code src/test/resources/differential/<category>.sql}) runs on a throwaway PostgreSQL 15 and
 * on serve, each file in a fresh database per side, in order, in one session, and the outcomes
 * must agree (files run {@value #FILES_AT_ONCE} at a time: each has its own databases, and none
 * reads what another changes on the server, the roles of one alone) — success or SQLSTATE, command tag, column names, type OIDs, values as text —
 * unless the statement is listed with a reason in {@code differential/accepted-differences.txt}.
 *
 * <p>Writes {@code target/differential-report.md} (summary per category and both sides' outcomes
 * of every differing statement) and {@code target/differential-accepted-candidate.txt} (the
 * accepted-differences file as today's serve would need it). With
 * {@code -Ddifferential.report=true} differences do not fail the run, so the file can be
 * regenerated while serve changes; a corpus statement on which PostgreSQL itself does not behave
 * as the corpus says fails the run in either mode.
 *
 * <pre>
 * mvn -pl serve test -Dtest=DifferentialTest
 * mvn -pl serve test -Dtest=DifferentialTest -Ddifferential.report=true
 * </pre>
 */
@Tag("differential")
class DifferentialTest {
    static final String REPORT_MODE_PROPERTY = "differential.report";
    static final Path OUTPUT = Path.of("target");
    static final Path REPORT = OUTPUT.resolve("differential-report.md");
    static final Path CANDIDATE = OUTPUT.resolve("differential-accepted-candidate.txt");
    static final int FILES_AT_ONCE = 2;

    @Test
    // ~3 900 statements, two files at a time: about 2 minutes on two idle cores — a hang
    // stops it, a busy machine does not
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void serveAnswersTheCorpusAsPostgreSqlDoes() throws Exception {
        Path corpusDir = corpusDirectory();
        Map<String, List<CorpusStatement>> corpus = new LinkedHashMap<>();
        for (Path file : Corpus.files(corpusDir)) corpus.put(Corpus.category(file), Corpus.read(file));
        Map<String, String> accepted = AcceptedDifferences.read(corpusDir.resolve(AcceptedDifferences.FILE_NAME));

        List<DifferentialReport.Result> results = run(corpus);

        DifferentialReport report = new DifferentialReport(results, accepted);
        Files.createDirectories(OUTPUT);
        Files.writeString(REPORT, report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(CANDIDATE, report.candidateAcceptedFile(), StandardCharsets.UTF_8);
        System.out.println(report.summaryTable());
        System.out.println("report: " + REPORT.toAbsolutePath() + "\ncandidate accepted differences: " + CANDIDATE.toAbsolutePath());

        List<String> corpusProblems = report.corpusProblems();
        if (!corpusProblems.isEmpty()) {
            fail("The corpus is wrong: PostgreSQL does not behave as these statements say\n"
                    + String.join("\n", corpusProblems));
        }
        if (!report.clean() && !Boolean.getBoolean(REPORT_MODE_PROPERTY)) {
            fail(report.summaryTable() + "\n" + report.failureMessage() + "Full report: " + REPORT.toAbsolutePath()
                    + "\nCandidate accepted-differences file: " + CANDIDATE.toAbsolutePath());
        }
    }

    private static List<DifferentialReport.Result> run(Map<String, List<CorpusStatement>> corpus) throws Exception {
        List<DifferentialReport.Result> results = new ArrayList<>();
        ExecutorService files = Executors.newFixedThreadPool(FILES_AT_ONCE);
        try (PgCluster postgres = PgCluster.builder().auth(PgCluster.AuthMethod.TRUST).start();
             DuckDbSessionFactory engine = new DuckDbSessionFactory(dev.pgwire.serve.ServeOptions.inMemory().withCreateDatabasesOnConnect(true))) {
            PgServer serve = PgServer.builder().port(0).sessionFactory(engine).start();
            try (PgConnection admin = PgConnection.connect(postgresConninfo(postgres, "postgres"))) {
                for (String file : corpus.keySet()) admin.query("CREATE DATABASE diff_" + file);
                List<Future<List<DifferentialReport.Result>>> running = new ArrayList<>();
                for (Map.Entry<String, List<CorpusStatement>> file : corpus.entrySet()) {
                    running.add(files.submit(() -> runFile(postgres, serve, "diff_" + file.getKey(), file.getValue())));
                }
                for (Future<List<DifferentialReport.Result>> f : running) results.addAll(f.get());
            } finally {
                files.shutdownNow();
                serve.close();
            }
        }
        return results;
    }

    /** One file's statements, in order, each on both sides, in a session of database {@code database} per side. */
    private static List<DifferentialReport.Result> runFile(PgCluster postgres, PgServer serve, String database,
                                                           List<CorpusStatement> statements) {
        List<DifferentialReport.Result> results = new ArrayList<>();
        try (Endpoint pg = new Endpoint("PostgreSQL", postgresConninfo(postgres, database));
             Endpoint sv = new Endpoint("serve", serveConninfo(serve, database))) {
            for (CorpusStatement st : statements) {
                Outcome p = pg.run(st.sql());
                Outcome s = sv.run(st.sql());
                results.add(new DifferentialReport.Result(st, p, s, Comparison.differences(st, p, s)));
            }
        }
        return results;
    }

    static String postgresConninfo(PgCluster postgres, String database) {
        return postgres.conninfo(database) + " sslmode=disable";
    }

    static String serveConninfo(PgServer serve, String database) {
        return "host=127.0.0.1 port=" + serve.port() + " dbname=" + database + " user=postgres sslmode=disable";
    }

    private static Path corpusDirectory() throws URISyntaxException {
        URL url = DifferentialTest.class.getResource("/differential");
        assertThat(url).as("differential corpus on the test class path").isNotNull();
        assertThat(url.getProtocol()).as("corpus read from a directory").isEqualTo("file");
        return Path.of(url.toURI());
    }
}
