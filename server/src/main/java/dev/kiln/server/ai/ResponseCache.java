package dev.kiln.server.ai;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiln.server.ai.embed.Vectors;
import dev.kiln.server.config.KilnProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Answers the assistant already gave, reused for the same question: exactly (after normalising case, spacing and
 * end punctuation) or semantically (embedding cosine ≥ {@code similarity}, and the same numbers in both questions,
 * since "2+2" and "3+3" embed alike). An answer is only reused under the same scope — system prompt, provider and
 * model — and for {@code ttl}. Kept in this node's memory (Caffeine, bounded); a semantic lookup compares the
 * question with every live entry of its scope, which stays cheap at the default 5,000 entries. Which questions may
 * use the cache at all is {@link CachePolicy}'s decision. Metrics: {@code kiln_ai_cache_lookups_total{result}} and
 * {@code kiln_ai_cache_hit_ratio} (hits / (hits + misses); bypasses are not lookups).
 */
@Component
public class ResponseCache {
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@" + AssistantAccount.USERNAME + "\\b[,:]?", Pattern.CASE_INSENSITIVE);

    /** Whose answers may be shared: the same persona and model. */
    public record Scope(String systemPrompt, String provider, String model) {}

    /** A stored answer. */
    public record Entry(Scope scope, String question, String normalized, float[] vector, String numbers, String answer, String provider,
                        String model) {}

    /** A reused answer and how it matched. */
    public record Hit(Entry entry, boolean exact, double similarity) {}

    private final KilnProperties.Ai.Cache cfg;
    private final Cache<Long, Entry> entries;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final MeterRegistry metrics;

    public ResponseCache(KilnProperties props, Clock clock, MeterRegistry metrics) {
        this.cfg = props.ai().cache();
        this.metrics = metrics;
        this.entries = Caffeine.newBuilder()
                .maximumSize(Math.max(1, cfg.maxEntries()))
                .expireAfterWrite(cfg.ttl())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        Gauge.builder("kiln.ai.cache.hit.ratio", this, ResponseCache::hitRatio)
                .description("share of cacheable assistant questions answered from the response cache").register(metrics);
        Gauge.builder("kiln.ai.cache.entries", entries, Cache::estimatedSize).description("answers in the response cache").register(metrics);
    }

    public boolean enabled() {
        return cfg.enabled();
    }

    /** The question as the cache compares it exactly: no mention of the assistant, one case, single spaces, no end punctuation. */
    static String normalize(String question) {
        String t = Normalizer.normalize(MENTION.matcher(question).replaceAll(" "), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        t = t.replaceAll("\\s+", " ").strip();
        return t.replaceAll("[\\s?!.…。？！]+$", "");
    }

    /** The question without the assistant's mention, as it is embedded. */
    static String stripMention(String question) {
        return MENTION.matcher(question).replaceAll(" ").strip();
    }

    private static String numbers(String text) {
        StringBuilder b = new StringBuilder();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) b.append(m.group()).append(' ');
        return b.toString();
    }

    /** An exact hit first, else the most similar entry of the scope at or above the threshold; counts the lookup. */
    public Optional<Hit> lookup(Scope scope, String question, float[] vector) {
        String normalized = normalize(question);
        String nums = numbers(normalized);
        Hit best = null;
        for (Entry e : entries.asMap().values()) {
            if (!e.scope().equals(scope)) continue;
            if (e.normalized().equals(normalized)) {
                best = new Hit(e, true, 1.0);
                break;
            }
            if (vector == null || e.vector() == null || !e.numbers().equals(nums)) continue;
            double s = Vectors.cosine(vector, e.vector());
            if (s >= cfg.similarity() && (best == null || s > best.similarity())) best = new Hit(e, false, s);
        }
        if (best == null) {
            misses.incrementAndGet();
            count("miss");
        } else {
            hits.incrementAndGet();
            count(best.exact() ? "exact_hit" : "semantic_hit");
        }
        return Optional.ofNullable(best);
    }

    /** Records that a question was not eligible (its answer depends on the conversation). */
    public void bypassed() {
        count("bypass");
    }

    public void store(Scope scope, String question, float[] vector, String answer, String provider, String model) {
        String normalized = normalize(question);
        entries.put(ids.incrementAndGet(), new Entry(scope, question, normalized, vector, numbers(normalized), answer, provider, model));
    }

    /** Drops every entry (tests, and an operator's escape hatch through a restart). */
    public void clear() {
        entries.invalidateAll();
    }

    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private double hitRatio() {
        long h = hits.get();
        long total = h + misses.get();
        return total == 0 ? 0 : (double) h / total;
    }

    private void count(String result) {
        Counter.builder("kiln.ai.cache.lookups").description("response cache lookups by result").tag("result", result)
                .register(metrics).increment();
    }
}
