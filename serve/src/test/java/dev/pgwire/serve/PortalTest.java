package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.Parameters;
import dev.pgwire.server.spi.Portal;
import dev.pgwire.server.spi.PreparedStatement;
import dev.pgwire.server.spi.Session;
import dev.pgwire.server.spi.TransactionStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Prepared statements and portals of a DuckDB session, driven through the handler SPI as the server drives them. */
class PortalTest extends SessionTestSupport {

    static Parameters text(int[] types, String... values) {
        byte[][] raw = new byte[values.length][];
        for (int i = 0; i < values.length; i++) raw[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        return new Parameters(types, new short[values.length], raw);
    }

    static Portal bind(PreparedStatement st, String... values) throws Exception {
        return st.bind(text(st.parameterTypes(), values));
    }

    /** One Execute: the rows it wrote, and whether the portal was suspended. */
    record Step(List<List<String>> rows, boolean suspended, String tag) {
    }

    static Step execute(Portal p, int maxRows) throws Exception {
        RecordingSink sink = new RecordingSink();
        List<Column> columns = p.columns();
        if (columns != null) sink.describeColumns(columns);
        boolean suspended = p.execute(maxRows, sink);
        return new Step(sink.rows, suspended, sink.tag);
    }

    @Test
    void executeWithARowLimitSuspendsAndTheNextExecuteContinues() throws Exception {
        run("CREATE TABLE five AS SELECT range::INT AS x FROM range(1, 6)");
        Portal p = bind(session.prepare("SELECT x FROM five WHERE x >= $1 ORDER BY x", new int[0]), "1");
        Step first = execute(p, 2);
        assertThat(first.suspended()).isTrue();
        assertThat(first.rows()).containsExactly(List.of("1"), List.of("2"));
        assertThat(execute(p, 2).rows()).containsExactly(List.of("3"), List.of("4"));
        Step last = execute(p, 2);
        assertThat(last.suspended()).isFalse();
        assertThat(last.rows()).containsExactly(List.of("5"));
        assertThat(last.tag()).isEqualTo("SELECT 1");
    }

    @Test
    void anErrorDuckDbMeetsAfterHandingOverRowsFailsTheExecuteThatReachesIt() throws Exception {
        // DuckDB streams about a million rows ahead before it meets the bad value, and then ends the
        // chunks as if the result were complete: the error must still come out
        Portal p = bind(session.prepare("SELECT CAST(CASE WHEN range = 3000000 THEN 'x' ELSE CAST(range AS VARCHAR) END AS INTEGER) AS v "
                + "FROM range(1, 3000100)", new int[0]));
        Step first = execute(p, 3);
        assertThat(first.suspended()).isTrue();
        assertThat(first.rows()).containsExactly(List.of("1"), List.of("2"), List.of("3"));
        RecordingSink rest = new RecordingSink();
        rest.keepRows = false;
        rest.describeColumns(p.columns());
        assertThatThrownBy(() -> p.execute(0, rest)).isInstanceOfSatisfying(PgException.class,
                e -> assertThat(e.sqlState()).isEqualTo("22P02"));
        assertThat(rest.count).isLessThan(3_000_000 - 3);
    }

    @Test
    void aSuspendedPortalKeepsItsRowsWhenOtherStatementsRunInBetween() throws Exception {
        run("CREATE TABLE nums AS SELECT range::INT AS x FROM range(10000)");
        PreparedStatement st = session.prepare("SELECT x FROM nums WHERE x < $1 ORDER BY x", new int[0]);
        Portal a = bind(st, "10000");
        Portal b = bind(st, "3");
        assertThat(execute(a, 100).rows()).hasSize(100).first().isEqualTo(List.of("0"));
        // DuckDB runs one result at a time per connection: these must not disturb portal a
        assertThat(execute(b, 0).rows()).containsExactly(List.of("0"), List.of("1"), List.of("2"));
        run("INSERT INTO nums VALUES (-1)");
        assertThat(run("SELECT count(*) FROM nums").value()).isEqualTo("10001");
        Step rest = execute(a, 0);
        assertThat(rest.rows()).hasSize(9900);
        assertThat(rest.rows().get(0)).containsExactly("100");
        assertThat(rest.rows().get(9899)).containsExactly("9999");
    }

    /** Executes of {@code maxRows} until the portal completes, {@code between} after each suspension: the rows, counted. */
    static long drain(Portal p, int maxRows, Runnable between) throws Exception {
        long rows = 0;
        while (true) {
            RecordingSink sink = new RecordingSink();
            sink.keepRows = false;
            sink.describeColumns(p.columns());
            boolean suspended = p.execute(maxRows, sink);
            rows += sink.count;
            if (!suspended) return rows;
            between.run();
        }
    }

    @Test
    void aPortalReadWithASmallRowLimitKeepsNoRowsOfItsOwnBetweenExecutes() throws Exception {
        Portal p = bind(session.prepare("SELECT range AS id, 'row ' || range AS label, range % 2 = 0 AS even, "
                + "CAST(range AS DECIMAL(12,2)) / 7 AS n FROM range(300000)", new int[0]));
        long[] suspensions = {0};
        long rows = drain(p, 100, () -> {
            suspensions[0]++;
            // every row still comes from DuckDB's open result
            assertThat(((DuckDbPortal) p).heldRows()).isNull();
        });
        assertThat(rows).isEqualTo(300_000);
        assertThat(suspensions[0]).isEqualTo(3_000); // the last Execute finds no rows left and completes, as in PostgreSQL
    }

    /** Vector-read columns and columns read through the driver, with NULLs, for the rows a suspended portal keeps. */
    static final String HELD_ROWS = "SELECT range AS id, CAST(range AS DOUBLE) / 3 AS f, CAST(range AS DECIMAL(12,2)) / 7 AS n, "
            + "CAST('2024-01-01 00:00:00+00' AS TIMESTAMPTZ) + range * INTERVAL '1 second' AS tz, range * INTERVAL '1 day' AS iv, "
            + "CASE WHEN range % 5 = 0 THEN NULL ELSE 'v' || range END AS s, ARRAY[range, NULL] AS a, "
            + "CAST('2024-01-01' AS DATE) + CAST(range AS INTEGER) AS d, ROW(range, 'a b') AS r FROM range(40000) ORDER BY range";

    @Test
    void aSuspendedPortalOverALargeResultKeepsABoundedNumberOfRowsInMemoryWhenAnotherStatementRuns() throws Exception {
        for (String sql : new String[] {HELD_ROWS, HELD_ROWS.replace(", ARRAY[range, NULL] AS a", "")}) {
            PreparedStatement st = session.prepare(sql, new int[0]);
            List<List<String>> expected = execute(bind(st), 0).rows();
            assertThat(expected).hasSize(40_000);
            Portal p = bind(st);
            Step first = execute(p, 10);
            assertThat(first.suspended()).isTrue();
            assertThat(run("SELECT 1").value()).isEqualTo("1");
            HeldRows held = ((DuckDbPortal) p).heldRows();
            assertThat(held.peakInMemory()).isEqualTo(HeldRows.MEMORY_ROWS);
            assertThat(held.inFile()).isEqualTo(40_000 - 10 - HeldRows.MEMORY_ROWS);
            List<List<String>> got = new java.util.ArrayList<>(first.rows());
            Step next = execute(p, 5000);
            assertThat(next.suspended()).isTrue();
            got.addAll(next.rows());
            run("SELECT 2"); // nothing more to let go of
            Step rest = execute(p, 0);
            assertThat(rest.suspended()).isFalse();
            assertThat(rest.tag()).isEqualTo("SELECT " + (40_000 - 5010));
            got.addAll(rest.rows());
            assertThat(got).isEqualTo(expected);
        }
    }

    @Test
    void closingASuspendedPortalFreesTheConnection() throws Exception {
        Portal p = bind(session.prepare("SELECT * FROM range(1000000)", new int[0]));
        assertThat(execute(p, 5).suspended()).isTrue();
        p.close();
        assertThat(run("SELECT 42").value()).isEqualTo("42");
    }

    @Test
    void closingTheSessionWithASuspendedPortalReleasesEverything() throws Exception {
        DuckDbSession other = open("test");
        Portal p = bind(other.prepare("SELECT * FROM range(10000000)", new int[0]));
        assertThat(execute(p, 1).suspended()).isTrue();
        other.close();
        assertThat(run("SELECT 1").value()).isEqualTo("1");
    }

    @Test
    void parameterTypesComeFromTheClientThenFromDuckDbThenText() throws Exception {
        run("CREATE TABLE typed (i INT, ts TIMESTAMPTZ, n DECIMAL(10,2))");
        PreparedStatement st = session.prepare("SELECT $1, n FROM typed WHERE i = $2 AND ts < $3",
                new int[] {PgType.INT8.oid(), 0, 0});
        assertThat(st.parameterTypes()).containsExactly(PgType.INT8.oid(), PgType.INT4.oid(), PgType.TIMESTAMPTZ.oid());
        assertThat(st.columns()).extracting(Column::typeOid).containsExactly(PgType.INT8.oid(), PgType.NUMERIC.oid());
        assertThat(session.prepare("SELECT $1 AS v", new int[0]).parameterTypes()).containsExactly(PgType.TEXT.oid());
        // the client may declare more parameters than the statement uses
        assertThat(session.prepare("SELECT 1", new int[] {PgType.INT4.oid()}).parameterTypes()).containsExactly(PgType.INT4.oid());
    }

    @Test
    void anUntypedOperandTakesTheOtherOperandsTypeAsInPostgres() throws Exception {
        run("CREATE TABLE acct (id INT, balance DECIMAL(12,2), opened DATE)");
        run("INSERT INTO acct VALUES (1, 10.50, DATE '2024-01-31')");
        PreparedStatement plusOne = session.prepare("SELECT $1 + 1 AS n", new int[0]);
        assertThat(plusOne.parameterTypes()).containsExactly(PgType.INT4.oid());
        assertThat(execute(bind(plusOne, "41"), 0).rows()).containsExactly(List.of("42"));
        PreparedStatement update = session.prepare("UPDATE acct SET balance = balance + $1 WHERE id = $2", new int[0]);
        assertThat(update.parameterTypes()).containsExactly(PgType.NUMERIC.oid(), PgType.INT4.oid());
        execute(bind(update, "0.25", "1"), 0);
        PreparedStatement later = session.prepare("SELECT balance, $1 * balance, $2 || opened FROM acct", new int[0]);
        assertThat(later.parameterTypes()).containsExactly(PgType.NUMERIC.oid(), PgType.TEXT.oid());
        // PostgreSQL shows 21.50 (the product's display scale); serve keeps no display scale for numeric without a
        // modifier and shows the digits the value has
        assertThat(execute(bind(later, "2", "on "), 0).rows()).containsExactly(List.of("10.75", "21.5", "on 2024-01-31"));
    }

    /** {@code x = ANY($1)}: an array parameter, declared (psycopg's int2[] for a list) or not (a list of str). */
    @Test
    void anArrayParameterOfAnyIsTheDeclaredArrayOrAnArrayOfTheOtherOperandsType() throws Exception {
        run("CREATE TABLE kinds (k TEXT, stamp TIMESTAMPTZ)");
        run("INSERT INTO kinds VALUES ('r', TIMESTAMPTZ '2024-01-01 00:00:00+00'), ('v', NULL), ('i', NULL)");
        PreparedStatement untypedText = session.prepare("SELECT k FROM kinds WHERE k = ANY($1) ORDER BY k", new int[0]);
        assertThat(untypedText.parameterTypes()).containsExactly(PgType.TEXT.arrayOid());
        assertThat(execute(bind(untypedText, "{r,v}"), 0).rows()).containsExactly(List.of("r"), List.of("v"));
        PreparedStatement untypedInt = session.prepare("SELECT 2 = ANY($1) AS found", new int[0]);
        assertThat(untypedInt.parameterTypes()).containsExactly(PgType.INT4.arrayOid());
        assertThat(execute(bind(untypedInt, "{1,2}"), 0).rows()).containsExactly(List.of("t"));
        PreparedStatement declared = session.prepare("SELECT 3 = ANY($1) AS found", new int[] {PgType.INT2.arrayOid()});
        assertThat(execute(bind(declared, "{1,2}"), 0).rows()).containsExactly(List.of("f"));
        PreparedStatement stamps = session.prepare("SELECT count(*) FROM kinds WHERE stamp < ANY($1)", new int[0]);
        assertThat(stamps.parameterTypes()).containsExactly(PgType.TIMESTAMPTZ.arrayOid());
        assertThat(execute(bind(stamps, "{\"2024-06-01 00:00:00+00\"}"), 0).rows()).containsExactly(List.of("1"));
    }

    @Test
    void aParameterNothingTellsTheTypeOfIs42P18() throws Exception {
        PgException e = (PgException) org.assertj.core.api.Assertions.catchThrowable(
                () -> session.prepare("SELECT $1 + $2", new int[0]));
        assertThat(e.sqlState()).isEqualTo("42P18");
        assertThat(e.getMessage()).isEqualTo("could not determine data type of parameter $1");
        PreparedStatement declared = session.prepare("SELECT $1 + $2 AS n", new int[] {PgType.INT4.oid(), PgType.INT8.oid()});
        assertThat(declared.columns()).extracting(Column::typeOid).containsExactly(PgType.INT8.oid());
        assertThat(execute(bind(declared, "41", "1"), 0).rows()).containsExactly(List.of("42"));
    }

    @Test
    void valuesAreBoundNotSpliced() throws Exception {
        run("CREATE TABLE s (v TEXT)");
        String hostile = "x'); DROP TABLE s; --";
        execute(bind(session.prepare("INSERT INTO s VALUES ($1)", new int[0]), hostile), 0);
        assertThat(run("SELECT v FROM s").value()).isEqualTo(hostile);
    }

    @Test
    void statementsWithoutRowsAnswerNoDataAndTheirTag() throws Exception {
        run("CREATE TABLE w (a INT)");
        PreparedStatement st = session.prepare("INSERT INTO w SELECT range FROM range($1)", new int[] {PgType.INT8.oid()});
        assertThat(st.columns()).isNull();
        Step s = execute(bind(st, "3"), 0);
        assertThat(s.tag()).isEqualTo("INSERT 0 3");
        assertThat(execute(bind(session.prepare("UPDATE w SET a = a + $1", new int[0]), "1"), 0).tag()).isEqualTo("UPDATE 3");
    }

    @Test
    void aTableFunctionOverParametersHasItsColumnsOnlyOnceBound() throws Exception {
        PreparedStatement st = session.prepare("SELECT * FROM range($1) AS r(n)", new int[] {PgType.INT8.oid()});
        assertThatThrownBy(st::columns).extracting(t -> ((PgException) t).sqlState()).isEqualTo("0A000");
        Portal p = bind(st, "3");
        assertThat(p.columns()).extracting(Column::name, Column::typeOid).containsExactly(
                org.assertj.core.groups.Tuple.tuple("n", PgType.INT8.oid()));
        assertThat(execute(p, 0).rows()).containsExactly(List.of("0"), List.of("1"), List.of("2"));
    }

    @Test
    void columnsDuckDbTypesOnlyOnceBoundAreDescribedAsTheTranslationTypesThem() throws Exception {
        // DuckDB binds len() again with the parameter's value, so it reports nothing before Bind
        PreparedStatement st = session.prepare("SELECT cardinality($1::int8[]) AS n, array_length($2::int4[], 1), 'x' AS s, "
                + "array_upper($1::int8[], 1) AS u", new int[0]);
        assertThat(st.columns()).extracting(Column::name, Column::typeOid).containsExactly(
                org.assertj.core.groups.Tuple.tuple("n", PgType.INT4.oid()),
                org.assertj.core.groups.Tuple.tuple("array_length", PgType.INT4.oid()),
                org.assertj.core.groups.Tuple.tuple("s", PgType.TEXT.oid()),
                org.assertj.core.groups.Tuple.tuple("u", PgType.INT4.oid()));
        assertThat(execute(bind(st, "{4,5,6}", "{}"), 0).rows()).containsExactly(java.util.Arrays.asList("3", null, "x", "3"));
    }

    @Test
    void anErrorInsideATransactionBlockFailsItUntilRollback() throws Exception {
        run("BEGIN");
        PreparedStatement div = session.prepare("SELECT 1 / $1::INT", new int[0]);
        assertThatThrownBy(() -> execute(bind(div, "0"), 0)).isInstanceOf(PgException.class)
                .extracting(t -> ((PgException) t).sqlState()).isEqualTo("22012");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.FAILED);
        assertThatThrownBy(() -> session.prepare("SELECT 1", new int[0])).extracting(t -> ((PgException) t).sqlState())
                .isEqualTo("25P02");
        PreparedStatement rollback = session.prepare("ROLLBACK", new int[0]);
        assertThat(execute(bind(rollback), 0).tag()).isEqualTo("ROLLBACK");
        assertThat(session.transactionStatus()).isEqualTo(TransactionStatus.IDLE);
    }

