package dev.pgwire.serve.differential;

import dev.pgwire.client.PgConnection;
import dev.pgwire.serve.DuckDbSessionFactory;
import dev.pgwire.server.PgServer;
import dev.pgwire.testkit.PgCluster;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class ScratchCategoryTest {
    @Test
    void run() throws Exception {
        Path file = Path.of(System.getProperty("scratch.file"));
        List<CorpusStatement> statements = Corpus.read(file);
        Map<String, String> accepted = Map.of();
        List<DifferentialReport.Result> results = new ArrayList<>();
        try (PgCluster postgres = PgCluster.builder().auth(PgCluster.AuthMethod.TRUST).start();
             DuckDbSessionFactory engine = new DuckDbSessionFactory(dev.pgwire.serve.ServeOptions.inMemory().withCreateDatabasesOnConnect(true))) {
            PgServer serve = PgServer.builder().port(0).sessionFactory(engine).start();
            try (PgConnection admin = PgConnection.connect(DifferentialTest.postgresConninfo(postgres, "postgres"))) {
                admin.query("CREATE DATABASE scratch");
                try (Endpoint pg = new Endpoint("PostgreSQL", DifferentialTest.postgresConninfo(postgres, "scratch"));
                     Endpoint sv = new Endpoint("serve", DifferentialTest.serveConninfo(serve, "scratch"))) {
                    for (CorpusStatement st : statements) {
                        Outcome p = pg.run(st.sql());
                        Outcome s = sv.run(st.sql());
                        results.add(new DifferentialReport.Result(st, p, s, Comparison.differences(st, p, s)));
                    }
                }
            } finally {
                serve.close();
            }
        }
        DifferentialReport report = new DifferentialReport(results, accepted);
        Files.writeString(Path.of("target/scratch-report.md"), report.markdown());
        System.out.println(report.summaryTable());
    }
}
