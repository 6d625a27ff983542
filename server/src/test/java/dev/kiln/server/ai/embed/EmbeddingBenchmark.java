package dev.kiln.server.ai.embed;

import dev.kiln.server.config.KilnProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Embedding throughput of the in-process model (docs/benchmarks.md, "Embeddings"): texts per second one at a time
 * and in batches, for chat-length and paragraph-length texts, with 1 and 2 model threads. Skipped by default:
 * {@code mvn -pl server test -Dkiln.web.skip=true -Dtest=EmbeddingBenchmark -DexcludedGroups=none}; the table lands in
 * server/target/benchmark-embeddings.md.
 */
@Tag("bench")
class EmbeddingBenchmark {
    private static final String[] WORDS = ("deploy build release database migration lunch meeting review design bug fix test "
            + "server client socket message room assistant cache memory search summary translate model token budget thread "
            + "weekend flight hotel invoice customer feature roadmap sprint backlog priority incident alert latency").split(" ");

    private static List<String> texts(int n, int words, int seed) {
        java.util.Random random = new java.util.Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder("#" + i);
            for (int w = 0; w < words; w++) b.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void throughput() throws Exception {
        StringBuilder table = new StringBuilder("| texts | words each | model threads | one at a time (texts/s) | batches of 32 (texts/s) |\n|---|---:|---:|---:|---:|\n");
        int seed = 0;
        for (int threads : new int[] {1, 2}) {
            KilnProperties props = OnnxTextEmbedderTest.props(Map.of("kiln.ai.embeddings.threads", String.valueOf(threads)));
            try (OnnxTextEmbedder embedder = new OnnxTextEmbedder(props, new SimpleMeterRegistry())) {
                long load = System.nanoTime();
                embedder.embed("warm up");
                double loadMs = (System.nanoTime() - load) / 1e6;
                embedder.embedAll(texts(64, 12, 999));
                for (int words : new int[] {12, 60}) {
                    int n = words == 12 ? 400 : 150;
                    List<String> single = texts(n, words, ++seed);
                    long t0 = System.nanoTime();
                    for (String t : single) embedder.embed(t);
                    double singleRate = n / ((System.nanoTime() - t0) / 1e9);
                    List<String> batched = texts(n, words, ++seed);
                    t0 = System.nanoTime();
                    for (int i = 0; i < n; i += 32) embedder.embedAll(batched.subList(i, Math.min(n, i + 32)));
                    double batchRate = n / ((System.nanoTime() - t0) / 1e9);
                    table.append(String.format("| %d | %d | %d | %.0f | %.0f |%n", n, words, threads, singleRate, batchRate));
                }
                table.append(String.format("%n(model load with %d thread(s): %.0f ms)%n%n", threads, loadMs));
            }
        }
        Files.writeString(Path.of("target/benchmark-embeddings.md"), table.toString());
        System.out.println(table);
    }
}
