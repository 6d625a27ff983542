package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.SocketClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The response cache on a whole server whose "openai" provider is the fixture server: a paraphrase asked in
 * another room is answered from the cache (streamed and stored like any reply, no provider call, no tokens), while
 * other questions, other personas and questions that depend on their conversation reach the provider.
 */
class AssistantCacheTest {
    private static final String FULL_REPLY = "Hello! How can I help you today?";

    @RegisterExtension
    static final AssistantFixture chat = AssistantFixture.openAi(
            fixtures -> fixtures.defaultReply("openai", FixtureServer.sse("openai-stream.txt")));

    // The tests share one server, so each starts from an empty cache.
    @BeforeEach
    void reset() {
        chat.bean(ResponseCache.class).clear();
    }

    private static int calls() {
        return chat.requests().size();
    }

    @Test
    void aParaphraseInAnotherRoomIsAnsweredFromTheCacheAndStreamedAndStoredLikeAnyReply() throws Exception {
        Session ada = chat.user("cache");
        Response first = chat.ask(ada, chat.room("Cache", ada), "What's the capital of France?");
        assertThat(first.body().path("cached").asBoolean()).isFalse();
        int before = calls();

        Session bob = chat.user("cache");
        String c = chat.room("Cache", bob);
        SocketClient s = chat.socket(bob);
        long started = System.nanoTime();
        JSONObject ack = s.emitWithAck("ai_chat_message", new JSONObject().put("conversationId", c)
                .put("message", "what is the capital city of France").put("clientMessageId", "cache-1"));
        assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
        JSONObject done = s.next("ai_response", "responseId", ack.getString("responseId"), 10_000);
        assertThat(done).isNotNull();
        assertThat(done.getBoolean("cached")).isTrue();
        assertThat(done.getString("message")).isEqualTo(FULL_REPLY);
        assertThat(done.getJSONObject("usage").getInt("totalTokens")).isZero();
        assertThat(done.getString("model")).isEqualTo("gpt-4o-mini-2024-07-18");
        StringBuilder streamed = new StringBuilder();
        for (JSONObject chunk; (chunk = s.next("ai_response_chunk", 0)) != null; ) streamed.append(chunk.getString("delta"));
        assertThat(streamed.toString()).isEqualTo(FULL_REPLY);
        assertThat((System.nanoTime() - started) / 1_000_000).as("no provider round trip").isLessThan(5_000);
        assertThat(calls()).as("the provider was not asked").isEqualTo(before);
        List<JsonNode> history = chat.history(bob, c);
        assertThat(history).hasSize(2);
        assertThat(history.get(1).path("username").asString()).isEqualTo("assistant");
        assertThat(history.get(1).path("message").asString()).isEqualTo(FULL_REPLY);
        assertThat(history.get(1).path("replyTo").asString()).isEqualTo(history.get(0).path("id").asString());

        String metrics = new String(chat.api().get("/actuator/prometheus", null).raw(), StandardCharsets.UTF_8);
        assertThat(metrics).contains("kiln_ai_cache_hit_ratio").containsPattern("kiln_ai_cache_lookups_total\\{[^}]*result=\"semantic_hit\"");
    }

    @Test
    void otherQuestionsAndOtherPersonasReachTheProvider() {
        Session ada = chat.user("cache");
        chat.ask(ada, chat.room("Cache", ada), "What's the capital of France?");
        int before = calls();
        assertThat(chat.ask(ada, chat.room("Cache", ada), "Who painted the Mona Lisa?").body().path("cached").asBoolean()).isFalse();
        assertThat(calls()).isEqualTo(before + 1);

        String pirateRoom = chat.room("Cache", ada);
        assertThat(Put.put(chat.api(), "/api/ai/rooms/" + pirateRoom + "/settings", Map.of("systemPrompt", "You are a pirate."), ada.token())
                .status()).isEqualTo(200);
        assertThat(chat.ask(ada, pirateRoom, "What's the capital of France?").body().path("cached").asBoolean()).isFalse();
        assertThat(calls()).isEqualTo(before + 2);
        assertThat(chat.ask(ada, pirateRoom, "what is the capital city of France").body().path("cached").asBoolean())
                .as("the pirate's own answer is reused for the pirate").isTrue();
        assertThat(calls()).isEqualTo(before + 2);
    }

    @Test
    void regenerateAsksTheProviderAgainInsteadOfRepeatingTheCachedAnswer() throws Exception {
        Session ada = chat.user("cache");
        chat.ask(ada, chat.room("Cache", ada), "What's the capital of France?");
        String c = chat.room("Cache", ada);
        Response cachedReply = chat.ask(ada, c, "what is the capital city of France");
        assertThat(cachedReply.body().path("cached").asBoolean()).isTrue();
        int before = calls();
        SocketClient s = chat.socket(ada);
        JSONObject ack = s.emitWithAck("ai_regenerate", new JSONObject().put("conversationId", c).put("messageId", cachedReply.text("messageId")));
        assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
        JSONObject done = s.next("ai_response", "responseId", ack.getString("responseId"), 10_000);
        assertThat(done).isNotNull();
        assertThat(done.getBoolean("cached")).isFalse();
        assertThat(done.getJSONObject("usage").getInt("totalTokens")).isEqualTo(51);
        assertThat(calls()).isEqualTo(before + 1);
    }

    @Test
    void questionsThatDependOnTheirConversationBypassTheCache() {
        Session ada = chat.user("cache");
        chat.ask(ada, chat.room("Cache", ada), "What's the capital of France?");
        int before = calls();

        String c = chat.room("Cache", ada);
        assertThat(chat.ask(ada, c, "Can you summarize the capital of France discussion?").body().path("cached").asBoolean()).isFalse();
        assertThat(calls()).isEqualTo(before + 1);

        String team = chat.room("Cache", ada);
        chat.send(ada, team, "Reminder: in this team, 'the capital of France' is our nickname for the Lyon office.");
        assertThat(chat.ask(ada, team, "What's the capital of France?").body().path("cached").asBoolean())
                .as("a related earlier message makes the answer depend on this conversation").isFalse();
        assertThat(calls()).isEqualTo(before + 2);
    }
}
