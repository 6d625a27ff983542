package dev.kiln.server.ai;

import dev.kiln.server.ai.embed.OnnxTextEmbedder;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Latency of a semantic-cache hit (docs/benchmarks.md, "Semantic cache"; target p95 < 50 ms): (a) in process, embedding
 * the paraphrase and scanning a cache of 5,000 entries of one scope; (b) end to end, {@code POST /api/ai/chat} with a
 * paraphrase in a fresh room on a whole server (stores the question and the reply, checks the conversation, streams).
 * Skipped by default: {@code mvn -pl server test -Dkiln.web.skip=true -Dtest=ResponseCacheBenchmark -DexcludedGroups=none};
 * the table lands in server/target/benchmark-cache.md.
 */
@Tag("bench")
class ResponseCacheBenchmark {
    private static final String[] COUNTRIES = {"France", "Germany", "Spain", "Italy", "Portugal", "Japan", "Canada", "Brazil", "Kenya", "Norway"};
    private static final String[] PARAPHRASES = {"what is the capital city of %s", "Which city is the capital of %s?",
            "Tell me the capital of %s", "capital of %s?", "What city is %s's capital?"};

    private static String percentiles(List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        s.sort(null);
        return String.format("%.1f | %.1f | %.1f", s.get(s.size() / 2), s.get((int) Math.ceil(s.size() * 0.95) - 1), s.getLast());
    }

    @Test
    void semanticHitLatency() throws Exception {
        StringBuilder out = new StringBuilder("| what | lookups | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|\n");
        try (OnnxTextEmbedder embedder = new OnnxTextEmbedder(AiTestSettings.kiln(Map.of()), new SimpleMeterRegistry())) {
            ResponseCache cache = new ResponseCache(AiTestSettings.kiln(Map.of("kiln.ai.cache.max-entries", "10000")), Clock.systemUTC(),
                    new SimpleMeterRegistry());
            ResponseCache.Scope scope = new ResponseCache.Scope("You are a helpful assistant.", null, null);
            Random random = new Random(7);
            for (int i = 0; i < 5_000 - COUNTRIES.length; i++) {
                float[] v = new float[384];
                for (int d = 0; d < v.length; d++) v[d] = (float) random.nextGaussian();
                cache.store(scope, "filler question " + i, dev.kiln.server.ai.embed.Vectors.normalized(v), "filler", "openai", "m");
            }
            for (String country : COUNTRIES)
                cache.store(scope, "What's the capital of " + country + "?", embedder.embed("What's the capital of " + country + "?"),
                        "answer " + country, "openai", "m");
            embedder.embed("warm up");
            List<Double> inProcess = new ArrayList<>();
            int hits = 0;
            for (String p : PARAPHRASES) {
                for (String country : COUNTRIES) {
                    long t0 = System.nanoTime();
                    String q = String.format(p, country);
                    var hit = cache.lookup(scope, q, embedder.embed(q));
                    inProcess.add((System.nanoTime() - t0) / 1e6);
                    if (hit.isPresent() && hit.get().entry().answer().equals("answer " + country)) hits++;
                }
            }
            out.append("| in process: embed the paraphrase + scan 5,000 entries | ").append(inProcess.size()).append(" | ")
                    .append(percentiles(inProcess)).append(" |\n");
            List<Double> scanOnly = new ArrayList<>();
            for (String p : PARAPHRASES) {
                for (String country : COUNTRIES) {
                    String q = String.format(p, country);
                    float[] v = embedder.embed(q);
                    long t0 = System.nanoTime();
                    cache.lookup(scope, q, v);
                    scanOnly.add((System.nanoTime() - t0) / 1e6);
                }
            }
            out.append("| in process: the scan of 5,000 entries alone | ").append(scanOnly.size()).append(" | ")
                    .append(percentiles(scanOnly)).append(" |\n");
            out.append("\n(in process: ").append(hits).append(" of ").append(inProcess.size()).append(" paraphrases hit the right answer)\n\n");
        }

        try (FixtureServer fixtures = new FixtureServer()) {
            fixtures.defaultReply("openai", FixtureServer.sse("openai-stream.txt"));
            Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
            props.put("kiln.ai.provider", "openai");
            props.put("kiln.ai.base-url", fixtures.baseUrl("openai"));
            props.put("kiln.ai.requests-per-minute-per-user", "100000");
            props.put("kiln.ai.daily-tokens-per-user", "100000000");
            try (KilnInstance kiln = KilnInstance.start(props)) {
                Session ada = kiln.api.register("bench_cache");
                // Each seed question in its own room: in one room, the earlier capital questions would make the later
                // ones context-dependent (that is the cache policy at work) and they would not be cached.
                for (String country : COUNTRIES) {
                    String seedRoom = kiln.api.post("/api/chat/conversations", Map.of("name", "seed", "type", "group"), ada.token()).text("conversationId");
                    kiln.api.post("/api/ai/chat", Map.of("conversationId", seedRoom, "message", "What's the capital of " + country + "?"), ada.token());
                }
                // Warm-up: exact repeats (JIT, connection pools), never the measured wordings.
                for (int i = 0; i < 30; i++) {
                    String room = kiln.api.post("/api/chat/conversations", Map.of("name", "w", "type", "group"), ada.token()).text("conversationId");
                    kiln.api.post("/api/ai/chat", Map.of("conversationId", room, "message", "What's the capital of " + COUNTRIES[i % COUNTRIES.length] + "?"),
                            ada.token());
                }
                int before = fixtures.requests("openai").size();
                List<Double> rest = new ArrayList<>();
                int cached = 0;
                for (String p : PARAPHRASES) {
                    for (String country : COUNTRIES) {
                        String room = kiln.api.post("/api/chat/conversations", Map.of("name", "r", "type", "group"), ada.token()).text("conversationId");
                        long t0 = System.nanoTime();
                        Response r = kiln.api.post("/api/ai/chat", Map.of("conversationId", room, "message", String.format(p, country)), ada.token());
                        double ms = (System.nanoTime() - t0) / 1e6;
                        // Each wording is asked once, so a cached answer here is a semantic hit.
                        if (r.body().path("cached").asBoolean()) {
                            cached++;
                            rest.add(ms);
                        }
                    }
                }
                out.append("| end to end: POST /api/ai/chat, semantic hit in a fresh room (SQLite) | ").append(rest.size()).append(" | ")
                        .append(percentiles(rest)).append(" |\n");
                out.append("\n(end to end: ").append(cached).append(" of ").append(PARAPHRASES.length * COUNTRIES.length)
                        .append(" paraphrases answered from the cache, latency over those; provider calls for the others: ")
                        .append(fixtures.requests("openai").size() - before).append(")\n");
            }
        }
        Files.writeString(Path.of("target/benchmark-cache.md"), out.toString());
        System.out.println(out);
    }
}
