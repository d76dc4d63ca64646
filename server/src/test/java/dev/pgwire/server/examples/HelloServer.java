package dev.pgwire.server.examples;

// readme-example-begin
import dev.pgwire.protocol.types.PgType;
import dev.pgwire.server.PgServer;
import dev.pgwire.server.spi.Column;

import java.util.List;

public class HelloServer {
    public static PgServer start(int port) throws Exception {
        return PgServer.builder()
                .host("127.0.0.1")
                .port(port)
                .sessionFactory(info -> (sql, sink) -> {
                    sink.describeColumns(List.of(Column.text("greeting"), Column.of("length", PgType.INT4)));
                    sink.row().text("hello " + info.user() + ", you said: " + sql)
                            .text(Integer.toString(sql.length())).end();
                    sink.complete("SELECT 1");
                })
                .start();
    }

    public static void main(String[] args) throws Exception {
        PgServer server = start(5433);
        System.out.println("try: psql -h 127.0.0.1 -p " + server.port() + " -U me -c 'anything'");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }
}
// readme-example-end
