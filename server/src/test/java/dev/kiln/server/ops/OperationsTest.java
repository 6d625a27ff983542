package dev.kiln.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OperationsTest {
    static KilnInstance kiln;

    @BeforeAll
    static void start() {
        kiln = KilnInstance.start(TestDatabases.sqlite());
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    @Test
    void readinessIncludesTheDatabase() {
        Api.Response ready = kiln.api.get("/actuator/health/readiness", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.text("status")).isEqualTo("UP");
        assertThat(kiln.api.get("/actuator/health", null).text("status")).isEqualTo("UP");
    }

    @Test
    void prometheusExportsSocketsMessagesAndDeliveryLatency() throws Exception {
        Session ada = kiln.api.register("metrics");
        String room = kiln.api.post("/api/chat/conversations", Map.of("name", "M", "type", "group"), ada.token()).text("conversationId");
        try (SocketClient socket = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect()) {
            socket.emitWithAck("send_message", new JSONObject(Map.of("conversationId", room, "message", "measured")));
            assertThat(socket.next("new_message", 5000)).isNotNull();
            String metrics = new String(kiln.api.get("/actuator/prometheus", null).raw(), StandardCharsets.UTF_8);
            assertThat(metrics).contains("kiln_sockets_connected{application=\"kiln\"} 1.0");
            assertThat(metrics).containsPattern("kiln_messages_stored_total\\{application=\"kiln\"} [1-9]");
            assertThat(metrics).contains("kiln_message_delivery_latency_seconds_bucket");
            assertThat(metrics).containsPattern("kiln_message_delivery_latency_seconds_count\\{application=\"kiln\"} [1-9]");
        }
    }

    @Test
    void openApiDescribesTheRestApi() {
        Api.Response docs = kiln.api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/chat/send")).isTrue();
        assertThat(docs.body().path("paths").has("/api/auth/register")).isTrue();
        assertThat(docs.body().path("paths").has("/api/files")).isTrue();
        assertThat(docs.body().path("info").path("title").asText()).isEqualTo("Kiln API");
        assertThat(docs.body().path("components").path("securitySchemes").path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(kiln.api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }
}
