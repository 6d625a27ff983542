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

    /** The tool calls one stream asked for. */
    static List<AiProvider.ToolCall> toolCalls(AiProvider provider, AiProvider.Request request, List<String> deltas) {
        CompletableFuture<List<AiProvider.ToolCall>> done = new CompletableFuture<>();
        provider.stream(request, new AiProvider.Listener() {
            @Override public void onDelta(String text) { deltas.add(text); }
            @Override public void onComplete(String text, AiProvider.Usage usage, String model) { done.completeExceptionally(new AssertionError("no tool call: " + text)); }
            @Override public void onError(ProviderFailure failure) { done.completeExceptionally(failure); }
            @Override public void onToolCalls(List<AiProvider.ToolCall> calls, AiProvider.Usage usage, String model) { done.complete(calls); }
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

    @Test
    void anthropicOffersToolsParsesStreamedToolUseAndSendsToolResultsBack() {
        fixtures.enqueue("anthropic", FixtureServer.sse("anthropic-tool-search-stream.txt"), FixtureServer.sse("anthropic-after-tool-stream.txt"));
        AiProvider anthropic = provider("anthropic");
        assertThat(anthropic.toolCalling()).isEqualTo(AiProvider.ToolCalling.NATIVE);
        AiProvider.Tool search = new AiProvider.Tool("search_messages", "Search this conversation.", java.util.Map.of("query", "what to look for"));
        AiProvider.Request asked = question().withTools(List.of(search));

        List<String> preamble = new CopyOnWriteArrayList<>();
        List<AiProvider.ToolCall> calls = toolCalls(anthropic, asked, preamble);
        assertThat(String.join("", preamble)).isEqualTo("I'll search this conversation for the Lisbon flights.");
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().id()).isEqualTo("toolu_01D7FLrfh4GYq7yT1ULmeyWH");
        assertThat(calls.getFirst().name()).isEqualTo("search_messages");
        assertThat(JSON.readTree(calls.getFirst().arguments()).path("query").asString()).isEqualTo("Lisbon flights");
        JsonNode first = JSON.readTree(fixtures.requests("anthropic").getFirst().body());
        JsonNode tool = first.path("tools").get(0);
        assertThat(tool.path("name").asString()).isEqualTo("search_messages");
        assertThat(tool.path("input_schema").path("properties").path("query").path("type").asString()).isEqualTo("string");
        assertThat(tool.path("input_schema").path("required").toString()).isEqualTo("[\"query\"]");

        Streamed answer = stream(anthropic, asked.withToolRound(new AiProvider.ToolRound(calls, List.of("[@ada] flights Friday 7am"))));
        assertThat(answer.text()).isEqualTo("Your flights to Lisbon leave Friday at 7am from gate B.");
        assertThat(answer.usage()).isEqualTo(new AiProvider.Usage(803, 19));
        JsonNode second = JSON.readTree(fixtures.requests("anthropic").get(1).body());
        List<JsonNode> messages = second.path("messages").valueStream().toList();
        JsonNode call = messages.get(messages.size() - 2);
        assertThat(call.path("role").asString()).isEqualTo("assistant");
        JsonNode use = call.path("content").valueStream().filter(c -> c.path("type").asString().equals("tool_use")).findFirst().orElseThrow();
        assertThat(use.path("id").asString()).isEqualTo("toolu_01D7FLrfh4GYq7yT1ULmeyWH");
        assertThat(use.path("input").path("query").asString()).isEqualTo("Lisbon flights");
        JsonNode result = messages.getLast();
        assertThat(result.path("role").asString()).isEqualTo("user");
        assertThat(result.path("content").get(0).path("type").asString()).isEqualTo("tool_result");
        assertThat(result.path("content").get(0).path("tool_use_id").asString()).isEqualTo("toolu_01D7FLrfh4GYq7yT1ULmeyWH");
        assertThat(result.path("content").get(0).path("content").toString()).contains("flights Friday 7am");
    }

    @Test
    void aResponseSchemaBecomesStructuredOutputsOnBothWireFormats() {
        String schema = "{\"type\":\"object\",\"properties\":{\"tool\":{\"type\":\"string\",\"enum\":[\"none\"]}},\"required\":[\"tool\"],"
                + "\"additionalProperties\":false}";
        AiProvider.Request asked = question().asking("choose", schema, 0.0, 64);
        fixtures.defaultReply("openai", FixtureServer.sse("openai-stream.txt"));
        fixtures.defaultReply("anthropic", FixtureServer.sse("anthropic-stream.txt"));
        stream(provider("openai"), asked);
        stream(provider("anthropic"), asked);

        JsonNode openAi = JSON.readTree(fixtures.requests("openai").getLast().body());
        assertThat(openAi.path("response_format").path("type").asString()).isEqualTo("json_schema");
        assertThat(openAi.path("response_format").path("json_schema").path("schema")).isEqualTo(JSON.readTree(schema));
        assertThat(openAi.path("temperature").asDouble()).isZero();
        assertThat(openAi.path("messages").get(2).path("content").asString()).isEqualTo("choose");
        JsonNode anthropic = JSON.readTree(fixtures.requests("anthropic").getLast().body());
        assertThat(anthropic.path("output_config").path("format").path("type").asString()).isEqualTo("json_schema");
        assertThat(anthropic.path("output_config").path("format").path("schema").path("properties").path("tool").path("enum").get(0).asString())
                .isEqualTo("none");
        assertThat(anthropic.path("max_tokens").asInt()).isEqualTo(64);
    }
}
