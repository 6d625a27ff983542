package dev.kiln.server.ai.embed;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the calling thread at the lowest CPU priority (Linux nice 19), so background work only takes the CPU that
 * nothing else wants: on a busy 2-core server, chat delivery first, indexing after. Java's own thread priorities
 * do nothing on Linux; the thread id comes from {@code /proc/thread-self} and {@code setpriority(2)} from libc
 * through JNA. Lowering one's own priority needs no privilege. Elsewhere it does nothing.
 */
final class LowestCpuPriority {
    static final int NICEST = 19;
    private static final int PRIO_PROCESS = 0; // on Linux a thread id is a "process" id to setpriority
    private static final Logger log = LoggerFactory.getLogger(LowestCpuPriority.class);

    private LowestCpuPriority() {}

    private interface CLibrary extends Library {
        int setpriority(int which, int who, int prio);
    }

    /** Lowers the calling thread's priority; false (logged once per thread) where the platform does not allow it. */
    static boolean applyToCurrentThread() {
        Path self = Path.of("/proc/thread-self");
        if (!Files.exists(self)) return false;
        try {
            String link = Files.readSymbolicLink(self).toString(); // "<pid>/task/<tid>"
            int tid = Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
            CLibrary libc = Native.load("c", CLibrary.class);
            if (libc.setpriority(PRIO_PROCESS, tid, NICEST) == 0) return true;
            log.info("Could not lower the priority of {} (setpriority failed, errno {})", Thread.currentThread().getName(), Native.getLastError());
        } catch (Exception | LinkageError e) {
            log.info("Could not lower the priority of {}: {}", Thread.currentThread().getName(), e.toString());
        }
        return false;
    }
}
