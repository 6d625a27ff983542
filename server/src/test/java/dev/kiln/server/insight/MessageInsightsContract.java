package dev.kiln.server.insight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.ChatFixture;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Sentiment and language on a whole Kiln server, once per storage engine (subclasses): on new_message, in history,
 * threads and search, recomputed by an edit, dropped by a delete, and filled in for messages stored before insights.
 */
abstract class MessageInsightsContract {
    static KilnInstance kiln;
    static Api api;
    static ChatFixture chat;

    static void startWith(Map<String, Object> props) {
        kiln = KilnInstance.start(props);
        api = kiln.api;
        chat = new ChatFixture(kiln);
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    @AfterEach
    void closeSockets() {
        chat.closeSockets();
    }

    private static JSONObject send(SocketClient s, String conversationId, String text, String threadId) throws Exception {
        JSONObject payload = new JSONObject().put("conversationId", conversationId).put("message", text);
        if (threadId != null) payload.put("threadId", threadId);
        JSONObject ack = s.emitWithAck("send_message", payload);
        assertThat(ack.has("messageId")).as(ack.toString()).isTrue();
        return ack;
    }

    private static Map<String, JsonNode> historyById(Session who, String conversationId) {
        Response r = api.get("/api/chat/conversations/" + conversationId, who.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        Map<String, JsonNode> out = new java.util.HashMap<>();
        r.body().path("messages").forEach(m -> out.put(m.path("id").asString(), m));
        return out;
    }

    @Test
    void newMessagesCarrySentimentAndLanguageLiveAndInHistory() throws Exception {
        Session ada = chat.user("ada");
        Session bob = chat.user("bob");
        String c = chat.room("Insights", ada, bob);
        SocketClient bobSocket = chat.socket(bob);
        SocketClient adaSocket = chat.socket(ada);

        String happy = send(adaSocket, c, "This is awesome, thank you so much for fixing the login page! 🎉", null).getString("messageId");
        String angry = send(adaSocket, c, "The deploy failed again and now everything is broken", null).getString("messageId");
        String french = send(adaSocket, c, "Merci beaucoup, la réunion de demain est annulée", null).getString("messageId");
        String ack = send(adaSocket, c, "ok", null).getString("messageId");

        JSONObject live = bobSocket.next("new_message", "id", happy, 5_000);
        assertThat(live).isNotNull();
        assertThat(live.getJSONObject("sentiment").getString("label")).isEqualTo("positive");
        assertThat(live.getJSONObject("sentiment").getDouble("score")).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
        assertThat(live.getString("language")).isEqualTo("en");

        JSONObject liveAngry = bobSocket.next("new_message", "id", angry, 5_000);
        assertThat(liveAngry.getJSONObject("sentiment").getString("label")).isEqualTo("negative");
        assertThat(liveAngry.getJSONObject("sentiment").getDouble("score")).isLessThan(-0.3).isGreaterThanOrEqualTo(-1.0);
        assertThat(liveAngry.getString("language")).isEqualTo("en");

        JSONObject liveFrench = bobSocket.next("new_message", "id", french, 5_000);
        assertThat(liveFrench.getString("language")).isEqualTo("fr");
        // The lexicon is English: French words are not scored, so a French message without emoji is neutral.
        assertThat(liveFrench.getJSONObject("sentiment").getString("label")).isEqualTo("neutral");

        JSONObject liveAck = bobSocket.next("new_message", "id", ack, 5_000);
        assertThat(liveAck.isNull("language")).as("too short to tell: " + liveAck).isTrue();
        assertThat(liveAck.getJSONObject("sentiment").getString("label")).isEqualTo("neutral");

        Map<String, JsonNode> history = historyById(bob, c);
        assertThat(history.get(happy).path("sentiment").path("label").asString()).isEqualTo("positive");
        assertThat(history.get(happy).path("sentiment").path("score").asDouble())
                .isEqualTo(live.getJSONObject("sentiment").getDouble("score"));
        assertThat(history.get(happy).path("language").asString()).isEqualTo("en");
        assertThat(history.get(angry).path("sentiment").path("label").asString()).isEqualTo("negative");
        assertThat(history.get(french).path("language").asString()).isEqualTo("fr");
        assertThat(history.get(ack).path("language").isNull()).isTrue();

        // REST sends are analysed the same way.
        Response rest = api.post("/api/chat/send", Map.of("conversationId", c, "message", "I hate these flaky tests, they keep failing"),
                ada.token());
        assertThat(rest.status()).isEqualTo(201);
        JSONObject restLive = bobSocket.next("new_message", "id", rest.text("messageId"), 5_000);
        assertThat(restLive.getJSONObject("sentiment").getString("label")).isEqualTo("negative");
    }

    @Test
    void anEditRecomputesAndADeleteDropsThem() throws Exception {
        Session ada = chat.user("ada");
        Session bob = chat.user("bob");
        String c = chat.room("Insights", ada, bob);
        SocketClient bobSocket = chat.socket(bob);
        SocketClient adaSocket = chat.socket(ada);
        String id = send(adaSocket, c, "This release is a disaster, nothing works", null).getString("messageId");
        assertThat(bobSocket.next("new_message", "id", id, 5_000).getJSONObject("sentiment").getString("label")).isEqualTo("negative");

        JSONObject edited = adaSocket.emitWithAck("edit_message", new JSONObject().put("messageId", id)
                .put("message", "Update: the release went great, thanks everyone for the help!"));
        assertThat(edited.optBoolean("ok")).as(edited.toString()).isTrue();
        assertThat(edited.getJSONObject("message").getJSONObject("sentiment").getString("label")).isEqualTo("positive");
        JSONObject broadcast = bobSocket.next("message_edited", "id", id, 5_000);
        assertThat(broadcast.getJSONObject("sentiment").getString("label")).isEqualTo("positive");
        assertThat(broadcast.getJSONObject("sentiment").getDouble("score")).isPositive();
        assertThat(broadcast.getString("language")).isEqualTo("en");

        // REST edit into another language: both fields follow the new text.
        Response patched = api.patch("/api/chat/messages/" + id, Map.of("message", "Das Release ist morgen früh um neun Uhr"), ada.token());
        assertThat(patched.status()).as(String.valueOf(patched.body())).isEqualTo(200);
        assertThat(patched.body().path("language").asString()).isEqualTo("de");
        assertThat(patched.body().path("sentiment").path("label").asString()).isEqualTo("neutral");
        JsonNode stored = historyById(bob, c).get(id);
        assertThat(stored.path("language").asString()).isEqualTo("de");
        assertThat(stored.path("sentiment").path("label").asString()).isEqualTo("neutral");

        assertThat(api.delete("/api/chat/messages/" + id, ada.token()).status()).isEqualTo(204);
        JsonNode tombstone = historyById(bob, c).get(id);
        assertThat(tombstone.path("deletedAt").isNull()).isFalse();
        assertThat(tombstone.path("sentiment").isNull()).as(tombstone.toString()).isTrue();
        assertThat(tombstone.path("language").isNull()).isTrue();
        Long storedLabels = kiln.bean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM messages WHERE id = ? AND (sentiment IS NOT NULL OR sentiment_score IS NOT NULL OR language IS NOT NULL)")
                .param(dev.kiln.server.shared.Ids.parse("id", id)).query(Long.class).single();
        assertThat(storedLabels).isZero();
    }

    @Test
    void threadsAndSearchResultsCarryThemToo() throws Exception {
        Session ada = chat.user("ada");
        String c = chat.room("Insights", ada);
        SocketClient adaSocket = chat.socket(ada);
        String root = send(adaSocket, c, "Kickoff thread for the quarterly planning", null).getString("messageId");
        String reply = send(adaSocket, c, "I love this plan, brilliant work", root).getString("messageId");

        Response thread = api.get("/api/chat/conversations/" + c + "/threads/" + root, ada.token());
        assertThat(thread.status()).isEqualTo(200);
        assertThat(thread.body().path("root").path("sentiment").path("label").asString()).isEqualTo("neutral");
        assertThat(thread.body().path("root").path("language").asString()).isEqualTo("en");
        JsonNode threadReply = thread.body().path("messages").get(0);
        assertThat(threadReply.path("id").asString()).isEqualTo(reply);
        assertThat(threadReply.path("sentiment").path("label").asString()).isEqualTo("positive");

        Response search = api.get("/api/chat/search?q=brilliant&conversationId=" + c, ada.token());
        assertThat(search.status()).isEqualTo(200);
        JsonNode hit = search.body().path("results").get(0);
        assertThat(hit.path("id").asString()).isEqualTo(reply);
        assertThat(hit.path("sentiment").path("label").asString()).isEqualTo("positive");
        assertThat(hit.path("language").asString()).isEqualTo("en");
    }

    @Test
    void messagesStoredBeforeInsightsAreAnalysedInTheBackground() throws Exception {
        Session ada = chat.user("ada");
        String c = chat.room("Insights", ada);
        SocketClient adaSocket = chat.socket(ada);
        String id = send(adaSocket, c, "This was the worst outage we have ever had, customers are furious", null).getString("messageId");
        JdbcClient jdbc = kiln.bean(JdbcClient.class);
        long rowId = dev.kiln.server.shared.Ids.parse("id", id);
        // As if stored by a version without insights.
        jdbc.sql("UPDATE messages SET sentiment = NULL, sentiment_score = NULL, language = NULL WHERE id = ?").param(rowId).update();
        assertThat(historyById(ada, c).get(id).path("sentiment").isNull()).isTrue();

        kiln.bean(InsightBackfill.class).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode m = historyById(ada, c).get(id);
        while (m.path("sentiment").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            m = historyById(ada, c).get(id);
        }
        assertThat(m.path("sentiment").path("label").asString()).isEqualTo("negative");
        assertThat(m.path("language").asString()).isEqualTo("en");
    }
}
