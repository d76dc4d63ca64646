package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pgwire.server.spi.SessionInfo;
import dev.pgwire.server.spi.Session;
import java.net.InetSocketAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SET, SHOW and RESET of the parameters drivers and psql use, and the startup ParameterStatus set. */
class ParameterTest extends SessionTestSupport {

    @Test
    void startupParameterStatusMatchesPostgres15() {
        Map<String, String> startup = new LinkedHashMap<>();
        startup.put("user", "alice");
        startup.put("database", "shop");
        startup.put("application_name", "psql");
        startup.put("TimeZone", "Europe/Berlin");
        startup.put("client_encoding", "utf-8");
        Map<String, String> status = ServeParameters.initial(startup);
        assertThat(status.keySet()).containsExactly("application_name", "client_encoding", "DateStyle",
                "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
                "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");
        assertThat(status).containsEntry("application_name", "psql")
                .containsEntry("client_encoding", "UTF8")
                .containsEntry("DateStyle", "ISO, MDY")
                .containsEntry("default_transaction_read_only", "off")
                .containsEntry("in_hot_standby", "off")
                .containsEntry("integer_datetimes", "on")
                .containsEntry("IntervalStyle", "postgres")
                .containsEntry("is_superuser", "on")
                .containsEntry("server_encoding", "UTF8")
                .containsEntry("server_version", ServeParameters.SERVER_VERSION)
                .containsEntry("session_authorization", "alice")
                .containsEntry("standard_conforming_strings", "on")
                .containsEntry("TimeZone", "Europe/Berlin");
    }

    @Test
    void startupDefaultsAndOptions() {
        Map<String, String> status = ServeParameters.initial(Map.of("user", "bob", "options", "-c DateStyle=ISO,\\ DMY --application-name=tool"));
        String jvmZone = ZoneId.systemDefault().getId();
        assertThat(status.get("TimeZone")).isIn(jvmZone, "UTC");
        assertThat(status).containsEntry("DateStyle", "ISO, DMY").containsEntry("application_name", "tool");
        assertThat(ServeParameters.initial(Map.of("user", "x", "client_encoding", "SQL_ASCII"))).containsEntry("client_encoding", "SQL_ASCII");
        // asyncpg sends the value quoted; PostgreSQL ignores everything but letters and digits in encoding names
        assertThat(ServeParameters.initial(Map.of("user", "x", "client_encoding", "'utf-8'"))).containsEntry("client_encoding", "UTF8");
        assertThatThrownBy(() -> ServeParameters.initial(Map.of("user", "x", "client_encoding", "LATIN1")))
                .isInstanceOf(PgException.class).extracting(e -> ((PgException) e).sqlState()).isEqualTo("0A000");
    }

    @Test
    void sessionsStartWithTheirStartupParameters() throws Exception {
        DuckDbSession s = open("test", Map.of("application_name", "app", "extra_float_digits", "3", "TimeZone", "Asia/Tokyo"));
        assertThat(run(s, "SHOW application_name").value()).isEqualTo("app");
        assertThat(run(s, "SELECT 0.1::DOUBLE + 0.2::DOUBLE").value()).isEqualTo("0.30000000000000004");
        assertThat(run(s, "SELECT TIMESTAMPTZ '2024-01-01 00:00:00+00'").value()).isEqualTo("2024-01-01 09:00:00+09");
        assertThat(run(s, "SET application_name = 'changed'").parameterStatus).containsEntry("application_name", "changed");
        assertThat(run(s, "RESET application_name").parameterStatus).as("RESET returns to the startup value")
                .containsEntry("application_name", "app");
    }

    @Test
    void setReportsChangedParametersAndShowReadsThemBack() {
        RecordingSink set = run("SET application_name = 'reporting'");
        assertThat(set.tag).isEqualTo("SET");
        assertThat(set.parameterStatus).containsExactly(Map.entry("application_name", "reporting"));
        assertThat(run("SET application_name TO 'reporting'").parameterStatus).as("unchanged values are not reported again").isEmpty();
        RecordingSink show = run("SHOW application_name");
        assertThat(show.columnNames()).containsExactly("application_name");
        assertThat(show.value()).isEqualTo("reporting");
        assertThat(run("SET SESSION DateStyle = 'ISO, DMY'").parameterStatus).containsEntry("DateStyle", "ISO, DMY");
        RecordingSink dateStyle = run("SHOW datestyle");
        assertThat(dateStyle.columnNames()).containsExactly("DateStyle");
        assertThat(dateStyle.value()).isEqualTo("ISO, DMY");
        assertThat(run("SET DateStyle = ISO").parameterStatus).as("ISO keeps the field order").isEmpty();
        assertThat(run("SET TIME ZONE 'Europe/Berlin'").parameterStatus).containsEntry("TimeZone", "Europe/Berlin");
        assertThat(run("SHOW TIME ZONE").value()).isEqualTo("Europe/Berlin");
        assertThat(run("SET timezone TO 'utc'").parameterStatus).containsEntry("TimeZone", "UTC");
        assertThat(run("SET IntervalStyle = postgres").tag).isEqualTo("SET");
        assertThat(run("SET client_encoding = 'UTF8'").tag).isEqualTo("SET");
        assertThat(run("SET NAMES 'utf8'").tag).isEqualTo("SET");
        assertThat(run("SET standard_conforming_strings = on").tag).isEqualTo("SET");
    }

