package dev.kiln.server.ai;

import dev.kiln.server.ai.local.TinyGguf;
import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.ChatFixture;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.TestDatabases;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;

/**
 * A {@link ChatFixture} on its own Kiln whose assistant answers from recorded provider streams ({@link FixtureServer})
 * or from the tiny local model. Registered as a static {@code @RegisterExtension}, it starts before the class's tests,
 * closes their sockets after each one, and stops the servers after the last.
 */
public final class AssistantFixture extends ChatFixture implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private static final String LOCAL = "local";
    private final String provider;
    private final Consumer<FixtureServer> script;
    private final Map<String, Object> settings = new HashMap<>();
    private final Running running;

    /** What one test class started; ChatFixture reads the server through it, so it exists before the server does. */
    private static final class Running {
        FixtureServer fixtures;
        KilnInstance kiln;
    }

    private AssistantFixture(String provider, Consumer<FixtureServer> script, Running running) {
        super(() -> running.kiln.api);
        this.provider = provider;
        this.script = script;
        this.running = running;
        // Tests ask the assistant more often than the limit meant for people allows.
        settings.put("kiln.ai.requests-per-minute-per-user", "100");
    }

    /** The OpenAI-compatible adapter, answered by the "openai" route that {@code script} sets up. */
    public static AssistantFixture openAi(Consumer<FixtureServer> script) {
        return new AssistantFixture("openai", script, new Running());
    }

    /** The Anthropic adapter, answered by the "anthropic" route that {@code script} sets up. */
    public static AssistantFixture anthropic(Consumer<FixtureServer> script) {
        return new AssistantFixture("anthropic", script, new Running());
    }

    /** The in-process llama.cpp model on a tiny GGUF of random weights ({@link TinyGguf}); the tests start once it is ready. */
    public static AssistantFixture local() {
        return new AssistantFixture(LOCAL, fixtures -> {}, new Running());
    }

    /** Adds or overrides one Kiln setting (before the class starts). */
    public AssistantFixture with(String key, Object value) {
        settings.put(key, value);
        return this;
    }

    public <T> T bean(Class<T> type) {
        return running.kiln.bean(type);
    }

    /** The recorded provider, for a test that scripts its own next reply ({@link FixtureServer#enqueue}). */
    public FixtureServer fixtures() {
        return running.fixtures;
    }

    /** Every request the recorded provider got, in order (a live list: its size counts calls). */
    public List<FixtureServer.Received> requests() {
        return running.fixtures.requests(provider);
    }

    /** The request bodies the recorded provider got that contain {@code text} (the question, say), in order. */
    public List<JsonNode> requestsFor(String text) {
        return requests().stream().map(FixtureServer.Received::body).filter(b -> b.contains(text))
                .map(b -> (JsonNode) Api.JSON.readTree(b)).toList();
    }

    /** Stops the Kiln and starts it again on the same data and settings (for what must survive a restart); the provider keeps running. */
    public void restart() {
        running.kiln = running.kiln.restart();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Map<String, Object> props;
        if (provider.equals(LOCAL)) {
            props = new HashMap<>(TestDatabases.sqlite());
            props.put("kiln.ai.provider", LOCAL);
            props.put("kiln.ai.local.model-path", TinyGguf.write(Files.createTempDirectory("kiln-local").resolve("tiny.gguf")).toString());
        } else {
            running.fixtures = new FixtureServer();
            script.accept(running.fixtures);
            props = running.fixtures.kilnSettings(provider);
        }
        props.putAll(settings);
        running.kiln = KilnInstance.start(props);
        if (provider.equals(LOCAL)) awaitReady();
    }

    // The local model loads in the background after startup (status "loading"); the tests are about replies, not loading.
    private void awaitReady() throws InterruptedException {
        Session probe = user("probe");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"ready".equals(api().get("/api/ai/status", probe.token()).text("state")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeSockets();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (running.kiln != null) running.kiln.close();
        if (running.fixtures != null) running.fixtures.close();
    }
}
