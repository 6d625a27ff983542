package dev.kiln.server.ai.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.support.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The in-process embedding model: unit vectors, paraphrases near, different questions far, batches equal singles. */
class OnnxTextEmbedderTest {
    private static final OnnxTextEmbedder EMBEDDER = new OnnxTextEmbedder(props(Map.of()), new SimpleMeterRegistry());

    static KilnProperties props(Map<String, String> values) {
        Map<String, String> all = new java.util.HashMap<>(values);
        all.putIfAbsent("kiln.data-dir", TestDatabases.tempDir().toString());
        return new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("kiln", KilnProperties.class);
    }

    @AfterAll
    static void close() {
        EMBEDDER.close();
    }

    @Test
    void paraphrasesAreCloserThanDifferentQuestions() {
        float[] france = EMBEDDER.embed("What's the capital of France?");
        float[] paraphrase = EMBEDDER.embed("what is the capital city of France");
        float[] germany = EMBEDDER.embed("What's the capital of Germany?");
        float[] python = EMBEDDER.embed("How do I reverse a list in Python?");
        assertThat(france).hasSize(384);
        assertThat(Vectors.cosine(france, france)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Vectors.cosine(france, paraphrase)).isGreaterThan(0.85);
        assertThat(Vectors.cosine(france, germany)).isLessThan(0.8);
        assertThat(Vectors.cosine(france, python)).isLessThan(0.2);
    }

    @Test
    void aBatchGivesTheSameVectorsAsOneByOne() {
        List<String> texts = List.of("deploy failed", "lunch at noon?", "the build is green again");
        List<float[]> batch = EMBEDDER.embedAll(texts);
        assertThat(batch).hasSize(3);
        for (int i = 0; i < texts.size(); i++)
            assertThat(Vectors.cosine(batch.get(i), EMBEDDER.embed(texts.get(i)))).isGreaterThan(0.9999);
        assertThat(Vectors.fromBytes(Vectors.toBytes(batch.get(0)))).containsExactly(batch.get(0));
    }

    @Test
    void theSingleThreadedSessionGivesLangChain4jsVectors() {
        var stock = new dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel();
        for (String text : List.of("What's the capital of France?", "the build is green again")) {
            float[] expected = Vectors.normalized(stock.embed(text).content().vector());
            assertThat(Vectors.cosine(EMBEDDER.embed(text), expected)).isGreaterThan(0.9999);
        }
    }

    @Test
    void backgroundEmbeddingGivesTheSameVectorsOnAThreadAtTheLowestPriority() throws Exception {
        List<String> texts = List.of("deploy failed", "lunch at noon?");
        List<float[]> background = EMBEDDER.embedAllInBackground(texts);
        for (int i = 0; i < texts.size(); i++)
            assertThat(Vectors.cosine(background.get(i), EMBEDDER.embed(texts.get(i)))).isGreaterThan(0.9999);
        java.nio.file.Path thread;
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            thread = tasks.filter(t -> comm(t).equals("kiln-embed-back")).findFirst().orElseThrow(); // comm: 15 chars
        }
        assertThat(LowestCpuPriorityTest.niceOf(thread.resolve("stat"))).isEqualTo(LowestCpuPriority.NICEST);
    }

    private static String comm(java.nio.file.Path task) {
        try {
            return java.nio.file.Files.readString(task.resolve("comm")).strip();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void turnedOffItSaysSoInsteadOfLoadingTheModel() {
        try (OnnxTextEmbedder off = new OnnxTextEmbedder(props(Map.of("kiln.ai.embeddings.enabled", "false")), new SimpleMeterRegistry())) {
            assertThat(off.available()).isFalse();
            assertThatThrownBy(() -> off.embed("hello")).isInstanceOf(EmbeddingUnavailableException.class)
                    .hasMessageContaining("KILN_AI_EMBEDDINGS_ENABLED");
        }
    }
}
