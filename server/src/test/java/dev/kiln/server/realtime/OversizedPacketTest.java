package dev.kiln.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A packet over the limit is refused with too_large, stores nothing, and the WebSocket stays usable. */
class OversizedPacketTest {
    static KilnInstance kiln;

    @BeforeAll
    static void start() {
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.limits.socket-packet-max", "64KB");
        kiln = KilnInstance.start(props);
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    @Test
    void anOversizedFrameGetsATooLargeAckAndTheConnectionSurvives() throws Exception {
        Session ada = kiln.api.register("bigframes");
        String room = kiln.api.post("/api/chat/conversations", Map.of("name", "Big", "type", "group"), ada.token()).text("conversationId");
        try (SocketClient socket = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect()) {
            // Far beyond the container's 1 KiB frame buffers and the 64 KB packet limit.
            JSONObject ack = socket.emitWithAck("send_message", new JSONObject(Map.of("conversationId", room, "message", "x".repeat(300_000))));
            assertThat(ack.getJSONObject("error").getString("code")).isEqualTo("too_large");
            // Between the frame buffer and the limit: whole, and refused by the message rules instead.
            JSONObject tooLong = socket.emitWithAck("send_message", new JSONObject(Map.of("conversationId", room, "message", "y".repeat(20_000))));
            assertThat(tooLong.getJSONObject("error").getString("code")).isEqualTo("too_large");
            JSONObject ok = socket.emitWithAck("send_message", new JSONObject(Map.of("conversationId", room, "message", "still here")));
            assertThat(ok.has("messageId")).as(ok.toString()).isTrue();
        }
        var messages = kiln.api.get("/api/chat/conversations/" + room, ada.token()).body().path("messages");
        assertThat(messages.findValuesAsString("message")).containsExactly("still here");
    }

    @Test
    void aLongMultibyteMessageCrossesTheSmallBuffersIntact() throws Exception {
        // Several times the 512-char text buffer and the 1 KiB WebSocket buffers, with 2- and 4-byte UTF-8
        // characters that land on part boundaries, on the way in (partial reads) and out (split writes).
        String text = "é".repeat(1500) + "🙂".repeat(1200) + "end";
        Session ada = kiln.api.register("longutf8");
        Session bob = kiln.api.register("longutf8b");
        String room = kiln.api.post("/api/chat/conversations",
                Map.of("name", "Long", "type", "group", "participantIds", java.util.List.of(bob.id())), ada.token()).text("conversationId");
        try (SocketClient sender = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect();
             SocketClient reader = new SocketClient(kiln.baseUrl(), bob.token(), "websocket").connect()) {
            assertThat(reader.emitWithAck("join_conversation", new JSONObject(Map.of("conversationId", room))).optBoolean("ok")).isTrue();
            JSONObject ack = sender.emitWithAck("send_message", new JSONObject(Map.of("conversationId", room, "message", text)));
            assertThat(ack.has("messageId")).as(ack.toString()).isTrue();
            JSONObject received = reader.next("new_message", 10_000);
            assertThat(received.getString("message")).isEqualTo(text);
        }
    }
}
