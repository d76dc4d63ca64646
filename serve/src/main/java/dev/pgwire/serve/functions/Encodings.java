package dev.pgwire.serve.functions;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * convert_to(text, encoding) and convert_from(bytea, encoding) between the database's encoding,
 * UTF8, and PostgreSQL's other server-side encodings, through the JDK's charsets (bytea in and
 * out as hex text: Java functions take no BLOB values). A character the target cannot hold is
 * 22P05 and bytes that are not valid in the source encoding 22021, with PostgreSQL's messages;
 * an unknown encoding name is 22023.
 */
final class Encodings {
    private Encodings() {}

    /** PostgreSQL's encoding names (lower case, letters and digits only) and aliases: {PostgreSQL's name, Java charset}. */
    private static final Map<String, String[]> NAMES = Map.ofEntries(
            Map.entry("utf8", new String[] {"UTF8", "UTF-8"}), Map.entry("unicode", new String[] {"UTF8", "UTF-8"}),
            Map.entry("sqlascii", new String[] {"SQL_ASCII", null}),
            Map.entry("latin1", new String[] {"LATIN1", "ISO-8859-1"}), Map.entry("iso88591", new String[] {"LATIN1", "ISO-8859-1"}),
            Map.entry("latin2", new String[] {"LATIN2", "ISO-8859-2"}), Map.entry("iso88592", new String[] {"LATIN2", "ISO-8859-2"}),
            Map.entry("latin3", new String[] {"LATIN3", "ISO-8859-3"}), Map.entry("iso88593", new String[] {"LATIN3", "ISO-8859-3"}),
            Map.entry("latin4", new String[] {"LATIN4", "ISO-8859-4"}), Map.entry("iso88594", new String[] {"LATIN4", "ISO-8859-4"}),
            Map.entry("latin5", new String[] {"LATIN5", "ISO-8859-9"}), Map.entry("iso88599", new String[] {"LATIN5", "ISO-8859-9"}),
            Map.entry("latin6", new String[] {"LATIN6", "ISO-8859-10"}), Map.entry("iso885910", new String[] {"LATIN6", "ISO-8859-10"}),
            Map.entry("latin7", new String[] {"LATIN7", "ISO-8859-13"}), Map.entry("iso885913", new String[] {"LATIN7", "ISO-8859-13"}),
            Map.entry("latin8", new String[] {"LATIN8", "ISO-8859-14"}), Map.entry("iso885914", new String[] {"LATIN8", "ISO-8859-14"}),
            Map.entry("latin9", new String[] {"LATIN9", "ISO-8859-15"}), Map.entry("iso885915", new String[] {"LATIN9", "ISO-8859-15"}),
            Map.entry("latin10", new String[] {"LATIN10", "ISO-8859-16"}), Map.entry("iso885916", new String[] {"LATIN10", "ISO-8859-16"}),
            Map.entry("iso88595", new String[] {"ISO_8859_5", "ISO-8859-5"}), Map.entry("iso88596", new String[] {"ISO_8859_6", "ISO-8859-6"}),
            Map.entry("iso88597", new String[] {"ISO_8859_7", "ISO-8859-7"}), Map.entry("iso88598", new String[] {"ISO_8859_8", "ISO-8859-8"}),
            Map.entry("win1250", new String[] {"WIN1250", "windows-1250"}), Map.entry("win1251", new String[] {"WIN1251", "windows-1251"}),
            Map.entry("win1252", new String[] {"WIN1252", "windows-1252"}), Map.entry("win1253", new String[] {"WIN1253", "windows-1253"}),
            Map.entry("win1254", new String[] {"WIN1254", "windows-1254"}), Map.entry("win1255", new String[] {"WIN1255", "windows-1255"}),
            Map.entry("win1256", new String[] {"WIN1256", "windows-1256"}), Map.entry("win1257", new String[] {"WIN1257", "windows-1257"}),
            Map.entry("win1258", new String[] {"WIN1258", "windows-1258"}), Map.entry("win866", new String[] {"WIN866", "IBM866"}),
            Map.entry("win874", new String[] {"WIN874", "x-windows-874"}),
            Map.entry("koi8r", new String[] {"KOI8R", "KOI8-R"}), Map.entry("koi8", new String[] {"KOI8R", "KOI8-R"}),
            Map.entry("koi8u", new String[] {"KOI8U", "KOI8-U"}),
            Map.entry("eucjp", new String[] {"EUC_JP", "EUC-JP"}), Map.entry("euckr", new String[] {"EUC_KR", "EUC-KR"}),
            Map.entry("euccn", new String[] {"EUC_CN", "GB2312"}), Map.entry("sjis", new String[] {"SJIS", "Shift_JIS"}),
            Map.entry("shiftjis", new String[] {"SJIS", "Shift_JIS"}), Map.entry("gbk", new String[] {"GBK", "GBK"}),
            Map.entry("gb18030", new String[] {"GB18030", "GB18030"}), Map.entry("big5", new String[] {"BIG5", "Big5"}),
            Map.entry("uhc", new String[] {"UHC", "x-windows-949"}));

