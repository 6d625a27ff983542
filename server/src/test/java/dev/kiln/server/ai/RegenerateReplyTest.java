package dev.kiln.server.ai;

import static dev.kiln.server.support.ChatFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.SocketClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ai_regenerate} on a whole Kiln server (SQLite) whose "openai" provider is the fixture server: the
 * question behind a reply is answered again as a new reply, nothing new is stored for the asker, the
 * same limits apply, and bad ids are refused through the ack and an ai_error event.
 */
class RegenerateReplyTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FIRST_REPLY = "Hello! How can I help you today?";

    @RegisterExtension
    static final AssistantFixture chat = AssistantFixture.openAi(fixtures -> fixtures.defaultReply("openai", FixtureServer.sse("openai-stream.txt")))
            .with("kiln.ai.api-key", "sk-regenerate-test")
            .with("kiln.ai.model", "gpt-4o-mini")
            .with("kiln.ai.max-input-chars", "500")
            // Low enough for theSameLimitsApplyAsForAQuestion to reach it; each test has its own users.
            .with("kiln.ai.requests-per-minute-per-user", "3");

    /** Asks in the room and waits for the stored reply; returns {questionId, replyId}. */
    private static String[] askAndWait(SocketClient asker, SocketClient watcher, String c, String question) throws Exception {
        JSONObject ack = asker.emitWithAck("ai_chat_message", json("conversationId", c, "message", question));
        assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
        JSONObject done = watcher.next("ai_response", "responseId", ack.getString("responseId"), 10_000);
        assertThat(done).as("ai_response").isNotNull();
        return new String[] {ack.getString("messageId"), done.getString("id")};
    }

    @Test
    void regenerateAnswersTheSameQuestionAgainAsANewReplyWithoutStoringANewQuestion() throws Exception {
        Session ada = chat.user("ada");
        Session bob = chat.user("bob");
        String c = chat.room("regenerate room", ada, bob);
        SocketClient bobSocket = chat.socket(bob);
        SocketClient adaSocket = chat.socket(ada);
        String[] first = askAndWait(adaSocket, bobSocket, c, "what is a kiln?");
        String questionId = first[0];
        String firstReplyId = first[1];
        bobSocket.queue("ai_response_chunk").clear();
        int callsBefore = chat.requests().size();

        // The regenerated answer differs (another fixture), so the test can tell the replies apart.
        chat.fixtures().enqueue("openai", FixtureServer.sse("openai-slow-stream.txt"));
        JSONObject ack = bobSocket.emitWithAck("ai_regenerate", json("conversationId", c, "messageId", firstReplyId));
        assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
        assertThat(ack.getString("messageId")).as("the question answered again").isEqualTo(questionId);
        assertThat(ack.getString("conversationId")).isEqualTo(c);
        String responseId = ack.getString("responseId");

        JSONObject done = adaSocket.next("ai_response", "responseId", responseId, 10_000);
        assertThat(done).as("ai_response of the regenerated reply").isNotNull();
        assertThat(done.getBoolean("cancelled")).isFalse();
        assertThat(done.getString("id")).isNotEqualTo(firstReplyId);
        assertThat(done.getString("message")).startsWith("word0 word1 ").contains("word59");
        StringBuilder streamed = new StringBuilder();
        for (JSONObject chunk; (chunk = bobSocket.next("ai_response_chunk", 0)) != null; ) {
            assertThat(chunk.getString("responseId")).isEqualTo(responseId);
            streamed.append(chunk.getString("delta"));
        }
        assertThat(streamed.toString()).isEqualTo(done.getString("message"));

        List<JsonNode> messages = chat.history(ada, c);
        assertThat(messages).extracting(m -> m.path("id").asString()).containsExactly(questionId, firstReplyId, done.getString("id"));
        JsonNode regenerated = messages.getLast();
        assertThat(regenerated.path("username").asString()).isEqualTo("assistant");
        assertThat(regenerated.path("replyTo").asString()).isEqualTo(questionId);
        assertThat(regenerated.path("message").asString()).isEqualTo(done.getString("message"));
        assertThat(messages.get(1).path("message").asString()).as("the first reply stays").isEqualTo(FIRST_REPLY);

        // The model is asked the question again, without the reply being regenerated in its context.
        assertThat(chat.requests()).hasSize(callsBefore + 1);
        JsonNode sent = JSON.readTree(chat.requests().getLast().body());
        List<JsonNode> turns = new ArrayList<>();
        sent.path("messages").forEach(turns::add);
        assertThat(turns.getLast().path("role").asString()).isEqualTo("user");
        assertThat(turns.getLast().path("content").asString()).contains("what is a kiln?").contains("@" + ada.username());
        assertThat(sent.path("messages").toString()).doesNotContain(FIRST_REPLY);
    }

    @Test
    void badIdsAreRefusedThroughTheAckAndAnAiErrorEvent() throws Exception {
        Session ada = chat.user("ada");
        Session eve = chat.user("eve");
        String c = chat.room("regenerate room", ada);
        String other = chat.room("regenerate room", eve);
        SocketClient adaSocket = chat.socket(ada);
        SocketClient eveSocket = chat.socket(eve);
        String[] asked = askAndWait(adaSocket, adaSocket, c, "first question");
        String[] elsewhere = askAndWait(eveSocket, eveSocket, other, "eve's question");
        int callsBefore = chat.requests().size();

        assertRefused(adaSocket, json("conversationId", c, "messageId", asked[0]), "bad_request", "assistant's replies");
        assertRefused(adaSocket, json("conversationId", c, "messageId", "0000000000000"), "not_found", "no such message");
        assertRefused(adaSocket, json("conversationId", c, "messageId", elsewhere[1]), "not_found", "no such message");
        assertRefused(adaSocket, json("conversationId", c, "messageId", "not an id!"), "bad_request", "messageId");
        assertRefused(adaSocket, json("conversationId", c), "bad_request", "messageId");
        assertRefused(eveSocket, json("conversationId", c, "messageId", asked[1]), "forbidden", "not a member");
        assertRefused(adaSocket, json("conversationId", "0000000000000", "messageId", asked[1]), "not_found", "conversation");

        // A deleted question cannot be asked again.
        assertThat(chat.api().delete("/api/chat/messages/" + asked[0], ada.token()).status()).isEqualTo(204);
        assertRefused(adaSocket, json("conversationId", c, "messageId", asked[1]), "bad_request", "deleted");

        assertThat(chat.requests()).as("no refused request reached the model").hasSize(callsBefore);
        assertThat(chat.history(ada, c)).hasSize(2);
    }

    @Test
    void theSameLimitsApplyAsForAQuestion() throws Exception {
        Session ada = chat.user("ada");
        String c = chat.room("regenerate room", ada);
        SocketClient adaSocket = chat.socket(ada);
        String[] asked = askAndWait(adaSocket, adaSocket, c, "question one");

        Response off = Put.put(chat.api(), "/api/ai/rooms/" + c + "/settings", Map.of("enabled", false), ada.token());
        assertThat(off.status()).isEqualTo(200);
        assertRefused(adaSocket, json("conversationId", c, "messageId", asked[1]), "forbidden", "turned off");
        assertThat(Put.put(chat.api(), "/api/ai/rooms/" + c + "/settings", Map.of("enabled", true), ada.token()).status()).isEqualTo(200);

        // 3 a minute: the question and two regenerates (the refusal above counted nothing), then 429.
        JSONObject second = adaSocket.emitWithAck("ai_regenerate", json("conversationId", c, "messageId", asked[1]));
        assertThat(second.optBoolean("ok")).as(second.toString()).isTrue();
        assertThat(adaSocket.next("ai_response", "responseId", second.getString("responseId"), 10_000)).isNotNull();
        JSONObject third = adaSocket.emitWithAck("ai_regenerate", json("conversationId", c, "messageId", asked[1]));
        assertThat(third.optBoolean("ok")).as(third.toString()).isTrue();
        assertThat(adaSocket.next("ai_response", "responseId", third.getString("responseId"), 10_000)).isNotNull();
        assertRefused(adaSocket, json("conversationId", c, "messageId", asked[1]), "rate_limited", "per minute");
        assertThat(chat.history(ada, c)).hasSize(4);
    }

    private static void assertRefused(SocketClient s, JSONObject payload, String code, String messagePart) throws Exception {
        s.queue("ai_error").clear();
        JSONObject ack = s.emitWithAck("ai_regenerate", payload);
        assertThat(ack.has("error")).as(ack.toString()).isTrue();
        assertThat(ack.getJSONObject("error").getString("code")).as(ack.toString()).isEqualTo(code);
        assertThat(ack.getJSONObject("error").getString("message")).containsIgnoringCase(messagePart);
        JSONObject event = s.next("ai_error", 2_000);
        assertThat(event).as("ai_error for " + payload).isNotNull();
        assertThat(event.getString("code")).isEqualTo(code);
        assertThat(event.isNull("responseId")).isTrue();
    }
}
