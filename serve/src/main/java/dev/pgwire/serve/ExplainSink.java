package dev.pgwire.serve;

import dev.pgwire.protocol.types.PgType;
import dev.pgwire.serve.sql.Explain;
import dev.pgwire.server.spi.Column;
import dev.pgwire.server.spi.ResultSink;
import dev.pgwire.server.spi.RowWriter;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rows of DuckDB's EXPLAIN (explain_key, explain_value: the whole plan in one value) as
 * PostgreSQL answers EXPLAIN: one column "QUERY PLAN", a row per line of the text plan, or one
 * json value in PostgreSQL's shape ({@link Explain#postgresJson}); tag EXPLAIN.
 */
final class ExplainSink extends ForwardingSink {
    private final Explain.Format format;

    ExplainSink(ResultSink sink, Explain.Format format) {
        super(sink);
        this.format = format;
    }

    /** The column EXPLAIN answers in. */
    static List<Column> columns(Explain.Format format) {
        return List.of(format == Explain.Format.JSON ? Column.of("QUERY PLAN", PgType.JSON) : Column.text("QUERY PLAN"));
    }

    @Override
    public void describeColumns(List<Column> columns) {
        sink.describeColumns(columns(format));
    }

    @Override
    public RowWriter row() {
        return new RowWriter() {
            private int column;
            private String plan;

            @Override
            public RowWriter text(CharSequence value) {
                if (column++ == 1) plan = value.toString();
                return this;
            }

            @Override
            public RowWriter utf8(byte[] value, int offset, int length) {
                return text(new String(value, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public RowWriter bytes(byte[] value) {
                return text(new String(value, StandardCharsets.UTF_8));
            }

            @Override
            public RowWriter value(Object value) {
                return text(String.valueOf(value));
            }

            @Override
            public RowWriter nul() {
                column++;
                return this;
            }

            @Override
            public void end() {
                if (plan == null) return;
                if (format == Explain.Format.JSON) {
                    sink.row().text(Explain.postgresJson(plan)).end();
                    return;
                }
                String text = plan.endsWith("\n") ? plan.substring(0, plan.length() - 1) : plan;
                for (String line : text.split("\n", -1)) sink.row().text(line).end();
            }
        };
    }

    @Override
    public void complete(String commandTag) {
        sink.complete("EXPLAIN");
    }
}
