package dev.pgwire.compat.catalog;

import dev.pgwire.compat.Scripts;
import dev.pgwire.compat.Servers;
import dev.pgwire.compat.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code src/test/resources/catalog/schema.sql} loaded once per run into database
 * {@value #DATABASE} on each side; the catalog tests only read it.
 */
final class CatalogSchema {
    static final String DATABASE = "catalog_schema";
    private static final Map<String, List<String>> REFUSED = new HashMap<>();

    private CatalogSchema() {
    }

    static List<String> statements() {
        try {
            String text = Files.readString(Scripts.resources().resolve("catalog/schema.sql"));
            List<String> out = new ArrayList<>();
            for (String s : text.replaceAll("(?m)^--.*$", "").split(";\\s*\\n")) {
                if (!s.isBlank()) out.add(s.strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the schema into {@code target} (once) and returns the statements it refused, with the error. */
    static synchronized List<String> load(Target target) {
        return REFUSED.computeIfAbsent(target.name(), n -> {
            Servers.database(target, DATABASE);
            List<String> refused = new ArrayList<>();
            try (Connection c = target.connect(DATABASE); Statement st = c.createStatement()) {
                for (String sql : statements()) {
                    try {
                        st.execute(sql);
                    } catch (SQLException e) {
                        refused.add(sql + "\n    [" + e.getSQLState() + "] " + e.getMessage().lines().findFirst().orElse(""));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot connect to " + target + " database " + DATABASE, e);
            }
            return refused;
        });
    }

    /** Both sides loaded; PostgreSQL must have taken every statement. */
    static void loadBoth() {
        List<String> pg = load(Servers.postgres());
        if (!pg.isEmpty()) throw new IllegalStateException("PostgreSQL refused the catalog schema:\n" + String.join("\n", pg));
        load(Servers.serve());
    }
}
