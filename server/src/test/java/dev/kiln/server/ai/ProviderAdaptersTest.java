package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each adapter against its recorded wire fixture, served over real HTTP: deltas, final text, usage and the request sent. */
class ProviderAdaptersTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final FixtureServer fixtures = new FixtureServer();

    /** What one stream produced. */
    record Streamed(List<String> deltas, String text, AiProvider.Usage usage, String model) {}

    @AfterEach
    void stop() {
        fixtures.close();
    }

    private AiProvider provider(String name) {
        return AiProviders.fromConfig(AiTestSettings.ai(List.of(name), fixtures.baseUrl("openai"), fixtures.baseUrl("anthropic"),
                Duration.ofSeconds(5))).getFirst();
    }

    static Streamed stream(AiProvider provider, AiProvider.Request request) {
        List<String> deltas = new CopyOnWriteArrayList<>();
        CompletableFuture<Streamed> done = new CompletableFuture<>();
        provider.stream(request, new AiProvider.Listener() {
            @Override public void onDelta(String text) { deltas.add(text); }
            @Override public void onComplete(String text, AiProvider.Usage usage, String model) { done.complete(new Streamed(deltas, text, usage, model)); }
            @Override public void onError(ProviderFailure failure) { done.completeExceptionally(failure); }
        });
        return done.orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static AiProvider.Request question() {
        return new AiProvider.Request("You are a test assistant.", List.of(new AiProvider.Turn(AiProvider.Role.USER, "[message from @ada]\nhi")),
                null, 0.2, 256);
    }

    @Test
    void openAiStreamsDeltasTextAndUsage() {
        fixtures.defaultReply("openai", FixtureServer.sse("openai-stream.txt"));
        Streamed s = stream(provider("openai"), question());
        assertThat(s.deltas()).containsExactly("Hello", "!", " How", " can", " I", " help", " you", " today", "?");
        assertThat(s.text()).isEqualTo("Hello! How can I help you today?");
        assertThat(s.usage()).isEqualTo(new AiProvider.Usage(42, 9));
        assertThat(s.model()).isEqualTo("gpt-4o-mini-2024-07-18");

        FixtureServer.Received r = fixtures.requests("openai").getLast();
        assertThat(r.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(r.header("Authorization")).isEqualTo("Bearer sk-test-openai-secret");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(body.path("messages").get(0).path("content").asString()).isEqualTo("You are a test assistant.");
        assertThat(body.path("messages").get(1).path("role").asString()).isEqualTo("user");
    }

    @Test
    void anthropicStreamsDeltasTextAndUsage() {
        fixtures.defaultReply("anthropic", FixtureServer.sse("anthropic-stream.txt"));
        Streamed s = stream(provider("anthropic"), question());
        assertThat(s.deltas()).containsExactly("Bonjour", " from", " the", " fallback", " model.");
        assertThat(s.text()).isEqualTo("Bonjour from the fallback model.");
        assertThat(s.usage()).isEqualTo(new AiProvider.Usage(25, 12));
        assertThat(s.model()).isEqualTo("claude-3-5-haiku-20241022");

        FixtureServer.Received r = fixtures.requests("anthropic").getLast();
        assertThat(r.path()).isEqualTo("/anthropic/v1/messages");
        assertThat(r.header("x-api-key")).isEqualTo("sk-ant-test-secret");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("system").toString()).contains("You are a test assistant.");
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("user");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
    }
}
