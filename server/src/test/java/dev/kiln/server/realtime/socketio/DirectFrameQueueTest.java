package dev.kiln.server.realtime.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Frames for a WebSocket-only connection: all written, in order, several per write while a write is under way. */
class DirectFrameQueueTest {
    private final List<List<String>> writes = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirstWrite = new CountDownLatch(1);
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final SerialQueue outbox = new SerialQueue(task -> Thread.ofVirtual().start(task), e -> { throw e; });

    private final DirectFrameWriter slowFirstWrite = frames -> {
        writes.add(frames.stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList());
        if (writes.size() == 1) {
            firstWriteStarted.countDown();
            try {
                releaseFirstWrite.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    private final DirectFrameQueue queue = new DirectFrameQueue(outbox, slowFirstWrite, open::get, taken::addAndGet);

    @Test
    void framesQueuedDuringAWriteGoOutTogetherInOrder() throws Exception {
        queue.add(frame(0, 10));
        assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 50; i++) queue.add(frame(i, 10));
        releaseFirstWrite.countDown();
        awaitIdle();

        assertThat(writes.getFirst()).containsExactly(text(0, 10));
        assertThat(writes).hasSize(2); // the 50 that gathered meanwhile: one write
        assertThat(writes.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(expected(51, 10));
        assertThat(taken).hasValue(51);
    }

    @Test
    void oneWriteCarriesAboutSixtyFourKibAtMost() throws Exception {
        queue.add(frame(0, 10));
        assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
        int size = 10_000;
        for (int i = 1; i <= 20; i++) queue.add(frame(i, size)); // ~200 KB in all
        releaseFirstWrite.countDown();
        awaitIdle();

        for (List<String> write : writes.subList(1, writes.size())) {
            int bytes = write.stream().mapToInt(f -> f.getBytes(StandardCharsets.UTF_8).length).sum();
            assertThat(bytes).isLessThan(DirectFrameQueue.MAX_WRITE_BYTES + size + 10);
        }
        assertThat(writes.size()).isBetween(4, 6);
        List<String> all = writes.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(21);
        for (int i = 1; i <= 20; i++) assertThat(all.get(i)).isEqualTo(text(i, size));
    }

    @Test
    void aClosedConnectionGetsNoWritesButItsFramesAreCountedAsTaken() throws Exception {
        open.set(false);
        for (int i = 0; i < 5; i++) queue.add(frame(i, 10));
        awaitIdle();
        assertThat(writes).isEmpty();
        assertThat(taken).hasValue(5);
    }

    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!outbox.isIdle() && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(outbox.isIdle()).as("outbox drained").isTrue();
    }

    private static byte[] frame(int i, int size) {
        return text(i, size).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(int i, int size) {
        String head = "42[\"new_message\",{\"n\":" + i + ",\"t\":\"";
        return head + "é".repeat(Math.max(0, (size - head.length()) / 2)) + "\"}]";
    }

    private static List<String> expected(int n, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(text(i, size));
        return out;
    }
}
