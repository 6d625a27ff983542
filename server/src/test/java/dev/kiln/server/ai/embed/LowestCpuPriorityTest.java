package dev.kiln.server.ai.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The background embedding thread really runs at nice 19, and only that thread. */
class LowestCpuPriorityTest {
    @Test
    void lowersOnlyTheCallingThread() throws Exception {
        int ownNice = niceOf(Path.of("/proc/thread-self/stat"));
        assertThat(ownNice).as("the test must not already run at the lowest priority").isLessThan(LowestCpuPriority.NICEST);
        AtomicReference<Boolean> applied = new AtomicReference<>();
        AtomicInteger niceAfter = new AtomicInteger(Integer.MIN_VALUE);
        Thread t = Thread.ofPlatform().start(() -> {
            applied.set(LowestCpuPriority.applyToCurrentThread());
            niceAfter.set(niceOf(Path.of("/proc/thread-self/stat")));
        });
        t.join();
        assertThat(applied.get()).as("setpriority on Linux").isTrue();
        assertThat(niceAfter.get()).isEqualTo(LowestCpuPriority.NICEST);
        assertThat(niceOf(Path.of("/proc/thread-self/stat"))).as("the test's own thread").isEqualTo(ownNice);
    }

    /** Field 19 of /proc/.../stat, counted after the parenthesised command name (which may hold spaces). */
    static int niceOf(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] fields = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[19 - 3]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
