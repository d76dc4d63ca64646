package dev.pgwire.protocol.pg15;

import dev.pgwire.protocol.message.Bind;
import dev.pgwire.protocol.message.BindComplete;
import dev.pgwire.protocol.message.Close;
import dev.pgwire.protocol.message.CloseComplete;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.Describe;
import dev.pgwire.protocol.message.EmptyQueryResponse;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.Execute;
import dev.pgwire.protocol.message.Flush;
import dev.pgwire.protocol.message.FunctionCall;
import dev.pgwire.protocol.message.FunctionCallResponse;
import dev.pgwire.protocol.message.NoData;
import dev.pgwire.protocol.message.ParameterDescription;
import dev.pgwire.protocol.message.ParameterStatus;
import dev.pgwire.protocol.message.Parse;
import dev.pgwire.protocol.message.ParseComplete;
import dev.pgwire.protocol.message.PortalSuspended;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.message.RowDescription.Field;
import dev.pgwire.protocol.message.Sync;
import dev.pgwire.protocol.message.Terminate;
import dev.pgwire.protocol.testing.LeakCheck;
import dev.pgwire.protocol.types.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.pgwire.protocol.testing.Buffers.bytes;
import static dev.pgwire.protocol.testing.Buffers.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** The extended query protocol and fast-path calls as PostgreSQL 15 answered them. */
@ExtendWith(LeakCheck.class)
class Pg15ExtendedQueryTest {
    private static final Field ANSWER = new Field("answer", PgType.INT4.oid(), (short) 4);

    @Test
    void libpqExtendedQueryMessagesAreByteForByteOurs() {
        Capture c = Capture.load("pgbench-extended");
        Parse parse = new Parse("", "SELECT $1::int + 1 AS answer;", new int[0]);
        Bind bind = new Bind("", "", new short[0], new byte[][] {utf8("41")}, new short[] {0});
        Describe describe = new Describe('P', "");
        Execute execute = new Execute("", 0);
        assertThat(c.sent().subList(1, c.sent().size()))
                .containsExactly(parse, bind, describe, execute, Sync.INSTANCE, Terminate.INSTANCE);
        assertThat(Capture.encoded(parse)).isEqualTo(c.sentFrame(Parse.class, 0).bytes());
        assertThat(Capture.encoded(bind)).isEqualTo(c.sentFrame(Bind.class, 0).bytes());
        assertThat(Capture.encoded(describe)).isEqualTo(c.sentFrame(Describe.class, 0).bytes()).isEqualTo(bytes('D', 0, 0, 0, 6, 'P', 0));
        assertThat(Capture.encoded(execute)).isEqualTo(c.sentFrame(Execute.class, 0).bytes());
        assertThat(Capture.encoded(Sync.INSTANCE)).isEqualTo(c.sentFrame(Sync.class, 0).bytes()).isEqualTo(bytes('S', 0, 0, 0, 4));
    }

    @Test
    void parseBindDescribeExecuteSyncAnswers() {
        assertThat(Capture.load("pgbench-extended").receivedAfterStartup()).containsExactly(
                ParseComplete.INSTANCE, BindComplete.INSTANCE, new RowDescription(List.of(ANSWER)),
                new DataRow(new byte[][] {utf8("42")}), new CommandComplete("SELECT 1"), ReadyForQuery.IDLE);
    }

    @Test
    void describeStatementGivesInferredParameterTypesAndDescribePortalGivesResultFormats() {
        Capture c = Capture.load("extended-query");
        assertThat(c.sent()).contains(
                new Parse("s1", "SELECT $1::int + $2 AS sum, $3::text AS t", new int[] {23, 0, 25}),
                new Describe('S', "s1"),
                new Bind("p1", "s1", new short[] {0, 1, 0}, new byte[][] {utf8("41"), {0, 0, 0, 1}, null}, new short[] {1, 0}),
                new Describe('P', "p1"), new Execute("p1", 0), new Close('P', "p1"), new Close('S', "s1"));
        List<Object> got = c.receivedAfterStartup();
        Field sum = new Field("sum", PgType.INT4.oid(), (short) 4);
        Field t = new Field("t", PgType.TEXT.oid(), (short) -1);
        assertThat(got.subList(0, 10)).containsExactly(
                ParseComplete.INSTANCE,
                new ParameterDescription(new int[] {23, 23, 25}), // $2 was left 0 and is inferred as int4
                new RowDescription(List.of(sum, t)),               // a statement's description: formats still 0
                BindComplete.INSTANCE,
                new RowDescription(List.of(sum.withFormat((short) 1), t)),
                new DataRow(new byte[][] {{0, 0, 0, 42}, null}),
                new CommandComplete("SELECT 1"),
                CloseComplete.INSTANCE,
                CloseComplete.INSTANCE,
                ReadyForQuery.IDLE);
    }

