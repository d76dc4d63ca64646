package dev.pgwire.compat.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What this JVM holds at one moment, as the soak test compares it before and after: its Java
 * threads (with what each is doing), all its threads including native ones (DuckDB's), its file
 * descriptors (sockets, files in the data directory) and its heap after a full GC. Linux /proc
 * gives the native figures; elsewhere they read -1.
 */
record Resources(Map<Thread, StackTraceElement[]> javaThreads, long processThreads, int jvmThreadCount,
                 List<String> openFiles, long heapAfterGc) {

    static Resources take() {
        for (int i = 0; i < 3; i++) System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int jvmThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        return new Resources(Thread.getAllStackTraces(), readProcessThreads(), jvmThreads, listFds(), heap);
    }

    /** Threads of the process that the JVM's thread list does not show: the engine's, the VM's own. */
    long nativeThreads() {
        return processThreads < 0 ? -1 : processThreads - jvmThreadCount;
    }

    long sockets() {
        return openFiles.stream().filter(t -> t.startsWith("socket:")).count();
    }

    long filesUnder(Path dir) {
        String prefix = dir.toAbsolutePath().toString();
        return openFiles.stream().filter(t -> t.startsWith(prefix)).count();
    }

    private static long readProcessThreads() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) return -1;
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Threads:")) return Long.parseLong(line.substring(8).trim());
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** What each open file descriptor points at ("socket:[123]", "/path/file", "pipe:[…]"). */
    private static List<String> listFds() {
        Path dir = Path.of("/proc/self/fd");
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path fd : (Iterable<Path>) s::iterator) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed between listing and reading: the listing's own descriptor, usually
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
