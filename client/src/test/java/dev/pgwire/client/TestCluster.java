package dev.pgwire.client;

import dev.pgwire.testkit.PgCluster;
import dev.pgwire.testkit.TlsCerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The one PostgreSQL 15 cluster all client tests share (started on first use, stopped when the
 * test JVM exits): TLS on but optional, and a pg_hba.conf with one user per authentication method,
 * so every method and every sslmode can be exercised against the same server.
 *
 * <pre>
 * user       rule                                   password
 * postgres   host scram-sha-256 (superuser)         {@value #PASSWORD}
 * scram      host scram-sha-256                     {@value #PASSWORD}
 * md5user    host md5 (password stored as md5)      {@value #PASSWORD}
 * clear      host password (cleartext)              {@value #PASSWORD}
 * trusted    host trust                             -
 * certuser   hostssl cert (client certificate)      -
 * tlsonly    hostssl scram-sha-256, plain rejected  {@value #PASSWORD}
 * plainonly  hostnossl scram-sha-256, TLS rejected  {@value #PASSWORD}
 * readonly   host scram-sha-256, default_transaction_read_only=on
 * </pre>
 */
final class TestCluster {
    static final String PASSWORD = "pw-Secret 1";
    private static final String HBA = String.join("\n",
            "local all all trust",
            "hostssl all certuser 127.0.0.1/32 cert",
            "host all certuser 127.0.0.1/32 reject",
            "host all trusted 127.0.0.1/32 trust",
            "host all clear 127.0.0.1/32 password",
            "host all md5user 127.0.0.1/32 md5",
            "hostssl all tlsonly 127.0.0.1/32 scram-sha-256",
            "host all tlsonly 127.0.0.1/32 reject",
            "hostnossl all plainonly 127.0.0.1/32 scram-sha-256",
            "host all plainonly 127.0.0.1/32 reject",
            "host all all 127.0.0.1/32 scram-sha-256",
            "");

    private static PgCluster cluster;
    private static TlsCerts certs;
    private static TlsCerts otherCa;
    private static Path dir;

    private TestCluster() {}

    static synchronized PgCluster get() {
        if (cluster != null) return cluster;
        try {
            dir = Files.createTempDirectory("pgwire-client-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
            // the server runs as the postgres user and must read the hba file
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path hba = dir.resolve("pg_hba.conf");
            Files.writeString(hba, HBA);
            Files.setPosixFilePermissions(hba, PosixFilePermissions.fromString("rw-r--r--"));
            certs = TlsCerts.generate(dir.resolve("tls"), "certuser");
            otherCa = TlsCerts.generate(dir.resolve("other-ca"), "certuser");
            cluster = PgCluster.builder()
                    .superuser("postgres", PASSWORD)
                    .auth(PgCluster.AuthMethod.SCRAM_SHA_256)
                    .tls(certs)
                    .setting("hba_file", hba.toString())
                    .start();
            String pw = "'" + PASSWORD.replace("'", "''") + "'";
            cluster.psql("CREATE ROLE scram LOGIN SUPERUSER PASSWORD " + pw + ";"
                    + "CREATE ROLE clear LOGIN PASSWORD " + pw + ";"
                    + "CREATE ROLE trusted LOGIN;"
                    + "CREATE ROLE certuser LOGIN;"
                    + "CREATE ROLE tlsonly LOGIN PASSWORD " + pw + ";"
                    + "CREATE ROLE plainonly LOGIN PASSWORD " + pw + ";"
                    + "CREATE ROLE readonly LOGIN PASSWORD " + pw + ";"
                    + "ALTER ROLE readonly SET default_transaction_read_only = on;"
                    + "SET password_encryption = 'md5';"
                    + "CREATE ROLE md5user LOGIN PASSWORD " + pw + ";");
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TlsCerts certs() {
        get();
        return certs;
    }

    /** Certificates from a CA the server does not know. */
    static TlsCerts otherCa() {
        get();
        return otherCa;
    }

    /** A key/value conninfo for {@code user} over TCP (password included), plus {@code extra}. */
    static String conninfo(String user, String extra) {
        PgCluster pg = get();
        return "host=127.0.0.1 port=" + pg.port() + " dbname=postgres user=" + user + " password='"
                + PASSWORD.replace("'", "\\'") + "' " + extra;
    }

    /** The superuser "scram" over TCP without TLS. */
    static String plain() {
        return conninfo("scram", "sslmode=disable");
    }

    static PgConnection connect() {
        return PgConnection.connect(plain());
    }

    static PgAsyncConnection connectAsync() {
        return PgAsyncConnection.connect(plain()).join();
    }

    private static void deleteRecursively(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