    private static String[] encoding(String name, String role) {
        StringBuilder key = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) if (Character.isLetterOrDigit(c)) key.append(c);
        String[] e = NAMES.get(key.toString());
        if (e == null || e[1] != null && !Charset.isSupported(e[1])) {
            throw Errors.error(Errors.INVALID_PARAMETER_VALUE, "invalid " + role + " encoding name \"" + name + "\"");
        }
        return e;
    }

    /** convert_to: the text's characters in {@code encoding}, as hex. */
    static String to(String text, String encoding) {
        String[] e = encoding(encoding, "destination");
        if (e[1] == null || e[0].equals("UTF8")) return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
        CharsetEncoder encoder = Charset.forName(e[1]).newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer out = ByteBuffer.allocate((int) Math.ceil(text.length() * (double) encoder.maxBytesPerChar()) + 8);
        CoderResult r = encoder.encode(in, out, true);
        if (r.isError()) {
            String bad = text.substring(in.position(), in.position() + r.length());
            throw Errors.error(Errors.UNTRANSLATABLE_CHARACTER, "character with byte sequence " + bytes(bad.getBytes(StandardCharsets.UTF_8))
                    + " in encoding \"UTF8\" has no equivalent in encoding \"" + e[0] + "\"");
        }
        encoder.flush(out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return HexFormat.of().formatHex(b);
    }

    /** convert_from: the bytes (hex) read in {@code encoding}, as text. */
    static String from(String hex, String encoding) {
        String[] e = encoding(encoding, "source");
        byte[] data = HexFormat.of().parseHex(hex);
        String charset = e[1] == null ? "UTF-8" : e[1];
        String name = e[1] == null ? "UTF8" : e[0];
        CharsetDecoder decoder = Charset.forName(charset).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data);
        CharBuffer out = CharBuffer.allocate(data.length * 2 + 8);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            byte[] bad = new byte[r.length()];
            System.arraycopy(data, in.position(), bad, 0, bad.length);
            if (r.isUnmappable()) {
                throw Errors.error(Errors.UNTRANSLATABLE_CHARACTER, "character with byte sequence " + bytes(bad) + " in encoding \""
                        + name + "\" has no equivalent in encoding \"UTF8\"");
            }
            throw Errors.error("22021", "invalid byte sequence for encoding \"" + name + "\": " + bytes(bad));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) throw Errors.error("22021", "invalid byte sequence for encoding \"UTF8\": 0x00");
        return text;
    }

    /** Bytes as PostgreSQL's messages write them: {@code 0xe6 0x97 0xa5}. */
    private static String bytes(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(sb.length() > 0 ? " " : "").append(String.format("0x%02x", x & 0xff));
        return sb.toString();
    }
}
