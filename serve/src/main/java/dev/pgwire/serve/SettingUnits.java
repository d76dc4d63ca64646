package dev.pgwire.serve;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters measured in a unit, as PostgreSQL's GUC code keeps them: a memory size is read
 * with or without a unit (B, kB, MB, GB, TB; none is the parameter's own unit) and SHOW writes it in
 * the largest unit that holds it exactly ({@code 4MB}); pg_settings.setting is the plain number in
 * the parameter's unit ({@code 4096} with unit kB, {@code 60000} for a timeout of {@code 1min}),
 * which monitoring tools read as a number.
 */
final class SettingUnits {
    private SettingUnits() {}

    /** The unit of each parameter serve keeps that has one, as pg_settings.unit names it. */
    private static final Map<String, String> UNITS = Map.of("work_mem", "kB", "maintenance_work_mem", "kB",
            "effective_cache_size", "8kB", "temp_buffers", "8kB", "statement_timeout", "ms", "lock_timeout", "ms",
            "idle_in_transaction_session_timeout", "ms", "idle_session_timeout", "ms");

    private static final Pattern MEMORY = Pattern.compile("^\\s*(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(B|kB|MB|GB|TB)?\\s*$");
    /** Memory units in kB, as a size may be written. */
    private static final Map<String, Long> KB = new LinkedHashMap<>();

    static {
        KB.put("TB", 1L << 30);
        KB.put("GB", 1L << 20);
        KB.put("MB", 1L << 10);
        KB.put("kB", 1L);
    }

    /**
     * A memory size for parameter {@code name} counted in blocks of {@code blockKb} kB, between
     * {@code min} and {@code max} blocks, as SHOW writes it.
     */
    static String memory(String name, String value, int blockKb, long min, long max) {
        Matcher m = MEMORY.matcher(value);
        if (!m.matches()) {
            throw Guc.invalidValue(name, value);
        }
        BigDecimal number = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
        BigDecimal kb = m.group(2) == null ? number.multiply(BigDecimal.valueOf(blockKb))
                : m.group(2).equals("B") ? number.divide(BigDecimal.valueOf(1024), 20, RoundingMode.HALF_EVEN)
                : number.multiply(BigDecimal.valueOf(KB.get(m.group(2))));
        BigDecimal blocks = kb.divide(BigDecimal.valueOf(blockKb), 0, RoundingMode.HALF_EVEN);
        String unit = blockKb == 1 ? "kB" : blockKb + "kB";
        if (blocks.compareTo(BigDecimal.valueOf(min)) < 0 || blocks.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, blocks.toPlainString() + " " + unit
                    + " is outside the valid range for parameter \"" + name + "\" (" + min + " .. " + max + ")");
        }
        return dev.pgwire.serve.catalog.ServerSettings.shownBytes(blocks.longValueExact() * blockKb * 1024);
    }

    /** pg_settings.setting of parameter {@code name} whose value SHOW writes as {@code shown}: the number in its unit. */
    static String inUnit(String name, String shown) {
        String unit = name == null || shown == null ? null : UNITS.get(name);
        if (unit == null) return shown;
        if (unit.equals("ms")) return Long.toString(Guc.toMillis(shown));
        Matcher m = MEMORY.matcher(shown);
        if (!m.matches() || m.group(1).contains(".")) return shown;
        long n = Long.parseLong(m.group(1));
        long kb = m.group(2) == null ? n * (unit.equals("kB") ? 1 : 8) : m.group(2).equals("B") ? n / 1024 : n * KB.get(m.group(2));
        return Long.toString(unit.equals("kB") ? kb : kb / 8);
    }
}
