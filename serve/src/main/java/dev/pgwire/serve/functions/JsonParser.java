package dev.pgwire.serve.functions;

import dev.pgwire.protocol.PgException;
import dev.pgwire.serve.functions.JsonLexer.Context;
import dev.pgwire.serve.functions.JsonLexer.Token;

import java.util.ArrayDeque;

/**
 * PostgreSQL's JSON parser ({@code pg_parse_json}): a recursive descent that calls the semantic
 * actions of {@link Actions} in PostgreSQL's order, so that the json functions written as those
 * actions meet values, and errors, in the same order as PostgreSQL's. The descent keeps its open
 * containers on the heap, so deep input never reaches the Java stack.
 */
final class JsonParser {
    private JsonParser() {}

    /**
     * PostgreSQL's JsonSemAction callbacks. Field names and string scalars are decoded only when the
     * lexer decodes ({@code needEscapes}), otherwise null; other scalars arrive as their token text.
     * During a callback the lexer shows the current token and nesting level, as PostgreSQL's do.
     */
    interface Actions {
        default void objectStart() {}
        default void objectEnd() {}
        default void arrayStart() {}
        default void arrayEnd() {}
        default void fieldStart(String name, boolean isNull) {}
        default void fieldEnd(String name, boolean isNull) {}
        default void elementStart(boolean isNull) {}
        default void elementEnd(boolean isNull) {}
        default void scalar(String token, Token type) {}
    }

    private static final Actions NONE = new Actions() {};

    /*
     * PostgreSQL's parser recurses and stops with 54001 "stack depth limit exceeded" once its stack
     * passes max_stack_depth; this one keeps its containers on the heap and charges each open one
     * what it costs PostgreSQL 15 at the default setting, as the protocol's json input does
     * (dev.pgwire.protocol.types.JsonText, where the figures were measured): arrays about 14 500
     * deep, objects about 13 100.
     */
    private static final int ARRAY_LEVEL_COST = 9;
    private static final int OBJECT_LEVEL_COST = 10;
    private static final int STACK_BUDGET = 131_000;

    /** Checks that {@code text} is json, as json_in does; throws 22P02 with PostgreSQL's detail. */
    static void validate(String text) {
        parse(new JsonLexer(text, false), NONE);
    }

    /** Parses a whole document. */
    static void parse(JsonLexer lex, Actions actions) {
        lex.lex();
        value(lex, actions);
        if (lex.tokenType != Token.END) throw lex.unexpected(Context.END);
    }

    /** An open object or array, with the member being read. */
    private static final class Frame {
        final boolean object;
        String name;
        boolean isNull;

        Frame(boolean object) {
            this.object = object;
        }
    }

    /** Parses the value at the current token, leaving the token after it current. */
    private static void value(JsonLexer lex, Actions a) {
        ArrayDeque<Frame> open = new ArrayDeque<>();
        int cost = 0;
        while (true) {
            switch (lex.tokenType) {
                case OBJECT_START -> {
                    if ((cost += OBJECT_LEVEL_COST) > STACK_BUDGET) throw stackDepthExceeded();
                    a.objectStart();
                    lex.lexLevel++;
                    lex.lex();
                    if (lex.tokenType == Token.STRING) {
                        Frame f = new Frame(true);
                        open.push(f);
                        startField(lex, a, f);
                        continue;
                    }
                    if (lex.tokenType != Token.OBJECT_END) throw lex.unexpected(Context.OBJECT_START);
                    lex.lex();
                    lex.lexLevel--;
                    cost -= OBJECT_LEVEL_COST;
                    a.objectEnd();
                }
                case ARRAY_START -> {
                    if ((cost += ARRAY_LEVEL_COST) > STACK_BUDGET) throw stackDepthExceeded();
                    a.arrayStart();
                    lex.lexLevel++;
                    lex.lex();
                    if (lex.tokenType != Token.ARRAY_END) {
                        Frame f = new Frame(false);
                        open.push(f);
                        startElement(lex, a, f);
                        continue;
                    }
                    lex.lex();
                    lex.lexLevel--;
                    cost -= ARRAY_LEVEL_COST;
                    a.arrayEnd();
                }
                default -> scalar(lex, a);
            }
            // a value is complete: close the containers it completes, up to one that goes on
            while (true) {
                Frame f = open.peek();
                if (f == null) return;
                if (f.object) {
                    a.fieldEnd(f.name, f.isNull);
                    if (lex.tokenType == Token.COMMA) {
                        lex.lex();
                        if (lex.tokenType != Token.STRING) throw lex.unexpected(Context.STRING);
                        startField(lex, a, f);
                        break;
                    }
                    if (lex.tokenType != Token.OBJECT_END) throw lex.unexpected(Context.OBJECT_NEXT);
                    lex.lex();
                    lex.lexLevel--;
                    open.pop();
                    cost -= OBJECT_LEVEL_COST;
                    a.objectEnd();
                } else {
                    a.elementEnd(f.isNull);
                    if (lex.tokenType == Token.COMMA) {
                        lex.lex();
                        startElement(lex, a, f);
                        break;
                    }
                    if (lex.tokenType != Token.ARRAY_END) throw lex.unexpected(Context.ARRAY_NEXT);
                    lex.lex();
                    lex.lexLevel--;
                    open.pop();
                    cost -= ARRAY_LEVEL_COST;
                    a.arrayEnd();
                }
            }
        }
    }

    private static PgException stackDepthExceeded() {
        return Errors.error(Errors.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded", null, "Increase the configuration parameter"
                + " \"max_stack_depth\" (currently 2048kB), after ensuring the platform's stack depth limit is adequate.");
    }

    /** parse_object_field up to the value: the name (current token, a string), the colon. */
    private static void startField(JsonLexer lex, Actions a, Frame f) {
        f.name = lex.strval;
        lex.lex();
        if (lex.tokenType != Token.COLON) throw lex.unexpected(Context.OBJECT_LABEL);
        lex.lex();
        f.isNull = lex.tokenType == Token.NULL;
        a.fieldStart(f.name, f.isNull);
    }

    private static void startElement(JsonLexer lex, Actions a, Frame f) {
        f.isNull = lex.tokenType == Token.NULL;
        a.elementStart(f.isNull);
    }

    private static void scalar(JsonLexer lex, Actions a) {
        Token type = lex.tokenType;
        if (type != Token.STRING && type != Token.NUMBER && type != Token.TRUE && type != Token.FALSE
                && type != Token.NULL) {
            throw lex.unexpected(Context.VALUE);
        }
        String token = type == Token.STRING ? lex.strval : lex.token();
        lex.lex();  // PostgreSQL reads the next token before the scalar action
        a.scalar(token, type);
    }

    /** json_count_array_elements: the length of the array whose '[' is the current token. */
    static int countArrayElements(JsonLexer lex) {
        JsonLexer copy = lex.lookahead();
        copy.lexLevel++;
        copy.lex();
        int count = 0;
        if (copy.tokenType != Token.ARRAY_END) {
            while (true) {
                count++;
                value(copy, NONE);
                if (copy.tokenType != Token.COMMA) break;
                copy.lex();
            }
        }
        if (copy.tokenType != Token.ARRAY_END) throw copy.unexpected(Context.ARRAY_NEXT);
        return count;
    }
}
