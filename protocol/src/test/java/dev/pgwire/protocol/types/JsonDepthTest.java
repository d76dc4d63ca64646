package dev.pgwire.protocol.types;

import dev.pgwire.protocol.PgException;
import dev.pgwire.protocol.SqlState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deeply nested json and jsonb are read as PostgreSQL 15 reads a Bind parameter: 10 000 levels
 * are fine, and past its stack depth limit the error is 54001 "stack depth limit exceeded" — never
 * a StackOverflowError, even on a thread with a 256 KiB stack.
 */
class JsonDepthTest {

    private static final TypeRegistry TYPES = TypeRegistry.standard();
    private static final CodecContext CTX = CodecContext.DEFAULT;
    private static final long SMALL_STACK = 256 * 1024;

    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    private static Object json(String text) {
        return TYPES.decodeText(PgType.JSON.oid(), text, CTX);
    }

    private static Object jsonb(String text) {
        return TYPES.decodeText(PgType.JSONB.oid(), text, CTX);
    }

    /** Runs {@code work} on a thread with a small stack, returning its result or rethrowing what it threw. */
    private static <T> T onSmallStack(Callable<T> work) throws Throwable {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", SMALL_STACK);
        t.start();
        t.join();
        if (failure.get() != null) throw failure.get();
        return result.get();
    }

    @Test
    void jsonAndJsonbNestedTenThousandDeepAreReadOnASmallStack() throws Throwable {
        String arrays = nested("[", "1", "]", 10_000);
        String objects = nested("{\"a\":", "1", "}", 10_000);
        assertThat(onSmallStack(() -> json(arrays))).isEqualTo(arrays);
        assertThat(onSmallStack(() -> json(objects))).isEqualTo(objects);
        assertThat(onSmallStack(() -> jsonb(arrays))).isEqualTo(arrays);
        // jsonb prints a space after each colon
        assertThat(onSmallStack(() -> jsonb(objects))).isEqualTo(nested("{\"a\": ", "1", "}", 10_000));
    }

    @Test
    void deeperThanPostgresesStackLimitIs54001OnASmallStack() {
        for (String text : new String[] {
                nested("[", "1", "]", 20_000),
                nested("{\"a\":", "1", "}", 20_000),
                "[".repeat(1_000_000),                 // PostgreSQL runs out of stack before it sees the end
                nested("[", "x", "]", 20_000)}) {
            for (int oid : new int[] {PgType.JSON.oid(), PgType.JSONB.oid()}) {
                assertThatThrownBy(() -> onSmallStack(() -> TYPES.decodeText(oid, text, CTX)))
                        .isInstanceOfSatisfying(PgException.class, e -> {
                            assertThat(e.sqlState()).isEqualTo(SqlState.STATEMENT_TOO_COMPLEX);
                            assertThat(e.getMessage()).isEqualTo("stack depth limit exceeded");
                        });
            }
        }
    }

    @Test
    void theLimitIsWherePostgres15PutsItForEachShape() {
        // json_in through a Bind parameter, max_stack_depth 2MB: 14 555 arrays, 13 100 objects,
        // 6 894 array-object pairs, 1 439 runs of nine arrays and an object
        String[][] shapes = {
                {"[", "]", "14555"},
                {"{\"a\":", "}", "13100"},
                {"[{\"a\":", "}]", "6894"},
                {"[[[[[[[[[{\"a\":", "}]]]]]]]]]", "1439"},
        };
        for (String[] s : shapes) {
            int deepest = Integer.parseInt(s[2]);
            assertThat(json(nested(s[0], "1", s[1], deepest))).isNotNull();
            assertThatThrownBy(() -> json(nested(s[0], "1", s[1], deepest + 1)))
                    .as("%s nested %d deep", s[0], deepest + 1)
                    .isInstanceOfSatisfying(PgException.class,
                            e -> assertThat(e.sqlState()).isEqualTo(SqlState.STATEMENT_TOO_COMPLEX));
        }
    }

    @Test
    void depthIsCountedOnlyWhileContainersAreOpen() {
        // 20 000 arrays one after another, each closed before the next opens
        String flat = "[" + "[1],".repeat(20_000) + "[]]";
        assertThat(json(flat)).isEqualTo(flat);
        String sideBySide = "[" + nested("[", "1", "]", 10_000) + "," + nested("[", "2", "]", 10_000) + "]";
        assertThat(jsonb(sideBySide))
                .isEqualTo("[" + nested("[", "1", "]", 10_000) + ", " + nested("[", "2", "]", 10_000) + "]");
    }

    @Test
    void deepJsonbKeepsItsNormalForm() throws Throwable {
        // duplicate keys at depth: the last wins; keys sorted by length then bytes; empty containers
        String text = "{\"b\":" + nested("[", "{\"y\":1,\"x\":2,\"y\":3,\"aa\":[],\"c\":{}}", "]", 5_000) + ",\"a\":null}";
        String expected = "{\"a\": null, \"b\": "
                + nested("[", "{\"c\": {}, \"x\": 2, \"y\": 3, \"aa\": []}", "]", 5_000) + "}";
        assertThat(onSmallStack(() -> jsonb(text))).isEqualTo(expected);
        // and the normal form reads back to itself
        assertThat(onSmallStack(() -> jsonb(expected))).isEqualTo(expected);
    }

    @Test
    void deepJsonInsideArraysAndBinaryValues() throws Throwable {
        String deep = nested("[", "1", "]", 10_000);
        // a json[] element is quoted array text; the json inside is 10 000 deep
        String arrayText = "{\"" + deep + "\"}";
        PgArray a = onSmallStack(() -> (PgArray) TYPES.decodeText(PgType.JSON_ARRAY.oid(), arrayText, CTX));
        assertThat(a.element(0)).isEqualTo(deep);
        // jsonb in binary: version byte 1, then the text
        byte[] binary = ("\u0001" + deep).getBytes(StandardCharsets.UTF_8);
        assertThat(onSmallStack(() -> TYPES.decode(PgType.JSONB.oid(), binary, TypeRegistry.BINARY, CTX))).isEqualTo(deep);
        byte[] tooDeep = ("\u0001" + nested("[", "1", "]", 20_000)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> onSmallStack(() -> TYPES.decode(PgType.JSONB.oid(), tooDeep, TypeRegistry.BINARY, CTX)))
                .isInstanceOfSatisfying(PgException.class,
                        e -> assertThat(e.sqlState()).isEqualTo(SqlState.STATEMENT_TOO_COMPLEX));
    }
}
