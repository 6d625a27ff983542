package dev.kiln.server.ai.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.ai.AiProvider;
import dev.kiln.server.config.KilnProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Where the local model comes from and what its state says: a configured file, a previous download, no network, a bad file. */
class LocalModelTest {
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private Path dataDir;
    private LocalModel model;

    @BeforeEach
    void setUp() throws Exception {
        dataDir = Files.createTempDirectory("kiln-local-model-test");
    }

    @AfterEach
    void tearDown() {
        if (model != null) model.close();
    }

    private LocalModel start(Map<String, Object> local) {
        Map<String, Object> props = new HashMap<>();
        props.put("kiln.data-dir", dataDir.toString());
        props.put("kiln.ai.provider", "local");
        props.put("kiln.ai.local.context-size", "1024");
        local.forEach((k, v) -> props.put("kiln.ai.local." + k, v));
        KilnProperties bound = new Binder(new MapConfigurationPropertySource(props)).bind("kiln", KilnProperties.class).get();
        model = new LocalModel(bound, events::add, new SimpleMeterRegistry());
        model.start();
        return model;
    }

    private AiProvider.Readiness waitFor(String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!model.readiness().state().equals(state) && System.nanoTime() < deadline) Thread.sleep(10);
        return model.readiness();
    }

    @Test
    void aConfiguredFileIsLoadedAndNamedAfterItself() throws Exception {
        Path file = TinyGguf.write(dataDir.resolve("my-model.gguf"));
        start(Map.of("model-path", file.toString(), "download-url", "http://127.0.0.1:1/never-used.gguf"));
        assertThat(waitFor("ready")).isEqualTo(AiProvider.Readiness.READY);
        assertThat(model.name()).isEqualTo("my-model");
        assertThat(model.engine()).isNotNull();
        assertThat(events).contains(new AiProvider.ReadinessChanged("local"));
    }

    @Test
    void aModelDownloadedEarlierIsLoadedWithoutTheNetwork() throws Exception {
        TinyGguf.write(dataDir.resolve("ai-models").resolve("earlier.gguf"));
        start(Map.of("download", "false", "download-url", "http://127.0.0.1:1/path/earlier.gguf"));
        assertThat(waitFor("ready").ready()).isTrue();
        assertThat(model.name()).isEqualTo("earlier");
    }

    @Test
    void aMissingConfiguredFileIsUnavailableAtOnceWithTheReason() {
        start(Map.of("model-path", dataDir.resolve("nope.gguf").toString()));
        AiProvider.Readiness r = model.readiness();
        assertThat(r.state()).isEqualTo("unavailable");
        assertThat(r.reason()).contains("KILN_MODEL_PATH points at " + dataDir.resolve("nope.gguf")).contains("not a readable file");
    }

    @Test
    void aFileThatIsNotAModelIsUnavailableWithTheReason() throws Exception {
        Path junk = Files.writeString(dataDir.resolve("junk.gguf"), "this is not a GGUF file");
        start(Map.of("model-path", junk.toString()));
        AiProvider.Readiness r = waitFor("unavailable");
        assertThat(r.state()).isEqualTo("unavailable");
        assertThat(r.reason()).contains("llama.cpp could not load").contains("junk.gguf").contains("KILN_MODEL_PATH");
        assertThat(model.engine()).isNull();
    }

    @Test
    void withoutNetworkTheDownloadFailsIntoUnavailableAndWillBeRetried() throws Exception {
        start(Map.of("download", "true", "download-url", "http://127.0.0.1:1/models/default.gguf"));
        assertThat(model.readiness().state()).isEqualTo("downloading");
        AiProvider.Readiness r = waitFor("unavailable");
        assertThat(r.state()).isEqualTo("unavailable");
        assertThat(r.reason()).contains("could not be downloaded").contains("http://127.0.0.1:1/models/default.gguf")
                .contains("tries again in 1 min").contains("KILN_MODEL_PATH").contains("KILN_AI_PROVIDER");
        assertThat(model.name()).isEqualTo("default");
        assertThat(dataDir.resolve("ai-models").resolve("default.gguf")).doesNotExist();
    }
}
