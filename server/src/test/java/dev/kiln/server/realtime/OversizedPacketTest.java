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
            // Far beyond the container's 8 KiB frame buffer and the 64 KB packet limit.
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
}
