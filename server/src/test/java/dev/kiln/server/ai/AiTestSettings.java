package dev.kiln.server.ai;

import dev.kiln.server.config.KilnProperties;
import java.time.Duration;
import java.util.List;

/** kiln.ai settings for tests that build providers and chains without a server. */
final class AiTestSettings {
    private AiTestSettings() {}

    static KilnProperties.Ai ai(List<String> chain, String openAiUrl, String anthropicUrl, Duration timeout) {
        return new KilnProperties.Ai(chain, "", "", "",
                new KilnProperties.Ai.AiProvider(openAiUrl, "sk-test-openai-secret", "gpt-4o-mini", null, null),
                new KilnProperties.Ai.AiProvider(anthropicUrl, "sk-ant-test-secret", "claude-3-5-haiku-latest", null, null),
                timeout, Duration.ofMinutes(1), 3, Duration.ofMillis(20), 10, 5, Duration.ofSeconds(30),
                "You are a test assistant.", 4000, 6000, 40, 256, 10, 100_000, noLocalModel(),
                new KilnProperties.Ai.Embeddings(true, 1, 1000, 32, 500, 5000, 1.0),
                new KilnProperties.Ai.Memory(6, 0.35, 0.25, 400, 20),
                new KilnProperties.Ai.Cache(true, Duration.ofHours(1), 0.85, 0.5, 5000),
                new KilnProperties.Ai.OutputFilter(true, true, 8),
                new KilnProperties.Ai.Tools(List.of("search_messages", "generate_3d_model"), 3));
    }

    /** The local provider's settings with no model file and the download turned off. */
    static KilnProperties.Ai.Local noLocalModel() {
        return new KilnProperties.Ai.Local("", false, KilnProperties.Ai.Local.DEFAULT_MODEL_URL, "", 1024, 0, 1, 1, Duration.ofSeconds(30));
    }

    /** Every Kiln setting at its default except {@code values} (relaxed names, e.g. "kiln.ai.context-tokens"). */
    static KilnProperties kiln(java.util.Map<String, String> values) {
        java.util.Map<String, String> all = new java.util.HashMap<>(values);
        all.putIfAbsent("kiln.data-dir", dev.kiln.server.support.TestDatabases.tempDir().toString());
        return new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(all)).bindOrCreate("kiln", KilnProperties.class);
    }

    static ProviderChain.Policy policy(int maxAttempts, int circuitWindow, int circuitMinCalls) {
        return new ProviderChain.Policy(Duration.ofMinutes(1), maxAttempts, Duration.ofMillis(20), circuitWindow, circuitMinCalls,
                Duration.ofSeconds(60));
    }
}
