package dev.kiln.server.ai.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.ai.AssistantFixture;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.SocketClient;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A whole Kiln server (SQLite) whose only provider is the local model, a tiny GGUF this test writes and
 * names with KILN_MODEL_PATH. Replies are unbounded (a million tokens), so only a cancel ends them.
 */
class LocalAssistantEndToEndTest {
    @RegisterExtension
    static final AssistantFixture chat = AssistantFixture.local()
            // Room for a reply past the 10,000-character message limit in one generation slot, and one thread:
            // on a busy 2-core machine llama.cpp's threads spin-wait for each other and two crawl (CI stalled a reply).
            .with("kiln.ai.local.context-size", "8192")
            .with("kiln.ai.local.threads", "1")
            .with("kiln.ai.max-output-tokens", "1000000")
            .with("kiln.ai.daily-tokens-per-user", "100000000");

    @Test
    void statusSaysTheLocalModelIsReadyAndRoomsOfferIt() {
        Session ada = chat.user("ada_local");
        Response status = chat.api().get("/api/ai/status", ada.token());
        assertThat(status.status()).isEqualTo(200);
        JsonNode body = status.body();
        assertThat(body.path("provider").asString()).isEqualTo("local");
        assertThat(body.path("model").asString()).isEqualTo("tiny");
        assertThat(body.path("state").asString()).isEqualTo("ready");
        assertThat(body.path("percent").isNull()).isTrue();
        assertThat(body.path("reason").isNull()).isTrue();
        String c = chat.room("Local AI", ada);
        assertThat(chat.api().get("/api/ai/rooms/" + c + "/settings", ada.token()).body().path("providers").toString()).isEqualTo("[\"local\"]");
        assertThat(chat.api().get("/api/ai/status", null).status()).isEqualTo(401);
    }

    @Test
    void aiCancelStopsALongLocalGenerationAndKeepsWhatWasStreamed() throws Exception {
        Session ada = chat.user("ada_local");
        Session bob = chat.user("bob_local");
        String c = chat.room("Local AI", ada, bob);
        SocketClient bobSocket = chat.socket(bob);
        SocketClient adaSocket = chat.socket(ada);
        JSONObject ack = adaSocket.emitWithAck("ai_chat_message", new JSONObject().put("conversationId", c).put("message", "talk forever"));
        assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
        String responseId = ack.getString("responseId");
        JSONObject typing = bobSocket.next("typing", "username", "assistant", 10_000);
        assertThat(typing.getBoolean("typing")).isTrue();
        JSONObject first = bobSocket.next("ai_response_chunk", 30_000);
        assertThat(first).as("first streamed token").isNotNull();
        assertThat(first.getString("responseId")).isEqualTo(responseId);
        assertThat(first.getString("conversationId")).isEqualTo(c);
        assertThat(first.getString("delta")).isEqualTo(" " + TinyGguf.WORDS.getFirst());
        assertThat(bobSocket.next("ai_response_chunk", 10_000)).isNotNull();

        JSONObject cancelAck = adaSocket.emitWithAck("ai_cancel", new JSONObject().put("responseId", responseId));
        assertThat(cancelAck.optBoolean("ok")).as(cancelAck.toString()).isTrue();
        JSONObject done = bobSocket.next("ai_response", "responseId", responseId, 5_000);
        assertThat(done).as("ai_response after cancel").isNotNull();
        assertThat(done.getBoolean("cancelled")).isTrue();
        assertThat(done.getString("provider")).isEqualTo("local");
        assertThat(done.getString("message")).startsWith(" kiln fires").endsWith("_(stopped by @" + ada.username() + ")_");
        String streamed = done.getString("message").substring(0, done.getString("message").indexOf("\n\n_(stopped"));
        assertThat(streamed.split(" ").length - 1).as("words kept").isGreaterThanOrEqualTo(2).isLessThan(1_000_000);
        List<String> words = List.of(streamed.strip().split(" "));
        for (int i = 0; i < words.size(); i++) assertThat(words.get(i)).isEqualTo(TinyGguf.WORDS.get(i % TinyGguf.WORDS.size()));

        JsonNode stored = chat.history(bob, c).getLast();
        assertThat(stored.path("id").asString()).isEqualTo(done.getString("id"));
        assertThat(stored.path("username").asString()).isEqualTo("assistant");
        assertThat(stored.path("message").asString()).isEqualTo(done.getString("message"));
        assertThat(stored.path("replyTo").asString()).isEqualTo(ack.getString("messageId"));

        // The native generation itself stopped, not just the stream to the room.
        LocalModel model = chat.bean(LocalModel.class);
        long deadline = System.currentTimeMillis() + 5_000;
        while (model.activeGenerations() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertThat(model.activeGenerations()).isZero();
        JSONObject off = bobSocket.next("typing", "username", "assistant", 5_000);
        assertThat(off.getBoolean("typing")).isFalse();
    }

    @Test
    void aReplyStoppedPastTheMessageLimitIsCutButKeepsItsStopNote() throws Exception {
        int limit = 10_000; // kiln.limits.message-max-chars, the default
        Session ada = chat.user("ada_local");
        String c = chat.room("Local AI", ada);
        SocketClient adaSocket = chat.socket(ada);
        JSONObject ack = adaSocket.emitWithAck("ai_chat_message", new JSONObject().put("conversationId", c).put("message", "talk at length"));
        assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
        String responseId = ack.getString("responseId");
        StringBuilder streamed = new StringBuilder();
        while (streamed.length() <= limit) {
            JSONObject chunk = adaSocket.next("ai_response_chunk", "responseId", responseId, 30_000);
            assertThat(chunk).as("chunk after " + streamed.length() + " characters").isNotNull();
            streamed.append(chunk.getString("delta"));
        }
        JSONObject cancelAck = adaSocket.emitWithAck("ai_cancel", new JSONObject().put("responseId", responseId));
        assertThat(cancelAck.optBoolean("ok")).as(cancelAck.toString()).isTrue();
        JSONObject done = adaSocket.next("ai_response", "responseId", responseId, 5_000);
        assertThat(done).as("ai_response after cancel").isNotNull();
        assertThat(done.getBoolean("cancelled")).isTrue();
        String note = "…\n\n_(stopped by @" + ada.username() + ")_";
        String message = done.getString("message");
        assertThat(message).hasSize(limit).endsWith(note);
        assertThat(streamed.toString()).startsWith(message.substring(0, limit - note.length()));
        assertThat(chat.history(ada, c).getLast().path("message").asString()).isEqualTo(message);
    }
}
