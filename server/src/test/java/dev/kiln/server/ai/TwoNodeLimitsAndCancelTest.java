package dev.kiln.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Kiln nodes on one PostgreSQL and one Redis act as one behind a load balancer: rate limits count requests
 * that reached either node, and a reply generating on one node stops when its asker cancels through the other.
 * Each test comes from its own made-up client address (X-Forwarded-For), since the buckets live in the shared
 * Redis and outlast a test run.
 */
class TwoNodeLimitsAndCancelTest {
    private static final int IP_LIMIT = 6;
    private static final int AI_PER_MINUTE = 3;
    private static FixtureServer fixtures;
    private static KilnInstance nodeA;
    private static KilnInstance nodeB;

    @BeforeAll
    static void start() {
        TestDatabases.requireRedis();
        fixtures = new FixtureServer();
        Map<String, Object> shared = new HashMap<>(TestDatabases.postgres());
        shared.put("kiln.redis-url", TestDatabases.REDIS_URL);
        shared.put("kiln.jwt-secret", "a-shared-secret-for-both-nodes-of-this-test-0123456789");
        shared.put("kiln.auth.attempts-per-ip-per-minute", String.valueOf(IP_LIMIT));
        shared.put("kiln.auth.attempts-per-account-per-minute", "100");
        shared.put("kiln.ai.provider", "openai");
        shared.put("kiln.ai.base-url", fixtures.baseUrl("openai"));
        shared.put("kiln.ai.timeout", "5s");
        shared.put("kiln.ai.api-key", "sk-two-nodes");
        shared.put("kiln.ai.model", "gpt-4o-mini");
        shared.put("kiln.ai.requests-per-minute-per-user", String.valueOf(AI_PER_MINUTE));
        nodeA = KilnInstance.start(shared);
        Map<String, Object> second = new HashMap<>(shared);
        second.put("kiln.data-dir", TestDatabases.tempDir().toString());
        nodeB = KilnInstance.start(second);
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        fixtures.close();
    }

    @BeforeEach
    void normalReplies() {
        fixtures.defaultReply("openai", FixtureServer.sse("openai-stream.txt"));
    }

    /** A client address no other test run uses, so its per-address bucket in Redis starts full. */
    private static String freshAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    @Test
    void thePerAddressSignInLimitCountsAttemptsOnBothNodes() {
        String address = freshAddress();
        Api a = nodeA.api.from(address);
        Api b = nodeB.api.from(address);
        // Node A sees four attempts, node B two: together the address's limit.
        for (int i = 0; i < IP_LIMIT; i++) {
            Api node = i % 3 == 2 ? b : a;
            Response r = node.post("/api/auth/login", Map.of("username", "nobody" + i, "password", "guess"), null);
            assertThat(r.status()).as("attempt " + i).isEqualTo(401);
        }
        Response limited = b.post("/api/auth/login", Map.of("username", "nobody-else", "password", "guess"), null);
        assertThat(limited.status()).as("node B saw only two attempts, but the address used up its limit on both").isEqualTo(429);
        assertThat(limited.header("Content-Type")).contains("application/problem+json");
        assertThat(limited.text("code")).isEqualTo("rate_limited");
        assertThat(limited.text("detail")).contains("Too many sign-in attempts from this address");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        // Another address is counted apart.
        assertThat(nodeB.api.from(freshAddress()).post("/api/auth/login", Map.of("username", "nobody", "password", "x"), null).status())
                .isEqualTo(401);
    }

    @Test
    void assistantRequestsPerMinuteCountOnBothNodes() {
        Api a = nodeA.api.from(freshAddress());
        Api b = nodeB.api.from(freshAddress());
        Session ada = a.register("ada_rate");
        String room = a.post("/api/chat/conversations", Map.of("name", "Rate", "type", "group"), ada.token()).text("conversationId");
        List<Api> nodes = List.of(a, b, a);
        for (int i = 0; i < AI_PER_MINUTE; i++) {
            Response r = nodes.get(i).post("/api/ai/chat", Map.of("conversationId", room, "message", "question " + i), ada.token());
            assertThat(r.status()).as("question " + i + ": " + r.body()).isEqualTo(200);
        }
        Response limited = b.post("/api/ai/chat", Map.of("conversationId", room, "message", "one more"), ada.token());
        assertThat(limited.status()).as("node B answered one question, but the user asked three in all").isEqualTo(429);
        assertThat(limited.text("code")).isEqualTo("rate_limited");
        assertThat(limited.text("detail")).contains("at most " + AI_PER_MINUTE + " per minute");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void aiCancelThroughTheOtherNodeStopsTheReply() throws Exception {
        Api a = nodeA.api.from(freshAddress());
        Session ada = a.register("ada_stop");
        Session eve = a.register("eve_stop");
        String room = a.post("/api/chat/conversations", Map.of("name", "Stop", "type", "group", "participantIds", List.of(eve.id())),
                ada.token()).text("conversationId");
        fixtures.enqueue("openai", FixtureServer.drip("openai-slow-stream.txt", Duration.ofMillis(100)));
        try (SocketClient adaOnA = new SocketClient(nodeA.baseUrl(), ada.token(), "websocket").connect();
             SocketClient adaOnB = new SocketClient(nodeB.baseUrl(), ada.token(), "websocket").connect();
             SocketClient eveOnB = new SocketClient(nodeB.baseUrl(), eve.token(), "websocket").connect()) {
            JSONObject asked = adaOnA.emitWithAck("ai_chat_message", new JSONObject().put("conversationId", room).put("message", "count slowly"));
            assertThat(asked.optBoolean("ok")).as(asked.toString()).isTrue();
            String responseId = asked.getString("responseId");
            // Node A is generating: its chunks reach node B's sockets.
            assertThat(adaOnB.next("ai_response_chunk", "responseId", responseId, 5_000)).isNotNull();
            assertThat(adaOnB.next("ai_response_chunk", "responseId", responseId, 5_000)).isNotNull();

            JSONObject notHers = eveOnB.emitWithAck("ai_cancel", new JSONObject().put("responseId", responseId));
            assertThat(notHers.getJSONObject("error").getString("code")).isEqualTo("forbidden");
            JSONObject unknown = adaOnB.emitWithAck("ai_cancel", new JSONObject().put("responseId", "0NOSUCHREPLY0"));
            assertThat(unknown.getJSONObject("error").getString("code")).isEqualTo("not_found");

            JSONObject stopped = adaOnB.emitWithAck("ai_cancel", new JSONObject().put("responseId", responseId));
            assertThat(stopped.optBoolean("ok")).as(stopped.toString()).isTrue();
            JSONObject done = adaOnA.next("ai_response", "responseId", responseId, 4_000);
            assertThat(done).as("ai_response after a cancel from node B (the whole stream takes 6 s)").isNotNull();
            assertThat(done.getBoolean("cancelled")).isTrue();
            assertThat(done.getString("message")).startsWith("word0 word1 ").contains("(stopped by @ada_stop)").doesNotContain("word59");
            assertThat(adaOnB.next("ai_response", "responseId", responseId, 5_000)).as("node B's tab hears it ended").isNotNull();

            JSONObject again = adaOnB.emitWithAck("ai_cancel", new JSONObject().put("responseId", responseId));
            assertThat(again.getJSONObject("error").getString("code")).as("nothing left to stop, on any node").isEqualTo("not_found");
        }
    }
}