    @Test
    void executeWithMaxRowsSuspendsThePortalAndAnotherExecuteResumesIt() {
        List<Object> got = Capture.load("extended-query").receivedAfterStartup();
        assertThat(got.subList(10, 18)).containsExactly(
                ParseComplete.INSTANCE, BindComplete.INSTANCE,
                new DataRow(new byte[][] {utf8("1")}), new DataRow(new byte[][] {utf8("2")}),
                PortalSuspended.INSTANCE,
                new DataRow(new byte[][] {utf8("3")}),
                new CommandComplete("SELECT 1"), // the tag counts the rows of this Execute only
                ReadyForQuery.IDLE);
    }

    @Test
    void statementWithoutResultDescribesAsNoDataAndSetReportsTheNewParameterBeforeReadyForQuery() {
        List<Object> got = Capture.load("extended-query").receivedAfterStartup();
        assertThat(got.subList(18, 25)).containsExactly(
                ParseComplete.INSTANCE, new ParameterDescription(new int[0]), NoData.INSTANCE, BindComplete.INSTANCE,
                new CommandComplete("SET"), new ParameterStatus("application_name", "pgwire-extended"), ReadyForQuery.IDLE);
    }

    @Test
    void flushDeliversParseCompleteBeforeSync() {
        Capture c = Capture.load("extended-query");
        int flush = c.sent().indexOf(Flush.INSTANCE);
        assertThat(c.sent().get(flush - 1)).isEqualTo(new Parse("", "SELECT 1", new int[0]));
        assertThat(c.sent().get(flush + 1)).isEqualTo(Sync.INSTANCE);
        assertThat(c.receivedAfterStartup().subList(25, 27)).containsExactly(ParseComplete.INSTANCE, ReadyForQuery.IDLE);
    }

    @Test
    void afterAnErrorEverythingUpToSyncIsSkipped() {
        Capture c = Capture.load("extended-query");
        assertThat(c.sent()).contains(new Parse("", "SELECT 1/0", new int[0]), new Parse("", "SELECT 2", new int[0]));
        List<Object> got = c.receivedAfterStartup();
        // 1/0 is folded while planning at Bind: no BindComplete; the Execute and the second Parse get nothing.
        assertThat(got.get(27)).isEqualTo(ParseComplete.INSTANCE);
        assertThat(got.get(28)).isInstanceOfSatisfying(ErrorResponse.class, e -> assertThat(e.fields()).containsEntry('C', "22012"));
        assertThat(got.get(29)).isEqualTo(ReadyForQuery.IDLE);
    }

    @Test
    void emptyQueryStringAnswersEmptyQueryResponse() {
        Capture c = Capture.load("extended-query");
        assertThat(c.sent()).contains(new Query(""));
        assertThat(c.receivedAfterStartup().subList(30, 32)).containsExactly(EmptyQueryResponse.INSTANCE, ReadyForQuery.IDLE);
        assertThat(c.receivedAfterStartup()).hasSize(32);
    }

    @Test
    void fastPathFunctionCallInBinaryAndTextWithANullArgument() {
        Capture c = Capture.load("function-call");
        int oid = 177; // int4pl, as the capture's own lookup shows
        assertThat(c.received(DataRow.class)).containsExactly(new DataRow(new byte[][] {utf8(Integer.toString(oid))}));
        assertThat(c.sent(FunctionCall.class)).containsExactly(
                new FunctionCall(oid, new short[] {1}, new byte[][] {{0, 0, 0, 40}, {0, 0, 0, 2}}, (short) 1),
                new FunctionCall(oid, new short[0], new byte[][] {utf8("40"), utf8("2")}, (short) 0),
                new FunctionCall(oid, new short[0], new byte[][] {utf8("40"), null}, (short) 0));
        assertThat(c.received(FunctionCallResponse.class)).containsExactly(
                new FunctionCallResponse(new byte[] {0, 0, 0, 42}),
                new FunctionCallResponse(utf8("42")),
                new FunctionCallResponse(null)); // int4pl is strict
    }
}
