package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import java.util.HashMap;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server with no AI provider configured: clear errors fast (ai_error, 503), and the per-user rate limit still applies. */
class AssistantUnavailableTest {
    private static KilnInstance kiln;

    @BeforeAll
    static void start() {
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.ai.provider", "");
        props.put("kiln.ai.requests-per-minute-per-user", "2");
        kiln = KilnInstance.start(props);
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    private static String room(Session owner) {
        return kiln.api.post("/api/chat/conversations", Map.of("name", "No AI", "type", "group"), owner.token()).text("conversationId");
    }

    @Test
    void socketRequesterGetsAiErrorWithinFiveSecondsSayingHowToEnableAModel() throws Exception {
        Session ada = kiln.api.register("ada_noai");
        String c = room(ada);
        try (SocketClient s = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect()) {
            long started = System.nanoTime();
            JSONObject ack = s.emitWithAck("ai_chat_message", new JSONObject().put("conversationId", c).put("message", "hello?"));
            assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
            JSONObject error = s.next("ai_error", 5_000);
            assertThat(error).as("ai_error").isNotNull();
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
            assertThat(error.getString("code")).isEqualTo("ai_unavailable");
            assertThat(error.getString("conversationId")).isEqualTo(c);
            assertThat(error.getString("responseId")).isEqualTo(ack.getString("responseId"));
            assertThat(error.getString("message")).contains("KILN_AI_PROVIDER");
            assertThat(s.next("typing", 500)).as("nobody sees the assistant typing").isNull();
        }
    }

    @Test
    void restAnswers503ProblemJsonThenRateLimits() throws Exception {
        Session bob = kiln.api.register("bob_noai");
        String c = room(bob);
        for (int i = 0; i < 2; i++) {
            Response r = kiln.api.post("/api/ai/chat", Map.of("conversationId", c, "message", "hello " + i), bob.token());
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Content-Type")).contains("application/problem+json");
            assertThat(r.text("code")).isEqualTo("ai_unavailable");
            assertThat(r.text("detail")).contains("KILN_AI_PROVIDER").contains("KILN_AI_API_KEY");
        }
        Response limited = kiln.api.post("/api/ai/chat", Map.of("conversationId", c, "message", "again"), bob.token());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("code")).isEqualTo("rate_limited");
        assertThat(limited.header("Retry-After")).isNotNull();
        Response settings = kiln.api.get("/api/ai/rooms/" + c + "/settings", bob.token());
        assertThat(settings.body().path("providers").size()).isZero();
    }
}
