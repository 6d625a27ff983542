package dev.kiln.server.ai.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A server with the embedded defaults (the local provider) but no model file and the download turned off,
 * as on a machine without network: the assistant explains how to enable a model, and chat keeps working.
 */
class LocalModelUnavailableTest {
    private static KilnInstance kiln;

    @BeforeAll
    static void start() {
        // No kiln.ai.provider: the default. KilnInstance turns the model download off for every test.
        kiln = KilnInstance.start(TestDatabases.sqlite());
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    @Test
    void statusSaysUnavailableAndHowToEnableAModel() {
        Session ada = kiln.api.register("ada_nomodel");
        JsonNode status = kiln.api.get("/api/ai/status", ada.token()).body();
        assertThat(status.path("provider").asString()).isEqualTo("local");
        assertThat(status.path("model").asString()).isEqualTo("qwen2.5-0.5b-instruct-q4_k_m");
        assertThat(status.path("state").asString()).isEqualTo("unavailable");
        assertThat(status.path("percent").isNull()).isTrue();
        assertThat(status.path("reason").asString()).contains("download of the default model").contains("turned off")
                .contains("KILN_MODEL_PATH").contains("KILN_MODEL_DOWNLOAD").contains("KILN_AI_PROVIDER");
    }

    @Test
    void theRequesterGetsAiErrorAtOnceAndChatKeepsWorking() throws Exception {
        Session bob = kiln.api.register("bob_nomodel");
        String c = kiln.api.post("/api/chat/conversations", Map.of("name", "No model", "type", "group"), bob.token()).text("conversationId");
        try (SocketClient s = new SocketClient(kiln.baseUrl(), bob.token(), "websocket").connect()) {
            long started = System.nanoTime();
            JSONObject ack = s.emitWithAck("ai_chat_message", new JSONObject().put("conversationId", c).put("message", "anyone there?"));
            assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
            JSONObject error = s.next("ai_error", 5_000);
            assertThat(error).as("ai_error").isNotNull();
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
            assertThat(error.getString("code")).isEqualTo("ai_unavailable");
            assertThat(error.getString("responseId")).isEqualTo(ack.getString("responseId"));
            assertThat(error.getString("message")).contains("KILN_MODEL_PATH").contains("KILN_MODEL_DOWNLOAD");
            assertThat(s.next("typing", 500)).as("nobody sees the assistant typing").isNull();

            JSONObject sent = s.emitWithAck("send_message", new JSONObject().put("conversationId", c).put("message", "still chatting"));
            assertThat(sent.optString("messageId")).as(sent.toString()).isNotBlank();
        }
        Response rest = kiln.api.post("/api/ai/chat", Map.of("conversationId", c, "message", "and over REST?"), bob.token());
        assertThat(rest.status()).isEqualTo(503);
        assertThat(rest.header("Content-Type")).contains("application/problem+json");
        assertThat(rest.text("code")).isEqualTo("ai_unavailable");
        assertThat(rest.text("detail")).contains("KILN_MODEL_PATH");
        JsonNode messages = kiln.api.get("/api/chat/conversations/" + c, bob.token()).body().path("messages");
        assertThat(messages.toString()).contains("anyone there?").contains("still chatting").contains("and over REST?");
    }
}
