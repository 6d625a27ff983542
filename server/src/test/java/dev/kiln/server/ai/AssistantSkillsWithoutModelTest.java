package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.ai.embed.MessageEmbeddingIndexer;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A server with no language model: /summarize still answers (extractively, streamed), /translate says how to enable a model. */
class AssistantSkillsWithoutModelTest {
    private static KilnInstance kiln;

    @BeforeAll
    static void start() {
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.ai.provider", "");
        props.put("kiln.ai.memory.summary-tokens", "60");
        kiln = KilnInstance.start(props);
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    private static String send(Session who, String c, String text, String threadId) {
        Map<String, Object> body = new HashMap<>(Map.of("conversationId", c, "message", text));
        if (threadId != null) body.put("threadId", threadId);
        Response r = kiln.api.post("/api/chat/send", body, who.token());
        assertThat(r.status()).isEqualTo(201);
        return r.text("messageId");
    }

    @Test
    void summarizeGivesAnExtractiveSummaryOfTheConversationAndOfAThread() throws Exception {
        Session ada = kiln.api.register("ext_ada");
        String c = kiln.api.post("/api/chat/conversations", Map.of("name", "No model", "type", "group"), ada.token()).text("conversationId");
        List<String> texts = List.of("The database backup failed overnight because the disk filled up.",
                "Marketing wants the launch post reviewed by Friday.",
                "The backup disk is now twice as large, backups run again.",
                "We moved the office party to December 12th.",
                "Reminder: the launch post review is due Friday.");
        for (String t : texts) send(ada, c, t, null);
        String root = send(ada, c, "Thread: which font for the new logo?", null);
        send(ada, c, "I vote for Inter.", root);
        while (!kiln.bean(MessageEmbeddingIndexer.class).idle()) Thread.sleep(20);

        try (SocketClient s = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect()) {
            JSONObject ack = s.emitWithAck("ai_chat_message", new JSONObject().put("conversationId", c).put("message", "/summarize")
                    .put("clientMessageId", "ext-1"));
            assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
            JSONObject done = s.next("ai_response", "responseId", ack.getString("responseId"), 10_000);
            assertThat(done).as("ai_response").isNotNull();
            assertThat(s.next("ai_error", 0)).isNull();
            StringBuilder streamed = new StringBuilder();
            for (JSONObject chunk; (chunk = s.next("ai_response_chunk", 0)) != null; ) streamed.append(chunk.getString("delta"));
            String summary = done.getString("message");
            assertThat(streamed.toString()).isEqualTo(summary);
            assertThat(done.getString("model")).isEqualTo("extractive");
            assertThat(summary).startsWith("**Summary of this conversation** (extractive: ").contains("no language model is configured");
            List<String> bullets = summary.lines().filter(l -> l.startsWith("- @ext_ada: ")).map(l -> l.substring("- @ext_ada: ".length())).toList();
            assertThat(bullets).isNotEmpty();
            assertThat(texts.subList(0, 5).stream().toList()).as("only the conversation's own words").containsAll(bullets.stream()
                    .filter(b -> !b.startsWith("Thread:")).toList());
            assertThat(bullets.size()).isLessThan(texts.size() + 1);
            assertThat(TokenEstimate.of(String.join("\n", bullets))).isLessThanOrEqualTo(60);

            JSONObject threadAck = s.emitWithAck("ai_chat_message", new JSONObject().put("conversationId", c).put("message", "/summarize")
                    .put("threadId", root).put("clientMessageId", "ext-2"));
            JSONObject threadDone = s.next("ai_response", "responseId", threadAck.getString("responseId"), 10_000);
            assertThat(threadDone.getString("message")).startsWith("**Summary of this thread**").contains("- @ext_ada: I vote for Inter.")
                    .doesNotContain("backup");
        }
        Response rest = kiln.api.post("/api/ai/chat", Map.of("conversationId", c, "message", "/summarize"), ada.token());
        assertThat(rest.status()).as(String.valueOf(rest.body())).isEqualTo(200);
        assertThat(rest.text("aiResponse")).startsWith("**Summary of this conversation**");
    }

    @Test
    void translateWithoutAModelIsRefusedClearlyAndStoresNothing() throws Exception {
        Session bob = kiln.api.register("ext_bob");
        String c = kiln.api.post("/api/chat/conversations", Map.of("name", "No model", "type", "group"), bob.token()).text("conversationId");
        String hello = send(bob, c, "Hello everyone", null);
        try (SocketClient s = new SocketClient(kiln.baseUrl(), bob.token(), "websocket").connect()) {
            JSONObject ack = s.emitWithAck("ai_chat_message", new JSONObject().put("conversationId", c).put("message", "/translate French")
                    .put("replyTo", hello).put("clientMessageId", "tr-none"));
            assertThat(ack.getJSONObject("error").getString("code")).isEqualTo("ai_unavailable");
            JSONObject error = s.next("ai_error", 2_000);
            assertThat(error.getString("code")).isEqualTo("ai_unavailable");
            assertThat(error.getString("message")).contains("Translation needs a language model").contains("KILN_AI_PROVIDER");
        }
        Response rest = kiln.api.post("/api/ai/chat", Map.of("conversationId", c, "message", "/translate French"), bob.token());
        assertThat(rest.status()).isEqualTo(503);
        assertThat(rest.text("detail")).contains("Translation needs a language model");
        List<JsonNode> history = kiln.api.get("/api/chat/conversations/" + c, bob.token()).body().path("messages").valueStream().toList();
        assertThat(history).hasSize(1);
    }
}
