package dev.pgwire.server.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Credentials read from a file, one entry per line, in PostgreSQL's {@code rolpassword} formats:
 * <pre>
 * # comment
 * alice:SCRAM-SHA-256$4096:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;
 * alice:md5&lt;32 lowercase hex digits&gt;
 * bob:md5&lt;32 lowercase hex digits&gt;
 * </pre>
 * A user may have one entry of each kind. Plaintext passwords are never accepted. Manage the file
 * with {@link #addUser}, which writes it with mode 0600:
 * <pre>{@code
 * CredentialFile.addUser(Path.of("passwords"), "alice", "secret");
 * CredentialStore store = CredentialFile.load(Path.of("passwords"));
 * }</pre>
 * A loaded CredentialFile is an immutable snapshot; load again to see changes.
 */
public final class CredentialFile implements CredentialStore {
    private static final Logger log = LoggerFactory.getLogger(CredentialFile.class);

    private final Map<String, ScramVerifier> scram;
    private final Map<String, String> md5;

    private CredentialFile(Map<String, ScramVerifier> scram, Map<String, String> md5) {
        this.scram = Collections.unmodifiableMap(scram);
        this.md5 = Collections.unmodifiableMap(md5);
    }

    /**
     * Reads a credential file.
     *
     * @throws IllegalArgumentException for a malformed line, naming the file and line number
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static CredentialFile load(Path file) {
        String text = read(file);
        warnIfReadableByOthers(file);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the contents of a credential file. */
    static CredentialFile parse(String text) {
        Map<String, ScramVerifier> scram = new LinkedHashMap<>();
        Map<String, String> md5 = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            String user = colon < 0 ? "" : line.substring(0, colon);
            String secret = colon < 0 ? "" : line.substring(colon + 1);
            if (user.isEmpty()) throw badLine(i, "expected <user>:<SCRAM-SHA-256 verifier or md5 hash>");
            if (secret.startsWith(ScramVerifier.PREFIX)) {
                ScramVerifier v;
                try {
                    v = ScramVerifier.parse(secret);
                } catch (IllegalArgumentException e) {
                    throw badLine(i, e.getMessage());
                }
                if (scram.putIfAbsent(user, v) != null) throw badLine(i, "second SCRAM-SHA-256 entry for user \"" + user + "\"");
            } else if (Md5Password.isMd5Hash(secret)) {
                if (md5.putIfAbsent(user, secret) != null) throw badLine(i, "second md5 entry for user \"" + user + "\"");
            } else {
                throw badLine(i, "the entry for user \"" + user + "\" is neither a SCRAM-SHA-256 verifier nor an md5 hash"
                        + " (md5 followed by 32 lowercase hex digits); plaintext passwords are not accepted");
            }
        }
        return new CredentialFile(scram, md5);
    }

    /**
     * Adds a user to the file, or replaces the user's entries: a SCRAM-SHA-256 verifier (4096
     * iterations, 16 random salt bytes) and an md5 hash. Other lines, comments included, are
     * kept. The file is replaced atomically and created with permissions 0600.
     */
    public static void addUser(Path file, String user, String password) {
        checkUserName(user);
        if (password == null || password.isEmpty()) throw new IllegalArgumentException("empty password");
        List<String> lines = withoutUser(file, user);
        lines.add(user + ":" + ScramVerifier.derive(password).encode());
        lines.add(user + ":" + Md5Password.hash(user, password));
        write(file, lines);
    }

    /** Removes the user's entries; returns false if the user had none. */
    public static boolean removeUser(Path file, String user) {
        Objects.requireNonNull(user, "user");
        if (!Files.exists(file)) return false;
        List<String> lines = withoutUser(file, user);
        if (lines.size() == read(file).lines().count()) return false;
        write(file, lines);
        return true;
    }

    /** The users with at least one entry. */
    public Set<String> users() {
        Set<String> users = new java.util.LinkedHashSet<>(scram.keySet());
        users.addAll(md5.keySet());
        return Collections.unmodifiableSet(users);
    }

    @Override
    public Optional<ScramVerifier> scramVerifier(String user) {
        return user == null ? Optional.empty() : Optional.ofNullable(scram.get(user));
    }

    @Override
    public Optional<String> md5Hash(String user) {
        return user == null ? Optional.empty() : Optional.ofNullable(md5.get(user));
    }

    /** The file's lines without the user's entries; the rest must parse. */
    private static List<String> withoutUser(Path file, String user) {
        List<String> kept = new ArrayList<>();
        if (!Files.exists(file)) return kept;
        String text = read(file);
        try {
            parse(text); // never rewrite a file that is already broken
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        text.lines().forEach(line -> {
            String s = line.strip();
            boolean entry = !s.isEmpty() && !s.startsWith("#");
            if (!entry || !s.substring(0, s.indexOf(':')).equals(user)) kept.add(line);
        });
        return kept;
    }

    private static void write(Path file, List<String> lines) {
        Path dir = file.toAbsolutePath().getParent();
        String content = String.join("\n", lines) + "\n";
        Path tmp = null;
        try {
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
            tmp = posix
                    ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("credential file {} is readable by group or others; chmod 600 is recommended", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }

    private static void checkUserName(String user) {
        Objects.requireNonNull(user, "user");
        if (user.isEmpty() || !user.strip().equals(user) || user.startsWith("#")
                || user.chars().anyMatch(c -> c == ':' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("invalid user name for a credential file: \"" + user
                    + "\" (must be non-empty, without ':', control characters, surrounding spaces or a leading '#')");
        }
    }

    private static IllegalArgumentException badLine(int index, String message) {
        return new IllegalArgumentException("line " + (index + 1) + ": " + message);
    }
}
