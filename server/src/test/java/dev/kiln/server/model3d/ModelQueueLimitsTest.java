package dev.kiln.server.model3d;

import static dev.kiln.server.model3d.ModelTestSupport.accepted;
import static dev.kiln.server.model3d.ModelTestSupport.awaitStatus;
import static dev.kiln.server.model3d.ModelTestSupport.generate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Configured limits: one worker with a one-slot queue (503 when full), a small triangle cap, metrics. */
class ModelQueueLimitsTest {
    static KilnInstance kiln;
    static Api api;

    @BeforeAll
    static void start() {
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.model3d.worker-threads", "1");
        props.put("kiln.model3d.queue-capacity", "1");
        props.put("kiln.model3d.per-user-limit", "10");
        props.put("kiln.model3d.max-triangles", "3000");
        kiln = KilnInstance.start(props);
        api = kiln.api;
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    @AfterEach
    void openGate() {
        ModelTestSupport.Gate.remove(kiln);
    }

    @Test
    void aFullQueueAnswers503UntilAWorkerIsFree() throws Exception {
        Session ada = api.register("queue-ada");
        ModelTestSupport.Gate gate = ModelTestSupport.Gate.install(kiln);
        String running = accepted(api, ada, "a red cube", null);
        gate.awaitBlocked(1);
        String waiting = accepted(api, ada, "a blue cube", null);
        Response full = generate(api, ada, "a green cube", null, null);
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.header("Content-Type")).contains("problem+json");
        assertThat(full.header("Retry-After")).isNotNull();
        assertThat(full.text("detail")).contains("queue is full");
        try (SocketClient socket = new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect()) {
            JSONObject ack = socket.emitWithAck("generate_3d_model", new JSONObject(Map.of("description", "a green cube")));
            assertThat(ack.getJSONObject("error").getString("code")).isEqualTo("unavailable");
        }
        gate.release.countDown();
        awaitStatus(api, ada, running, "completed");
        awaitStatus(api, ada, waiting, "completed");
        assertThat(generate(api, ada, "a green cube", null, null).status()).isEqualTo(202);
    }

    @Test
    void aModelOverTheTriangleCapFailsWithTheReasonAndMetricsCountIt() throws Exception {
        Session ada = api.register("cap-ada");
        MeterRegistry metrics = kiln.bean(MeterRegistry.class);
        double failedBefore = metrics.get("kiln.3d.generations.failed").counter().count();
        double completedBefore = metrics.get("kiln.3d.generations.completed").counter().count();
        long timedBefore = metrics.get("kiln.3d.generation.time").timer().count();

        String big = accepted(api, ada, "ten spheres", null);
        Response failed = awaitStatus(api, ada, big, "failed");
        assertThat(failed.body().path("data").path("error").asString()).contains("triangles");
        assertThat(api.get("/api/3d/models/" + big + "/download?format=glb", ada.token()).status()).isEqualTo(409);

        String small = accepted(api, ada, "a cube", null);
        awaitStatus(api, ada, small, "completed");
        assertThat(metrics.get("kiln.3d.generations.failed").counter().count()).isEqualTo(failedBefore + 1);
        assertThat(metrics.get("kiln.3d.generations.completed").counter().count()).isEqualTo(completedBefore + 1);
        assertThat(metrics.get("kiln.3d.generation.time").timer().count()).isEqualTo(timedBefore + 1);

        // The same cap refuses an edited spec synchronously.
        Response tooBig = api.post("/api/3d/models/" + small + "/versions", Map.of("spec", Map.of("version", 1, "objects",
                java.util.Collections.nCopies(20, Map.of("shape", "sphere")))), ada.token());
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.text("detail")).contains("triangles");
    }
}
