package dev.kiln.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** An acknowledged message is durable: after a restart on the same data dir every acked id is there. */
class RestartDurabilityTest {

    @Test
    void acknowledgedMessagesSurviveARestart() throws Exception {
        KilnInstance kiln = KilnInstance.start(TestDatabases.sqlite());
        Session ada = kiln.api.register("durable");
        String room = kiln.api.post("/api/chat/conversations", Map.of("name", "Keep", "type", "group"), ada.token()).text("conversationId");
        List<String> acked = new ArrayList<>();
        try (SocketClient socket = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect()) {
            for (int i = 0; i < 50; i++) {
                JSONObject ack = socket.emitWithAck("send_message", new JSONObject(Map.of("conversationId", room, "message", "n" + i,
                        "clientMessageId", "d" + i)));
                acked.add(ack.getString("messageId"));
            }
        }
        kiln = kiln.restart();
        try {
            var page = kiln.api.get("/api/chat/conversations/" + room + "?limit=100", ada.token());
            List<String> stored = page.body().path("messages").findValuesAsString("id");
            assertThat(stored).containsExactlyElementsOf(acked);
            // The access token issued before the restart is still valid: the signing key was kept in the data dir.
            assertThat(kiln.api.get("/api/auth/verify", ada.token()).status()).isEqualTo(200);
        } finally {
            kiln.close();
        }
    }
}
