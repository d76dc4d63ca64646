package dev.pgwire.protocol.pg15;

import dev.pgwire.protocol.message.BackendKeyData;
import dev.pgwire.protocol.message.CommandComplete;
import dev.pgwire.protocol.message.CopyData;
import dev.pgwire.protocol.message.CopyDone;
import dev.pgwire.protocol.message.CopyFail;
import dev.pgwire.protocol.message.CopyResponse;
import dev.pgwire.protocol.message.DataRow;
import dev.pgwire.protocol.message.ErrorResponse;
import dev.pgwire.protocol.message.NoticeResponse;
import dev.pgwire.protocol.message.NotificationResponse;
import dev.pgwire.protocol.message.Query;
import dev.pgwire.protocol.message.ReadyForQuery;
import dev.pgwire.protocol.message.RowDescription;
import dev.pgwire.protocol.message.RowDescription.Field;
import dev.pgwire.protocol.testing.LeakCheck;
import dev.pgwire.protocol.types.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static dev.pgwire.protocol.testing.Buffers.bytes;
import static dev.pgwire.protocol.testing.Buffers.concat;
import static dev.pgwire.protocol.testing.Buffers.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** Simple query, errors, notices, notifications and COPY as PostgreSQL 15 answered them. */
@ExtendWith(LeakCheck.class)
class Pg15SimpleQueryTest {

    @Test
    void psqlQueryIsByteForByteOurs() {
        Capture c = Capture.load("psql-select");
        Query q = new Query("SELECT 1 AS one, 'x'::text AS t, NULL::int AS n");
        assertThat(Capture.encoded(q)).isEqualTo(c.sentFrame(Query.class, 0).bytes())
                .isEqualTo(concat(bytes('Q', 0, 0, 0, 52), utf8("SELECT 1 AS one, 'x'::text AS t, NULL::int AS n\0")));
    }

    @Test
    void selectAnswersRowDescriptionDataRowCommandCompleteReadyForQuery() {
        assertThat(Capture.load("psql-select").receivedAfterStartup()).containsExactly(
                new RowDescription(List.of(
                        new Field("one", PgType.INT4.oid(), (short) 4),
                        new Field("t", PgType.TEXT.oid(), (short) -1),
                        new Field("n", PgType.INT4.oid(), (short) 4))),
                new DataRow(new byte[][] {utf8("1"), utf8("x"), null}),
                new CommandComplete("SELECT 1"),
                ReadyForQuery.IDLE);
    }

    @Test
    void missingTableIsAnErrorResponseWithPositionThenReadyForQuery() {
        List<Object> got = Capture.load("psql-missing-table").receivedAfterStartup();
        assertThat(got).hasSize(2).last().isEqualTo(ReadyForQuery.IDLE);
        ErrorResponse e = (ErrorResponse) got.get(0);
        assertThat(e.fields().keySet()).containsExactly('S', 'V', 'C', 'M', 'P', 'F', 'L', 'R');
        assertThat(e.fields()).containsEntry('S', "ERROR").containsEntry('V', "ERROR").containsEntry('C', "42P01")
                .containsEntry('M', "relation \"missing_table\" does not exist").containsEntry('P', "15");
        assertThat(e.toException().sqlState()).isEqualTo("42P01");
        assertThat(e.toException().isFatal()).isFalse();
    }

    @Test
    void anErrorInAMultiStatementQueryEndsTheImplicitTransactionSoTheRestNeverRuns() {
        assertThat(Capture.load("psql-multi-statement").sent(Query.class))
                .containsExactly(new Query("SELECT 1; SELECT 1/0; SELECT 2"));
        List<Object> got = Capture.load("psql-multi-statement").receivedAfterStartup();
        assertThat(got).hasSize(5);
        assertThat(got.subList(0, 3)).containsExactly(
                new RowDescription(List.of(new Field("?column?", PgType.INT4.oid(), (short) 4))),
                new DataRow(new byte[][] {utf8("1")}),
                new CommandComplete("SELECT 1"));
        assertThat(got.get(3)).isInstanceOfSatisfying(ErrorResponse.class, e ->
                assertThat(e.fields()).containsEntry('C', "22012").containsEntry('M', "division by zero"));
        // No RowDescription for SELECT 2 and a single ReadyForQuery, idle: the whole string was one transaction.
        assertThat(got.get(4)).isEqualTo(ReadyForQuery.IDLE);
    }

