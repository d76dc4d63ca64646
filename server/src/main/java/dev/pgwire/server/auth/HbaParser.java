package dev.pgwire.server.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the pg_hba.conf subset that {@link AuthConfig} supports (PostgreSQL documentation,
 * "The pg_hba.conf File"):
 * <pre>
 * local      DATABASE  USER  METHOD
 * host       DATABASE  USER  ADDRESS  METHOD
 * hostssl    DATABASE  USER  ADDRESS  METHOD
 * hostnossl  DATABASE  USER  ADDRESS  METHOD
 * host       DATABASE  USER  IP-ADDRESS  IP-MASK  METHOD
 * </pre>
 * DATABASE and USER are {@code all} or comma-separated names; ADDRESS is {@code all}, a CIDR range
 * or a bare address. Double quotes make a name literal ({@code "all"} is a database named all)
 * and may enclose spaces and commas. {@code #} starts a comment. Features this server cannot
 * honour (other methods, {@code replication}, {@code sameuser}, {@code +group}, {@code @file},
 * host names, options) are errors rather than silently ignored.
 */
final class HbaParser {
    private HbaParser() {}

    /** One name in a field; {@code quoted} if any part of it was in double quotes. */
    private record Token(String text, boolean quoted) {
        boolean is(String keyword) {
            return !quoted && text.equals(keyword);
        }
    }

    static List<AuthRule> parse(String text) {
        List<AuthRule> rules = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            try {
                List<List<Token>> fields = tokenize(lines[i]);
                if (!fields.isEmpty()) rules.add(rule(fields));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return rules;
    }

    /** Splits a line into whitespace-separated fields, each a comma-separated list of tokens. */
    private static List<List<Token>> tokenize(String line) {
        List<List<Token>> fields = new ArrayList<>();
        List<Token> field = null;
        StringBuilder buf = new StringBuilder();
        boolean inToken = false;
        boolean inQuote = false;
        boolean quoted = false;
        boolean afterComma = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuote) {
                if (c == '"') inQuote = false; else buf.append(c);
                continue;
            }
            if (c == '#') break;
            if (c == ',') {
                if (!inToken) throw new IllegalArgumentException("empty name in a comma-separated list");
                field.add(new Token(buf.toString(), quoted));
                buf.setLength(0);
                inToken = quoted = false;
                afterComma = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    field.add(new Token(buf.toString(), quoted));
                    buf.setLength(0);
                    inToken = quoted = false;
                }
                // A list may continue after whitespace that follows a comma ("db1, db2").
                if (field != null && !afterComma) {
                    fields.add(field);
                    field = null;
                }
            } else {
                if (field == null) field = new ArrayList<>();
                inToken = true;
                afterComma = false;
                if (c == '"') {
                    inQuote = quoted = true;
                } else {
                    buf.append(c);
                }
            }
        }
        if (inQuote) throw new IllegalArgumentException("unterminated quoted string");
        if (afterComma) throw new IllegalArgumentException("comma-separated list ends with a comma");
        if (inToken) field.add(new Token(buf.toString(), quoted));
        if (field != null) fields.add(field);
        return fields;
    }

    private static AuthRule rule(List<List<Token>> fields) {
        ConnectionType type = connectionType(single(fields.get(0), "connection type"));
        int next = 1;
        Set<String> databases = names(field(fields, next++, "database"), "database");
        Set<String> users = names(field(fields, next++, "role"), "role");
        Cidr address = null;
        if (type != ConnectionType.LOCAL) {
            Token a = single(field(fields, next++, "IP address"), "IP address");
            if (a.is("samehost") || a.is("samenet")) {
                throw new IllegalArgumentException("address keyword \"" + a.text() + "\" is not supported");
            }
            if (!a.is("all")) {
                // Two-field form "IP-ADDRESS IP-MASK METHOD": a mask field sits before the method.
                if (a.text().indexOf('/') < 0 && fields.size() > next + 1
                        && looksLikeAddress(fields.get(next))) {
                    address = Cidr.fromMask(a.text(), single(fields.get(next++), "IP mask").text());
                } else {
                    address = Cidr.parse(a.text());
                }
            }
        }
        AuthMethod method = AuthMethod.parse(single(field(fields, next++, "authentication method"),
                "authentication method").text());
        if (fields.size() > next) {
            throw new IllegalArgumentException("authentication options are not supported: \""
                    + fields.get(next).get(0).text() + "\"");
        }
        return new AuthRule(type, databases, users, address, method);
    }

    private static ConnectionType connectionType(Token t) {
        if (!t.quoted()) {
            for (ConnectionType ct : ConnectionType.values()) {
                if (ct.hbaName().equals(t.text().toLowerCase(Locale.ROOT))) return ct;
            }
        }
        throw new IllegalArgumentException("invalid connection type \"" + t.text()
                + "\"; valid types: local, host, hostssl, hostnossl");
    }

    /** An empty set for "all", else the names. */
    private static Set<String> names(List<Token> tokens, String what) {
        Set<String> names = new LinkedHashSet<>();
        boolean all = false;
        for (Token t : tokens) {
            if (t.is("all")) {
                all = true;
            } else if (t.is("sameuser") || t.is("samerole") || t.is("samegroup") || t.is("replication")) {
                throw new IllegalArgumentException(what + " keyword \"" + t.text() + "\" is not supported");
            } else if (!t.quoted() && (t.text().startsWith("+") || t.text().startsWith("@"))) {
                throw new IllegalArgumentException("group membership (+) and file inclusion (@) are not supported: \""
                        + t.text() + "\"");
            } else if (t.text().isEmpty()) {
                throw new IllegalArgumentException("empty " + what + " name");
            } else {
                names.add(t.text());
            }
        }
        return all ? Set.of() : names;
    }

    private static List<Token> field(List<List<Token>> fields, int index, String what) {
        if (index >= fields.size()) throw new IllegalArgumentException("end of line before " + what + " specification");
        return fields.get(index);
    }

    private static Token single(List<Token> field, String what) {
        if (field.size() != 1) throw new IllegalArgumentException("multiple values in " + what + " field");
        return field.get(0);
    }

    private static boolean looksLikeAddress(List<Token> field) {
        if (field.size() != 1 || field.get(0).quoted()) return false;
        String s = field.get(0).text();
        return !s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }

    /** A name as it must be written in a pg_hba.conf field. */
    static String quoteIfNeeded(String name) {
        boolean plain = !name.isEmpty() && name.chars().noneMatch(c -> Character.isWhitespace(c) || c == ',' || c == '"' || c == '#')
                && !List.of("all", "sameuser", "samerole", "samegroup", "replication").contains(name)
                && !name.startsWith("+") && !name.startsWith("@");
        return plain ? name : '"' + name + '"';
    }
}
