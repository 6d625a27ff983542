package dev.kiln.server.insight;

import dev.kiln.server.chat.MessageInsight;
import dev.kiln.server.chat.MessageRepository;
import dev.kiln.server.chat.MessageRepository.Unanalysed;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Analyses, in the background after startup, messages stored before insights existed, so that every message
 * ends up with a sentiment. Small batches, each its own short transaction, so sends are never held up for long;
 * safe to run on several nodes at once (a row already analysed is left alone).
 */
@Component
class InsightBackfill {
    private static final Logger log = LoggerFactory.getLogger(InsightBackfill.class);
    private static final int BATCH = 200;

    private final MessageRepository messages;
    private final MessageInsights insights;
    private final TransactionTemplate tx;
    private volatile boolean stopping;
    private volatile Thread worker;

    InsightBackfill(MessageRepository messages, MessageInsights insights, TransactionTemplate tx) {
        this.messages = messages;
        this.insights = insights;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        worker = Thread.ofVirtual().name("kiln-insight-backfill").start(this::run);
    }

    private void run() {
        long cursor = 0;
        int done = 0;
        try {
            while (!stopping) {
                List<Unanalysed> batch = messages.unanalysed(cursor, BATCH);
                if (batch.isEmpty()) break;
                List<MessageInsight> results = new ArrayList<>(batch.size());
                for (Unanalysed m : batch) results.add(insights.analyse(m.body()));
                tx.executeWithoutResult(s -> {
                    for (int i = 0; i < batch.size(); i++) {
                        if (results.get(i) != null) messages.saveInsight(batch.get(i).id(), results.get(i));
                    }
                });
                cursor = batch.getLast().id();
                done += batch.size();
            }
            if (done > 0) log.info("Analysed {} messages stored before message insights existed", done);
        } catch (RuntimeException e) {
            if (!stopping) log.warn("Insight backfill stopped after {} messages; it resumes at the next start", done, e);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        Thread w = worker;
        if (w != null) w.join(5_000);
    }
}