    @Test
    void anImplicitTransactionOverSeveralExecutesRollsBackAsAWhole() throws Exception {
        run("CREATE TABLE it (a INT)");
        PreparedStatement ins = session.prepare("INSERT INTO it VALUES ($1)", new int[0]);
        session.implicitTransaction(Session.ImplicitTransaction.BEGIN);
        execute(bind(ins, "1"), 0);
        assertThatThrownBy(() -> execute(bind(ins, "x"), 0)).extracting(t -> ((PgException) t).sqlState()).isEqualTo("22P02");
        session.implicitTransaction(Session.ImplicitTransaction.ROLLBACK);
        assertThat(run("SELECT count(*) FROM it").value()).isEqualTo("0");
    }

    @Test
    void theEndOfAnImplicitTransactionDropsAnUnfinishedPortalWithoutReadingIt() throws Exception {
        run("CREATE TABLE ip (a INT)");
        session.implicitTransaction(Session.ImplicitTransaction.BEGIN);
        execute(bind(session.prepare("INSERT INTO ip VALUES ($1)", new int[0]), "1"), 0);
        Portal huge = bind(session.prepare("SELECT * FROM range(10000000000)", new int[0]));
        assertThat(execute(huge, 3).suspended()).isTrue();
        session.implicitTransaction(Session.ImplicitTransaction.COMMIT); // ten billion rows stay unread
        assertThat(run("SELECT count(*) FROM ip").value()).isEqualTo("1");
        assertThatThrownBy(() -> execute(huge, 1)).extracting(t -> ((PgException) t).sqlState()).isEqualTo("34000");
    }