    @Test
    void unacceptableValuesAreRefusedLikePostgres() {
        PgException encoding = fails("SET client_encoding = 'LATIN1'");
        assertThat(encoding.sqlState()).isEqualTo("0A000");
        assertThat(fails("SET client_encoding = 'nonsense'").getMessage()).isEqualTo("invalid value for parameter \"client_encoding\": \"nonsense\"");
        assertThat(fails("SET DateStyle = 'SQL, DMY'").sqlState()).isEqualTo("22023");
        assertThat(fails("SET DateStyle = 'whatever'").sqlState()).isEqualTo("22023");
        assertThat(fails("SET IntervalStyle = 'iso_8601'").sqlState()).isEqualTo("22023");
        assertThat(fails("SET TimeZone = 'Mars/Olympus_Mons'").sqlState()).isEqualTo("22023");
        assertThat(fails("SET TimeZone = 'UTC+25'").sqlState()).isEqualTo("22023");
        assertThat(fails("SET extra_float_digits = 4").getMessage())
                .isEqualTo("4 is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)");
        assertThat(fails("SET standard_conforming_strings = off").sqlState()).isEqualTo("0A000");
        assertThat(fails("SET server_version = '16'").sqlState()).isEqualTo("55P02");
        assertThat(fails("SET statement_timeout = 'soon'").sqlState()).isEqualTo("22023");
        assertThat(run("SHOW client_encoding").value()).isEqualTo("UTF8");
    }

    @Test
    void unknownParametersAre42704AndEngineSettingsAreTheOperators() {
        PgException e = fails("SET no_such_parameter = 1");
        assertThat(e.sqlState()).isEqualTo("42704");
        assertThat(e.getMessage()).isEqualTo("unrecognized configuration parameter \"no_such_parameter\"");
        assertThat(fails("SHOW no_such_parameter").getMessage()).isEqualTo("unrecognized configuration parameter \"no_such_parameter\"");
        assertThat(fails("RESET no_such_parameter").sqlState()).isEqualTo("42704");
        assertThat(fails("SET threads = 2").sqlState()).as("engine settings are the operator's").isEqualTo("42501");
        assertThat(fails("RESET memory_limit").sqlState()).isEqualTo("42501");
        RecordingSink threads = run("SHOW threads");
        assertThat(threads.columnNames()).containsExactly("threads");
    }

    @Test
    void customDottedParametersAreKeptPerSession() {
        assertThat(fails("SHOW myapp.tenant").sqlState()).isEqualTo("42704");
        run("SET myapp.tenant = 'acme'");
        assertThat(run("SHOW myapp.tenant").value()).isEqualTo("acme");
        assertThat(run("SHOW MyApp.Tenant").value()).isEqualTo("acme");
    }

    @Test
    void showAnswersTheServersPortAndConnectionLimit() throws Exception {
        Session s = factory.open(new SessionInfo("tester", "test", Map.of("user", "tester"), new InetSocketAddress("127.0.0.1", 40000),
                false, 77, 0, new InetSocketAddress("127.0.0.1", 6543), 25));
        try {
            assertThat(run(s, "SHOW port").value()).isEqualTo("6543");
            assertThat(run(s, "SHOW max_connections").value()).isEqualTo("25");
            assertThat(run(s, "SELECT current_setting('max_connections')::int + 1").value()).isEqualTo("26");
            assertThat(run(s, "SELECT setting FROM pg_settings WHERE name = 'port'").value()).isEqualTo("6543");
            assertThat(fails(s, "SET port = 1").sqlState()).isEqualTo("55P02");
        } finally {
            s.close();
        }
    }

