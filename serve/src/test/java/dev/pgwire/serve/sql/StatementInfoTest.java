package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.StatementInfo.Command;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementInfoTest {

    @Test
    void transactionCommandsAreRecognised() {
        assertThat(StatementInfo.of("begin work").command()).isEqualTo(Command.BEGIN);
        assertThat(StatementInfo.of("START TRANSACTION READ WRITE").command()).isEqualTo(Command.START_TRANSACTION);
        assertThat(StatementInfo.of("commit").command()).isEqualTo(Command.COMMIT);
        assertThat(StatementInfo.of("END TRANSACTION").command()).isEqualTo(Command.COMMIT);
        assertThat(StatementInfo.of("abort").command()).isEqualTo(Command.ROLLBACK);
        assertThat(StatementInfo.of("ROLLBACK TO SAVEPOINT a").command()).isEqualTo(Command.ROLLBACK_TO_SAVEPOINT);
        assertThat(StatementInfo.of("rollback to a").command()).isEqualTo(Command.ROLLBACK_TO_SAVEPOINT);
        assertThat(StatementInfo.of("COMMIT PREPARED 'x'").command()).isEqualTo(Command.TWO_PHASE);
        assertThat(StatementInfo.of("SAVEPOINT a").command()).isEqualTo(Command.SAVEPOINT);
    }

    @Test
    void keywordsInsideStringsCommentsAndQuotedNamesDoNotCount() {
        assertThat(StatementInfo.of("/* BEGIN */ SELECT 'COMMIT'").command()).isEqualTo(Command.OTHER);
        assertThat(StatementInfo.of("SELECT $$ BEGIN $$, E'\\' COMMIT'").main()).isEqualTo("SELECT");
        assertThat(StatementInfo.of("WITH \"insert\" AS (SELECT 1) SELECT * FROM \"insert\"").main()).isEqualTo("SELECT");
        assertThat(StatementInfo.of("WITH x AS (DELETE FROM t RETURNING *) INSERT INTO u SELECT * FROM x").main()).isEqualTo("INSERT");
    }

    @Test
    void copyThroughTheClientIsRecognised() {
        assertThat(StatementInfo.of("COPY t FROM STDIN").command()).isEqualTo(Command.COPY_STDIO);
        assertThat(StatementInfo.of("COPY (SELECT 1) TO STDOUT WITH (FORMAT csv)").command()).isEqualTo(Command.COPY_STDIO);
        assertThat(StatementInfo.of("COPY t TO '/tmp/stdout.csv'").command()).isEqualTo(Command.OTHER);
    }

    @Test
    void longStatementsAreNotLexedToTheEnd() {
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
        for (int i = 0; i < 200_000; i++) sql.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'x')");
        StatementInfo info = StatementInfo.of(sql.toString());
        assertThat(info.tagForUpdate(200_000)).isEqualTo("INSERT 0 200000");
    }

    @Test
    void setGlobalGoesToDuckDb() {
        assertThat(StatementInfo.of("SET GLOBAL threads = 4").command()).isEqualTo(Command.OTHER);
        assertThat(StatementInfo.of("set session timezone = 'UTC'").command()).isEqualTo(Command.SET);
    }
}