    @Test
    void commitEndsAnUnfinishedPortalOfTheTransaction() throws Exception {
        run("BEGIN");
        Portal huge = bind(session.prepare("SELECT * FROM range(10000000000)", new int[0]));
        assertThat(execute(huge, 3).rows()).hasSize(3);
        assertThat(run("COMMIT").tag).isEqualTo("COMMIT");
        assertThatThrownBy(() -> execute(huge, 1)).extracting(t -> ((PgException) t).sqlState()).isEqualTo("34000");
    }

    @Test
    void showThroughTheExtendedProtocolDescribesItsColumn() throws Exception {
        PreparedStatement show = session.prepare("SHOW DateStyle", new int[0]);
        assertThat(show.columns()).extracting(Column::name).containsExactly("DateStyle");
        assertThat(execute(bind(show), 0).rows()).containsExactly(List.of("ISO, MDY"));
        assertThat(session.prepare("BEGIN", new int[0]).columns()).isNull();
        assertThatThrownBy(() -> session.prepare("SET search_path = $1", new int[0]))
                .extracting(t -> ((PgException) t).sqlState()).isEqualTo("42601");
    }

    @Test
    void statementTimeoutAppliesToEachExecute() throws Exception {
        run("SET statement_timeout = 100");
        Portal p = bind(session.prepare(CancelTest.ENDLESS_AGGREGATE.replace("100000000", "$1"), new int[] {PgType.INT8.oid()}),
                "100000000");
        assertThatThrownBy(() -> execute(p, 0)).isInstanceOf(PgException.class)
                .hasMessage(DuckDbSession.TIMEOUT_MESSAGE)
                .extracting(t -> ((PgException) t).sqlState()).isEqualTo("57014");
    }

    @Test
    void cancelStopsAPortalWhileItStreams() throws Exception {
        Portal p = bind(session.prepare("SELECT * FROM range(10000000000)", new int[0]));
        RecordingSink sink = new RecordingSink();
        sink.describeColumns(p.columns());
        sink.onRow = n -> {
            if (n == 1000) session.cancel();
        };
        CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> {
            try {
                return p.execute(0, sink);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            running.get(60, TimeUnit.SECONDS);
            fail("the portal ran to the end");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(PgException.class);
            assertThat(((PgException) e.getCause()).sqlState()).isEqualTo("57014");
        }
        assertThat(sink.rows.size()).isBetween(1000, 100_000);
        assertThat(run("SELECT 7").value()).isEqualTo("7");
    }
}
