package dev.kiln.server.realtime.socketio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * The frames waiting for one WebSocket-only connection, written several per socket write. While one write is
 * under way the next frames gather, so a client receiving a busy room gets them in a few large writes instead
 * of one system call (and one pass through Tomcat's send path) each. Flushes run on the connection's outbox,
 * so they stay ordered with everything else submitted there (a close, say).
 */
final class DirectFrameQueue {
    /** At most this many bytes of frames go out in one write; more wait for the next flush. */
    static final int MAX_WRITE_BYTES = 64 * 1024;

    private final ConcurrentLinkedQueue<byte[]> frames = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    private final SerialQueue outbox;
    private final DirectFrameWriter writer;
    private final BooleanSupplier open;
    private final IntConsumer taken;

    /**
     * @param open  whether the connection still takes frames (checked before each write)
     * @param taken told how many frames each flush took off the queue
     */
    DirectFrameQueue(SerialQueue outbox, DirectFrameWriter writer, BooleanSupplier open, IntConsumer taken) {
        this.outbox = outbox;
        this.writer = writer;
        this.open = open;
        this.taken = taken;
    }

    /** Queues one Engine.IO message (see {@link DirectFrameWriter#engineMessage}) for the connection. */
    void add(byte[] engineMessage) {
        frames.add(engineMessage);
        if (flushQueued.compareAndSet(false, true)) outbox.submit(this::flush);
    }

    private void flush() {
        flushQueued.set(false); // a frame added from here on is taken now or schedules the next flush
        List<byte[]> batch = new ArrayList<>();
        int bytes = 0;
        byte[] next;
        while (bytes < MAX_WRITE_BYTES && (next = frames.poll()) != null) {
            batch.add(next);
            bytes += next.length;
        }
        if (!frames.isEmpty() && flushQueued.compareAndSet(false, true)) outbox.submit(this::flush);
        if (batch.isEmpty()) return;
        taken.accept(batch.size());
        if (!open.getAsBoolean()) return;
        try {
            writer.writeMessages(batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the transport has closed the connection; the outbox logs it
        }
    }
}
