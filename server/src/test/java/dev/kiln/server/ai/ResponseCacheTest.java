package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.ai.embed.OnnxTextEmbedder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The response cache with the real embedding model: paraphrases hit, other questions, other personas and old entries miss. */
class ResponseCacheTest {
    private static final OnnxTextEmbedder EMBEDDER = new OnnxTextEmbedder(AiTestSettings.kiln(Map.of()), new SimpleMeterRegistry());
    private static final ResponseCache.Scope PIRATE = new ResponseCache.Scope("You are a pirate.", null, null);
    private static final ResponseCache.Scope LIBRARIAN = new ResponseCache.Scope("You are a librarian.", null, null);
    private static final String PARIS = "The capital of France is Paris.";

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-21T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final ManualClock clock = new ManualClock();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ResponseCache cache = new ResponseCache(AiTestSettings.kiln(Map.of("kiln.ai.cache.ttl", "10m")), clock, metrics);

    @AfterAll
    static void close() {
        EMBEDDER.close();
    }

    private Optional<ResponseCache.Hit> ask(ResponseCache.Scope scope, String question) {
        return cache.lookup(scope, question, EMBEDDER.embed(ResponseCache.stripMention(question)));
    }

    private void remember(ResponseCache.Scope scope, String question, String answer) {
        cache.store(scope, question, EMBEDDER.embed(question), answer, "openai", "gpt-4o-mini");
    }

    @Test
    void aParaphraseHitsSemanticallyAndTheSameWordingHitsExactly() {
        remember(PIRATE, "What's the capital of France?", PARIS);
        ResponseCache.Hit paraphrase = ask(PIRATE, "what is the capital city of France").orElseThrow();
        assertThat(paraphrase.exact()).isFalse();
        assertThat(paraphrase.similarity()).isGreaterThanOrEqualTo(0.85);
        assertThat(paraphrase.entry().answer()).isEqualTo(PARIS);
        ResponseCache.Hit same = ask(PIRATE, "@assistant  what's the CAPITAL of France ??").orElseThrow();
        assertThat(same.exact()).isTrue();
        assertThat(same.entry().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void differentQuestionsMiss() {
        remember(PIRATE, "What's the capital of France?", PARIS);
        remember(PIRATE, "What is 2+2?", "4");
        assertThat(ask(PIRATE, "What's the capital of Germany?")).isEmpty();
        assertThat(ask(PIRATE, "What is the population of France?")).isEmpty();
        assertThat(ask(PIRATE, "How do I reverse a list in Python?")).isEmpty();
        assertThat(ask(PIRATE, "What is 3+3?")).as("different numbers never match").isEmpty();
        assertThat(ask(PIRATE, "what is 2 + 2")).isPresent();
    }

    @Test
    void anotherPersonaOrModelMisses() {
        remember(PIRATE, "What's the capital of France?", "Arr, 'tis Paris!");
        assertThat(ask(LIBRARIAN, "What's the capital of France?")).isEmpty();
        assertThat(ask(new ResponseCache.Scope("You are a pirate.", "openai", "gpt-4o"), "What's the capital of France?")).isEmpty();
        assertThat(ask(PIRATE, "What's the capital of France?")).isPresent();
    }

    @Test
    void entriesExpireAfterTheTtl() {
        remember(PIRATE, "What's the capital of France?", PARIS);
        clock.advance(Duration.ofMinutes(9));
        assertThat(ask(PIRATE, "what is the capital city of France")).isPresent();
        clock.advance(Duration.ofMinutes(2));
        assertThat(ask(PIRATE, "what is the capital city of France")).isEmpty();
        assertThat(ask(PIRATE, "What's the capital of France?")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theHitRatioIsExportedAsAMetric() {
        remember(PIRATE, "What's the capital of France?", PARIS);
        ask(PIRATE, "what is the capital city of France");
        ask(PIRATE, "What's the capital of France?");
        ask(PIRATE, "Who painted the Mona Lisa?");
        cache.bypassed();
        assertThat(metrics.get("kiln.ai.cache.hit.ratio").gauge().value()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(metrics.get("kiln.ai.cache.lookups").tag("result", "semantic_hit").counter().count()).isEqualTo(1);
        assertThat(metrics.get("kiln.ai.cache.lookups").tag("result", "exact_hit").counter().count()).isEqualTo(1);
        assertThat(metrics.get("kiln.ai.cache.lookups").tag("result", "miss").counter().count()).isEqualTo(1);
        assertThat(metrics.get("kiln.ai.cache.lookups").tag("result", "bypass").counter().count()).isEqualTo(1);
    }

    @Test
    void questionsThatPointAtTheConversationOrTheMomentAreNotCacheable() {
        assertThat(CachePolicy.referringWord("What's the capital of France?")).isEmpty();
        assertThat(CachePolicy.referringWord("@assistant how do I reverse a list in Python?")).isEmpty();
        assertThat(CachePolicy.referringWord("Can you summarize the discussion?")).contains("summarize");
        assertThat(CachePolicy.referringWord("What did Bob mean above?")).contains("above");
        assertThat(CachePolicy.referringWord("Is it done?")).contains("it");
        assertThat(CachePolicy.referringWord("What's our deadline?")).contains("our");
        assertThat(CachePolicy.referringWord("What’s the weather today?")).contains("today");
    }
}
