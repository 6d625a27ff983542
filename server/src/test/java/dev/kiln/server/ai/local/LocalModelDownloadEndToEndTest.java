package dev.kiln.server.ai.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A fresh server with the local provider and no model yet: it downloads the model (a tiny GGUF served by a
 * local HTTP server the way Hugging Face serves files), every connected socket follows the progress through
 * {@code ai_status} (downloading with a percentage, loading, ready), and then the assistant streams a reply.
 */
class LocalModelDownloadEndToEndTest {
    private static final int MAX_TOKENS = 24;
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static ModelFileServer files;
    private static KilnInstance kiln;
    private static Path dataDir;
    private static byte[] model;

    @BeforeAll
    static void start() throws Exception {
        model = Files.readAllBytes(TinyGguf.write(Files.createTempDirectory("kiln-download-e2e").resolve("tiny.gguf")));
        files = new ModelFileServer(model);
        // About three seconds of download, held back until the test's sockets are connected.
        files.throttle(model.length / 30, Duration.ofMillis(100));
        files.holdUntil(RELEASE);
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        dataDir = Path.of((String) props.get("kiln.data-dir"));
        props.put("kiln.ai.provider", "local");
        props.put("kiln.ai.local.download", "true");
        props.put("kiln.ai.local.download-url", files.url("resolve", "kiln-tiny-q4.gguf"));
        props.put("kiln.ai.local.sha256", files.sha256());
        props.put("kiln.ai.local.context-size", "2048");
        props.put("kiln.ai.max-output-tokens", String.valueOf(MAX_TOKENS));
        // No tools: the reply's usage is then exactly its streamed tokens (the local model's tool choice, an extra
        // grammar-constrained call, is LocalStructuredToolChoiceTest's subject).
        props.put("kiln.ai.tools.allowed", "");
        kiln = KilnInstance.start(props);
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        kiln.close();
        files.close();
    }

    @Test
    void socketsFollowTheDownloadThenTheAssistantAnswersWithTheDownloadedModel() throws Exception {
        Session ada = kiln.api.register("ada_download");
        Session bob = kiln.api.register("bob_download");
        try (SocketClient adaSocket = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect();
             SocketClient bobSocket = new SocketClient(kiln.baseUrl(), bob.token(), "polling").connect()) {
            JsonNode before = kiln.api.get("/api/ai/status", ada.token()).body();
            assertThat(before.path("provider").asString()).isEqualTo("local");
            assertThat(before.path("model").asString()).isEqualTo("kiln-tiny-q4");
            assertThat(before.path("state").asString()).isEqualTo("downloading");
            assertThat(before.path("reason").asString()).contains("downloading");

            // Asking now explains the wait instead of failing obscurely.
            String c = kiln.api.post("/api/chat/conversations", Map.of("name", "Download", "type", "group", "participantIds",
                    List.of(bob.id())), ada.token()).text("conversationId");
            Response early = kiln.api.post("/api/ai/chat", Map.of("conversationId", c, "message", "ready yet?"), ada.token());
            assertThat(early.status()).isEqualTo(503);
            assertThat(early.text("detail")).contains("downloading").contains("Try again");

            RELEASE.countDown();
            List<JSONObject> adaSaw = statusesUntilReady(adaSocket);
            List<JSONObject> bobSaw = statusesUntilReady(bobSocket);
            for (List<JSONObject> saw : List.of(adaSaw, bobSaw)) {
                List<String> states = saw.stream().map(s -> s.optString("state")).distinct().toList();
                assertThat(states).as(saw.toString()).containsExactly("downloading", "loading", "ready");
                List<Integer> percents = saw.stream().filter(s -> s.optString("state").equals("downloading") && !s.isNull("percent"))
                        .map(s -> s.optInt("percent")).toList();
                assertThat(percents).as("progress in percent").isNotEmpty().isSorted().allMatch(p -> p >= 0 && p <= 100);
                assertThat(percents.stream().anyMatch(p -> p > 0 && p < 100)).as("a percentage midway: " + percents).isTrue();
                assertThat(saw.size()).as("throttled to about one progress event per second").isLessThan(15);
                JSONObject ready = saw.getLast();
                assertThat(ready.getString("provider")).isEqualTo("local");
                assertThat(ready.getString("model")).isEqualTo("kiln-tiny-q4");
                assertThat(ready.isNull("percent")).isTrue();
                assertThat(ready.isNull("reason")).isTrue();
            }
            Path stored = dataDir.resolve("ai-models").resolve("kiln-tiny-q4.gguf");
            assertThat(Files.readAllBytes(stored)).isEqualTo(model);
            assertThat(dataDir.resolve("ai-models").resolve("kiln-tiny-q4.gguf.part")).doesNotExist();
            assertThat(files.seen()).extracting(ModelFileServer.Seen::path).containsExactly("/resolve/kiln-tiny-q4.gguf", "/cdn/kiln-tiny-q4.gguf");

            JSONObject ack = adaSocket.emitWithAck("ai_chat_message", new JSONObject().put("conversationId", c).put("message", "now?"));
            assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
            String responseId = ack.getString("responseId");
            JSONObject done = bobSocket.next("ai_response", "responseId", responseId, 30_000);
            assertThat(done).as("ai_response").isNotNull();
            StringBuilder streamed = new StringBuilder();
            int chunks = 0;
            for (JSONObject chunk; (chunk = bobSocket.next("ai_response_chunk", 0)) != null; ) {
                if (!chunk.getString("responseId").equals(responseId)) continue;
                streamed.append(chunk.getString("delta"));
                chunks++;
            }
            assertThat(chunks).isEqualTo(MAX_TOKENS);
            assertThat(done.getString("message")).isEqualTo(streamed.toString()).isEqualTo(LlamaEngineTest.cycle(MAX_TOKENS));
            assertThat(done.getBoolean("cancelled")).isFalse();
            assertThat(done.getString("provider")).isEqualTo("local");
            assertThat(done.getString("model")).isEqualTo("kiln-tiny-q4");
            assertThat(done.getJSONObject("usage").getInt("outputTokens")).isEqualTo(MAX_TOKENS);
            assertThat(done.getJSONObject("usage").getInt("inputTokens")).isPositive();
            JsonNode messages = kiln.api.get("/api/chat/conversations/" + c, bob.token()).body().path("messages");
            JsonNode reply = messages.get(messages.size() - 1);
            assertThat(reply.path("id").asString()).isEqualTo(done.getString("id"));
            assertThat(reply.path("username").asString()).isEqualTo("assistant");
            assertThat(reply.path("message").asString()).isEqualTo(done.getString("message"));

            Response rest = kiln.api.post("/api/ai/chat", Map.of("conversationId", c, "message", "and over REST?"), ada.token());
            assertThat(rest.status()).as(String.valueOf(rest.body())).isEqualTo(200);
            assertThat(rest.text("aiResponse")).isEqualTo(LlamaEngineTest.cycle(MAX_TOKENS));
        }
    }

    private static List<JSONObject> statusesUntilReady(SocketClient socket) {
        List<JSONObject> saw = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JSONObject s = socket.next("ai_status", deadline - System.currentTimeMillis());
            if (s == null) break;
            saw.add(s);
            if (s.optString("state").equals("ready")) return saw;
        }
        throw new AssertionError("no ai_status ready within 60 s; saw " + saw);
    }
}
