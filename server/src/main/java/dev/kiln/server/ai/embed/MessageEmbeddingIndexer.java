package dev.kiln.server.ai.embed;

import dev.kiln.server.chat.MessageStored;
import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps message embeddings current. A stored message is only queued (the send's ack never waits for the model);
 * one background thread embeds the queue in batches and writes each batch in one transaction. Messages the queue
 * missed (full queue, restart, edits, messages older than this feature) are embedded on first use by
 * {@link #indexConversation} and {@link #indexForUser}, a bounded number at a time.
 */
@Component
public class MessageEmbeddingIndexer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageEmbeddingIndexer.class);

    private final TextEmbedder embedder;
    private final MessageEmbeddingRepository repository;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final KilnProperties.Ai.Embeddings cfg;
    private final BlockingQueue<MessageEmbeddingRepository.Pending> queue;
    private final AtomicInteger busy = new AtomicInteger();
    private final Counter embedded;
    private final Counter dropped;
    private final Thread worker;
    private final Set<Long> backfilling = ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kiln-embed-backfill-", 0).factory());
    private volatile boolean running = true;

    public MessageEmbeddingIndexer(TextEmbedder embedder, MessageEmbeddingRepository repository, TransactionTemplate tx, Clock clock,
                                   KilnProperties props, MeterRegistry metrics) {
        this.embedder = embedder;
        this.repository = repository;
        this.tx = tx;
        this.clock = clock;
        this.cfg = props.ai().embeddings();
        this.queue = new LinkedBlockingQueue<>(Math.max(1, cfg.queueCapacity()));
        this.embedded = Counter.builder("kiln.ai.embeddings.stored").description("message embeddings written").register(metrics);
        this.dropped = Counter.builder("kiln.ai.embeddings.deferred")
                .description("stored messages not queued for embedding (queue full); embedded on first use instead").register(metrics);
        metrics.gauge("kiln.ai.embeddings.queue", queue, BlockingQueue::size);
        this.worker = Thread.ofVirtual().name("kiln-embed-indexer").start(this::drain);
    }

    /** Queues the new message; O(1) on the sender's thread. */
    @EventListener
    public void onMessageStored(MessageStored event) {
        if (!cfg.enabled() || !running) return;
        String text = event.message().message();
        if (text == null || text.isBlank()) return;
        long id = Ids.parse("messageId", event.message().id());
        if (!queue.offer(new MessageEmbeddingRepository.Pending(id, event.conversationId(), null, text))) dropped.increment();
    }

    /** Embeds what the conversation's search window still lacks (up to the backfill limit); returns how many were written. */
    public int indexConversation(long conversationId) {
        return indexConversation(conversationId, cfg.backfillLimit());
    }

    /** Embeds up to {@code limit} of the newest messages the conversation's search window still lacks. */
    public int indexConversation(long conversationId, int limit) {
        return indexConversation(conversationId, Long.MAX_VALUE, limit);
    }

    private int indexConversation(long conversationId, long beforeId, int limit) {
        if (!embedder.available()) return 0;
        return write(repository.missingInConversation(conversationId, beforeId, embedder.model(), cfg.searchWindow(),
                Math.min(limit, cfg.backfillLimit())));
    }

    /**
     * Before a search of the messages before {@code beforeId}: embeds the newest few of them that are missing now
     * (those most likely to matter), and the rest of the backfill in the background, once per conversation at a time.
     */
    public void catchUp(long conversationId, long beforeId) {
        catchUp(conversationId, limit -> indexConversation(conversationId, beforeId, limit), () -> indexConversation(conversationId),
                "conversation " + conversationId);
    }

    /** Embeds what the user's search window still lacks (up to the backfill limit); returns how many were written. */
    public int indexForUser(long userId) {
        return indexForUser(userId, cfg.backfillLimit());
    }

    private int indexForUser(long userId, int limit) {
        if (!embedder.available()) return 0;
        return write(repository.missingForUser(userId, embedder.model(), cfg.searchWindow(), Math.min(limit, cfg.backfillLimit())));
    }

    /** Before a search over the user's conversations: the newest few missing messages now, the rest in the background. */
    public void catchUpForUser(long userId) {
        // Keyed apart from conversation ids (both are positive TSIDs): a user's backfill is marked with the negated id.
        catchUp(-userId, limit -> indexForUser(userId, limit), () -> indexForUser(userId), "user " + userId);
    }

    /**
     * Embeds up to one batch of missing messages now; if a whole batch was missing, the rest of the backfill runs in
     * the background, one backfill per {@code key} at a time.
     */
    private void catchUp(long key, IntUnaryOperator indexNow, Runnable backfill, String what) {
        if (!embedder.available()) return;
        int now = Math.max(1, cfg.batchSize());
        if (indexNow.applyAsInt(now) < now) return;
        if (!backfilling.add(key)) return;
        background.execute(() -> {
            try {
                backfill.run();
            } catch (RuntimeException e) {
                log.warn("Backfilling embeddings of {} failed: {}", what, e.toString());
            } finally {
                backfilling.remove(key);
            }
        });
    }

    /** True when nothing is queued or being written (tests wait for it). */
    public boolean idle() {
        return queue.isEmpty() && busy.get() == 0 && backfilling.isEmpty();
    }

    /**
     * Keeps the background embedding of new messages to its share of one core ({@code KILN_AI_EMBEDDINGS_CPUSHARE}):
     * after a batch it rests in proportion to the batch's time. The model needs ~1 ms of CPU per message, so on a
     * small server a busy room would otherwise take a whole core from real-time delivery. What the queue cannot hold
     * meanwhile is embedded on first use, and the backlog drains when the server is quiet. Wall time stands in for
     * CPU time: on a loaded machine it is longer (the model also runs at the lowest CPU priority), so the indexer
     * backs off more, which is the point.
     */
    private void yieldCpu(long batchNanos) throws InterruptedException {
        double share = cfg.cpuShare();
        if (share >= 1) return;
        long restNanos = (long) (batchNanos * (1 - share) / share);
        TimeUnit.NANOSECONDS.sleep(Math.min(restNanos, TimeUnit.SECONDS.toNanos(10)));
    }

    private void drain() {
        while (running) {
            List<MessageEmbeddingRepository.Pending> batch = new ArrayList<>();
            try {
                MessageEmbeddingRepository.Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) continue;
                busy.incrementAndGet();
                batch.add(first);
                queue.drainTo(batch, Math.max(1, cfg.batchSize()) - 1);
                if (embedder.available()) {
                    long started = System.nanoTime();
                    write(batch, true);
                    yieldCpu(System.nanoTime() - started);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Not fatal: these messages are embedded on first use instead.
                log.warn("Embedding {} messages failed: {}", batch.size(), e.toString());
            } finally {
                if (!batch.isEmpty()) busy.decrementAndGet();
            }
        }
    }

    private int write(List<MessageEmbeddingRepository.Pending> items) {
        return write(items, false);
    }

    /** {@code background}: the model runs at the lowest CPU priority (new messages; a search is not waiting). */
    private int write(List<MessageEmbeddingRepository.Pending> items, boolean background) {
        int written = 0;
        int size = Math.max(1, cfg.batchSize());
        for (int from = 0; from < items.size(); from += size) {
            List<MessageEmbeddingRepository.Pending> part = items.subList(from, Math.min(items.size(), from + size));
            List<String> texts = part.stream().map(MessageEmbeddingRepository.Pending::text).toList();
            List<float[]> vectors = background ? embedder.embedAllInBackground(texts) : embedder.embedAll(texts);
            long now = clock.millis();
            tx.executeWithoutResult(s -> {
                for (int i = 0; i < part.size(); i++) repository.save(embedder.model(), part.get(i), vectors.get(i), now);
            });
            written += part.size();
            embedded.increment(part.size());
        }
        return written;
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        background.shutdownNow();
    }
}
