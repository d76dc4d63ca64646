package dev.pgwire.serve;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Catalog answers that depend on the asking session or were missing before: names qualified by
 * search_path in definitions, PostgreSQL's built-in constraints and extension membership,
 * pg_describe_object, the extensions serve offers, and where a setting's value comes from.
 * Each expected text is PostgreSQL 15's for the same statements.
 */
class CatalogAnswersTest extends SessionTestSupport {

    @Test
    void aForeignKeyNamesItsTableAsTheSearchPathSeesIt() {
        run("CREATE SCHEMA app");
        run("CREATE TABLE app.items (sku text PRIMARY KEY)");
        run("CREATE TABLE refs (id int PRIMARY KEY, sku text REFERENCES app.items(sku))");
        String def = "SELECT pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conname = 'refs_sku_fkey'";
        assertThat(run(def).value()).isEqualTo("FOREIGN KEY (sku) REFERENCES app.items(sku)");
        run("SET search_path = app, public");
        assertThat(run(def).value()).isEqualTo("FOREIGN KEY (sku) REFERENCES items(sku)");
    }

    @Test
    void anIndexDefinitionQualifiesItsTableUnlessPrettyAndVisible() {
        run("CREATE TABLE t (x int)");
        run("CREATE INDEX t_x ON t (x)");
        assertThat(run("SELECT pg_get_indexdef('t_x'::regclass)").value()).isEqualTo("CREATE INDEX t_x ON public.t USING btree (x)");
        assertThat(run("SELECT pg_get_indexdef('t_x'::regclass, 0, true)").value()).isEqualTo("CREATE INDEX t_x ON t USING btree (x)");
        assertThat(run("SELECT indexdef FROM pg_indexes WHERE indexname = 't_x'").value())
                .isEqualTo("CREATE INDEX t_x ON public.t USING btree (x)");
    }

    @Test
    void builtInConstraintsAndExtensionMembersAreDescribed() {
        assertThat(run("SELECT pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) FROM pg_constraint"
                + " WHERE conname = 'cardinal_number_domain_check'").rows)
                .containsExactly(List.of("CHECK ((VALUE >= 0))", "CHECK (VALUE >= 0)"));
        assertThat(run("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'pg_class_oid_index'").value())
                .isEqualTo("PRIMARY KEY (oid)");
        assertThat(run("SELECT pg_describe_object(classid, objid, objsubid) FROM pg_depend"
                + " WHERE refclassid = 'pg_extension'::regclass ORDER BY 1").rows).containsExactly(
                List.of("function plpgsql_call_handler()"), List.of("function plpgsql_inline_handler(internal)"),
                List.of("function plpgsql_validator(oid)"), List.of("language plpgsql"));
    }

    @Test
    void describesUserObjectsAsPostgresDoes() {
        run("CREATE TABLE customers (id int PRIMARY KEY, name text DEFAULT 'x')");
        run("CREATE TABLE orders (id int, customer_id int REFERENCES customers(id))");
        assertThat(run("SELECT pg_describe_object(classid, objid, objsubid), pg_describe_object(refclassid, refobjid, refobjsubid)"
                + " FROM pg_depend WHERE classid = 'pg_constraint'::regclass AND deptype = 'n'").rows)
                .containsExactlyInAnyOrder(List.of("constraint orders_customer_id_fkey on table orders", "column id of table customers"),
                        List.of("constraint orders_customer_id_fkey on table orders", "index customers_pkey"));
        assertThat(run("SELECT pg_describe_object('pg_attrdef'::regclass, oid, 0) FROM pg_attrdef").value())
                .isEqualTo("default value for column name of table customers");
        assertThat(run("SELECT pg_describe_object('pg_class'::regclass, 'customers_pkey'::regclass, 0)").value())
                .isEqualTo("index customers_pkey");
        assertThat(run("SELECT pg_describe_object('pg_class'::regclass, 0, 0)").value()).isNull();
    }

    @Test
    void theExtensionsServeProvidesAreAvailableAndShowWhenInstalled() {
        String available = "SELECT name, default_version, installed_version FROM pg_available_extensions ORDER BY name";
        assertThat(run(available).rows).containsExactly(Arrays.asList("pgcrypto", "1.3", null), List.of("plpgsql", "1.0", "1.0"),
                Arrays.asList("uuid-ossp", "1.1", null));
        run("CREATE EXTENSION pgcrypto");
        assertThat(run("SELECT extname FROM pg_extension ORDER BY 1").rows).containsExactly(List.of("pgcrypto"), List.of("plpgsql"));
        assertThat(run(available).rows.get(0)).containsExactly("pgcrypto", "1.3", "1.3");
        assertThat(run("SELECT name, version, installed FROM pg_available_extension_versions() AS v"
                + " JOIN pg_available_extension_versions AS w USING (name, version) WHERE name = 'pgcrypto'").rows)
                .containsExactly(List.of("pgcrypto", "1.3", "t"));
    }

    @Test
    void aSettingsSourceIsTheClientOrTheSessionThatSetIt() throws Exception {
        DuckDbSession s = open("test", Map.of("application_name", "myapp"));
        String sources = "SELECT name, source FROM pg_settings WHERE name IN ('application_name', 'search_path', 'work_mem')"
                + " ORDER BY name";
        run(s, "SET search_path = public");
        run(s, "BEGIN");
        run(s, "SET LOCAL work_mem = '8MB'");
        assertThat(run(s, sources).rows).containsExactly(List.of("application_name", "client"),
                List.of("search_path", "session"), List.of("work_mem", "session"));
        run(s, "ROLLBACK");
        run(s, "RESET search_path");
        assertThat(run(s, sources).rows).containsExactly(List.of("application_name", "client"),
                List.of("search_path", "default"), List.of("work_mem", "default"));
        run(s, "BEGIN");
        run(s, "SET search_path = public");
        run(s, "ROLLBACK");
        assertThat(run(s, sources).rows.get(1)).containsExactly("search_path", "default");
    }

    @Test
    void timeZoneNamesAreTheZonesTimeZoneAccepts() {
        assertThat(run("SELECT name, abbrev, utc_offset, is_dst FROM pg_timezone_names WHERE name IN ('UTC', 'Asia/Kolkata')"
                + " ORDER BY name").rows).containsExactly(List.of("Asia/Kolkata", "IST", "05:30:00", "f"),
                List.of("UTC", "UTC", "00:00:00", "f"));
        String zone = run("SELECT name FROM pg_timezone_names WHERE name LIKE 'Europe/%' ORDER BY name LIMIT 1").value();
        run("SET TimeZone = '" + zone + "'");
    }

    @Test
    void int2vectorAndOidvectorAreNamedAsThemselves() {
        assertThat(run("SELECT format_type(22, NULL), 30::regtype::text, format_type(1005, NULL)").rows)
                .containsExactly(List.of("int2vector", "oidvector", "smallint[]"));
    }
}
