package dev.kiln.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api;
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

/**
 * Two Kiln nodes share one PostgreSQL database and one Redis: what is sent through one node reaches a
 * socket.io client connected to the other, as behind a load balancer.
 */
class TwoNodeFanoutTest {
    static KilnInstance nodeA;
    static KilnInstance nodeB;

    @BeforeAll
    static void start() {
        TestDatabases.requireRedis();
        Map<String, Object> shared = new HashMap<>(TestDatabases.postgres());
        shared.put("kiln.redis-url", TestDatabases.REDIS_URL);
        shared.put("kiln.jwt-secret", "a-shared-secret-for-both-nodes-of-this-test-0123456789");
        nodeA = KilnInstance.start(shared);
        Map<String, Object> secondNode = new HashMap<>(shared);
        secondNode.put("kiln.data-dir", TestDatabases.tempDir().toString());
        nodeB = KilnInstance.start(secondNode);
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void messagesTypingAndPresenceCrossNodes() throws Exception {
        Api a = nodeA.api;
        Session ada = a.register("ada2n");
        Session bob = a.register("bob2n");
        String room = a.post("/api/chat/conversations", Map.of("name", "Across", "type", "group", "participantIds", List.of(bob.id())),
                ada.token()).text("conversationId");

        // Bob lives on node B, Ada on node A.
        try (SocketClient bobOnB = new SocketClient(nodeB.baseUrl(), bob.token(), "websocket").connect()) {
            try (SocketClient adaOnA = new SocketClient(nodeA.baseUrl(), ada.token(), "polling").connect()) {
                JSONObject online = bobOnB.next("user_online", "userId", ada.id(), 5000);
                assertThat(online).as("user_online from node A").isNotNull();
                assertThat(online.getString("userId")).isEqualTo(ada.id());

                JSONObject ack = adaOnA.emitWithAck("send_message", new JSONObject(Map.of("conversationId", room, "message", "over the wire",
                        "clientMessageId", "x-node-1")));
                assertThat(ack.has("messageId")).as(ack.toString()).isTrue();
                JSONObject delivered = bobOnB.next("new_message", 5000);
                assertThat(delivered).isNotNull();
                assertThat(delivered.getString("id")).isEqualTo(ack.getString("messageId"));
                assertThat(delivered.getString("message")).isEqualTo("over the wire");

                // A REST send on node B reaches Ada's socket on node A.
                nodeB.api.post("/api/chat/send", Map.of("conversationId", room, "message", "via REST on B"), bob.token());
                JSONObject back = adaOnA.next("new_message", "message", "via REST on B", 5000);
                assertThat(back).isNotNull();
                assertThat(back.getString("message")).isEqualTo("via REST on B");

                // A third connection, of Bob on node A, learns at connect that Ada (on A) is already online.
                try (SocketClient bobOnA = new SocketClient(nodeA.baseUrl(), bob.token(), "websocket").connect()) {
                    assertThat(bobOnA.next("user_online", "userId", ada.id(), 5000)).as("snapshot of who is online").isNotNull();
                }

                // Typing reaches the other members only: none of Ada's own tabs, on her node or the other one.
                try (SocketClient adaSecondTabOnA = new SocketClient(nodeA.baseUrl(), ada.token(), "websocket").connect();
                     SocketClient adaTabOnB = new SocketClient(nodeB.baseUrl(), ada.token(), "websocket").connect()) {
                    adaOnA.emitWithAck("typing_start", new JSONObject(Map.of("conversationId", room)));
                    JSONObject typing = bobOnB.next("typing", 5000);
                    assertThat(typing).isNotNull();
                    assertThat(typing.getBoolean("typing")).isTrue();
                    assertThat(typing.getString("username")).isEqualTo("ada2n");
                    adaOnA.emitWithAck("typing_stop", new JSONObject(Map.of("conversationId", room)));
                    assertThat(bobOnB.next("typing", "typing", "false", 5000)).as("typing:false to Bob").isNotNull();

                    // Events of a room reach a socket in the order they were published: once this message is
                    // in, a typing event for Ada's tabs would have arrived before it.
                    adaOnA.emitWithAck("send_message", new JSONObject(Map.of("conversationId", room, "message", "after typing")));
                    for (SocketClient tab : List.of(adaOnA, adaSecondTabOnA, adaTabOnB)) {
                        assertThat(tab.next("new_message", "message", "after typing", 5000)).isNotNull();
                        assertThat(tab.queue("typing")).as("no typing events about herself").isEmpty();
                    }
                }
            }
            JSONObject offline = bobOnB.next("user_offline", "userId", ada.id(), 5000);
            assertThat(offline).as("user_offline after Ada's only connection closed").isNotNull();
            assertThat(offline.getString("userId")).isEqualTo(ada.id());
        }
    }

    @Test
    void aMemberAddedOnOneNodeIsSubscribedOnTheOther() throws Exception {
        Session ada = nodeA.api.register("ada2m");
        Session cy = nodeA.api.register("cy2m");
        String room = nodeA.api.post("/api/chat/conversations", Map.of("name", "Later", "type", "group"), ada.token()).text("conversationId");
        try (SocketClient cyOnB = new SocketClient(nodeB.baseUrl(), cy.token(), "websocket").connect()) {
            nodeA.api.post("/api/chat/conversations/" + room + "/members", Map.of("userIds", List.of(cy.id())), ada.token());
            JSONObject update = cyOnB.next("conversation_updated", 5000);
            assertThat(update).isNotNull();
            assertThat(update.getString("conversationId")).isEqualTo(room);
            nodeA.api.post("/api/chat/send", Map.of("conversationId", room, "message", "welcome cy"), ada.token());
            JSONObject m = cyOnB.next("new_message", 5000);
            assertThat(m).isNotNull();
            assertThat(m.getString("message")).isEqualTo("welcome cy");
        }
    }
}
