package dev.kiln.server.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for message writes. Every acknowledged message must be on disk, and a durable commit costs
 * an fsync (~2 ms here), which would cap a single SQLite writer at a few hundred messages per second. One
 * writer thread therefore runs all writes that arrived meanwhile in one transaction, each inside its own
 * savepoint (a failing write rolls back alone), and commits once; every caller returns only after that
 * commit. A caller already inside a transaction runs inline, so it can never wait for itself.
 */
@Component
public class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;

    /** One caller's write; its outcome is held back until the batch has committed. */
    private static final class Job<T> {
        final Supplier<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;
        RuntimeException failure;

        Job(Supplier<T> work) {
            this.work = work;
        }

        void runIn(TransactionTemplate savepoint) {
            try {
                result = savepoint.execute(s -> work.get());
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        void publish() {
            if (failure != null) done.completeExceptionally(failure);
            else done.complete(result);
        }
    }

    private final BlockingQueue<Job<?>> queue = new ArrayBlockingQueue<>(10_000);
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;
    private final TransactionTemplate inline;
    private final Thread writer;
    private volatile boolean running = true;

    public GroupCommit(PlatformTransactionManager transactions) {
        this.batch = new TransactionTemplate(transactions);
        this.inline = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.writer = Thread.ofPlatform().name("kiln-group-commit").daemon(true).start(this::writeLoop);
    }

    /** Runs {@code work} in a transaction and returns once it is committed (its exception, if it threw). */
    public <T> T execute(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive() || !running) return inline.execute(s -> work.get());
        Job<T> job = new Job<>(work);
        try {
            queue.put(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a write", e);
        }
        try {
            return job.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    private void writeLoop() {
        List<Job<?>> jobs = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Job<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                jobs.add(first);
                queue.drainTo(jobs, MAX_BATCH - 1);
                batch.executeWithoutResult(s -> {
                    for (Job<?> job : jobs) job.runIn(savepoint);
                });
                // Only now, after the one commit, does any caller learn its outcome (and ack its client).
                for (Job<?> job : jobs) job.publish();
            } catch (RuntimeException e) {
                log.error("Group commit of {} writes failed", jobs.size(), e);
                for (Job<?> job : jobs) job.done.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                jobs.clear();
            }
        }
    }

    /** Finishes the writes already queued (in-flight sends complete on shutdown), then stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(10_000);
    }
}