    @Test
    void showKnowsServerFactsAndAll() {
        assertThat(run("SHOW server_version").value()).isEqualTo("15.0");
        assertThat(run("SHOW server_version_num").value()).isEqualTo("150000");
        assertThat(run("SHOW TRANSACTION ISOLATION LEVEL").value()).isEqualTo("read committed");
        assertThat(run("SHOW integer_datetimes").value()).isEqualTo("on");
        assertThat(run("SHOW session_authorization").value()).isEqualTo("tester");
        RecordingSink all = run("SHOW ALL");
        assertThat(all.columnNames()).containsExactly("name", "setting", "description");
        assertThat(all.rows).extracting(r -> r.get(0)).contains("DateStyle", "TimeZone", "application_name", "search_path");
        assertThat(all.rows).anySatisfy(r -> assertThat(r.subList(0, 2)).containsExactly("extra_float_digits", "1"));
    }

    @Test
    void listAndDurationValuesAreCanonicalised() {
        run("SET search_path = myschema, \"$user\", public");
        assertThat(run("SHOW search_path").value()).isEqualTo("myschema, \"$user\", public");
        run("SET statement_timeout = 5000");
        assertThat(run("SHOW statement_timeout").value()).isEqualTo("5s");
        run("SET statement_timeout = '2min'");
        assertThat(run("SHOW statement_timeout").value()).isEqualTo("2min");
        run("SET statement_timeout TO DEFAULT");
        assertThat(run("SHOW statement_timeout").value()).isEqualTo("0");
        run("SET application_name = MixedCase");
        assertThat(run("SHOW application_name").value()).as("unquoted words fold to lower case").isEqualTo("mixedcase");
    }

    @Test
    void searchPathDirectsDuckDbNameLookup() {
        run("CREATE SCHEMA sales");
        run("CREATE TABLE sales.orders (id INTEGER)");
        run("INSERT INTO sales.orders VALUES (7)");
        assertThat(fails("SELECT * FROM orders").sqlState()).isEqualTo("42P01");
        run("SET search_path = sales, public");
        assertThat(run("SELECT id FROM orders").value()).isEqualTo("7");
        run("RESET search_path");
        assertThat(fails("SELECT * FROM orders").sqlState()).isEqualTo("42P01");
    }

    @Test
    void posixOffsetTimeZonesCountHoursWestAsInPostgres() {
        assertThat(run("SET TimeZone = 'UTC+5'").parameterStatus).containsEntry("TimeZone", "UTC+5");
        assertThat(text("TIMESTAMPTZ '2024-01-31 13:45:00+00'")).isEqualTo("2024-01-31 08:45:00-05");
        run("SET TimeZone = 'GMT-05:30'"); // what pgjdbc sends for a JVM in GMT+05:30
        assertThat(text("TIMESTAMPTZ '2024-01-31 13:45:00+00'")).isEqualTo("2024-01-31 19:15:00+05:30");
        assertThat(run("SHOW TimeZone").value()).isEqualTo("GMT-05:30");
        assertThat(ServeParameters.initial(Map.of("user", "u", "TimeZone", "GMT-05:30"))).containsEntry("TimeZone", "GMT-05:30");
    }

    @Test
    void searchPathMayNameSchemasThatDoNotExistYet() {
        run("BEGIN");
        run("SET search_path = later, public");
        assertThat(run("SELECT 1").value()).as("the transaction is not disturbed").isEqualTo("1");
        run("CREATE SCHEMA later");
        run("CREATE TABLE later.items (v INTEGER)");
        run("INSERT INTO items VALUES (5)");
        assertThat(run("SELECT v FROM items").value()).isEqualTo("5");
        run("COMMIT");
        assertThat(run("SHOW search_path").value()).isEqualTo("later, public");
    }

    @Test
    void resetAllReturnsEveryParameterAndReportsIt() {
        run("SET application_name = 'a'");
        run("SET DateStyle = 'ISO, YMD'");
        RecordingSink reset = run("RESET ALL");
        assertThat(reset.tag).isEqualTo("RESET");
        assertThat(reset.parameterStatus).containsEntry("application_name", "").containsEntry("DateStyle", "ISO, MDY");
    }

    @Test
    void pgDumpPreambleIsAccepted() {
        for (String sql : List.of("SET statement_timeout = 0", "SET lock_timeout = 0", "SET idle_in_transaction_session_timeout = 0",
                "SET client_encoding = 'UTF8'", "SET standard_conforming_strings = on",
                "SET check_function_bodies = false", "SET xmloption = content", "SET client_min_messages = warning",
                "SET row_security = off", "SET default_tablespace = ''", "SET default_table_access_method = heap",
                "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE")) {
            assertThat(run(sql).tag).as(sql).isEqualTo("SET");
        }
        assertThat(run("SHOW default_transaction_isolation").value()).isEqualTo("serializable");
    }
}
