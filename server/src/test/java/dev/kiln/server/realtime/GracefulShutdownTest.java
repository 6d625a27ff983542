package dev.kiln.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** A node shutting down tells its clients to reconnect, after the sends already in progress are stored. */
class GracefulShutdownTest {

    @Test
    void clientsAreToldToReconnectAndAckedSendsSurvive() throws Exception {
        Map<String, Object> props = TestDatabases.sqlite();
        KilnInstance kiln = KilnInstance.start(props);
        Session ada = kiln.api.register("shutdown");
        String room = kiln.api.post("/api/chat/conversations", Map.of("name", "Bye", "type", "group"), ada.token()).text("conversationId");
        String acked;
        try (SocketClient ws = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect();
             SocketClient polling = new SocketClient(kiln.baseUrl(), ada.token(), "polling").connect()) {
            acked = ws.emitWithAck("send_message", new JSONObject(Map.of("conversationId", room, "message", "last words")))
                    .getString("messageId");
            long started = System.currentTimeMillis();
            kiln.close();
            JSONObject notice = ws.next("server_shutdown", 5000);
            assertThat(notice).as("websocket client told to reconnect").isNotNull();
            assertThat(notice.getInt("reconnectAfterMs")).isPositive();
            assertThat(polling.next("server_shutdown", 5000)).as("polling client told to reconnect").isNotNull();
            assertThat(System.currentTimeMillis() - started).as("shutdown does not wait for idle connections").isLessThan(15_000);
        }
        KilnInstance again = KilnInstance.start(props);
        try {
            var messages = again.api.get("/api/chat/conversations/" + room, ada.token()).body().path("messages");
            assertThat(messages.findValuesAsString("id")).containsExactly(acked);
        } finally {
            again.close();
        }
    }
}