    @Test
    void noticesKeepTheirFieldsInWireOrder() {
        List<NoticeResponse> notices = Capture.load("notice-notify").received(NoticeResponse.class);
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0).fields().keySet()).containsExactly('S', 'V', 'C', 'M', 'W', 'F', 'L', 'R');
        assertThat(notices.get(0).fields()).containsEntry('S', "NOTICE").containsEntry('C', "00000")
                .containsEntry('M', "hello 42").containsEntry('W', "PL/pgSQL function inline_code_block line 1 at RAISE");
        assertThat(notices.get(1).fields().keySet()).containsExactly('S', 'V', 'C', 'M', 'D', 'H', 'W', 'F', 'L', 'R');
        assertThat(notices.get(1).fields()).containsEntry('S', "WARNING").containsEntry('C', "01000")
                .containsEntry('D', "some detail").containsEntry('H', "some hint");
    }

    @Test
    void notificationArrivesAfterTheCommandsAndBeforeReadyForQuery() {
        Capture c = Capture.load("notice-notify");
        int pid = c.received(BackendKeyData.class).get(0).processId();
        List<Object> got = c.receivedAfterStartup();
        int at = got.indexOf(new CommandComplete("LISTEN"));
        assertThat(got.subList(at, at + 4)).containsExactly(
                new CommandComplete("LISTEN"),
                new CommandComplete("NOTIFY"),
                new NotificationResponse(pid, "pgwire_channel", "the payload"),
                ReadyForQuery.IDLE);
    }

    @Test
    void uniqueViolationNamesSchemaTableAndConstraint() {
        ErrorResponse e = Capture.load("notice-notify").received(ErrorResponse.class).get(0);
        assertThat(e.fields().keySet()).containsExactly('S', 'V', 'C', 'M', 'D', 's', 't', 'n', 'F', 'L', 'R');
        assertThat(e.fields()).containsEntry('C', "23505").containsEntry('D', "Key (id)=(1) already exists.")
                .containsEntry('t', "u").containsEntry('n', "u_pkey");
        assertThat(e.fields().get('s')).startsWith("pg_temp_");
    }

    @Test
    void copyFromStdinTakesCopyDataUntilCopyDone() {
        Capture c = Capture.load("copy");
        assertThat(c.sent(CopyData.class)).containsExactly(new CopyData(utf8("1\tone\n")), new CopyData(utf8("2\t\\N\n")));
        assertThat(c.sent()).contains(CopyDone.INSTANCE, new CopyFail("client gave up"));
        List<Object> got = c.receivedAfterStartup();
        int in = got.indexOf(new CopyResponse(CopyResponse.Kind.IN, 0, new short[] {0, 0}));
        assertThat(got.subList(in, in + 3)).containsExactly(
                new CopyResponse(CopyResponse.Kind.IN, 0, new short[] {0, 0}), new CommandComplete("COPY 2"), ReadyForQuery.IDLE);
    }

    @Test
    void copyFailIsAnErrorResponse57014() {
        List<Object> got = Capture.load("copy").receivedAfterStartup();
        ErrorResponse e = (ErrorResponse) got.stream().filter(m -> m instanceof ErrorResponse).findFirst().orElseThrow();
        assertThat(e.fields()).containsEntry('C', "57014").containsEntry('M', "COPY from stdin failed: client gave up");
        assertThat(got.get(got.indexOf(e) - 1)).isEqualTo(new CopyResponse(CopyResponse.Kind.IN, 0, new short[] {0, 0}));
        assertThat(got.get(got.indexOf(e) + 1)).isEqualTo(ReadyForQuery.IDLE);
    }

    @Test
    void copyToStdoutStreamsCopyDataThenCopyDone() {
        List<Object> got = Capture.load("copy").receivedAfterStartup();
        int out = got.indexOf(new CopyResponse(CopyResponse.Kind.OUT, 0, new short[] {0, 0}));
        assertThat(got.subList(out, out + 6)).containsExactly(
                new CopyResponse(CopyResponse.Kind.OUT, 0, new short[] {0, 0}),
                new CopyData(utf8("1\tone\n")), new CopyData(utf8("2\t\\N\n")), CopyDone.INSTANCE,
                new CommandComplete("COPY 2"), ReadyForQuery.IDLE);

        int binary = got.indexOf(new CopyResponse(CopyResponse.Kind.OUT, 1, new short[] {1, 1}));
        assertThat(binary).isPositive();
        CopyData header = (CopyData) got.get(binary + 1);
        assertThat(header.data()).startsWith(concat(utf8("PGCOPY\n"), bytes(0xff, '\r', '\n', 0)));
        assertThat(got.subList(binary + 4, binary + 7)).containsExactly(CopyDone.INSTANCE, new CommandComplete("COPY 2"),
                ReadyForQuery.IDLE);
    }

    @Test
    void replicationStreamIsCopyBothEndedByCopyDoneFromEachSide() {
        Capture c = Capture.load("copy-both");
        List<Object> got = c.receivedAfterStartup();
        int both = got.indexOf(new CopyResponse(CopyResponse.Kind.BOTH, 0, new short[0]));
        assertThat(got.subList(both, got.size())).containsExactly(
                new CopyResponse(CopyResponse.Kind.BOTH, 0, new short[0]),
                CopyDone.INSTANCE,
                new CommandComplete("START_STREAMING"),
                new CommandComplete("START_REPLICATION"),
                ReadyForQuery.IDLE);
        assertThat(c.sent()).contains(CopyDone.INSTANCE);
    }

    @Test
    void cancelledQueryIsAnErrorResponse57014() {
        List<Object> got = Capture.load("cancel-session").receivedAfterStartup();
        assertThat(got).hasSize(3);
        assertThat(got.get(0)).isEqualTo(new RowDescription(List.of(new Field("pg_sleep", PgType.VOID.oid(), (short) 4))));
        assertThat(got.get(1)).isInstanceOfSatisfying(ErrorResponse.class, e -> assertThat(e.fields())
                .containsEntry('C', "57014").containsEntry('M', "canceling statement due to user request"));
        assertThat(got.get(2)).isEqualTo(ReadyForQuery.IDLE);
    }
}
