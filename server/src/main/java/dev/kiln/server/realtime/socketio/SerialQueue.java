package dev.kiln.server.realtime.socketio;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs submitted tasks one at a time, in submission order, on an executor, without tying up a thread
 * while idle: one per connection for what it receives and one for what it sends.
 */
final class SerialQueue {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Executor executor;
    private final Consumer<RuntimeException> onFailure;

    SerialQueue(Executor executor, Consumer<RuntimeException> onFailure) {
        this.executor = executor;
        this.onFailure = onFailure;
    }

    void submit(Runnable task) {
        tasks.add(task);
        if (running.compareAndSet(false, true)) executor.execute(this::drain);
    }

    /** True when every submitted task has run. */
    boolean isIdle() {
        return tasks.isEmpty() && !running.get();
    }

    private void drain() {
        for (;;) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    onFailure.accept(e);
                }
            }
            running.set(false);
            // A task submitted between the last poll and the flag reset would otherwise wait for the next submit.
            if (tasks.isEmpty() || !running.compareAndSet(false, true)) return;
        }
    }
}
